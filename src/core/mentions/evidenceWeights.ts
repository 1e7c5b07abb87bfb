// The weights of context evidence and the thresholds it must reach: one scale, on which a sentence
// word a paper's title uses and few other papers do is worth up to MAX_TERM. Each says why it has
// its value and, measured on the dev notes (npm run eval:mentions, precision / recall now 1.000 /
// 0.989), the range it can move over with nothing else changed before either drops.
import type { EvidenceNeed } from './names';

/** Evidence a match needs, by how risky its name is (see names.ts). */
export const THRESHOLD: Record<EvidenceNeed, number> = { none: 0, low: 2.5, medium: 5, high: 7 };

/** Another name of the same paper in the sentence. */
export const SAME_PAPER = 10;
/** A model-size or version suffix on the name: "Yi-34B-200K", "IRanker-3B". */
export const SIZE_SUFFIX = 10;
/** A variant word suffix: "LWM-Chat", "Yi-VL" — a model name, though the word alone proves less than a size. */
export const WORD_SUFFIX = 5;
/** A version suffix alone ("Dolphin-2.9" is another family's model): a hint, not proof. */
export const VERSION_SUFFIX = 3;
/** A co-mentioned paper cites this one by this name, or is cited by it: "ATLAS beats Titans". */
export const CITATION = 5;
/**
 * A multi-word name written in Title Case after a lower-case word ("does Squeezed Attention
 * compose…", "the Retrieval Head paper"): English capitalises proper nouns, so mid-sentence capitals
 * are what a low-risk phrase name needs; at a sentence start or in a Title Case heading they prove
 * nothing and earn nothing.
 */
export const PROPER_NOUN = 2.5;
/**
 * The sentence cites the paper by its first author ("Behrouz et al.", "Behrouz, 2025"): "a paper by
 * X" next to the name. A surname many papers share (Wang, Li) says a little less.
 */
export const AUTHOR_CITATION = 8;
export const COMMON_AUTHOR_CITATION = 6;
export const COMMON_SURNAME = 4;
/** A co-mentioned paper shares a topic. */
export const RELATED = 1;
export const MAX_RELATED = 2;
/** A technical token of the field (an acronym the corpus uses, a model size). */
export const FIELD_TOKEN = 1;
export const MAX_FIELD = 3;
/** One word can only say so much. */
export const MAX_TERM = 4.5;
/** A word of a competing sense's own expansion ("absolute" for Absolute Position Embedding). */
export const EXPANSION_WORD = 4;
/** Two consecutive words of the paper's title ("test-time compute"): a phrase is more specific than its words. */
export const TITLE_PHRASE = 2;
export const MAX_PHRASES = 6;
/** A word used by more than this share of the papers says nothing about any one of them. */
export const MAX_DF_SHARE = 0.3;
/** Title words count this many times their IDF: notes describe a paper in its title's words. */
export const TITLE_WORD = 2;
/**
 * An ambiguous name narrows to its best candidate when that one's evidence reaches THRESHOLD.medium
 * and outweighs the second's this many times (plus THRESHOLD.low), or when another of its names is
 * in the sentence and none of the other's.
 */
export const CLEAR_WIN_FACTOR = 2;
