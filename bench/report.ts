// npm run bench — after bench/searchBench.ts and bench/mentionsBench.ts have written their results,
// collects the numbers that matter against their targets into bench/results/results.json and
// draws bench/results/chart.svg (log-scale bars, target lines). Reports; never fails on speed.
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
const RESULTS = path.join(ROOT, 'bench', 'results');

/** The targets the project holds itself to (README, "Where the bar is"). */
export const TARGETS = { searchP95Ms: 20, mentionsMedianMs: 15 };

interface SearchEngineResult { engine: string; buildMs: number; p50: number; p95: number; max: number }
interface SearchResults { size: number; results: SearchEngineResult[] }
interface Timing { medianMs: number; p95Ms: number }
interface MentionsResults {
  note: { chars: number };
  build: { ours: Timing };
  detect: { perAliasRegex: Timing; alternationRegex: Timing; ours: Timing };
}

export interface Bar { group: string; label: string; ms: number; ours: boolean }

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

const round = (x: number) => Math.round(x * 100) / 100;

export function summarize(search: SearchResults | undefined, mentions: MentionsResults | undefined) {
  const summary: Record<string, unknown> = { date: new Date().toISOString(), targets: TARGETS };
  const bars: Bar[] = [];
  if (search) {
    const ours = search.results.find(r => r.engine.startsWith('PaperSearch (compact'));
    const plain = search.results.find(r => r.engine === 'MiniSearch defaults');
    summary.search = {
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
    summary.mentions = {
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
  return { summary, bars };
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
  const search = readJson<SearchResults>(path.join(RESULTS, 'search.json'));
  const mentions = readJson<MentionsResults>(path.join(RESULTS, 'mentions.json'));
  if (!search && !mentions) {
    console.error('[bench] no results in bench/results: run npm run bench:search and npm run bench:mentions first');
    process.exit(1);
  }
  const { summary, bars } = summarize(search, mentions);
  fs.writeFileSync(path.join(RESULTS, 'results.json'), `${JSON.stringify(summary, null, 2)}\n`);
  const targets: Record<string, number> = {};
  for (const b of bars) {
    if (b.group.startsWith('search')) targets[b.group] = TARGETS.searchP95Ms;
    else targets[b.group] = TARGETS.mentionsMedianMs;
  }
  fs.writeFileSync(path.join(RESULTS, 'chart.svg'), chartSvg(bars, targets));
  const s = summary.search as { oursP95Ms?: number; p95SpeedupVsMiniSearch?: number; meetsTarget?: boolean } | undefined;
  const m = summary.mentions as { medianMs: { ours: number }; speedupVsAlternation: number; speedupVsPerAlias: number; meetsTarget: boolean } | undefined;
  if (s) console.log(`[bench] search: p95 ${s.oursP95Ms} ms at ${(search as SearchResults).size} papers (target ${TARGETS.searchP95Ms} ms: ${s.meetsTarget ? 'met' : 'MISSED'}), ${s.p95SpeedupVsMiniSearch}× faster than MiniSearch defaults`);
  if (m) console.log(`[bench] mentions: ${m.medianMs.ours} ms per 1 MB (target ${TARGETS.mentionsMedianMs} ms: ${m.meetsTarget ? 'met' : 'MISSED'}), ${m.speedupVsAlternation}× one alternation regex, ${m.speedupVsPerAlias}× one regex per alias`);
  console.log('[bench] wrote bench/results/results.json and bench/results/chart.svg');
}

if (require.main === module) main();
