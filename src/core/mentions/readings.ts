// How a name is read where it stands. Code, a URL or file path, a diagram's node ids and an author
// list are not prose: an ordinary word or a short name there is an identifier, a path segment or a
// person ("dolphin.py", `yi_config`, a mermaid node `M1 --> M2`, "Yang Lin, Jing Lin"), not a
// paper. A distinctive name still counts in code and URLs — people write `FooBarNet` in backticks
// and link its repository — so these readings veto only names that need evidence, and the
// diagram's node ids for short names whatever they need.
//
// Each look is bounded by READING_REACH and the name's line, and uses the scan's marks
// (structureMarks.ts) where it would otherwise read: a code span is known from the backtick runs
// on the line, by two searches.
import { lookAroundWork } from './lookAroundWork';
import { fenceAt, type Marks } from './structureMarks';

/**
 * How far around a name a label's bracket, a path's token or an author list is read: a dozen
 * authors, a line of diagram. The unit tests hold from 40 up (the author-list cases); dev notes and
 * both reading lists at any value, 0 included (no name there is read as a person, a path or code).
 */
const READING_REACH = 160;

const NL = 10;

function isBlankUnit(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0;
}

/** The line around a position, as the detector knows it (by its newline index: no reading). */
export interface LineBounds {
  lineStart(at: number): number;
  lineEnd(at: number): number;
}

/** Whether `at` sits inside a label of a diagram line (`A[text]`, `A("text")`, `A -->|text| B`). */
function inDiagramLabel(text: string, at: number, lineStart: number): boolean {
  let depth = 0;
  let quote = false;
  let pipes = 0;
  const limit = Math.max(lineStart, at - READING_REACH);
  for (let k = at - 1; k >= limit; k--) {
    const c = text.charCodeAt(k);
    if (c === 34) quote = !quote;
    else if (c === 91 || c === 40 || c === 123) depth++;
    else if (c === 93 || c === 41 || c === 125) depth--;
    else if (c === 124) pipes++;
  }
  lookAroundWork.steps += at - limit;
  return depth > 0 || quote || pipes % 2 === 1;
}

/** Whether [start, end) is a node id of a diagram block (outside its labels). */
export function isDiagramNodeId(marks: Marks, start: number, lines: LineBounds): boolean {
  const fences = marks.fences;
  if (!fences.starts.count) return false;
  const f = fenceAt(fences, start);
  return f >= 0 && fences.diagram[f] && !inDiagramLabel(marks.text, start, lines.lineStart(start));
}

/** Whether [start, end) is in a code span on its line: an odd number of backtick runs before it on the line, and one after. */
function inCodeSpan(marks: Marks, start: number, end: number, lines: LineBounds): boolean {
  const ticks = marks.codeTicks;
  if (!ticks.count) return false;
  // A code span is short: both its backticks within READING_REACH, so a stray backtick on a long
  // line (an unclosed span) misreads only the names near it, not the rest of the line.
  const ls = lines.lineStart(start);
  if (ticks.lastIn(Math.max(ls, start - READING_REACH), start) < 0) return false;
  if (ticks.countIn(ls, start) % 2 === 0) return false;
  return ticks.firstIn(end, Math.min(lines.lineEnd(end), end + READING_REACH)) >= 0;
}

/** File extensions that make a name a file's: "foo.py", "foo.json". */
const FILE_EXTENSIONS = new Set(['py', 'js', 'ts', 'json', 'jsonl', 'yaml', 'yml', 'toml', 'ini', 'cfg', 'md', 'txt', 'csv', 'tsv', 'pdf', 'ipynb', 'sh', 'bin', 'pt', 'pth', 'ckpt', 'safetensors', 'gguf', 'tex', 'bib', 'html', 'png', 'jpg', 'svg', 'log', 'zip', 'gz', 'tar', 'c', 'cc', 'cpp', 'h', 'cu', 'rs', 'go', 'java']);

/**
 * Whether [start, end) is part of a URL or a file path: the name is followed by a file extension
 * ("foo.py"), or the run of non-blank text around it holds "://" or "www.", starts a path ("/",
 * "./", "~/", "C:\"), or has a slash after a domain ("github.com/…") or before a file's name.
 * "Titans/ATLAS" is two names, not a path.
 */
function inUrlOrPath(text: string, start: number, end: number): boolean {
  const ext = /^\.([a-z]{1,11})(?![\p{L}\p{N}])/u.exec(text.slice(end, Math.min(text.length, end + 13)));
  if (ext !== null && FILE_EXTENSIONS.has(ext[1])) return true;
  const stop = (c: number) => isBlankUnit(c) || c === NL || c === 40 || c === 41 || c === 60 || c === 62 || c === 34 || c === 91 || c === 93 || c === 96;
  let s = start;
  const backLimit = Math.max(0, start - READING_REACH);
  while (s > backLimit && !stop(text.charCodeAt(s - 1))) s--;
  let e = end;
  const forwardLimit = Math.min(text.length, end + READING_REACH);
  while (e < forwardLimit && !stop(text.charCodeAt(e))) e++;
  lookAroundWork.steps += start - s + (e - end);
  if (s === start && e === end) return false;
  const token = text.slice(s, e);
  if (token.includes('://') || token.startsWith('www.') || /^(?:\.{0,2}\/|~\/|[A-Za-z]:\\)/.test(token)) return true;
  if (!token.includes('/')) return false;
  if (/^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\//i.test(token)) return true;
  const last = /\.([a-z]{1,11})$/.exec(token.replace(/[.,;:!?]+$/, ''));
  return last !== null && FILE_EXTENSIONS.has(last[1]);
}

const PERSON_WORD = /^(?:\p{Lu}\p{Ll}+(?:[-'’]\p{Lu}?\p{Ll}+)*|\p{Lu}\.(?:-?\p{Lu}\.)?|van|von|de|der|den|da|di|du|la|le|del|dos|bin|al|el)$/u;
/** What ends a person's name inside a comma-separated segment: emphasis, brackets, a colon, a bar. */
const NAME_BREAK = /[*_()[\]:|]/;

/** Whether a piece of text reads as a person's name: two to four name words, a surname last ("Kenny Q. Zhu"). */
function isPersonName(piece: string): boolean {
  const words = piece.trim().replace(/\.$/, '').split(/\s+/).filter(Boolean);
  if (words.length < 2 || words.length > 4) return false;
  return words.every(w => PERSON_WORD.test(w)) && /^\p{Lu}\p{Ll}/u.test(words[words.length - 1]);
}

/** A sentence that follows a name in its segment ("Zhu. Arxiv 2024") is not part of the name. */
function cutSentence(piece: string): string {
  return piece.replace(/(\p{Ll})\.\s.*$/u, '$1');
}

/**
 * A person's name in a list is at most four words, so a separator — ",", ";", "&", "and", or "et
 * al" after it — stands within PERSON_SPAN of it on its line. Checked before the line is split:
 * most capitalised names in prose have none that near, and the split reads 2 × READING_REACH.
 */
const PERSON_SPAN = 48;

function isSeparatorAt(text: string, k: number): boolean {
  const c = text.charCodeAt(k);
  if (c === 44 || c === 59 || c === 38) return true;
  // " and " or " et al"
  if (!isBlankUnit(c)) return false;
  return (text.startsWith('and', k + 1) && isBlankUnit(text.charCodeAt(k + 4))) || text.startsWith('et al', k + 1);
}

function listSeparatorNear(text: string, start: number, end: number, lines: LineBounds): boolean {
  const back = Math.max(lines.lineStart(start), start - PERSON_SPAN);
  const forward = Math.min(lines.lineEnd(end), end + PERSON_SPAN);
  let k = start - 1;
  for (; k >= back; k--) if (isSeparatorAt(text, k)) break;
  lookAroundWork.steps += start - k;
  if (k >= back) return true;
  let j = end;
  for (; j < forward; j++) if (isSeparatorAt(text, j)) break;
  lookAroundWork.steps += j - end;
  return j < forward;
}

/** Whether the unit at `k` is a letter: ASCII by its code, the rest by the Unicode property (no string for ASCII). */
function isLetterAt(text: string, k: number): boolean {
  const c = text.charCodeAt(k);
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return /\p{L}/u.test(text[k]);
}

/**
 * Whether a capitalised word ("Jing", "Q.") ends at `k`: a first name or initial before a surname.
 * Reads a dozen units at most — by code for ASCII: asked of every risky name after a blank, it
 * made a one-unit string and ran a Unicode test per letter before.
 */
function capitalisedWordEndsAt(text: string, k: number): boolean {
  let j = k;
  if (text.charCodeAt(j) === 46) j--;
  const stop = Math.max(0, j - 12);
  while (j > stop && isLetterAt(text, j - 1)) j--;
  lookAroundWork.steps += k - j + 1;
  const c = text.charCodeAt(j);
  if (c < 128) return c >= 65 && c <= 90;
  return /\p{Lu}/u.test(text[j] ?? '');
}

/**
 * Whether [start, end) is a word of a person's name in an author list: its comma-separated segment
 * is a person's name and so is a neighbouring one ("Hanlin Tang, Yang Lin, Jing Lin"), or "et al."
 * follows it ("Yi Tay et al."). Markup and what lies beyond it (a title in bold, "Arxiv 2024") are
 * cut off the segments first.
 */
function inAuthorList(text: string, start: number, end: number, lines: LineBounds): boolean {
  // Cheap first: a person's name has a capitalised word right before or after this one.
  const after = text.charCodeAt(end + 1);
  const capitalAfter = isBlankUnit(text.charCodeAt(end)) && ((after >= 65 && after <= 90) || (after > 127 && /\p{Lu}/u.test(text[end + 1])));
  const capitalBefore = start >= 2 && isBlankUnit(text.charCodeAt(start - 1)) && capitalisedWordEndsAt(text, start - 2);
  if (!capitalAfter && !capitalBefore) return false;
  if (!listSeparatorNear(text, start, end, lines)) return false;
  const ls = Math.max(lines.lineStart(start), start - READING_REACH);
  const le = Math.min(lines.lineEnd(end), end + READING_REACH);
  lookAroundWork.steps += le - ls;
  const line = text.slice(ls, le);
  const at = start - ls;
  const separators = /\s*(?:,|;|\band\b|&)\s*/g;
  const bounds: [number, number][] = [];
  let last = 0;
  for (let m = separators.exec(line); m; m = separators.exec(line)) {
    bounds.push([last, m.index]);
    last = m.index + m[0].length;
  }
  bounds.push([last, line.length]);
  const index = bounds.findIndex(([s, e]) => s <= at && at < e);
  if (index < 0) return false;
  // The segment's piece holding the name, between the markup before and after it.
  const [s0, e0] = bounds[index];
  let ps = at;
  while (ps > s0 && !NAME_BREAK.test(line[ps - 1])) ps--;
  let pe = at;
  while (pe < e0 && !NAME_BREAK.test(line[pe])) pe++;
  let own = line.slice(ps, pe);
  const etAl = /\s+et\s+al\b.*$/.exec(own);
  if (etAl) own = own.slice(0, etAl.index);
  if (!isPersonName(cutSentence(own))) return false;
  if (etAl) return true;
  const previous = index > 0 ? line.slice(bounds[index - 1][0], bounds[index - 1][1]).split(NAME_BREAK).filter(x => x.trim()).pop() : undefined;
  const next = index + 1 < bounds.length ? line.slice(bounds[index + 1][0], bounds[index + 1][1]).split(NAME_BREAK).find(x => x.trim()) : undefined;
  return (previous !== undefined && isPersonName(previous)) || (next !== undefined && isPersonName(cutSentence(next)));
}

/**
 * Why a name that needs evidence is not read as a paper's name where it stands — in a fenced code
 * block, a diagram's node id, a code span, a URL or file path, an author list — or undefined.
 */
export function readingOf(marks: Marks, start: number, end: number, lines: LineBounds): string | undefined {
  const text = marks.text;
  const fences = marks.fences;
  if (fences.starts.count) {
    const f = fenceAt(fences, start);
    if (f >= 0) {
      if (!fences.diagram[f]) return 'in a fenced code block';
      if (!inDiagramLabel(text, start, lines.lineStart(start))) return 'a node id in a diagram';
    }
  }
  if (inCodeSpan(marks, start, end, lines)) return 'in a code span';
  if (inUrlOrPath(text, start, end)) return 'in a URL or file path';
  if (inAuthorList(text, start, end, lines)) return 'in an author list';
  return undefined;
}
