// Loading a large library without stalling the editor: the library worker streams papers in
// batches (libraryWorker.ts, libraryLoader.ts) and the library merges a source in slices
// (Library.setSourceAsync). Each must give exactly what the one-piece path gives.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Library, LibrarySnapshot, type PaperSource } from '../../src/core/library/library';
import type { Paper } from '../../src/core/library/model';
import { paperBatches, papersFromEntries } from '../../src/core/sources/bibliographyPapers';
import { librarySourceFromText, readLibraryText } from '../../src/core/sources/libraryText';
import { PaperSearch } from '../../src/core/search/paperSearch';
import { Vocabulary } from '../../src/core/search/vocabulary';
import { LibraryLoader } from '../../src/node/libraryLoader';
import { loadFile, PAPER_BATCH } from '../../src/node/libraryWorker';
import { loadLexicon } from '../../src/node/lexiconFile';
import { generateBibtex } from '../../bench/bibParseBench';
import { ROOT, testSources } from './testCorpus';

const DIST = path.join(ROOT, 'dist');

function paper(id: string, fields: Partial<Paper> = {}): Paper {
  return { id, title: `Title of ${id}`, abstract: '', firstAuthor: 'Doe', shortName: null, aliases: [], topics: [], links: [], ...fields };
}

/** A source with duplicates of its own and of the other sources, by key, arXiv id and DOI. */
function bibSource(id: string, n: number): PaperSource {
  const papers: Paper[] = [];
  for (let i = 0; i < n; i++) {
    const fields: Partial<Paper> = { citationKey: `k${i % (n - 3)}`, title: `Paper ${i}: Walrus${i} Attention`, aliases: [{ name: `Walrus${i}`, origin: 'title' }], topics: i % 2 ? ['memory'] : [] };
    if (i % 7 === 0) fields.arxiv = `2401.${String(10000 + (i % 50)).padStart(5, '0')}`;
    if (i % 11 === 0) fields.doi = `10.1000/X${i % 30}`;
    papers.push(paper(`k${i % (n - 3)}`, fields));
  }
  return { id, kind: 'bibliography', label: id, file: id, papers, problems: [{ file: id, line: 1, message: 'own problem', severity: 'warning' }] };
}

/** Everything a snapshot answers, as plain data. */
function view(s: LibrarySnapshot) {
  const ids = s.papers.map(p => p.id);
  return {
    papers: s.papers,
    problems: s.problems,
    topics: s.topics,
    byId: ids.map(id => s.paper(id)?.id),
    byName: s.papers.flatMap(p => [p.title, ...p.aliases.map(a => a.name)]).map(n => s.lookup(n).map(p => p.id)),
    byKey: s.papers.map(p => p.citationKey && s.paperByKey(p.citationKey)?.id),
    byArxiv: s.papers.map(p => p.arxiv && s.paperByArxiv(p.arxiv)?.id),
    byDoi: s.papers.map(p => p.doi && s.paperByDoi(p.doi)?.id),
    topic: s.papersInTopic('memory').map(p => p.id),
  };
}

describe('loading a large library in pieces', () => {
  it('merges a source in slices into the same snapshot as at once', async () => {
    const sources = [...testSources(), bibSource('a.bib', 300), bibSource('b.bib', 120)];
    const whole = new LibrarySnapshot(7, sources);
    const sliced = await LibrarySnapshot.buildAsync(7, sources, 0);
    assert.deepStrictEqual(view(sliced), view(whole));
    assert.ok(whole.problems.some(p => p.message.startsWith('duplicate key')), 'the fixture has duplicates');

    const sync = new Library(testSources());
    const async = new Library(testSources());
    sync.setSource(bibSource('a.bib', 300));
    const seen: number[] = [];
    async.onDidChange(s => seen.push(s.version));
    const published = await async.setSourceAsync(bibSource('a.bib', 300), 0);
    assert.strictEqual(published, async.snapshot());
    assert.deepStrictEqual(seen, [published.version]);
    assert.strictEqual(published.version, sync.snapshot().version);
    assert.deepStrictEqual(view(published), view(sync.snapshot()));
  });

  it('merges again over a change made meanwhile, and drops a merge its own source overtook', async () => {
    const library = new Library(testSources());
    const pending = library.setSourceAsync(bibSource('a.bib', 300), 0);
    library.setSource(bibSource('b.bib', 50));
    const after = await pending;
    assert.deepStrictEqual(after.sources.map(s => s.id).slice(-2), ['b.bib', 'a.bib']);
    assert.deepStrictEqual(view(after), view(new LibrarySnapshot(0, after.sources)));

    const overtaken = library.setSourceAsync(bibSource('c.bib', 300), 0);
    const newer = bibSource('c.bib', 10);
    library.setSource(newer);
    assert.strictEqual(await overtaken, library.snapshot());
    assert.strictEqual(library.source('c.bib'), newer, 'the later change of the source wins');

    const removed = library.setSourceAsync(bibSource('d.bib', 300), 0);
    library.removeSource('d.bib');
    await removed;
    assert.strictEqual(library.source('d.bib'), undefined);
  });

  it('makes papers in batches that together are the papers made at once', () => {
    const conversion = { lexicon: loadLexicon(DIST), source: 'x.bib', file: 'x.bib' };
    const text = generateBibtex(120);
    const whole = librarySourceFromText(text, 'x.bib', conversion);
    const reading = readLibraryText(text, 'x.bib', conversion);
    const batches = [...reading.batches(25)];
    assert.ok(batches.length > 1 && batches.every(b => b.length <= 25 && b.length > 0));
    assert.deepStrictEqual(batches.flat(), whole.source.papers);
    assert.deepStrictEqual({ ...reading.load.source, papers: whole.source.papers }, whole.source);
    assert.strictEqual(reading.load.entries, whole.entries);
    const entries = [{ key: 'a', line: 1, title: 'Alpha', authors: [] }, { key: 'b', line: 2, title: ' ', authors: [] }, { key: 'c', line: 3, title: 'Gamma', authors: [] }];
    assert.deepStrictEqual([...paperBatches(entries, conversion, 1)].flat(), papersFromEntries(entries, conversion));
  });

  it('indexes in slices (indexing, scoring, names) into the same search as at once, also when a search comes mid-way', async () => {
    const conversion = { lexicon: loadLexicon(DIST) };
    const library = new Library(testSources());
    library.setSource(librarySourceFromText(generateBibtex(400), 'x.bib', conversion).source);
    const { papers, topics } = library.snapshot();
    const queries = ['key value cache eviction for long context inference', 'sparse attention', 'kv cach', 'Walrus', 'rope scaling'];
    const answers = (search: PaperSearch) => queries.map(q => search.search(q, { limit: 30 }).map(h => [h.paper.id, h.score, h.matches]));
    const whole = new PaperSearch(papers, topics);
    whole.prepare();
    const expected = answers(whole);
    const sliced = new PaperSearch(papers, topics);
    await sliced.prepareAsync(0);
    assert.deepStrictEqual(answers(sliced), expected);
    // Interrupted by a search after a number of slices: in indexing, in scoring, in names (with
    // 0 ms slices this library takes ~33 slices to index, ~16 to score, ~9 for names, ~4 to sort
    // the vocabulary).
    for (const slices of [1, 20, 36, 42, 50, 54, 59, 61]) {
      const interrupted = new PaperSearch(papers, topics);
      const preparing = interrupted.prepareAsync(0);
      for (let i = 0; i < slices; i++) await new Promise(resolve => setImmediate(resolve));
      assert.deepStrictEqual(answers(interrupted), expected, `after ${slices} slices`);
      await preparing;
      assert.deepStrictEqual(answers(interrupted), expected);
    }
  });

  it('sorts the vocabulary in steps into the order of one sort', () => {
    const words = new Set<string>();
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    while (words.size < 10_000) words.add(Array.from({ length: 1 + Math.floor(random() * 9) }, () => 'abcdeéz2-'[Math.floor(random() * 9)]).join(''));
    const stepped = new Vocabulary();
    const once = new Vocabulary();
    for (const w of words) {
      stepped.addSurface(w, w);
      once.addSurface(w, w);
    }
    let steps = 0;
    while (!stepped.prepareSome(0)) steps++;
    assert.ok(steps > 3, `${steps} steps`);
    for (const prefix of ['a', 'ab', 'é', 'z2', '-', 'zzzzzzzzzz']) assert.deepStrictEqual(stepped.completions(prefix, 1e9), once.completions(prefix, 1e9), prefix);
    assert.deepStrictEqual(stepped.corrections('abcde', 2, 50), once.corrections('abcde', 2, 50));
  });

  it('streams a file from the worker into the same source as reading it in one piece', async function () {
    this.timeout(60_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-lens-load-'));
    const bib = path.join(dir, 'big.bib');
    // Enough entries for several batches and a last, partial one.
    fs.writeFileSync(bib, generateBibtex(PAPER_BATCH * 2 + 17));
    const missing = path.join(dir, 'missing.bib');
    const loader = new LibraryLoader(path.join(ROOT, 'out', 'src', 'node', 'libraryWorker.js'), DIST);
    try {
      const progress: number[] = [];
      const loaded = await loader.load([{ file: bib, label: 'big.bib' }, { file: missing, label: 'missing.bib' }], 200e6, done => progress.push(done));
      assert.deepStrictEqual(progress, [0, 1]);
      const expected = [loadFile(bib, 'big.bib', DIST, 200e6), loadFile(missing, 'missing.bib', DIST, 200e6)];
      assert.ok(expected[0].source.papers.length > PAPER_BATCH * 2);
      assert.deepStrictEqual(loaded.map(l => l.load), expected);
      assert.deepStrictEqual((await loader.load([{ file: bib, label: 'big.bib' }], 200e6))[0].load, expected[0], 'a second load on the same worker');
    } finally {
      loader.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
