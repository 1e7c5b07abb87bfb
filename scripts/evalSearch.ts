// npm run eval:search — scores the search core on the shared dev queries
// (../shared/eval/search-queries.dev.json, resolved from the project root) against two baselines
// run the same way: plain MiniSearch with its defaults and Fuse.js with its defaults, both over
// title + abstract. Prints a table and writes .eval/search.json (every query's top 10 included).
//
// Metrics, per query then averaged (overall and per kind):
//   nDCG@10   gain 2^grade − 1, log2(rank + 1) discount, ideal = the listed grades sorted;
//   MRR@10    1 / rank of the first grade-2 paper in the top 10 (0 if none), over queries that
//             list a grade-2 paper;
//   recall@10 share of the listed papers (any grade) in the top 10.
//
// Then weak matches (SearchHit.weak): how many queries get an all-weak answer ("no paper matches
// well") — the dev queries and invented in-field paraphrases should get none, invented off-topic
// queries all — at the shipped WEAK_COVERAGE and at neighbouring thresholds.
import * as fs from 'fs';
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import { MiniSearchTermIndex } from '../src/core/search/miniSearchIndex';
import { TopicClassifier } from '../src/core/library/topicClassifier';
import * as path from 'path';
import type { Paper } from '../src/core/library/model';
import { createPaperLens } from '../src/core/paperLens';
import type { PaperSearch } from '../src/core/search';
import { WEAK_COVERAGE } from '../src/core/search/paperSearch';
import { loadBundledCorpus } from '../src/node/bundledCorpusFile';

const ROOT = path.resolve(__dirname, '..', '..');
const QUERIES = path.resolve(ROOT, '..', 'shared', 'eval', 'search-queries.dev.json');
const OUT = path.join(ROOT, '.eval', 'search.json');
const BENCH_RESULTS = path.join(ROOT, 'bench', 'results');
const K = 10;

interface EvalQuery {
  id: string;
  query: string;
  kind: string;
  relevant: { title: string; grade: number }[];
}

interface QueryScore {
  ndcg: number;
  /** undefined when the query lists no grade-2 paper */
  rr: number | undefined;
  recall: number;
}

type Ranker = (query: string) => string[];

/**
 * Queries off the field, written for the weak-match check (never tuned on): each should get an
 * all-weak answer. "python list comprehension syntax" is listed though it is not flagged: its words
 * are code papers' words, and it shows what the signal cannot know.
 */
export const OFF_TOPIC_QUERIES = [
  'banana bread recipe', 'how to bake sourdough', 'best hiking trails in colorado', 'fix a leaking kitchen faucet',
  'python list comprehension syntax', 'football world cup results', 'cheap flights to paris', 'how to train a puppy',
  'symptoms of the flu', 'knitting patterns for beginners', 'stock market crash 1929', 'guitar chords for wonderwall',
  'photosynthesis in plants', 'how to change a car tire', 'medieval castle architecture', 'tax deductions for freelancers',
  'vegan lasagna', 'what is the capital of australia',
];

/**
 * Questions and paraphrases in the field, written as a searcher would type them, like the held-out
 * queries (not the dev queries, not tuned on): none should get an all-weak answer.
 */
export const IN_FIELD_QUERIES = [
  'compress the kv cache to fit longer prompts', 'which attention heads matter for retrieval', 'extend llama context window without retraining',
  'training-free context extension', 'benchmark for long video question answering', 'how do models use information in the middle of long inputs',
  'lost in the middle', 'speculative decoding for long sequences', 'linear attention alternative to transformers', 'mamba vs transformer on long sequences',
  'rotary embedding interpolation for longer context', 'memory-efficient attention kernels on gpus', 'distributed training with very long sequences',
  'evaluating long context beyond needle tests', 'retrieval augmented generation compared with long context windows', 'prompt compression to reduce tokens',
  'token pruning for vision language models', 'long-form summarization of books', 'long context reasoning benchmarks with synthetic tasks',
  'why do llms fail to use their full context', 'how can I make prefill faster for long prompts', 'serving systems for million token contexts',
  'quantize keys and values to 2 bits', 'sparse attention that picks important tokens dynamically', 'state space models for dna sequences',
  'electronic medical records with long context models', 'agents that manage their own memory', 'recurrent memory for transformers',
  'positional bias in long context', 'data engineering for long context pretraining', 'how to train a model on 1M tokens',
  'multimodal models with long video input', 'evict unimportant tokens from the cache', 'offloading kv cache to cpu memory',
  'code repository level completion with long context', 'in-context learning with many examples', 'length extrapolation without position embeddings',
  'long context instruction tuning data', 'streaming inference with attention sinks', 'hierarchical compression of context into memory tokens',
];

/** The picker's query limit: a result is all-weak when none of these many hits matches well. */
const WEAK_LIMIT = 50;

export function scoreRanking(titles: readonly string[], relevant: EvalQuery['relevant']): QueryScore {
  const grade = new Map(relevant.map(r => [r.title, r.grade]));
  const top = titles.slice(0, K);
  const dcg = top.reduce((s, t, i) => s + (2 ** (grade.get(t) ?? 0) - 1) / Math.log2(i + 2), 0);
  const ideal = [...relevant]
    .map(r => r.grade)
    .sort((a, b) => b - a)
    .slice(0, K)
    .reduce((s, g, i) => s + (2 ** g - 1) / Math.log2(i + 2), 0);
  const hasTop = relevant.some(r => r.grade === 2);
  const firstTop = top.findIndex(t => grade.get(t) === 2);
  return {
    ndcg: ideal ? dcg / ideal : 0,
    rr: hasTop ? (firstTop >= 0 ? 1 / (firstTop + 1) : 0) : undefined,
    recall: relevant.length ? top.filter(t => grade.has(t)).length / relevant.length : 0,
  };
}

function mean(xs: number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
}

function summarize(scores: QueryScore[]) {
  return {
    queries: scores.length,
    ndcg10: mean(scores.map(s => s.ndcg)),
    mrr10: mean(scores.filter(s => s.rr !== undefined).map(s => s.rr as number)),
    recall10: mean(scores.map(s => s.recall)),
  };
}

function plainMiniSearch(papers: readonly Paper[]): Ranker {
  const ms = new MiniSearch<Paper>({ fields: ['title', 'abstract'], storeFields: ['title'] });
  ms.addAll(papers);
  return q => ms.search(q).map(r => r.title as string);
}

function plainFuse(papers: readonly Paper[]): Ranker {
  const fuse = new Fuse(papers, { keys: ['title', 'abstract'] });
  return q => fuse.search(q).map(r => r.item.title);
}

function main(): void {
  if (!fs.existsSync(QUERIES)) {
    console.error(`eval:search: the dev queries are missing: expected ${QUERIES} (the shared eval folder beside the project)`);
    process.exit(2);
  }
  const queries = JSON.parse(fs.readFileSync(QUERIES, 'utf8')) as EvalQuery[];
  const sources = [loadBundledCorpus(path.join(ROOT, 'dist', 'corpus.json'))];
  const core = createPaperLens({ sources }).current();
  const corpus = core.snapshot;
  const titles = new Set(corpus.papers.map(p => p.title));
  const missing = queries.flatMap(q => q.relevant.filter(r => !titles.has(r.title)).map(r => `${q.id}: ${r.title}`));
  if (missing.length) console.warn(`eval:search: ${missing.length} graded title(s) not in the corpus:\n  ${missing.join('\n  ')}`);

  const ours = core.search;
  const oursMiniSearch = createPaperLens({ sources }, { search: { termIndex: MiniSearchTermIndex.builder } }).current().search;
  // What a user's own entries get (#12): no curated search phrases, and then also topics from the
  // classifier (leave-one-out: each paper's topics guessed by a classifier trained on the others)
  // instead of curated ones. Names stay as the corpus has them (curated and derived).
  const bundled = sources[0];
  const noPhrases = bundled.papers.map(p => ({ ...p, searchPhrases: undefined }));
  const asUserPapers = noPhrases.map((p, i) => {
    const others = bundled.papers.filter((_, j) => j !== i);
    return { ...p, topics: new TopicClassifier(bundled.topics ?? [], others).classify(p).topics };
  });
  const searchOver = (papers: Paper[]) => {
    const search = createPaperLens({ sources: [{ ...bundled, papers }] }).current().search;
    return (q: string) => search.search(q, { limit: K }).map(h => h.paper.title);
  };
  const engines: [string, Ranker][] = [
    ['paper-lens', q => ours.search(q, { limit: K }).map(h => h.paper.title)],
    ['paper-lens (MiniSearch index)', q => oursMiniSearch.search(q, { limit: K }).map(h => h.paper.title)],
    ['paper-lens, no curated phrases', searchOver(noPhrases)],
    ['paper-lens, no phrases, classifier topics', searchOver(asUserPapers)],
    ['MiniSearch defaults', plainMiniSearch(corpus.papers)],
    ['Fuse.js defaults', plainFuse(corpus.papers)],
  ];
  const kinds = [...new Set(queries.map(q => q.kind))];
  const report: Record<string, unknown> = { queries: path.relative(ROOT, QUERIES), k: K, engines: {} };
  const rows: string[][] = [];
  for (const [name, rank] of engines) {
    const perQuery = queries.map(q => {
      const top = rank(q.query).slice(0, K);
      return { id: q.id, kind: q.kind, query: q.query, ...scoreRanking(top, q.relevant), top };
    });
    const byKind = Object.fromEntries(kinds.map(k => [k, summarize(perQuery.filter(p => p.kind === k))]));
    const overall = summarize(perQuery);
    (report.engines as Record<string, unknown>)[name] = { overall, byKind, perQuery };
    for (const [kind, s] of [['overall', overall] as const, ...Object.entries(byKind)]) {
      rows.push([name, kind, String(s.queries), s.ndcg10.toFixed(3), s.mrr10.toFixed(3), s.recall10.toFixed(3)]);
    }
  }
  const header = ['engine', 'kind', 'n', 'nDCG@10', 'MRR@10', 'recall@10'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(header));
  let previous = '';
  for (const r of rows) {
    if (r[0] !== previous && previous) console.log('');
    previous = r[0];
    console.log(line(r));
  }
  report.weak = weakReport(ours, queries);
  // For npm run bench's results.json (bench/report.ts reads it).
  const ndcg = (engine: string) => Math.round(((report.engines as Record<string, { overall: { ndcg10: number } }>)[engine].overall.ndcg10) * 1000) / 1000;
  fs.mkdirSync(BENCH_RESULTS, { recursive: true });
  fs.writeFileSync(path.join(BENCH_RESULTS, 'quality.json'), `${JSON.stringify({
    searchNdcg10: ndcg('paper-lens'),
    searchNdcg10NoPhrases: ndcg('paper-lens, no curated phrases'),
    searchNdcg10AsUserLibrary: ndcg('paper-lens, no phrases, classifier topics'),
  }, null, 2)}\n`);
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, JSON.stringify(report, null, 2));
  console.log(`\n${queries.length} queries; MRR@10 over the queries listing a grade-2 paper. Details: ${path.relative(ROOT, OUT)}`);
}

/** The best coverage among a query's hits (0 when none): the answer is all-weak below the threshold. */
function bestCoverage(search: PaperSearch, query: string): number {
  return Math.max(0, ...search.search(query, { limit: WEAK_LIMIT, prefix: false }).map(h => h.coverage ?? 1));
}

function weakReport(search: PaperSearch, dev: readonly EvalQuery[]) {
  const sets = {
    dev: dev.map(q => q.query),
    'in-field (invented)': IN_FIELD_QUERIES,
    'off-topic (invented)': OFF_TOPIC_QUERIES,
  };
  const best = Object.fromEntries(Object.entries(sets).map(([name, qs]) => [name, qs.map(q => ({ query: q, coverage: bestCoverage(search, q) }))]));
  const thresholds = [0.3, 0.4, 0.45, WEAK_COVERAGE, 0.55, 0.6, 0.7].filter((t, i, a) => a.indexOf(t) === i).sort((a, b) => a - b);
  console.log(`\nAll-weak answers ("no paper matches well") by coverage threshold (shipped ${WEAK_COVERAGE}):`);
  console.log(['threshold', ...Object.keys(sets)].map((h, i) => (i ? h.padStart(22) : h.padEnd(10))).join(''));
  for (const t of thresholds) {
    const cells = Object.values(best).map(rows => `${rows.filter(r => r.coverage < t).length}/${rows.length}`.padStart(22));
    console.log(`${String(t).padEnd(10)}${cells.join('')}`);
  }
  for (const [name, rows] of Object.entries(best)) {
    const sorted = [...rows].sort((a, b) => a.coverage - b.coverage);
    const edge = name.startsWith('off') ? sorted.slice(-2).reverse() : sorted.slice(0, 2);
    console.log(`  ${name}: ${name.startsWith('off') ? 'highest' : 'lowest'} best coverage ${edge.map(r => `${r.coverage.toFixed(2)} "${r.query}"`).join(', ')}`);
  }
  return { threshold: WEAK_COVERAGE, limit: WEAK_LIMIT, bestCoverage: best };
}

if (require.main === module) main();
