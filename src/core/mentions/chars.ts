// Character classes the mention scanner needs, per UTF-16 code unit and fast for ASCII. Names and
// titles are matched over "normalised" code units: lower-cased letters, one space for any run of
// blanks, one hyphen for every dash, one apostrophe for every apostrophe-like mark.

const WORD_RE = /^[\p{L}\p{N}\p{M}]$/u;

/** 0 = not yet classified, 1 = word, 2 = not a word character. Filled lazily for the BMP. */
const bmpClass = new Uint8Array(0x10000);
/** Lower-case code unit (0 = not yet computed). */
const bmpLower = new Uint16Array(0x10000);

/** 1 for ASCII letters and digits: the scanners' fast path. */
export const ASCII_WORD = new Uint8Array(128);
/** For ASCII letters and digits their lower-case code, else 0: one load per character. */
export const ASCII_WORD_LOWER = new Uint8Array(128);
/** The normalised unit of each printable ASCII character, a single space included (capitals lowered). */
export const ASCII_UNIT = new Uint8Array(128);

for (let c = 0; c < 128; c++) {
  const isWord = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  bmpClass[c] = isWord ? 1 : 2;
  bmpLower[c] = c >= 65 && c <= 90 ? c + 32 : c;
  ASCII_WORD[c] = isWord ? 1 : 0;
  ASCII_WORD_LOWER[c] = isWord ? bmpLower[c] : 0;
  ASCII_UNIT[c] = bmpLower[c];
}

function classifyCodePoint(cp: number): boolean {
  return WORD_RE.test(String.fromCodePoint(cp));
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/**
 * Whether the code unit at `i` belongs to a word (letter, digit, combining mark). Both halves of a
 * surrogate pair take the class of their code point; a lone surrogate is never a word character.
 */
export function isWordAt(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdfff) {
    let k = bmpClass[c];
    if (k === 0) {
      k = classifyCodePoint(c) ? 1 : 2;
      bmpClass[c] = k;
    }
    return k === 1;
  }
  if (isHighSurrogate(c)) {
    const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
    return isLowSurrogate(next) && classifyCodePoint(((c - 0xd800) << 10) + (next - 0xdc00) + 0x10000);
  }
  const prev = i > 0 ? text.charCodeAt(i - 1) : 0;
  return isHighSurrogate(prev) && classifyCodePoint(((prev - 0xd800) << 10) + (c - 0xdc00) + 0x10000);
}

/** The lower-case form of one code unit (itself when lower-casing would change the length). */
export function lowerUnit(c: number): number {
  if (c < 128) return bmpLower[c];
  if (c >= 0xd800 && c <= 0xdfff) return c;
  let l = bmpLower[c];
  if (l === 0) {
    const s = String.fromCharCode(c).toLowerCase();
    l = s.length === 1 ? s.charCodeAt(0) : c;
    bmpLower[c] = l;
  }
  return l;
}

export const SPACE = 32;
const HYPHEN = 45;
const APOSTROPHE = 39;
export const NEWLINE = 10;

/** Blanks that may separate the words of a name: space, tab, no-break spaces, line breaks. */
export function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0x202f || c === 0x2009 || c === 0x200a || c === 0x3000;
}

/** Hyphen-minus and the dashes people (or their editors) put in its place. */
function isDash(c: number): boolean {
  return c === 45 || (c >= 0x2010 && c <= 0x2014) || c === 0x2212 || c === 0xfe63 || c === 0xff0d;
}

function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019 || c === 0x2018 || c === 0x02bc || c === 0x2032;
}

/** Joins two words into one compound: "Ada-LEval", "kv_quant". */
export function isJoiner(c: number): boolean {
  return isDash(c) || c === 95;
}

/** The normalised code unit of a non-blank character (blanks are handled as runs). */
export function normalUnit(c: number): number {
  if (isDash(c)) return HYPHEN;
  if (isApostrophe(c)) return APOSTROPHE;
  return lowerUnit(c);
}

/** A name as the scanner sees it: normalised code units, blank runs collapsed to one space. */
export function normalizeName(name: string): number[] {
  const out: number[] = [];
  let i = 0;
  const trimmed = name.trim();
  while (i < trimmed.length) {
    const c = trimmed.charCodeAt(i);
    if (isBlank(c)) {
      while (i < trimmed.length && isBlank(trimmed.charCodeAt(i))) i++;
      out.push(SPACE);
      continue;
    }
    out.push(normalUnit(c));
    i++;
  }
  return out;
}

const NOT_WORD = /[^\p{L}\p{N}\p{M}]+/gu;

/**
 * The letters and digits of a string, as written: what "exact case" compares. (With the u flag a
 * lone surrogate is no letter, as in `isWordAt`.)
 */
export function wordChars(s: string): string {
  return s.replace(NOT_WORD, '');
}

/** `wordChars(text.slice(start, end))`, without the regular expression when the span is one word. */
export function lettersOf(text: string, start: number, end: number): string {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 128 ? ASCII_WORD[c] === 0 : !isWordAt(text, i)) return wordChars(text.slice(start, end));
  }
  return text.slice(start, end);
}
