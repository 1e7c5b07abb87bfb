// Pseudo-relevance feedback (RM3-style): the papers a query ranks first say what it is about in
// their own words, so their most telling terms re-score the rest of the candidates. A question
// asked in other words than a paper's ("serve long-context requests across many GPUs") ranks the
// few papers it does match first; their shared vocabulary ("distributed", "instances", "KV cache")
// then lifts the relevant papers the query's words alone missed.
//
// Only candidates the query already matched are re-ranked (a bounded amount of work however large
// the library), and papers named by the query stay first.
import { displayScores, type RankedDocument } from './ranker';
import { scoreIn, type TermIndex } from './termIndex';

/**
 * Measured on the dev queries (npm run eval:search), everything else as shipped: nDCG@10 0.919
 * without feedback (questions 0.846), 0.929 with it (0.866). 5 or 10 documents × 20 or 30 terms
 * at weight 0.1–0.3 all give 0.924–0.929: a plateau, and these values sit on it.
 */
export const FEEDBACK = {
  /** Top papers whose terms make the feedback. */
  docs: 10,
  /** Feedback terms kept, by weight. */
  terms: 30,
  /** Weight of the feedback score against the query's own (both scaled to 1 at the top). */
  weight: 0.2,
  /** Candidates re-ranked: the first pass keeps at least this many. */
  candidates: 100,
};

export interface WeightedTerm {
  term: string;
  weight: number;
}

/**
 * The terms that best sum up `top` (each with its score share): Σ over documents of
 * score share × term frequency / length × idf, the `count` heaviest, scaled so the first is 1.
 */
export function feedbackTerms(
  top: readonly { terms: readonly string[]; share: number }[],
  idf: (term: string) => number,
  count: number,
): WeightedTerm[] {
  const weight = new Map<string, number>();
  for (const { terms, share } of top) {
    if (!terms.length || !(share > 0)) continue;
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, f] of tf) weight.set(t, (weight.get(t) ?? 0) + (share * f * idf(t)) / terms.length);
  }
  const ranked = [...weight].filter(([, w]) => w > 0).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const kept = ranked.slice(0, count);
  const max = kept.length ? kept[0][1] : 1;
  return kept.map(([term, w]) => ({ term, weight: w / max }));
}

/**
 * Re-ranks `ranked` (a first pass, best first, scores non-increasing): each document's score,
 * scaled to the top one, plus `weight` × its feedback score scaled the same way, within its tier.
 * Tiers keep their order, so the ranker's AND tier stays above its OR tier, and exact name hits
 * (tier 0) keep their places at the head. Scores stay non-increasing.
 */
export function rerankWithFeedback(
  ranked: readonly RankedDocument[],
  index: TermIndex,
  expansion: readonly WeightedTerm[],
  boost: (doc: number) => number = () => 1,
  weight = FEEDBACK.weight,
): RankedDocument[] {
  // The first pass's own scores, not its display scores: those are scaled to fit below the tier
  // above, which would shrink the query's evidence against feedback's in the lower tiers.
  const top = ranked.length ? ranked[0].tierScore : 0;
  if (ranked.length < 2 || !expansion.length || !(top > 0)) return [...ranked];
  const postings = expansion.map(e => index.postings(e.term));
  const feedback = ranked.map(r => {
    let s = 0;
    expansion.forEach((e, i) => {
      s += e.weight * scoreIn(postings[i], r.doc);
    });
    return s * boost(r.doc);
  });
  const maxFeedback = Math.max(...feedback);
  if (!(maxFeedback > 0)) return [...ranked];
  const combined = ranked.map((r, i) => ({ r, i, score: r.tierScore / top + (weight * feedback[i]) / maxFeedback }));
  combined.sort((a, b) => a.r.tier - b.r.tier || (a.r.tier === 0 ? a.i - b.i : b.score - a.score || a.i - b.i));
  const out = combined.map(c => ({ ...c.r, tierScore: c.score * top }));
  displayScores(out);
  return out;
}
