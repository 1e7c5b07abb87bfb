// The scoring policy: how much a sentence says for a paper. A paper's evidence is the IDF weight of
// the sentence's words that its title and abstract use (title words count double: notes describe a
// paper in its title's words) and of its title's phrases, plus what the sentence's other mentions
// say — another name of the same paper is near proof; a paper that cites this one, or shares a
// topic with it, is the field talking — plus a link to it or a citation of its first author. A
// competing sense of its acronym (acronymSenses.ts) is scored the same way, against it.
import type { Paper } from '../library/model';
import { escapeRegExp } from '../text/regex';
import type { AcronymSenses } from './acronymSenses';
import {
  AUTHOR_CITATION,
  CITATION,
  COMMON_AUTHOR_CITATION,
  COMMON_SURNAME,
  EXPANSION_WORD,
  MAX_DF_SHARE,
  MAX_PHRASES,
  MAX_RELATED,
  MAX_TERM,
  RELATED,
  SAME_PAPER,
  TITLE_PHRASE,
  TITLE_WORD,
} from './evidenceWeights';
import type { NameForm } from './names';
import type { Bag, SentenceBags } from './sentenceBag';
import { TopicPairs } from './topicPairs';
import type { PaperWords } from './wordIds';

/** What the detector knows about one co-mentioned name in a sentence. */
export interface CoMention {
  papers: readonly number[];
  /** Letters of the matched text ("DeepTransformers"), and in lower case. */
  letters: string;
  lower: string;
  /** Papers that name its name (`citersOf` its form). */
  citers: ReadonlySet<number>;
  /** Whether it counts on its own (a distinctive name), so it may vouch for other papers. */
  confident: boolean;
}

/** A paper's word weights by key id: a small open-addressing table, looked up thousands of times a run. */
class WeightTable {
  private readonly keys: Int32Array;
  private readonly values: Float64Array;
  private readonly mask: number;

  constructor(weights: ReadonlyMap<number, number>) {
    let size = 8;
    while (size < weights.size * 2) size *= 2;
    this.keys = new Int32Array(size).fill(-1);
    this.values = new Float64Array(size);
    this.mask = size - 1;
    for (const [id, w] of weights) {
      let at = Math.imul(id, 0x9e3779b1) & this.mask;
      while (this.keys[at] !== -1) at = (at + 1) & this.mask;
      this.keys[at] = id;
      this.values[at] = w;
    }
  }

  /** The weight of key id `id` (≥ 0), or 0. */
  get(id: number): number {
    for (let at = Math.imul(id, 0x9e3779b1) & this.mask; ; at = (at + 1) & this.mask) {
      const k = this.keys[at];
      if (k === id) return this.values[at];
      if (k === -1) return 0;
    }
  }
}

/** A first author's surname as notes cite it (capitalised, one or two words: "Behrouz", "Entezari Zarch"). */
function surnameOf(paper: Paper): string | undefined {
  const name = (paper.firstAuthor ?? '').trim();
  return /^\p{Lu}[\p{L}'’-]+(?: \p{Lu}[\p{L}'’-]+)?$/u.test(name) ? name : undefined;
}

export class PaperEvidence {
  /** Per paper: key id → weight. */
  private readonly weights: WeightTable[];
  /** Per paper: consecutive title words, as first id × key count + second id. */
  private readonly titlePairs: Set<number>[] = [];
  private readonly keyCount: number;
  private readonly citers = new Map<string, Set<number>>();
  /** First author's surname → how many of the papers have it. */
  private readonly authorCount = new Map<string, number>();
  private readonly topics: TopicPairs;

  constructor(
    private readonly papers: readonly Paper[],
    private readonly words: PaperWords,
    private readonly bags: SentenceBags,
    private readonly senses: AcronymSenses,
  ) {
    const keyCount = (this.keyCount = words.keyCount);
    for (const flat of words.titlePairs) {
      const pairs = new Set<number>();
      for (let i = 0; i + 1 < flat.length; i += 2) pairs.add(flat[i] * keyCount + flat[i + 1]);
      this.titlePairs.push(pairs);
    }
    const n = Math.max(1, papers.length);
    const maxDf = Math.max(1, Math.floor(n * MAX_DF_SHARE));
    this.weights = words.keys.map((keys, i) => {
      const inTitle = words.inTitle[i];
      const w = new Map<number, number>();
      for (let k = 0; k < keys.length; k++) {
        const id = keys[k];
        const d = words.documentFrequency(id);
        if (n >= 8 && d > maxDf) continue;
        const idf = Math.log((n + 1) / d);
        w.set(id, Math.min(MAX_TERM, idf * (inTitle[k] ? TITLE_WORD : 1)));
      }
      return new WeightTable(w);
    });
    for (const p of papers) {
      const surname = surnameOf(p);
      if (surname) this.authorCount.set(surname, (this.authorCount.get(surname) ?? 0) + 1);
    }
    this.topics = new TopicPairs(papers);
  }

  /**
   * The papers whose title or abstract use a one-word name ("Titans", "DeepTransformers") as a word:
   * they cite or discuss its paper. Computed once per name; longer names are not looked for.
   */
  citersOf(name: string): ReadonlySet<number> {
    let citers = this.citers.get(name);
    if (!citers) {
      citers = new Set(this.words.papersUsing(name));
      this.citers.set(name, citers);
    }
    return citers;
  }

  /** Word and title-phrase evidence for paper `p`, leaving out the key ids in `ignore`. */
  wordScore(p: number, bag: Bag, ignore: readonly number[] = []): number {
    const w = this.weights[p];
    const ids = this.bags.ids;
    const pairs = this.bags.pairs;
    let s = 0;
    for (let i = bag.idsFrom; i < bag.idsTo; i++) if (!ignore.includes(ids[i])) s += w.get(ids[i]);
    const titlePairs = this.titlePairs[p];
    const keyCount = this.keyCount;
    let phrases = 0;
    for (let i = bag.pairsFrom; i + 1 < bag.pairsTo; i += 2) {
      const a = pairs[i];
      const b = pairs[i + 1];
      if (titlePairs.has(a * keyCount + b) && !ignore.includes(a) && !ignore.includes(b)) phrases += TITLE_PHRASE;
    }
    return s + Math.min(MAX_PHRASES, phrases);
  }

  /**
   * Evidence that a sentence (`sentence`, its text) cites paper `p` outright: its arXiv id (a link
   * to it), or its first author in a citation ("Behrouz et al.", "Behrouz, 2025", "Behrouz (2025)").
   */
  citationScore(p: number, sentence: string): number {
    const paper = this.papers[p];
    if (paper.arxiv && sentence.includes(paper.arxiv)) return SAME_PAPER;
    const surname = surnameOf(paper);
    if (!surname || !sentence.includes(surname)) return 0;
    const cited = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(surname)}(?:\\s+et\\s+al\\b|,?\\s+\\(?(?:19|20)\\d\\d\\b)`, 'u');
    if (!cited.test(sentence)) return 0;
    return (this.authorCount.get(surname) ?? 1) >= COMMON_SURNAME ? COMMON_AUTHOR_CITATION : AUTHOR_CITATION;
  }

  /** Evidence from the sentence's other mentions for paper `p`, matched as `formLower`. */
  coMentionScore(p: number, citers: ReadonlySet<number>, formLower: string, coMentions: readonly CoMention[]): number {
    let s = 0;
    let related = 0;
    for (const cm of coMentions) {
      if (cm.papers.includes(p)) {
        if (cm.lower !== formLower) s += SAME_PAPER;
        continue;
      }
      if (!cm.confident) continue;
      const q = cm.papers[0];
      if (citers.has(q) || cm.citers.has(p)) s += CITATION;
      else if (related < MAX_RELATED && this.topics.share(p, q)) {
        s += RELATED;
        related++;
      }
    }
    return s;
  }

  /**
   * Whether papers `p` (named `citers` by others) and `q` (named `qCiters` by others) cite one
   * another: one's abstract uses the other's name.
   */
  cites(p: number, citers: ReadonlySet<number>, q: number, qCiters: ReadonlySet<number>): boolean {
    return citers.has(q) || qCiters.has(p);
  }

  /**
   * The strongest competing sense of `form` in the sentence: its defining paper's words, its
   * expansion's words, and that paper's co-mention.
   */
  foreignScore(form: NameForm, bag: Bag, coMentions: readonly CoMention[], ignore: readonly number[] = []): number {
    const senses = this.senses.of(form);
    if (!senses) return 0;
    let best = 0;
    for (const sense of senses) {
      let s = this.wordScore(sense.paper, bag, ignore);
      for (const id of sense.expansion) if (this.bags.has(bag, id)) s += EXPANSION_WORD;
      if (coMentions.some(cm => cm.papers.includes(sense.paper))) s += SAME_PAPER;
      best = Math.max(best, s);
    }
    return best;
  }
}
