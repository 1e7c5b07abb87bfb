// Finds every mention of a paper in a text in one pass: a trie over the normalised names is walked
// from each word start; word boundaries, compounds, case rules and variant suffixes decide which
// matches are names; names that are also ordinary words or other things must then find evidence in
// their sentence (evidence.ts). Offsets are UTF-16 code units, as editors count them.
import type { Paper } from '../model';
import { NameTrie, type TrieHit } from './automaton';
import { isJoiner, isWordAt, wordChars } from './chars';
import { contextWindow } from './context';
import { type CoMention, PaperVocabulary, SAME_PAPER, SIZE_SUFFIX, THRESHOLD, WORD_SUFFIX } from './evidence';
import { type EvidenceNeed, type NameForm, nameForms, WORDS_FOR_TITLE_WITHOUT_EVIDENCE } from './names';

export interface Mention {
  /** UTF-16 offset of the first code unit. */
  start: number;
  /** UTF-16 offset after the last code unit. */
  end: number;
  /** `text.slice(start, end)`. */
  text: string;
  /** Paper ids, best first. */
  papers: string[];
  /** Several papers remain candidates. */
  ambiguous: boolean;
}

/** Why a match was kept or dropped: for the evaluation report, tests and tuning. */
export interface MentionTrace {
  start: number;
  end: number;
  text: string;
  need: EvidenceNeed;
  scores: { paper: string; score: number }[];
  foreign: number;
  accepted: boolean;
}

type SuffixKind = 'none' | 'size' | 'word';

interface Candidate {
  start: number;
  /** End of the name itself. */
  nameEnd: number;
  /** End including a model-variant suffix ("Yi" + "-34B-200K"). */
  end: number;
  /** Forms whose case rule the text meets, exact-case ones first. */
  forms: NameForm[];
  /** Distinct papers of `forms`, in order. */
  papers: number[];
  need: EvidenceNeed;
  suffix: SuffixKind;
  /** Shorter matches at the same start, longest first, in case this one lacks evidence. */
  fallbacks: Candidate[];
}

const NEED_ORDER: EvidenceNeed[] = ['none', 'low', 'medium', 'high'];

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

function isSizeOrVersion(word: string): boolean {
  return /^\d+(?:\.\d+)?[kKmMbBtT]$/.test(word) || /^[vV]?\d+(?:\.\d+)*$/.test(word);
}

function maxNeed(a: EvidenceNeed, b: EvidenceNeed): EvidenceNeed {
  return NEED_ORDER.indexOf(a) >= NEED_ORDER.indexOf(b) ? a : b;
}

function wordEnd(text: string, i: number): number {
  let j = i;
  while (j < text.length && isWordAt(text, j)) j++;
  return j;
}

export class MentionDetector {
  private readonly papers: readonly Paper[];
  private readonly trie = new NameTrie<NameForm>();
  private readonly vocabulary: PaperVocabulary;
  private readonly hits: TrieHit[] = [];

  constructor(papers: readonly Paper[]) {
    this.papers = Array.isArray(papers) ? papers.filter(p => p && typeof p.id === 'string') : [];
    const forms = nameForms(this.papers);
    for (const f of forms) this.trie.add(f.name, f);
    this.vocabulary = new PaperVocabulary(this.papers, forms);
  }

  /** Number of trie nodes: a measure of the automaton's size. */
  get automatonSize(): number {
    return this.trie.size;
  }

  detect(text: string): Mention[] {
    return this.run(text).mentions;
  }

  /** `detect` with the reasons for every match that needed evidence. */
  trace(text: string): MentionTrace[] {
    return this.run(text, true).traces;
  }

  /** The mention covering `offset` (start ≤ offset < end), by binary search over sorted mentions. */
  mentionAt(mentions: readonly Mention[], offset: number): Mention | undefined {
    let lo = 0;
    let hi = mentions.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const m = mentions[mid];
      if (offset < m.start) hi = mid - 1;
      else if (offset >= m.end) lo = mid + 1;
      else return m;
    }
    return undefined;
  }

  private run(text: string, withTrace = false): { mentions: Mention[]; traces: MentionTrace[] } {
    const traces: MentionTrace[] = [];
    if (typeof text !== 'string' || !text) return { mentions: [], traces };
    const candidates = this.scan(text);
    const mentions: Mention[] = [];
    for (let ci = 0; ci < candidates.length; ci++) {
      let c: Candidate | undefined = candidates[ci];
      let papers: number[] | undefined;
      while (c) {
        papers = this.resolve(text, c, candidates, ci, withTrace ? traces : undefined);
        if (papers) break;
        c = c.fallbacks.shift();
      }
      if (!c || !papers) continue;
      mentions.push({
        start: c.start,
        end: c.end,
        text: text.slice(c.start, c.end),
        papers: papers.map(p => this.papers[p].id),
        ambiguous: papers.length > 1,
      });
    }
    return { mentions, traces };
  }

  /** Phase one: every name match with valid boundaries and case, leftmost-longest. */
  private scan(text: string): Candidate[] {
    const out: Candidate[] = [];
    const n = text.length;
    const hits = this.hits;
    let i = 0;
    while (i < n) {
      if (!isWordAt(text, i)) {
        i++;
        continue;
      }
      const tokenEnd = wordEnd(text, i);
      if (this.validStart(text, i)) {
        this.trie.walk(text, i, hits);
        if (hits.length) {
          const c = this.candidateAt(text, i, hits);
          if (c) {
            out.push(c);
            i = Math.max(tokenEnd, c.end);
            continue;
          }
        }
      }
      i = tokenEnd;
    }
    return out;
  }

  /** A name starts a word, and not the second half of a hyphen compound ("LEval" in "Ada-LEval"). */
  private validStart(text: string, i: number): boolean {
    if (i === 0) return true;
    const p = text.charCodeAt(i - 1);
    if (isJoiner(p) && isWordAt(text, i - 2)) return false;
    // The second half of a surrogate pair, or a mark, is inside a word.
    return !isWordAt(text, i - 1);
  }

  private candidateAt(text: string, start: number, hits: readonly TrieHit[]): Candidate | undefined {
    const valid: Candidate[] = [];
    for (let h = hits.length - 1; h >= 0; h--) {
      const { end, group } = hits[h];
      const boundary = this.endBoundary(text, end);
      if (!boundary) continue;
      const surface = wordChars(text.slice(start, end));
      const forms = this.trie.group(group).filter(f => caseMatches(f, surface));
      if (!forms.length) continue;
      forms.sort((a, b) => Number(b.letters === surface) - Number(a.letters === surface));
      const papers: number[] = [];
      let need: EvidenceNeed = 'none';
      for (const f of forms) {
        if (!papers.includes(f.paper)) papers.push(f.paper);
        need = maxNeed(need, effectiveNeed(f, surface));
      }
      valid.push({ start, nameEnd: end, end: boundary.end, forms, papers, need, suffix: boundary.suffix, fallbacks: [] });
    }
    if (!valid.length) return undefined;
    const [best, ...rest] = valid;
    best.fallbacks = rest;
    return best;
  }

  /**
   * Whether a name may end at `end`: not inside a word, not the first half of a compound — unless
   * what follows is a model-variant suffix ("Yi-34B-200K": the mention grows to include it) or an
   * attributive one ("DuoAttention-style").
   */
  private endBoundary(text: string, end: number): { end: number; suffix: SuffixKind } | undefined {
    const n = text.length;
    if (end >= n) return { end, suffix: 'none' };
    const lastIsWord = isWordAt(text, end - 1);
    if (lastIsWord && isWordAt(text, end)) return undefined;
    const c = text.charCodeAt(end);
    if (lastIsWord && c === 43 /* + */) return undefined; // "MiniWoB" is not "MiniWoB++"
    if (!(isJoiner(c) && isWordAt(text, end + 1))) return { end, suffix: 'none' };

    let k = end;
    let extended = end;
    let suffix: SuffixKind = 'none';
    while (k < n && isJoiner(text.charCodeAt(k)) && isWordAt(text, k + 1)) {
      const wEnd = wordEnd(text, k + 1);
      const word = text.slice(k + 1, wEnd);
      if (isSizeOrVersion(word)) suffix = 'size';
      else if (VARIANT_WORDS.has(word.toLowerCase())) suffix = suffix === 'size' ? 'size' : 'word';
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
    return { end: extended, suffix };
  }

  /**
   * Phase two: the papers a candidate refers to, best first, or undefined when it lacks evidence.
   * Candidates needing no evidence and naming one paper are returned as they are.
   */
  private resolve(text: string, c: Candidate, all: readonly Candidate[], index: number, traces?: MentionTrace[]): number[] | undefined {
    const suffixBonus = c.suffix === 'size' ? SIZE_SUFFIX : c.suffix === 'word' ? WORD_SUFFIX : 0;
    const needsEvidence = c.need !== 'none' && suffixBonus < THRESHOLD[c.need];
    if (!needsEvidence && c.papers.length === 1) return c.papers;

    const window = contextWindow(text, c.start, c.end);
    const coMentions: CoMention[] = [];
    const skip: { start: number; end: number }[] = [c];
    for (let k = index - 1; k >= 0 && all[k].end > window.start; k--) addCoMention(all[k]);
    for (let k = index + 1; k < all.length && all[k].start < window.end; k++) addCoMention(all[k]);
    function addCoMention(o: Candidate) {
      skip.push(o);
      coMentions.push({ papers: o.papers, letters: wordChars(text.slice(o.start, o.nameEnd)), confident: o.need === 'none' || o.suffix === 'size' });
    }
    const bag = this.vocabulary.bag(text, window.start, window.end, skip);
    const surface = text.slice(c.start, c.nameEnd);
    const letters = wordChars(surface);
    const scored = c.papers.map((p, order) => ({
      p,
      order,
      score: this.vocabulary.wordScore(p, bag) + this.vocabulary.coMentionScore(p, letters, surface, coMentions) + suffixBonus,
    }));
    scored.sort((a, b) => b.score - a.score || a.order - b.order);
    const best = scored[0].score + bag.field;
    const foreign = c.forms.reduce((m, f) => Math.max(m, this.vocabulary.foreignScore(f, bag, coMentions)), 0);
    const accepted = !needsEvidence || (best >= THRESHOLD[c.need] && foreign < scored[0].score);
    traces?.push({
      start: c.start,
      end: c.end,
      text: text.slice(c.start, c.end),
      need: c.need,
      scores: scored.map(s => ({ paper: this.papers[s.p].id, score: Math.round(s.score * 100) / 100 })),
      foreign: Math.round(foreign * 100) / 100,
      accepted,
    });
    if (!accepted) return undefined;
    // Narrow an ambiguous name when one sense clearly wins: another of its names is in the
    // sentence, or its words outweigh the rest twice over.
    if (scored.length > 1) {
      const [top, second] = scored;
      const decisive = top.score >= SAME_PAPER && second.score < SAME_PAPER;
      const clear = top.score >= Math.max(THRESHOLD.medium, 2 * second.score + THRESHOLD.low);
      if (decisive || clear) return [top.p];
    }
    return scored.map(s => s.p);
  }
}

function caseMatches(form: NameForm, surface: string): boolean {
  if (form.caseRule === 'any') return true;
  if (surface === form.letters) return true;
  if (form.caseRule === 'exactOrUpper') {
    return surface === form.letters.toUpperCase() && /\p{Lu}.*\p{Lu}/u.test(form.letters);
  }
  return false;
}

/**
 * Evidence a match of `form` needs: its own need, and for a lower-case short phrase, some — "dataset
 * decomposition" in prose is not "Dataset Decomposition" the paper.
 */
function effectiveNeed(form: NameForm, surface: string): EvidenceNeed {
  if (form.need !== 'none') return form.need;
  if (form.multiWord && !/\p{Lu}/u.test(surface) && form.name.split(/\s+/).length < WORDS_FOR_TITLE_WITHOUT_EVIDENCE) return 'low';
  return 'none';
}
