import * as assert from 'assert';
import fc from 'fast-check';
import { HfDailyPapersClient, type HfDailyPapersClientOptions } from '../../src/core/net/hfDailyPapersClient';
import { type HfDailyPapers, type HfDailyPapersResult, parseHfDailyPapers } from '../../src/core/sources/hfDailyPapers';
import { NodeHttpTransport } from '../../src/node/httpTransport';
import { DAILY_PAPERS } from './support/apiFixtures';
import { FakeApiServer, closedPortUrl } from './support/fakeApiServer';

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

  describe('client, against a local server through the real Node transport', () => {
    let server: FakeApiServer;
    const sleeps: number[] = [];
    const client = (options: Partial<HfDailyPapersClientOptions> = {}) => new HfDailyPapersClient({
      transport: new NodeHttpTransport(), endpoint: server.hfEndpoint, timeoutMs: 5000,
      clock: { now: () => Date.now(), sleep: async ms => void sleeps.push(ms) }, ...options,
    });
    beforeEach(async () => {
      server = await FakeApiServer.start();
      sleeps.length = 0;
    });
    afterEach(() => server.close());

    it('fetches a day by date string or date record', async () => {
      const r = await client().fetch('2025-02-18');
      assert.ok(r.ok, JSON.stringify(r));
      assert.deepStrictEqual([r.date, r.records.map(p => p.arxiv), r.problems.length], ['2025-02-18', ['2502.12345', '2410.10819'], 5]);
      const empty = await client().fetch({ year: 2025, month: 2, day: 16 });
      assert.deepStrictEqual(empty, { ok: true, date: '2025-02-16', records: [], problems: [] });
      assert.deepStrictEqual(server.requests.map(q => [q.path, q.query.get('date')]), [['/api/daily_papers', '2025-02-18'], ['/api/daily_papers', '2025-02-16']]);
    });

    it('refuses a date that does not exist without asking', async () => {
      for (const bad of ['2025-02-30', '18.02.2025', '2025-2-18', { year: 2025, month: 13, day: 1 }]) {
        const r = await client().fetch(bad);
        assert.ok(!r.ok && r.error.kind === 'invalidInput', JSON.stringify(r));
      }
      assert.strictEqual(server.requests.length, 0);
    });

    it('reports HTTP errors, unreadable answers, a short Retry-After honoured once, and a timeout', async () => {
      server.script({ kind: 'status', status: 400, contentType: 'application/json', body: '{"error":"Invalid date"}' });
      const bad = await client().fetch('2025-02-18');
      assert.deepStrictEqual(bad.ok ? bad : bad.error, { kind: 'http', status: 400, message: 'Hugging Face answered HTTP 400' });

      server.script({ kind: 'status', status: 200, contentType: 'text/html', body: '<html>Bad gateway</html>' });
      const html = await client().fetch('2025-02-18');
      assert.ok(!html.ok && html.error.kind === 'malformed' && html.error.message.startsWith("Hugging Face's answer could not be read: the answer is not JSON"), JSON.stringify(html));

      server.script({ kind: 'retryAfter', value: '3' });
      const retried = await client().fetch('2025-02-18');
      assert.ok(retried.ok && sleeps.some(ms => ms >= 2900), `${JSON.stringify(retried).slice(0, 80)} ${sleeps}`);

      server.script({ kind: 'hang' });
      const late = await client({ timeoutMs: 100 }).fetch('2025-02-18');
      assert.deepStrictEqual(late.ok ? late : late.error, { kind: 'timeout', message: 'Hugging Face did not answer within 100 ms' });
    });

    it('says when Hugging Face cannot be reached', async () => {
      const endpoint = await closedPortUrl('/api/daily_papers');
      const r = await new HfDailyPapersClient({ transport: new NodeHttpTransport(), endpoint }).fetch('2025-02-18');
      assert.deepStrictEqual(r.ok ? r : r.error, { kind: 'unreachable', message: `Hugging Face could not be reached: connection refused by ${new URL(endpoint).host}` });
    });
  });
});
