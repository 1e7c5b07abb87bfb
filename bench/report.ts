// npm run bench — after the benchmarks have written their raw numbers to bench/results/, collects
// the numbers that matter into bench/results/results.json, draws bench/results/chart.svg (log-scale
// bars, target lines) and, with --record, appends one line to bench/history.jsonl and compares it
// with the last line from the same kind of machine. Reports; never fails on speed.
//
//   node out/bench/report.js [--record]
//
// Inputs (each optional; a key whose input is missing is null in results.json):
//   search.json      bench/searchBench.ts    searchP95Ms50k, searchP95Ms129
//   mentions.json    bench/mentionsBench.ts  mentionScan1MBMs
//   cold.json        bench/coldStart.ts      coldFirstSearchMs, coldFirstHoverMs, hoverAfterScanMs
//   activation.json  scripts/host/benchActivation.js  activateMs
//   size.json        bench/sizeBench.ts      extensionJsBytes, vsixBytes
//   library.json     (library benchmark)     library20kLoadMs
//   workspace.json   (workspace benchmark)   workspaceScanMs
//     Each of these two carries its key at the top level, named as here, either as a number of ms
//     (the median) or as { "median": ms, "min": ms, "max": ms } to give the range too; anything
//     else in the file is its own business:
//       { "library20kLoadMs": 412.3, ... }   { "workspaceScanMs": { "median": 32580, "min": 31000, "max": 35100 }, ... }
//
// Why a committed history.jsonl and not a committed results.json: results.json is rewritten by
// every run, so comparing runs would mean digging through git history, and each run would rewrite
// the whole file in review; one appended line a run keeps every run side by side (`tail`, `jq -s`),
// with its date, commit and machine, and lines appended on different branches merge cleanly at
// worst by keeping both. The raw files stay git-ignored: they are large and say nothing new.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
const RESULTS = path.join(ROOT, 'bench', 'results');
const HISTORY = path.join(ROOT, 'bench', 'history.jsonl');

/** The targets the project holds itself to (README, "Quality and speed"). */
export const TARGETS = { searchP95Ms: 20, mentionsMedianMs: 15 };

interface SearchEngineResult { engine: string; buildMs: number; p50: number; p95: number; max: number }
export interface SearchResults { size: number; results: SearchEngineResult[]; bundled?: { size: number; p50: number; p95: number; max: number } }
interface Timing { medianMs: number; p95Ms: number }
export interface MentionsResults {
  note: { chars: number };
  build: { ours: Timing };
  detect: { perAliasRegex: Timing; alternationRegex: Timing; ours: Timing };
}
export interface Spread { median: number; min: number; max: number; n?: number }
export interface ColdResults { runs: number; search: { totalMs: Spread; cpuMs?: Spread }; hover: { totalMs: Spread; cpuMs?: Spread; lookupMs: Spread } }
export interface ActivationResults { activateMs: Spread | null; bundle?: string }
export interface SizeResults { extensionJsBytes?: number; vsixBytes?: number; vsixError?: string }
type MsOrSpread = number | Spread;
export interface LibraryResults { library20kLoadMs?: MsOrSpread }
export interface WorkspaceResults { workspaceScanMs?: MsOrSpread }
/** Written by npm run eval:search: nDCG@10 on the dev queries, as shipped and as a user's own entries get it. */
export interface QualityResults { searchNdcg10?: number; searchNdcg10NoPhrases?: number; searchNdcg10AsUserLibrary?: number }

export interface Inputs {
  search?: SearchResults;
  mentions?: MentionsResults;
  cold?: ColdResults;
  activation?: ActivationResults;
  size?: SizeResults;
  library?: LibraryResults;
  workspace?: WorkspaceResults;
  quality?: QualityResults;
}

export interface Machine { cpus: number; model: string; totalMemoryGB: number; node: string; platform: string; loadAvg1: number }

/** The keys every run records (results.json top level, and each history line). */
export const KEYS = [
  'activateMs', 'coldFirstSearchMs', 'coldFirstHoverMs', 'searchP95Ms129', 'searchP95Ms50k', 'mentionScan1MBMs',
  'hoverAfterScanMs', 'extensionJsBytes', 'vsixBytes', 'library20kLoadMs', 'workspaceScanMs',
  // CPU time of the cold first search and hover: on shared cores the wall clock mostly measures the
  // neighbours, these compare across runs on a busy machine.
  'coldFirstSearchCpuMs', 'coldFirstHoverCpuMs',
  // Search quality beside speed (#12): nDCG@10 on the dev queries as shipped, without the curated
  // search phrases, and also with classifier topics — what a user's own entries get.
  'searchNdcg10', 'searchNdcg10NoPhrases', 'searchNdcg10AsUserLibrary',
] as const;
export type Key = typeof KEYS[number];

export interface Bar { group: string; label: string; ms: number; ours: boolean }

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

export function readInputs(dir = RESULTS): Inputs {
  const read = <T>(name: string) => readJson<T>(path.join(dir, name));
  return {
    search: read<SearchResults>('search.json'),
    mentions: read<MentionsResults>('mentions.json'),
    cold: read<ColdResults>('cold.json'),
    activation: read<ActivationResults>('activation.json'),
    size: read<SizeResults>('size.json'),
    library: read<LibraryResults>('library.json'),
    workspace: read<WorkspaceResults>('workspace.json'),
    quality: read<QualityResults>('quality.json'),
  };
}

export function machineInfo(): Machine {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    model: cpus[0]?.model.trim() ?? 'unknown',
    totalMemoryGB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    // How busy the machine was as the report ran: numbers from a loaded machine say so.
    loadAvg1: Math.round(os.loadavg()[0] * 100) / 100,
  };
}

const round = (x: number) => Math.round(x * 100) / 100;
/** A number of ms, or a spread's median; null for anything else (a missing or malformed key). */
const ms = (x: MsOrSpread | undefined): number | null => (typeof x === 'number' ? round(x) : typeof x?.median === 'number' ? round(x.median) : null);
const rangeOf = (x: MsOrSpread | undefined) => (typeof x === 'object' && typeof x.min === 'number' && typeof x.max === 'number' ? range(x) : undefined);
const range = (s: Spread | null | undefined): [number, number] | null => (s ? [round(s.min), round(s.max)] : null);

export function summarize(inputs: Inputs, machine: Machine = machineInfo(), date = new Date()) {
  const { search, mentions, cold, activation, size, library, workspace, quality } = inputs;
  const ours = search?.results.find(r => r.engine.startsWith('PaperSearch (compact'));
  const keys: Record<Key, number | null> = {
    activateMs: activation?.activateMs ? round(activation.activateMs.median) : null,
    coldFirstSearchMs: cold ? round(cold.search.totalMs.median) : null,
    coldFirstHoverMs: cold ? round(cold.hover.totalMs.median) : null,
    searchP95Ms129: search?.bundled ? round(search.bundled.p95) : null,
    // Only a 50,000-paper run fills this key: a --size run of another size is not comparable.
    searchP95Ms50k: ours && search?.size === 50_000 ? round(ours.p95) : null,
    mentionScan1MBMs: mentions ? mentions.detect.ours.medianMs : null,
    hoverAfterScanMs: cold ? cold.hover.lookupMs.median : null,
    extensionJsBytes: size?.extensionJsBytes ?? null,
    vsixBytes: size?.vsixBytes ?? null,
    library20kLoadMs: ms(library?.library20kLoadMs),
    workspaceScanMs: ms(workspace?.workspaceScanMs),
    coldFirstSearchCpuMs: ms(cold?.search.cpuMs),
    coldFirstHoverCpuMs: ms(cold?.hover.cpuMs),
    searchNdcg10: quality?.searchNdcg10 ?? null,
    searchNdcg10NoPhrases: quality?.searchNdcg10NoPhrases ?? null,
    searchNdcg10AsUserLibrary: quality?.searchNdcg10AsUserLibrary ?? null,
  };
  const results: Record<string, unknown> = {
    date: date.toISOString(),
    machine,
    ...keys,
    ranges: {
      activateMs: range(activation?.activateMs),
      coldFirstSearchMs: range(cold?.search.totalMs),
      coldFirstHoverMs: range(cold?.hover.totalMs),
      hoverAfterScanMs: range(cold?.hover.lookupMs),
      ...(rangeOf(library?.library20kLoadMs) ? { library20kLoadMs: rangeOf(library?.library20kLoadMs) } : {}),
      ...(rangeOf(workspace?.workspaceScanMs) ? { workspaceScanMs: rangeOf(workspace?.workspaceScanMs) } : {}),
    },
    targets: TARGETS,
  };
  if (size?.vsixError) results.vsixError = size.vsixError;
  if (activation?.bundle) results.activationBundle = activation.bundle;

  const bars: Bar[] = [];
  if (search) {
    const plain = search.results.find(r => r.engine === 'MiniSearch defaults');
    results.search = {
      papers: search.size,
      engines: search.results.map(r => ({ engine: r.engine, buildS: round(r.buildMs / 1000), p50Ms: round(r.p50), p95Ms: round(r.p95) })),
      oursP95Ms: ours && round(ours.p95),
      p95SpeedupVsMiniSearch: ours && plain ? round(plain.p95 / ours.p95) : undefined,
      meetsTarget: ours ? ours.p95 <= TARGETS.searchP95Ms : undefined,
    };
    for (const r of search.results) bars.push({ group: `search p95, ${search.size.toLocaleString('en')} papers`, label: r.engine, ms: r.p95, ours: r === ours });
  }
  if (mentions) {
    const d = mentions.detect;
    results.mentions = {
      noteChars: mentions.note.chars,
      medianMs: { perAliasRegex: d.perAliasRegex.medianMs, alternationRegex: d.alternationRegex.medianMs, ours: d.ours.medianMs },
      automatonBuildMs: mentions.build.ours.medianMs,
      speedupVsAlternation: round(d.alternationRegex.medianMs / d.ours.medianMs),
      speedupVsPerAlias: round(d.perAliasRegex.medianMs / d.ours.medianMs),
      meetsTarget: d.ours.medianMs <= TARGETS.mentionsMedianMs,
    };
    const group = 'mention scan, 1 MB note (median)';
    bars.push({ group, label: 'one regex per alias', ms: d.perAliasRegex.medianMs, ours: false });
    bars.push({ group, label: 'one alternation regex', ms: d.alternationRegex.medianMs, ours: false });
    bars.push({ group, label: 'MentionDetector', ms: d.ours.medianMs, ours: true });
  }
  const firstUse = 'first use, bundled corpus (median of fresh processes)';
  if (keys.activateMs !== null) bars.push({ group: firstUse, label: 'activate()', ms: keys.activateMs, ours: true });
  if (keys.coldFirstSearchMs !== null) bars.push({ group: firstUse, label: 'first search', ms: keys.coldFirstSearchMs, ours: true });
  if (keys.coldFirstHoverMs !== null) bars.push({ group: firstUse, label: 'first hover', ms: keys.coldFirstHoverMs, ours: true });
  return { results, keys, bars };
}

/** One history line: when, what code, on what machine, and the keys. */
export function historyEntry(results: Record<string, unknown>, keys: Record<Key, number | null>, commit: string | null) {
  return { date: results.date, commit, machine: results.machine, ...keys, ranges: results.ranges };
}

type HistoryEntry = ReturnType<typeof historyEntry>;

/** Reads the history (a missing file is an empty one; a line that does not parse is skipped). */
export function readHistory(file = HISTORY): HistoryEntry[] {
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).flatMap(line => {
    try {
      return [JSON.parse(line) as HistoryEntry];
    } catch {
      return [];
    }
  });
}

export function appendHistory(entry: HistoryEntry, file = HISTORY): void {
  fs.appendFileSync(file, `${JSON.stringify(entry)}\n`);
}

/** The last entry from a machine like this one (same CPU model and count): the fair comparison. */
export function previousOnSameMachine(history: readonly HistoryEntry[], machine: Machine): HistoryEntry | undefined {
  const same = (m: unknown) => {
    const o = m as Partial<Machine> | undefined;
    return o?.model === machine.model && o?.cpus === machine.cpus;
  };
  return [...history].reverse().find(e => same(e.machine));
}

/** "key  now  before  change" lines for every key either run has. */
export function compareLines(now: Record<Key, number | null>, before: Partial<Record<Key, number | null>>): string[] {
  const lines: string[] = [];
  for (const k of KEYS) {
    const a = now[k];
    const b = before[k] ?? null;
    if (a === null && b === null) continue;
    const change = a !== null && b !== null && b !== 0 ? `${a >= b ? '+' : ''}${Math.round(((a - b) / b) * 100)}%` : '';
    lines.push(`  ${k.padEnd(26)} ${String(a ?? '—').padStart(10)} ${String(b ?? '—').padStart(10)}  ${change}`);
  }
  return lines;
}

function gitCommit(): string | null {
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
  if (head.status !== 0) return null;
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' });
  return `${head.stdout.trim()}${dirty.stdout.trim() ? '+dirty' : ''}`;
}

const escape = (s: string) => s.replace(/[&<>"]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** Horizontal bars on a log scale (the slowest approach is ~100× the fastest), one target line per group. */
export function chartSvg(bars: readonly Bar[], targets: Record<string, number>): string {
  const width = 760;
  const left = 250;
  const right = 90;
  const barH = 22;
  const groups = [...new Set(bars.map(b => b.group))];
  const maxMs = Math.max(...bars.map(b => b.ms), ...Object.values(targets));
  const minMs = 1;
  const x = (ms: number) => left + ((Math.log10(Math.max(ms, minMs)) - Math.log10(minMs)) / (Math.log10(maxMs * 1.2) - Math.log10(minMs))) * (width - left - right);
  const rows: string[] = [];
  let y = 30;
  for (const g of groups) {
    const target = targets[g];
    rows.push(`<text x="10" y="${y}" font-weight="bold">${escape(g)}</text>`);
    const top = y + 8;
    y += 14;
    for (const b of bars.filter(b => b.group === g)) {
      rows.push(`<text x="10" y="${y + 15}">${escape(b.label)}</text>`);
      rows.push(`<rect x="${left}" y="${y}" width="${(x(b.ms) - left).toFixed(1)}" height="${barH - 4}" fill="${b.ours ? '#2f7ed8' : '#b0b7c3'}"/>`);
      rows.push(`<text x="${(x(b.ms) + 6).toFixed(1)}" y="${y + 15}">${b.ms < 100 ? b.ms.toFixed(1) : Math.round(b.ms)} ms</text>`);
      y += barH;
    }
    if (target) {
      const tx = x(target).toFixed(1);
      rows.push(`<line x1="${tx}" y1="${top}" x2="${tx}" y2="${y}" stroke="#d9534f" stroke-dasharray="4 3"/>`);
      rows.push(`<text x="${tx}" y="${y + 12}" fill="#d9534f" text-anchor="middle">target ${target} ms</text>`);
    }
    y += 34;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y}" font-family="sans-serif" font-size="12">\n<rect width="100%" height="100%" fill="white"/>\n${rows.join('\n')}\n</svg>\n`;
}

function main(): void {
  const inputs = readInputs();
  if (!Object.values(inputs).some(Boolean)) {
    console.error('[bench] no results in bench/results: run npm run bench (or one of the bench:* scripts) first');
    process.exit(1);
  }
  const { results, keys, bars } = summarize(inputs);
  fs.writeFileSync(path.join(RESULTS, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const targets: Record<string, number> = {};
  for (const b of bars) {
    if (b.group.startsWith('search')) targets[b.group] = TARGETS.searchP95Ms;
    else if (b.group.startsWith('mention')) targets[b.group] = TARGETS.mentionsMedianMs;
  }
  fs.writeFileSync(path.join(RESULTS, 'chart.svg'), chartSvg(bars, targets));
  const s = results.search as { oursP95Ms?: number; p95SpeedupVsMiniSearch?: number; meetsTarget?: boolean } | undefined;
  const m = results.mentions as { medianMs: { ours: number }; speedupVsAlternation: number; speedupVsPerAlias: number; meetsTarget: boolean } | undefined;
  if (s) console.log(`[bench] search: p95 ${s.oursP95Ms} ms at ${(inputs.search as SearchResults).size} papers (target ${TARGETS.searchP95Ms} ms: ${s.meetsTarget ? 'met' : 'MISSED'})${s.p95SpeedupVsMiniSearch ? `, ${s.p95SpeedupVsMiniSearch}× faster than MiniSearch defaults` : ''}`);
  if (m) console.log(`[bench] mentions: ${m.medianMs.ours} ms per 1 MB (target ${TARGETS.mentionsMedianMs} ms: ${m.meetsTarget ? 'met' : 'MISSED'}), ${m.speedupVsAlternation}× one alternation regex, ${m.speedupVsPerAlias}× one regex per alias`);
  console.log('[bench] wrote bench/results/results.json and bench/results/chart.svg');

  const machine = results.machine as Machine;
  const before = previousOnSameMachine(readHistory(), machine);
  console.log(`\n[bench] ${before ? `this run against the last recorded on this machine (${before.date}, ${before.commit ?? 'no commit'})` : 'this run (no earlier run recorded on this machine)'}; load average ${machine.loadAvg1} on ${machine.cpus} CPUs:`);
  console.log(`  ${'key'.padEnd(26)} ${'now'.padStart(10)} ${'before'.padStart(10)}  change`);
  for (const line of compareLines(keys, before ?? {})) console.log(line);
  if (process.argv.includes('--record')) {
    appendHistory(historyEntry(results, keys, gitCommit()));
    console.log(`[bench] appended this run to ${path.relative(ROOT, HISTORY)} (commit it to keep it)`);
  }
}

if (require.main === module) main();
