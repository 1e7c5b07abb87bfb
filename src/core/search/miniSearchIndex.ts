// The term index on MiniSearch: its radix tree holds the postings and its BM25 scores them. The
// documents arrive already analysed (see text.ts), so MiniSearch only splits on spaces.
// eslint-disable-next-line no-restricted-imports -- this adapter is the reference itself; only tests, evals and benchmarks import it.
import MiniSearch, { type Options } from 'minisearch';
import { type DocumentTerms, FIELD_BOOSTS, FIELDS, type Postings, type TermIndex, type TermIndexBuilder } from './termIndex';

interface IndexedDocument {
  id: number;
  names: string;
  title: string;
  abstract: string;
  topics: string;
  phrases: string;
}

const splitOnSpace = (text: string) => text.split(' ');
const asIs = (term: string) => term;

/** MiniSearch options for pre-analysed documents; `loadJSON` must get the same. */
export const MINISEARCH_OPTIONS: Options<IndexedDocument> = {
  fields: [...FIELDS],
  tokenize: splitOnSpace,
  processTerm: asIs,
  searchOptions: { boost: { ...FIELD_BOOSTS }, prefix: false, fuzzy: false, combineWith: 'OR' },
};

// Postings of recent terms: typing a query re-plans it on every keystroke with mostly the same terms.
const CACHE_SIZE = 512;

export class MiniSearchTermIndex implements TermIndex {
  private readonly cache = new Map<string, Postings | undefined>();

  private constructor(private readonly miniSearch: MiniSearch<IndexedDocument>) {}

  static builder(): TermIndexBuilder {
    const miniSearch = new MiniSearch<IndexedDocument>(MINISEARCH_OPTIONS);
    let id = 0;
    return {
      add: d =>
        miniSearch.add({
          id: id++,
          names: d.names.join(' '),
          title: d.title.join(' '),
          abstract: d.abstract.join(' '),
          topics: d.topics.join(' '),
          phrases: d.phrases.join(' '),
        }),
      finish: () => new MiniSearchTermIndex(miniSearch),
    };
  }

  static build(documents: Iterable<DocumentTerms>): MiniSearchTermIndex {
    const builder = MiniSearchTermIndex.builder();
    for (const d of documents) builder.add(d);
    return builder.finish() as MiniSearchTermIndex;
  }

  /** Loads an index serialised with `toJSON` (a prebuilt index shipped with the extension). */
  static fromJSON(json: string): MiniSearchTermIndex {
    return new MiniSearchTermIndex(MiniSearch.loadJSON<IndexedDocument>(json, MINISEARCH_OPTIONS));
  }

  toJSON(): string {
    return JSON.stringify(this.miniSearch);
  }

  get docCount(): number {
    return this.miniSearch.documentCount;
  }

  postings(term: string): Postings | undefined {
    if (this.cache.has(term)) return this.cache.get(term);
    const results = this.miniSearch.search(term);
    let postings: Postings | undefined;
    if (results.length) {
      results.sort((a, b) => a.id - b.id);
      postings = { docs: Uint32Array.from(results, r => r.id as number), scores: Float64Array.from(results, r => r.score) };
    }
    if (this.cache.size >= CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(term, postings);
    return postings;
  }
}
