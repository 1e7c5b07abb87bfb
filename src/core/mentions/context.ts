// The stretch of text whose words count as evidence for a mention: its sentence (bounded by
// sentence punctuation, a list item's start, a blank line, a heading or a table row), or, for a
// mention in a markdown heading, the heading and the section under it — a heading names what
// follows it. Looking only this far keeps an unrelated line next door ("the M1 Mac mini" below a
// list of M1 papers) from lending its evidence.

/** How far a sentence may reach either side of a mention. */
const MAX_SENTENCE_REACH = 600;
/** How much of a section a heading's mention may read. */
const MAX_SECTION = 2000;

const ABBREVIATIONS = new Set(['e.g', 'i.e', 'vs', 'etc', 'al', 'cf', 'fig', 'figs', 'eq', 'sec', 'approx', 'resp', 'w.r.t', 'no', 'dr', 'mr', 'ms', 'st', 'ca', 'incl']);

export interface Window {
  start: number;
  end: number;
}

function lineStart(text: string, i: number): number {
  const k = text.lastIndexOf('\n', i - 1);
  return k < 0 ? 0 : k + 1;
}

function lineEnd(text: string, i: number): number {
  const k = text.indexOf('\n', i);
  return k < 0 ? text.length : k;
}

const HEADING = /^ {0,3}#{1,6}(?:\s|$)/;
/** A line that starts a new unit: list item, heading, table row, quote, blank. */
const UNIT_START = /^\s*(?:[-*+]\s|\d{1,3}[.)]\s|#{1,6}\s|\||>|$)/;

function isHeadingLine(text: string, ls: number): boolean {
  return HEADING.test(text.slice(ls, Math.min(text.length, ls + 8)));
}

function startsUnit(text: string, ls: number): boolean {
  return UNIT_START.test(text.slice(ls, Math.min(text.length, ls + 8)));
}

/** Whether the "." at `dot` ends a sentence rather than an abbreviation or an initial ("E.T."). */
function endsSentence(text: string, dot: number): boolean {
  if (text[dot] !== '.') return true;
  let k = dot;
  while (k > 0 && /[\p{L}\p{N}.]/u.test(text[k - 1])) k--;
  const word = text.slice(k, dot).toLowerCase();
  if (ABBREVIATIONS.has(word)) return false;
  if (/^\p{L}$/u.test(word)) return false; // an initial
  if (/^(?:\p{L}\.)+\p{L}$/u.test(word)) return false; // "E.T", "U.S"
  return true;
}

const DOT = 46;
const BANG = 33;
const QUESTION = 63;
const NL = 10;

function isLowerLetter(c: number): boolean {
  if (c >= 97 && c <= 122) return true;
  if (c < 128) return false;
  return /\p{Ll}/u.test(String.fromCharCode(c));
}

/** Sentence end: [.!?] followed by a blank and then not a lower-case letter. */
function isSentenceBreak(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c !== DOT && c !== BANG && c !== QUESTION) return false;
  if (i + 1 >= text.length) return true;
  const next = text.charCodeAt(i + 1);
  if (next !== 32 && next !== 9 && next !== NL && next !== 13) return false;
  let k = i + 1;
  while (k < text.length && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
  if (k >= text.length || text.charCodeAt(k) === NL) return true;
  if (isLowerLetter(text.charCodeAt(k))) return false;
  return endsSentence(text, i);
}

export function contextWindow(text: string, start: number, end: number): Window {
  const ls = lineStart(text, start);
  if (isHeadingLine(text, ls)) {
    // The heading and its section, up to the next heading.
    let k = lineEnd(text, end);
    const limit = Math.min(text.length, k + MAX_SECTION);
    while (k < limit) {
      const next = k + 1;
      if (next < text.length && isHeadingLine(text, next)) break;
      k = lineEnd(text, next);
    }
    return { start: ls, end: Math.min(k, limit) };
  }

  let from = start;
  const minFrom = Math.max(0, start - MAX_SENTENCE_REACH);
  for (;;) {
    if (from <= minFrom) { from = minFrom; break; }
    const ch = text.charCodeAt(from - 1);
    if (ch === NL) {
      // A soft-wrapped line continues the sentence unless this line starts a unit of its own
      // or the line before is blank.
      if (startsUnit(text, from)) break;
      const prevStart = lineStart(text, from - 1);
      if (!text.slice(prevStart, from - 1).trim()) break;
    } else if ((ch === DOT || ch === BANG || ch === QUESTION) && isSentenceBreak(text, from - 1)) {
      break;
    }
    from--;
  }

  let to = end;
  const maxTo = Math.min(text.length, end + MAX_SENTENCE_REACH);
  while (to < maxTo) {
    const ch = text.charCodeAt(to);
    if (ch === NL) {
      const next = to + 1;
      if (next >= text.length || startsUnit(text, next)) break;
    } else if ((ch === DOT || ch === BANG || ch === QUESTION) && isSentenceBreak(text, to)) {
      to++;
      break;
    }
    to++;
  }
  return { start: from, end: Math.min(to, text.length) };
}
