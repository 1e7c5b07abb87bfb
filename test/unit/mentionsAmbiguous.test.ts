// The candidates of an ambiguous name are ordered, and narrowed, by each one's own evidence — the
// same evidence that resolves a name of one paper — whether or not the name needed evidence to be
// accepted. Evidence every candidate gets alike (a size suffix, a gloss) decides whether the name
// is a mention, never which paper it is.
import * as assert from 'assert';
import { MentionDetector } from '../../src/core/mentions';
import { paper, strictName, zebraLibrary } from './mentionFixtures';

const detector = new MentionDetector(zebraLibrary());

/** [text, ...papers] of every mention of Zebra. */
function zebras(text: string): string[][] {
  return detector
    .detect(text)
    .filter(m => m.text.startsWith('Zebra'))
    .map(m => [m.text, ...m.papers]);
}

describe('ambiguous names', () => {
  it('list every candidate, best first by the words of the sentence', () => {
    // Library order is vision first; the sentence's words decide which comes first. (Scores 6.4
    // against 3.9, and 7.5 against 3.9: both past the threshold, neither twice the other.)
    assert.deepStrictEqual(zebras('Zebra applies attention over image tiles to a language model.'), [['Zebra', 'zebra-vision', 'zebra-long']]);
    assert.deepStrictEqual(zebras('Zebra applies attention to a long language context.'), [['Zebra', 'zebra-long', 'zebra-vision']]);
  });

  it('are ordered the same when a suffix makes evidence unnecessary', () => {
    assert.deepStrictEqual(zebras('Zebra-7B applies attention over image tiles to a language model.'), [['Zebra-7B', 'zebra-vision', 'zebra-long']]);
    assert.deepStrictEqual(zebras('Zebra-7B applies attention to a long language context.'), [['Zebra-7B', 'zebra-long', 'zebra-vision']]);
  });

  it('narrow to the paper the sentence clearly speaks of, with or without a suffix', () => {
    assert.deepStrictEqual(zebras('Zebra segments satellite imagery.'), [['Zebra', 'zebra-vision']]);
    // The suffix adds the same to both candidates: it must not keep the other one in.
    assert.deepStrictEqual(zebras('Zebra-7B segments satellite imagery.'), [['Zebra-7B', 'zebra-vision']]);
  });

  it('credit a paper mentioned elsewhere on the line only to the candidate it cites', () => {
    // Gnu is named by the long-context Zebra only, Okapi by the vision Zebra only.
    assert.deepStrictEqual(zebras('Gnu quantizes caches. Zebra came up too.'), [['Zebra', 'zebra-long']]);
    assert.deepStrictEqual(zebras('Okapi encodes images. Zebra came up too.'), [['Zebra', 'zebra-vision']]);
    // Not across a line.
    assert.deepStrictEqual(zebras('Okapi encodes images.\nZebra came up too.'), []);
  });

  describe('spelt as one candidate spells its own name', () => {
    // Two papers share "Kestrel": the vision one spells itself KESTREL (a curated alias lets
    // "Kestrel" reach it too), the long-context one Kestrel — as GIRAFFE and Giraffe in the corpus.
    // The vision title doubles "extend", so its words score 6.39 against 5.09 below.
    const kestrels = new MentionDetector([
      paper({
        id: 'kestrel-vision',
        title: 'KESTREL: Extending the Context of Vision Models',
        shortName: 'KESTREL',
        abstract: 'We extend the context of vision models to many images; our Kestrel reads hundreds of frames with a rotary position scheme.',
        aliases: [strictName('KESTREL', true), { name: 'Kestrel', origin: 'curated', strict: true, ambiguous: true }],
      }),
      paper({
        id: 'kestrel-long',
        title: 'Kestrel: Adventures in Expanding Context Lengths',
        shortName: 'Kestrel',
        abstract: 'Kestrel extends the context window of a language model to 32k tokens by modifying its rotary basis.',
        aliases: [strictName('Kestrel', true)],
      }),
      paper({ title: 'Gated Recurrence at Scale', abstract: 'A gated recurrent layer trained on long documents.' }),
      paper({ title: 'Benchmarks for Long Inputs', abstract: 'A benchmark of long inputs with questions about distant facts.' }),
      paper({ title: 'Sparse Attention Kernels', abstract: 'Sparse kernels make attention over long sequences fast.' }),
    ]);
    const found = (text: string) => kestrels.detect(text).map(m => [m.text, ...m.papers]);

    it('come first when the evidence is close', () => {
      // 5.09 + OWN_SPELLING against 6.39: off, the vision paper would come first.
      assert.deepStrictEqual(found('Kestrel extends the context to 32k.'), [['Kestrel', 'kestrel-long', 'kestrel-vision']]);
    });

    it('do not outweigh words only the other candidate uses, nor narrow, nor make a mention', () => {
      // 9.28 against 4.39: the rotary scheme and the images are the vision paper's.
      assert.deepStrictEqual(found('Kestrel extends context with a rotary scheme.'), [['Kestrel', 'kestrel-vision', 'kestrel-long']]);
      assert.deepStrictEqual(found('Kestrel reads frames of images.'), [['Kestrel', 'kestrel-vision']]);
      assert.deepStrictEqual(found('A Kestrel hovered over the field.'), []);
    });
  });
});
