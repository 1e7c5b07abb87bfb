// Ranked full-text search over papers: the one entry point for the quick pick, the tree filter,
// the details view and the CLI.
import type { Paper, Topic } from '../library/model';
import { FEEDBACK, feedbackTerms, rerankWithFeedback } from './feedback';
import { type Clause, nameKey, planQuery, type QueryPlan } from './queryPlan';
import { Ranker } from './ranker';
import { CompactTermIndex, type DocumentTerms, type TermIndex, type TermIndexBuilder } from './termIndex';
import { analyze, forEachTerm, indexTerm } from './text';
import { type TopicPrior, TopicPriorBuilder } from './topicPrior';
import { Vocabulary } from './vocabulary';

export interface SearchHit {
  paper: Paper;
  score: number;
  /** Which query words matched (or the synonym, completion or correction that did), for highlighting. */
  matches?: string[];
  /**
   * The index terms of each query word, synonym, completion or correction this paper matches (but
   * request words), for `matchRanges`: which words of its name or title to highlight.
   */
  matchedTerms?: string[][];
  /**
   * The share of what the query seeks that this paper matches: the informativeness (idf) of the
   * query words it matches surely — not by an uncertain typo correction — over that of all the
   * query's words, those no paper uses included. 1 for a paper the query names.
   */
  coverage?: number;
  /**
   * It matches no telling part of the query (coverage below WEAK_COVERAGE): only very common words,
   * or a guess at a word no paper uses, or nothing of the query's rarest words. Search still
   * returns such papers, best first; a caller says that nothing matches well (`isWeakResult`).
   */
  weak?: boolean;
}

export interface SearchOptions {
  /** Default 20. */
  limit?: number;
  /** As-you-type: the last word also matches the words it starts (unless followed by a space). Default true. */
  prefix?: boolean;
  /** Re-rank with pseudo-relevance feedback (feedback.ts). Default true. */
  feedback?: boolean;
}

/**
 * Which term index backs the search; every index gives the same scores and rankings (unit-tested).
 * The default is CompactTermIndex, a typed-array index. MiniSearch (miniSearchIndex.ts) is kept as
 * the reference the compact index is checked against, and only tests, evals and benchmarks pass
 * it, so the shipped bundle does not carry it. Measured (bench/searchBench.ts): at 50,000 papers
 * MiniSearch answers at ~940 ms p95 against ~14 ms because it builds a result object per matching
 * document per term; on the bundled 129 papers the compact index is also the faster cold start
 * (~26 ms to the first result against ~39 ms).
 */
export type TermIndexFactory = () => TermIndexBuilder;

export interface PaperSearchOptions {
  /** Makes the builder of the term index; CompactTermIndex.builder when absent. */
  termIndex?: TermIndexFactory;
}

const DEFAULT_LIMIT = 20;
/**
 * How much the topic prior (topicPrior.ts) lifts papers of the topics a query is about. Measured
 * on the dev queries: 0 → 0.889 nDCG@10, 0.25 → 0.891, 0.5 → 0.895, 1 → 0.896, 2 → 0.892; 0.5 keeps
 * most of the gain with the least effect on queries that are not about a topic.
 */
export const TOPIC_PRIOR_STRENGTH = 0.5;
/**
 * A paper matching less than this share of the query's informativeness is a weak match
 * (SearchHit.weak): less than half of what the query asks for. Measured with npm run eval:search
 * (all-weak answers among 50 hits): 0.3 → dev 0/44, invented in-field 0/40, invented off-topic
 * 14/18; 0.4–0.45 → 0, 0, 16; 0.5–0.55 → 0, 0, 17; 0.6 → 0, 1, 17; 0.7 → 1, 2, 18. Nearest on
 * either side: dev 0.70 and in-field 0.59 best coverage, off-topic 0.47 (one at 0.65: "python list
 * comprehension syntax", whose words code papers use).
 */
export const WEAK_COVERAGE = 0.5;
const DEFAULT_RELATED = 10;
/** Terms of a paper used to find its neighbours: its most distinctive ones (≤ 32, the ranker's mask). */
const RELATED_TERMS = 32;
/** Multiplies a neighbour's score per shared topic (a shared primary topic counts double). */
const RELATED_TOPIC_BONUS = 0.25;
/** Papers whose own terms are kept analysed: a query's top papers recur as it is typed. */
const OWN_TERM_CACHE = 256;

interface PendingBuild {
  builder: TermIndexBuilder;
  topics: TopicPriorBuilder;
  vocabulary: Vocabulary;
  /** The next paper to index. */
  next: number;
  /** Once every paper is indexed: the finished term index (finishing in slices until then). */
  index?: TermIndex;
  /** The name lookup being filled, and the next paper to file in it. */
  names: Map<string, number[]>;
  nextName: number;
}

interface Built {
  index: TermIndex;
  vocabulary: Vocabulary;
  ranker: Ranker;
  topicPrior: TopicPrior;
  /** nameKey → papers that have this name or title. */
  names: Map<string, number[]>;
}

/**
 * The analysed fields of a paper. Names: short name and aliases; title: listing and arXiv titles;
 * topics: label and description of each of its topics (`topicText`); phrases: its curated search
 * phrases.
 */
export function paperTerms(paper: Paper, topicText: ReadonlyMap<string, string>, vocabulary?: Vocabulary): DocumentTerms {
  const collect = (texts: readonly string[]) => {
    const out: string[] = [];
    for (const text of texts) {
      forEachTerm(text, (surface, term) => {
        out.push(term);
        vocabulary?.addSurface(surface, term);
      });
    }
    return out;
  };
  // Each name is one term ("Activation Beacon" → activationbeacon): a name query hits it, while
  // the words inside names ("attention" in DuoAttention) stay title and abstract words and do not
  // borrow the weight of a name.
  const names: string[] = [];
  for (const name of new Set([...(paper.shortName ? [paper.shortName] : []), ...paper.aliases.map(a => a.name)])) {
    const key = nameKey(name);
    const term = key && indexTerm(key);
    if (!term) continue;
    names.push(term);
    vocabulary?.addSurface(key, term);
  }
  return {
    names,
    title: collect([paper.title, ...(paper.arxivTitle ? [paper.arxivTitle] : [])]),
    abstract: collect([paper.abstract]),
    topics: collect(paper.topics.map(t => topicText.get(t) ?? '')),
    phrases: collect(paper.searchPhrases ?? []),
  };
}

export class PaperSearch {
  private built: Built | undefined;
  private pending: PendingBuild | undefined;
  private readonly byId = new Map<string, number>();
  private readonly topicText: Map<string, string>;
  private readonly topicIds: string[];
  private readonly ownTermCache = new Map<number, string[]>();

  constructor(
    private readonly papers: readonly Paper[],
    topics: readonly Topic[],
    private readonly options: PaperSearchOptions = {},
  ) {
    papers.forEach((p, i) => this.byId.set(p.id, i));
    this.topicText = new Map(topics.map(t => [t.id, `${t.label}. ${t.description}`]));
    this.topicIds = topics.map(t => t.id);
  }

  /** Builds the index now instead of on the first search (for warm-up, tests and benchmarks). */
  prepare(): void {
    this.build();
  }

  /**
   * Builds the index in slices of about `sliceMs`, yielding to the event loop between them, so a
   * large library is indexed without blocking the editor. A search meanwhile finishes the build
   * itself. Resolves when the index is ready.
   */
  async prepareAsync(sliceMs = 10): Promise<void> {
    while (!this.built) {
      const state = this.startBuild();
      const deadline = performance.now() + sliceMs;
      // Indexing, then scoring the postings and filling the name lookup, are each sliced: at
      // 20,123 papers the last two took ~0.4 s at once, the editor's largest stall.
      if (state.next < this.papers.length) this.indexPapers(state, deadline);
      else if (!state.index) state.index = state.builder.finishSome ? state.builder.finishSome(deadline) : state.builder.finish();
      else if (this.fileNames(state, deadline)) {
        // The query planner's word lists, too: sorting them made the first search ~100 ms slower.
        if (!state.vocabulary.prepareSome(deadline)) {
          await new Promise<void>(resolve => setImmediate(resolve));
          continue;
        }
        this.build();
        return;
      }
      await new Promise<void>(resolve => setImmediate(resolve));
    }
  }

  private startBuild(): PendingBuild {
    return (this.pending ??= {
      builder: (this.options.termIndex ?? CompactTermIndex.builder)(),
      topics: new TopicPriorBuilder(this.topicIds),
      vocabulary: new Vocabulary(),
      next: 0,
      names: new Map(),
      nextName: 0,
    });
  }

  /** Files papers under their names (nameKey) until all are or `deadline` passes; true when done. */
  private fileNames(state: PendingBuild, deadline: number): boolean {
    const names = state.names;
    while (state.nextName < this.papers.length) {
      const i = state.nextName++;
      const p = this.papers[i];
      for (const n of [p.title, p.arxivTitle, p.shortName, ...p.aliases.map(a => a.name)]) {
        const key = n && nameKey(n);
        if (!key) continue;
        const list = names.get(key) ?? [];
        if (!list.includes(i)) list.push(i);
        names.set(key, list);
      }
      if ((state.nextName & 63) === 0 && performance.now() > deadline) return false;
    }
    return true;
  }

  /** Analyses and indexes papers until all are done or `deadline` (performance.now()) passes. */
  private indexPapers(state: PendingBuild, deadline: number): void {
    const { builder, vocabulary, topics } = state;
    while (state.next < this.papers.length) {
      const paper = this.papers[state.next++];
      const terms = paperTerms(paper, this.topicText, vocabulary);
      builder.add(terms);
      topics.add(paper.topics, terms);
      if ((state.next & 15) === 0 && performance.now() > deadline) return;
    }
  }

  private build(): Built {
    if (this.built) return this.built;
    const state = this.startBuild();
    this.indexPapers(state, Infinity);
    const index = (state.index ??= state.builder.finish());
    const vocabulary = state.vocabulary;
    vocabulary.useIndex(index);
    this.fileNames(state, Infinity);
    const names = state.names;
    this.pending = undefined;
    const topicPrior = state.topics.finish(term => vocabulary.docFrequency(term));
    this.built = { index, vocabulary, ranker: new Ranker(index), topicPrior, names };
    return this.built;
  }

  /** The clauses a query turns into (for tests and diagnosis). */
  plan(query: string, options: SearchOptions = {}): QueryPlan {
    return planQuery(query, this.build().vocabulary, { prefix: options.prefix ?? true });
  }

  search(query: string, options: SearchOptions = {}): SearchHit[] {
    if (typeof query !== 'string' || !query.trim()) return [];
    const limit = normalizeLimit(options.limit, DEFAULT_LIMIT);
    if (!limit) return [];
    const built = this.build();
    const plan = planQuery(query, built.vocabulary, { prefix: options.prefix ?? true });
    const exact = built.names.get(plan.nameKey) ?? [];
    if (!plan.clauses.length && !exact.length) return [];
    const boost = built.topicPrior.documentBoost(plan.clauses, TOPIC_PRIOR_STRENGTH);
    const feedback = options.feedback ?? true;
    let ranked = built.ranker.search(plan.clauses, feedback ? Math.max(limit, FEEDBACK.candidates) : limit, exact, boost);
    if (feedback && ranked.length > 1) {
      const top = ranked[0].score;
      const expansion = feedbackTerms(
        ranked.slice(0, FEEDBACK.docs).map(r => ({ terms: this.ownTermsOf(r.doc), share: r.score / top })),
        term => built.vocabulary.idf(term),
        FEEDBACK.terms,
      );
      // Feedback re-orders papers within the AND tier and within the OR tier, never across them.
      ranked = rerankWithFeedback(ranked, built.index, expansion, boost).slice(0, limit);
    }
    const asked = plan.clauses.reduce((sum, c) => sum + c.informativeness, plan.unmatched);
    return ranked.map(r => {
      const { labels, sureMask, terms } = built.ranker.matchDetails(plan.clauses, r.doc, r.clauseMask);
      let covered = 0;
      plan.clauses.forEach((c, i) => {
        if (sureMask & (1 << i)) covered += c.informativeness;
      });
      // A query of filler words only ("find papers") asks for nothing in particular: no match is weak.
      const coverage = r.tier === 0 || !(asked > 0) ? 1 : covered / asked;
      return { paper: this.papers[r.doc], score: r.score, matches: labels, matchedTerms: terms, coverage, weak: coverage < WEAK_COVERAGE };
    });
  }

  /**
   * A paper's own words: its title terms twice (a title says more) and its abstract terms, what
   * feedback and related papers weigh. Cached; only those two fields are analysed.
   */
  private ownTermsOf(doc: number): string[] {
    let terms = this.ownTermCache.get(doc);
    if (!terms) {
      const paper = this.papers[doc];
      const title = [paper.title, ...(paper.arxivTitle ? [paper.arxivTitle] : [])].flatMap(analyze);
      terms = [...title, ...title, ...analyze(paper.abstract)];
      if (this.ownTermCache.size >= OWN_TERM_CACHE) this.ownTermCache.delete(this.ownTermCache.keys().next().value as number);
      this.ownTermCache.set(doc, terms);
    }
    return terms;
  }

  /**
   * Papers most like `paperId`: those sharing its rarest title and abstract terms (BM25 over the
   * index), favouring papers of the same topics. Never the paper itself; [] for an unknown id.
   */
  related(paperId: string, limit = DEFAULT_RELATED): SearchHit[] {
    const self = this.byId.get(paperId);
    const n = normalizeLimit(limit, DEFAULT_RELATED);
    if (self === undefined || !n) return [];
    const built = this.build();
    const paper = this.papers[self];
    const clauses = distinctiveTerms(this.ownTermsOf(self), built.vocabulary, this.papers.length);
    const topics = paper.topics;
    const boost = (d: number) => {
      let shared = 0;
      for (const t of this.papers[d].topics) if (topics.includes(t)) shared += t === topics[0] || t === this.papers[d].topics[0] ? 2 : 1;
      return 1 + RELATED_TOPIC_BONUS * shared;
    };
    return built.ranker.similar(clauses, n, self, boost).map(r => ({ paper: this.papers[r.doc], score: r.score }));
  }
}

/**
 * A paper's terms as optional one-term clauses weighted by tf·idf, the `RELATED_TERMS` heaviest:
 * rare shared terms ("haystack", "eviction") say more about a paper than "model" or "context".
 */
function distinctiveTerms(terms: readonly string[], vocabulary: Vocabulary, docCount: number): Clause[] {
  const tf = new Map<string, number>();
  for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
  const weighted = [...tf].map(([term, f]) => {
    const df = Math.max(1, vocabulary.docFrequency(term));
    return { term, weight: Math.sqrt(f) * Math.log(1 + docCount / df) };
  });
  weighted.sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1));
  const top = weighted.slice(0, RELATED_TERMS);
  const max = top.length ? top[0].weight : 1;
  return top.map(({ term, weight }) => ({ alternatives: [{ terms: [term], weight: weight / max, label: term }], required: false, label: term, informativeness: 0 }));
}

/** Nothing matches the query well: there are hits, and every one is weak (SearchHit.weak). */
export function isWeakResult(hits: readonly SearchHit[]): boolean {
  return hits.length > 0 && hits.every(h => h.weak);
}

function normalizeLimit(limit: number | undefined, fallback: number): number {
  if (limit === undefined) return fallback;
  if (!Number.isFinite(limit) || limit <= 0) return 0;
  return Math.floor(limit);
}
