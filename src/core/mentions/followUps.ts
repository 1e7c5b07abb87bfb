// Follow-up names: "Foo-2", "Foo-v3", "Foo-R", "Foo-R1", "Foo-II", "Foo-Next", "Foo++". A suffix
// like these makes a new name — the next work of Foo's authors or somebody else's — where a size
// ("Yi-34B-200K"), a variant word ("LWM-Chat", "Yi-VL") or a point release ("Dolphin-2.9",
// "LoopLoRA-v1.1") only says which checkpoint or release of the same model or code is meant.
//
// The rule, general rather than per name: a suffix that *counts generations* (a whole number from 2,
// with or without "v"; a roman numeral; "Next"; "++") or *tags a successor* (one capital letter,
// alone or with a number: "R", "X", "R1") names another work. Sizes, variant words and dotted
// releases describe the same one. So "Foo-2" is not Foo's paper unless the text attaches Foo's own
// link, DOI or title to it (structure.ts); "Foo-7B" and "Foo-Chat" are Foo's model, as before.
//
// Single capitals that are sizes ("ViT-S", "ViT-L": small, large, base, huge, giant, tiny, medium)
// are not tags: the scanner leaves them as it did (no mention), since they are neither the model
// nor another work for certain.
import { isWordAt } from './chars';

/** Capitals that size a model ("-S", "-B", "-L", "-H", "-G", "-T", "-M"): not a successor's tag. */
const SIZE_LETTERS = new Set(['S', 'B', 'L', 'H', 'G', 'T', 'M']);
/** Words that name a successor. */
const SUCCESSOR_WORDS = new Set(['next', 'ng']);

/**
 * Whether a suffix word after a name's joiner ("2", "v3", "R", "R1", "II", "Next") makes a
 * follow-up's name. "1", "v1" and dotted versions ("2.0", "v1.1") are releases of the same work.
 */
export function isFollowUpWord(word: string): boolean {
  const n = word.length;
  if (n === 0 || n > 5) return false;
  if (/^[vV]?(?:[2-9]|[1-9]\d)$/.test(word)) return true;
  if (/^\p{Lu}$/u.test(word)) return !SIZE_LETTERS.has(word);
  if (/^\p{Lu}\d{1,2}$/u.test(word)) return true;
  // Roman numerals are written in capitals ("Foo-II"); "Next" and "NG" in any case.
  if (/^(?:II|III|IV|VI|VII|VIII|IX)$/.test(word)) return true;
  return SUCCESSOR_WORDS.has(word.toLowerCase());
}

/**
 * End of a "++" right after a name ending at `end` ("Foo++"), or −1: two pluses, then no word
 * character and no third plus ("C+++" is no name).
 */
export function plusPlusEnd(text: string, end: number): number {
  if (text.charCodeAt(end) !== 43 || text.charCodeAt(end + 1) !== 43) return -1;
  const after = end + 2;
  if (text.charCodeAt(after) === 43 || isWordAt(text, after)) return -1;
  return after;
}
