// Context evidence for names that are also ordinary words or other things. A paper's evidence in a
// sentence is the IDF weight of the sentence's words that its title and abstract use (title words
// count double: notes describe a paper in its title's words), plus what the sentence's other
// mentions say: another name of the same paper is near proof; a paper that cites this one, or shares
// a topic with it, is the field talking. Another paper of the corpus may define the same acronym
// differently ("Absolute Position Embedding (APE)" against "Adaptive Parallel Encoding (APE)"): its
// evidence competes, and a sentence that speaks of that sense is not a mention.
import { acronymExpansion, FIELD_TERMS } from '../aliases';
import type { Paper } from '../model';
import type { EvidenceNeed, NameForm } from './names';
import { evidenceKey, isSizeToken, isTechnicalToken, stem, STOP_WORDS, tokens } from './words';

/** Evidence a match needs, by how risky its name is (see names.ts). */
export const THRESHOLD: Record<EvidenceNeed, number> = { none: 0, low: 2.5, medium: 5, high: 7 };

/** Another name of the same paper in the sentence. */
export const SAME_PAPER = 10;
/** A model-size or version suffix on the name: "Yi-34B-200K", "IRanker-3B". */
export const SIZE_SUFFIX = 10;
/** A variant word suffix: "LWM-Chat", "Yi-VL". */
export const WORD_SUFFIX = 3;
/** A co-mentioned paper cites this one by this name, or is cited by it. */
const CITATION = 3;
/** A co-mentioned paper shares a topic. */
const RELATED = 1;
const MAX_RELATED = 2;
/** A technical token of the field (an acronym the corpus uses, a model size). */
const FIELD_TOKEN = 1;
const MAX_FIELD = 3;
/** One word can only say so much. */
const MAX_TERM = 4.5;
/** A word of a competing sense's own expansion ("absolute" for Absolute Position Embedding). */
const EXPANSION_WORD = 4;
/** Two consecutive words of the paper's title ("test-time compute"): a phrase is more specific than its words. */
const TITLE_PHRASE = 2;
const MAX_PHRASES = 6;
/** A word used by more than this share of the papers says nothing about any one of them. */
const MAX_DF_SHARE = 0.3;

/** A competing meaning of a name: another paper defines the acronym with other words. */
interface ForeignSense {
  paper: number;
  expansion: Set<string>;
}

/** What the detector knows about one co-mentioned name in a sentence. */
export interface CoMention {
  papers: readonly number[];
  /** Letters of the matched text ("DeepTransformers"). */
  letters: string;
  /** Whether it counts on its own (a distinctive name), so it may vouch for other papers. */
  confident: boolean;
}

/** The words of a sentence as evidence: keys, consecutive key pairs, and the field-token score. */
export interface Bag {
  keys: Set<string>;
  phrases: Set<string>;
  field: number;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class PaperVocabulary {
  /** Per paper: evidence key → weight. */
  private readonly weights: Map<string, number>[];
  /** Per paper: pairs of consecutive title words, as "key key". */
  private readonly titlePhrases: Set<string>[] = [];
  /** Technical tokens (exact case) that the papers use: "KV", "NIAH", "vLLM". */
  private readonly fieldTokens: Set<string>;
  /** Per paper: the raw words of title and abstract, to tell whether it names another paper. */
  private readonly rawWords: Set<string>[];
  private readonly texts: string[];
  private readonly foreign = new Map<NameForm, ForeignSense[]>();

  constructor(private readonly papers: readonly Paper[], forms: readonly NameForm[]) {
    this.texts = papers.map(p => [p.title, p.arxivTitle ?? '', p.abstract ?? ''].join('\n'));
    const df = new Map<string, number>();
    const perPaperKeys: Set<string>[] = [];
    const titleKeys: Set<string>[] = [];
    this.rawWords = [];
    this.fieldTokens = new Set(FIELD_TERMS);
    papers.forEach((p, i) => {
      const keys = new Set<string>();
      const raw = new Set<string>();
      for (const t of tokens(this.texts[i])) {
        raw.add(t.text);
        if (isTechnicalToken(t.text)) this.fieldTokens.add(t.text);
        const k = evidenceKey(t.text);
        if (k) keys.add(k);
      }
      const inTitle = new Set<string>();
      const phrases = new Set<string>();
      for (const title of [p.title, p.arxivTitle ?? '']) {
        let prev: string | undefined;
        for (const t of tokens(title)) {
          const k = evidenceKey(t.text);
          if (!k) continue;
          inTitle.add(k);
          if (prev) phrases.add(`${prev} ${k}`);
          prev = k;
        }
      }
      this.titlePhrases.push(phrases);
      for (const k of keys) df.set(k, (df.get(k) ?? 0) + 1);
      perPaperKeys.push(keys);
      titleKeys.push(inTitle);
      this.rawWords.push(raw);
    });
    const n = Math.max(1, papers.length);
    const maxDf = Math.max(1, Math.floor(n * MAX_DF_SHARE));
    this.weights = perPaperKeys.map((keys, i) => {
      const w = new Map<string, number>();
      for (const k of keys) {
        const d = df.get(k) ?? 1;
        if (n >= 8 && d > maxDf) continue;
        const idf = Math.log((n + 1) / d);
        w.set(k, Math.min(MAX_TERM, idf * (titleKeys[i].has(k) ? 2 : 1)));
      }
      return w;
    });
    for (const form of forms) {
      if (form.need === 'none' || form.multiWord) continue;
      const senses = this.foreignSenses(form, forms);
      if (senses.length) this.foreign.set(form, senses);
    }
  }

  /** Papers that define `form`'s acronym with an expansion its owners do not use. */
  private foreignSenses(form: NameForm, forms: readonly NameForm[]): ForeignSense[] {
    const owners = new Set(forms.filter(f => f.letters.toLowerCase() === form.letters.toLowerCase()).map(f => f.paper));
    const ownExpansions = new Set<string>();
    for (const o of owners) for (const e of this.definitions(o, form.name)) ownExpansions.add(e.toLowerCase());
    const out: ForeignSense[] = [];
    this.papers.forEach((_, q) => {
      if (owners.has(q)) return;
      for (const e of this.definitions(q, form.name)) {
        if (ownExpansions.has(e.toLowerCase())) continue;
        const expansion = new Set<string>();
        for (const t of tokens(e)) {
          const k = evidenceKey(t.text);
          if (k) expansion.add(k);
        }
        if (expansion.size) out.push({ paper: q, expansion });
        return;
      }
    });
    return out;
  }

  /** Long forms a paper gives for an acronym: "Long Form (ACR)" or "ACR (Long Form)". */
  private definitions(paper: number, acronym: string): string[] {
    const text = this.papers[paper].abstract ?? '';
    if (!text.includes(acronym)) return [];
    const out: string[] = [];
    const a = escapeRegExp(acronym);
    for (const m of text.matchAll(new RegExp(`\\(${a}\\)`, 'g'))) {
      const e = acronymExpansion(text.slice(Math.max(0, (m.index ?? 0) - 120), m.index), acronym);
      if (e) out.push(e);
    }
    for (const m of text.matchAll(new RegExp(`(?<![\\w-])${a}\\s*\\(([^()]{3,80})\\)`, 'g'))) {
      const e = acronymExpansion(m[1], acronym);
      if (e && e.split(/\s+/)[0] === m[1].trim().split(/\s+/)[0]) out.push(e);
    }
    return out;
  }

  /** Whether paper `p`'s title or abstract uses `name` as a word (it cites or discusses it). */
  names(p: number, name: string): boolean {
    if (!name) return false;
    if (/^[\p{L}\p{N}]+$/u.test(name)) return this.rawWords[p].has(name);
    return this.texts[p].includes(name);
  }

  /** Evidence keys of the words in `text[from, to)` outside the given spans. */
  bag(text: string, from: number, to: number, skip: readonly { start: number; end: number }[]): Bag {
    const keys = new Set<string>();
    const phrases = new Set<string>();
    const field = new Set<string>();
    let prev: string | undefined;
    for (const t of tokens(text, from, to)) {
      if (skip.some(s => t.start < s.end && t.end > s.start)) {
        prev = undefined;
        continue;
      }
      const k = evidenceKey(t.text);
      if (!k) continue;
      keys.add(k);
      if (prev) phrases.add(`${prev} ${k}`);
      prev = k;
      if (isSizeToken(t.text) || (this.fieldTokens.has(t.text) && !STOP_WORDS.has(t.text.toLowerCase()))) field.add(t.text);
    }
    return { keys, phrases, field: Math.min(MAX_FIELD, field.size * FIELD_TOKEN) };
  }

  /** Word and title-phrase evidence for paper `p`. */
  wordScore(p: number, bag: Bag): number {
    const w = this.weights[p];
    let s = 0;
    for (const k of bag.keys) s += w.get(k) ?? 0;
    let phrases = 0;
    for (const ph of bag.phrases) if (this.titlePhrases[p].has(ph)) phrases += TITLE_PHRASE;
    return s + Math.min(MAX_PHRASES, phrases);
  }

  /** Evidence from the sentence's other mentions for paper `p`, matched as `form`. */
  coMentionScore(p: number, formLetters: string, surface: string, coMentions: readonly CoMention[]): number {
    let s = 0;
    let related = 0;
    const topics = new Set(this.papers[p].topics ?? []);
    for (const cm of coMentions) {
      if (cm.papers.includes(p)) {
        if (cm.letters.toLowerCase() !== formLetters.toLowerCase()) s += SAME_PAPER;
        continue;
      }
      if (!cm.confident) continue;
      const q = cm.papers[0];
      if (this.names(q, surface) || this.names(p, cm.letters)) s += CITATION;
      else if ((this.papers[q].topics ?? []).some(t => topics.has(t)) && related < MAX_RELATED) {
        s += RELATED;
        related++;
      }
    }
    return s;
  }

  /**
   * The strongest competing sense of `form` in the sentence: its defining paper's words, its
   * expansion's words, and that paper's co-mention.
   */
  foreignScore(form: NameForm, bag: Bag, coMentions: readonly CoMention[]): number {
    const senses = this.foreign.get(form);
    if (!senses) return 0;
    let best = 0;
    for (const sense of senses) {
      let s = this.wordScore(sense.paper, bag);
      for (const k of sense.expansion) if (bag.keys.has(k)) s += EXPANSION_WORD;
      if (coMentions.some(cm => cm.papers.includes(sense.paper))) s += SAME_PAPER;
      best = Math.max(best, s);
    }
    return best;
  }

  /** For tests and tuning: the weight of a word for a paper. */
  weightOf(p: number, word: string): number {
    return this.weights[p].get(stem(word)) ?? 0;
  }
}
