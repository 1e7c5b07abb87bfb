// How the search reads this field's writing. Papers and queries go through the same analysis, so
// whatever spelling a paper uses, a query written another common way finds it:
//   "KV-cache" / "KV cache" / "KVCache"      → kv, cache (+ the joined kvcache)
//   "LongLoRA" / "Long-LoRA" / "long lora"   → long, lora (+ longlora)
//   "E^2-LLM" / "E²-LLM" / "E2-LLM"          → e, 2, llm (+ e2llm)
//   "Qwen2.5-1M"                              → qwen2.5, qwen, 2.5, 1m (+ qwen2.51m)
//   "128K", "2048K", "1000x", "2-bit"         → 128k, 2048k, 1000x, 2, bit (+ 2bit)
//   "LLM's", "LLMs"                           → llm
// Numbers keep their unit letter (128k), decimals keep their point (2.5), "12,000" reads as 12000.
import { withoutTexMarkup } from '../text/latex';
import { stem } from './stemmer';
import { SEARCH_STOP_WORDS as STOP_WORDS } from '../text/stopWords';

/** Longest text analysed; beyond this a query is surely pasted prose and the rest adds nothing. */
export const MAX_ANALYSED_LENGTH = 2000;

// Printable or not, every code unit below 128 is ASCII (the control characters are allowed here).
// eslint-disable-next-line no-control-regex
const ASCII_ONLY = /^[\x00-\x7f]*$/;

/**
 * Unicode and LaTeX clean-up before anything else: NFKC folds E² to E2, ligatures and full-width
 * forms to ASCII; diacritics go (Costa-jussà → costa-jussa); "$^2$" and "\&" lose their markup.
 */
export function normalizeText(text: string): string {
  const free = withoutTexMarkup(text);
  return asciiNormalized(free) ?? normalizeUnicode(free);
}

/** `normalizeText` of a LaTeX-free text that is ASCII; undefined for any other text. */
function asciiNormalized(free: string): string | undefined {
  // Most abstracts are plain ASCII: Unicode normalisation would return them unchanged, at the cost
  // of two passes over every character (a large library's index build spent its time there).
  if (!ASCII_ONLY.test(free)) return undefined;
  return free.includes(',') ? free.replace(/(\d),(?=\d{3}(?!\d))/g, '$1') : free;
}

/** `normalizeText` of a LaTeX-free text that is not ASCII. */
function normalizeUnicode(free: string): string {
  return free
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFKC')
    .replace(/(\d),(?=\d{3}(?!\d))/g, '$1');
}

/**
 * A word as written, with the parts a searcher may type separately. `segments` are the pieces
 * between hyphens, carets, apostrophes and other connectors; `pieces` additionally splits each
 * segment at CamelCase and letter→digit boundaries. All lowercase.
 */
export interface Word {
  /** Lowercase, connectors kept: "kv-cache", "longlora", "qwen2.5-1m". */
  text: string;
  /** Lowercase without connectors: "kvcache", "e2llm". */
  joined: string;
  segments: string[];
  /** For each segment, its CamelCase / letter-digit pieces (a one-element list when it has none). */
  pieces: string[][];
}

// A word: letters and digits, possibly joined by connectors (hyphen, underscore, caret, period,
// apostrophe) that are followed by more letters or digits. "/" and "+" separate words ("7B/13B").
const WORD = /[\p{L}\p{N}]+(?:[-_.^'’‐‑–][\p{L}\p{N}]+)*/gu;

/** Splits a segment as written (original case) at CamelCase and letter→digit boundaries. */
export function splitPieces(segment: string): string[] {
  if (segment.length < 2) return [segment];
  const pieces: string[] = [];
  let start = 0;
  for (let i = 1; i < segment.length; i++) {
    const prev = segment[i - 1];
    const cur = segment[i];
    const next = segment[i + 1] ?? '';
    const lowerToUpper = isLower(prev) && isUpper(cur);
    // "HTMLParser" → HTML | Parser, but "LLMs" stays whole (a plural, not a new word).
    const acronymEnd = isUpper(prev) && isUpper(cur) && isLower(next) && isLower(segment[i + 2] ?? '');
    const letterToDigit = isLetter(prev) && isDigit(cur);
    if (lowerToUpper || acronymEnd || letterToDigit) {
      pieces.push(segment.slice(start, i));
      start = i;
    }
  }
  pieces.push(segment.slice(start));
  return pieces;
}

// ASCII is decided by char code (this runs on every character of every abstract); other
// scripts by case mapping.
function isLower(c: string): boolean {
  const code = c.charCodeAt(0);
  if (code < 128) return code >= 97 && code <= 122;
  return c !== c.toUpperCase() && c === c.toLowerCase();
}
function isUpper(c: string): boolean {
  const code = c.charCodeAt(0);
  if (code < 128) return code >= 65 && code <= 90;
  return c !== c.toLowerCase() && c === c.toUpperCase();
}
function isLetter(c: string): boolean {
  const code = c.charCodeAt(0);
  if (code < 128) return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return c.toLowerCase() !== c.toUpperCase();
}
function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

// Connectors split a word, except a period between two digits (a decimal point: "2.5").
const SEGMENT_SPLIT = /[-_^'’‐‑–]|(?<!\d)\.|\.(?!\d)/;
/** A word without connectors or inner capitals or digits ("attention", "Models"): nothing to split. */
const PLAIN_WORD = /^[A-Za-z][a-z]*$/;

/** A word as matched by WORD, analysed; undefined when nothing is left (a lone apostrophe). */
function toWord(match: string): Word | undefined {
  const raw = match.includes("'") || match.includes('’') ? match.replace(/['’][sS]$/, '') : match;
  if (PLAIN_WORD.test(raw)) {
    const lower = raw.toLowerCase();
    return { text: lower, joined: lower, segments: [lower], pieces: [[lower]] };
  }
  const segments = raw.split(SEGMENT_SPLIT).filter(Boolean);
  if (!segments.length) return undefined;
  const lowerSegments = segments.map(s => s.toLowerCase());
  return {
    text: raw.toLowerCase(),
    joined: lowerSegments.join('').replace(/\./g, ''),
    segments: lowerSegments,
    pieces: segments.map(s => splitPieces(s).map(p => p.toLowerCase())),
  };
}

/** The words of a text (already normalised), in order. Possessive 's is dropped ("LLM's" → llm). */
export function words(normalized: string): Word[] {
  const out: Word[] = [];
  for (const m of normalized.matchAll(WORD)) {
    const w = toWord(m[0]);
    if (w) out.push(w);
  }
  return out;
}

/**
 * The index terms a word contributes, before stemming: each segment, the word joined when it has
 * several segments, and for a CamelCase segment its pieces and each pair of neighbouring pieces —
 * "LongLoRA" → longlora, long, lo, ra, longlo, lora — so "long lora" and "lora" find it.
 */
export function wordTerms(word: Word): string[] {
  const terms: string[] = [...word.segments];
  if (word.segments.length > 1) terms.push(word.joined);
  for (const pieces of word.pieces) {
    if (pieces.length < 2) continue;
    terms.push(...pieces);
    if (pieces.length > 2) for (let i = 0; i + 1 < pieces.length; i++) terms.push(pieces[i] + pieces[i + 1]);
  }
  return terms;
}

/**
 * Index terms of the words met so far. A library's abstracts repeat a vocabulary of some tens of
 * thousands of words: stemming each occurrence again was an eighth of a 20,000-paper index build.
 * Cleared when full, so hostile input cannot grow it without bound.
 */
const termCache = new Map<string, string>();
const MAX_CACHED_TERMS = 200_000;

/** Stems a lowercase term; stop words come back as ''. */
export function indexTerm(term: string): string {
  let t = termCache.get(term);
  if (t === undefined) {
    t = STOP_WORDS.has(term) ? '' : stem(term);
    if (termCache.size >= MAX_CACHED_TERMS) termCache.clear();
    termCache.set(term, t);
  }
  return t;
}

/** Calls `fn` with every word form of a text (lowercase, as written) and its index term, in order. */
export function forEachTerm(text: string, fn: (surface: string, term: string) => void): void {
  const free = withoutTexMarkup(text);
  const ascii = asciiNormalized(free);
  if (ascii !== undefined) {
    forEachAsciiTerm(ascii, fn);
    return;
  }
  for (const m of normalizeUnicode(free).matchAll(WORD)) {
    const match = m[0];
    if (PLAIN_WORD.test(match)) {
      // Most words of an abstract: skip building a Word (indexing 50,000 abstracts is mostly this loop).
      const lower = match.toLowerCase();
      const term = indexTerm(lower);
      if (term) fn(lower, term);
      continue;
    }
    wordTermsOf(match, fn);
  }
}

function wordTermsOf(match: string, fn: (surface: string, term: string) => void): void {
  const w = toWord(match);
  if (!w) return;
  for (const t of wordTerms(w)) {
    const term = indexTerm(t);
    if (term) fn(t, term);
  }
}

/** 1: ASCII letter or digit (WORD's letters and digits); 2: an ASCII connector (- _ . ^ '). */
const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) ASCII_CLASS[c] = 1;
  else if (c === 45 || c === 95 || c === 46 || c === 94 || c === 39) ASCII_CLASS[c] = 2;
}

/**
 * `forEachTerm` over ASCII text: WORD's matches found by a loop over char codes, and PLAIN_WORD
 * decided on the way (the Unicode-aware pattern was a third of analysing a 20,000-entry library's
 * abstracts). The same words in the same order (unit test against the pattern).
 */
function forEachAsciiTerm(text: string, fn: (surface: string, term: string) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (ASCII_CLASS[text.charCodeAt(i)] !== 1) {
      i++;
      continue;
    }
    const start = i;
    const first = text.charCodeAt(i);
    // PLAIN_WORD: a letter, then lower-case letters only.
    let plain = first >= 65;
    i++;
    for (;;) {
      while (i < n) {
        const c = text.charCodeAt(i);
        if (ASCII_CLASS[c] !== 1) break;
        if (c < 97) plain = false;
        i++;
      }
      // A connector joins when letters or digits follow it.
      if (i + 1 < n && ASCII_CLASS[text.charCodeAt(i)] === 2 && ASCII_CLASS[text.charCodeAt(i + 1)] === 1) {
        plain = false;
        i++;
        continue;
      }
      break;
    }
    const match = text.slice(start, i);
    if (plain) {
      const lower = first <= 90 ? match.toLowerCase() : match;
      const term = indexTerm(lower);
      if (term) fn(lower, term);
    } else wordTermsOf(match, fn);
  }
}

/** A stretch of a text as displayed and the index term it reads as (see `termSpans`). */
export interface TermSpan {
  start: number;
  /** Exclusive. */
  end: number;
  term: string;
}

function isConnectorAt(word: string, i: number): boolean {
  const c = word[i];
  if (c === '.') return !(isDigit(word[i - 1] ?? '') && isDigit(word[i + 1] ?? ''));
  return "-_^'’‐‑–".includes(c);
}

/**
 * Where in a text (as displayed: offsets are into `text` itself, not its normalised form) each index
 * term comes from, for highlighting why a paper matched. The same terms as `forEachTerm`, each with
 * its span: a word joined ("KV-cache" → kvcache over all of it), each segment between connectors,
 * and for a CamelCase segment its pieces and neighbouring pairs ("LongLoRA" → long, lo, ra, longlo,
 * lora). Stop words have no span.
 */
export function termSpans(text: string): TermSpan[] {
  const spans: TermSpan[] = [];
  const push = (start: number, end: number, surface: string) => {
    const term = indexTerm(surface.toLowerCase());
    if (term) spans.push({ start, end, term });
  };
  for (const m of text.matchAll(WORD)) {
    const at = m.index as number;
    // Read the word as the index does ("E²" as E2) where that keeps its length, so offsets hold.
    const normalized = normalizeText(m[0]);
    const word = normalized.length === m[0].length ? normalized : m[0];
    // possessive 's is no part of the word ("LLM's" → LLM)
    const raw = /['’][sS]$/.test(word) ? word.slice(0, -2) : word;
    const segments: { start: number; text: string }[] = [];
    let from = 0;
    for (let i = 0; i <= raw.length; i++) {
      if (i < raw.length && !isConnectorAt(raw, i)) continue;
      if (i > from) segments.push({ start: from, text: raw.slice(from, i) });
      from = i + 1;
    }
    if (!segments.length) continue;
    if (segments.length > 1) {
      const first = segments[0];
      const last = segments[segments.length - 1];
      push(at + first.start, at + last.start + last.text.length, segments.map(g => g.text).join('').replace(/\./g, ''));
    }
    for (const g of segments) {
      push(at + g.start, at + g.start + g.text.length, g.text);
      const pieces = splitPieces(g.text);
      if (pieces.length < 2) continue;
      let offset = at + g.start;
      const starts = pieces.map(p => {
        const start = offset;
        offset += p.length;
        return start;
      });
      pieces.forEach((p, k) => push(starts[k], starts[k] + p.length, p));
      if (pieces.length > 2) for (let k = 0; k + 1 < pieces.length; k++) push(starts[k], starts[k + 1] + pieces[k + 1].length, pieces[k] + pieces[k + 1]);
    }
  }
  return spans;
}

/** Every index term of a text, in order, stop words removed. */
export function analyze(text: string): string[] {
  const out: string[] = [];
  forEachTerm(text, (_surface, term) => out.push(term));
  return out;
}
