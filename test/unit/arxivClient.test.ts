import * as assert from 'assert';
import * as fs from 'fs';
import { builtinModules } from 'module';
import * as path from 'path';
import { type ArxivCache, type ArxivLookup, ArxivClient, type ArxivClientOptions, titleKey } from '../../src/core/net/arxivClient';
import type { Clock } from '../../src/core/net/clock';
import { parseRetryAfter } from '../../src/core/net/politeGet';
import { type HttpGetOptions, type HttpResponse, type HttpTransport, TransportError } from '../../src/core/net/transport';
import type { ArxivRecord } from '../../src/core/sources/arxivAtom';
import { NodeHttpTransport, type NodeHttpTransportOptions } from '../../src/node/httpTransport';
import { ENTRIES, atomErrorFeed, atomFeed } from './support/apiFixtures';
import { FakeApiServer, LEGACY_EMPTY_ID, closedPortUrl } from './support/fakeApiServer';

/** Real time, but waits (Retry-After, the interval) are recorded and skipped. */
function recordingClock(): Clock & { sleeps: number[] } {
  const sleeps: number[] = [];
  return { sleeps, now: () => Date.now(), sleep: async ms => void sleeps.push(ms) };
}

class MapCache implements ArxivCache {
  readonly map = new Map<string, ArxivRecord>();
  get(key: string) {
    return this.map.get(key);
  }
  async set(key: string, record: ArxivRecord) {
    this.map.set(key, record);
  }
}

function summary(results: ArxivLookup[]): [string, string, string][] {
  return results.map(r => [r.input, r.ok ? `${r.record.arxiv}${r.record.version ?? ''}` : r.error.kind, r.ok ? String(r.cached) : r.error.message]);
}

describe('arXiv client', () => {
  describe('against a local server, through the real Node transport', () => {
    let server: FakeApiServer;
    let clock: ReturnType<typeof recordingClock>;
    const client = (options: Partial<ArxivClientOptions> = {}) =>
      new ArxivClient({ transport: new NodeHttpTransport(), endpoint: server.arxivEndpoint, minIntervalMs: 0, clock, timeoutMs: 5000, ...options });

    beforeEach(async () => {
      server = await FakeApiServer.start();
      clock = recordingClock();
    });
    afterEach(() => server.close());

    it('fetches one paper with an id_list request', async () => {
      const [r] = await client().fetch(['2410.10819']);
      assert.ok(r.ok);
      assert.strictEqual(r.record.title, 'DuoAttention: Efficient Long-Context LLM Inference with Retrieval and Streaming Heads');
      assert.deepStrictEqual(server.requests.map(q => [q.path, q.query.get('id_list'), q.query.get('max_results')]), [['/api/query', '2410.10819', '1']]);
    });

    it('sends batches and answers per id, in the order asked, whatever order the API answers in', async () => {
      const inputs = ['https://arxiv.org/abs/2410.10819', 'arXiv:2309.12307', '10.48550/arXiv.2309.17453', '1706.03762', 'hep-th/9711200'];
      const results = await client({ batchSize: 2 }).fetch(inputs);
      assert.deepStrictEqual(results.map(r => r.ok && r.record.arxiv), ['2410.10819', '2309.12307', '2309.17453', '1706.03762', 'hep-th/9711200']);
      assert.deepStrictEqual(server.requests.map(q => q.query.get('id_list')), ['2410.10819,2309.12307', '2309.17453,1706.03762', 'hep-th/9711200']);
      assert.strictEqual(server.maxConcurrent, 1);
    });

    it('asks for a version when one is given, and the latest otherwise', async () => {
      const results = await client().fetch(['2309.12307v1', '2309.12307', '2309.12307v1']);
      assert.deepStrictEqual(summary(results).map(s => s.slice(0, 2)), [['2309.12307v1', '2309.12307v1'], ['2309.12307', '2309.12307v3'], ['2309.12307v1', '2309.12307v1']]);
      assert.deepStrictEqual(server.requests.map(q => q.query.get('id_list')), ['2309.12307v1,2309.12307']);
    });

    it('reports unknown ids (no entry, or an empty one) and non-ids, and keeps the rest', async () => {
      const results = await client().fetch(['2502.99999', LEGACY_EMPTY_ID, 'not an id', '1706.03762']);
      assert.deepStrictEqual(summary(results), [
        ['2502.99999', 'notFound', 'arXiv has no paper 2502.99999'],
        [LEGACY_EMPTY_ID, 'notFound', `arXiv has no paper ${LEGACY_EMPTY_ID}`],
        ['not an id', 'invalidInput', '"not an id" is not an arXiv identifier'],
        ['1706.03762', '1706.03762v7', 'false'],
      ]);
      assert.deepStrictEqual(server.requests.map(q => q.query.get('id_list')), [`2502.99999,${LEGACY_EMPTY_ID},1706.03762`]);
    });

    it("fails only the id the API's error entry names, and asks again for the others once", async () => {
      server.script({ kind: 'status', status: 200, contentType: 'application/atom+xml', body: atomErrorFeed('incorrect_id_format_for_2309.17453', 'incorrect id format for 2309.17453') });
      const results = await client().fetch(['2410.10819', '2309.17453']);
      assert.deepStrictEqual(summary(results), [
        ['2410.10819', '2410.10819v1', 'false'],
        ['2309.17453', 'api', 'arXiv refused the request: incorrect id format for 2309.17453'],
      ]);
      assert.deepStrictEqual(server.requests.map(q => q.query.get('id_list')), ['2410.10819,2309.17453', '2410.10819']);
    });

    it('reports malformed XML for every id of the batch', async () => {
      server.script({ kind: 'malformed' });
      const results = await client().fetch(['2410.10819', '1706.03762']);
      for (const r of results) {
        assert.ok(!r.ok && r.error.kind === 'malformed' && r.error.message.startsWith("arXiv's answer could not be read: the answer is not well-formed XML"), JSON.stringify(r));
      }
    });

    it('honours a short Retry-After once, then succeeds', async () => {
      server.script({ kind: 'retryAfter', value: '2' });
      const [r] = await client().fetch(['2410.10819']);
      assert.ok(r.ok, JSON.stringify(r));
      assert.strictEqual(server.requests.length, 2);
      assert.ok(clock.sleeps.some(ms => ms >= 1900), `waited ${clock.sleeps}`);
    });

    it('reports a long Retry-After without waiting, and a second 503 after one retry', async () => {
      server.script({ kind: 'retryAfter', value: '120' });
      const [long] = await client().fetch(['2410.10819']);
      assert.deepStrictEqual(long.ok ? long : long.error, { kind: 'rateLimited', retryAfterSeconds: 120, message: 'arXiv asks to retry in 120 s' });
      assert.strictEqual(server.requests.length, 1);
      assert.ok(clock.sleeps.every(ms => ms < 1000), `waited ${clock.sleeps}`);

      server.script({ kind: 'retryAfter', value: '1' }, { kind: 'retryAfter', value: '1' });
      const [twice] = await client().fetch(['2410.10819']);
      assert.ok(!twice.ok && twice.error.kind === 'rateLimited' && twice.error.message === 'arXiv asks to retry in 1 s', JSON.stringify(twice));
      assert.strictEqual(server.requests.length, 3);
    });

    it('reports other HTTP errors with their status', async () => {
      server.script({ kind: 'status', status: 500, body: 'Internal Server Error' });
      const [r] = await client().fetch(['2410.10819']);
      assert.deepStrictEqual(r.ok ? r : r.error, { kind: 'http', status: 500, message: 'arXiv answered HTTP 500' });
    });

    it('gives up on a server that does not answer, at the timeout', async () => {
      server.script({ kind: 'hang' });
      const [r] = await client({ timeoutMs: 150 }).fetch(['2410.10819']);
      assert.deepStrictEqual(r.ok ? r : r.error, { kind: 'timeout', message: 'arXiv did not answer within 150 ms' });
    });

    it('is cancelled by its signal', async () => {
      server.script({ kind: 'hang' });
      const controller = new AbortController();
      // A deadline past mocha's timeout: only the signal can end this request in time.
      const pending = client({ timeoutMs: 60_000 }).fetch(['2410.10819'], { signal: controller.signal });
      while (server.requests.length === 0) await new Promise(resolve => setImmediate(resolve));
      controller.abort();
      const [r] = await pending;
      assert.deepStrictEqual(r.ok ? r : r.error, { kind: 'aborted', message: 'the request to arXiv was cancelled' });
    });

    it('says when the connection drops mid-answer', async () => {
      server.script({ kind: 'cutOff' });
      const [r] = await client().fetch(['2410.10819']);
      assert.ok(!r.ok && r.error.kind === 'unreachable' && r.error.message.startsWith('arXiv could not be reached: the connection to 127.0.0.1'), JSON.stringify(r));
    });

    it('follows a redirect (export.arxiv.org sends http to https)', async () => {
      server.script({ kind: 'redirect', location: `${server.arxivEndpoint}?id_list=1706.03762&max_results=1` });
      const [r] = await client().fetch(['1706.03762']);
      assert.ok(r.ok, JSON.stringify(r));
      assert.strictEqual(server.requests.length, 2);
    });

    it('consults the cache first and fills it', async () => {
      const cache = new MapCache();
      const c = client({ cache });
      await c.fetch(['2410.10819']);
      assert.deepStrictEqual([...cache.map.keys()], ['2410.10819']);
      const results = await c.fetch(['2410.10819', '1706.03762']);
      assert.deepStrictEqual(summary(results).map(s => s.slice(1)), [['2410.10819v1', 'true'], ['1706.03762v7', 'false']]);
      assert.deepStrictEqual(server.requests.map(q => q.query.get('id_list')), ['2410.10819', '1706.03762']);
      await c.fetch(['1706.03762', 'arxiv.org/abs/2410.10819']);
      assert.strictEqual(server.requests.length, 2);
    });

    it('still answers when the cache fails', async () => {
      const broken: ArxivCache = { get: () => Promise.reject(new Error('disk')), set: () => { throw new Error('full'); } };
      const [r] = await client({ cache: broken }).fetch(['2410.10819']);
      assert.ok(r.ok);
    });

    it('keeps requests one at a time when callers ask at once', async () => {
      const c = client({ minIntervalMs: 5, batchSize: 1 });
      const all = await Promise.all([c.fetch(['2410.10819', '2309.12307']), c.fetch(['1706.03762']), c.findByTitle('Attention Is All You Need')]);
      assert.ok(all[0].every(r => r.ok) && all[1].every(r => r.ok) && all[2].ok);
      assert.strictEqual(server.requests.length, 4);
      assert.strictEqual(server.maxConcurrent, 1);
    });

    it('finds a paper by its exact title, not by a longer one containing it', async () => {
      const r = await client().findByTitle('  attention is ALL you need. ');
      assert.ok(r.ok, JSON.stringify(r));
      assert.strictEqual(r.record.arxiv, '1706.03762');
      assert.deepStrictEqual(server.requests.map(q => q.query.get('search_query')), ['ti:"attention is all you need"']);
      const longer = await client().findByTitle('Attention is all you need in speech separation');
      assert.ok(longer.ok && longer.record.arxiv === '2010.13154');
      const none = await client().findByTitle('Attention is all you need (sometimes)');
      assert.deepStrictEqual(none.ok ? none : none.error, { kind: 'notFound', message: 'arXiv has no paper titled "Attention is all you need (sometimes)"' });
      const empty = await client().findByTitle(' :: ');
      assert.ok(!empty.ok && empty.error.kind === 'invalidInput');
      assert.strictEqual(server.requests.length, 3);
    });

    it('caches what a title search found, under its id', async () => {
      const cache = new MapCache();
      await client({ cache }).findByTitle('LongLoRA: Efficient Fine-tuning of Long-Context Large Language Models');
      assert.deepStrictEqual([...cache.map.keys()], ['2309.12307']);
    });
  });

  describe('when arXiv cannot be reached', () => {
    it('says the connection was refused (a closed port)', async () => {
      const endpoint = await closedPortUrl();
      const c = new ArxivClient({ transport: new NodeHttpTransport(), endpoint, minIntervalMs: 0, timeoutMs: 5000 });
      const [r] = await c.fetch(['2410.10819']);
      assert.deepStrictEqual(r.ok ? r : r.error, { kind: 'unreachable', message: `arXiv could not be reached: connection refused by ${new URL(endpoint).host}` });
    });

    it('says the name could not be resolved (offline or DNS failure)', async () => {
      const lookup = ((hostname: string, _options: unknown, callback: (e: NodeJS.ErrnoException) => void) => {
        const e: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
        e.code = 'ENOTFOUND';
        process.nextTick(() => callback(e));
      }) as unknown as NodeHttpTransportOptions['lookup'];
      const c = new ArxivClient({ transport: new NodeHttpTransport({ lookup }), endpoint: 'http://export.arxiv.example/api/query', minIntervalMs: 0 });
      const [r] = await c.fetch(['2410.10819']);
      assert.deepStrictEqual(r.ok ? r : r.error, { kind: 'unreachable', message: 'arXiv could not be reached: the name export.arxiv.example could not be resolved (offline, or DNS failure)' });
    });

    it('refuses an endpoint that is not an http(s) URL without sending anything', async () => {
      let sent = 0;
      const transport: HttpTransport = { get: async () => { sent++; throw new Error('unexpected'); } };
      const c = new ArxivClient({ transport, endpoint: 'ftp://mirror.example/api', minIntervalMs: 0 });
      const [r] = await c.fetch(['2410.10819']);
      assert.ok(!r.ok && r.error.kind === 'invalidInput' && r.error.message.includes('ftp://mirror.example/api'));
      assert.ok(!(await c.findByTitle('Attention Is All You Need')).ok);
      assert.strictEqual(sent, 0);
    });

    it('turns a transport that throws anything into an unreachable error', async () => {
      const transport: HttpTransport = { get: async () => { throw new Error('socket hang up'); } };
      const [r] = await new ArxivClient({ transport, minIntervalMs: 0 }).fetch(['2410.10819']);
      assert.deepStrictEqual(r.ok ? r : r.error, { kind: 'unreachable', message: 'arXiv could not be reached: socket hang up' });
    });
  });

  describe('rate limit, on a virtual clock', () => {
    /** Time moves only when the client sleeps; the transport notes when each request starts. */
    function virtual() {
      let t = 1_000_000;
      const starts: number[] = [];
      let open = 0;
      let maxOpen = 0;
      const clock: Clock = { now: () => t, sleep: async ms => void (t += ms) };
      const transport: HttpTransport = {
        async get(url: string, _options: HttpGetOptions): Promise<HttpResponse> {
          starts.push(t);
          maxOpen = Math.max(maxOpen, ++open);
          await new Promise(resolve => setImmediate(resolve));
          t += 250; // the answer takes a while
          open--;
          const ids = new URL(url).searchParams.get('id_list')?.split(',') ?? [];
          return { status: 200, headers: {}, body: atomFeed(ids.map(id => ENTRIES[id]).filter(Boolean)) };
        },
      };
      return { clock, transport, starts, maxOpen: () => maxOpen };
    }

    it('starts requests at least 3 s apart by default, one at a time, across calls', async () => {
      const v = virtual();
      const c = new ArxivClient({ transport: v.transport, clock: v.clock, batchSize: 2 });
      const [a, b] = await Promise.all([c.fetch(['2410.10819', '2309.12307', '2309.17453']), c.fetch(['1706.03762'])]);
      assert.ok([...a, ...b].every(r => r.ok));
      assert.strictEqual(v.starts.length, 3);
      for (let i = 1; i < v.starts.length; i++) assert.ok(v.starts[i] - v.starts[i - 1] >= 3000, `starts ${v.starts}`);
      assert.strictEqual(v.maxOpen(), 1);
    });

    it('pauses every request for a Retry-After, not only the one that got it', async () => {
      const v = virtual();
      let first = true;
      const transport: HttpTransport = {
        get: (url, options) => {
          if (!first) return v.transport.get(url, options);
          first = false;
          v.starts.push(v.clock.now());
          return Promise.resolve({ status: 503, headers: { 'retry-after': '8' }, body: 'Rate exceeded.' });
        },
      };
      const c = new ArxivClient({ transport, clock: v.clock, batchSize: 1 });
      const results = await c.fetch(['2410.10819', '1706.03762']);
      assert.ok(results.every(r => r.ok));
      // 503, then the retry and the next batch, each at least 8 s after the 503.
      assert.strictEqual(v.starts.length, 3);
      assert.ok(v.starts[1] - v.starts[0] >= 8000 && v.starts[2] - v.starts[1] >= 3000, `starts ${v.starts}`);
    });
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('Tue, 18 Feb 2025 10:00:00 GMT');
    assert.strictEqual(parseRetryAfter('7', now), 7000);
    assert.strictEqual(parseRetryAfter('Tue, 18 Feb 2025 10:00:30 GMT', now), 30000);
    assert.strictEqual(parseRetryAfter('Tue, 18 Feb 2025 09:00:00 GMT', now), 0);
    for (const bad of [undefined, '', 'soon', '-5', '1.5', '2025-02-18']) assert.strictEqual(parseRetryAfter(bad, now), undefined, String(bad));
  });

  it('compares titles by their letters and digits only', () => {
    assert.strictEqual(titleKey('LongLoRA: Efficient Fine-tuning of Long-Context LLMs'), titleKey('longlora efficient fine tuning of long context llms'));
    assert.strictEqual(titleKey('The Large $N$ Limit'), 'the large n limit');
    assert.strictEqual(titleKey('Café  Über'), 'cafe uber');
    assert.notStrictEqual(titleKey('Attention is all you need'), titleKey('Attention is all you need in speech separation'));
  });

  it('src/core modules of this feature import no Node built-in and no vscode', () => {
    const root = path.resolve(__dirname, '../../../src/core');
    const files = ['net', 'sources/arxivAtom.ts', 'sources/hfDailyPapers.ts', 'text/arxivReferences.ts']
      .flatMap(p => fs.statSync(path.join(root, p)).isDirectory() ? fs.readdirSync(path.join(root, p)).map(f => path.join(root, p, f)) : [path.join(root, p)]);
    assert.ok(files.length >= 8, files.join());
    const forbidden = new Set([...builtinModules, ...builtinModules.map(m => `node:${m}`), 'vscode']);
    for (const file of files) {
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/(?:from\s+|require\()\s*['"]([^'"]+)['"]/g)) {
        assert.ok(!forbidden.has(m[1]), `${path.relative(root, file)} imports ${m[1]}`);
      }
    }
  });

  it('TransportError carries its failure kind', () => {
    const e = new TransportError('timeout', 'late');
    assert.ok(e instanceof Error && e.failure === 'timeout' && e.name === 'TransportError');
  });
});
