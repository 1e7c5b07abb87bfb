// `trace` is `detect` with its reasons recorded: the accepted traces must be exactly the mentions,
// on every dev note (end to end, on the bundled corpus) and on random text over invented papers.
import * as assert from 'assert';
import fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { type Mention, MentionDetector, type MentionTrace } from '../../src/core/mentions';
import { birdLibrary } from './mentionFixtures';
import { corpusData, ROOT } from './testCorpus';

const DEV_NOTES = path.join(ROOT, '..', 'shared', 'eval', 'mentions.dev.json');

/** The mentions a trace reports: its accepted entries, as `detect` gives them. */
function mentionsOf(traces: readonly MentionTrace[]): Mention[] {
  return traces.filter(t => t.accepted).map(t => ({ start: t.start, end: t.end, text: t.text, papers: t.papers, ambiguous: t.papers.length > 1 }));
}

describe('mention traces', () => {
  it('agree with detect on every dev note', function () {
    if (!fs.existsSync(DEV_NOTES)) {
      console.log(`      (skipped: the dev notes are not at ${DEV_NOTES})`);
      this.skip();
    }
    const notes = JSON.parse(fs.readFileSync(DEV_NOTES, 'utf8')) as { id: string; text: string }[];
    assert.ok(notes.length > 0);
    const detector = new MentionDetector(corpusData().papers);
    let weighed = 0;
    for (const note of notes) {
      const traces = detector.trace(note.text);
      assert.deepStrictEqual(mentionsOf(traces), detector.detect(note.text), `note ${note.id}`);
      weighed += traces.filter(t => t.scores.length).length;
    }
    // The notes are full of names that need evidence: the traces weighed some.
    assert.ok(weighed > 20, `only ${weighed} traces weighed evidence`);
  });

  it('agree with detect on random text over invented papers', () => {
    const detector = new MentionDetector(birdLibrary());
    const piece = fc.constantFrom(
      'Heron', 'Otter', 'FooBarNet', 'FooBarNet-7B', 'Heron-VL', 'streaming memory', 'evicts stale observations', 'retrieval heads',
      'long documents', 'the river', 'a heron', '. ', '\n', '\n\n', '- ', '# ', '(Okafor et al., 2025)', 'Heron (HRN)', ', ',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), pieces => {
        const text = pieces.join(' ');
        assert.deepStrictEqual(mentionsOf(detector.trace(text)), detector.detect(text));
      }),
      { numRuns: 300 },
    );
  });

  it('say what each candidate weighed and why a match was kept or dropped', () => {
    const detector = new MentionDetector(birdLibrary());
    const [kept] = detector.trace('Heron evicts stale observations from the streaming memory of agents.');
    assert.strictEqual(kept.accepted, true);
    assert.deepStrictEqual(kept.papers, ['heron']);
    assert.strictEqual(kept.scores[0].paper, 'heron');
    assert.ok(kept.scores[0].words >= 5, `words ${kept.scores[0].words}`);
    const parts = kept.scores[0];
    assert.strictEqual(parts.score, parts.words + parts.coMentions + parts.citation + parts.line + parts.shared);
    const [dropped] = detector.trace('A Heron stood in the river.');
    assert.deepStrictEqual([dropped.accepted, dropped.papers, dropped.reason], [false, [], 'too little evidence']);
    const [plain] = detector.trace('FooBarNet is fast.');
    assert.deepStrictEqual([plain.accepted, plain.reason, plain.scores], [true, 'needs no evidence', []]);
  });
});
