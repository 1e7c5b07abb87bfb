// What every bibliography reader (BibTeX, CSL-JSON, CSL-YAML) returns — plain, serialisable data,
// since it crosses a worker boundary — and the field readers they share (dates, months, DOIs,
// arXiv ids in free text). Self-contained, so the library layer can adopt it as it is.
import { normalizeArxivId } from '../library/arxivId';
export { doiFromUrl, normalizeDoi } from '../library/doi';

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

// ——— field readers shared by the BibTeX and CSL readers ———

export const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** 1–12 from "4", "04", "April", "apr", "Apr." (plain text); undefined otherwise. */
export function monthNumber(text: string): number | undefined {
  const s = text.trim().toLowerCase().replace(/\.$/, '');
  if (/^\d{1,2}$/.test(s)) {
    const n = Number(s);
    return n >= 1 && n <= 12 ? n : undefined;
  }
  if (s.length < 3) return undefined;
  const i = MONTH_NAMES.findIndex(m => m.startsWith(s));
  return i >= 0 ? i + 1 : undefined;
}

/**
 * An EDTF / ISO date as BibLaTeX's date field and CSL's raw dates write it: "2020", "2020-05",
 * "2020-05-17", ranges "2020/2021" (the start counts), open starts "../2020" or "/2020" (the end
 * counts), qualifiers "2020?" "2020~". EDTF months 21–24 are seasons, so they give no month.
 */
export function parseEdtfDate(raw: string): { year: number; month?: number } | undefined {
  const s = raw.replace(/[{}\s]/g, '');
  const [start, end] = s.split('/');
  const part = start && start !== '..' ? start : end;
  const m = /^(-?\d{4})(?:-(\d{2}))?(?![\d])/.exec((part ?? '').replace(/[?~%]/g, ''));
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = m[2] ? Number(m[2]) : undefined;
  return month !== undefined && month >= 1 && month <= 12 ? { year, month } : { year };
}

/**
 * An arXiv id written in free text: "arXiv preprint arXiv:2401.12345", "arXiv: 2401.12345 [cs.CL]",
 * "CoRR abs/2401.12345". Only text that names arXiv (or CoRR) counts, so a bare "1234.5678" in a
 * note is not taken for one.
 */
export function arxivInText(text: string): string | undefined {
  if (!/arxiv|corr/i.test(text)) return undefined;
  for (const word of text.split(/[\s,;()[\]{}]+/)) {
    const id = normalizeArxivId(word.replace(/^abs\//i, '').replace(/[.:]$/, ''));
    if (id) return id;
  }
  return undefined;
}
