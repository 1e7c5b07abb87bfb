// Turns what the user typed into clauses over index terms. A clause is one thing the user asked
// for ("kv", "needle in a haystack", "sequnce"); it is satisfied by any of its alternatives (the
// word itself, its acronym or spelled-out form, the word it completes to, the word it misspells).
// The ranker requires every required clause first and falls back to any of them.
//
// What each step is for:
//  - stop words never reach the index; question and request words ("papers", "find", "method")
//    stay as optional, light clauses, so a question is ranked on its content words;
//  - synonyms: "KV" also searches "key value", "needle in a haystack" also "NIAH";
//  - joins: "long lora" also searches "longlora", "multi modal" also "multimodal";
//  - CamelCase: "StreamingLLM" also searches "streaming" + "llm";
//  - the last word, while typed, also matches the words it starts (as-you-type);
//  - only a word the papers never use is corrected (typo) or split ("streamingllm") — correcting
//    known words would drown good matches in near-misses.
import { stem } from './stemmer';
import { QUERY_FILLER, SEARCH_STOP_WORDS as STOP_WORDS } from '../text/stopWords';
import { analyzedSynonymGroups } from './synonyms';
import { MAX_ANALYSED_LENGTH, normalizeText, words } from './text';
import type { Vocabulary } from './vocabulary';

export interface Alternative {
  /** Index terms that must all occur. */
  terms: string[];
  weight: number;
  /** How the match reads to a user: the query word, or the synonym / correction / completion. */
  label: string;
  /**
   * A typo correction with another word as close, or closer: perhaps not the word meant ("bread" →
   * read, broad, break). It still ranks, but a paper matching it does not match the query well.
   */
  uncertain?: boolean;
}

export interface Clause {
  alternatives: Alternative[];
  /** Required clauses decide the AND tier; optional ones only add score. */
  required: boolean;
  /** The query text this clause stands for. */
  label: string;
  /**
   * How much of what the query seeks this clause stands for, as an idf (see `informativeness`):
   * a paper matching clauses worth too small a share of the query matches it only weakly.
   */
  informativeness: number;
  /**
   * Its alternatives are one thing written several ways (an acronym and its spelled-out forms), so
   * the ranker gives them one idf, that of every paper using any of them (Ranker.scoreConcept).
   */
  concept?: boolean;
}

export interface QueryPlan {
  clauses: Clause[];
  /** The whole query as a name key ("Duo-Attention" → "duoattention"), for exact-name hits. */
  nameKey: string;
  /** Query words that matched nothing in any way (shown for diagnosis, ignored in ranking). */
  unknown: string[];
  /** The informativeness of the unknown words: no paper matches that part of the query. */
  unmatched: number;
}

export interface PlanOptions {
  /** The last word is still being typed: also match the words it starts. */
  prefix: boolean;
}

/**
 * Weights relative to the words as typed (1). An alternative's weight is also divided by its
 * number of terms and multiplied by the number of query words it stands for, so that "TTFT" and
 * "time to first token" weigh the same whichever of the two was typed: a spelled-out form must not
 * outscore its acronym just by having more words to match.
 */
export const WEIGHTS = {
  synonym: 0.8,
  pieces: 0.9,
  split: 0.8,
  /** Scaled further by how much of the completed word was typed. */
  prefix: 0.6,
  /** Scaled further by the word's length over length plus distance. */
  fuzzy: 0.6,
  filler: 0.25,
};

/**
 * A clause matched by at least this share of the library says little about what the query is for
 * ("context" and "model" in a library of long-context model papers): it is made optional when a
 * rarer clause is required, so it adds score but no longer decides the AND tier. Measured on the
 * dev queries, everything else as shipped: off → 0.920 nDCG@10 (questions 0.846); 0.2 → 0.923,
 * 0.3 → 0.928, 0.4 → 0.927, 0.5 → 0.929 (0.866), 0.6 and 0.7 → 0.924. 0.5 reads plainly: "in most
 * papers".
 */
export const COMMON_CLAUSE_SHARE = 0.5;

/** Beyond this many clauses a query is prose; the rest is ignored (the ranker keeps a bitmask). */
export const MAX_CLAUSES = 24;
const MAX_COMPLETIONS = 24;
const MIN_PREFIX_LENGTH = 2;
const MAX_CORRECTIONS = 3;

interface Token {
  surface: string;
  term: string;
  /** CamelCase pieces as index terms (empty when the segment has none). */
  pieces: string[];
  filler: boolean;
  /** The word being typed: the query's last, with no space after it. */
  open: boolean;
}

/** A name as a lookup key: letters and digits only, lowercase, after Unicode/LaTeX clean-up. */
export function nameKey(text: string): string {
  return normalizeText(text).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

function tokensOf(query: string, options: PlanOptions): Token[] {
  const text = normalizeText(query.slice(0, MAX_ANALYSED_LENGTH));
  const typing = options.prefix && !/\s$/.test(query);
  const ws = words(text);
  const tokens: Token[] = [];
  ws.forEach((w, wi) => {
    w.segments.forEach((surface, si) => {
      if (STOP_WORDS.has(surface)) return;
      const pieces = w.pieces[si].length > 1 ? w.pieces[si].filter(p => !STOP_WORDS.has(p)).map(stem) : [];
      tokens.push({
        surface,
        term: stem(surface),
        pieces,
        filler: w.segments.length === 1 && QUERY_FILLER.has(surface),
        open: typing && wi === ws.length - 1 && si === w.segments.length - 1,
      });
    });
  });
  return tokens;
}

/** The longest synonym phrase starting at tokens[i], as [group index, phrase index, length]. */
function synonymAt(tokens: Token[], i: number): [number, number, number] | undefined {
  let best: [number, number, number] | undefined;
  analyzedSynonymGroups().forEach((group, gi) => {
    group.forEach(({ terms }, pi) => {
      if (i + terms.length > tokens.length || (best && terms.length <= best[2])) return;
      for (let k = 0; k < terms.length; k++) if (tokens[i + k].term !== terms[k]) return;
      best = [gi, pi, terms.length];
    });
  });
  return best;
}

function singleClause(tok: Token, vocab: Vocabulary, unknown: string[]): Clause | undefined {
  const alternatives: Alternative[] = [];
  const add = (terms: string[], weight: number, label: string) => {
    if (!terms.length || !terms.every(t => vocab.hasTerm(t))) return;
    const key = terms.join(' ');
    const same = alternatives.find(a => a.terms.join(' ') === key);
    if (same) same.weight = Math.max(same.weight, weight);
    else alternatives.push({ terms, weight, label });
  };
  add([tok.term], 1, tok.surface);
  if (tok.pieces.length > 1) add(tok.pieces, WEIGHTS.pieces / tok.pieces.length, tok.surface);
  if (tok.open && tok.surface.length >= MIN_PREFIX_LENGTH) {
    for (const c of vocab.completions(tok.surface, MAX_COMPLETIONS)) {
      const typed = tok.surface.length / c.surface.length;
      add([c.term], WEIGHTS.prefix * (0.5 + 0.5 * typed), c.surface);
    }
  }
  if (!alternatives.length) {
    const split = bestSplit(tok.surface, vocab);
    if (split) add(split.map(s => vocab.termOf(s) as string), WEIGHTS.split / 2, split.join(' '));
    if (tok.surface.length >= 4 && !/\d/.test(tok.surface)) {
      const maxDistance = tok.surface.length >= 8 ? 2 : 1;
      const corrections = vocab.corrections(tok.surface, maxDistance, MAX_CORRECTIONS);
      // Only the one closest word (by index term: "sequence" and "sequences" are one) is surely what
      // was meant. Typos of the corpus's words of 5+ letters have a unique closest correction 80–99%
      // of the time (one edit each, 6,000 sampled); an ordinary word the corpus lacks rarely has
      // one close word only ("bread": read, broad, break).
      const closest = new Set(corrections.filter(c => c.distance === corrections[0].distance).map(c => c.term));
      const before = alternatives.length;
      for (const c of corrections) add([c.term], WEIGHTS.fuzzy * (tok.surface.length / (tok.surface.length + c.distance)), c.surface);
      for (const a of alternatives.slice(before)) if (closest.size > 1 || !closest.has(a.terms[0])) a.uncertain = true;
    }
  }
  if (!alternatives.length) {
    unknown.push(tok.surface);
    return undefined;
  }
  return { alternatives, required: !tok.filler, label: tok.surface, informativeness: tok.filler ? 0 : informativeness(alternatives, vocab) };
}

/** "streamingllm" → ["streaming", "llm"]: the split into two known words with the commonest rarer half. */
function bestSplit(surface: string, vocab: Vocabulary): [string, string] | undefined {
  let best: [string, string] | undefined;
  let bestScore = 0;
  for (let k = 2; k <= surface.length - 2; k++) {
    const left = surface.slice(0, k);
    const right = surface.slice(k);
    if (STOP_WORDS.has(left) || STOP_WORDS.has(right)) continue;
    const lt = vocab.termOf(left);
    const rt = vocab.termOf(right);
    if (!lt || !rt) continue;
    const score = Math.min(vocab.docFrequency(lt), vocab.docFrequency(rt));
    if (score > bestScore) {
      bestScore = score;
      best = [left, right];
    }
  }
  return best;
}

export function planQuery(query: string, vocab: Vocabulary, options: PlanOptions): QueryPlan {
  const tokens = tokensOf(query, options);
  const clauses: Clause[] = [];
  const unknown: string[] = [];
  let i = 0;
  while (i < tokens.length && clauses.length < MAX_CLAUSES) {
    const syn = synonymAt(tokens, i);
    if (syn) {
      const [gi, pi, len] = syn;
      const span = tokens.slice(i, i + len);
      const label = span.map(t => t.surface).join(' ');
      const alternatives: Alternative[] = analyzedSynonymGroups()[gi]
        .map(({ written, terms }, k) => ({ terms, weight: k === pi ? 1 : (WEIGHTS.synonym * len) / terms.length, label: k === pi ? label : written }))
        .filter(a => a.terms.every(t => vocab.hasTerm(t)));
      if (alternatives.length) clauses.push({ alternatives, required: true, label, concept: alternatives.length > 1, informativeness: informativeness(alternatives, vocab) });
      else unknown.push(label);
      i += len;
      continue;
    }
    const tok = tokens[i];
    const next = tokens[i + 1];
    if (next && !tok.filler && !next.filler) {
      const joined = vocab.termOf(tok.surface + next.surface);
      if (joined) {
        // The joined spelling is the same thing as the two words, but a rarer spelling: its idf
        // would make "context-length" outscore "context length" ten to one. Its weight is capped
        // at the two words' combined idf, so a name (longlora: both rare) keeps its full weight
        // and a hyphenated phrase (contextlength: both common) gets no more than the words do.
        const weight = Math.min(1, (vocab.idf(tok.term) + vocab.idf(next.term)) / vocab.idf(joined));
        const alternatives: Alternative[] = [{ terms: [joined], weight, label: tok.surface + next.surface }];
        if (vocab.hasTerm(tok.term) && vocab.hasTerm(next.term)) alternatives.push({ terms: [tok.term, next.term], weight: 1, label: `${tok.surface} ${next.surface}` });
        clauses.push({ alternatives, required: true, label: `${tok.surface} ${next.surface}`, informativeness: informativeness(alternatives, vocab) });
        i += 2;
        continue;
      }
    }
    const clause = singleClause(tok, vocab, unknown);
    if (clause) clauses.push(clause);
    i++;
  }
  relaxCommonClauses(clauses, vocab);
  return { clauses, nameKey: nameKey(query.slice(0, MAX_ANALYSED_LENGTH)), unknown, unmatched: unknown.length * unknownIdf(vocab) };
}

/**
 * How telling a clause is of what the query seeks: the idf of its commonest sure alternative (each
 * counted by its rarest term), so a word most papers use says little and a rare one much. A clause
 * whose only matches are uncertain corrections counts as a word no paper uses: the most telling,
 * and matched by none.
 */
function informativeness(alternatives: readonly Alternative[], vocab: Vocabulary): number {
  let idf = Infinity;
  for (const a of alternatives) if (!a.uncertain) idf = Math.min(idf, Math.max(...a.terms.map(t => vocab.idf(t))));
  return idf === Infinity ? unknownIdf(vocab) : idf;
}

/** A word no paper uses is as telling as the rarest word there is, one a single paper uses. */
function unknownIdf(vocab: Vocabulary): number {
  return Math.log(1 + Math.max(1, vocab.documentCount));
}

/**
 * The share of documents a clause matches, estimated from below: its most common alternative,
 * each alternative counted by its rarest term (all of an alternative's terms must occur).
 */
function clauseShare(clause: Clause, vocab: Vocabulary): number {
  const docs = Math.max(1, vocab.documentCount);
  return Math.max(...clause.alternatives.map(a => Math.min(...a.terms.map(t => vocab.docFrequency(t))))) / docs;
}

/** Makes common required clauses optional when a rarer one stays required (COMMON_CLAUSE_SHARE). */
function relaxCommonClauses(clauses: Clause[], vocab: Vocabulary): void {
  const common = clauses.filter(c => c.required && clauseShare(c, vocab) >= COMMON_CLAUSE_SHARE);
  if (!common.length || common.length === clauses.filter(c => c.required).length) return;
  for (const c of common) c.required = false;
}
