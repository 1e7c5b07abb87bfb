// Small hand-made libraries for the search tests: each test states the papers it ranks.
import type { Paper, Topic } from '../../src/core/library/model';
import * as fs from 'fs';
import * as path from 'path';
import { buildCorpus, type SearchPhrases } from '../../scripts/build/corpusBuilder';
import { Library } from '../../src/core/library/library';
import { PaperSearch } from '../../src/core/search';
import { MiniSearchTermIndex } from '../../src/core/search/miniSearchIndex';
import { CompactTermIndex } from '../../src/core/search/termIndex';

/** Which term index a test library is built on: the shipped compact one, or MiniSearch as the reference. */
export type SearchEngine = 'compact' | 'minisearch';
import { bundledSource } from '../../src/core/sources/bundledCorpus';
import { DATA, englishLexicon, readData } from './testCorpus';

export interface PaperSpec {
  id: string;
  title: string;
  abstract?: string;
  shortName?: string;
  aliases?: string[];
  topics?: string[];
  searchPhrases?: string[];
}

export function paper(spec: PaperSpec): Paper {
  return {
    id: spec.id,
    arxiv: spec.id,
    title: spec.title,
    abstract: spec.abstract ?? '',
    year: 2024,
    month: 1,
    firstAuthor: 'Doe',
    shortName: spec.shortName ?? null,
    aliases: (spec.aliases ?? (spec.shortName ? [spec.shortName] : [])).map(name => ({ name, origin: 'curated' as const })),
    topics: spec.topics ?? ['misc'],
    links: [],
    ...(spec.searchPhrases ? { searchPhrases: spec.searchPhrases } : {}),
  };
}

export const TOPICS: Topic[] = [
  { id: 'misc', label: 'Miscellany', description: 'Everything else.' },
  { id: 'memory', label: 'Memory', description: 'Remembering things.' },
  { id: 'vision', label: 'Vision', description: 'Pictures and video.' },
];

export function library(specs: PaperSpec[], engine?: SearchEngine): PaperSearch {
  return new PaperSearch(specs.map(paper), TOPICS, engine ? { termIndex: engine === 'minisearch' ? MiniSearchTermIndex.builder : CompactTermIndex.builder } : {});
}

export const ids = (hits: { paper: Paper }[]) => hits.map(h => h.paper.id);

let shipped: PaperSearch | undefined;
/** Search over the bundled corpus as shipped: with its curated search phrases (testCorpus() has none). */
export function shippedSearch(): PaperSearch {
  if (!shipped) {
    const { seed, metadata, curation } = readData();
    const phrases = JSON.parse(fs.readFileSync(path.join(DATA, 'search-phrases.json'), 'utf8')) as SearchPhrases;
    const snapshot = new Library([bundledSource(buildCorpus(seed, metadata, curation, englishLexicon(), phrases))]).snapshot();
    shipped = new PaperSearch(snapshot.papers, snapshot.topics);
  }
  return shipped;
}
