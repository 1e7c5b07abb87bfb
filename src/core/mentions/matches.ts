// Phase one's vocabulary: what a match of a name is, where it may end (word boundaries, hyphen
// compounds, model-variant and attributive suffixes), and how a spelling's case decides which forms
// of a name it matches and how much evidence it then needs.
import { ASCII_WORD, isBlank, isJoiner, isWordAt, NEWLINE, normalUnit, SPACE } from './chars';
import { type EvidenceNeed, type NameForm, WORDS_FOR_TITLE_WITHOUT_EVIDENCE } from './names';

/** Evidence needs, weakest first (their index is what the match list stores). */
const NEED_ORDER: EvidenceNeed[] = ['none', 'low', 'medium', 'high'];

/** What follows a name inside its mention. */
const SUFFIX_NONE = 0;
/** A model size or context length: "Yi-34B-200K". */
export const SUFFIX_SIZE = 1;
/** A variant word: "LWM-Text", "Yi-VL". */
export const SUFFIX_WORD = 2;
/** A version ("Dolphin-2.9"): model-like, but other model families share names with papers. */
export const SUFFIX_VERSION = 3;

/** Where a name's mention ends: at the name (extendedTo −1) or after a variant suffix. */
interface Boundary {
  extendedTo: number;
  suffix: number;
}

const PLAIN_END: Boundary = { extendedTo: -1, suffix: SUFFIX_NONE };

/** The forms of a trie group that one spelling matches. */
export interface FormMatch {
  forms: NameForm[];
  /** Distinct papers of `forms`, in order. */
  papers: number[];
  /**
   * Evidence needed when the text spells the name as a form does (its first letter aside), and
   * when it does not ("dataset decomposition", "Dataset decomposition" for Dataset Decomposition).
   */
  need: EvidenceNeed;
  inexactNeed: EvidenceNeed;
  /** Key ids of the forms' own words (no evidence for themselves), once needed. */
  ignore?: number[];
  /** Whether another paper defines one of the forms' acronyms differently, once needed. */
  foreign?: boolean;
}

/** The forms that end at one trie node (one normalised spelling), and what each case matches. */
export interface GroupInfo {
  forms: NameForm[];
  /** The match when every form matches in any case. */
  anyCase: FormMatch | undefined;
  /** Otherwise: letters as written → match (null: none). */
  bySpelling: Map<string, FormMatch | null>;
}

/** Odd spellings are rare; a bound keeps a hostile text from growing the cache of them. */
export const MAX_SPELLINGS = 64;

export function matchOf(forms: NameForm[]): FormMatch {
  const papers: number[] = [];
  let need: EvidenceNeed = 'none';
  let inexactNeed: EvidenceNeed = 'none';
  for (const f of forms) {
    if (!papers.includes(f.paper)) papers.push(f.paper);
    need = maxNeed(need, effectiveNeed(f, true));
    inexactNeed = maxNeed(inexactNeed, effectiveNeed(f, false));
  }
  return { forms, papers, need, inexactNeed };
}

/**
 * One match of a name: a shorter alternative at the same start (when the longest lacks evidence),
 * or a match of the list below made into an object for phase two.
 */
export interface Candidate {
  start: number;
  /** End of the name itself. */
  nameEnd: number;
  /** End including a model-variant suffix ("Yi" + "-34B-200K"). */
  end: number;
  /** What its spelling matched: forms (exact-case ones first) and their papers. */
  match: FormMatch;
  need: EvidenceNeed;
  suffix: number;
}

/**
 * Phase one's matches in text order, as parallel arrays reused from run to run: a megabyte of notes
 * holds thousands of names, most of which need nothing more than their own slot.
 */
export class MatchList {
  count = 0;
  start = new Int32Array(256);
  nameEnd = new Int32Array(256);
  end = new Int32Array(256);
  /** Index into NEED_ORDER. */
  need = new Uint8Array(256);
  suffix = new Uint8Array(256);
  match: FormMatch[] = [];
  /** Shorter matches at the same start, for the few matches that have them. */
  fallbacks = new Map<number, Candidate[]>();

  reset(): void {
    // `match` keeps its length: its slots are overwritten, and the forms they point to live as long
    // as the detector anyway.
    this.count = 0;
    this.fallbacks.clear();
  }

  push(start: number, nameEnd: number, end: number, match: FormMatch, need: EvidenceNeed, suffix: number): number {
    if (this.count === this.start.length) this.grow();
    const i = this.count++;
    this.start[i] = start;
    this.nameEnd[i] = nameEnd;
    this.end[i] = end;
    this.need[i] = NEED_ORDER.indexOf(need);
    this.suffix[i] = suffix;
    this.match[i] = match;
    return i;
  }

  candidate(i: number): Candidate {
    return { start: this.start[i], nameEnd: this.nameEnd[i], end: this.end[i], match: this.match[i], need: NEED_ORDER[this.need[i]], suffix: this.suffix[i] };
  }

  private grow(): void {
    const size = this.start.length * 2;
    const more = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.start = more(this.start, n => new Int32Array(n));
    this.nameEnd = more(this.nameEnd, n => new Int32Array(n));
    this.end = more(this.end, n => new Int32Array(n));
    this.need = more(this.need, n => new Uint8Array(n));
    this.suffix = more(this.suffix, n => new Uint8Array(n));
  }
}

/** Suffix words that keep a model's name: "LWM-Text", "Yi-VL", "Keye-VL-Preview". */
const VARIANT_WORDS = new Set([
  'chat', 'instruct', 'base', 'text', 'vision', 'vl', 'preview', 'sft', 'rl', 'dpo', 'pro', 'plus', 'lite', 'mini', 'large', 'small',
  'medium', 'long', 'code', 'coder', 'math', 'distill', 'turbo', 'awq', 'gptq', 'gguf', 'hf', 'it', 'chinese', 'en', 'zh',
]);
/** Suffix words that make an adjective of a name without changing what it names: "DuoAttention-style". */
const ATTRIBUTIVE_WORDS = new Set([
  'style', 'like', 'based', 'inspired', 'type', 'esque', 'ish', 'related', 'specific', 'compatible', 'family', 'series', 'variant',
  'variants', 'only', 'augmented', 'enhanced', 'guided', 'aware', 'driven', 'powered', 'equipped', 'native', 'trained', 'tuned',
]);

function isSize(word: string): boolean {
  return /^\d+(?:\.\d+)?[kKmMbBtT]$/.test(word);
}

function isVersion(word: string): boolean {
  return /^[vV]?\d+(?:\.\d+)*$/.test(word);
}

function maxNeed(a: EvidenceNeed, b: EvidenceNeed): EvidenceNeed {
  return NEED_ORDER.indexOf(a) >= NEED_ORDER.indexOf(b) ? a : b;
}

/**
 * A suffix word — a size, a version, a variant or attributive word — is short ("distill", "1.5B",
 * "compatible": the longest word of the lists has 10 letters); reading a word after a name stops
 * here, so a name followed by a huge word (text without whitespace) costs no more than one followed
 * by a short one. Dev notes hold from 3 up (recall 0.967 at 2), the unit tests from 4 up.
 */
const MAX_SUFFIX_WORD = 24;
/**
 * "Keye-VL-Preview", "Yi-34B-200K" have two: a name followed by more than six is no name. Dev notes
 * and unit tests hold from 2 up (recall 0.967 at 1).
 */
const MAX_SUFFIXES = 6;

/** End of the word at `i`, or `i + MAX_SUFFIX_WORD + 1` if it runs on that far. */
function wordEnd(text: string, i: number): number {
  const limit = Math.min(text.length, i + MAX_SUFFIX_WORD + 1);
  let j = i;
  while (j < limit && isWordAt(text, j)) j++;
  return j;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** End of a suffix word: a word, with a dotted version read whole ("2.9", "v1.1", "1.5B"). */
function suffixWordEnd(text: string, i: number): number {
  let j = wordEnd(text, i);
  while (j - i <= MAX_SUFFIX_WORD && text.charCodeAt(j) === 46 /* . */ && isDigit(text.charCodeAt(j - 1)) && isDigit(text.charCodeAt(j + 1))) j = wordEnd(text, j + 1);
  return j;
}

/**
 * Whether a name may end at `end`: not inside a word, not the first half of a compound — unless
 * what follows is a model-variant suffix ("Yi-34B-200K": the mention grows to include it) or an
 * attributive one ("DuoAttention-style").
 */
export function endBoundary(text: string, end: number): Boundary | undefined {
  const n = text.length;
  if (end >= n) return PLAIN_END;
  // The usual case: the name ends a word and is followed by ASCII punctuation or a blank.
  const next = text.charCodeAt(end);
  if (next < 128 && ASCII_WORD[next] === 0 && next !== 45 && next !== 95 && next !== 43) {
    const last = text.charCodeAt(end - 1);
    if (last < 128 && ASCII_WORD[last] === 1) return PLAIN_END;
  }
  const lastIsWord = isWordAt(text, end - 1);
  if (lastIsWord && isWordAt(text, end)) return undefined;
  const c = text.charCodeAt(end);
  if (lastIsWord && c === 43 /* + */) return undefined; // "MiniWoB" is not "MiniWoB++"
  if (!(isJoiner(c) && isWordAt(text, end + 1))) return PLAIN_END;

  let k = end;
  let extended = end;
  let suffix = SUFFIX_NONE;
  for (let count = 0; count < MAX_SUFFIXES && k < n && isJoiner(text.charCodeAt(k)) && isWordAt(text, k + 1); count++) {
    const wEnd = suffixWordEnd(text, k + 1);
    const word = text.slice(k + 1, wEnd);
    // The strongest suffix seen decides: a size, else a variant word, else a version.
    if (isSize(word)) suffix = SUFFIX_SIZE;
    else if (VARIANT_WORDS.has(word.toLowerCase())) suffix = suffix === SUFFIX_SIZE ? SUFFIX_SIZE : SUFFIX_WORD;
    else if (isVersion(word)) suffix = suffix === SUFFIX_NONE ? SUFFIX_VERSION : suffix;
    else break;
    extended = wEnd;
    k = wEnd;
  }
  // What follows the (possibly extended) name must end the compound or make it attributive.
  if (k < n && isJoiner(text.charCodeAt(k)) && isWordAt(text, k + 1)) {
    const word = text.slice(k + 1, wordEnd(text, k + 1));
    if (!ATTRIBUTIVE_WORDS.has(word.toLowerCase()) || word !== word.toLowerCase()) return undefined;
  }
  if (k < n && isWordAt(text, k)) return undefined;
  return extended === end ? PLAIN_END : { extendedTo: extended, suffix };
}

/** End of the run of blanks at `i`, or −1 when it holds a blank line (no name crosses one). */
export function blankRunEnd(text: string, i: number): number {
  let newlines = 0;
  while (i < text.length && isBlank(text.charCodeAt(i))) {
    if (text.charCodeAt(i) === NEWLINE && ++newlines > 1) return -1;
    i++;
  }
  return i;
}

/** The normalised unit a name would have at `i` (a blank run is one space), or −1 at the end. */
export function unitAt(text: string, i: number): number {
  if (i < 0 || i >= text.length) return -1;
  const c = text.charCodeAt(i);
  if (isBlank(c)) return blankRunEnd(text, i) < 0 ? -1 : SPACE;
  return normalUnit(c);
}

/** Whether `surface` spells one of the forms, the case of its first letter aside (sentence starts). */
export function spelledAsForm(forms: readonly NameForm[], surface: string): boolean {
  for (const f of forms) if (f.letters.length === surface.length && f.letters.slice(1) === surface.slice(1)) return true;
  return false;
}

export function caseMatches(form: NameForm, surface: string): boolean {
  if (form.caseRule === 'any') return true;
  if (surface === form.letters) return true;
  if (form.caseRule === 'exactOrUpper') {
    return surface === form.letters.toUpperCase() && /\p{Lu}.*\p{Lu}/u.test(form.letters);
  }
  return false;
}

/**
 * Evidence a match of `form` needs: its own need, and some for a short name or a title's part spelt
 * unlike the form — "dataset decomposition" in prose is not "Dataset Decomposition" the paper.
 */
function effectiveNeed(form: NameForm, asWritten: boolean): EvidenceNeed {
  if (form.need !== 'none') return form.need;
  if (form.multiWord && !asWritten) {
    // A short name or a title's part spelt like prose may be prose ("learning to memorize at test time").
    if (form.kind === 'part' || form.name.split(/\s+/).length < WORDS_FOR_TITLE_WITHOUT_EVIDENCE) return 'low';
  }
  return 'none';
}
