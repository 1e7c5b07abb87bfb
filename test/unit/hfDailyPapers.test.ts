import * as assert from 'assert';
import fc from 'fast-check';
import { type HfDailyPapers, type HfDailyPapersResult, parseHfDailyPapers } from '../../src/core/sources/hfDailyPapers';
import { DAILY_PAPERS } from './support/apiFixtures';

function papersOf(result: HfDailyPapersResult): HfDailyPapers {
  assert.ok(result.ok, `expected papers, got ${JSON.stringify(result)}`);
  return result.papers;
}

describe('Hugging Face daily papers reader', () => {
  const day = JSON.stringify(DAILY_PAPERS['2025-02-18']);

  it('reads each paper into the arXiv record shape, without categories', () => {
    const { records } = papersOf(parseHfDailyPapers(day));
    assert.deepStrictEqual(records[0], {
      arxiv: '2502.12345',
      title: 'Sparse Frontier: Long-Context Retrieval with Learned Block Sparsity',
      // Plain text: markup and entities in the JSON stay as they were written.
      abstract: 'Long-context inference is dominated by attention over the KV cache. We learn which blocks to keep <b>per head</b> &amp; show 3x speedups.',
      authors: ['Mei Lin', 'Tomás Ruiz', 'Ada Okafor'],
      published: { year: 2025, month: 2, day: 17 },
      categories: [],
      links: [
        { kind: 'abstract', url: 'https://arxiv.org/abs/2502.12345' },
        { kind: 'pdf', url: 'https://arxiv.org/pdf/2502.12345' },
        { kind: 'other', url: 'https://huggingface.co/papers/2502.12345' },
        { kind: 'other', url: 'https://github.com/example/sparse-frontier' },
      ],
    });
    // A project page that is not an http(s) URL is dropped.
    assert.deepStrictEqual(records[1].links.map(l => l.url), [
      'https://arxiv.org/abs/2410.10819', 'https://arxiv.org/pdf/2410.10819', 'https://huggingface.co/papers/2410.10819',
    ]);
  });

  it('turns partial and malformed items into problems and keeps the valid ones', () => {
    const papers = papersOf(parseHfDailyPapers(day));
    assert.deepStrictEqual(papers.records.map(r => r.arxiv), ['2502.12345', '2410.10819']);
    assert.deepStrictEqual(papers.problems, [
      { index: 2, id: '2502.11111', message: 'the paper has no title' },
      { index: 3, message: 'the item has no paper' },
      { index: 4, message: 'the paper id "not-an-id" is not an arXiv identifier' },
      { index: 5, id: '2502.22222', message: 'the paper has no date' },
      { index: 6, message: 'the item is not an object' },
    ]);
  });

  it('reports a paper listed twice once', () => {
    const item = DAILY_PAPERS['2025-02-18'][0];
    const papers = papersOf(parseHfDailyPapers(JSON.stringify([item, item])));
    assert.deepStrictEqual([papers.records.length, papers.problems], [1, [{ index: 1, id: '2502.12345', message: 'the paper is listed twice' }]]);
  });

  it('reads an empty day as no papers', () => {
    assert.deepStrictEqual(papersOf(parseHfDailyPapers('[]')), { records: [], problems: [] });
  });

  it('returns a typed error for answers that are not a list of papers', () => {
    for (const [body, says] of [
      ['<html>Bad gateway</html>', 'not JSON (it starts "<html>Bad gateway</html>")'],
      ['', 'empty'],
      ['{"error":"Invalid date format"}', 'not a list of papers: Invalid date format'],
      ['[{"paper":', 'not JSON'],
      ['null', 'not a list of papers'],
    ] as const) {
      const result = parseHfDailyPapers(body);
      assert.ok(!result.ok && result.error.message.includes(says), `${body}: ${JSON.stringify(result)}`);
    }
  });

  it('never throws, whatever JSON it is given', () => {
    fc.assert(fc.property(fc.oneof(fc.json(), fc.array(fc.record({ paper: fc.anything() })).map(a => JSON.stringify(a)), fc.string()), body => {
      const result = parseHfDailyPapers(body);
      if (result.ok) {
        for (const r of result.papers.records) assert.ok(r.title.length > 0 && r.categories.length === 0);
      }
    }), { numRuns: 300 });
  });
});
