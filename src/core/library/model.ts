import { displayTitle } from './display';

// The paper model every feature reads. Plain data: serialisable to dist/corpus.json and across a
// worker boundary as is. A paper may come from the bundled corpus, a user's bibliography, their
// collection or arXiv; the library merges those that are the same work (library.ts).

export type AliasOrigin =
  /** the part of the title before the colon (or the whole short title) */
  | 'title'
  /** a name the abstract coins: "we propose X", "X (Y)" */
  | 'abstract'
  /** a name read off a code/project URL */
  | 'url'
  /** a spelling variant of another alias: "Long-LoRA", "E2-LLM", "KV-Quant" */
  | 'variant'
  /** added by hand in data/curation.json */
  | 'curated'
  /** the citation key a user's library gives the paper ("xiao2024duo") */
  | 'key';

export interface Alias {
  name: string;
  origin: AliasOrigin;
  /**
   * The name is also an ordinary word or another thing ("Dolphin", "Titans", "Yi", "M1", "APE"):
   * match it only with its exact case and, where a mention detector can, with supporting context.
   */
  strict?: boolean;
  /** Another paper of the corpus is known by the same name ("Giraffe"). */
  ambiguous?: boolean;
}

export type LinkKind = 'arxiv' | 'huggingface' | 'code' | 'project' | 'model' | 'data' | 'other';

export interface Link {
  kind: LinkKind;
  url: string;
  label: string;
}

/** Where a paper came from: one entry per source that knows it (a merged paper has several). */
export interface PaperOrigin {
  /** The source's id (library.ts: `PaperSource.id`). */
  source: string;
  /** The citation key or id the source gives the paper. */
  key: string;
  /** The file and 1-based line the entry starts at, for go-to-definition. */
  file?: string;
  line?: number;
}

export interface Paper {
  /**
   * Stable id, unique in a library snapshot: the arXiv identifier for bundled and fetched papers,
   * the citation key for an entry of a user's bibliography.
   */
  id: string;
  /** arXiv identifier without version ("2410.10819"), when known. */
  arxiv?: string;
  /** DOI, lower-case, without a resolver prefix ("10.1145/3600006.3613165"), when known. */
  doi?: string;
  /** As the source gives it: the listing's text for bundled papers (LaTeX and all), Unicode for bibliographies. */
  title: string;
  /** As the source gives it; empty when the source has none. */
  abstract: string;
  /** The title arXiv shows now, where it differs from the listing's. */
  arxivTitle?: string;
  year?: number;
  month?: number;
  /** Surname of the first author, or a team name; empty when unknown. */
  firstAuthor: string;
  /** Every author's name as displayed ("Guangxuan Xiao"), when the source lists them. */
  authors?: string[];
  /** Journal, proceedings or archive, when the source names one. */
  venue?: string;
  /** The citation key a user's library gives the paper; references use it when set. */
  citationKey?: string;
  /** Every source that knows the paper, first (the one whose fields are shown) first. */
  origins?: PaperOrigin[];
  /** The name people write ("DuoAttention"); null when the paper has no short name. */
  shortName: string | null;
  aliases: Alias[];
  /** Topic ids, primary first. */
  topics: string[];
  links: Link[];
  /**
   * What a searcher might type for this paper in words other than its own (data/search-phrases.json,
   * written by reading the title and abstract): search indexes them, so "cheaper prefill" finds a
   * paper that says "reduces time-to-first-token". Absent when none are curated.
   */
  searchPhrases?: string[];
}

export interface Topic {
  id: string;
  label: string;
  /** What a narrow view (the sidebar tree) shows, where the full label would hide the count. */
  shortLabel?: string;
  description: string;
}

export interface CorpusData {
  /** Bumped when the shape of the file changes. */
  schema: 1;
  topics: Topic[];
  papers: Paper[];
}

/** The name to show for a paper: its short name, else its title (as displayed: library/display.ts). */
export function displayName(paper: Paper): string {
  return paper.shortName ?? displayTitle(paper);
}
