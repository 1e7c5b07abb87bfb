// Topic prior: cluster-based smoothing over the curated topics. Each topic gets a centroid — the
// tf·idf terms of its papers' titles and abstracts — and a query is matched against the centroids
// as well as against papers. A paper in a topic the query is about then ranks above an equally
// scored paper outside it: "kv cache eviction" lifts DuoAttention (kv-cache topic, never says
// "eviction") over a paper that only mentions caches in passing. It uses only the curation every
// paper already has, so it works the same on queries nobody has seen.
import type { Clause } from './queryPlan';
import type { DocumentTerms } from './termIndex';

/** How much a primary topic counts against a secondary one. */
const SECONDARY_TOPIC_WEIGHT = 0.5;
/** Topics per paper the prior looks at (the corpus allows a primary and two more). */
const MAX_TOPICS = 3;
/**
 * Papers (primary-weighted) a centroid is computed from: a few hundred know a topic's vocabulary
 * as well as thousands, and a large library is indexed without summing every abstract twice.
 */
const CENTROID_SAMPLE = 300;
/** Centroid terms kept per topic: enough for its vocabulary, not its noise. */
const CENTROID_TERMS = 400;

/** Accumulates topic centroids while papers are indexed (no need to keep every paper's terms). */
export class TopicPriorBuilder {
  private readonly sums: Map<string, number>[];
  private readonly members: Float64Array;
  private readonly docTopics: (readonly string[])[] = [];

  constructor(private readonly topicIds: readonly string[]) {
    this.sums = topicIds.map(() => new Map());
    this.members = new Float64Array(topicIds.length);
  }

  add(topics: readonly string[], terms: DocumentTerms): void {
    this.docTopics.push(topics);
    let tf: Map<string, number> | undefined;
    topics.forEach((topic, position) => {
      const ti = this.topicIds.indexOf(topic);
      if (ti < 0 || this.members[ti] >= CENTROID_SAMPLE) return;
      if (!tf) {
        tf = new Map();
        for (const t of terms.title) tf.set(t, (tf.get(t) ?? 0) + 2);
        for (const t of terms.abstract) tf.set(t, (tf.get(t) ?? 0) + 1);
      }
      const w = position === 0 ? 1 : SECONDARY_TOPIC_WEIGHT;
      this.members[ti] += w;
      const sums = this.sums[ti];
      for (const [t, f] of tf) sums.set(t, (sums.get(t) ?? 0) + w * (1 + Math.log(f)));
    });
  }

  /** @param docFrequency documents of the whole library that use a term (asked once per term) */
  finish(docFrequency: (term: string) => number): TopicPrior {
    const docCount = this.docTopics.length;
    const dfCache = new Map<string, number>();
    const df = (t: string) => {
      let v = dfCache.get(t);
      if (v === undefined) dfCache.set(t, (v = Math.max(1, docFrequency(t))));
      return v;
    };
    const centroids = this.sums.map((sums, ti) => {
      const weighted = [...sums].map(([t, s]) => [t, (s / Math.max(this.members[ti], 1)) * Math.log(1 + docCount / df(t))] as const);
      weighted.sort((a, b) => b[1] - a[1]);
      return new Map(weighted.slice(0, CENTROID_TERMS));
    });
    // Topic positions per document in a flat typed array (-1: none), so scoring a document costs
    // a few array reads even when a query touches every paper of a large library.
    const docTopicIndex = new Int16Array(docCount * MAX_TOPICS).fill(-1);
    this.docTopics.forEach((topics, d) => {
      topics.slice(0, MAX_TOPICS).forEach((t, k) => {
        docTopicIndex[d * MAX_TOPICS + k] = this.topicIds.indexOf(t);
      });
    });
    return new TopicPrior(this.topicIds, docTopicIndex, centroids);
  }
}

export class TopicPrior {
  constructor(
    private readonly topicIds: readonly string[],
    /** MAX_TOPICS entries per document: topic index by position (primary first), -1 when none. */
    private readonly docTopicIndex: Int16Array,
    private readonly centroids: readonly Map<string, number>[],
  ) {}

  /** How well the query matches each topic, scaled so the best topic is 1 (all 0 when none does). */
  topicScores(clauses: readonly Clause[]): Float64Array {
    const scores = new Float64Array(this.topicIds.length);
    this.centroids.forEach((centroid, ti) => {
      let s = 0;
      for (const clause of clauses) {
        let best = 0;
        for (const alt of clause.alternatives) {
          let sum = 0;
          for (const t of alt.terms) sum += centroid.get(t) ?? 0;
          best = Math.max(best, (alt.weight * sum) / alt.terms.length);
        }
        s += best;
      }
      scores[ti] = s;
    });
    const max = Math.max(0, ...scores);
    if (max > 0) for (let i = 0; i < scores.length; i++) scores[i] /= max;
    return scores;
  }

  /** Per-document multiplier 1 + strength · (how much its topics are what the query is about). */
  documentBoost(clauses: readonly Clause[], strength: number): (doc: number) => number {
    const scores = this.topicScores(clauses);
    const index = this.docTopicIndex;
    return doc => {
      let prior = 0;
      for (let k = 0; k < MAX_TOPICS; k++) {
        const ti = index[doc * MAX_TOPICS + k];
        if (ti < 0) break;
        const s = scores[ti];
        prior = Math.max(prior, (k === 0 ? 1 : SECONDARY_TOPIC_WEIGHT) * s * s);
      }
      return 1 + strength * prior;
    };
  }
}
