// arXiv identifiers, as https://info.arxiv.org/help/arxiv_identifier.html defines them:
//   new style (since April 2007)  YYMM.NNNN (to 2014) or YYMM.NNNNN (from 2015), optional vN
//   old style (to March 2007)     archive[.SUBJ]/YYMMNNN, e.g. hep-th/9901001, math.GT/0309136
// One place parses and normalises them for every reader: user libraries (eprint, url, doi, note),
// mention detection in notes, the collection, and the arXiv API client.

/** The archives of old-style ids (the subject class after a dot is optional). */
const OLD_ARCHIVES = [
  'acc-phys', 'adap-org', 'alg-geom', 'ao-sci', 'astro-ph', 'atom-ph', 'bayes-an', 'chao-dyn', 'chem-ph', 'cmp-lg', 'comp-gas',
  'cond-mat', 'cs', 'dg-ga', 'funct-an', 'gr-qc', 'hep-ex', 'hep-lat', 'hep-ph', 'hep-th', 'math', 'math-ph', 'mtrl-th', 'nlin',
  'nucl-ex', 'nucl-th', 'patt-sol', 'physics', 'plasm-ph', 'q-alg', 'q-bio', 'quant-ph', 'solv-int', 'supr-con',
];

/** Source of a new-style id: a valid month (01–12), four or five digits. */
export const NEW_ID_SOURCE = String.raw`\d{2}(?:0[1-9]|1[0-2])\.\d{4,5}`;
/** Source of an old-style id: a known archive, an optional subject class, a valid month, three digits. */
export const OLD_ID_SOURCE = String.raw`(?:${OLD_ARCHIVES.map(a => a.replace(/-/g, '\\-')).join('|')})(?:\.[A-Za-z]{2})?\/\d{2}(?:0[1-9]|1[0-2])\d{3}`;

const WHOLE_ID = new RegExp(String.raw`^(${NEW_ID_SOURCE}|${OLD_ID_SOURCE})(v\d+)?$`, 'i');

export interface ArxivId {
  /** Without version: "2410.10819", "hep-th/9901001". */
  id: string;
  /** "v2", when one was given. */
  version?: string;
}

/** Whether a new-style id has the digit count its month allows (4 before 2015, 5 from 2015). */
function plausible(id: string): boolean {
  const m = /^(\d{2})\d{2}\.(\d+)$/.exec(id);
  if (!m) return true;
  const year = Number(m[1]);
  return year >= 15 ? m[2].length === 5 : m[2].length === 4 && year >= 7;
}

/**
 * Parses one identifier as people write it: "2410.10819", "2410.10819v2", "arXiv:2410.10819",
 * "arxiv.org/abs/2410.10819v1", "https://arxiv.org/pdf/2410.10819.pdf", "10.48550/arXiv.2410.10819",
 * "hep-th/9901001". Undefined for anything else.
 */
export function parseArxivId(raw: string): ArxivId | undefined {
  if (typeof raw !== 'string') return undefined;
  let s = raw.trim();
  if (!s || s.length > 200) return undefined;
  s = s.replace(/^<|>$/g, '');
  // A DOI arXiv minted: 10.48550/arXiv.2410.10819 (also as a doi.org URL).
  const doi = /(?:^|doi\.org\/|^doi:\s*)10\.48550\/arxiv\.(.+)$/i.exec(s);
  if (doi) s = doi[1];
  const url = /^(?:https?:\/\/)?(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf|html|format)\/(.+?)(?:\.pdf)?\/?(?:[?#].*)?$/i.exec(s);
  if (url) s = url[1];
  s = s.replace(/^arxiv\s*:\s*/i, '');
  const m = WHOLE_ID.exec(s);
  if (!m) return undefined;
  const id = m[1].includes('/') ? m[1].replace(/^[^/]+/, a => a.toLowerCase().replace(/\.([a-z]{2})$/i, (_, c: string) => `.${c.toUpperCase()}`)) : m[1];
  if (!plausible(id)) return undefined;
  return m[2] ? { id, version: m[2].toLowerCase() } : { id };
}

/** The id without version, or undefined when `raw` is not an arXiv identifier. */
export function normalizeArxivId(raw: string): string | undefined {
  return parseArxivId(raw)?.id;
}

export function arxivAbsUrl(id: string): string {
  return `https://arxiv.org/abs/${id}`;
}
