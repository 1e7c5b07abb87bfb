// npm run bench:cold — what the first search and the first hover cost in a process that has done
// nothing yet, as a user's first Search Papers or first hover pays it. Each sample is a fresh Node
// process (one in-process loop would measure a warm JIT and warm caches after the first pass), the
// two kinds alternating so machine noise falls on both; medians and ranges go to
// bench/results/cold.json. Timings only: nothing here asserts.
//
//   node out/bench/coldStart.js [--runs 7]
//
// Per process, with the modules already loaded (in the extension they come with the bundle at
// activation, before any of this), through the core factory as the extension uses it:
//   search: read and parse dist/corpus.json, build the search index, run the first query.
//   hover:  read and parse dist/corpus.json, build the name automaton, find what a sample note
//           refers to (names, citation keys, arXiv ids: the document scan), then look up the
//           mention under a position (hoverAfterScanMs: what every later hover on that note pays,
//           since the scan is cached per document version).
// Module loading and the time since the process started are recorded too, to compare with a
// stopwatch around `node -e`.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';

const cpuMs = (since: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
};

const ROOT = path.resolve(__dirname, '..', '..');
const OUT = path.join(ROOT, 'bench', 'results', 'cold.json');
const CORPUS = path.join(ROOT, 'dist', 'corpus.json');
const NOTE = path.join(ROOT, 'samples', 'kv-cache-reading-list.md');
const QUERY = 'kv cache eviction';

type Kind = 'search' | 'hover';

/** One process's numbers, in ms. */
export interface ColdSample {
  kind: Kind;
  requireMs: number;
  loadCorpusMs: number;
  /** search: PaperSearch built and first query answered; hover: detector built and note scanned */
  firstUseMs: number;
  /** hover only: the mentionAt lookup after the scan */
  lookupMs?: number;
  /** loadCorpusMs + firstUseMs (+ lookupMs): the number the bench reports */
  totalMs: number;
  /** from process start to the answer, Node's own start-up and module loading included */
  sinceProcessStartMs: number;
  /**
   * CPU time of the process (all its threads: V8's compiler and GC helpers too) over the span of
   * totalMs. On 2 shared cores the wall clock mostly measures the neighbours; this barely moves.
   */
  cpuMs: number;
}

export interface Spread { median: number; min: number; max: number; n: number }

export function spread(xs: readonly number[]): Spread {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  const r = (x: number) => Math.round(x * 100) / 100;
  return { median: r(mid), min: r(s[0]), max: r(s[s.length - 1]), n: s.length };
}

function child(kind: Kind): ColdSample {
  const t0 = performance.now();
  // Required here, timed, rather than imported at the top: the parent never needs them. The same
  // path as the extension's LibraryService: the core factory over the bundled corpus source.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { loadBundledCorpus } = require('../src/node/bundledCorpusFile') as typeof import('../src/node/bundledCorpusFile');
  const { createPaperLens } = require('../src/core/paperLens') as typeof import('../src/core/paperLens');
  const { mentionAt } = require('../src/core/mentions') as typeof import('../src/core/mentions');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const note = fs.readFileSync(NOTE, 'utf8');
  const cpu = process.cpuUsage();
  const t1 = performance.now();
  const core = createPaperLens({ sources: [loadBundledCorpus(CORPUS)] }).current();
  const t2 = performance.now();
  if (kind === 'search') {
    const hits = core.search.search(QUERY);
    const t3 = performance.now();
    const cpuSpent = cpuMs(cpu);
    if (!hits.length) throw new Error(`no hits for '${QUERY}'`);
    return { kind, requireMs: t1 - t0, loadCorpusMs: t2 - t1, firstUseMs: t3 - t2, totalMs: t3 - t1, sinceProcessStartMs: t3, cpuMs: cpuSpent };
  }
  // What the hover's document scan runs: names, citation keys and arXiv references of the note.
  const mentions = core.notes.detect(note);
  const t3 = performance.now();
  const hit = mentionAt(mentions, note.indexOf('KVQuant') + 2);
  const t4 = performance.now();
  const cpuSpent = cpuMs(cpu);
  if (!hit) throw new Error('no mention under the hovered position');
  return { kind, requireMs: t1 - t0, loadCorpusMs: t2 - t1, firstUseMs: t3 - t2, lookupMs: t4 - t3, totalMs: t4 - t1, sinceProcessStartMs: t4, cpuMs: cpuSpent };
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function main(): void {
  const kind = arg('--child') as Kind | undefined;
  if (kind) {
    process.stdout.write(JSON.stringify(child(kind)));
    return;
  }
  if (!fs.existsSync(CORPUS)) throw new Error(`${path.relative(ROOT, CORPUS)} missing: run 'npm run build' first`);
  const runs = Number(arg('--runs') ?? 7);
  const load0 = os.loadavg()[0];
  const samples: ColdSample[] = [];
  for (let i = 0; i < runs; i++) {
    for (const k of ['search', 'hover'] as const) {
      const r = spawnSync(process.execPath, [__filename, '--child', k], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`cold ${k} process failed: ${r.stderr.trim().split('\n')[0]}`);
      samples.push(JSON.parse(r.stdout) as ColdSample);
    }
  }
  const of = (k: Kind) => samples.filter(s => s.kind === k);
  const pick = (k: Kind, field: keyof ColdSample) => spread(of(k).map(s => s[field] as number));
  const result = {
    date: new Date().toISOString(),
    node: process.version,
    // Load average over the last minute, before and after: numbers taken on a busy machine say so.
    loadAvg1: { before: Math.round(load0 * 100) / 100, after: Math.round(os.loadavg()[0] * 100) / 100 },
    runs,
    query: QUERY,
    note: path.relative(ROOT, NOTE),
    search: { totalMs: pick('search', 'totalMs'), cpuMs: pick('search', 'cpuMs'), loadCorpusMs: pick('search', 'loadCorpusMs'), firstQueryMs: pick('search', 'firstUseMs'), requireMs: pick('search', 'requireMs'), sinceProcessStartMs: pick('search', 'sinceProcessStartMs') },
    hover: { totalMs: pick('hover', 'totalMs'), cpuMs: pick('hover', 'cpuMs'), loadCorpusMs: pick('hover', 'loadCorpusMs'), detectorAndScanMs: pick('hover', 'firstUseMs'), lookupMs: pick('hover', 'lookupMs'), requireMs: pick('hover', 'requireMs'), sinceProcessStartMs: pick('hover', 'sinceProcessStartMs') },
    samples,
  };
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, `${JSON.stringify(result, null, 2)}\n`);
  const line = (label: string, s: Spread) => console.log(`  ${label.padEnd(48)} ${s.median.toFixed(2).padStart(8)} ms  (${s.min.toFixed(2)}–${s.max.toFixed(2)})`);
  console.log(`cold start, ${runs} fresh processes each (median, range):`);
  line('first search (corpus + index + query)', result.search.totalMs);
  line('  CPU time of it (all threads)', result.search.cpuMs);
  line('  corpus load', result.search.loadCorpusMs);
  line('  index build + first query', result.search.firstQueryMs);
  line('  module loading (before, not counted)', result.search.requireMs);
  line('  process start to first result', result.search.sinceProcessStartMs);
  line('first hover (corpus + detector + scan + lookup)', result.hover.totalMs);
  line('  CPU time of it (all threads)', result.hover.cpuMs);
  line('  detector build + scan of the note', result.hover.detectorAndScanMs);
  line('  mentionAt lookup after the scan', result.hover.lookupMs);
  line('  process start to hover answer', result.hover.sinceProcessStartMs);
  console.log(`written to ${path.relative(ROOT, OUT)}`);
}

if (require.main === module) {
  try {
    main();
  } catch (e) {
    console.error(`[bench:cold] ${(e as Error).message}`);
    process.exit(1);
  }
}
