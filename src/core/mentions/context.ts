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
  /** A heading and its section. */
  heading: boolean;
}

function lineStart(text: string, i: number): number {
  const k = text.lastIndexOf('\n', i - 1);
  return k < 0 ? 0 : k + 1;
}

function lineEnd(text: string, i: number): number {
  const k = text.indexOf('\n', i);
  return k < 0 ? text.length : k;
}

const SPACE = 32;
const TAB = 9;
const HASH = 35;

function isSpaceOrTab(c: number): boolean {
  return c === SPACE || c === TAB;
}

/** A markdown heading: up to three spaces, one to six "#", then a blank or the line's end. */
function isHeadingLine(text: string, ls: number): boolean {
  let k = ls;
  while (k < ls + 3 && text.charCodeAt(k) === SPACE) k++;
  const hashes = k;
  while (text.charCodeAt(k) === HASH) k++;
  const count = k - hashes;
  if (count < 1 || count > 6) return false;
  const c = text.charCodeAt(k);
  return k >= text.length || isSpaceOrTab(c) || c === NL || c === 13;
}

/** A line that starts a unit of its own: list item, heading, table row, quote, or a blank line. */
function startsUnit(text: string, ls: number): boolean {
  let k = ls;
  while (isSpaceOrTab(text.charCodeAt(k))) k++;
  if (k >= text.length) return true;
  const c = text.charCodeAt(k);
  if (c === NL || c === 13 || c === 124 /* | */ || c === 62 /* > */) return true;
  if (c === 45 /* - */ || c === 42 /* * */ || c === 43 /* + */) return isSpaceOrTab(text.charCodeAt(k + 1));
  if (c === HASH) return isHeadingLine(text, k);
  let d = k;
  while (d < k + 3 && text.charCodeAt(d) >= 48 && text.charCodeAt(d) <= 57) d++;
  if (d > k && (text.charCodeAt(d) === DOT || text.charCodeAt(d) === 41 /* ) */)) return isSpaceOrTab(text.charCodeAt(d + 1));
  return false;
}

/** Whether the line ending at `lineEndAt` (exclusive) and starting at `ls` holds only blanks. */
function isBlankLine(text: string, ls: number, lineEndAt: number): boolean {
  for (let k = ls; k < lineEndAt; k++) {
    const c = text.charCodeAt(k);
    if (!isSpaceOrTab(c) && c !== 13) return false;
  }
  return true;
}

function isLetter(c: number): boolean {
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return /\p{L}/u.test(String.fromCharCode(c));
}

/** Whether the "." at `dot` ends a sentence rather than an abbreviation or an initial ("E.T."). */
function endsSentence(text: string, dot: number): boolean {
  if (text.charCodeAt(dot) !== DOT) return true;
  let k = dot;
  while (k > 0 && dot - k < 12) {
    const c = text.charCodeAt(k - 1);
    if (!(c === DOT || isLetter(c) || (c >= 48 && c <= 57))) break;
    k--;
  }
  const length = dot - k;
  if (length === 0) return true;
  if (length === 1 && isLetter(text.charCodeAt(k))) return false; // an initial
  // "E.T", "U.S": letters and dots alternating.
  let initials = length % 2 === 1;
  for (let i = k; initials && i < dot; i++) initials = (i - k) % 2 === 0 ? isLetter(text.charCodeAt(i)) : text.charCodeAt(i) === DOT;
  if (initials) return false;
  return length > 6 || !ABBREVIATIONS.has(text.slice(k, dot).toLowerCase());
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

/** A heading is short: a mention further than this from its line's start is not in one. */
const MAX_HEADING = 200;

/** The start of the line holding `i` if it begins within MAX_HEADING code units, else −1. */
function nearLineStart(text: string, i: number): number {
  const ls = lineStart(text, i);
  return i - ls <= MAX_HEADING ? ls : -1;
}

/** Whether the line break at `nl` ends a sentence that runs on after it: a unit starts, or a blank line is before. */
function lineBreakEnds(text: string, nl: number): boolean {
  return startsUnit(text, nl + 1) || isBlankLine(text, lineStart(text, nl), nl);
}

/** Whether the line break at `nl` ends the sentence that runs up to it. */
function lineBreakEndsForward(text: string, nl: number): boolean {
  return nl + 1 >= text.length || startsUnit(text, nl + 1);
}

/**
 * Positions where a sentence may end — every ". ! ? \n" of the text, ascending — as the scanner
 * collects them in passing; `count` of them. Lets the window search jump instead of reading.
 */
export interface BreakCandidates {
  positions: Int32Array;
  count: number;
}

/** Index of the first candidate at or after `at`. */
function firstAtOrAfter(breaks: BreakCandidates, at: number): number {
  let lo = 0;
  let hi = breaks.count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (breaks.positions[mid] < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function contextWindow(text: string, start: number, end: number, breaks?: BreakCandidates): Window {
  const ls = nearLineStart(text, start);
  if (ls >= 0 && isHeadingLine(text, ls)) {
    // The heading and its section, up to the next heading.
    let k = lineEnd(text, end);
    const limit = Math.min(text.length, k + MAX_SECTION);
    while (k < limit) {
      const next = k + 1;
      if (next < text.length && isHeadingLine(text, next)) break;
      k = lineEnd(text, next);
    }
    return { start: ls, end: Math.min(k, limit), heading: true };
  }

  const minFrom = Math.max(0, start - MAX_SENTENCE_REACH);
  const maxTo = Math.min(text.length, end + MAX_SENTENCE_REACH);
  let from = minFrom;
  let to = maxTo;
  if (breaks) {
    // The same tests as below, only at the characters that can pass them.
    const after = firstAtOrAfter(breaks, end);
    for (let b = firstAtOrAfter(breaks, start) - 1; b >= 0; b--) {
      const p = breaks.positions[b];
      if (p < minFrom) break;
      if (text.charCodeAt(p) === NL ? lineBreakEnds(text, p) : isSentenceBreak(text, p)) {
        from = p + 1;
        break;
      }
    }
    for (let b = after; b < breaks.count; b++) {
      const q = breaks.positions[b];
      if (q >= maxTo) break;
      if (text.charCodeAt(q) === NL) {
        if (lineBreakEndsForward(text, q)) {
          to = q;
          break;
        }
      } else if (isSentenceBreak(text, q)) {
        to = q + 1;
        break;
      }
    }
    return { start: from, end: Math.min(to, text.length), heading: false };
  }

  for (let p = start - 1; p >= minFrom; p--) {
    const ch = text.charCodeAt(p);
    // A soft-wrapped line continues the sentence unless the next line starts a unit of its own
    // or the line before is blank.
    if (ch === NL ? lineBreakEnds(text, p) : (ch === DOT || ch === BANG || ch === QUESTION) && isSentenceBreak(text, p)) {
      from = p + 1;
      break;
    }
  }
  for (let q = end; q < maxTo; q++) {
    const ch = text.charCodeAt(q);
    if (ch === NL) {
      if (lineBreakEndsForward(text, q)) {
        to = q;
        break;
      }
    } else if ((ch === DOT || ch === BANG || ch === QUESTION) && isSentenceBreak(text, q)) {
      to = q + 1;
      break;
    }
  }
  return { start: from, end: Math.min(to, text.length), heading: false };
}
