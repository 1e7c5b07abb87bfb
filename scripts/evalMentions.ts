// npm run eval:mentions — scores the mention detector on the shared development notes, exactly as
// ../shared/eval/README.md says, next to a baseline (one case-insensitive alternation of every alias).
//
//   node out/scripts/evalMentions.js [notes.json] [--quiet]
//
// A marked span is found by `surface` + `occurrence` (the n-th raw, case-sensitive substring
// match, inside longer words too). A detected mention is correct when it overlaps a marked span
// whose titles include one of its papers; precision is over detected mentions, recall over marked
// references (title not null). Writes .eval/mentions.json (git-ignored).
import * as fs from 'fs';
import * as path from 'path';
import { buildCorpus, type Curation, type MetadataEntry } from '../scripts/build/corpusBuilder';
import { createLexicon } from '../src/core/library/lexicon';
import { createPaperLens } from '../src/core/paperLens';
import { findArxivReferences } from '../src/core/text/arxivReferences';
import { bundledSource } from '../src/core/sources/bundledCorpus';
import type { CorpusData, Paper } from '../src/core/library/model';
import { loadEnglishWords } from './buildCorpus';
import { alternationBaseline } from './mentionBaselines';

const ROOT = path.resolve(__dirname, '..', '..');
const DEFAULT_NOTES = path.join(ROOT, '..', 'shared', 'eval', 'mentions.dev.json');

export interface MarkedMention {
  surface: string;
  occurrence: number;
  title: string | string[] | null;
}

export interface Note {
  id: string;
  text: string;
  mentions: MarkedMention[];
}

export interface Span {
  start: number;
  end: number;
  /** Paper ids the span refers to; empty for a marked non-mention. */
  papers: string[];
  surface: string;
}

export interface Detected {
  start: number;
  end: number;
  text: string;
  papers: string[];
}

export interface Finding {
  note: string;
  text: string;
  papers: string[];
  context: string;
  reason?: string;
  /** For the detector: the evidence behind its verdict on the name here, when it weighed any. */
  evidence?: string;
}

export interface Score {
  detected: number;
  correct: number;
  references: number;
  found: number;
  precision: number;
  recall: number;
  f1: number;
  misses: Finding[];
  falseAlarms: Finding[];
}

/** Offset of the n-th (1-based) raw occurrence of `surface` in `text`, overlapping ones included. */
export function locate(text: string, surface: string, occurrence: number): number {
  let at = -1;
  for (let k = 0; k < occurrence; k++) {
    at = text.indexOf(surface, at + 1);
    if (at < 0) return -1;
  }
  return at;
}

/** Marked spans of a note with titles resolved to paper ids; throws on a span or title not found. */
export function markedSpans(note: Note, idByTitle: Map<string, string>): Span[] {
  return note.mentions.map(m => {
    const start = locate(note.text, m.surface, m.occurrence);
    if (start < 0) throw new Error(`${note.id}: "${m.surface}" has no occurrence ${m.occurrence}`);
    const titles = m.title === null ? [] : Array.isArray(m.title) ? m.title : [m.title];
    const papers = titles.map(t => {
      const id = idByTitle.get(t);
      if (!id) throw new Error(`${note.id}: title "${t}" is not a corpus paper`);
      return id;
    });
    return { start, end: start + m.surface.length, papers, surface: m.surface };
  });
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

function lineAround(text: string, start: number, end: number): string {
  const ls = text.lastIndexOf('\n', start - 1) + 1;
  const le = text.indexOf('\n', end);
  const line = text.slice(ls, le < 0 ? text.length : le);
  const a = start - ls;
  const b = end - ls;
  return `${line.slice(Math.max(0, a - 60), a)}[[${line.slice(a, b)}]]${line.slice(b, b + 60)}`.trim();
}

/** What the detector weighed for a span: "need medium: GIRAFFE 4.57, Giraffe 1.28 → rejected". */
export type Explain = (text: string, start: number, end: number) => string | undefined;

export function score(notes: readonly Note[], idByTitle: Map<string, string>, detect: (text: string) => Detected[], explain?: Explain): Score {
  const s: Score = { detected: 0, correct: 0, references: 0, found: 0, precision: 0, recall: 0, f1: 0, misses: [], falseAlarms: [] };
  for (const note of notes) {
    const spans = markedSpans(note, idByTitle);
    const detected = detect(note.text);
    for (const d of detected) {
      s.detected++;
      const good = spans.some(sp => overlaps(sp, d) && sp.papers.some(p => d.papers.includes(p)));
      if (good) {
        s.correct++;
        continue;
      }
      const marked = spans.find(sp => overlaps(sp, d));
      const reason = !marked ? 'no marked span here' : marked.papers.length ? `marked as ${marked.papers.join(', ')}` : `marked "${marked.surface}" as not a corpus paper`;
      s.falseAlarms.push({ note: note.id, text: d.text, papers: d.papers, context: lineAround(note.text, d.start, d.end), reason, evidence: explain?.(note.text, d.start, d.end) });
    }
    for (const sp of spans) {
      if (!sp.papers.length) continue;
      s.references++;
      if (detected.some(d => overlaps(sp, d) && sp.papers.some(p => d.papers.includes(p)))) s.found++;
      else s.misses.push({ note: note.id, text: sp.surface, papers: sp.papers, context: lineAround(note.text, sp.start, sp.end), evidence: explain?.(note.text, sp.start, sp.end) });
    }
  }
  s.precision = s.detected ? s.correct / s.detected : 0;
  s.recall = s.references ? s.found / s.references : 0;
  s.f1 = s.precision + s.recall ? (2 * s.precision * s.recall) / (s.precision + s.recall) : 0;
  return s;
}

/** A detection on a reading list, judged against the arXiv links of its line. */
export interface ListFinding {
  list: string;
  line: number;
  text: string;
  papers: string[];
  /** The bundled papers the line links. */
  linked: string[];
  context: string;
  evidence?: string;
}

export interface ListScore {
  list: string;
  /** Detections on lines that link at least one arXiv paper. */
  onLinkedLines: number;
  correct: number;
  /** Bundled papers linked somewhere on a line, and how many of them a detection on that line found. */
  linkedBundled: number;
  found: number;
  precision: number;
  recall: number;
  falseAlarms: ListFinding[];
  misses: ListFinding[];
  /** Detections on lines without an arXiv link: not scored, listed for review. */
  unlinked: ListFinding[];
}

/**
 * Scores mention detection on a public reading list whose items link the paper they name (issue
 * #14; ../shared/real/README.md): a detection on a line that links arXiv papers is correct when one
 * of its papers is linked there, a false alarm otherwise (the line is about another paper); a
 * bundled paper linked on a line and not detected on it is a miss; detections on lines without a
 * link are listed, not scored. The detector reads the whole list at once, as an editor would.
 */
export function scoreReadingList(list: string, text: string, arxivOf: ReadonlyMap<string, string>, detect: (text: string) => Detected[], explain?: Explain): ListScore {
  const idOfArxiv = new Map([...arxivOf].map(([id, arxiv]) => [arxiv, id]));
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const lineOf = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const linkedOn = new Map<number, { all: Set<string>; bundled: Set<string> }>();
  for (const r of findArxivReferences(text)) {
    const line = lineOf(r.start);
    const entry = linkedOn.get(line) ?? { all: new Set<string>(), bundled: new Set<string>() };
    entry.all.add(r.id);
    const id = idOfArxiv.get(r.id);
    if (id) entry.bundled.add(id);
    linkedOn.set(line, entry);
  }
  const s: ListScore = { list, onLinkedLines: 0, correct: 0, linkedBundled: 0, found: 0, precision: 0, recall: 0, falseAlarms: [], misses: [], unlinked: [] };
  const detected = detect(text);
  const foundOn = new Map<number, Set<string>>();
  for (const d of detected) {
    const line = lineOf(d.start);
    const links = linkedOn.get(line);
    const finding: ListFinding = { list, line: line + 1, text: d.text, papers: d.papers, linked: [...(links?.bundled ?? [])], context: lineAround(text, d.start, d.end) };
    if (!links) {
      s.unlinked.push(finding);
      continue;
    }
    s.onLinkedLines++;
    const good = d.papers.some(p => links.bundled.has(p));
    if (good) {
      s.correct++;
      const set = foundOn.get(line) ?? new Set<string>();
      for (const p of d.papers) set.add(p);
      foundOn.set(line, set);
    } else {
      s.falseAlarms.push({ ...finding, evidence: explain?.(text, d.start, d.end) });
    }
  }
  for (const [line, links] of linkedOn) {
    for (const id of links.bundled) {
      s.linkedBundled++;
      if (foundOn.get(line)?.has(id)) s.found++;
      else s.misses.push({ list, line: line + 1, text: '', papers: [id], linked: [id], context: text.slice(lineStarts[line], (lineStarts[line + 1] ?? text.length + 1) - 1).slice(0, 200) });
    }
  }
  s.precision = s.onLinkedLines ? s.correct / s.onLinkedLines : 1;
  s.recall = s.linkedBundled ? s.found / s.linkedBundled : 1;
  return s;
}

/** The public reading lists in ../shared/real/notes/ (empty when the folder is absent). */
export function readingLists(): { name: string; text: string }[] {
  const dir = path.join(ROOT, '..', 'shared', 'real', 'notes');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter(f => f.endsWith('.md')).sort().map(f => ({ name: f, text: fs.readFileSync(path.join(dir, f), 'utf8') }));
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

/** The corpus built in memory from data/, so the evaluation always sees the current curation. */
export function sourcePapers(): Paper[] {
  return sourceCorpus().papers;
}

/** The bundled corpus data built in memory from data/. */
export function sourceCorpus(): CorpusData {
  const data = path.join(ROOT, 'data');
  return buildCorpus(
    fs.readFileSync(path.join(data, 'daily-papers.txt'), 'utf8'),
    readJson<MetadataEntry[]>(path.join(data, 'arxiv-metadata.json')),
    readJson<Curation>(path.join(data, 'curation.json')),
    createLexicon(loadEnglishWords()),
  );
}

function fmt(x: number): string {
  return x.toFixed(3);
}

function printFindings(title: string, list: Finding[], names: Map<string, string>): void {
  console.log(`\n${title} (${list.length})`);
  for (const f of list) {
    console.log(`  ${f.note.padEnd(5)} ${JSON.stringify(f.text)} → ${f.papers.map(p => names.get(p) ?? p).join(' | ') || '—'}${f.reason ? `  (${f.reason})` : ''}`);
    console.log(`        ${f.context}`);
    if (f.evidence) console.log(`        evidence: ${f.evidence}`);
  }
}

function main(): number {
  const args = process.argv.slice(2);
  const quiet = args.includes('--quiet');
  const file = path.resolve(args.find(a => !a.startsWith('--')) ?? DEFAULT_NOTES);
  if (!fs.existsSync(file)) {
    console.error(`eval:mentions: notes not found at ${file} (expected the shared dev set at ../shared/eval/mentions.dev.json, or pass a path)`);
    return 1;
  }
  const notes = readJson<Note[]>(file);
  const core = createPaperLens({ sources: [bundledSource(sourceCorpus())] }).current();
  const papers = core.snapshot.papers;
  const idByTitle = new Map<string, string>();
  for (const p of papers) {
    idByTitle.set(p.title, p.id);
    if (p.arxivTitle) idByTitle.set(p.arxivTitle, p.id);
  }
  const names = new Map(papers.map(p => [p.id, p.shortName ?? p.title.slice(0, 40)]));

  const detector = core.mentions;
  const explain: Explain = (text, start, end) => {
    // Every match and alternative tried has a trace; the accepted one is what detect reported.
    const overlapping = detector.trace(text).filter(x => x.start < end && start < x.end);
    const t = overlapping.find(x => x.accepted) ?? overlapping[0];
    if (!t) return undefined;
    const scores = t.scores.map(x => `${names.get(x.paper) ?? x.paper} ${x.score}`).join(', ') || 'nothing weighed';
    return `need ${t.need}: ${scores}${t.foreign ? `; competing sense ${t.foreign}` : ''} → ${t.accepted ? 'accepted' : 'rejected'} (${t.reason})`;
  };
  const ours = score(notes, idByTitle, t => detector.detect(t), explain);
  const baselineDetect = alternationBaseline(papers);
  const baseline = score(notes, idByTitle, t => baselineDetect(t));

  console.log(`mention detection on ${path.relative(process.cwd(), file) || file}: ${notes.length} notes, ${ours.references} marked references\n`);
  console.log('                      precision  recall     F1   detected  correct  found');
  for (const [label, s] of [['ours', ours], ['baseline (alternation)', baseline]] as const) {
    console.log(`  ${label.padEnd(22)} ${fmt(s.precision)}   ${fmt(s.recall)}  ${fmt(s.f1)}  ${String(s.detected).padStart(6)}  ${String(s.correct).padStart(7)}  ${String(s.found).padStart(5)}`);
  }
  printFindings('misses (ours)', ours.misses, names);
  printFindings('false alarms (ours)', ours.falseAlarms, names);
  if (!quiet) {
    printFindings('misses (baseline)', baseline.misses, names);
    printFindings('false alarms (baseline)', baseline.falseAlarms, names);
  }

  const arxivOf = new Map(papers.filter(p => p.arxiv).map(p => [p.id, p.arxiv as string]));
  const lists = readingLists().map(l => scoreReadingList(l.name, l.text, arxivOf, t => detector.detect(t), explain));
  if (lists.length) {
    console.log('\nreal reading lists (../shared/real/notes; a line\'s arXiv links are the ground truth)\n');
    console.log('  list                                       precision on linked lines   linked bundled found   unlinked (review)');
    for (const l of lists) {
      console.log(`  ${l.list.padEnd(42)} ${fmt(l.precision)} (${l.correct}/${l.onLinkedLines})${' '.repeat(12)}${String(l.found).padStart(3)}/${String(l.linkedBundled).padEnd(3)}${' '.repeat(10)}${l.unlinked.length}`);
    }
    for (const l of lists) {
      for (const f of l.falseAlarms) {
        console.log(`\n  false alarm ${l.list}:${f.line} "${f.text}" → ${f.papers.map(p => names.get(p) ?? p).join(' | ')} (the line links ${f.linked.map(p => names.get(p) ?? p).join(', ') || 'only papers outside the corpus'})`);
        console.log(`        ${f.context}`);
        if (f.evidence) console.log(`        evidence: ${f.evidence}`);
      }
      for (const f of l.misses) console.log(`\n  miss ${l.list}:${f.line} ${f.papers.map(p => names.get(p) ?? p).join(', ')}\n        ${f.context}`);
      if (!quiet) for (const f of l.unlinked) console.log(`\n  unlinked ${l.list}:${f.line} "${f.text}" → ${f.papers.map(p => names.get(p) ?? p).join(' | ')}\n        ${f.context}`);
    }
  } else {
    console.log('\n(real reading lists not found at ../shared/real/notes: skipped)');
  }

  const out = path.join(ROOT, '.eval', 'mentions.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify({ notes: path.relative(ROOT, file), ours, baseline, readingLists: lists }, null, 2));
  console.log(`\nwrote ${path.relative(process.cwd(), out)}`);
  return 0;
}

if (require.main === module) process.exitCode = main();
