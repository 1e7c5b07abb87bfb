// Scores documents against planned clauses over a term index, in flat typed arrays sized to the
// library, so a query costs one pass over the postings it touches and no allocation per document.
//
// A clause scores a document by its best alternative (the word, or its synonym, or its
// completion — never their sum, so a paper that spells a thing two ways does not count it twice).
// The ranking then goes in tiers:
//   1. papers whose name or title is exactly the query ("DuoAttention", "giraffe");
//   2. papers matching every required clause (AND), by score;
//   3. papers matching some (OR), by score scaled by the share of clauses they match.
import type { Alternative, Clause } from './queryPlan';
import { bm25Idf, type Postings, scoreIn, type TermIndex } from './termIndex';

/** Clauses are tracked in a 32-bit mask per document. */
export const MAX_RANKED_CLAUSES = 32;
/**
 * The share of required clauses a paper of the OR tier is credited with when it matches none of
 * them, only optional ones (a word most papers use, a question word): small, so such papers come
 * after those matching something required, but not zero, so they are still ordered by score.
 */
const MIN_OR_SHARE = 0.05;

export interface RankedDocument {
  doc: number;
  /** For display: `tierScore` scaled so that scores never increase down the list (displayScores). */
  score: number;
  /** What the document is ranked by within its tier: its total, or in the OR tier its total × share. */
  tierScore: number;
  /** The share of the required clauses it is credited with: 1 above the OR tier. */
  share: number;
  /** Bit i set: clause i matched. */
  clauseMask: number;
  /** 0: its name or title is the query; 1: it matches every required clause (AND); 2: some (OR). */
  tier: 0 | 1 | 2;
}

/** Selects the `k` best of `docs` by `better` (a strict "ranks before"), in order. */
export function topK(docs: readonly number[], k: number, better: (a: number, b: number) => boolean): number[] {
  if (k <= 0) return [];
  // A min-heap of the best k so far (its root is the worst of them): O(n log k).
  const heap: number[] = [];
  const worse = (i: number, j: number) => better(heap[j], heap[i]);
  const siftUp = (i: number) => {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!worse(i, parent)) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  };
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(l, m)) m = l;
      if (r < heap.length && worse(r, m)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  };
  for (const d of docs) {
    if (heap.length < k) {
      heap.push(d);
      siftUp(heap.length - 1);
    } else if (better(d, heap[0])) {
      heap[0] = d;
      siftDown(0);
    }
  }
  return heap.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
}

export class Ranker {
  private readonly total: Float64Array;
  private readonly clauseMask: Uint32Array;
  private readonly best: Float64Array;
  private readonly altSum: Float64Array;
  private readonly altCount: Uint8Array;
  /** Documents already counted (scoreConcept), cleared after use. */
  private readonly seen: Uint8Array;
  /** Per alternative of a concept clause: its matches, when it has several terms (scoreConcept). */
  private readonly conceptBuffers: { docs: Uint32Array; scores: Float64Array }[] = [];

  constructor(private readonly index: TermIndex) {
    const n = index.docCount;
    this.total = new Float64Array(n);
    this.clauseMask = new Uint32Array(n);
    this.best = new Float64Array(n);
    this.altSum = new Float64Array(n);
    this.altCount = new Uint8Array(n);
    this.seen = new Uint8Array(n);
  }

  /**
   * Fills `total` and `clauseMask` for every document matching at least one clause and returns
   * those documents; the caller must `clear` them before the next query.
   */
  private accumulate(clauses: readonly Clause[]): number[] {
    if (clauses.length > MAX_RANKED_CLAUSES) throw new RangeError(`at most ${MAX_RANKED_CLAUSES} clauses`);
    const touched: number[] = [];
    clauses.forEach((clause, ci) => {
      const clauseTouched: number[] = [];
      if (clause.concept) this.scoreConcept(clause.alternatives, clauseTouched);
      else for (const alt of clause.alternatives) this.scoreAlternative(alt, alt.weight, clauseTouched);
      const bit = 1 << ci;
      for (const d of clauseTouched) {
        if (this.clauseMask[d] === 0) touched.push(d);
        this.total[d] += this.best[d];
        this.clauseMask[d] |= bit;
        this.best[d] = 0;
      }
    });
    return touched;
  }

  /**
   * Calls `fn` with each document having every term of `alt` and the sum of those terms' scores in
   * it (unweighted); false when a term is unknown.
   */
  private forEachMatch(alt: Alternative, fn: (doc: number, score: number) => void): boolean {
    const postings: Postings[] = [];
    for (const t of alt.terms) {
      const p = this.index.postings(t);
      if (!p) return false;
      postings.push(p);
    }
    if (postings.length === 1) {
      const { docs, scores } = postings[0];
      for (let k = 0; k < docs.length; k++) fn(docs[k], scores[k]);
      return true;
    }
    // Several terms, all required: count per document how many of the terms so far it has; only
    // a document that had all the previous ones may advance.
    const candidates: number[] = [];
    postings.forEach(({ docs, scores }, ti) => {
      for (let k = 0; k < docs.length; k++) {
        const d = docs[k];
        if (ti === 0) {
          candidates.push(d);
          this.altCount[d] = 1;
          this.altSum[d] = scores[k];
        } else if (this.altCount[d] === ti) {
          this.altCount[d] = ti + 1;
          this.altSum[d] += scores[k];
        }
      }
    });
    for (const d of candidates) {
      const complete = this.altCount[d] === postings.length;
      const sum = this.altSum[d];
      this.altCount[d] = 0;
      this.altSum[d] = 0;
      if (complete) fn(d, sum);
    }
    return true;
  }

  /** Raises `best` of each document matching `alt` to `weight` × its score where higher. */
  private scoreAlternative(alt: Alternative, weight: number, clauseTouched: number[]): void {
    this.forEachMatch(alt, (d, score) => {
      const s = weight * score;
      if (this.best[d] === 0) clauseTouched.push(d);
      if (s > this.best[d]) this.best[d] = s;
    });
  }

  /**
   * A clause whose alternatives are one concept ("NIAH", "needle in a haystack"): each alternative
   * is scored as if its terms were as common as the concept — every document using any spelling —
   * so a rare spelling does not outscore a common one by its rarity alone. An alternative's terms
   * carry their own idf in their scores (BM25); the alternative is scaled by the concept's idf over
   * the mean of its terms' (its weight already divides their sum by their number), never up. Without
   * this "NIAH" (3 of 129 papers write it) ranked a paper that only says it avoids NIAH tests above
   * the needle-in-a-haystack benchmarks, which spell it out (13 papers).
   */
  private scoreConcept(alternatives: readonly Alternative[], clauseTouched: number[]): void {
    // Each alternative's matches: a one-term alternative's postings, a several-term one's intersection
    // kept in a reusable buffer (so it is computed once); then the documents using any spelling.
    const matches: Postings[] = [];
    alternatives.forEach((alt, i) => {
      if (alt.terms.length === 1) {
        const p = this.index.postings(alt.terms[0]);
        if (p) matches[i] = p;
        return;
      }
      const buffer = (this.conceptBuffers[i] ??= { docs: new Uint32Array(this.index.docCount), scores: new Float64Array(this.index.docCount) });
      let count = 0;
      this.forEachMatch(alt, (d, score) => {
        buffer.docs[count] = d;
        buffer.scores[count++] = score;
      });
      matches[i] = { docs: buffer.docs.subarray(0, count), scores: buffer.scores.subarray(0, count) };
    });
    let users = 0;
    for (const m of matches) {
      if (!m) continue;
      for (let k = 0; k < m.docs.length; k++) {
        const d = m.docs[k];
        users += 1 - this.seen[d];
        this.seen[d] = 1;
      }
    }
    for (const m of matches) if (m) for (let k = 0; k < m.docs.length; k++) this.seen[m.docs[k]] = 0;
    const n = this.index.docCount;
    const conceptIdf = bm25Idf(users, n);
    alternatives.forEach((alt, i) => {
      const m = matches[i];
      if (!m) return;
      let idf = 0;
      for (const t of alt.terms) idf += bm25Idf(this.index.postings(t)?.docs.length ?? 0, n);
      idf /= alt.terms.length;
      const weight = idf > conceptIdf ? (alt.weight * conceptIdf) / idf : alt.weight;
      for (let k = 0; k < m.docs.length; k++) {
        const d = m.docs[k];
        const score = weight * m.scores[k];
        if (this.best[d] === 0) clauseTouched.push(d);
        if (score > this.best[d]) this.best[d] = score;
      }
    });
  }

  private clear(touched: readonly number[]): void {
    for (const d of touched) {
      this.total[d] = 0;
      this.clauseMask[d] = 0;
    }
  }

  /**
   * The best `limit` documents for the clauses, `exactNames` (documents whose name is the query)
   * first, each score multiplied by `boost(doc)` when given. Scores are made non-increasing down
   * the list, so they read as the order.
   */
  search(clauses: readonly Clause[], limit: number, exactNames: readonly number[], boost?: (doc: number) => number): RankedDocument[] {
    const touched = this.accumulate(clauses);
    try {
      // A per-document prior (the topic prior) scales scores before the tiers are formed.
      if (boost) for (const d of touched) this.total[d] *= boost(d);
      let required = 0;
      clauses.forEach((c, i) => {
        if (c.required) required |= 1 << i;
      });
      const requiredCount = popcount(required);
      const nameSet = new Set(exactNames);
      const andTier: number[] = [];
      const orTier: number[] = [];
      const orShare = new Map<number, number>();
      for (const d of touched) {
        if (nameSet.has(d)) continue;
        const matched = this.clauseMask[d] & required;
        if (requiredCount && matched === required) andTier.push(d);
        else {
          orShare.set(d, requiredCount ? Math.max(popcount(matched) / requiredCount, MIN_OR_SHARE) : 1);
          orTier.push(d);
        }
      }
      const byTotal = (a: number, b: number) => this.total[a] > this.total[b] || (this.total[a] === this.total[b] && a < b);
      const out: RankedDocument[] = [];
      const push = (d: number, share: number, tier: RankedDocument['tier']) => {
        const tierScore = this.total[d] * share;
        out.push({ doc: d, score: tierScore, tierScore, share, clauseMask: this.clauseMask[d], tier });
      };
      for (const d of topK([...nameSet], limit, byTotal)) push(d, 1, 0);
      for (const d of topK(andTier, limit - out.length, byTotal)) push(d, 1, 1);
      const orScore = (d: number) => this.total[d] * (orShare.get(d) as number);
      const byOr = (a: number, b: number) => {
        const sa = orScore(a);
        const sb = orScore(b);
        return sa > sb || (sa === sb && a < b);
      };
      for (const d of topK(orTier, limit - out.length, byOr)) push(d, orShare.get(d) as number, 2);
      displayScores(out);
      return out;
    } finally {
      this.clear(touched);
    }
  }

  /**
   * Documents most like a weighted bag of terms (each clause one term, all optional), with
   * `boost(doc)` multiplying the score; never `exclude`.
   */
  similar(clauses: readonly Clause[], limit: number, exclude: number, boost: (doc: number) => number): RankedDocument[] {
    const touched = this.accumulate(clauses);
    try {
      const score = new Map<number, number>();
      for (const d of touched) if (d !== exclude) score.set(d, this.total[d] * boost(d));
      const better = (a: number, b: number) => {
        const sa = score.get(a) as number;
        const sb = score.get(b) as number;
        return sa > sb || (sa === sb && a < b);
      };
      // Every clause is optional here: all papers are of the OR tier.
      return topK([...score.keys()], limit, better).map(d => {
        const s = score.get(d) as number;
        return { doc: d, score: s, tierScore: s, share: 1, clauseMask: this.clauseMask[d], tier: 2 as const };
      });
    } finally {
      this.clear(touched);
    }
  }

  /**
   * For each matched clause, the label of the alternative that scored best in `doc`; which clauses
   * `doc` matches by an alternative that is not an uncertain correction (bit i: clause i); and the
   * terms of every alternative it matches, but those of request words.
   */
  matchDetails(clauses: readonly Clause[], doc: number, clauseMask: number): { labels: string[]; sureMask: number; terms: string[][] } {
    const labels: string[] = [];
    const terms: string[][] = [];
    let sureMask = 0;
    clauses.forEach((clause, ci) => {
      if (!(clauseMask & (1 << ci))) return;
      let bestLabel = '';
      let bestScore = 0;
      for (const alt of clause.alternatives) {
        let s = 0;
        for (const t of alt.terms) {
          const v = scoreIn(this.index.postings(t), doc);
          if (!v) {
            s = 0;
            break;
          }
          s += v;
        }
        if (s > 0 && !alt.uncertain) sureMask |= 1 << ci;
        // what made it match, for highlighting; request words ("papers", "method") are no reason
        if (s > 0 && clause.informativeness > 0) terms.push(alt.terms);
        if (s * alt.weight > bestScore) {
          bestScore = s * alt.weight;
          bestLabel = alt.label;
        }
      }
      if (bestLabel && !labels.includes(bestLabel)) labels.push(bestLabel);
    });
    return { labels, sureMask, terms };
  }
}

/**
 * Sets each document's display `score` from its `tierScore`, for a list in rank order. A tier whose
 * first score would exceed the last of the tier above is scaled down to fit below it: its first
 * then reads as that last score times its share of the required clauses (a paper matching four of
 * five words shows 0.8 of the full match above it), and the rest keep their ratios to it. Scores
 * then read as the order and differ wherever the evidence differs. (Clamping each score to the one
 * above instead tied every lower-tier paper scoring above the last of the tier above — "how do I cut
 * KV cache memory at inference" showed eleven papers at one score — and feedback, re-ranking by
 * those scores, then ordered them by its own terms alone.)
 */
export function displayScores(ranked: RankedDocument[]): void {
  let previous = Infinity;
  let scale = 1;
  for (let i = 0; i < ranked.length; i++) {
    const r = ranked[i];
    if (i === 0 || r.tier !== ranked[i - 1].tier) scale = r.tierScore > previous ? (previous * r.share) / r.tierScore : 1;
    // min(): non-increasing even where a tier is not in tierScore order (exact names keep theirs)
    r.score = Math.min(r.tierScore * scale, previous);
    previous = r.score;
  }
}

function popcount(x: number): number {
  let n = 0;
  for (let v = x >>> 0; v; v &= v - 1) n++;
  return n;
}
