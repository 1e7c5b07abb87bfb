// The views' pure logic (src/ui/), over small hand-made papers and an in-memory document type.
import * as assert from 'assert';
import type { Paper, Topic } from '../../src/core/library/model';
import { completionNames, rankCompletions } from '../../src/ui/completionNames';
import { DocumentScanCache, type MentionFinder } from '../../src/ui/documentScanCache';
import { groupMentions, occurrencePreview } from '../../src/ui/mentionGroups';
import { compareByYearThenName, groupPapers } from '../../src/ui/paperGroups';

const TOPICS: Topic[] = [
  { id: 'memory', label: 'Memory', description: 'Memory' },
  { id: 'serving', label: 'Serving', description: 'Serving' },
];

function paper(id: string, fields: Partial<Paper> = {}): Paper {
  return { id, title: `Title ${id}`, abstract: '', firstAuthor: 'Doe', shortName: null, aliases: [], topics: ['memory'], links: [], year: 2024, ...fields };
}

describe('paper groups (the Papers view)', () => {
  const papers = [
    paper('b', { shortName: 'beta', year: 2024 }),
    paper('a', { shortName: 'Alpha', year: 2024 }),
    paper('c', { shortName: 'Gamma', year: 2023, topics: ['serving'] }),
    paper('d', { shortName: 'Delta', year: undefined, topics: [] }),
    paper('e', { shortName: 'Epsilon', year: 2025, topics: ['unknown-topic'] }),
  ];

  it('groups by primary topic in the curated order, year then name inside, and "Other" for the rest', () => {
    const groups = groupPapers({ topics: TOPICS }, papers, 'topic');
    assert.deepStrictEqual(groups.map(g => [g.label, g.papers.map(p => p.id)]), [
      ['Memory', ['a', 'b']],
      ['Serving', ['c']],
      ['Other', ['e', 'd']],
    ]);
  });

  it('labels a topic group with its short label when it has one, the full label in the tooltip', () => {
    const [group] = groupPapers({ topics: [{ id: 'memory', label: 'Memory & context compression', shortLabel: 'Memory', description: 'Keeping the past.' }] }, papers, 'topic');
    assert.deepStrictEqual([group.label, group.tooltip], ['Memory', 'Memory & context compression: Keeping the past.']);
  });

  it('groups by year, newest first, unknown years last', () => {
    const groups = groupPapers({ topics: TOPICS }, papers, 'year');
    assert.deepStrictEqual(groups.map(g => [g.label, g.papers.map(p => p.id)]), [
      ['2025', ['e']], ['2024', ['a', 'b']], ['2023', ['c']], ['Year unknown', ['d']],
    ]);
  });

  it('sorts by year, then by name ignoring case', () => {
    assert.deepStrictEqual([...papers].sort(compareByYearThenName).map(p => p.id), ['c', 'a', 'b', 'e', 'd']);
    assert.deepStrictEqual(groupPapers({ topics: TOPICS }, papers, 'none')[0].papers.map(p => p.id), ['c', 'a', 'b', 'e', 'd']);
  });
});

describe('mention groups ("In This Document")', () => {
  const lib = new Map([['p1', paper('p1', { shortName: 'Zebrafish' })], ['p2', paper('p2', { shortName: 'Quokka' })], ['p3', paper('p3', { shortName: 'Quokka2' })]]);
  it('groups occurrences by paper (or candidate set) in order of first appearance', () => {
    const m = (start: number, text: string, papers: string[]) => ({ start, end: start + text.length, text, papers, ambiguous: papers.length > 1 });
    const groups = groupMentions([m(0, 'Quokka', ['p2']), m(10, 'Zebrafish', ['p1']), m(30, 'Q', ['p3', 'p2']), m(40, 'quokka', ['p2']), m(50, 'Q', ['p2', 'p3']), m(60, 'X', ['gone'])], id => lib.get(id));
    assert.deepStrictEqual(groups.map(g => [g.label, g.occurrences.map(o => o.start), g.paper?.id]), [
      ['Quokka', [0, 40], 'p2'],
      ['Zebrafish', [10], 'p1'],
      ['Q (ambiguous: 2 papers)', [30, 50], undefined],
    ]);
  });
  it('previews an occurrence with some context either side', () => {
    const line = `${'x'.repeat(50)} see Zebrafish here ${'y'.repeat(80)}`;
    const preview = occurrencePreview(line, 55, 9);
    assert.ok(preview.startsWith('…') && preview.includes('see Zebrafish here'), preview);
    assert.ok(preview.length < 90, preview);
    assert.strictEqual(occurrencePreview('Zebrafish rocks', 0, 9), 'Zebrafish rocks');
  });
});

describe('completion ranking', () => {
  const papers = [
    paper('duo', { shortName: 'DuoAttention', aliases: [{ name: 'DuoAttention', origin: 'title' }, { name: 'Duo-Attention', origin: 'variant' }] }),
    paper('long', { title: 'Does Unusual Ordering Help Long Context Reasoning Models', shortName: null }),
    paper('mem', { shortName: 'LongMem', title: 'LongMem: Learning to Memorize Long Contexts', aliases: [{ name: 'LongMem', origin: 'title' }, { name: 'Learning to Memorize Long Contexts', origin: 'abstract' }] }),
    paper('duet', { shortName: 'Duet', aliases: [{ name: 'Duet', origin: 'title' }] }),
  ];
  const names = completionNames(papers);

  it('offers short and coined names, not spelling variants; a title when a paper has no name', () => {
    assert.deepStrictEqual(names.map(n => n.name), ['DuoAttention', 'Does Unusual Ordering Help Long Context Reasoning Models', 'LongMem', 'Learning to Memorize Long Contexts', 'Duet']);
  });

  it('keeps only names the typed prefix starts, best match first, and drops scattered-letter matches', () => {
    assert.deepStrictEqual(rankCompletions(names, 'Duo').map(n => n.name), ['DuoAttention']);
    assert.deepStrictEqual(rankCompletions(names, 'du').map(n => n.name), ['Duet', 'DuoAttention']);
    assert.deepStrictEqual(rankCompletions(names, 'duo-att').map(n => n.name), ['DuoAttention']);
    assert.deepStrictEqual(rankCompletions(names, 'duet').map(n => [n.name, n.rank]), [['Duet', 3]]);
    assert.deepStrictEqual(rankCompletions(names, 'Memo').map(n => n.name), ['Learning to Memorize Long Contexts'], 'a later word of a name');
    assert.deepStrictEqual(rankCompletions(names, 'Mem').map(n => n.name), ['LongMem', 'Learning to Memorize Long Contexts'], 'the CamelCase part of a name counts as a word');
    assert.strictEqual(rankCompletions(names, '').length, names.length);
  });
});

describe('document scan cache', () => {
  class CountingFinder implements MentionFinder {
    runs = 0;
    detect(text: string) {
      this.runs++;
      const at = text.indexOf('Zebrafish');
      return at < 0 ? [] : [{ start: at, end: at + 9, text: 'Zebrafish', papers: ['p1'], ambiguous: false }];
    }
  }

  it('scans once per document version, again after an edit, and again when the library (its detector) changes', () => {
    let finder = new CountingFinder();
    const cache = new DocumentScanCache(() => finder);
    const doc = { key: 'file:///a.md', version: 1, text: 'see Zebrafish', getText() { return this.text; } };
    assert.strictEqual(cache.mentionAt(doc, 5)?.text, 'Zebrafish');
    cache.mentions(doc);
    cache.mentionAt(doc, 0);
    assert.strictEqual(finder.runs, 1);
    doc.version = 2;
    doc.text = 'nothing';
    assert.deepStrictEqual(cache.mentions(doc), []);
    assert.strictEqual(finder.runs, 2);
    const old = finder;
    finder = new CountingFinder();
    cache.mentions(doc);
    assert.strictEqual(finder.runs, 1, 'a new detector scans again');
    assert.strictEqual(old.runs, 2);
    assert.strictEqual(cache.scans, 3);
  });

  it('refuses a document over the limit, says so, and never runs the detector on it', () => {
    const finder = new CountingFinder();
    const cache = new DocumentScanCache(() => finder, 10);
    const doc = { key: 'k', version: 1, getText: () => 'Zebrafish and more words' };
    assert.deepStrictEqual(cache.mentions(doc), []);
    assert.strictEqual(cache.isTooLarge(doc), true);
    assert.strictEqual(finder.runs, 0);
  });
});
