// npm run bench:mentions — how long mention detection takes on a ~1 MB markdown note:
//   (a) one regular expression per alias, run one after the other;
//   (b) one case-insensitive alternation of every alias;
//   (c) the MentionDetector (one pass over a name trie, then evidence for risky names).
// The note is built deterministically (seeded) from the corpus's own words, with names of corpus
// papers sprinkled in as notes use them: about one word in thirty is a name; the paper is drawn
// uniformly, then the name as people write it — mostly its short name, else another alias, now and
// then the full title, a possessive, or a lower-cased spelling (which strict names must reject).
// Each approach is warmed up, then timed over repeated runs; the medians and 95th percentiles go to
// bench/results/mentions.json. No assertions: timings are for reading.
//
// The same words in two other shapes are timed next to the note, passes interleaved so that load
// from elsewhere falls on all three alike: one line of 1 MB (the note's newlines made spaces), and
// 1 MB without any whitespace. A look-around that read to its line's start made the first
// quadratic (seconds); each should stay within twice the note's time.
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { MentionDetector } from '../src/core/mentions';
import type { Paper } from '../src/core/library/model';
import { sourcePapers } from '../scripts/evalMentions';
import { alternationBaseline, perAliasBaseline } from '../scripts/mentionBaselines';
import { seededRandom } from './syntheticCorpus';

const ROOT = path.resolve(__dirname, '..', '..');
const TARGET_CHARS = 1_000_000;


/** The note as one line: the same words, every newline a space. */
export function singleLineNote(papers: readonly Paper[], size = TARGET_CHARS): string {
  return buildNote(papers, size).replace(/\n/g, ' ');
}

/** A note of `size` characters without any whitespace: words run together, punctuation between. */
export function noWhitespaceNote(papers: readonly Paper[], size = TARGET_CHARS): string {
  return buildNote(papers, Math.ceil(size * 1.4)).replace(/\s+/g, '').slice(0, size);
}

/** A markdown note of about `size` characters: headings, list items, prose, links, code, names. */
export function buildNote(papers: readonly Paper[], size = TARGET_CHARS, seed = 42): string {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const vocabulary = papers.flatMap(p => p.abstract.split(/\s+/)).map(w => w.replace(/[^\p{L}\p{N}-]/gu, '')).filter(w => w.length > 1);
  const name = (): string => {
    const p = pick(papers);
    const main = p.shortName ?? p.aliases[0]?.name ?? p.title;
    const r = random();
    if (r < 0.55) return main;
    if (r < 0.8) return p.aliases.length ? pick(p.aliases).name : main;
    if (r < 0.85) return p.title;
    if (r < 0.95) return `${main}'s`;
    return main.toLowerCase();
  };
  const sentence = (): string => {
    const n = 8 + Math.floor(random() * 18);
    const words: string[] = [];
    for (let i = 0; i < n; i++) {
      const r = random();
      if (r < 0.033) words.push(name());
      else if (r < 0.038) words.push(`[${pick(vocabulary)}](https://example.org/${pick(vocabulary)})`);
      else if (r < 0.043) words.push(`\`${pick(vocabulary)}\``);
      else words.push(pick(vocabulary));
    }
    const s = words.join(' ');
    return `${s[0].toUpperCase()}${s.slice(1)}.`;
  };
  const parts: string[] = [];
  let length = 0;
  while (length < size) {
    const r = random();
    let block: string;
    if (r < 0.1) block = `## ${sentence().slice(0, 60)}`;
    else if (r < 0.55) block = Array.from({ length: 2 + Math.floor(random() * 5) }, () => `- ${sentence()}`).join('\n');
    else block = Array.from({ length: 2 + Math.floor(random() * 4) }, sentence).join(' ');
    parts.push(block);
    length += block.length + 2;
  }
  return parts.join('\n\n').slice(0, size);
}

interface Timing {
  runs: number;
  medianMs: number;
  p95Ms: number;
  minMs: number;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function time(fn: () => unknown, warmup: number, runs: number): Timing {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 100) / 100;
  return { runs, medianMs: round(quantile(samples, 0.5)), p95Ms: round(quantile(samples, 0.95)), minMs: round(samples[0]) };
}

/** Times several functions in alternating passes (each warmed up first), so that noise hits them alike. */
function timeInterleaved(fns: Record<string, () => unknown>, warmup: number, runs: number): Record<string, Timing> {
  const names = Object.keys(fns);
  for (const name of names) for (let i = 0; i < warmup; i++) fns[name]();
  const samples: Record<string, number[]> = Object.fromEntries(names.map(n => [n, []]));
  for (let i = 0; i < runs; i++) {
    for (const name of i % 2 ? [...names].reverse() : names) {
      const t0 = performance.now();
      fns[name]();
      samples[name].push(performance.now() - t0);
    }
  }
  const round = (x: number) => Math.round(x * 100) / 100;
  return Object.fromEntries(
    names.map(name => {
      const sorted = samples[name].sort((a, b) => a - b);
      return [name, { runs, medianMs: round(quantile(sorted, 0.5)), p95Ms: round(quantile(sorted, 0.95)), minMs: round(sorted[0]) }];
    }),
  );
}

function main(): void {
  const papers = sourcePapers();
  const note = buildNote(papers);
  const aliasCount = new Set(papers.flatMap(p => p.aliases.map(a => a.name.toLowerCase()))).size;

  const build = time(() => new MentionDetector(papers), 3, 20);
  const detector = new MentionDetector(papers);
  const perAlias = perAliasBaseline(papers);
  const alternation = alternationBaseline(papers);
  const counts = { perAlias: perAlias(note).length, alternation: alternation(note).length, ours: detector.detect(note).length };
  const shapeNotes = { ordinary: note, singleLine: singleLineNote(papers), noWhitespace: noWhitespaceNote(papers) };
  const shapeTimes = timeInterleaved(
    { ordinary: () => detector.detect(shapeNotes.ordinary), singleLine: () => detector.detect(shapeNotes.singleLine), noWhitespace: () => detector.detect(shapeNotes.noWhitespace) },
    3,
    30,
  );
  const shapes = Object.fromEntries(
    (Object.keys(shapeNotes) as (keyof typeof shapeNotes)[]).map(k => [
      k,
      { chars: shapeNotes[k].length, ...shapeTimes[k], mentions: detector.detect(shapeNotes[k]).length, timesOrdinary: Math.round((shapeTimes[k].medianMs / shapeTimes.ordinary.medianMs) * 100) / 100 },
    ]),
  );

  const results = {
    note: { chars: note.length, bytes: Buffer.byteLength(note), papers: papers.length, aliases: aliasCount },
    node: process.version,
    build: { ours: build, automatonNodes: detector.automatonSize },
    detect: {
      perAliasRegex: { ...time(() => perAlias(note), 2, 10), mentions: counts.perAlias },
      alternationRegex: { ...time(() => alternation(note), 3, 30), mentions: counts.alternation },
      ours: { ...time(() => detector.detect(note), 5, 40), mentions: counts.ours },
    },
    /** The same words as one 1 MB line and without whitespace, timed in passes interleaved with the note. */
    shapes,
  };

  const ours = results.detect.ours.medianMs;
  console.log(`mention detection on a ${(note.length / 1e6).toFixed(2)} M-char note (${results.note.bytes} bytes), ${papers.length} papers, ${aliasCount} aliases, ${process.version}\n`);
  console.log('  approach                       median ms   p95 ms   × ours   mentions');
  const row = (label: string, t: Timing & { mentions: number }) =>
    console.log(`  ${label.padEnd(30)} ${t.medianMs.toFixed(2).padStart(9)} ${t.p95Ms.toFixed(2).padStart(8)} ${(t.medianMs / ours).toFixed(1).padStart(8)} ${String(t.mentions).padStart(10)}`);
  row('(a) one regex per alias', results.detect.perAliasRegex);
  row('(b) one alternation regex', results.detect.alternationRegex);
  row('(c) MentionDetector', results.detect.ours);
  console.log('\n  shape of the 1 MB note (interleaved passes)   median ms   p95 ms   × ordinary   mentions');
  for (const [label, key] of [['ordinary note', 'ordinary'], ['one line', 'singleLine'], ['no whitespace', 'noWhitespace']] as const) {
    const t = shapes[key];
    console.log(`  ${label.padEnd(44)} ${t.medianMs.toFixed(2).padStart(9)} ${t.p95Ms.toFixed(2).padStart(8)} ${t.timesOrdinary.toFixed(2).padStart(12)} ${String(t.mentions).padStart(10)}`);
  }
  console.log(`\n  automaton build: median ${build.medianMs.toFixed(2)} ms, p95 ${build.p95Ms.toFixed(2)} ms (${detector.automatonSize} trie nodes)`);

  const out = path.join(ROOT, 'bench', 'results', 'mentions.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(results, null, 2));
  console.log(`\nwrote ${path.relative(process.cwd(), out)}`);
}

if (require.main === module) main();
