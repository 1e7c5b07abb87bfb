import * as assert from 'assert';
import fc from 'fast-check';
import { type Mention, MentionDetector } from '../../src/core/mentions';
import { contextWindow } from '../../src/core/mentions/context';
import { corpusData } from './testCorpus';

let detector: MentionDetector | undefined;
function corpusDetector(): MentionDetector {
  return (detector ??= new MentionDetector(corpusData().papers));
}

/** What every result must satisfy, whatever the input. */
function assertWellFormed(text: string, mentions: readonly Mention[], ids: ReadonlySet<string>): void {
  let previousEnd = 0;
  for (const m of mentions) {
    assert.ok(Number.isInteger(m.start) && Number.isInteger(m.end) && m.start >= previousEnd && m.end > m.start && m.end <= text.length, `bad span ${m.start}-${m.end}`);
    assert.strictEqual(m.text, text.slice(m.start, m.end));
    assert.ok(m.papers.length > 0 && m.papers.every(p => ids.has(p)), `bad papers ${m.papers}`);
    assert.strictEqual(new Set(m.papers).size, m.papers.length);
    assert.strictEqual(m.ambiguous, m.papers.length > 1);
    previousEnd = m.end;
  }
}

/** Any UTF-16 code unit, lone surrogates included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map(c => String.fromCharCode(c));
/** Text as notes have it: words, blanks, punctuation, markdown, and now and then anything. */
const noteChar = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789') },
  { weight: 3, arbitrary: fc.constantFrom(' ', ' ', '\n', '\t', '-', '_', '.', ',', ':', "'", '’', '(', ')', '[', ']', '#', '*', '+', '/', '²', '^', '$') },
  { weight: 1, arbitrary: codeUnit },
);

describe('mention detection properties', () => {
  const papers = corpusData().papers;
  const ids = new Set(papers.map(p => p.id));
  const names = [...new Set(papers.flatMap(p => [p.title, ...(p.arxivTitle ? [p.arxivTitle] : []), ...p.aliases.map(a => a.name)]))];
  /** Names that count wherever they stand between blanks: distinctive, one paper, no evidence needed. */
  const plainNames = papers.flatMap(p => p.aliases.filter(a => !a.strict && !a.ambiguous).map(a => ({ name: a.name, id: p.id })));

  it('never throws, and every mention is its text slice, sorted and non-overlapping, on random UTF-16', () => {
    const d = corpusDetector();
    fc.assert(
      fc.property(fc.string({ unit: codeUnit, maxLength: 400 }), text => {
        assertWellFormed(text, d.detect(text), ids);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps those properties when real names are spliced into random text', () => {
    const d = corpusDetector();
    const piece = fc.oneof(fc.string({ unit: noteChar, maxLength: 30 }), fc.constantFrom(...names), fc.constantFrom(...names).map(n => `${n}'s`));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 25 }), fc.constantFrom('', ' ', '-', '\n', '\n\n', '. '), (pieces, glue) => {
        const text = pieces.join(glue);
        assertWellFormed(text, d.detect(text), ids);
      }),
      { numRuns: 300 },
    );
  });

  it('finds a distinctive name set between blanks in random text', () => {
    const d = corpusDetector();
    fc.assert(
      fc.property(fc.string({ unit: noteChar, maxLength: 60 }), fc.constantFrom(...plainNames), fc.string({ unit: noteChar, maxLength: 60 }), (before, { name, id }, after) => {
        const text = `${before} ${name} ${after}`;
        const start = before.length + 1;
        const end = start + name.length;
        const mentions = d.detect(text);
        assertWellFormed(text, mentions, ids);
        // A longer name may begin earlier and take it in, but some mention covers the name.
        const covering = mentions.filter(m => m.start < end && m.end > start);
        assert.ok(covering.length > 0, `${JSON.stringify(name)} not found in ${JSON.stringify(text)}`);
        if (covering.length === 1 && covering[0].start === start && covering[0].end === end) assert.ok(covering[0].papers.includes(id));
      }),
      { numRuns: 500 },
    );
  });

  it('finds the mention at every offset inside it and none outside', () => {
    const d = corpusDetector();
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ unit: noteChar, maxLength: 12 }), fc.constantFrom(...plainNames.map(n => n.name))), { maxLength: 12 }), pieces => {
        const text = pieces.join(' ');
        const mentions = d.detect(text);
        for (let offset = 0; offset <= text.length; offset++) {
          const inside = mentions.find(m => m.start <= offset && offset < m.end);
          assert.strictEqual(d.mentionAt(mentions, offset), inside);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('finds the same sentence from collected break positions as by reading the text', () => {
    const markdownish = fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...'abc XYZ 12') },
      { weight: 3, arbitrary: fc.constantFrom('. ', '.', '! ', '? ', '\n', '\n\n', '\n- ', '\n# ', '\n1. ', 'e.g. ', 'E.T. ', '|', '> ', '  ') },
    );
    fc.assert(
      fc.property(fc.string({ unit: markdownish, maxLength: 300 }), fc.nat(), fc.nat(20), (text, at, length) => {
        const start = text.length ? at % text.length : 0;
        const end = Math.min(text.length, start + length);
        const positions: number[] = [];
        for (let i = 0; i < text.length; i++) if ('.!?\n'.includes(text[i])) positions.push(i);
        const breaks = { positions: Int32Array.from(positions), count: positions.length };
        assert.deepStrictEqual(contextWindow(text, start, end, breaks), contextWindow(text, start, end));
      }),
      { numRuns: 500 },
    );
  });
});
