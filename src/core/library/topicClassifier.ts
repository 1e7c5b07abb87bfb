// Which curated topics a paper the curators never saw belongs to (a user's bibliography entry, a
// paper fetched from arXiv): first whether it is about the field the topics divide at all (its
// domain score), then its title and abstract compared with each topic's centroid — the tf·idf terms
// of the topic's curated papers and its own description — by cosine similarity. A paper that fits
// no topic well stays without one (the tree shows it under "Other").
//
// Measured by leave-one-out on the 129 bundled papers (test/unit/topicClassifier.test.ts prints the
// numbers): each paper classified by a classifier trained on the other 128.
import { analyze, forEachTerm } from '../search/text';
import type { Paper, Topic } from './model';

/** A primary topic counts fully toward its centroid, a secondary one half. */
const SECONDARY_WEIGHT = 0.5;
/** Title words say more about a paper's topic than abstract words. */
const TITLE_WEIGHT = 2;
/**
 * Below this cosine to the best centroid a paper fits no topic. Leave-one-out on the bundled papers:
 * their best scores start at 0.081, so 0.05 costs none of them; a recipe or a bird study scores
 * under 0.01 (unit test).
 */
export const MIN_TOPIC_SIMILARITY = 0.05;
/**
 * Below this domain score a paper is not about the field the topics divide at all, and gets none:
 * the centroids alone put most of any ML paper somewhere (idf over 129 papers makes "video" or
 * "image" decisive). The domain score is the cosine between the paper's terms and the share of the
 * curated papers using each term, so the field's everyday words ("context", "tokens", "LLMs",
 * "attention") count. Measured: bundled papers held out score 0.285–0.62 (median 0.447); the
 * 1,407 entries of a DBLP export of ICLR 2023 with abstracts (../shared/real/bib): 0.30 → 1 bundled
 * paper below, 371 ICLR entries above; 0.33 → 3 and 198; 0.35 → 6 and 113; 0.40 → 29 and 12. At
 * 0.33 the ICLR entries above are mostly language-model and sequence-model papers (H3, Toeplitz
 * networks, recitation-augmented LMs) with some strays; a stray in "Other" costs less than a wrong
 * topic.
 */
export const MIN_DOMAIN_SCORE = 0.33;
/**
 * A paper known by its title alone (bibliographies often carry no abstract) has too few words for a
 * domain score, and needs a closer match to a centroid instead. Measured on titles alone: bundled
 * papers held out — 0.10 assigns 63 of 129, the primary topic right for 52 of them and a curated
 * topic for 59; the long-context thesis bibliography (121 entries) gets 59 assigned; the ICLR 2023
 * export 128 of 1,569 (8%). 0.08: 87 (71 and 80 right), 68, 276; 0.12: 46 (39, 45), 44, 69.
 */
export const MIN_TITLE_ONLY_SIMILARITY = 0.1;
/** Fewer abstract words than this and a paper is classified on its title. */
const MIN_ABSTRACT_WORDS = 30;

/** A further topic is given when its similarity is at least this share of the best one's. */
const SECONDARY_SHARE = 0.85;
/** At most a primary topic and one more: a guess should not spread thin. */
const MAX_ASSIGNED = 2;

type Vector = Map<string, number>;

/** A term as the classifier knows it: document frequency, centroid weights, and where the paper being scored counts it. */
interface TermInfo {
  df: number;
  row: Float64Array | undefined;
  run: number;
  slot: number;
}

/** Terms kept known across papers: a library's vocabulary is some tens of thousands. */
const MAX_KNOWN_TERMS = 200_000;

/** Whether `text` has at least `n` blank-separated words (counts only as far as it must). */
function hasWords(text: string, n: number): boolean {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const blank = text.charCodeAt(i) <= 32;
    if (!blank && !inWord && ++count >= n) return true;
    inWord = !blank;
  }
  return false;
}

/**
 * Analysed training papers, kept while the paper objects live: training on the same papers again
 * (leave-one-out, a reload) analyses each once. Papers being classified are not kept.
 */
const analysed = new WeakMap<object, Map<string, number>>();

function trainingTermCounts(p: Pick<Paper, 'title' | 'abstract'>): Map<string, number> {
  let tf = analysed.get(p);
  if (!tf) {
    tf = termCounts(p.title, p.abstract ?? '');
    analysed.set(p, tf);
  }
  return tf;
}

function termCounts(title: string, abstract: string): Map<string, number> {
  const tf = new Map<string, number>();
  for (const t of analyze(title)) tf.set(t, (tf.get(t) ?? 0) + TITLE_WEIGHT);
  for (const t of analyze(abstract)) tf.set(t, (tf.get(t) ?? 0) + 1);
  return tf;
}

function normalize(v: Vector): Vector {
  let norm = 0;
  for (const w of v.values()) norm += w * w;
  norm = Math.sqrt(norm) || 1;
  for (const [t, w] of v) v.set(t, w / norm);
  return v;
}

export interface TopicGuess {
  /** Topic ids, best first (empty: none fits). */
  topics: string[];
  /** Cosine similarity to each topic's centroid, best first. */
  scores: { topic: string; score: number }[];
}

export class TopicClassifier {
  private readonly centroids: { topic: string; vector: Vector }[];

  /** Trained on papers whose topics are curated (their primary topic first). */
  constructor(topics: readonly Topic[], labelled: readonly Pick<Paper, 'title' | 'abstract' | 'topics'>[]) {
    const docs = labelled.map(trainingTermCounts);
    const df = new Map<string, number>();
    for (const d of docs) for (const t of d.keys()) df.set(t, (df.get(t) ?? 0) + 1);
    this.df = df;
    this.docCount = Math.max(1, docs.length);
    let norm = 0;
    for (const n of df.values()) norm += (n / this.docCount) ** 2;
    this.dfNorm = Math.sqrt(norm) || 1;
    this.centroids = topics.map(topic => {
      const sum: Vector = new Map();
      const add = (v: Vector, w: number) => {
        for (const [t, x] of v) sum.set(t, (sum.get(t) ?? 0) + w * x);
      };
      labelled.forEach((p, i) => {
        const at = p.topics.indexOf(topic.id);
        if (at >= 0) add(this.weigh(docs[i]), at === 0 ? 1 : SECONDARY_WEIGHT);
      });
      add(this.weigh(termCounts(topic.label, topic.description)), 1);
      return { topic: topic.id, vector: normalize(sum) };
    });
    // Per term, its weight in every centroid: classifying a paper is then one lookup per term
    // instead of one per term and topic (20,000 papers × 14 topics was most of a library's load).
    this.topicIds = this.centroids.map(c => c.topic);
    this.centroidWeights = new Map();
    this.centroids.forEach((c, k) => {
      for (const [t, w] of c.vector) {
        let row = this.centroidWeights.get(t);
        if (!row) {
          row = new Float64Array(this.centroids.length);
          this.centroidWeights.set(t, row);
        }
        row[k] = w;
      }
    });
  }

  private readonly topicIds: string[];
  private readonly centroidWeights: Map<string, Float64Array>;

  private readonly df: Map<string, number>;
  private readonly docCount: number;
  private readonly dfNorm: number;

  /** How much a paper speaks the field's language: cosine of its log term counts with the curated papers' term shares. */
  domainScore(paper: Pick<Paper, 'title' | 'abstract'>): number {
    return this.domainScoreOf(termCounts(paper.title, paper.abstract ?? ''));
  }

  private domainScoreOf(tf: Map<string, number>): number {
    let dot = 0;
    let norm = 0;
    for (const [t, f] of tf) {
      const w = 1 + Math.log(f);
      norm += w * w;
      dot += w * ((this.df.get(t) ?? 0) / this.docCount);
    }
    return norm ? dot / Math.sqrt(norm) / this.dfNorm : 0;
  }

  /** tf·idf, normalised: words every paper uses weigh nothing. */
  private weigh(tf: Map<string, number>): Vector {
    const v: Vector = new Map();
    for (const [t, f] of tf) {
      const idf = Math.log((this.docCount + 1) / ((this.df.get(t) ?? 0) + 1));
      if (idf > 0) v.set(t, (1 + Math.log(f)) * idf);
    }
    return normalize(v);
  }

  classify(paper: Pick<Paper, 'title' | 'abstract'>): TopicGuess {
    const trained = analysed.get(paper);
    const dots = new Float64Array(this.topicIds.length);
    let domain: () => number;
    if (trained) {
      const v = this.weigh(trained);
      for (const [t, w] of v) {
        const row = this.centroidWeights.get(t);
        if (row) for (let k = 0; k < row.length; k++) dots[k] += w * row[k];
      }
      domain = () => this.domainScoreOf(trained);
    } else {
      domain = this.scorePaper(paper, dots);
    }
    const scores = this.topicIds.map((topic, k) => ({ topic, score: dots[k] }));
    scores.sort((a, b) => b.score - a.score);
    const best = scores[0]?.score ?? 0;
    const titleOnly = !hasWords(paper.abstract ?? '', MIN_ABSTRACT_WORDS);
    const fits = titleOnly ? best >= MIN_TITLE_ONLY_SIMILARITY : best >= MIN_TOPIC_SIMILARITY && domain() >= MIN_DOMAIN_SCORE;
    if (!fits) return { topics: [], scores };
    const topics = scores.filter(s => s.score >= best * SECONDARY_SHARE).slice(0, MAX_ASSIGNED).map(s => s.topic);
    return { topics, scores };
  }

  /** What is known of each term met: its document frequency and centroid weights. Cleared when full (hostile input cannot grow it without bound). */
  private readonly terms = new Map<string, TermInfo>();
  private runNumber = 0;
  /** Scratch of `scorePaper`: the paper's distinct terms in order of first use, and their counts. */
  private readonly paperTerms: TermInfo[] = [];
  private readonly paperCounts: number[] = [];

  /**
   * `weigh`, `normalize`, the centroid dot products and `domainScoreOf` for a paper being classified,
   * with one map lookup per word instead of a map of its terms and another of their weights (a
   * 20,000-entry library's topics were seconds of its load). The same arithmetic in the same order,
   * so the scores are the same numbers. Adds into `dots`; returns the domain score, computed if asked.
   */
  private scorePaper(paper: Pick<Paper, 'title' | 'abstract'>, dots: Float64Array): () => number {
    const run = ++this.runNumber;
    const list = this.paperTerms;
    const counts = this.paperCounts;
    list.length = 0;
    counts.length = 0;
    const count = (term: string, weight: number) => {
      let info = this.terms.get(term);
      if (!info) {
        if (this.terms.size >= MAX_KNOWN_TERMS) this.terms.clear();
        info = { df: this.df.get(term) ?? 0, row: this.centroidWeights.get(term), run: 0, slot: 0 };
        this.terms.set(term, info);
      }
      if (info.run !== run) {
        info.run = run;
        info.slot = list.length;
        list.push(info);
        counts.push(weight);
      } else counts[info.slot] += weight;
    };
    forEachTerm(paper.title, (_surface, term) => count(term, TITLE_WEIGHT));
    forEachTerm(paper.abstract ?? '', (_surface, term) => count(term, 1));
    // weigh: tf·idf of the terms with idf > 0, in order; then normalised.
    const weights = new Float64Array(list.length);
    let norm = 0;
    for (let i = 0; i < list.length; i++) {
      const idf = Math.log((this.docCount + 1) / (list[i].df + 1));
      if (idf > 0) {
        const w = (1 + Math.log(counts[i])) * idf;
        weights[i] = w;
        norm += w * w;
      }
    }
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < list.length; i++) {
      const row = list[i].row;
      if (weights[i] === 0 || !row) continue;
      const w = weights[i] / norm;
      for (let k = 0; k < row.length; k++) dots[k] += w * row[k];
    }
    const f = counts.slice();
    const df = list.map(info => info.df);
    return () => {
      let dot = 0;
      let n = 0;
      for (let i = 0; i < f.length; i++) {
        const w = 1 + Math.log(f[i]);
        n += w * w;
        dot += w * (df[i] / this.docCount);
      }
      return n ? dot / Math.sqrt(n) / this.dfNorm : 0;
    };
  }
}
