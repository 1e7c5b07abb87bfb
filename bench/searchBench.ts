// npm run bench:search — index build time and query latency at 50,000 papers, for plain MiniSearch
// (its defaults, title + abstract) and for PaperSearch on each of its two term indexes; query
// latency on the bundled 129-paper corpus; and the in-process cold start of the bundled corpus (lazy
// build vs loading a prebuilt MiniSearch index; bench/coldStart.ts measures fresh processes).
// Writes bench/results/search.json and prints a table. Timings only: nothing here asserts.
//
//   node --expose-gc out/bench/searchBench.js [--size N] [--passes N] [--skip-plain]
import * as fs from 'fs';
import MiniSearch from 'minisearch';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { gzipSync } from 'zlib';
import { loadBundledCorpus } from '../src/node/bundledCorpusFile';
import { Library } from '../src/core/library/library';
import type { Paper, Topic } from '../src/core/library/model';
import { PaperSearch } from '../src/core/search';
import { MiniSearchTermIndex } from '../src/core/search/miniSearchIndex';
import { paperTerms } from '../src/core/search/paperSearch';
import { CompactTermIndex } from '../src/core/search/termIndex';
import { seededRandom, type Synthetic, syntheticLibrary } from './syntheticCorpus';

type SearchEngine = 'compact' | 'minisearch';
const TERM_INDEX = { compact: CompactTermIndex.builder, minisearch: MiniSearchTermIndex.builder };

const ROOT = path.resolve(__dirname, '..', '..');
const OUT = path.join(ROOT, 'bench', 'results', 'search.json');

interface Query {
  kind: 'name' | 'keyword' | 'typo' | 'natural-language' | 'as-you-type';
  text: string;
}

const KEYWORDS = [
  'KV cache', 'RoPE', 'MoE', 'NIAH', 'sparse attention', 'LoRA', 'state space model', 'speculative decoding',
  'retrieval augmented generation', 'quantization', 'TTFT', 'GRPO', 'YaRN', 'LSH', 'sequence parallelism',
  'long video', 'needle in a haystack', 'positional encoding', 'context window', 'benchmark',
];
const QUESTIONS = ['how can we', 'what is the best way to', 'which papers', 'is it possible to', 'how do I', 'why does'];

/** The query mix: names, keywords, typos, questions, and every prefix of some queries as typed. */
export function queryMix(syn: Synthetic, real: readonly Paper[], seed = 7): Query[] {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const typo = (w: string) => {
    const i = 1 + Math.floor(random() * (w.length - 2));
    const op = Math.floor(random() * 3);
    if (op === 0) return w.slice(0, i) + w.slice(i + 1); // deletion
    if (op === 1) return w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2); // transposition
    return w.slice(0, i) + 'e' + w.slice(i + 1); // substitution
  };
  const realNames = real.map(p => p.shortName).filter((n): n is string => !!n);
  const longWords = syn.titleWords.filter(w => /^[a-z]{7,}$/i.test(w));
  const queries: Query[] = [];
  for (let i = 0; i < 15; i++) queries.push({ kind: 'name', text: pick(syn.names) }, { kind: 'name', text: pick(realNames) });
  for (const k of KEYWORDS) queries.push({ kind: 'keyword', text: k });
  for (let i = 0; i < 20; i++) {
    const words = [typo(pick(longWords).toLowerCase()), ...(random() < 0.5 ? [pick(longWords).toLowerCase()] : [])];
    queries.push({ kind: 'typo', text: words.join(' ') });
  }
  for (let i = 0; i < 20; i++) {
    const s = pick(syn.sentences).replace(/[.!?]$/, '').split(/\s+/);
    const start = Math.floor(random() * Math.max(1, s.length - 7));
    queries.push({ kind: 'natural-language', text: `${pick(QUESTIONS)} ${s.slice(start, start + 7).join(' ').toLowerCase()}?` });
  }
  for (const target of [pick(syn.names), pick(realNames), 'kv cache eviction', 'sparse attention for long context', pick(syn.names).toLowerCase(), 'how to reduce prefill cost']) {
    for (let n = 1; n <= target.length; n++) if (target[n - 1] !== ' ') queries.push({ kind: 'as-you-type', text: target.slice(0, n) });
  }
  return queries;
}

function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return 0;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)];
}

function latencyStats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), max: s[s.length - 1] ?? 0 };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function heapMb(): number {
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

interface EngineResult {
  engine: string;
  buildMs: number;
  heapMb: number;
  passes: { p50: number; p95: number; max: number }[];
  /** medians over the measured passes */
  p50: number;
  p95: number;
  max: number;
  byKind: Record<string, { p50: number; p95: number; max: number }>;
}

function measure(engine: string, build: () => (q: string) => unknown, queries: Query[], passes: number, warmup: boolean): EngineResult {
  const before = heapMb();
  const t0 = performance.now();
  const run = build();
  const buildMs = performance.now() - t0;
  const heap = heapMb() - before;
  if (warmup) for (const q of queries) run(q.text);
  const passResults: { p50: number; p95: number; max: number }[] = [];
  const perKind = new Map<string, number[]>();
  for (let p = 0; p < passes; p++) {
    const samples: number[] = [];
    for (const q of queries) {
      const t = performance.now();
      run(q.text);
      const ms = performance.now() - t;
      samples.push(ms);
      perKind.set(q.kind, [...(perKind.get(q.kind) ?? []), ms]);
    }
    const { p50, p95, max } = latencyStats(samples);
    passResults.push({ p50, p95, max });
    console.error(`  ${engine}: pass ${p + 1}/${passes}: p50 ${p50.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms`);
  }
  const byKind = Object.fromEntries([...perKind].map(([k, v]) => [k, (({ p50, p95, max }) => ({ p50, p95, max }))(latencyStats(v))]));
  return {
    engine,
    buildMs,
    heapMb: heap,
    passes: passResults,
    p50: median(passResults.map(r => r.p50)),
    p95: median(passResults.map(r => r.p95)),
    max: median(passResults.map(r => r.max)),
    byKind,
  };
}

function plainMiniSearch(papers: readonly Paper[]) {
  return () => {
    const ms = new MiniSearch<Paper>({ fields: ['title', 'abstract'] });
    ms.addAll(papers);
    return (q: string) => ms.search(q).slice(0, 20);
  };
}

function paperSearch(papers: readonly Paper[], topics: readonly Topic[], engine: SearchEngine, feedback = true) {
  return () => {
    const s = new PaperSearch(papers, topics, { termIndex: TERM_INDEX[engine] });
    s.prepare();
    return (q: string) => s.search(q, { limit: 20, feedback });
  };
}

/** Cold start of the bundled corpus: what the first search pays, built lazily or from a prebuilt index. */
function coldStart(papers: readonly Paper[], topics: readonly Topic[], repetitions = 15) {
  const times = (fn: () => void) => {
    const xs: number[] = [];
    for (let i = 0; i < repetitions; i++) {
      gc();
      const t = performance.now();
      fn();
      xs.push(performance.now() - t);
    }
    return { first: xs[0], median: median(xs) };
  };
  const topicText = new Map(topics.map(t => [t.id, `${t.label}. ${t.description}`]));
  const docs = papers.map(p => paperTerms(p, topicText));
  const json = MiniSearchTermIndex.build(docs).toJSON();
  return {
    papers: papers.length,
    firstSearchCompactMs: times(() => new PaperSearch(papers, topics).search('kv cache eviction')),
    firstSearchMiniSearchMs: times(() => new PaperSearch(papers, topics, { termIndex: MiniSearchTermIndex.builder }).search('kv cache eviction')),
    analysisOnlyMs: times(() => papers.map(p => paperTerms(p, topicText))),
    miniSearchBuildFromAnalysedMs: times(() => MiniSearchTermIndex.build(docs)),
    miniSearchLoadJsonMs: times(() => MiniSearchTermIndex.fromJSON(json)),
    prebuiltJsonBytes: Buffer.byteLength(json),
    prebuiltJsonGzipBytes: gzipSync(json).length,
  };
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function main(): void {
  const size = Number(arg('--size') ?? 50_000);
  const passes = Number(arg('--passes') ?? 5);
  const corpus = new Library([loadBundledCorpus(path.join(ROOT, 'dist', 'corpus.json'))]).snapshot();
  const cold = coldStart(corpus.papers, corpus.topics);

  // The bundled corpus as users search it today: the same query mix, with its names drawn from the
  // real papers (a library of the corpus alone has no synthetic names to draw from).
  const real = syntheticLibrary(corpus.papers, corpus.topics, corpus.papers.length);
  const realNames = corpus.papers.map(p => p.shortName).filter((n): n is string => !!n);
  const bundledQueries = queryMix({ ...real, names: realNames }, corpus.papers);
  const bundled = measure('PaperSearch (compact index), bundled corpus', paperSearch(corpus.papers, corpus.topics, 'compact'), bundledQueries, passes, true);

  const t0 = performance.now();
  const syn = syntheticLibrary(corpus.papers, corpus.topics, size);
  const queries = queryMix(syn, corpus.papers);
  console.error(`synthetic library: ${syn.papers.length} papers in ${(performance.now() - t0).toFixed(0)} ms; ${queries.length} queries`);

  const results: EngineResult[] = [];
  results.push(measure('PaperSearch (compact index)', paperSearch(syn.papers, corpus.topics, 'compact'), queries, passes, true));
  if (!process.argv.includes('--skip-minisearch-index')) {
    // Without feedback: its 30 extra terms a query are each a full MiniSearch search here, which
    // turns one pass into the better part of an hour; the comparison is of the term indexes.
    results.push(measure('PaperSearch (MiniSearch index, no feedback)', paperSearch(syn.papers, corpus.topics, 'minisearch', false), queries, 1, false));
    results.push(measure('PaperSearch (compact index, no feedback)', paperSearch(syn.papers, corpus.topics, 'compact', false), queries, 1, true));
  }
  if (!process.argv.includes('--skip-plain')) {
    results.push(measure('MiniSearch defaults', plainMiniSearch(syn.papers), queries, 1, false));
  }

  const plain = results.find(r => r.engine === 'MiniSearch defaults');
  const rows = results.map(r => [
    r.engine,
    (r.buildMs / 1000).toFixed(2),
    r.heapMb.toFixed(0),
    r.p50.toFixed(2),
    r.p95.toFixed(2),
    r.max.toFixed(1),
    plain ? `${(plain.p95 / r.p95).toFixed(1)}x` : '',
    plain ? `${(plain.buildMs / r.buildMs).toFixed(1)}x` : '',
  ]);
  const header = ['engine', 'build s', 'heap MB', 'p50 ms', 'p95 ms', 'max ms', 'p95 vs plain', 'build vs plain'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => r[i].length)));
  console.log(`${syn.papers.length} papers, ${queries.length} queries (${[...new Set(queries.map(q => q.kind))].join(', ')}); medians over passes`);
  for (const r of [header, ...rows]) console.log(r.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  '));
  console.log('\np95 by query kind (ms):');
  const kinds = [...new Set(queries.map(q => q.kind))];
  console.log(['engine'.padEnd(widths[0]), ...kinds.map(k => k.padStart(16))].join('  '));
  for (const r of results) console.log([r.engine.padEnd(widths[0]), ...kinds.map(k => r.byKind[k].p95.toFixed(2).padStart(16))].join('  '));
  console.log(`\ncold start, ${cold.papers} bundled papers (median of repetitions; first run in parentheses):`);
  for (const [k, v] of Object.entries(cold)) {
    if (typeof v === 'object') console.log(`  ${k.padEnd(32)} ${v.median.toFixed(2)} ms  (${v.first.toFixed(2)})`);
  }
  console.log(`  prebuilt MiniSearch JSON         ${(cold.prebuiltJsonBytes / 1024).toFixed(0)} KiB (${(cold.prebuiltJsonGzipBytes / 1024).toFixed(0)} KiB gzipped)`);
  console.log(`\nbundled corpus, ${corpus.papers.length} papers, ${bundledQueries.length} queries: p50 ${bundled.p50.toFixed(2)} ms, p95 ${bundled.p95.toFixed(2)} ms, max ${bundled.max.toFixed(1)} ms`);

  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, JSON.stringify({
    date: new Date().toISOString(),
    node: process.version,
    size: syn.papers.length,
    queries,
    results,
    coldStart: cold,
    bundled: { size: corpus.papers.length, queries: bundledQueries.length, p50: bundled.p50, p95: bundled.p95, max: bundled.max, passes: bundled.passes },
  }, null, 2));
  console.log(`\nwritten to ${path.relative(ROOT, OUT)}`);
}

if (require.main === module) main();
