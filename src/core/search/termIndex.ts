// Per-term scored postings: for a term, every document that has it and how well it matches
// (BM25 per field, times the field's boost, summed over fields). Two implementations give the
// same numbers: MiniSearch, and a compact typed-array index for large libraries, where MiniSearch
// spends most of a query building a result object for every matching document (see bench/).

/** The fields a paper is indexed by. */
export const FIELDS = ['names', 'title', 'abstract', 'topics', 'phrases'] as const;
export type Field = (typeof FIELDS)[number];

/**
 * Weight of the curated search phrases (Paper.searchPhrases, ~23 per paper). Measured on the dev
 * queries (npm run eval:search), everything else as shipped: 1 → 0.919 nDCG@10, 2 → 0.921,
 * 3 → 0.927, 4 → 0.929, 5 → 0.930, 6 → 0.928, 8 → 0.926. Heavier than the abstract because a
 * phrase is a whole query someone would type, written for this paper alone, and one paper has
 * many of them (BM25 scales a long field down).
 */
const PHRASES_BOOST = 4;

/**
 * Names (each a single term, see paperTerms) weigh most, so a name query finds its paper first.
 * Titles weigh more than abstracts, but not by much: BM25's length normalisation already favours
 * a hit in a ten-word title over one in a 200-word abstract, and a steeper title boost let one
 * title word outweigh several abstract words in longer queries (measured on the dev queries:
 * title 1.5 > 2 > 2.5). Topics hold each topic's curated label and description; phrases the
 * paper's curated search phrases (Paper.searchPhrases).
 */
export const FIELD_BOOSTS: Readonly<Record<Field, number>> = { names: 4, title: 1.5, abstract: 1, topics: 1, phrases: PHRASES_BOOST };

/** BM25+ as MiniSearch computes it (its defaults), so both indexes agree. */
export const BM25 = { k: 1.2, b: 0.7, d: 0.5 };

/** A paper's analysed text, field by field: index terms in order. */
export type DocumentTerms = Readonly<Record<Field, readonly string[]>>;

export interface Postings {
  /** Document numbers, ascending. */
  docs: ArrayLike<number>;
  /** Score of the term in each of those documents (> 0). */
  scores: ArrayLike<number>;
}

export interface TermIndex {
  readonly docCount: number;
  postings(term: string): Postings | undefined;
}

/** BM25's idf of a term that `docFreq` of `docCount` documents have. */
export function bm25Idf(docFreq: number, docCount: number): number {
  return Math.log(1 + (docCount - docFreq + 0.5) / (docFreq + 0.5));
}

export function bm25(termFreq: number, docFreq: number, docCount: number, fieldLength: number, avgFieldLength: number): number {
  const idf = bm25Idf(docFreq, docCount);
  return idf * (BM25.d + (termFreq * (BM25.k + 1)) / (termFreq + BM25.k * (1 - BM25.b + (BM25.b * fieldLength) / avgFieldLength)));
}

/** The term's score in document `doc`, or 0 when the document lacks it (binary search). */
export function scoreIn(postings: Postings | undefined, doc: number): number {
  if (!postings) return 0;
  let lo = 0;
  let hi = postings.docs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const d = postings.docs[mid];
    if (d === doc) return postings.scores[mid];
    if (d < doc) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

export interface TermIndexBuilder {
  /** Adds the next document (documents are numbered in the order added). */
  add(document: DocumentTerms): void;
  /** The finished index; the builder is spent. */
  finish(): TermIndex;
  /**
   * Finishes part of the index, until done or `deadline` (performance.now()) passes: the index
   * when done, else undefined (call again). Optional; `finish` after it completes what is left.
   */
  finishSome?(deadline: number): TermIndex | undefined;
}

const FIELD_COUNT = FIELDS.length;
// Term frequencies per field are packed one byte each into one number per posting while building:
// byte f is worth 256^f. Arithmetic, not bit shifts, because five fields need 40 bits (a double
// holds 53 exactly; JavaScript's shifts stop at 32).
const MAX_TF = 255;
const FIELD_UNIT = FIELDS.map((_, f) => 256 ** f);
function fieldTf(packed: number, f: number): number {
  // `& 0xff` truncates the quotient and keeps its low byte: exact for any packed value below 2^53.
  return (packed / FIELD_UNIT[f]) & 0xff;
}

/**
 * An inverted index in typed arrays, built in one pass and then immutable. Field lengths count
 * distinct terms, as MiniSearch does, so scores match it to float precision.
 */
export class CompactTermIndex implements TermIndex {
  private constructor(
    readonly docCount: number,
    private readonly termIds: Map<string, number>,
    private readonly postingDocs: Uint32Array[],
    private readonly postingScores: Float32Array[],
  ) {}

  static builder(): TermIndexBuilder {
    return new CompactIndexBuilder((docCount, termIds, docs, scores) => new CompactTermIndex(docCount, termIds, docs, scores));
  }

  static build(documents: Iterable<DocumentTerms>): CompactTermIndex {
    const builder = CompactTermIndex.builder();
    for (const d of documents) builder.add(d);
    return builder.finish() as CompactTermIndex;
  }

  postings(term: string): Postings | undefined {
    const id = this.termIds.get(term);
    return id === undefined ? undefined : { docs: this.postingDocs[id], scores: this.postingScores[id] };
  }
}

class CompactIndexBuilder implements TermIndexBuilder {
  private readonly termIds = new Map<string, number>();
  // Per term: the documents that have it and their packed per-field term frequencies.
  private readonly docsOf: number[][] = [];
  private readonly tfsOf: number[][] = [];
  private readonly fieldLength: number[][] = FIELDS.map(() => []);
  private readonly totalLength = new Array<number>(FIELD_COUNT).fill(0);
  // Packed term frequencies of the document being added, by term id, and the ids it touched:
  // an array, not a Map, because this runs once per word of every abstract.
  private readonly packedOf: number[] = [];
  private readonly touched: number[] = [];
  private docCount = 0;

  constructor(private readonly make: (docCount: number, termIds: Map<string, number>, docs: Uint32Array[], scores: Float32Array[]) => TermIndex) {}

  add(doc: DocumentTerms): void {
    const d = this.docCount++;
    const packedOf = this.packedOf;
    const touched = this.touched;
    touched.length = 0;
    for (let f = 0; f < FIELD_COUNT; f++) {
      let unique = 0;
      for (const term of doc[FIELDS[f]]) {
        let id = this.termIds.get(term);
        if (id === undefined) {
          id = this.docsOf.length;
          this.termIds.set(term, id);
          this.docsOf.push([]);
          this.tfsOf.push([]);
          packedOf.push(0);
        }
        const packed = packedOf[id];
        if (packed === 0) touched.push(id);
        const tf = fieldTf(packed, f);
        if (tf === 0) unique++;
        if (tf < MAX_TF) packedOf[id] = packed + FIELD_UNIT[f];
      }
      this.fieldLength[f].push(Math.max(1, unique));
      this.totalLength[f] += Math.max(1, unique);
    }
    for (const id of touched) {
      this.docsOf[id].push(d);
      this.tfsOf[id].push(packedOf[id]);
      packedOf[id] = 0;
    }
  }

  finish(): TermIndex {
    return this.finishSome(Infinity)!;
  }

  /** Where `finishSome` is: the next term to score and what is scored so far. */
  private finishing: { avgLength: number[]; fieldLength: Uint32Array[]; next: number; allDocs: Uint32Array[]; allScores: Float32Array[] } | undefined;

  /**
   * Scores the postings term by term, stopping at `deadline`: at 20,123 papers all of it took
   * ~130–180 ms at once, a stall of the editor when the index was built in the background.
   */
  finishSome(deadline: number): TermIndex | undefined {
    const n = this.docCount;
    const state = (this.finishing ??= {
      avgLength: this.totalLength.map(t => t / Math.max(1, n)),
      fieldLength: this.fieldLength.map(ls => Uint32Array.from(ls)),
      next: 0,
      allDocs: [],
      allScores: [],
    });
    const { avgLength, fieldLength, allDocs, allScores } = state;
    const boosts = FIELDS.map(f => FIELD_BOOSTS[f]);
    const docFreq = new Array<number>(FIELD_COUNT);
    while (state.next < this.docsOf.length) {
      const id = state.next++;
      const docs = this.docsOf[id];
      const tfs = this.tfsOf[id];
      docFreq.fill(0);
      for (const packed of tfs) for (let f = 0; f < FIELD_COUNT; f++) if (fieldTf(packed, f)) docFreq[f]++;
      const scores = new Float32Array(docs.length);
      for (let k = 0; k < docs.length; k++) {
        let s = 0;
        for (let f = 0; f < FIELD_COUNT; f++) {
          const tf = fieldTf(tfs[k], f);
          if (tf) s += boosts[f] * bm25(tf, docFreq[f], n, fieldLength[f][docs[k]], avgLength[f]);
        }
        scores[k] = s;
      }
      allDocs.push(Uint32Array.from(docs));
      allScores.push(scores);
      // Free the build lists as we go: a 50,000-paper build holds millions of postings.
      this.docsOf[id] = [];
      this.tfsOf[id] = [];
      // 256 terms between looks at the clock: most terms have a handful of postings.
      if ((state.next & 255) === 0 && state.next < this.docsOf.length && performance.now() > deadline) return undefined;
    }
    return this.make(n, this.termIds, allDocs, allScores);
  }
}
