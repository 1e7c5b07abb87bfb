// Reader of the arXiv API's answers: the Atom 1.0 feed `export.arxiv.org/api/query` returns, as the
// arXiv API User's Manual describes it (info.arxiv.org/help/api/user-manual.html, §3.3 "Outline of
// an Atom feed", §3.4 "Errors", §5.2 "Details of Atom Results Returned"):
//
//   <feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch=… xmlns:arxiv="http://arxiv.org/schemas/atom">
//     <opensearch:totalResults>…</opensearch:totalResults>
//     <entry>
//       <id>http://arxiv.org/abs/2410.10819v1</id>            abstract URL with the version returned
//       <published>…</published> <updated>…</updated>        v1 date; this version's date
//       <title>…</title> <summary>…</summary>                 hard-wrapped over lines, indented
//       <author><name>…</name><arxiv:affiliation>…</arxiv:affiliation>?</author>*
//       <arxiv:doi>? <arxiv:comment>? <arxiv:journal_ref>?
//       <link rel="alternate" href=abs/> <link title="pdf" rel="related" href=pdf/> <link title="doi" …/>?
//       <arxiv:primary_category term=…/> <category term=…/>+
//     </entry>*
//   </feed>
//
// An error is a feed with one entry whose <id> is `http://arxiv.org/api/errors#<what>`, whose title
// is "Error" and whose summary says what is wrong ("incorrect id format for 1234.12345"). An id the
// API does not have comes back as no entry at all (the current API) or, from older deployments, an
// entry with an id and nothing else (lukasschwab/arxiv.py#82 discusses both); either way the caller
// sees no record for that id.
//
// Everything here is untrusted text from the network: the result holds plain strings (whitespace
// normalised, entities decoded, control and bidi-override characters removed, no markup
// interpreted) and the reader never throws: malformed input is a typed error, an unreadable entry a
// problem next to the entries that were fine.
//
// The XML parser is fast-xml-parser: pure JavaScript with no Node built-in, so it runs in Node, a
// worker and a browser like the rest of src/core; it validates well-formedness (XMLValidator) before
// parsing, so truncated or garbled answers are reported rather than half-read; it is widely used
// and maintained. Entities are decoded by our own decoder (below) rather than its defaults, which in
// v5 leave numeric references (`&#233;`) undecoded and would expand DOCTYPE-declared entities.
import { httpUrl } from '../text/urls';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseArxivId } from '../library/arxivId';

export interface ArxivDate {
  year: number;
  /** 1–12. */
  month: number;
  /** 1–31. */
  day: number;
}

export type ArxivLinkKind = 'abstract' | 'pdf' | 'doi' | 'other';

export interface ArxivLink {
  kind: ArxivLinkKind;
  /** Always an absolute http(s) URL. */
  url: string;
}

/** One paper as arXiv (or a listing built on it) describes it. Plain data: serialisable as JSON. */
export interface ArxivRecord {
  /** The id without version: "2410.10819", "hep-th/9901001". */
  arxiv: string;
  /** The version this record describes ("v2"), when the source says. */
  version?: string;
  title: string;
  abstract: string;
  authors: string[];
  /** When version 1 was submitted. */
  published: ArxivDate;
  /** When the version described was submitted, when the source gives it. */
  updated?: ArxivDate;
  /** arXiv (and ACM/MSC) categories in the source's order; empty when the source has none. */
  categories: string[];
  primaryCategory?: string;
  doi?: string;
  journalRef?: string;
  comment?: string;
  links: ArxivLink[];
}

/** The API's own error entry: `code` is the part after `#` of its id, `message` its summary. */
export interface ArxivApiError {
  code: string;
  message: string;
}

/** An entry that could not be read; the others still are. `index` counts entries from 0. */
export interface ArxivEntryProblem {
  index: number;
  id?: string;
  message: string;
}

export interface ArxivFeed {
  records: ArxivRecord[];
  apiErrors: ArxivApiError[];
  /** Ids of entries that carry nothing but their id: the API's answer for ids it does not have. */
  emptyIds: string[];
  problems: ArxivEntryProblem[];
  /** opensearch:totalResults, when present and a number. */
  totalResults?: number;
}

export interface ArxivFeedError {
  kind: 'malformed';
  message: string;
}

export type ArxivFeedResult = { ok: true; feed: ArxivFeed } | { ok: false; error: ArxivFeedError };

/**
 * Larger answers are refused unread. 50 entries (the client's batch) are ~150 KB and a 2,000-entry
 * search page, the API's largest, a few MB; 32 MB leaves room while bounding the work a hostile
 * answer can cause.
 */
export const MAX_FEED_CHARS = 32 * 1024 * 1024;

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * XML's five named entities and numeric references, in one pass (so `&amp;lt;` is `&lt;`, not `<`).
 * An undeclared name stays as written; a reference to no character becomes U+FFFD.
 */
export function decodeXmlEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(?:#(\d{1,8})|#x([0-9a-f]{1,7})|([a-z]{2,4}));/gi, (whole, dec?: string, hex?: string, name?: string) => {
    if (name !== undefined) return XML_ENTITIES[name] ?? whole;
    const cp = dec !== undefined ? parseInt(dec, 10) : parseInt(hex ?? '', 16);
    return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : '\ufffd';
  });
}

// fast-xml-parser's decoder interface. DOCTYPE-declared entities are ignored on purpose: the API
// never declares any, and expanding them is how "billion laughs" answers blow up.
const entityDecoder = {
  setExternalEntities: () => undefined,
  addInputEntities: () => undefined,
  reset: () => undefined,
  setXmlVersion: () => undefined,
  decode: decodeXmlEntities,
};

// C0/C1 controls other than whitespace, and the bidirectional overrides/isolates that can make a
// title display as something else than it is. Matching control characters is this regex's purpose.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** A fetched string as plain text: unsafe characters removed, whitespace runs one space, trimmed. */
export function cleanText(s: string): string {
  return s.replace(UNSAFE_CHARS, '').replace(/\s+/g, ' ').trim();
}

/**
 * The calendar date of an ISO 8601 timestamp as written (`2025-02-17T18:59:59Z`,
 * `2007-02-27T16:02:02-05:00`): the day the source states, with no time-zone conversion.
 */
export function parseIsoDate(s: string): ArxivDate | undefined {
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])/.exec(s);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** An absolute http(s) URL without blanks or markup characters (an API answer has none), else undefined. */
export function safeHttpUrl(raw: string): string | undefined {
  const url = raw.trim();
  return /[\s<>"'`\\]/.test(url) ? undefined : httpUrl(url);
}

/** Parses one API answer. Never throws. */
export function parseArxivFeed(xml: string): ArxivFeedResult {
  try {
    return readFeed(xml);
  } catch (e) {
    // A parser bug or an input shape nobody foresaw: still an answer we could not read.
    return malformed(`the answer could not be read (${e instanceof Error ? e.message : String(e)})`);
  }
}

function malformed(message: string): ArxivFeedResult {
  return { ok: false, error: { kind: 'malformed', message } };
}

/** The start of an answer, to say what came back instead of a feed. */
export function snippet(body: string, max = 80): string {
  const s = cleanText(body.slice(0, max * 2));
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

const ARRAY_TAGS = new Set(['entry', 'author', 'category', 'link']);

function readFeed(input: string): ArxivFeedResult {
  if (typeof input !== 'string') return malformed('the answer is not text');
  if (input.length > MAX_FEED_CHARS) return malformed(`the answer is too large (${input.length} characters)`);
  const xml = input.replace(/^\ufeff/, '');
  if (!xml.trim()) return malformed('the answer is empty');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const start = xml.trimStart().startsWith('<') ? '' : ` (it starts "${snippet(xml)}")`;
    return malformed(`the answer is not well-formed XML: ${valid.err.msg} at line ${valid.err.line}${start}`);
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: true,
    entityDecoder,
    isArray: name => ARRAY_TAGS.has(name),
  });
  const doc: unknown = parser.parse(xml);
  const feed = isObject(doc) ? doc.feed : undefined;
  if (feed === undefined) return malformed('the answer is XML but not an Atom feed');
  const result: ArxivFeed = { records: [], apiErrors: [], emptyIds: [], problems: [] };
  if (!isObject(feed)) return { ok: true, feed: result }; // <feed/>: no entries
  const total = Number(cleanText(textOf(feed.totalResults)));
  if (cleanText(textOf(feed.totalResults)) !== '' && Number.isInteger(total) && total >= 0) result.totalResults = total;
  const entries = Array.isArray(feed.entry) ? feed.entry : [];
  entries.forEach((entry, index) => readEntry(entry, index, result));
  return { ok: true, feed: result };
}

function readEntry(entry: unknown, index: number, out: ArxivFeed): void {
  if (!isObject(entry)) {
    out.problems.push({ index, message: 'the entry is empty' });
    return;
  }
  const idText = cleanText(textOf(entry.id));
  const title = cleanText(textOf(entry.title));
  const abstract = cleanText(textOf(entry.summary));
  const error = /^https?:\/\/(?:export\.)?arxiv\.org\/api\/errors(?:#(.*))?$/i.exec(idText);
  if (error) {
    out.apiErrors.push({ code: error[1] ?? '', message: abstract || title || 'arXiv reported an error without saying which' });
    return;
  }
  const parsed = parseArxivId(idText);
  if (!parsed) {
    out.problems.push({ index, message: idText ? `the entry's id "${snippet(idText)}" is not an arXiv identifier` : 'the entry has no id' });
    return;
  }
  const authors = (Array.isArray(entry.author) ? entry.author : [])
    .map(a => cleanText(textOf(isObject(a) ? a.name : undefined)))
    .filter(name => name !== '');
  if (!title && !abstract && authors.length === 0) {
    out.emptyIds.push(parsed.id);
    return;
  }
  const problem = (message: string): void => {
    out.problems.push({ index, id: parsed.id, message });
  };
  if (!title) return problem('the entry has no title');
  const publishedText = cleanText(textOf(entry.published));
  const updated = parseIsoDate(cleanText(textOf(entry.updated)));
  const published = parseIsoDate(publishedText) ?? updated;
  if (!published) return problem(publishedText ? `the entry's date "${snippet(publishedText)}" is not a date` : 'the entry has no date');

  const record: ArxivRecord = { arxiv: parsed.id, title, abstract, authors, published, categories: [], links: [] };
  if (parsed.version) record.version = parsed.version;
  if (updated) record.updated = updated;
  const categories = (Array.isArray(entry.category) ? entry.category : []).map(c => cleanText(attr(c, 'term'))).filter(t => t !== '');
  record.categories = [...new Set(categories)];
  const primary = cleanText(attr(entry.primary_category, 'term'));
  if (primary) record.primaryCategory = primary;
  const doi = cleanText(textOf(entry.doi));
  if (doi) record.doi = doi;
  const journalRef = cleanText(textOf(entry.journal_ref));
  if (journalRef) record.journalRef = journalRef;
  const comment = cleanText(textOf(entry.comment));
  if (comment) record.comment = comment;
  for (const link of Array.isArray(entry.link) ? entry.link : []) {
    const url = safeHttpUrl(attr(link, 'href'));
    if (!url) continue;
    const rel = attr(link, 'rel').trim().toLowerCase();
    const linkTitle = attr(link, 'title').trim().toLowerCase();
    const kind: ArxivLinkKind = linkTitle === 'pdf' ? 'pdf' : linkTitle === 'doi' ? 'doi' : rel === 'alternate' ? 'abstract' : 'other';
    if (!record.links.some(l => l.url === url)) record.links.push({ kind, url });
  }
  out.records.push(record);
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The text of an element as the parser gives it: a string, or `#text` when it has attributes. */
function textOf(node: unknown): string {
  if (typeof node === 'string') return node;
  if (typeof node === 'number' || typeof node === 'boolean') return String(node);
  if (Array.isArray(node)) return node.length > 0 ? textOf(node[0]) : '';
  if (isObject(node)) {
    const t = node['#text'];
    return typeof t === 'string' || typeof t === 'number' ? String(t) : '';
  }
  return '';
}

function attr(node: unknown, name: string): string {
  if (Array.isArray(node)) return node.length > 0 ? attr(node[0], name) : '';
  if (!isObject(node)) return '';
  const v = node[name];
  return typeof v === 'string' ? v : '';
}
