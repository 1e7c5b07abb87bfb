// A paper as a CSL-JSON item (the format Zotero, Better BibTeX, pandoc and citeproc-js read), for
// the user's collection file and for exporting a bibliography. The item stays within the CSL-JSON
// schema (citation-style-language/schema, schemas/input/csl-data.json: `type` and `id` required,
// no property outside the schema's list), so strict readers accept it; what Paper Lens needs beyond
// CSL goes under `custom`, the schema's field for key-value pairs, in a namespace of its own.
//
// arXiv preprints are written the way Zotero exports them: type "article", `number` "arXiv:<id>",
// `publisher` "arXiv", `URL` the abstract page, so Zotero, pandoc and our own reader
// (sources/cslJson.ts, which finds the id in URL or number) all see the same paper.
import { displayAbstract, displayTitle } from '../library/display';
import type { Paper } from '../library/model';
import { citeKey, paperUrl } from './formats';

/** A CSL name: a person (`family`, `given`) or an institution (`literal`). */
export interface CslName {
  family?: string;
  given?: string;
  'non-dropping-particle'?: string;
  suffix?: string;
  literal?: string;
}

export interface CslDate {
  'date-parts': number[][];
}

/** A CSL-JSON item. Items read from a file may hold any other field, which writers must keep. */
export interface CslItem {
  id: string;
  type: string;
  title?: string;
  'title-short'?: string;
  author?: CslName[];
  issued?: CslDate;
  abstract?: string;
  'container-title'?: string;
  publisher?: string;
  number?: string;
  DOI?: string;
  URL?: string;
  custom?: Record<string, unknown>;
  [field: string]: unknown;
}

export interface CslOptions {
  /** The item's id (its citation key); the paper's citation key by default. */
  id?: string;
  /**
   * `display` (the default) decodes the TeX a listing leaves in titles and abstracts ("ALR$^2$" →
   * "ALR²", "50\%" → "50%"), which is what a formatted bibliography should show. `source` keeps
   * them as the paper's source wrote them, so a collection matches its source exactly.
   */
  text?: 'display' | 'source';
  /** Key-value pairs for the item's `custom` field. */
  custom?: Record<string, unknown>;
}

// Family-name particles written in lower case before the family name ("van", "de la").
const PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'du', 'la', 'le', 'dos', 'das', 'ter', 'ten', 'zu', 'bin', 'al']);
const SUFFIX = /^(?:jr|sr|ii|iii|iv)\.?$/i;
// Names that are an organisation rather than a person: CSL writes them as one literal.
// "AI" only in capitals: "Mistral AI" is a company, "Ai Chen" a person.
const INSTITUTION = /\b(?:team|group|lab|labs|laboratory|consortium|collaboration|project|inc|ltd|llc|university|institute|corporation|foundation)\b/i;
const isInstitution = (name: string) => INSTITUTION.test(name) || /\bAI\b/.test(name);

/**
 * A displayed name ("Guangxuan Xiao", "Ludwig van Beethoven", "Martin Luther King Jr.", "Qwen Team",
 * "Xiao, Guangxuan") as a CSL name. One word, or an organisation, is a literal.
 */
export function cslName(display: string): CslName {
  const name = display.replace(/\s+/g, ' ').trim();
  if (!name) return { literal: '' };
  if (name.includes(',')) {
    // "Family, Given" (or "Family, Jr., Given"), as bibliographies write it.
    const parts = name.split(',').map(s => s.trim()).filter(Boolean);
    if (parts.length === 2) return { family: parts[0], given: parts[1] };
    if (parts.length === 3 && SUFFIX.test(parts[1])) return { family: parts[0], given: parts[2], suffix: parts[1] };
    return { literal: name };
  }
  const words = name.split(' ');
  if (words.length === 1 || isInstitution(name)) return { literal: name };
  let end = words.length;
  let suffix: string | undefined;
  if (end > 2 && SUFFIX.test(words[end - 1])) suffix = words[--end];
  let start = end - 1;
  while (start > 1 && PARTICLES.has(words[start - 1])) start--;
  const out: CslName = { family: words[end - 1], given: words.slice(0, start).join(' ') };
  if (start < end - 1) out['non-dropping-particle'] = words.slice(start, end - 1).join(' ');
  if (suffix) out.suffix = suffix;
  return out;
}

/** The paper as a CSL-JSON item: everything it knows that CSL has a field for. */
export function paperToCsl(paper: Paper, options: CslOptions = {}): CslItem {
  const display = (options.text ?? 'display') === 'display';
  const item: CslItem = { id: options.id ?? citeKey(paper), type: paper.venue ? 'article-journal' : 'article' };
  item.title = display ? displayTitle(paper) : paper.title;
  if (paper.shortName && paper.shortName !== item.title) item['title-short'] = paper.shortName;
  const authors = paper.authors?.length ? paper.authors.map(cslName) : paper.firstAuthor ? [surnameOnly(paper.firstAuthor)] : [];
  const named = authors.filter(a => a.literal !== '');
  if (named.length) item.author = named;
  if (paper.year !== undefined) item.issued = { 'date-parts': [paper.month !== undefined ? [paper.year, paper.month] : [paper.year]] };
  const abstract = display ? displayAbstract(paper) : paper.abstract;
  if (abstract) item.abstract = abstract;
  if (paper.venue) item['container-title'] = paper.venue;
  if (paper.arxiv) {
    item.number = `arXiv:${paper.arxiv}`;
    if (!paper.venue) item.publisher = 'arXiv';
  }
  if (paper.doi) item.DOI = paper.doi;
  const url = paperUrl(paper);
  if (url) item.URL = url;
  if (options.custom && Object.keys(options.custom).length) item.custom = { ...options.custom };
  return item;
}

/**
 * Papers as one CSL-JSON document: an array whose ids are unique (a repeated citation key gets
 * "a", "b", … appended, as Better BibTeX does), pretty-printed with a final newline.
 */
export function papersToCslJson(papers: readonly Paper[], options: Omit<CslOptions, 'id' | 'custom'> = {}): string {
  const taken = new Set<string>();
  const items = papers.map(p => paperToCsl(p, { ...options, id: uniqueId(citeKey(p), taken) }));
  return `${JSON.stringify(items, null, 2)}\n`;
}

/** `wanted`, or `wanted` with the first free suffix a, b, … z, aa, ab, …; records the result in `taken`. */
export function uniqueId(wanted: string, taken: Set<string>): string {
  let id = wanted;
  for (let n = 0; taken.has(id); n++) id = `${wanted}${suffixLetters(n)}`;
  taken.add(id);
  return id;
}

function suffixLetters(n: number): string {
  let s = '';
  for (let k = n; k >= 0; k = Math.floor(k / 26) - 1) s = String.fromCharCode(97 + (k % 26)) + s;
  return s;
}

/** The bundled corpus knows only the first author's surname (or a team name). */
function surnameOnly(firstAuthor: string): CslName {
  const name = firstAuthor.trim();
  return isInstitution(name) || name.includes(' ') ? { literal: name } : { family: name };
}
