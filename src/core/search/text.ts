// How the search reads this field's writing. Papers and queries go through the same analysis, so
// whatever spelling a paper uses, a query written another common way finds it:
//   "KV-cache" / "KV cache" / "KVCache"      → kv, cache (+ the joined kvcache)
//   "LongLoRA" / "Long-LoRA" / "long lora"   → long, lora (+ longlora)
//   "E^2-LLM" / "E²-LLM" / "E2-LLM"          → e, 2, llm (+ e2llm)
//   "Qwen2.5-1M"                              → qwen2.5, qwen, 2.5, 1m (+ qwen2.51m)
//   "128K", "2048K", "1000x", "2-bit"         → 128k, 2048k, 1000x, 2, bit (+ 2bit)
//   "LLM's", "LLMs"                           → llm
// Numbers keep their unit letter (128k), decimals keep their point (2.5), "12,000" reads as 12000.
import { normalizeLatex } from '../aliases';
import { stem } from './stemmer';
import { STOP_WORDS } from './stopWords';

/** Longest text analysed; beyond this a query is surely pasted prose and the rest adds nothing. */
export const MAX_ANALYSED_LENGTH = 2000;

/**
 * Unicode and LaTeX clean-up before anything else: NFKC folds E² to E2, ligatures and full-width
 * forms to ASCII; diacritics go (Costa-jussà → costa-jussa); "$^2$" and "\&" lose their markup.
 */
export function normalizeText(text: string): string {
  return normalizeLatex(text)
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
const CONNECTOR = /[-_.^'’‐‑–]/;

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

function isLower(c: string): boolean {
  return c !== c.toUpperCase() && c === c.toLowerCase();
}
function isUpper(c: string): boolean {
  return c !== c.toLowerCase() && c === c.toUpperCase();
}
function isLetter(c: string): boolean {
  return c.toLowerCase() !== c.toUpperCase();
}
function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

/** Splits a raw word at its connectors, keeping a decimal point between digits ("2.5"). */
function splitSegments(raw: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (CONNECTOR.test(c) && !(c === '.' && isDigit(raw[i - 1] ?? '') && isDigit(raw[i + 1] ?? ''))) {
      if (cur) out.push(cur);
      cur = '';
    } else {
      cur += c;
    }
  }
  if (cur) out.push(cur);
  return out;
}

/** The words of a text (already normalised), in order. Possessive 's is dropped ("LLM's" → llm). */
export function words(normalized: string): Word[] {
  const out: Word[] = [];
  for (const m of normalized.matchAll(WORD)) {
    const raw = m[0].replace(/['’][sS]$/, '');
    const segments = splitSegments(raw);
    if (!segments.length) continue;
    const pieces = segments.map(s => splitPieces(s).map(p => p.toLowerCase()));
    const lowerSegments = segments.map(s => s.toLowerCase());
    out.push({
      text: raw.toLowerCase(),
      joined: lowerSegments.join('').replace(/\./g, ''),
      segments: lowerSegments,
      pieces,
    });
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

/** Stems a lowercase term; stop words come back as ''. */
export function indexTerm(term: string): string {
  if (STOP_WORDS.has(term)) return '';
  return stem(term);
}

/** Calls `fn` with every word form of a text (lowercase, as written) and its index term, in order. */
export function forEachTerm(text: string, fn: (surface: string, term: string) => void): void {
  for (const w of words(normalizeText(text))) {
    for (const t of wordTerms(w)) {
      const term = indexTerm(t);
      if (term) fn(t, term);
    }
  }
}

/** Every index term of a text, in order, stop words removed. */
export function analyze(text: string): string[] {
  const out: string[] = [];
  forEachTerm(text, (_surface, term) => out.push(term));
  return out;
}
