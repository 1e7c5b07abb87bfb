// Words for context evidence: tokens, a light stemmer that makes "memorize"/"memory",
// "speculates"/"speculation", "positional"/"position" meet; the words that say nothing are
// EVIDENCE_STOP_WORDS (src/core/text/stopWords.ts).
import { EVIDENCE_STOP_WORDS } from '../text/stopWords';


const SUFFIXES = [
  'izations', 'ization', 'isations', 'isation', 'ational', 'ations', 'ation', 'ements', 'ement', 'ments', 'ment', 'nesses', 'ness',
  'ities', 'ity', 'atives', 'ative', 'izing', 'ising', 'ized', 'ised', 'izes', 'ises', 'ize', 'ise', 'ating', 'ated', 'ates', 'ate', 'ives', 'ive',
  'ional', 'ions', 'ion', 'ings', 'ing', 'edly', 'ers', 'er', 'ied', 'ed', 'ies', 'es', 'ly', 'als', 'al', 'ous', 's',
];

/**
 * A crude stem: lower-case, possessive and one derivational/inflectional suffix off, final e/y off.
 * Not search's Porter stemmer (search/stemmer.ts) on purpose: evidence wants looser families
 * ("memory" = "memorize"), ranking wants Porter's; test/unit/mentionWords.test.ts pins the difference.
 */
export function stem(word: string): string {
  let w = word.toLowerCase().replace(/['’]s?$/, '');
  if (w.length <= 3 || /\d/.test(w)) return w;
  for (const s of SUFFIXES) {
    if (w.length - s.length >= 4 && w.endsWith(s)) {
      w = w.slice(0, -s.length);
      break;
    }
  }
  if (w.length > 4 && /[ey]$/.test(w)) w = w.slice(0, -1);
  // Doubled final consonants ("distill"/"distilled", "scann"): one is enough.
  if (w.length > 4 && /([b-df-hj-np-tv-z])\1$/.test(w)) w = w.slice(0, -1);
  return w;
}

export interface Token {
  start: number;
  end: number;
  text: string;
}

const TOKEN_RE = /[\p{L}\p{N}\p{M}]+/gu;

/** Letter/digit runs of `text` between `from` and `to`, with offsets. */
export function tokens(text: string, from = 0, to = text.length): Token[] {
  const out: Token[] = [];
  const slice = text.slice(from, to);
  for (const m of slice.matchAll(TOKEN_RE)) {
    const start = from + (m.index ?? 0);
    out.push({ start, end: start + m[0].length, text: m[0] });
  }
  return out;
}

/** A model size or context length: 7B, 13b, 200K, 128k, 1M, 2.5T. */
export function isSizeToken(t: string): boolean {
  return /^\d+(?:\.\d+)?[kKmMbBtT]$/.test(t);
}

/** A token that reads as a technical name: an acronym or CamelCase ("KV", "NIAH", "vLLM", "BABILong"). */
export function isTechnicalToken(t: string): boolean {
  if (t.length < 2) return false;
  if (/^\p{Lu}{2,}\p{Ll}*$/u.test(t)) return true;
  return /\p{Ll}\p{Lu}/u.test(t) || /^\p{Lu}[\p{L}]*\d/u.test(t);
}

const keyCache = new Map<string, string | null>();
const MAX_CACHED_KEYS = 100_000;

/** The evidence key of a context token, or undefined when it can be no evidence. Memoised. */
export function evidenceKey(t: string): string | undefined {
  let k = keyCache.get(t);
  if (k === undefined) {
    if (keyCache.size >= MAX_CACHED_KEYS) keyCache.clear();
    k = computeEvidenceKey(t) ?? null;
    keyCache.set(t, k);
  }
  return k ?? undefined;
}

function computeEvidenceKey(t: string): string | undefined {
  if (isSizeToken(t)) return t.toLowerCase();
  if (/^\d/.test(t)) return undefined; // years, counts, list numbers
  if (t.length < 2) return undefined;
  const lower = t.toLowerCase();
  if (EVIDENCE_STOP_WORDS.has(lower)) return undefined;
  return stem(t);
}
