// Per-term scored postings: for a term, every document that has it and how well it matches
// (BM25 per field, times the field's boost, summed over fields). Two implementations give the
// same numbers: MiniSearch, and a compact typed-array index for large libraries, where MiniSearch
// spends most of a query building a result object for every matching document (see bench/).

/** The fields a paper is indexed by. */
export const FIELDS = ['names', 'title', 'abstract', 'topics'] as const;
export type Field = (typeof FIELDS)[number];

/**
 * Names (each a single term, see paperTerms) weigh most, so a name query finds its paper first.
 * Titles weigh more than abstracts, but not by much: BM25's length normalisation already favours
 * a hit in a ten-word title over one in a 200-word abstract, and a steeper title boost let one
 * title word outweigh several abstract words in longer queries (measured on the dev queries:
 * title 1.5 > 2 > 2.5). Topics hold each topic's curated label and description.
 */
export const FIELD_BOOSTS: Readonly<Record<Field, number>> = { names: 4, title: 1.5, abstract: 1, topics: 1 };

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

export function bm25(termFreq: number, docFreq: number, docCount: number, fieldLength: number, avgFieldLength: number): number {
  const idf = Math.log(1 + (docCount - docFreq + 0.5) / (docFreq + 0.5));
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

const FIELD_COUNT = FIELDS.length;
// Term frequencies per field are packed one byte each into one number per posting while building.
const MAX_TF = 255;

/**
 * An inverted index in typed arrays, built in one pass and then immutable. Field lengths count
 * distinct terms, as MiniSearch does, so scores match it to float precision.
 */
export class CompactTermIndex implements TermIndex {
  readonly docCount: number;
  private readonly termIds = new Map<string, number>();
  private readonly postingDocs: Uint32Array[] = [];
  private readonly postingScores: Float32Array[] = [];

  constructor(documents: readonly DocumentTerms[]) {
    this.docCount = documents.length;
    const docsOf: number[][] = [];
    const tfsOf: number[][] = [];
    const fieldLength = FIELDS.map(() => new Uint32Array(documents.length));
    const totalLength = new Array<number>(FIELD_COUNT).fill(0);
    const counts = new Map<number, number>();
    documents.forEach((doc, d) => {
      counts.clear();
      FIELDS.forEach((field, f) => {
        const terms = doc[field];
        const shift = 8 * f;
        let unique = 0;
        for (const term of terms) {
          let id = this.termIds.get(term);
          if (id === undefined) {
            id = docsOf.length;
            this.termIds.set(term, id);
            docsOf.push([]);
            tfsOf.push([]);
          }
          const packed = counts.get(id) ?? 0;
          const tf = (packed >>> shift) & 0xff;
          if (tf === 0) unique++;
          if (tf < MAX_TF) counts.set(id, packed + (1 << shift));
        }
        fieldLength[f][d] = Math.max(1, unique);
        totalLength[f] += Math.max(1, unique);
      });
      for (const [id, packed] of counts) {
        docsOf[id].push(d);
        tfsOf[id].push(packed);
      }
    });
    const avgLength = totalLength.map(t => t / Math.max(1, documents.length));
    const docFreq = new Array<number>(FIELD_COUNT);
    for (let id = 0; id < docsOf.length; id++) {
      const docs = docsOf[id];
      const tfs = tfsOf[id];
      docFreq.fill(0);
      for (const packed of tfs) for (let f = 0; f < FIELD_COUNT; f++) if ((packed >>> (8 * f)) & 0xff) docFreq[f]++;
      const scores = new Float32Array(docs.length);
      for (let k = 0; k < docs.length; k++) {
        let s = 0;
        for (let f = 0; f < FIELD_COUNT; f++) {
          const tf = (tfs[k] >>> (8 * f)) & 0xff;
          if (tf) s += FIELD_BOOSTS[FIELDS[f]] * bm25(tf, docFreq[f], this.docCount, fieldLength[f][docs[k]], avgLength[f]);
        }
        scores[k] = s;
      }
      this.postingDocs.push(Uint32Array.from(docs));
      this.postingScores.push(scores);
      // Free the build lists as we go: a 50,000-paper build holds millions of postings.
      docsOf[id] = [];
      tfsOf[id] = [];
    }
  }

  postings(term: string): Postings | undefined {
    const id = this.termIds.get(term);
    return id === undefined ? undefined : { docs: this.postingDocs[id], scores: this.postingScores[id] };
  }
}
