// node out/bench/workspaceBench.js (after `npx tsc -p .` and `npm run corpus`) — the workspace
// mention index over a folder of 10,000 markdown notes (~100 MB), generated deterministically
// (seeded) from the bundled corpus with bench/mentionsBench.ts's note builder, cut into notes of
// log-normal sizes (median ~6 KB, a few of several hundred KB) in 100 folders, plus what the file
// selection must leave out (node_modules, a .gitignore'd folder, binary and oversized notes).
//
// Measured, each repeated and reported as median and range (2 shared cores: other work adds noise):
//   - full scan, cold (no cache), with one worker and with two, interleaved A/B;
//   - the largest stall of the main thread during a scan: perf_hooks.monitorEventLoopDelay's max,
//     cross-checked by the largest gap between 2 ms timer ticks;
//   - saving the cache, and reopening with it warm (load + list + plan, nothing changed);
//   - updating the index after one saved note (write, then updateNote), over 60 notes of all sizes;
//   - for comparison, the detector alone over every note in process (its share of the scan's CPU).
// Writes bench/results/workspace.json. No assertions: timings are for reading.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { monitorEventLoopDelay, performance } from 'perf_hooks';
import { Worker } from 'worker_threads';
import { loadBundledCorpus } from '../src/node/bundledCorpusFile';
import { MentionDetector } from '../src/core/mentions';
import type { Paper } from '../src/core/library/model';
import { libraryFingerprint, VSCODE_DEFAULT_EXCLUDES, WorkspaceMentionIndex } from '../src/core/workspace';
import { noteKey } from '../src/node/workspaceFiles';
import { WorkspaceScanner } from '../src/node/workspaceScanner';
import { buildNote } from './mentionsBench';
import { seededRandom } from './syntheticCorpus';

const ROOT = path.resolve(__dirname, '..', '..');
const SEED = 15;
const NOTES = 10_000;
const TARGET_BYTES = 100 * 1024 * 1024;
/** Bump when the generated workspace changes, so a stale one in the temp folder is rebuilt. */
const LAYOUT = 'v1';
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

interface Workspace {
  dir: string;
  notes: string[];
  bytes: number;
}

/** Generates the workspace (or reuses the one a previous run left, same seed and layout). */
function workspace(papers: readonly Paper[]): Workspace {
  const dir = path.join(os.tmpdir(), `paper-lens-bench-workspace-${LAYOUT}-${SEED}`);
  const manifest = path.join(dir, '.bench-manifest.json');
  if (fs.existsSync(manifest)) {
    const m = JSON.parse(fs.readFileSync(manifest, 'utf8')) as Workspace;
    if (m.notes.length === NOTES) return m;
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const t0 = performance.now();
  const random = seededRandom(SEED);
  // Log-normal sizes, σ = 1: most notes a few KB, a long tail of big ones, as folders of notes are.
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const raw = Array.from({ length: NOTES }, () => Math.exp(normal()));
  const scale = TARGET_BYTES / raw.reduce((a, b) => a + b, 0);
  const sizes = raw.map(r => Math.max(200, Math.min(1_500_000, Math.round(r * scale))));
  // The text comes from a few long builds cut at paragraph breaks: building each note apart would
  // rebuild the vocabulary 10,000 times.
  const STREAM = 10_000_000;
  let stream = '';
  let streamSeed = SEED * 1000;
  let at = 0;
  const take = (size: number): string => {
    if (at + size + 10_000 > stream.length) {
      stream = stream.slice(at) + '\n\n' + buildNote(papers, STREAM, streamSeed++);
      at = 0;
    }
    let end = stream.indexOf('\n\n', at + size);
    if (end < 0) end = stream.length;
    const text = stream.slice(at, end).trimStart();
    at = end + 2;
    return `${text}\n`;
  };
  const notes: string[] = [];
  let bytes = 0;
  for (let i = 0; i < NOTES; i++) {
    const ext = i % 50 === 7 ? '.txt' : i % 50 === 13 ? '.tex' : '.md';
    const rel = `notes/topic-${String(i % 100).padStart(2, '0')}/note-${String(i).padStart(5, '0')}${ext}`;
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const text = take(sizes[i]);
    fs.writeFileSync(file, text);
    notes.push(noteKey(file));
    bytes += Buffer.byteLength(text);
  }
  // What the selection must skip: none of it may be read.
  const skip = (rel: string, content: string | Uint8Array) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  };
  for (let i = 0; i < 50; i++) skip(`node_modules/pkg-${i}/README.md`, take(5000));
  for (let i = 0; i < 50; i++) skip(`drafts/draft-${i}.md`, take(5000));
  skip('.gitignore', 'drafts/\n');
  for (let i = 0; i < 10; i++) skip(`assets/image-${i}.md`, Uint8Array.from({ length: 4096 }, (_, k) => (k % 7 === 0 ? 0 : k & 0xff)));
  skip('dumps/huge.md', 'DuoAttention '.repeat(900_000));
  const ws: Workspace = { dir, notes, bytes };
  fs.writeFileSync(manifest, JSON.stringify(ws));
  console.log(`generated ${NOTES} notes, ${(bytes / 1e6).toFixed(1)} MB in ${dir} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  return ws;
}

/** The main thread's largest stall while `fn` runs: event-loop delay monitor and a 2 ms ticker. */
async function watchStalls<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; maxStallMs: number; maxTickGapMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  let last = performance.now();
  let maxGap = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
  }, 2);
  histogram.enable();
  const t0 = performance.now();
  const value = await fn();
  const ms = performance.now() - t0;
  histogram.disable();
  clearInterval(ticker);
  maxGap = Math.max(maxGap, performance.now() - last);
  return { value, ms, maxStallMs: histogram.max / 1e6, maxTickGapMs: maxGap };
}

interface Stat {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

function stat(xs: number[]): Stat {
  const s = [...xs].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 10) / 10;
  return { median: r(s[Math.floor((s.length - 1) / 2)]), min: r(s[0]), max: r(s[s.length - 1]), runs: xs.map(r) };
}

/**
 * The noise floor: the main thread's largest stall while it does nothing and one worker thread
 * spins, for `ms`. What the machine's other load and scheduling alone cost a waiting thread; a
 * scan's stalls are to be read against it on a shared machine.
 */
async function noiseFloor(ms: number): Promise<number> {
  const spinner = new Worker(`const end = Date.now() + ${ms}; let x = 0; while (Date.now() < end) x++;`, { eval: true });
  const r = await watchStalls(() => new Promise<void>(resolve => setTimeout(resolve, ms)));
  await spinner.terminate();
  return r.maxStallMs;
}

const show = (label: string, s: Stat, unit = 'ms') => console.log(`  ${label.padEnd(44)} median ${String(s.median).padStart(8)} ${unit}   range ${s.min}–${s.max}`);

async function main(): Promise<void> {
  const papers = loadBundledCorpus(path.join(ROOT, 'dist', 'corpus.json')).papers as Paper[];
  const loadAtStart = os.loadavg();
  const ws = workspace(papers);
  const fingerprint = libraryFingerprint(papers, 'bench');
  const selection = { excludes: [VSCODE_DEFAULT_EXCLUDES] };
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-lens-bench-cache-'));
  const cacheFile = path.join(cacheDir, 'workspace-mentions.ndjson');
  console.log(`workspace: ${ws.notes.length} notes, ${(ws.bytes / 1e6).toFixed(1)} MB; ${os.cpus().length} cores, load ${os.loadavg().map(l => l.toFixed(1)).join(' ')}; ${process.version}\n`);

  // The host's detector exists already in the extension (hover builds it); build it outside the timings.
  const finderBuild = performance.now();
  const finder = new MentionDetector(papers);
  const finderBuildMs = performance.now() - finderBuild;

  const floors: number[] = [];
  floors.push(await noiseFloor(5000));

  // 1. Cold scans, one worker vs two, interleaved.
  const cold: Record<'1' | '2', { ms: number[]; stall: number[]; gap: number[] }> = { 1: { ms: [], stall: [], gap: [] }, 2: { ms: [], stall: [], gap: [] } };
  let lastIndex: WorkspaceMentionIndex | undefined;
  let scanned = 0;
  for (let run = 0; run < RUNS; run++) {
    for (const workers of run % 2 ? [2, 1] as const : [1, 2] as const) {
      const index = new WorkspaceMentionIndex();
      const scanner = new WorkspaceScanner({ index, papers, fingerprint, finder, selection, workers });
      const r = await watchStalls(() => scanner.scanFolders([ws.dir]));
      cold[workers].ms.push(r.ms);
      cold[workers].stall.push(r.maxStallMs);
      cold[workers].gap.push(r.maxTickGapMs);
      scanned = r.value.scanned;
      console.log(`  cold scan, ${workers} worker${workers > 1 ? 's' : ' '}: ${(r.ms / 1000).toFixed(2)} s, ${r.value.scanned} notes, ${index.mentionCount} mentions, max stall ${r.maxStallMs.toFixed(1)} ms (tick gap ${r.maxTickGapMs.toFixed(1)} ms)`);
      lastIndex = index;
    }
  }
  const index = lastIndex!;
  const heapMB = process.memoryUsage().heapUsed / 1e6;

  // 2. Save the cache, then reopen warm.
  const saves: number[] = [];
  const saveStalls: number[] = [];
  let cacheBytes = 0;
  for (let run = 0; run < RUNS; run++) {
    const r = await watchStalls(() => new WorkspaceScanner({ index, papers, fingerprint, finder, selection }).saveCache(cacheFile));
    saves.push(r.ms);
    saveStalls.push(r.maxStallMs);
    cacheBytes = r.value;
  }
  const warm: number[] = [];
  const warmStalls: number[] = [];
  const warmLoad: number[] = [];
  let warmIndex: WorkspaceMentionIndex | undefined;
  let warmScanner: WorkspaceScanner | undefined;
  for (let run = 0; run < RUNS; run++) {
    const reopened = new WorkspaceMentionIndex();
    const scanner = new WorkspaceScanner({ index: reopened, papers, fingerprint, finder, selection });
    const r = await watchStalls(() => scanner.scanFolders([ws.dir], { cacheFile }));
    if (r.value.scanned !== 0 || r.value.cache?.notes !== ws.notes.length + 10) console.log(`  warm reopen read notes: ${JSON.stringify(r.value)}`);
    warm.push(r.ms);
    warmStalls.push(r.maxStallMs);
    // The cache alone, for the record.
    const t = performance.now();
    await new WorkspaceScanner({ index: new WorkspaceMentionIndex(), papers, fingerprint, finder, selection }).loadCache(cacheFile);
    warmLoad.push(performance.now() - t);
    warmIndex = reopened;
    warmScanner = scanner;
  }

  // 3. One saved note at a time, in process (notes of every size, largest included).
  const bySize = [...ws.notes].map(p => ({ p, size: fs.statSync(p).size })).sort((a, b) => a.size - b.size);
  const sample = Array.from({ length: 60 }, (_, k) => bySize[Math.min(bySize.length - 1, Math.floor((k / 59) * (bySize.length - 1)))]);
  const updates: number[] = [];
  const updateStalls: number[] = [];
  const scanner = warmScanner!;
  await scanner.updateNote(sample[0].p); // warm the path (first read, first detect)
  for (const { p } of sample) {
    fs.appendFileSync(p, '\nSaved: DuoAttention and LongLoRA compared again.\n');
    const r = await watchStalls(() => scanner.updateNote(p));
    if (r.value !== 'updated') console.log(`  update of ${p}: ${r.value}`);
    updates.push(r.ms);
    updateStalls.push(r.maxStallMs);
  }
  const small = updates.filter((_, k) => sample[k].size <= 256 * 1024);
  console.log(`  index after updates: ${warmIndex!.size} notes`);

  floors.push(await noiseFloor(5000));

  // 4. The detector alone, in process, over every note: its share of a scan's CPU.
  let detectMs = 0;
  let detectBytes = 0;
  for (const p of ws.notes) {
    const text = fs.readFileSync(p, 'utf8');
    const t = performance.now();
    finder.detect(text);
    detectMs += performance.now() - t;
    detectBytes += text.length;
  }

  const c1 = { ms: stat(cold[1].ms), stall: stat(cold[1].stall), gap: stat(cold[1].gap) };
  const c2 = { ms: stat(cold[2].ms), stall: stat(cold[2].stall), gap: stat(cold[2].gap) };
  const u = stat(updates);
  const uSmall = stat(small);
  console.log(`\nworkspace index, ${ws.notes.length} notes (${(ws.bytes / 1e6).toFixed(1)} MB), ${index.mentionCount} mentions, ${RUNS} runs each\n`);
  show('noise floor: max stall, idle thread + 1 spinning worker', stat(floors));
  show('cold scan, 1 worker', c1.ms);
  show('cold scan, 2 workers', c2.ms);
  show('max main-thread stall during scan, 1 worker', c1.stall);
  show('  (largest 2 ms tick gap, 1 worker)', c1.gap);
  show('max main-thread stall during scan, 2 workers', c2.stall);
  show('save cache', stat(saves));
  show('  max stall while saving', stat(saveStalls));
  show('warm reopen (cache read while listing, plan)', stat(warm));
  show('  loading the cache alone', stat(warmLoad));
  show('  max stall during warm reopen', stat(warmStalls));
  show('update after one saved note (60 notes)', u);
  show('  notes ≤ 256 KB (in process)', uSmall);
  show('  max stall during an update', stat(updateStalls));
  console.log(`  cache ${(cacheBytes / 1e6).toFixed(1)} MB; heap after a scan ${heapMB.toFixed(0)} MB; host detector build ${finderBuildMs.toFixed(0)} ms`);
  console.log(`  detector alone, in process: ${(detectMs / 1000).toFixed(2)} s for ${(detectBytes / 1e6).toFixed(1)} M chars (${((detectMs / detectBytes) * 1e6).toFixed(1)} ms per M chars)`);

  const best = c1.ms.median <= c2.ms.median ? c1 : c2;
  const results = {
    workspaceScanMs: c1.ms.median,
    maxStallMs: Math.max(c1.stall.median, c2.stall.median),
    warmReopenMs: stat(warm).median,
    updateAfterSaveMs: uSmall.median,
    notes: ws.notes.length,
    bytes: ws.bytes,
    details: {
      date: new Date().toISOString(),
      node: process.version,
      cores: os.cpus().length,
      loadAverageAtStart: loadAtStart,
      loadAverageAtEnd: os.loadavg(),
      noiseFloorMaxStallMs: stat(floors),
      runs: RUNS,
      mentions: index.mentionCount,
      notesScanned: scanned,
      coldScan: { oneWorker: c1, twoWorkers: c2, fasterConfiguration: best === c1 ? '1 worker' : '2 workers' },
      saveCache: { ms: stat(saves), maxStallMs: stat(saveStalls), bytes: cacheBytes },
      warmReopen: { ms: stat(warm), loadCacheMs: stat(warmLoad), maxStallMs: stat(warmStalls) },
      updateAfterSave: { allSizes: u, inProcessUpTo256KB: uSmall, maxStallMs: stat(updateStalls), largestNoteBytes: bySize[bySize.length - 1].size },
      detectorAloneMs: Math.round(detectMs),
      detectorAloneChars: detectBytes,
      hostDetectorBuildMs: Math.round(finderBuildMs),
      heapAfterScanMB: Math.round(heapMB),
      targets: { workspaceScanMs: 10_000, maxStallMs: 50, updateAfterSaveMs: 50 },
    },
  };
  const out = path.join(ROOT, 'bench', 'results', 'workspace.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(results, null, 2));
  fs.rmSync(cacheDir, { recursive: true, force: true });
  console.log(`\nwrote ${path.relative(process.cwd(), out)}`);
}

if (require.main === module) {
  main().catch(e => {
    console.error(e);
    process.exit(1);
  });
}
