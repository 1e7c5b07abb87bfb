// The weights of context evidence and the thresholds it must reach, on one scale: a sentence word
// that a paper's title uses and few other papers do is worth up to MAX_TERM; a name needs
// THRESHOLD[need]. The single signals are set against the thresholds — CITATION and WORD_SUFFIX
// prove a medium-risk name alone, SIZE_SUFFIX, SAME_PAPER and AUTHOR_CITATION any name, PROPER_NOUN
// a low-risk one — and the weak ones (RELATED, FIELD_TOKEN, a word) only add up.
//
// Margins, measured by moving one value with everything else as shipped:
// - "dev": the range over which the dev notes (npm run eval:mentions) keep precision 1.000 and
//   recall ≥ 0.989, and what leaving it costs. The 15 notes exercise few of these signals, so
//   most ranges are wide; a few values also find the one dev miss (the ambiguous "Giraffe
//   extends context") — each of those breaks a unit test and is not taken.
// - "tests": the range over which the mention unit tests also pass (mentionsSignals.test.ts pins
//   each signal to its purpose on invented papers), and the test that fails first outside it.

import type { EvidenceNeed } from './names';

/**
 * Evidence a match needs, by how risky its name is (see names.ts).
 * - low (multi-word names that are also phrases, distinctive names spelt like prose): one good
 *   word, or Title Case mid-sentence. Dev 0–7.5 (recall 0.978 at 12.5); tests 1.25–2.5 (at 2.75
 *   Title Case alone no longer proves "Pressed Attention"; at 0 prose spelling needs nothing).
 * - medium (one-word strict names: "Titans", "Dolphin"): two distinctive words, a citing paper or
 *   a variant suffix. Dev 2.5–15 (precision 0.989 at 0, recall 0.967 at 25; 2.5–4.5 recall 1.000,
 *   but then one title word proves a name, and "a squib … the Squib show" is taken); tests pin
 *   it at 5, the value the single signals are set against.
 * - high (two to four letters: "Yi", "M1", "APE"): more than a variant word or a common surname's
 *   citation. Dev 5.6–10.5 (precision 0.989 at 3.5, recall 0.967 at 14); tests 6.3–7.7 (between
 *   COMMON_AUTHOR_CITATION and AUTHOR_CITATION).
 */
export const THRESHOLD: Record<EvidenceNeed, number> = { none: 0, low: 2.5, medium: 5, high: 7 };

/**
 * Another name of the same paper in the sentence, a link to it (its arXiv id), or a gloss that
 * spells out its own name: near proof, above the high threshold alone. Also the score from which
 * one candidate of an ambiguous name is decisive. Dev 0–50; tests 8–50 (at 5 "TDW, also known as
 * Temporal Dynamic Windows" is lost).
 */
export const SAME_PAPER = 10;
/**
 * A model-size suffix ("Yi-34B-200K", "IRanker-3B"): a name with a size is a model's; proof for
 * any name. Dev 5–50 (recall 0.978 at 0); tests 8–50 (at 5 "Yo-7B" alone is lost).
 */
export const SIZE_SUFFIX = 10;
/**
 * A variant word suffix ("LWM-Chat", "Yi-VL"): a model name, but the word proves less than a
 * size — a medium name, not a high one. Dev 0–25; tests 5–6.25 (at 4.5 "Plover-Chat" is lost, at
 * 7.5 "Yo-Chat" is taken).
 */
export const WORD_SUFFIX = 5;
/**
 * A version suffix alone ("Dolphin-2.9" is another family's model): a hint, below the medium
 * threshold. Dev 0–15; tests 0–4.5 (at 6 "Squib-2.9" alone is taken).
 */
export const VERSION_SUFFIX = 3;
/**
 * A co-mentioned paper cites this one by this name, or is cited by it ("ATLAS beats Titans"):
 * proof for a medium name. Dev 0–25 (no dev note needs it); tests 5–25 (at 4.5 a citing paper no
 * longer vouches, in the sentence or on the line).
 */
export const CITATION = 5;
/**
 * A multi-word name written in Title Case after a lower-case word ("does Squeezed Attention
 * compose…", "the Retrieval Head paper"): English capitalises proper nouns, so mid-sentence
 * capitals are what a low-risk phrase name needs (THRESHOLD.low); at a sentence start or in a Title
 * Case heading they prove nothing and earn nothing. Dev 0–12.5; tests 2.5–12.5.
 */
export const PROPER_NOUN = 2.5;
/**
 * The sentence cites the paper by its first author ("Behrouz et al.", "Behrouz, 2025"): proof for
 * any name. Dev 0–40; tests 7.2–40 (at 6.4 "Ko (Okafor et al., 2025)" is lost).
 */
export const AUTHOR_CITATION = 8;
/**
 * The same by a surname COMMON_SURNAME or more papers share (Wang, Li): it may be another Wang —
 * proof for a medium name, not a high one. Dev 0–30; tests 0–6.6 (at 7.5 "Yo (Wang et al.)" is taken).
 */
export const COMMON_AUTHOR_CITATION = 6;
/**
 * In the bundled corpus six surnames have 4 to 11 papers (Wang 11, Li 10, Chen 7, Yang 6, Liu 6,
 * Wu 4) and the rest 3 at most: 4 splits them. Dev 0–50; tests 2–4 (the test library has four Wangs).
 */
export const COMMON_SURNAME = 4;
/**
 * A co-mentioned paper shares a topic: the field talking, weakly — two such papers add what one
 * middling word does, never more. RELATED: dev 0–5, tests 0.8–1.5 (at 0.5 two no longer lift
 * "Plover replays", at 2 one does); MAX_RELATED: dev 0–50, tests 2–50.
 */
export const RELATED = 1;
export const MAX_RELATED = 2;
/**
 * A technical token of the field (an acronym the corpus uses, a model size) in the sentence, for
 * every candidate alike. FIELD_TOKEN: dev 0–5, tests 0.8–1.5; MAX_FIELD: dev 0–50, tests 2–3 (at 4,
 * four tokens lift a sentence with one weak word).
 */
export const FIELD_TOKEN = 1;
export const MAX_FIELD = 3;
/**
 * One word can only say so much: less than the medium threshold, so a single word never proves a
 * one-word strict name. Dev 2.25–22.5 (recall 0.902 at 0); tests 3.6–4.95 (at 5.6 one title word
 * proves "Squib" next to "a squib").
 */
export const MAX_TERM = 4.5;
/**
 * A word of a competing sense's own expansion ("absolute" for Absolute Position Embedding), on top
 * of its weight as a word of that paper. Dev 0–20; tests 3.2–20 (at 2 "CAP is a policy that reuses
 * prefixes" is taken for the cache-aware prefill).
 */
export const EXPANSION_WORD = 4;
/**
 * Two consecutive words of the paper's title ("test-time compute"): a phrase is more specific than
 * its words. TITLE_PHRASE: dev 1–10 (recall 0.967 at 0); tests 1.6–10 (at 1 "Giraffe … about
 * extending the context length" is no longer found). MAX_PHRASES: dev 1–50, tests 3–50.
 */
export const TITLE_PHRASE = 2;
export const MAX_PHRASES = 6;
/**
 * A word used by more than this share of the papers ("context", "models") says nothing about any
 * one of them (applied from eight papers up). Dev 0.15–1 (recall 0.967 at 0.1); tests 0.3–1 (at
 * 0.25 "Giraffe … about extending the context length" is no longer found).
 */
export const MAX_DF_SHARE = 0.3;
/**
 * Title words count this many times their IDF: notes describe a paper in its title's words. Dev
 * 1–10 (recall 0.957 at 0); tests 1.8–2.2 (the invented ordering and topic cases are sized on it).
 */
export const TITLE_WORD = 2;
/**
 * An ambiguous name narrows to its best candidate when that one's own evidence reaches
 * THRESHOLD.medium and outweighs the second's this many times (plus THRESHOLD.low), or when it
 * reaches SAME_PAPER and the second does not. Dev 0–10; tests 1.6–10 (at 1 "Giraffe … extending
 * the context length" narrows to one Giraffe).
 */
export const CLEAR_WIN_FACTOR = 2;
/**
 * Ordering only: among the candidates of an ambiguous name, the ones whose own short name is spelt
 * letter for letter as written ("Giraffe" for "Giraffe: Adventures in Expanding Context Lengths in
 * LLMs", not for "GIRAFFE: Design Choices …") come first by this much more evidence. It never
 * decides whether a name is a mention (the animal is capitalised too) nor narrows to one paper.
 * As much as a phrase of the title (TITLE_PHRASE): the writer used the name as that paper's title
 * writes it. It outweighs what one shared word's title weight gives another candidate (at most
 * MAX_TERM / 2) but not one distinctive word. Measured: "Giraffe extends context to 32k with a
 * modified RoPE." scored 7.49 (vision) against 7.03, a margin of 0.46 — the vision paper's title
 * doubles "extend"; ordered 9.03 against 7.49. Dev notes and both reading lists are the same at 0,
 * 2 and 20; the unit tests hold from 1.31 (the vision Kestrel's lead of 1.30 on a shared title
 * word) to 4.88 (its lead of 4.89 on words only it uses).
 */
export const OWN_SPELLING = 2;
/**
 * Structure (structure.ts): another paper's arXiv link, DOI or title attached to the name — the
 * link whose text holds it, the link right after it or its title, its table row's links — or the
 * name inside another paper's title ("RazorAttention: … Through Retrieval Heads"): near proof that
 * it is not this paper, as the name's own link is near proof that it is (SAME_PAPER, which an own
 * attachment earns). For a name that needs no evidence only a settling attachment counts, and it
 * vetoes (structure.ts says which); this weight is for the names weighed on evidence. Measured:
 * dev notes hold at any value from 3 to 20; the KV-Cache-Management list needs more than 8 (at 8
 * its line 140 is a false alarm again), the Compression list more than 3, the unit tests more than
 * 5. A thin margin below; none found above (20 holds everywhere). It is a weight, not a veto: a
 * sentence holding many of the paper's own abstract words (scores of 12–15 in the unit tests'
 * library) can still outweigh it.
 */
export const ATTACHED_ELSEWHERE = 10;
/**
 * A denial right at the name ("the other Foo", "Foo is a different project", "Foo (…, not the
 * paper)", denials.ts): what the note says outright outweighs what its words suggest. Shared by
 * every candidate of the name. Measured: dev notes, both lists and the unit tests hold at any value
 * from 1 to 20 (their denied names have a few words of evidence at most, ~5); 10 matches
 * ATTACHED_ELSEWHERE, so a denial weighs as much as another paper's link.
 */
export const DENIED = 10;
