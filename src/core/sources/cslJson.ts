// CSL-JSON and CSL-YAML (as Zotero, Better BibTeX and pandoc write them) → bibliography entries.
//
// JSON: JSON.parse reads the data (native, ~10x faster than any JS parser on a 40 MB export); a
// scan over the text, which is then known to be valid, finds the line where each item begins.
// Only when JSON.parse fails does jsonc-parser (VS Code's own JSON scanner) run, to say where:
// V8's messages give no position for most errors ("Unexpected token '}'").
// CSL-YAML is read in cslYaml.ts, so what needs only JSON (the collection, in the extension host)
// does not carry the YAML parser (112 KiB of a 495 KiB bundle).
//
// Untrusted text stays plain text: CSL's rich-text markup (<i>, <b>, <sup>, <span style=…>) is
// removed — never passed on as HTML — with <sup>2</sup> kept as "²".
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { normalizeArxivId } from '../library/arxivId';
import { normalizeSpace, toScript } from '../text/latex';
import { arxivInText, monthNumber, normalizeDoi, parseEdtfDate, type BibliographyAuthor, type BibliographyEntry, type ParseResult, type SourceProblem } from './bibliographyEntry';

// ——— rich text ———

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…' };
// Only the tags CSL rich text and HTML-ish exports use: "a < b" in a title is text, not a tag.
const TAG = /<\/?(?:i|b|em|strong|sup|sub|span|sc|a|u|br|p|div|font|code|small)\b[^<>]*>/gi;

/** CSL rich text → plain text: tags removed (super/subscripts kept as characters), entities decoded. */
export function cslText(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return '';
  let s = value;
  if (s.includes('<')) {
    s = s
      .replace(/<(sup|sub)\b[^<>]*>([^<]*)<\/\1>/gi, (_, tag: string, inner: string) => toScript(decodeEntities(inner), tag.toLowerCase() === 'sup' ? 'sup' : 'sub'))
      .replace(/<br\s*\/?>/gi, ' ')
      .replace(TAG, '');
  }
  return normalizeSpace(decodeEntities(s));
}

function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

// ——— items ———

type Item = Record<string, unknown>;

function cslName(value: unknown): BibliographyAuthor | undefined {
  if (typeof value === 'string') {
    const literal = cslText(value);
    return literal ? { display: literal, family: literal } : undefined;
  }
  if (!value || typeof value !== 'object') return undefined;
  const n = value as Item;
  const literal = cslText(n.literal);
  if (literal) return { display: literal, family: literal };
  const family = [cslText(n['non-dropping-particle']), cslText(n.family)].filter(Boolean).join(' ');
  const given = cslText(n.given);
  const display = [given, cslText(n['dropping-particle']), family, cslText(n.suffix)].filter(Boolean).join(' ');
  if (!display) return undefined;
  return { display, family: family || given };
}

/** CSL `issued` in its shapes: date-parts (numbers or strings), raw, literal, legacy year/month, a string. */
export function cslDate(value: unknown): { year?: number; month?: number } {
  if (value == null) return {};
  if (typeof value === 'string' || typeof value === 'number') return textDate(String(value));
  if (Array.isArray(value)) return cslDate(value[0]); // pandoc's old [{year: 2020, month: 5}]
  if (typeof value !== 'object') return {};
  const d = value as Item;
  const parts = d['date-parts'];
  if (Array.isArray(parts) && Array.isArray(parts[0])) {
    const [y, m] = parts[0] as unknown[];
    const year = Number(y);
    if (y !== '' && y != null && Number.isInteger(year)) {
      const month = Number(m);
      return Number.isInteger(month) && month >= 1 && month <= 12 ? { year, month } : { year };
    }
  }
  if (d.year != null) {
    const year = Number(d.year);
    const month = d.month == null ? undefined : typeof d.month === 'number' ? d.month : monthNumber(String(d.month));
    if (Number.isInteger(year)) return month && month >= 1 && month <= 12 ? { year, month } : { year };
  }
  for (const text of [d.raw, d.literal]) {
    if (typeof text === 'string') {
      const r = textDate(text);
      if (r.year !== undefined) return r;
    }
  }
  return {};
}

/** "2020-05-17", "2020/2021", "May 2020", "Spring 2020". */
function textDate(text: string): { year?: number; month?: number } {
  const edtf = parseEdtfDate(text);
  if (edtf) return edtf;
  const y = /(?<!\d)(\d{4})(?!\d)/.exec(text);
  if (!y) return {};
  const word = /\b([A-Za-z]{3,9})\.?\b/.exec(text);
  const month = word ? monthNumber(word[1]) : undefined;
  return month ? { year: Number(y[1]), month } : { year: Number(y[1]) };
}

function arxivOf(item: Item, doi: string | undefined, url: string | undefined): string | undefined {
  const direct = (doi && normalizeArxivId(doi)) || (url && normalizeArxivId(url));
  if (direct) return direct;
  // Zotero's arXiv preprints: number "arXiv:2401.12345", publisher/archive "arXiv", note "arXiv:2401.12345 [cs]".
  const number = typeof item.number === 'string' || typeof item.number === 'number' ? String(item.number) : '';
  if (number) {
    const id = arxivInText(number) ?? (/arxiv/i.test(`${item.publisher ?? ''} ${item.archive ?? ''} ${item['container-title'] ?? ''}`) ? normalizeArxivId(number) : undefined);
    if (id) return id;
  }
  for (const field of ['note', 'container-title', 'archive_location', 'eprint']) {
    const v = item[field];
    const id = typeof v === 'string' ? arxivInText(v) ?? (field === 'eprint' ? normalizeArxivId(v) : undefined) : undefined;
    if (id) return id;
  }
  return undefined;
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  const t = typeof v;
  return t === 'object' ? 'an object' : `a ${t}`;
}

/** Items (already parsed) at their lines → entries and problems; shared by JSON and YAML. */
export function readItems(items: unknown[], lines: readonly number[], file: string): ParseResult {
  const entries: BibliographyEntry[] = [];
  const problems: SourceProblem[] = [];
  const seen = new Map<string, number>();
  items.forEach((value, i) => {
    const line = lines[i] ?? 1;
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      problems.push({ file, line, message: `item ${i + 1} is ${describeValue(value)}, not an object; it is ignored`, severity: 'error' });
      return;
    }
    const item = value as Item;
    const rawKey = item['citation-key'] ?? item.citationKey ?? item.id;
    const key = typeof rawKey === 'string' || typeof rawKey === 'number' ? String(rawKey).trim() : '';
    if (!key) {
      problems.push({ file, line, message: `item ${i + 1} has no 'id' or 'citation-key'; it is ignored`, severity: 'error' });
      return;
    }
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({ file, line, message: `duplicate key '${key}' (first at line ${first}); this item is ignored`, severity: 'warning' });
      return;
    }
    seen.set(key, line);
    const entry: BibliographyEntry = { key, type: typeof item.type === 'string' ? item.type : '', line, title: cslText(item.title), authors: [] };
    const names = Array.isArray(item.author) && item.author.length ? item.author : Array.isArray(item.editor) ? item.editor : [];
    for (const n of names) {
      const name = cslName(n);
      if (name) entry.authors.push(name);
    }
    const abstract = cslText(item.abstract);
    if (abstract) entry.abstract = abstract;
    const { year, month } = cslDate(item.issued);
    if (year !== undefined) entry.year = year;
    if (month !== undefined) entry.month = month;
    const doi = typeof item.DOI === 'string' ? normalizeDoi(item.DOI) : undefined;
    if (doi) entry.doi = doi;
    const url = typeof item.URL === 'string' && /^(?:https?|ftp):\/\/\S+$/i.test(item.URL.trim()) ? item.URL.trim() : undefined;
    if (url) entry.url = url;
    const arxiv = arxivOf(item, doi, url);
    if (arxiv) entry.arxiv = arxiv;
    const venue = cslText(item['container-title']) || cslText(item['event-title']) || cslText(item['collection-title']);
    if (venue) entry.venue = venue;
    entries.push(entry);
  });
  return { entries, problems };
}

// ——— JSON ———

/** The end of the string whose opening quote is at `open` (index of its closing quote). */
function stringEnd(text: string, open: number): number {
  let i = open;
  for (;;) {
    i = text.indexOf('"', i + 1);
    if (i < 0) return text.length;
    let backslashes = 0;
    for (let j = i - 1; text.charCodeAt(j) === 92; j--) backslashes++;
    if (backslashes % 2 === 0) return i;
  }
}

/** 1-based lines where the elements of the top-level array begin, in text that is valid JSON. */
function elementLines(text: string): number[] {
  const offsets: number[] = [];
  const structural = /["[\]{},]/g;
  const nonSpace = /\S/g;
  let depth = 0;
  const mark = (from: number) => {
    nonSpace.lastIndex = from;
    const m = nonSpace.exec(text);
    if (m && m[0] !== ']') offsets.push(m.index);
  };
  for (let m = structural.exec(text); m; m = structural.exec(text)) {
    const c = m[0];
    if (c === '"') structural.lastIndex = stringEnd(text, m.index) + 1;
    else if (c === '[' || c === '{') {
      depth++;
      if (depth === 1 && c === '[') mark(m.index + 1);
    } else if (c === ']' || c === '}') depth--;
    else if (depth === 1) mark(m.index + 1); // a comma between elements
  }
  const lines: number[] = [];
  let line = 1;
  let pos = 0;
  for (const offset of offsets) {
    for (let nl = text.indexOf('\n', pos); nl >= 0 && nl < offset; nl = text.indexOf('\n', nl + 1)) line++;
    pos = offset;
    lines.push(line);
  }
  return lines;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let nl = text.indexOf('\n'); nl >= 0 && nl < offset; nl = text.indexOf('\n', nl + 1)) {
    line++;
    start = nl + 1;
  }
  return { line, column: offset - start + 1 };
}

const JSON_ERRORS: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'a property name (in double quotes) was expected',
  ValueExpected: 'a value was expected',
  ColonExpected: "a ':' was expected",
  CommaExpected: "a ',' was expected",
  CloseBraceExpected: "a '}' was expected",
  CloseBracketExpected: "a ']' was expected",
  EndOfFileExpected: 'nothing more was expected',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'unclosed comment',
  UnexpectedEndOfString: 'unclosed string',
  UnexpectedEndOfNumber: 'unfinished number',
  InvalidUnicode: 'invalid \\u escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in a string',
};

/** Where JSON.parse failed, said the way an editor would (jsonc-parser, strict JSON). */
function jsonSyntaxProblem(text: string, file: string, fallback: string): SourceProblem {
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const e = errors[0];
  if (!e) return { file, line: 1, message: `not valid JSON: ${fallback}`, severity: 'error' };
  const { line, column } = lineAndColumn(text, e.offset);
  const code = printParseErrorCode(e.error);
  return { file, line, column, message: `JSON syntax error at line ${line}, column ${column}: ${JSON_ERRORS[code] ?? code}`, severity: 'error' };
}

/** CSL-JSON: an array of CSL items, as Zotero and Better BibTeX export them. Never throws. */
export function parseCslJson(text: string, file: string): ParseResult {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (!text.trim()) return { entries: [], problems: [] };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { entries: [], problems: [jsonSyntaxProblem(text, file, e instanceof Error ? e.message : String(e))] };
  }
  if (!Array.isArray(data)) {
    return { entries: [], problems: [{ file, line: 1, message: `expected a JSON array of CSL items, found ${describeValue(data)}`, severity: 'error' }] };
  }
  return readItems(data, elementLines(text), file);
}
