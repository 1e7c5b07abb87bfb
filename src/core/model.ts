// The paper model every feature reads. Plain data, serialisable to dist/corpus.json as is.

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
  | 'curated';

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

export interface Paper {
  /** Stable id: the arXiv identifier. */
  id: string;
  arxiv: string;
  /** Exactly as in the source listing. */
  title: string;
  /** Exactly as in the source listing. */
  abstract: string;
  /** The title arXiv shows now, where it differs from the listing's. */
  arxivTitle?: string;
  year: number;
  month: number;
  /** Surname of the first author, or a team name. */
  firstAuthor: string;
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
  description: string;
}

export interface CorpusData {
  /** Bumped when the shape of the file changes. */
  schema: 1;
  topics: Topic[];
  papers: Paper[];
}

/** The name to show for a paper: its short name, else its title. */
export function displayName(paper: Paper): string {
  return paper.shortName ?? paper.title;
}
