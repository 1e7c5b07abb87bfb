// What every bibliography reader (BibTeX, CSL-JSON, CSL-YAML) returns. Plain, serialisable data —
// it crosses a worker boundary — and self-contained, so the library layer can adopt it as it is.

/** A problem in a source file, at a 1-based line (and column, when the reader knows it). */
export interface SourceProblem {
  file: string;
  line: number;
  column?: number;
  message: string;
  severity: 'error' | 'warning';
}

export interface BibliographyAuthor {
  /** As a reader would write it: "Łukasz Kaiser", "The Long Context Team". */
  display: string;
  /** The family name ("Kaiser"); a team or institution's whole name. */
  family: string;
}

export interface BibliographyEntry {
  /** The citation key. */
  key: string;
  /** Lower-case entry type: 'article', 'inproceedings', 'misc', CSL 'article-journal', … */
  type: string;
  /** 1-based line where the entry starts (for go-to-definition). */
  line: number;
  /** Plain Unicode text: LaTeX decoded, markup stripped, whitespace normalised. */
  title: string;
  abstract?: string;
  authors: BibliographyAuthor[];
  year?: number;
  month?: number;
  /** Lower-case, without a resolver prefix: "10.18653/v1/p18-1027". */
  doi?: string;
  /** Without version: "2410.10819". */
  arxiv?: string;
  url?: string;
  venue?: string;
}

export interface ParseResult {
  entries: BibliographyEntry[];
  problems: SourceProblem[];
}
