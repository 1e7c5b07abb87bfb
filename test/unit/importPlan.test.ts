import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Library } from '../../src/core/library/library';
import { TopicClassifier } from '../../src/core/library/topicClassifier';
import { type ArxivLookup, ArxivClient, type ArxivTitleLookup } from '../../src/core/net/arxivClient';
import type { Clock } from '../../src/core/net/clock';
import { bundledSource } from '../../src/core/sources/bundledCorpus';
import { addItems, collectionSource, incomingFromRecord, readCollection, serializeCollection } from '../../src/core/sources/collection';
import { type ArxivPort, type ImportInput, parseImportInput, planImport, planSummary, resolveImport } from '../../src/core/sources/importPlan';
import { readCollectionFile, writeCollectionFile } from '../../src/node/collectionFile';
import { NodeHttpTransport } from '../../src/node/httpTransport';
import { DAILY_PAPERS } from './support/apiFixtures';
import { FakeApiServer, closedPortUrl } from './support/fakeApiServer';
import { cslSchemaViolations } from '../fixtures/cslSchema';
import { ROOT, corpusData, englishLexicon } from './testCorpus';

/** The original listing the bundled corpus was made from (read in place, never copied). */
const SEED_DIR = path.resolve(ROOT, '..', 'shared', 'seed');

function seedText(): string | undefined {
  if (!fs.existsSync(SEED_DIR)) return undefined;
  const file = fs.readdirSync(SEED_DIR).find(f => f.endsWith('.txt'));
  return file ? fs.readFileSync(path.join(SEED_DIR, file), 'utf8') : undefined;
}

function parsed(text: string, format?: ImportInput['format']): ImportInput {
  const r = parseImportInput(text, format ? { format } : {});
  assert.ok(r.ok, r.ok ? '' : r.message);
  return r.input;
}

const bundledLibrary = () => new Library([bundledSource(corpusData())]).snapshot();

/** An arXiv port that answers from a table and counts what it was asked. */
function fakeArxiv(table: Record<string, { title: string; abstract?: string }> = {}, titleAnswer?: (title: string) => ArxivTitleLookup): ArxivPort & { asked: string[][]; titles: string[] } {
  const asked: string[][] = [];
  const titles: string[] = [];
  const record = (id: string) => ({ arxiv: id, title: table[id].title, abstract: table[id].abstract ?? 'An abstract.', authors: ['Ann Smith'], published: { year: 2025, month: 2, day: 1 }, categories: [], links: [] });
  return {
    asked,
    titles,
    async fetch(inputs) {
      asked.push([...inputs]);
      return inputs.map((input): ArxivLookup => (table[input] ? { input, id: input, ok: true, record: record(input), cached: false } : { input, id: input, ok: false, error: { kind: 'notFound', message: `arXiv has no paper ${input}` } }));
    },
    async findByTitle(title) {
      titles.push(title);
      return titleAnswer?.(title) ?? { ok: false, error: { kind: 'notFound', message: `arXiv has no paper titled "${title}"` } };
    },
  };
}

describe('import plan', () => {
  describe('reading the input', () => {
    it('recognises a daily-papers page as saved or copied (the bundled listing)', () => {
      const input = parsed(fs.readFileSync(path.join(ROOT, 'data', 'daily-papers.txt'), 'utf8'));
      assert.strictEqual(input.format, 'daily-listing');
      assert.strictEqual(input.candidates.length, 129);
      assert.strictEqual(input.candidates[0].paper?.title, corpusData().papers[0].title);
      assert.strictEqual(input.candidates[0].arxiv, undefined, 'a listing gives no ids');
    });

    it('recognises the daily-papers API answer, keeping its good items and reporting the broken ones', () => {
      const input = parsed(JSON.stringify(DAILY_PAPERS['2025-02-18']));
      assert.strictEqual(input.format, 'hf-daily-papers');
      assert.deepStrictEqual(input.candidates.map(c => [c.line, c.arxiv]), [[1, '2502.12345'], [2, '2410.10819']]);
      assert.strictEqual(input.candidates[0].paper?.title, 'Sparse Frontier: Long-Context Retrieval with Learned Block Sparsity');
      assert.deepStrictEqual(input.candidates[0].paper?.authors, ['Mei Lin', 'Tomás Ruiz', 'Ada Okafor']);
      assert.strictEqual(input.problems.length, 5);
      assert.match(input.problems[0].message, /^item 3 \(2502\.11111\): the paper has no title/);
      assert.deepStrictEqual(parsed('[]').candidates, []);
    });

    it('recognises ids and links one per line, with comments, and the links anywhere in a note', () => {
      const list = parsed('# reading list\n2410.10819\nhttps://arxiv.org/abs/2309.17453v2\n\narXiv:1706.03762\nhep-th/9711200\n2410.10819v3\n');
      assert.strictEqual(list.format, 'arxiv-ids');
      assert.deepStrictEqual(list.candidates.map(c => [c.line, c.arxiv, c.input]), [
        [2, '2410.10819', '2410.10819'], [3, '2309.17453', 'https://arxiv.org/abs/2309.17453v2'], [5, '1706.03762', 'arXiv:1706.03762'], [6, 'hep-th/9711200', 'hep-th/9711200'],
      ]);
      const note = parsed('# Notes\n\nStreaming heads ([paper](https://arxiv.org/abs/2309.17453)) beat\nthe 2017 baseline, arXiv:1706.03762, on 12.5% of tasks.\n');
      assert.deepStrictEqual(note.candidates.map(c => [c.line, c.arxiv]), [[3, '2309.17453'], [4, '1706.03762']]);
    });

    it('says what it could not read, in one sentence', () => {
      for (const [text, message] of [
        ['', /nothing to import/],
        ['[{"paper": ', /starts like JSON but is not valid JSON/],
        ['{"error": "Invalid date"}', /not a list of papers: Invalid date/],
        ['just some words\nand more\n', /is not a Hugging Face daily-papers API answer, a Hugging Face daily-papers page \(.*\) or a list of arXiv ids/],
      ] as const) {
        const r = parseImportInput(text);
        assert.ok(!r.ok, text);
        assert.match(r.message, message);
      }
      const forced = parseImportInput('2410.10819\n', { format: 'daily-listing' });
      assert.ok(!forced.ok, 'a format the user chose is not second-guessed');
    });
  });

  describe('completing and planning', () => {
    it('takes what the library knows without asking arXiv, and asks for the rest in one batch', async () => {
      const arxiv = fakeArxiv({ '2309.17453': { title: 'Efficient Streaming Language Models with Attention Sinks' } });
      const input = parsed('2410.10819\n2309.17453\n2502.99999\n');
      const resolved = await resolveImport(input.candidates, { library: bundledLibrary(), arxiv });
      assert.deepStrictEqual(arxiv.asked, [['2309.17453', '2502.99999']]);
      const plan = planImport(input, resolved, []);
      assert.deepStrictEqual(plan.added.map(p => [p.arxiv, p.item?.id, p.note]), [['2410.10819', 'xiao2024duoattention', 'details from your library'], ['2309.17453', 'smith2025efficient', undefined]]);
      assert.deepStrictEqual(plan.failed.map(p => [p.label, p.note]), [['2502.99999', 'arXiv has no paper 2502.99999']]);
      assert.strictEqual(planSummary(plan), '2 new, 0 already in your collection, 1 failed');
      assert.deepStrictEqual(cslSchemaViolations(plan.added.map(p => p.item)), []);
    });

    it('without the network: ids the library does not know fail, unmatched titles keep a local id', async () => {
      const ids = parsed('2410.10819\n2502.99999\n');
      const r = await resolveImport(ids.candidates, { library: bundledLibrary() });
      assert.deepStrictEqual(r.map(x => x.ok), [true, false]);
      assert.match(!r[1].ok ? r[1].reason : '', /network use is off/);
      const listing = parsed('Daily Papers\n\nA Paper Nobody Has: On Things\n\nWe present a method. It works well on many long documents and the results are good across all the benchmarks we tried.\n');
      const [local] = await resolveImport(listing.candidates, { library: bundledLibrary() });
      assert.ok(local.ok);
      const plan = planImport(listing, [local], []);
      assert.strictEqual(plan.added[0].item?.id, 'local-paper');
      assert.match(plan.added[0].note ?? '', /kept with a local id \(network use is off\)/);
    });

    it('matches titles on arXiv when the network is on, and stops asking once arXiv cannot be reached', async () => {
      const listing = ['Daily Papers', ...['Alpha Title', 'Beta Title', 'Gamma Title', 'Delta Title'].flatMap(t => [t, `We study ${t}. It is a long abstract about the method and the many experiments that support it in detail.`])].join('\n\n');
      const input = parsed(listing);
      const arxiv = fakeArxiv({}, title => {
        if (title === 'Alpha Title') return { ok: true, record: { arxiv: '2501.00001', title: 'Alpha title', abstract: 'arXiv abstract', authors: ['Bo Li'], published: { year: 2025, month: 1, day: 2 }, categories: [], links: [] } };
        if (title === 'Gamma Title') return { ok: false, error: { kind: 'unreachable', message: 'arXiv could not be reached: connection refused' } };
        return { ok: false, error: { kind: 'notFound', message: 'no' } };
      });
      const plan = planImport(input, await resolveImport(input.candidates, { arxiv }), []);
      assert.deepStrictEqual(arxiv.titles, ['Alpha Title', 'Beta Title', 'Gamma Title'], 'Delta is not asked after Gamma failed to connect');
      assert.deepStrictEqual(plan.added.map(p => [p.item?.id, p.arxiv ?? null]), [['li2025alpha', '2501.00001'], ['local-beta', null], ['local-gamma', null], ['local-delta', null]]);
      assert.strictEqual(plan.added[0].label, 'Alpha Title', "the listing's own title is kept");
      assert.match(plan.added[3].note ?? '', /connection refused/);
    });

    it('sorts papers already in the collection, or listed twice, as known', async () => {
      const input = parsed(JSON.stringify([...DAILY_PAPERS['2025-02-18'].slice(0, 2), DAILY_PAPERS['2025-02-18'][0]]));
      const resolved = await resolveImport(input.candidates, {});
      const existing = addItems([], [planImport(input, resolved, []).added[1].item!]).items;
      const plan = planImport(input, resolved, existing);
      assert.deepStrictEqual(plan.added.map(p => p.arxiv), ['2502.12345']);
      assert.deepStrictEqual(plan.known.map(p => [p.arxiv, p.note]), [['2410.10819', 'already in your collection']]);
    });

    it('stops at a cancel: what was left fails as cancelled', async () => {
      const controller = new AbortController();
      const input = parsed('Daily Papers\n\nOne Title\n\nA long abstract that says what the paper does. It does it well, on many long inputs and many tasks too.\n\nTwo Title\n\nA long abstract that says what the paper does. It does it well, on many long inputs and many tasks too.\n');
      const arxiv = fakeArxiv({}, () => {
        controller.abort();
        return { ok: false, error: { kind: 'aborted', message: 'cancelled' } };
      });
      const r = await resolveImport(input.candidates, { arxiv, signal: controller.signal });
      assert.deepStrictEqual(r.map(x => (x.ok ? 'ok' : x.reason)), ['the import was cancelled', 'the import was cancelled']);
    });
  });

  describe('the original listing (../shared/seed) into an empty collection', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-lens-import-'));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('yields 129 papers whose titles and abstracts equal the bundled ones; importing it again adds nothing', async function () {
      const seed = seedText();
      if (!seed) {
        console.log(`      (skipped: the original listing is not at ${SEED_DIR})`);
        return this.skip();
      }
      const bundled = corpusData().papers;
      const file = path.join(dir, 'collection.json');
      const importOnce = async () => {
        const input = parsed(seed);
        const { text, stamp } = await readCollectionFile(file);
        const content = readCollection(text, file);
        // Offline: every title is matched in the library, which knows the listing it was built from.
        const plan = planImport(input, await resolveImport(input.candidates, { library: bundledLibrary() }), content.items);
        if (plan.added.length) await writeCollectionFile(file, serializeCollection(addItems(content.items, plan.added.map(p => p.item!)).items), stamp);
        return plan;
      };
      const first = await importOnce();
      assert.deepStrictEqual([first.added.length, first.known.length, first.failed.length], [129, 0, 0]);

      // Read back from disk as the extension does: valid CSL-JSON, one paper per bundled paper.
      const text = fs.readFileSync(file, 'utf8');
      assert.deepStrictEqual(cslSchemaViolations(JSON.parse(text)), []);
      const source = collectionSource(text, file, { lexicon: englishLexicon(), classifier: new TopicClassifier(corpusData().topics, bundled) }, { label: 'My collection' });
      assert.strictEqual(source.papers.length, 129);
      assert.deepStrictEqual(source.problems, []);
      for (const b of bundled) {
        const p = source.papers.find(x => x.arxiv === b.arxiv);
        assert.ok(p, `${b.id} is in the collection`);
        assert.strictEqual(p.title, b.title, b.id);
        assert.strictEqual(p.abstract, b.abstract, b.id);
      }
      // In the library beside the bundled corpus, every collection paper is the bundled paper.
      assert.strictEqual(new Library([bundledSource(corpusData()), source]).snapshot().size, 129);

      const second = await importOnce();
      assert.deepStrictEqual([second.added.length, second.known.length, second.failed.length], [0, 129, 0]);
      assert.strictEqual(fs.readFileSync(file, 'utf8'), text, 'the file is not rewritten');
    });

    it('without a library to match against, keeps the 129 with local ids, titles and abstracts as listed', async function () {
      const seed = seedText();
      if (!seed) return this.skip();
      const input = parsed(seed);
      const plan = planImport(input, await resolveImport(input.candidates, {}), []);
      assert.strictEqual(plan.added.length, 129);
      assert.ok(plan.added.every(p => p.item?.id.startsWith('local-')));
      const items = addItems([], plan.added.map(p => p.item!)).items;
      assert.strictEqual(new Set(items.map(i => (i as { id: string }).id)).size, 129);
      const source = collectionSource(serializeCollection(items), 'c.json', { lexicon: englishLexicon() }, { label: 'c' });
      assert.deepStrictEqual(source.papers.map(p => [p.title, p.abstract]), corpusData().papers.map(p => [p.title, p.abstract]));
      const again = planImport(input, await resolveImport(input.candidates, {}), items);
      assert.strictEqual(again.added.length, 0);
    });
  });

  describe('through the real HTTP client against a local arXiv and Hugging Face', () => {
    let server: FakeApiServer;
    const clock: Clock = { now: () => Date.now(), sleep: async () => undefined };
    const client = (endpoint = server.arxivEndpoint, timeoutMs = 5000) => new ArxivClient({ transport: new NodeHttpTransport(), endpoint, minIntervalMs: 0, timeoutMs, clock });
    beforeEach(async () => {
      server = await FakeApiServer.start();
    });
    afterEach(() => server.close());

    async function planFor(text: string, arxiv: ArxivPort) {
      const input = parsed(text);
      return planImport(input, await resolveImport(input.candidates, { library: bundledLibrary(), arxiv }), []);
    }

    it('fetches a batch, reports an unknown id, and takes known ids from the library', async () => {
      const plan = await planFor('2309.17453\n1706.03762\n2502.99999\n2410.10819\n', client());
      assert.deepStrictEqual(server.requests.map(r => r.query.get('id_list')), ['2309.17453,1706.03762,2502.99999']);
      assert.deepStrictEqual(plan.added.map(p => p.item?.id), ['xiao2023efficient', 'vaswani2017attention', 'xiao2024duoattention']);
      assert.deepStrictEqual(plan.failed.map(p => p.note), ['arXiv has no paper 2502.99999']);
    });

    for (const [what, script, expected] of [
      ['malformed XML', { kind: 'malformed' }, /arXiv's answer could not be read: the answer is not well-formed XML/],
      ['a 503 with a long Retry-After', { kind: 'retryAfter', value: '120' }, /arXiv asks to retry in 120 s/],
      ['an HTTP error', { kind: 'status', status: 500 }, /arXiv answered HTTP 500/],
    ] as const) {
      it(`fails every id of the batch on ${what}, with the reason`, async () => {
        server.script(script);
        const plan = await planFor('2309.17453\n1706.03762\n', client());
        assert.strictEqual(plan.added.length, 0);
        assert.strictEqual(plan.failed.length, 2);
        for (const f of plan.failed) assert.match(f.note ?? '', expected);
      });
    }

    it('waits out a short Retry-After once and then imports', async () => {
      server.script({ kind: 'retryAfter', value: '1' });
      const plan = await planFor('2309.17453\n', client());
      assert.deepStrictEqual(plan.added.map(p => p.arxiv), ['2309.17453']);
      assert.strictEqual(server.requests.length, 2);
    });

    it('gives up on a server that does not answer, and on one that is not there', async () => {
      server.script({ kind: 'hang' });
      const slow = await planFor('2309.17453\n', client(server.arxivEndpoint, 300));
      assert.match(slow.failed[0]?.note ?? '', /arXiv did not answer within 300 ms/);
      const gone = await planFor('2309.17453\n', client(await closedPortUrl()));
      assert.match(gone.failed[0]?.note ?? '', /arXiv could not be reached: connection refused/);
    });

    it('matches a listing title through a ti:"…" search', async () => {
      const listing = 'Daily Papers\n\nEfficient Streaming Language Models with Attention Sinks\n\nOur own copy of the abstract, as the listing printed it. It is long enough to be an abstract of a paper.\n';
      const plan = await planFor(listing, client());
      assert.deepStrictEqual(server.requests.map(r => r.query.get('search_query')), ['ti:"efficient streaming language models with attention sinks"']);
      assert.deepStrictEqual(plan.added.map(p => [p.arxiv, p.item?.abstract]), [['2309.17453', 'Our own copy of the abstract, as the listing printed it. It is long enough to be an abstract of a paper.']]);
    });

    it('reads a day of the Hugging Face daily-papers API fetched from the server', async () => {
      const { HfDailyPapersClient } = await import('../../src/core/net/hfDailyPapersClient');
      const day = await new HfDailyPapersClient({ transport: new NodeHttpTransport(), endpoint: server.hfEndpoint }).fetch('2025-02-18');
      assert.ok(day.ok);
      const input: ImportInput = { format: 'hf-daily-papers', candidates: day.records.map((r, i) => ({ line: i + 1, input: r.arxiv, arxiv: r.arxiv, paper: incomingFromRecord(r) })), problems: [] };
      const plan = planImport(input, await resolveImport(input.candidates, {}), []);
      assert.deepStrictEqual(plan.added.map(p => p.item?.id), ['lin2025sparse', 'xiao2024duoattention']);
    });
  });
});
