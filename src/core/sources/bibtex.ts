// BibTeX / BibLaTeX files → bibliography entries and problems (file:line).
//
// The file grammar runs on moo, the tokenizer citation-js's BibTeX grammar is built on; the grammar
// here is our own because none of the parsers on npm does what a library of 20,000 entries needs:
// the fast ones (citation-js's grammar, 0.5 s for 20k entries) stop at the first syntax error and
// give no line numbers; the ones that recover (@retorquere/bibtex-parser, biblatex-csl-converter)
// take 15–300 s. Measurements and the comparison are in the commit that added moo.
//
// Recovery: one bad entry costs only that entry. An entry that is not closed is cut where the
// next entry begins — an "@type{" at the start of a line, even inside a value, since a value that
// runs into one has lost its closing brace — so nothing after it is swallowed; a syntax error
// skips to the entry's own closing brace. Problems say what to fix and where:
//   error   — the entry could not be read and is left out;
//   warning — the entry was read, but something in it needs fixing (a missing comma, an undefined
//             @string, a repeated key — the first entry with a key wins).
//
// Values: @string macros (case-insensitive, with BibTeX's jan…dec) and "#" concatenation are
// expanded; LaTeX is decoded to plain Unicode; names, dates, DOIs and arXiv ids are read the
// ways real files write them.
import * as moo from 'moo';
import { normalizeArxivId } from '../library/arxivId';
import { latexToUnicode, normalizeSpace } from '../text/latex';
import { arxivInText, doiFromUrl, MONTH_NAMES, monthNumber, normalizeDoi, parseEdtfDate } from './bibliographyEntry';
import type { BibliographyAuthor, BibliographyEntry, ParseResult, SourceProblem } from './bibliographyEntry';

const TYPE = String.raw`[A-Za-z_][\w:+.\-]*`;
// A new entry at the start of a line: inside a value it means the value (and its entry) was never
// closed. Biber and BibTeX would read on; we cut there so one missing brace costs one entry.
const NEXT_ENTRY = new RegExp(String.raw`\n[ \t]*@[ \t]*${TYPE}[ \t]*[{(]`);

const lexer = moo.states({
  main: {
    // BibTeX's @comment skips a braced block (JabRef and DBLP put "%" lines and metadata in it).
    atComment: { match: /@[ \t]*[cC][oO][mM][mM][eE][nN][tT][ \t\r\n]*\{/, lineBreaks: true, push: 'braced' },
    atString: { match: /@[ \t]*[sS][tT][rR][iI][nN][gG][ \t\r\n]*[{(]/, lineBreaks: true, next: 'body' },
    atPreamble: { match: /@[ \t]*[pP][rR][eE][aA][mM][bB][lL][eE][ \t\r\n]*[{(]/, lineBreaks: true, next: 'body' },
    atEntry: { match: new RegExp(String.raw`@[ \t]*${TYPE}[ \t\r\n]*[{(]`), lineBreaks: true, next: 'body' },
    // Everything outside entries is commentary, a stray "@" (an e-mail address) included.
    junk: { match: /[^@]+|@/, lineBreaks: true },
  },
  // Coarse tokens keep the parse fast (a 20,000-entry file is ~0.5 M tokens, not 1.5 M): a field's
  // "name =" is one token, a value without inner braces is one token, separators take their spaces.
  body: {
    fieldStart: { match: /[^\s,={}()"#%@]+[ \t\r\n]*=[ \t\r\n]*/, lineBreaks: true },
    // No "@" inside: a value that might run into the next entry takes the careful path below.
    simpleBraced: { match: /\{[^{}@]*\}/, lineBreaks: true },
    simpleQuoted: { match: /"[^"{}@]*"/, lineBreaks: true },
    ident: { match: /[^\s,={}()"#%@]+[ \t\r\n]*/, lineBreaks: true },
    comma: { match: /,\s*/, lineBreaks: true },
    hash: { match: /#\s*/, lineBreaks: true },
    ws: { match: /\s+/, lineBreaks: true },
    // Not BibTeX, but biber and every modern tool accept "%" comments between fields.
    lineComment: /%[^\n]*/,
    eq: '=',
    quote: { match: '"', push: 'quoted' },
    lbrace: { match: '{', push: 'braced' },
    close: { match: ['}', ')'], next: 'main' },
    at: '@',
    other: '(',
  },
  braced: {
    nextEntry: { match: NEXT_ENTRY, lineBreaks: true },
    lbrace: { match: '{', push: 'braced' },
    rbrace: { match: '}', pop: 1 },
    text: moo.fallback,
  },
  quoted: {
    nextEntry: { match: NEXT_ENTRY, lineBreaks: true },
    lbrace: { match: '{', push: 'braced' },
    quote: { match: '"', pop: 1 },
    rbrace: '}',
    text: moo.fallback,
  },
});

/**
 * BibTeX's predefined macros (plain.bst): jan … dec. Full month names too: files write
 * "month = April" and mean it, though BibTeX itself would call the macro undefined.
 */
const PREDEFINED: Record<string, string> = Object.fromEntries(
  MONTH_NAMES.flatMap(m => {
    const name = m[0].toUpperCase() + m.slice(1);
    return [[m.slice(0, 3), name], [m, name]];
  }),
);

interface Field {
  raw: string;
  line: number;
}
type Fields = Map<string, Field>;

/**
 * The fields anything reads. Others (file, s2id, keywords, pdf, …) are parsed for syntax but not
 * kept, which saves a third of the work on DBLP and JabRef exports.
 */
const KEPT = new Set([
  'title', 'author', 'editor', 'abstract', 'year', 'month', 'date', 'doi', 'url', 'eprint', 'archiveprefix', 'eprinttype', 'arxiv', 'arxivid',
  'arxiv_id', 'journal', 'journaltitle', 'booktitle', 'eventtitle', 'howpublished', 'institution', 'school', 'note', 'volume', 'number',
  'pages', 'crossref',
]);

/** Where to pick up after a broken entry: the "@" of the next one. */
interface Resume {
  offset: number;
  line: number;
  col: number;
}

class EntryError {
  constructor(readonly message: string, readonly line: number, readonly resume: Resume | 'eof' | 'skip') {}
}

const describe = (t: moo.Token | undefined): string => (!t ? 'the end of the file' : `'${t.text.trim().slice(0, 20)}'`);
/** The name in a fieldStart token ("title = " → "title"). */
const fieldName = (t: moo.Token): string => t.text.slice(0, t.text.search(/[\s=]/));

class BibtexParser {
  readonly entries: BibliographyEntry[] = [];
  readonly problems: SourceProblem[] = [];
  private readonly strings = new Map<string, string>(Object.entries(PREDEFINED));
  private readonly keys = new Map<string, number>();
  private readonly crossrefs: { entry: BibliographyEntry; target: string }[] = [];
  /** Absolute offset of the lexer's current chunk in `text` (the lexer restarts after broken entries). */
  private base = 0;
  private peeked: moo.Token | undefined;

  constructor(private readonly text: string, private readonly file: string) {}

  run(): void {
    lexer.reset(this.text);
    this.base = 0;
    for (;;) {
      const t = lexer.next();
      if (!t) break;
      if (t.type === 'junk') continue;
      try {
        if (t.type === 'atEntry') this.entry(t);
        else if (t.type === 'atString') this.stringDefinition(t);
        else if (t.type === 'atPreamble') this.preamble(t);
        else this.comment(t);
      } catch (e) {
        if (!(e instanceof EntryError)) throw e;
        this.problem(e.line, e.message, 'error');
        if (e.resume === 'eof') break;
        if (e.resume !== 'skip') this.restart(e.resume);
      }
    }
    this.resolveCrossrefs();
  }

  private problem(line: number, message: string, severity: 'error' | 'warning'): void {
    this.problems.push({ file: this.file, line, message, severity });
  }

  private restart(at: Resume): void {
    this.peeked = undefined;
    this.base = at.offset;
    lexer.reset(this.text.slice(at.offset), { line: at.line, col: at.col, state: 'main' });
  }

  private offset(t: moo.Token): number {
    return this.base + t.offset;
  }

  /** Where the "@" in a nextEntry/at token is. */
  private resumeAt(t: moo.Token): Resume {
    const at = t.text.indexOf('@');
    const newlines = t.text.slice(0, at).split('\n').length - 1;
    return { offset: this.offset(t) + at, line: t.line + newlines, col: newlines ? at - t.text.lastIndexOf('\n', at) : t.col + at };
  }

  /** The next token that means something in an entry body (spaces and % comments skipped). */
  private next(): moo.Token | undefined {
    if (this.peeked) {
      const t = this.peeked;
      this.peeked = undefined;
      return t;
    }
    for (;;) {
      const t = lexer.next();
      if (!t || (t.type !== 'ws' && t.type !== 'lineComment')) return t;
    }
  }

  /** An error for `t`, which ends the entry opened at `line`: cut at the next entry, or at the end of the file. */
  private unclosed(what: string, line: number, t: moo.Token | undefined): EntryError {
    if (!t) return new EntryError(`${what} has no closing brace (it runs to the end of the file)`, line, 'eof');
    const resume = this.resumeAt(t);
    return new EntryError(`${what} has no closing brace before the entry at line ${resume.line}`, line, resume);
  }

  /** Skips the rest of a broken entry (to its own closing brace, or the next entry), then reports it. */
  private broken(message: string, line: number): EntryError {
    this.peeked = undefined;
    for (;;) {
      // The lexer's states track nesting, so a 'close' token is always the entry's own.
      const t = lexer.next();
      if (!t) return new EntryError(message, line, 'eof');
      if (t.type === 'close') return new EntryError(message, line, 'skip');
      if (t.type === 'nextEntry' || t.type === 'at') return new EntryError(message, line, this.resumeAt(t));
    }
  }

  private entry(open: moo.Token): void {
    const line = open.line;
    const type = /@[ \t]*([^\s{(]+)/.exec(open.text)?.[1].toLowerCase() ?? '';
    const delimiter = open.text[open.text.length - 1];
    const first = this.next();
    if (!first) throw this.unclosed(`entry '@${type}'`, line, first);
    if (first.type === 'close') throw new EntryError(`@${type} entry has no citation key (it is empty)`, line, 'skip');
    if (first.type === 'at') throw this.unclosed(`entry '@${type}'`, line, first);
    if (first.type === 'fieldStart') throw this.broken(`@${type} entry has no citation key (it starts with the field '${fieldName(first)}')`, line);
    if (first.type !== 'ident') throw this.broken(`@${type} entry has no citation key`, line);
    const key = first.text.trimEnd();
    const after = this.next();
    const what = `entry '${key}'`;
    const fields: Fields = new Map();
    let close = after;
    if (after?.type === 'comma') close = this.fields(what, line, fields);
    else if (after?.type !== 'close') {
      if (!after || after.type === 'at') throw this.unclosed(what, line, after);
      throw this.broken(`${what}: expected a comma after the key, found ${describe(after)}`, line);
    }
    if ((delimiter === '{') !== (close?.value === '}')) this.problem(line, `${what} opens with '${delimiter}' but closes with '${close?.value}'`, 'warning');

    const firstLine = this.keys.get(key);
    if (firstLine !== undefined) {
      this.problem(line, `duplicate key '${key}' (first at line ${firstLine}); this entry is ignored`, 'warning');
      return;
    }
    this.keys.set(key, line);
    const entry = buildEntry(key, type, line, fields, (l, m) => this.problem(l, `${what}: ${m}`, 'warning'));
    this.entries.push(entry);
    const crossref = fields.get('crossref');
    if (crossref) this.crossrefs.push({ entry, target: plain(crossref.raw) });
  }

  /** Fields up to the entry's closing delimiter, which it returns. */
  private fields(what: string, line: number, fields: Fields): moo.Token {
    for (;;) {
      const t = this.next();
      if (!t || t.type === 'at') throw this.unclosed(what, line, t);
      if (t.type === 'close') return t;
      if (t.type === 'comma') continue; // a trailing or doubled comma
      if (t.type !== 'fieldStart') {
        if (t.type === 'ident') throw this.broken(`${what}: field '${t.text.trim()}' at line ${t.line} has no '='`, line);
        throw this.broken(`${what}: expected a field name at line ${t.line}, found ${describe(t)}`, line);
      }
      const name = fieldName(t);
      const lower = name.toLowerCase();
      const keep = KEPT.has(lower);
      const raw = this.value(what, name, t.line, keep);
      if (keep) {
        const earlier = fields.get(lower);
        if (earlier === undefined) fields.set(lower, { raw, line: t.line });
        else this.problem(t.line, `${what}: field '${name}' appears twice (first at line ${earlier.line}); the first is used`, 'warning');
      }
      const sep = this.next();
      if (sep?.type === 'comma') continue;
      if (sep?.type === 'close') return sep;
      if (sep?.type === 'fieldStart') {
        // "title = {…}\n year = 2020": unambiguous, so read on.
        this.problem(sep.line, `${what}: missing comma before field '${fieldName(sep)}'`, 'warning');
        this.peeked = sep;
        continue;
      }
      if (!sep || sep.type === 'at') throw this.unclosed(what, line, sep);
      throw this.broken(`${what}: expected a comma after field '${name}' at line ${t.line}, found ${describe(sep)}`, line);
    }
  }

  /** A field value: parts joined by "#"; macros expanded; returns the raw (still LaTeX) text, if `keep`. */
  private value(what: string, field: string, line: number, keep = true): string {
    let out = '';
    for (;;) {
      const t = this.next();
      const type = t?.type;
      if (type === 'simpleBraced' || type === 'simpleQuoted') {
        if (keep) out += t!.text.slice(1, -1);
      } else if (type === 'lbrace' || type === 'quote') {
        const text = this.delimited(t!, what, field, line);
        if (keep) out += text;
      }
      else if (type === 'ident') {
        const name = t!.text.trimEnd();
        if (/^\d+$/.test(name)) out += name;
        else {
          const macro = this.strings.get(name.toLowerCase());
          if (macro === undefined) this.problem(t!.line, `${what}: undefined @string '${name}' in field '${field}'`, 'warning');
          else out += macro;
        }
      } else {
        if (!t || type === 'at') throw this.unclosed(what, line, t);
        throw this.broken(`${what}: field '${field}' at line ${line} has no value (found ${describe(t)})`, line);
      }
      const more = this.next();
      if (more?.type !== 'hash') {
        this.peeked = more;
        return out;
      }
    }
  }

  /** The text between a "{" or '"' and its partner; braces inside are kept for LaTeX and names. */
  private delimited(open: moo.Token, what: string, field: string, line: number): string {
    const start = this.offset(open) + 1;
    const quoted = open.type === 'quote';
    let depth = 1;
    for (;;) {
      const t = lexer.next();
      if (!t || t.type === 'nextEntry') throw this.unclosed(`${what}: the value of '${field}' at line ${line}`, line, t);
      if (t.type === 'lbrace') depth++;
      else if (t.type === 'rbrace') {
        if (quoted && depth === 1) throw this.broken(`${what}: the value of '${field}' at line ${line} has an unbalanced '}'`, line);
        depth--;
        if (depth === 0) return this.text.slice(start, this.offset(t));
      } else if (t.type === 'quote') return this.text.slice(start, this.offset(t));
    }
  }

  private stringDefinition(open: moo.Token): void {
    const line = open.line;
    for (;;) {
      const name = this.next();
      if (!name || name.type === 'at') throw this.unclosed('@string', line, name);
      if (name.type === 'close') return;
      if (name.type === 'comma') continue;
      if (name.type !== 'fieldStart') throw this.broken(`@string at line ${line} is not 'name = value'`, line);
      const macro = fieldName(name);
      this.strings.set(macro.toLowerCase(), this.value(`@string '${macro}'`, macro, name.line));
    }
  }

  private preamble(open: moo.Token): void {
    this.value('@preamble', 'preamble', open.line);
    const close = this.next();
    if (close?.type === 'close') return;
    if (!close || close.type === 'at') throw this.unclosed('@preamble', open.line, close);
    throw this.broken(`@preamble at line ${open.line} has text after its value`, open.line);
  }

  private comment(open: moo.Token): void {
    // A braced @comment may hold anything, commented-out entries included: only braces count.
    // If it never closes, the entries after its first line-start "@type{" are read after all.
    let depth = 1;
    let firstEntry: moo.Token | undefined;
    for (;;) {
      const t = lexer.next();
      if (!t) {
        const resume = firstEntry ? this.resumeAt(firstEntry) : 'eof';
        const tail = firstEntry ? `; reading on from the entry at line ${(resume as Resume).line}` : ' (it runs to the end of the file)';
        throw new EntryError(`@comment has no closing brace${tail}`, open.line, resume);
      }
      if (t.type === 'lbrace') depth++;
      else if (t.type === 'rbrace' && --depth === 0) return;
      else if (t.type === 'nextEntry') {
        firstEntry ??= t;
        if (t.text.endsWith('{')) depth++; // the token took the entry's opening brace
      }
    }
  }

  /** biblatex crossref: a child without a year or venue takes its parent's (a proceedings' title). */
  private resolveCrossrefs(): void {
    if (!this.crossrefs.length) return;
    const byKey = new Map(this.entries.map(e => [e.key, e]));
    for (const { entry, target } of this.crossrefs) {
      const parent = byKey.get(target);
      if (!parent) continue;
      entry.year ??= parent.year;
      entry.month ??= parent.month;
      entry.venue ??= parent.venue ?? (parent.title || undefined);
    }
  }
}

// ——— field values ———

/** A verbatim field (url, doi, eprint): braces and TeX escapes removed, nothing else decoded. */
function plain(raw: string): string {
  return raw.replace(/\\url\{([^}]*)\}/g, '$1').replace(/[{}]/g, '').replace(/\\([_%&#$~])/g, '$1').trim();
}

function parseMonth(raw: string): number | undefined {
  return monthNumber(latexToUnicode(raw));
}

function parseYear(raw: string): number | undefined {
  const m = /(?<!\d)(\d{4})(?!\d)/.exec(raw);
  return m ? Number(m[1]) : undefined;
}

function arxivOf(f: Fields): string | undefined {
  const prefix = (f.get('archiveprefix') ?? f.get('eprinttype'))?.raw;
  const eprint = f.get('eprint')?.raw;
  if (eprint && (!prefix || /arxiv/i.test(prefix))) {
    const id = normalizeArxivId(plain(eprint));
    if (id) return id;
  }
  for (const name of ['arxiv', 'arxivid', 'arxiv_id', 'doi', 'url']) {
    const raw = f.get(name)?.raw;
    const id = raw && normalizeArxivId(plain(raw));
    if (id) return id;
  }
  // DBLP and Semantic Scholar: journal = {CoRR} or {ArXiv}, volume = {abs/2401.12345}.
  const journal = (f.get('journal') ?? f.get('journaltitle'))?.raw ?? '';
  const volume = f.get('volume')?.raw;
  if (volume && /^\s*\{?\s*(arxiv|corr)/i.test(journal)) {
    const id = normalizeArxivId(plain(volume).replace(/^abs\//i, ''));
    if (id) return id;
  }
  for (const name of ['journal', 'journaltitle', 'booktitle', 'note', 'howpublished', 'number', 'pages', 'eprint']) {
    const raw = f.get(name)?.raw;
    const id = raw && arxivInText(plain(raw));
    if (id) return id;
  }
  return undefined;
}

function urlOf(f: Fields): string | undefined {
  for (const name of ['url', 'howpublished']) {
    const raw = f.get(name)?.raw;
    if (raw === undefined) continue;
    const u = plain(raw);
    if (/^(?:https?|ftp):\/\/\S+$/i.test(u)) return u;
  }
  return undefined;
}

function venueOf(f: Fields): string | undefined {
  for (const name of ['journaltitle', 'journal', 'booktitle', 'eventtitle', 'howpublished', 'institution', 'school']) {
    const raw = f.get(name)?.raw;
    if (raw === undefined) continue;
    const v = latexToUnicode(raw);
    if (v && !(name === 'howpublished' && /^(?:https?|ftp):\/\//i.test(v))) return v;
  }
  return undefined;
}

function buildEntry(key: string, type: string, line: number, f: Fields, warn: (line: number, message: string) => void): BibliographyEntry {
  const title = f.get('title');
  const entry: BibliographyEntry = { key, type, line, title: title ? latexToUnicode(title.raw) : '', authors: [] };
  const names = f.get('author') ?? f.get('editor');
  if (names) entry.authors = parseNames(names.raw);
  const abstractField = f.get('abstract');
  if (abstractField) {
    const abstract = latexToUnicode(abstractField.raw);
    if (abstract) entry.abstract = abstract;
  }
  const dateField = f.get('date');
  const date = dateField ? parseEdtfDate(dateField.raw) : undefined;
  if (dateField && !date) warn(dateField.line, `date '${plain(dateField.raw)}' is not a date (expected e.g. 2020, 2020-05 or 2020/2021)`);
  const yearField = f.get('year');
  const year = date?.year ?? (yearField ? parseYear(yearField.raw) : undefined);
  if (year !== undefined) entry.year = year;
  const monthField = f.get('month');
  const month = date?.month ?? (monthField ? parseMonth(monthField.raw) : undefined);
  if (month !== undefined) entry.month = month;
  const url = urlOf(f);
  if (url) entry.url = url;
  const doiField = f.get('doi');
  if (doiField) {
    const doi = normalizeDoi(plain(doiField.raw));
    if (doi) entry.doi = doi;
    else warn(doiField.line, `doi '${plain(doiField.raw)}' is not a DOI (expected 10.prefix/suffix)`);
  } else if (url) {
    const doi = doiFromUrl(url);
    if (doi) entry.doi = doi;
  }
  const arxiv = arxivOf(f);
  if (arxiv) entry.arxiv = arxiv;
  const venue = venueOf(f);
  if (venue) entry.venue = venue;
  return entry;
}

// ——— names ———

// The list is whitespace-normalised first, so one space each side.
const AND = / and /i;
const AND_OR_BRACE = /[{}]| and /gi;
const COMMA = /\s*,\s*/;
const COMMA_OR_BRACE = /[{}]|\s*,\s*/g;
const SPACE = /\s+/;
const SPACE_OR_BRACE = /[{}]|\s+/g;

/** Splits at `sep` outside braces; `sepOrBrace` is /[{}]|sep/g (built once per separator). */
function splitTopLevel(s: string, sep: RegExp, sepOrBrace: RegExp): string[] {
  if (!s.includes('{')) return s.split(sep);
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  sepOrBrace.lastIndex = 0;
  for (let m = sepOrBrace.exec(s); m; m = sepOrBrace.exec(s)) {
    if (m[0] === '{') depth++;
    else if (m[0] === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0) {
      parts.push(s.slice(start, m.index));
      start = m.index + m[0].length;
    }
  }
  parts.push(s.slice(start));
  return parts;
}

/** Whether a name word is lower-case at brace depth 0 — BibTeX's test for "von" particles. */
function isVonWord(word: string): boolean {
  const c = word.charCodeAt(0);
  if (c >= 97 && c <= 122) return true; // a–z
  if ((c >= 65 && c <= 90) || c === 123 /* { protects the case: {Della} Torre */) return word[1] === '\\' && c === 123 ? decodedIsLower(word) : false;
  return decodedIsLower(word);
}

/** Whether the word at `i` of plain (LaTeX-free) text starts with a lower-case letter. */
function isLowerStart(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 128) return c >= 97 && c <= 122;
  return /^\p{Ll}/u.test(s.slice(i, i + 2));
}

function decodedIsLower(word: string): boolean {
  const letter = /\p{L}/u.exec(latexToUnicode(word));
  return !!letter && letter[0] !== letter[0].toUpperCase();
}

const DBLP_HOMONYM = /\s+\d{4}$/;
const NEEDS_DECODING = /[\\{}$~]/;
const decodeName = (s: string) => (NEEDS_DECODING.test(s) ? latexToUnicode(s) : normalizeSpace(s));

// Most names in real files are plain "First Last" in Unicode (DBLP, Zotero): they skip LaTeX.
const PLAIN_NAME = /^[^{}\\~$,]*$/;

/**
 * One BibTeX name: "First von Last", "von Last, First", "von Last, Jr, First". A {Team Name} is one
 * braced word at depth 0 — no comma, no space to split at — so it comes out whole by the same rules.
 */
export function parseName(raw: string): BibliographyAuthor | undefined {
  let name = raw.trim();
  const last = name.charCodeAt(name.length - 1);
  if (last >= 48 && last <= 57) name = name.replace(DBLP_HOMONYM, '');
  if (!name) return undefined;
  if (PLAIN_NAME.test(name)) {
    // The common case, without arrays: the family name starts at the last word, or earlier at
    // lower-case particles just before it ("Ludwig van Beethoven" → "van Beethoven").
    const display = normalizeSpace(name);
    let start = display.lastIndexOf(' ') + 1;
    while (start > 0) {
      const previous = display.lastIndexOf(' ', start - 2) + 1;
      if (!isLowerStart(display, previous)) break;
      start = previous;
    }
    return { display, family: start === 0 ? display : display.slice(start) };
  }
  const parts = name.includes(',') ? splitTopLevel(name, COMMA, COMMA_OR_BRACE) : [name];
  if (parts.length >= 2) {
    const family = decodeName(parts[0]);
    const first = decodeName(parts[parts.length - 1]);
    const jr = parts.length >= 3 ? decodeName(parts[1]) : '';
    const display = [first, family, jr].filter(Boolean).join(' ');
    return family ? { display, family } : first ? { display: first, family: first } : undefined;
  }
  // "First von Last": the family name is the last word and the lower-case particles before it.
  const words = splitTopLevel(name.replace(/(?<!\\)~/g, ' '), SPACE, SPACE_OR_BRACE).filter(Boolean);
  let start = words.length - 1;
  while (start > 0 && isVonWord(words[start - 1])) start--;
  return { display: decodeName(words.join(' ')), family: decodeName(words.slice(start).join(' ')) };
}

/** An "and"-separated name list; "others" (et al.) is dropped. */
export function parseNames(raw: string): BibliographyAuthor[] {
  const out: BibliographyAuthor[] = [];
  for (const part of splitTopLevel(normalizeSpace(raw), AND, AND_OR_BRACE)) {
    if (!part || part === 'others') continue;
    const name = parseName(part);
    if (name) out.push(name);
  }
  return out;
}

// ——— entry point ———

/** Parses a BibTeX/BibLaTeX file. Never throws; every problem names `file` and a 1-based line. */
export function parseBibtex(text: string, file: string): ParseResult {
  if (typeof text !== 'string') return { entries: [], problems: [{ file, line: 1, message: 'not a text file', severity: 'error' }] };
  // A byte-order mark needs nothing: it is text outside any entry, like every comment.
  if (text.includes('\u0000')) {
    return { entries: [], problems: [{ file, line: 1, message: 'this is not a BibTeX file: it contains binary data (NUL bytes)', severity: 'error' }] };
  }
  const parser = new BibtexParser(text, file);
  parser.run();
  return { entries: parser.entries, problems: parser.problems };
}
