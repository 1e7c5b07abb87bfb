// Explicit denials next to a name: notes say when a name is not the paper — "the other Foo is a
// chess engine", "Meta's Foo library is a different project", "not the Foo paper", "Foo (NFL, not
// the paper)". General English patterns of identity and negation, read a few words either side
// of the name; never a list of names.
//
// "The other Foo" of a name two papers share points at one of them, so it denies nothing there.
// A comparison is no denial: "Foo is a different approach" and "unlike Foo" still mention Foo —
// only nouns of identity (paper, project, library, …) after "a different" deny.
import { lookAroundWork } from './lookAroundWork';

/**
 * How far after a name "not the paper" is looked for ("Foo (a chess engine, not the paper)"): about
 * a dozen words. Dev notes hold at any value (their one such denial, "(NFL, not the paper)", is of a
 * name rejected on its words anyway); the unit tests from 40 up.
 */
const DENIAL_REACH = 80;

/** Nouns that say what a name is, not how it works: "Foo is a different project". */
const IDENTITY_NOUNS = new Set(['paper', 'project', 'thing', 'one', 'work', 'library', 'package', 'tool', 'product', 'company', 'codebase', 'repo', 'repository', 'entity', 'name', 'model', 'person', 'team']);
/** Adjectives that deny an identity after an article: "a different Foo", "an unrelated Foo". */
const OTHER_ADJECTIVES = new Set(['different', 'unrelated', 'separate', 'distinct']);
/** Adverbs that may strengthen them: "an entirely different project". */
const INTENSIFIERS = new Set(['entirely', 'completely', 'totally', 'quite']);
/** Words that end a noun phrase: between a name and its verb only nouns may stand. */
const FUNCTION_WORDS = new Set(['a', 'an', 'the', 'of', 'in', 'on', 'for', 'to', 'and', 'or', 'with', 'via', 'by', 'at', 'from', 'as', 'into', 'that', 'which', 'who', 'but', 'than', 'not', 'also', 'it', 'its', 'this']);

const NL = 10;

function isBlankUnit(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0;
}

function isMarkup(c: number): boolean {
  return c === 42 || c === 95 || c === 126 || c === 34 || c === 39 || c === 0x201c || c === 0x201d || c === 0x2018 || c === 0x2019 || c === 40 || c === 91;
}

function isLetterOrDigit(c: number): boolean {
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return /[\p{L}\p{N}]/u.test(String.fromCharCode(c));
}

/** The word ending before `end` (past blanks and markup, at most 8 units), lower-cased, at most 16 letters, no further back than `limit`. */
function wordBefore(text: string, end: number, limit: number): { word: string; start: number } | undefined {
  let k = end - 1;
  const skipLimit = Math.max(limit, end - 8);
  while (k >= skipLimit && (isBlankUnit(text.charCodeAt(k)) || isMarkup(text.charCodeAt(k)))) k--;
  if (k < skipLimit || !isLetterOrDigit(text.charCodeAt(k))) {
    lookAroundWork.steps += end - k;
    return undefined;
  }
  let s = k;
  const stop = Math.max(limit, k - 16);
  while (s > stop && isLetterOrDigit(text.charCodeAt(s - 1))) s--;
  lookAroundWork.steps += end - s;
  return { word: text.slice(s, k + 1).toLowerCase(), start: s };
}

/** Up to `count` lower-cased words after `at`, within 64 units, up to a sentence's end; punctuation between words skipped. */
function wordsAfter(text: string, at: number, count: number): string[] {
  const words: string[] = [];
  const limit = Math.min(text.length, at + 64);
  let k = at;
  while (k < limit && words.length < count) {
    const c = text.charCodeAt(k);
    if (c === NL || c === 46 || c === 33 || c === 63 || c === 59) break;
    if (!isLetterOrDigit(c)) {
      k++;
      continue;
    }
    const s = k;
    while (k < limit && isLetterOrDigit(text.charCodeAt(k))) k++;
    words.push(text.slice(s, k).toLowerCase());
  }
  lookAroundWork.steps += k - at;
  return words;
}


/** Whether text[.., k] ends with `word` (lower case), case-insensitively, as a whole word. */
function endsWithWord(text: string, k: number, word: string): boolean {
  const s = k - word.length + 1;
  if (s < 0) return false;
  for (let i = 0; i < word.length; i++) if ((text.charCodeAt(s + i) | 32) !== word.charCodeAt(i)) return false;
  return s === 0 || !isLetterOrDigit(text.charCodeAt(s - 1));
}

/**
 * Where the word before `start` ends: blanks and markup skipped, at most 8 units back (and not
 * before `limit`); -1 when no word ends there.
 */
function wordEndBefore(text: string, start: number, limit: number): number {
  let k = start - 1;
  const skipLimit = Math.max(limit, start - 8);
  while (k >= skipLimit && (isBlankUnit(text.charCodeAt(k)) || isMarkup(text.charCodeAt(k)))) k--;
  lookAroundWork.steps += start - k;
  return k < skipLimit ? -1 : k;
}

/**
 * Whether the word ending at `k` is "other" or an adjective of otherness ("different", "distinct",
 * "unrelated", "separate"). Each word by its last letter: most words before a name end otherwise.
 */
function endsWithOthernessWord(text: string, k: number): boolean {
  switch (text.charCodeAt(k) | 32) {
    case 114 /* r */:
      return endsWithWord(text, k, 'other');
    case 116 /* t */:
      return endsWithWord(text, k, 'different') || endsWithWord(text, k, 'distinct');
    case 100 /* d */:
      return endsWithWord(text, k, 'unrelated');
    case 101 /* e */:
      return endsWithWord(text, k, 'separate');
    default:
      return false;
  }
}

/**
 * Whether the word before `start` is one a denial reads there — "other", an adjective of
 * otherness, "the" after "not", a possessive "'s" — compared in place: this look is made for every plain name, and
 * most of them then read no word back (no string is made).
 */
function mayEndDenyingWord(text: string, start: number, limit: number): boolean {
  const k = wordEndBefore(text, start, limit);
  if (k < 0) return false;
  const last = text.charCodeAt(k) | 32;
  if (last === 115 /* s */) return k > 0 && (text.charCodeAt(k - 1) === 39 || text.charCodeAt(k - 1) === 0x2019);
  if (endsWithOthernessWord(text, k)) return true;
  // "the" only after "not" ("not the Foo paper"): "the Foo" is how most names are written, so
  // "the" is compared once, not after every other word.
  if (last !== 101 /* e */ || !endsWithWord(text, k, 'the')) return false;
  let j = k - 3;
  while (j >= limit && isBlankUnit(text.charCodeAt(j))) j--;
  lookAroundWork.steps += k - 3 - j;
  return endsWithWord(text, j, 'not');
}

/**
 * For a name that needs evidence: whether the word before `start` (as wordBefore reads it) is one
 * that may start a denial — "other", an adjective of otherness, "the" — compared in place. Its
 * possessive need not be read: such a name reads nouns before its verb anyway. (wordBefore's string
 * was made for every such name before.)
 */
function mayBeDenyingWordBefore(text: string, start: number, limit: number): boolean {
  const k = wordEndBefore(text, start, limit);
  return k >= 0 && (endsWithOthernessWord(text, k) || endsWithWord(text, k, 'the'));
}

/** Whether "is", "was", "are" or "has" (any case) is among the first `count` words wordsAfter(text, at, …) reads. */
function copulaAmong(text: string, at: number, count: number): boolean {
  const limit = Math.min(text.length, at + 64);
  let k = at;
  let found = false;
  for (let n = 0; k < limit && n < count && !found; ) {
    const c = text.charCodeAt(k);
    if (c === NL || c === 46 || c === 33 || c === 63 || c === 59) break;
    if (!isLetterOrDigit(c)) {
      k++;
      continue;
    }
    const s = k;
    while (k < limit && isLetterOrDigit(text.charCodeAt(k))) k++;
    n++;
    const length = k - s;
    const a = text.charCodeAt(s) | 32;
    if (length === 2) found = a === 105 && (text.charCodeAt(s + 1) | 32) === 115;
    else if (length === 3 && (a === 119 || a === 97 || a === 104)) {
      const b = text.charCodeAt(s + 1) | 32;
      const e = text.charCodeAt(s + 2) | 32;
      found = (a === 119 && b === 97 && e === 115) || (a === 97 && b === 114 && e === 101) || (a === 104 && b === 97 && e === 115);
    }
  }
  lookAroundWork.steps += k - at;
  return found;
}

/** Whether a blank and "is ", "was ", "are " or "has " follow `at`: the one look made after every plain name. */
function verbFollows(text: string, at: number): boolean {
  if (!isBlankUnit(text.charCodeAt(at))) return false;
  const a = text.charCodeAt(at + 1);
  if (a === 105 /* i */) return text.charCodeAt(at + 2) === 115 && isBlankUnit(text.charCodeAt(at + 3));
  if (a !== 119 /* w */ && a !== 97 /* a */ && a !== 104 /* h */) return false;
  return (text.startsWith('was', at + 1) || text.startsWith('are', at + 1) || text.startsWith('has', at + 1)) && isBlankUnit(text.charCodeAt(at + 4));
}

/** The words a denial's predicate may start with, right after "is", "was", "are" or "has" (deniedByPredicate). */
const PREDICATE_STARTS = new Set(['a', 'an', 'the', ...INTENSIFIERS, ...OTHER_ADJECTIVES, 'unrelated', 'not', 'nothing']);

/**
 * Whether denialAround(text, start, end, ambiguous, false) may find a denial of a plain name: the
 * word before is one a denial reads there, or a copula follows with a word a denial's predicate
 * starts with ("Foo is a …", "Foo is not …", "Foo has nothing …"). The test made for every plain name
 * (4,400 on the 1 MB bench note; a handful pass), so the common cases make no string: it read
 * the two words after every "Foo is" and "Foo has" before (0.3 ms CPU of the scan together with the
 * per-letter dispatch in mayEndDenyingWord).
 */
export function mayDenyPlain(text: string, start: number, end: number): boolean {
  if (mayEndDenyingWord(text, start, Math.max(0, start - 40))) return true;
  const at = text.charCodeAt(end) === 39 || text.charCodeAt(end) === 0x2019 ? end + 2 : end;
  if (!verbFollows(text, at)) return false;
  const words = wordsAfter(text, at, 2);
  return words.length === 2 && PREDICATE_STARTS.has(words[1]);
}

/** "is a different project", "is unrelated", "is not the paper" (and "is also a planet" when `risky`), from the words after the copula. */
function deniedByPredicate(rest: readonly string[], risky: boolean): string | undefined {
  let r = 0;
  if (rest[r] === 'a' || rest[r] === 'an' || rest[r] === 'the') r++;
  if (INTENSIFIERS.has(rest[r])) r++;
  if (OTHER_ADJECTIVES.has(rest[r]) && IDENTITY_NOUNS.has(rest[r + 1])) return `"is ${rest.slice(0, r + 2).join(' ')}"`;
  if (rest[0] === 'unrelated') return '"is unrelated"';
  if (rest[0] === 'not' && rest[1] === 'the' && (rest[2] === 'paper' || rest[2] === 'one')) return '"is not the paper"';
  // "Foo is also a planet": a second sense — said of a name that has one. ("also known as" and
  // "also called" give another name of the same thing.)
  if (risky && rest[0] === 'also' && (rest[1] === 'a' || rest[1] === 'an') && rest[2] !== 'known' && rest[2] !== 'called') return '"is also a …"';
  return undefined;
}

/**
 * The denial of the paper that the text right around the name at [start, end) makes, quoted, or
 * undefined. `ambiguous`: the name is two papers'; `risky`: it needs evidence, so it has another
 * sense — then a few nouns may stand between it and its verb, and "not the paper" is looked for a
 * little further on. For other names the usual case — a blank and a verb after the name — costs a
 * look at two words before and four units after.
 */
export function denialAround(text: string, start: number, end: number, ambiguous: boolean, risky: boolean): string | undefined {
  const backLimit = Math.max(0, start - 40);
  const w1 = (risky ? mayBeDenyingWordBefore(text, start, backLimit) : mayEndDenyingWord(text, start, backLimit)) ? wordBefore(text, start, backLimit) : undefined;
  let possessive = false;
  if (w1) {
    // The word before that matters only after "other", an adjective of otherness or "the": read
    // it only then (this look is made for every plain name).
    const w2 = w1.word === 'other' || w1.word === 'the' || OTHER_ADJECTIVES.has(w1.word) ? wordBefore(text, w1.start, backLimit) : undefined;
    if (w1.word === 'other' && w2?.word === 'the' && !ambiguous) return '"the other …"';
    if (OTHER_ADJECTIVES.has(w1.word) && w2 && (w2.word === 'a' || w2.word === 'an' || w2.word === 'the' || INTENSIFIERS.has(w2.word))) return `"${w2.word} ${w1.word} …"`;
    if (w1.word === 'the' && w2?.word === 'not') {
      const next = wordsAfter(text, end, 1);
      if (next.length && IDENTITY_NOUNS.has(next[0])) return '"not the … paper"';
    }
    // "Meta's Foo library is …": a name used as a modifier has nouns before its verb.
    possessive = w1.word === 's' && w1.start > 0 && (text.charCodeAt(w1.start - 1) === 39 || text.charCodeAt(w1.start - 1) === 0x2019);
  }
  const at = text.charCodeAt(end) === 39 || text.charCodeAt(end) === 0x2019 ? end + 2 : end;
  const nouns = possessive || risky;
  if (!nouns && !verbFollows(text, at)) return undefined;
  // The words are read (as strings) only when a copula or "has" is among the first the loop reads.
  const words = nouns && !copulaAmong(text, at, 4) ? [] : wordsAfter(text, at, 8);
  for (let i = 0; i < Math.min(words.length, nouns ? 4 : 1); i++) {
    const w = words[i];
    if (w === 'is' || w === 'was' || w === 'are') {
      const denied = deniedByPredicate(words.slice(i + 1), risky);
      if (denied) return denied;
      break;
    }
    if (w === 'has' && words[i + 1] === 'nothing' && words[i + 2] === 'to' && words[i + 3] === 'do') return '"has nothing to do with"';
    if (FUNCTION_WORDS.has(w) || !/^\p{Ll}+$/u.test(w)) break;
  }
  if (!risky) return undefined;
  // "Foo (a chess engine, not the paper)", "Foo — not the paper": soon after the name, in its sentence.
  const limit = Math.min(text.length, end + DENIAL_REACH);
  let k = end;
  for (; k < limit; k++) {
    const ch = text.charCodeAt(k);
    if (ch === NL || ((ch === 46 || ch === 33 || ch === 63) && isBlankUnit(text.charCodeAt(k + 1)))) break;
    if ((ch === 110 || ch === 78) && !isLetterOrDigit(text.charCodeAt(k - 1)) && text.startsWith('ot the ', k + 1) && (text.startsWith('paper', k + 8) || text.startsWith('one', k + 8))) {
      lookAroundWork.steps += k - end;
      return '"not the paper"';
    }
  }
  lookAroundWork.steps += k - end;
  return undefined;
}
