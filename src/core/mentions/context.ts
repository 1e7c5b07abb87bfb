// The stretch of text whose words count as evidence for a mention: its sentence (bounded by
// sentence punctuation, a list item's start, a blank line, a heading or a table row), or, for a
// mention in a markdown heading, the heading and the section under it — a heading names what
// follows it. Looking only this far keeps an unrelated line next door ("the M1 Mac mini" below a
// list of M1 papers) from lending its evidence.
//
// Every look here is bounded by the window's reach, never by a line's start or end: a note may be
// one line of a megabyte, and a look that ran to its line's start from every mention would make a
// scan quadratic (57 s for 1.6 MB of one-line prose before the bounds).
import { lookAroundWork } from './lookAroundWork';
import { firstAtOrAfter as firstInSorted } from './sortedSearch';

/**
 * How far a sentence may reach either side of a mention: a long sentence (some 100 words) each way,
 * and the bound on a mention's reading when no sentence ends nearby. Dev notes (npm run
 * eval:mentions) hold 1.000 / 0.989 from 60 up (recall 0.978 at 40); the unit tests from 60 up.
 */
const MAX_SENTENCE_REACH = 600;
/**
 * How much of a section a heading's mention may read: a few paragraphs. Dev notes hold from 100 up
 * (recall 0.978 at 50); no unit test depends on more than a sentence of it.
 */
const MAX_SECTION = 2000;

const ABBREVIATIONS = new Set(['e.g', 'i.e', 'vs', 'etc', 'al', 'cf', 'fig', 'figs', 'eq', 'sec', 'approx', 'resp', 'w.r.t', 'no', 'dr', 'mr', 'ms', 'st', 'ca', 'incl']);

export interface Window {
  start: number;
  end: number;
  /** A heading and its section. */
  heading: boolean;
}

/** End of the line holding `i`, or `limit` when the line runs on that far. */
function lineEndBefore(text: string, i: number, limit: number): number {
  let k = i;
  while (k < limit && text.charCodeAt(k) !== NL) k++;
  lookAroundWork.steps += k - i;
  return k;
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
  // Seven are already too many: a long run of "#" is read no further.
  while (k - hashes < 7 && text.charCodeAt(k) === HASH) k++;
  const count = k - hashes;
  if (count < 1 || count > 6) return false;
  const c = text.charCodeAt(k);
  return k >= text.length || isSpaceOrTab(c) || c === NL || c === 13;
}

/**
 * A line that starts a unit of its own: list item, heading, table row, quote, or a blank line. Its
 * indentation is read up to `limit` (the window's edge); blanks all the way there count as a blank
 * line, since the window ends there either way and holds the same words.
 */
function startsUnit(text: string, ls: number, limit: number): boolean {
  let k = ls;
  while (k < limit && isSpaceOrTab(text.charCodeAt(k))) k++;
  lookAroundWork.steps += k - ls;
  if (k >= limit) return true;
  const c = text.charCodeAt(k);
  if (c === NL || c === 13 || c === 124 /* | */ || c === 62 /* > */) return true;
  if (c === 45 /* - */ || c === 42 /* * */ || c === 43 /* + */) return isSpaceOrTab(text.charCodeAt(k + 1));
  if (c === HASH) return isHeadingLine(text, k);
  let d = k;
  while (d < k + 3 && text.charCodeAt(d) >= 48 && text.charCodeAt(d) <= 57) d++;
  if (d > k && (text.charCodeAt(d) === DOT || text.charCodeAt(d) === 41 /* ) */)) return isSpaceOrTab(text.charCodeAt(d + 1));
  return false;
}

/**
 * Whether the line ending at `nl` holds only blanks, read back no further than `limit` (the
 * window's edge): blanks all the way there count as a blank line — the window starts after them
 * either way, with the same words.
 */
function isBlankLineBefore(text: string, nl: number, limit: number): boolean {
  let k = nl - 1;
  while (k >= limit && (isSpaceOrTab(text.charCodeAt(k)) || text.charCodeAt(k) === 13)) k--;
  lookAroundWork.steps += nl - 1 - k;
  return k < limit || text.charCodeAt(k) === NL;
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

/**
 * Sentence end: [.!?] followed by a blank and then not a lower-case letter. Blanks are read up to
 * `limit` (the window's edge): blanks all the way there end the sentence, as the end of the text does.
 */
function isSentenceBreak(text: string, i: number, limit: number): boolean {
  const c = text.charCodeAt(i);
  if (c !== DOT && c !== BANG && c !== QUESTION) return false;
  if (i + 1 >= text.length) return true;
  const next = text.charCodeAt(i + 1);
  if (next !== 32 && next !== 9 && next !== NL && next !== 13) return false;
  let k = i + 1;
  while (k < limit && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
  lookAroundWork.steps += k - i;
  if (k >= limit || text.charCodeAt(k) === NL) return true;
  if (isLowerLetter(text.charCodeAt(k))) return false;
  return endsSentence(text, i);
}

/**
 * A heading is short: a mention further than this from its line's start is not in one. Dev notes
 * hold from 40 up (recall 0.978 at 20).
 */
const MAX_HEADING = 200;

/**
 * The start of the line holding `i` if it begins within MAX_HEADING code units, else −1: read back
 * no further than that, over the break positions when the scanner collected them.
 */
function nearLineStart(text: string, i: number, breaks: BreakCandidates | undefined): number {
  const reach = i - MAX_HEADING - 1;
  if (breaks) {
    let b = firstAtOrAfter(breaks, i) - 1;
    const from = b;
    for (; b >= 0 && breaks.positions[b] >= reach; b--) {
      const p = breaks.positions[b];
      if (text.charCodeAt(p) === NL) {
        lookAroundWork.steps += from - b;
        return p + 1;
      }
    }
    lookAroundWork.steps += from - b;
  } else {
    for (let k = i - 1; k >= 0 && k >= reach; k--) {
      if (text.charCodeAt(k) === NL) {
        lookAroundWork.steps += i - k;
        return k + 1;
      }
    }
    lookAroundWork.steps += Math.min(i, MAX_HEADING + 1);
  }
  return i <= MAX_HEADING ? 0 : -1;
}

/**
 * Whether the line break at `nl` ends a sentence that runs on after it: a unit starts, or a blank
 * line is before (read back no further than `minFrom`, nor forward past `maxTo`).
 */
function lineBreakEnds(text: string, nl: number, minFrom: number, maxTo: number): boolean {
  return startsUnit(text, nl + 1, maxTo) || isBlankLineBefore(text, nl, minFrom);
}

/** Whether the line break at `nl` ends the sentence that runs up to it (reading no further than `maxTo`). */
function lineBreakEndsForward(text: string, nl: number, maxTo: number): boolean {
  return nl + 1 >= text.length || startsUnit(text, nl + 1, maxTo);
}

/**
 * Positions where a sentence may end — every ". ! ? \n" of the text, ascending — as the scanner
 * collects them in passing; `count` of them. Lets the window search jump instead of reading.
 * `hint`: where the last search landed (mentions come in order, so the next one lands near it).
 */
export interface BreakCandidates {
  positions: Int32Array;
  count: number;
  hint?: number;
}

/** Index of the first candidate at or after `at`. */
function firstAtOrAfter(breaks: BreakCandidates, at: number): number {
  return (breaks.hint = firstInSorted(breaks.positions, breaks.count, at, breaks.hint ?? 0));
}

export function contextWindow(text: string, start: number, end: number, breaks?: BreakCandidates): Window {
  const ls = nearLineStart(text, start, breaks);
  if (ls >= 0 && isHeadingLine(text, ls)) {
    // The heading and its section, up to the next heading. A heading line that runs on is read
    // MAX_SECTION past the mention, and no section after it.
    const lineLimit = Math.min(text.length, end + MAX_SECTION);
    let k = lineEndBefore(text, end, lineLimit);
    if (k === lineLimit && k < text.length && text.charCodeAt(k) !== NL) return { start: ls, end: k, heading: true };
    const limit = Math.min(text.length, k + MAX_SECTION);
    while (k < limit) {
      const next = k + 1;
      if (next < text.length && isHeadingLine(text, next)) break;
      k = lineEndBefore(text, next, limit);
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
    const before = firstAtOrAfter(breaks, start) - 1;
    let b = before;
    for (; b >= 0; b--) {
      const p = breaks.positions[b];
      if (p < minFrom) break;
      if (text.charCodeAt(p) === NL ? lineBreakEnds(text, p, minFrom, maxTo) : isSentenceBreak(text, p, maxTo)) {
        from = p + 1;
        break;
      }
    }
    lookAroundWork.steps += before - b;
    b = after;
    for (; b < breaks.count; b++) {
      const q = breaks.positions[b];
      if (q >= maxTo) break;
      if (text.charCodeAt(q) === NL) {
        if (lineBreakEndsForward(text, q, maxTo)) {
          to = q;
          break;
        }
      } else if (isSentenceBreak(text, q, maxTo)) {
        to = q + 1;
        break;
      }
    }
    lookAroundWork.steps += b - after;
    return { start: from, end: Math.min(to, text.length), heading: false };
  }

  for (let p = start - 1; p >= minFrom; p--) {
    const ch = text.charCodeAt(p);
    // A soft-wrapped line continues the sentence unless the next line starts a unit of its own
    // or the line before is blank.
    if (ch === NL ? lineBreakEnds(text, p, minFrom, maxTo) : (ch === DOT || ch === BANG || ch === QUESTION) && isSentenceBreak(text, p, maxTo)) {
      from = p + 1;
      break;
    }
  }
  for (let q = end; q < maxTo; q++) {
    const ch = text.charCodeAt(q);
    if (ch === NL) {
      if (lineBreakEndsForward(text, q, maxTo)) {
        to = q;
        break;
      }
    } else if ((ch === DOT || ch === BANG || ch === QUESTION) && isSentenceBreak(text, q, maxTo)) {
      to = q + 1;
      break;
    }
  }
  return { start: from, end: Math.min(to, text.length), heading: false };
}
