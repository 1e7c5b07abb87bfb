// The user's collection: a CSL-JSON file they own (Zotero and pandoc read it too) that Paper Lens
// grows from arXiv, daily listings and notes. This module is the pure model: the file's text → its
// items and a library source; changes as functions from items to items (add, remove, restore, edit
// names and topics), each keeping every field it does not know, so a file Zotero or a person also
// edits loses nothing when Paper Lens writes it. Reading and writing the file is src/node's job
// (collectionFile.ts), asking the user src/vscode's.
//
// Names and topics are derived when the file is read (bibliographyPapers.ts, as for any user
// library). A person's corrections live in the item under `custom["paper-lens"]` — `custom` is the
// CSL schema's field for key-value pairs, which citation processors ignore — and win over the
// derived ones.
import type { LibraryProblem, PaperSource } from '../library/library';
import type { Alias, Paper } from '../library/model';
import { isStrictName } from '../library/nameDerivation';
// src/core/net is core code; the lint pattern 'net' is meant for Node's built-in module and also
// matches this folder (eslint.config.mjs).
// eslint-disable-next-line no-restricted-imports
import { titleKey } from '../net/arxivClient';
import { type CslItem, paperToCsl, uniqueId } from '../references/cslJson';
import { citeKey } from '../references/formats';
import type { ArxivRecord } from './arxivAtom';
import type { BibliographyEntry, SourceProblem } from './bibliographyEntry';
import { type EntryConversion, type EntryFields, papersFromEntries } from './bibliographyPapers';
import { parseCslJson } from './cslJson';

/** The library source id of the collection (papers' `origins` name it). */
export const COLLECTION_SOURCE_ID = 'collection';
/** The library source id of papers fetched from arXiv this session (not written anywhere). */
export const FETCHED_SOURCE_ID = 'fetched';
/** The key under the item's `custom` field where Paper Lens keeps a person's corrections. */
export const CUSTOM_NAMESPACE = 'paper-lens';

/** An item as the file holds it: any JSON value (a broken item is kept as it is). */
export type CollectionItem = unknown;

export interface CollectionContent {
  items: CollectionItem[];
  problems: SourceProblem[];
  /** Why Paper Lens will not write this file: rewriting it would lose what it holds. */
  unwritable?: string;
}

/** Corrections a person made to a paper's derived names and topics. */
export interface CollectionEdits {
  /** Names people write for it, the short name first; they replace the derived ones. */
  names?: string[];
  /** Topic ids, primary first. */
  topics?: string[];
}

// Bounds on corrections read from a file anyone may have edited.
const MAX_NAMES = 20;
const MAX_NAME_CHARS = 100;
const MAX_TOPICS = 5;

/** The items of a collection file's text. Empty text is an empty collection. Never throws. */
export function readCollection(text: string, file: string): CollectionContent {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (!body.trim()) return { items: [], problems: [] };
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    const { problems } = parseCslJson(body, file);
    return { items: [], problems, unwritable: `${file} is not valid JSON (${problems[0]?.message ?? 'syntax error'})` };
  }
  if (!Array.isArray(data)) {
    return { items: [], problems: parseCslJson(body, file).problems, unwritable: `${file} is not a CSL-JSON array of items` };
  }
  return { items: data, problems: parseCslJson(body, file).problems };
}

/** The file text for `items`: pretty-printed JSON, as Zotero and Better BibTeX write it, with a final newline. */
export function serializeCollection(items: readonly CollectionItem[]): string {
  return `${JSON.stringify(items, null, 2)}\n`;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The item's citation key, by the reader's rule (citation-key, citationKey, id). */
export function itemKey(item: CollectionItem): string | undefined {
  if (!isObject(item)) return undefined;
  const raw = item['citation-key'] ?? item.citationKey ?? item.id;
  const key = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
  return key || undefined;
}

/** The item as the CSL reader sees it (arXiv id from URL, number or note; DOI; plain title). */
function itemEntry(item: CollectionItem): BibliographyEntry | undefined {
  if (!isObject(item)) return undefined;
  return parseCslJson(JSON.stringify([item]), '').entries[0];
}

/** What makes two records the same paper: its arXiv id, its DOI, or (lacking both) its title. */
export interface PaperIdentity {
  arxiv?: string;
  doi?: string;
  title?: string;
}

/** Finds items by arXiv id, DOI, title and key. */
export class CollectionIndex {
  private readonly byArxiv = new Map<string, number>();
  private readonly byDoi = new Map<string, number>();
  private readonly byTitle = new Map<string, number>();
  /** The arXiv id of the item at each index. */
  private readonly arxivAt: (string | undefined)[] = [];
  readonly keys = new Set<string>();

  constructor(items: readonly CollectionItem[]) {
    items.forEach((item, i) => this.add(item, i));
  }

  add(item: CollectionItem, at: number): void {
    const key = itemKey(item);
    if (key) this.keys.add(key);
    const entry = itemEntry(item);
    if (!entry) return;
    this.arxivAt[at] = entry.arxiv;
    if (entry.arxiv && !this.byArxiv.has(entry.arxiv)) this.byArxiv.set(entry.arxiv, at);
    if (entry.doi && !this.byDoi.has(entry.doi)) this.byDoi.set(entry.doi, at);
    const t = titleKey(entry.title);
    if (t && !this.byTitle.has(t)) this.byTitle.set(t, at);
  }

  /**
   * The index of the item that is this paper: same arXiv id or DOI; else the same title, unless
   * both have arXiv ids and they differ (two versions of a title are two papers).
   */
  find(paper: PaperIdentity): number | undefined {
    const byId = (paper.arxiv ? this.byArxiv.get(paper.arxiv) : undefined) ?? (paper.doi ? this.byDoi.get(paper.doi) : undefined);
    if (byId !== undefined) return byId;
    const t = paper.title ? titleKey(paper.title) : '';
    const at = t ? this.byTitle.get(t) : undefined;
    if (at === undefined) return undefined;
    const other = this.arxivAt[at];
    return paper.arxiv && other && other !== paper.arxiv ? undefined : at;
  }
}

export interface AddResult {
  items: CollectionItem[];
  /** The items added, with the ids they were given. */
  added: CslItem[];
  /** Additions that were already in the collection (or twice in the additions). */
  skipped: CslItem[];
}

/**
 * `items` with `additions` appended: those already there (same arXiv id, DOI or title) skipped, and
 * ids made unique ("xiao2024duo" → "xiao2024duoa").
 */
export function addItems(items: readonly CollectionItem[], additions: readonly CslItem[]): AddResult {
  const next = [...items];
  const index = new CollectionIndex(items);
  const added: CslItem[] = [];
  const skipped: CslItem[] = [];
  for (const addition of additions) {
    const entry = itemEntry(addition);
    if (!entry || index.find({ arxiv: entry.arxiv, doi: entry.doi, title: entry.title }) !== undefined) {
      skipped.push(addition);
      continue;
    }
    const item: CslItem = { ...addition, id: uniqueId(addition.id, index.keys) };
    index.add(item, next.length);
    next.push(item);
    added.push(item);
  }
  return { items: next, added, skipped };
}

export interface RemovedItem {
  item: CollectionItem;
  /** Where it stood, so undo puts it back in place. */
  index: number;
}

/** `items` without those whose key is in `keys`. */
export function removeItems(items: readonly CollectionItem[], keys: readonly string[]): { items: CollectionItem[]; removed: RemovedItem[] } {
  const wanted = new Set(keys);
  const removed: RemovedItem[] = [];
  const next: CollectionItem[] = [];
  items.forEach((item, index) => {
    const key = itemKey(item);
    if (key !== undefined && wanted.has(key)) removed.push({ item, index });
    else next.push(item);
  });
  return { items: next, removed };
}

/** Puts removed items back where they were, unless the collection has them again meanwhile. */
export function restoreItems(items: readonly CollectionItem[], removed: readonly RemovedItem[]): CollectionItem[] {
  const next = [...items];
  for (const { item, index } of [...removed].sort((a, b) => a.index - b.index)) {
    const key = itemKey(item);
    const current = new CollectionIndex(next);
    const entry = itemEntry(item);
    if ((key && current.keys.has(key)) || (entry && current.find({ arxiv: entry.arxiv, doi: entry.doi, title: entry.title }) !== undefined)) continue;
    next.splice(Math.min(index, next.length), 0, item);
  }
  return next;
}

/** The corrections stored in an item, checked: strings only, bounded, no duplicates. */
export function itemEdits(item: CollectionItem): CollectionEdits | undefined {
  if (!isObject(item) || !isObject(item.custom)) return undefined;
  const stored = item.custom[CUSTOM_NAMESPACE];
  if (!isObject(stored)) return undefined;
  const edits: CollectionEdits = {};
  const names = cleanList(stored.names, MAX_NAMES, s => s.length <= MAX_NAME_CHARS);
  if (names) edits.names = names;
  const topics = cleanList(stored.topics, MAX_TOPICS, s => /^[\w.-]{1,60}$/.test(s));
  if (topics) edits.topics = topics;
  return edits.names || edits.topics ? edits : undefined;
}

function cleanList(value: unknown, max: number, ok: (s: string) => boolean): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: string[] = [];
  for (const v of value) {
    const s = typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() : '';
    if (s && ok(s) && !out.includes(s)) out.push(s);
    if (out.length >= max) break;
  }
  return out;
}

/**
 * `items` with the item whose key is `key` carrying `edits` (none: the corrections are removed, and
 * `custom` with them when nothing else is in it). `previous` is what it had, for undo.
 */
export function setItemEdits(items: readonly CollectionItem[], key: string, edits: CollectionEdits | undefined): { items: CollectionItem[]; found: boolean; previous: CollectionEdits | undefined } {
  let found = false;
  let previous: CollectionEdits | undefined;
  const next = items.map(item => {
    if (found || itemKey(item) !== key || !isObject(item)) return item;
    found = true;
    previous = itemEdits(item);
    const custom: Record<string, unknown> = isObject(item.custom) ? { ...item.custom } : {};
    if (edits && (edits.names || edits.topics)) {
      const stored: Record<string, unknown> = {};
      if (edits.names) stored.names = [...edits.names];
      if (edits.topics) stored.topics = [...edits.topics];
      custom[CUSTOM_NAMESPACE] = stored;
    } else {
      delete custom[CUSTOM_NAMESPACE];
    }
    const updated: Record<string, unknown> = { ...item, custom };
    if (!Object.keys(custom).length) delete updated.custom;
    return updated;
  });
  return { items: next, found, previous };
}

/** A paper with a person's corrections applied: their names replace the derived ones (the citation key stays a name). */
export function applyEdits(paper: Paper, edits: CollectionEdits | undefined, conversion: Pick<EntryConversion, 'lexicon'>, knownTopics?: ReadonlySet<string>): Paper {
  if (!edits) return paper;
  const out: Paper = { ...paper };
  if (edits.names) {
    const aliases: Alias[] = edits.names.map(name => {
      const alias: Alias = { name, origin: 'curated' };
      if (isStrictName(name, conversion.lexicon)) alias.strict = true;
      return alias;
    });
    for (const a of paper.aliases) if (a.origin === 'key' && !aliases.some(b => b.name === a.name)) aliases.push(a);
    out.aliases = aliases;
    out.shortName = edits.names[0] ?? null;
  }
  if (edits.topics) out.topics = knownTopics ? edits.topics.filter(t => knownTopics.has(t)) : [...edits.topics];
  return out;
}

export interface CollectionSourceOptions {
  /** What the UI calls it ("My collection"). */
  label: string;
  /** Topic ids the library knows: corrections naming another are ignored. */
  knownTopics?: ReadonlySet<string>;
}

/** The collection as a library source: names derived, topics classified, corrections applied. Never throws. */
export function collectionSource(text: string, file: string, conversion: Omit<EntryConversion, 'source' | 'file'>, options: CollectionSourceOptions): PaperSource {
  const content = readCollection(text, file);
  const parsed = content.unwritable ? { entries: [], problems: [] } : parseCslJson(text, file);
  const problems: LibraryProblem[] = content.problems.map(p => ({ file: p.file, line: p.line, message: p.column ? `${p.message} (column ${p.column})` : p.message, severity: p.severity }));
  for (const e of parsed.entries) {
    if (!e.title?.trim()) problems.push({ file, line: e.line, message: `item '${e.key}' has no title; it is skipped`, severity: 'warning' });
  }
  const edits = new Map<string, CollectionEdits>();
  for (const item of content.items) {
    const key = itemKey(item);
    const e = itemEdits(item);
    if (key && e && !edits.has(key)) edits.set(key, e);
  }
  const papers = papersFromEntries(parsed.entries, { ...conversion, source: COLLECTION_SOURCE_ID, file })
    .map(p => applyEdits(p, edits.get(p.id), conversion, options.knownTopics));
  return { id: COLLECTION_SOURCE_ID, kind: 'collection', label: options.label, file, papers, problems };
}

// ——— papers on their way in ———

/** What is known of a paper about to enter the collection (from arXiv, a listing, a note). */
export interface IncomingPaper {
  /** As the source wrote it. */
  title: string;
  abstract: string;
  arxiv?: string;
  doi?: string;
  /** Display names ("Guangxuan Xiao"). */
  authors: string[];
  /** The first author's surname (or a team), when the source knows no more (the bundled corpus). */
  firstAuthor?: string;
  year?: number;
  month?: number;
}

export function incomingFromRecord(record: ArxivRecord): IncomingPaper {
  const p: IncomingPaper = { title: record.title, abstract: record.abstract, arxiv: record.arxiv, authors: [...record.authors], year: record.published.year, month: record.published.month };
  if (record.doi) p.doi = record.doi;
  return p;
}

/** A paper the library knows, on its way into the collection (as its first source gives it). */
export function incomingFromPaper(p: Paper): IncomingPaper {
  const out: IncomingPaper = { title: p.title, abstract: p.abstract, authors: [...(p.authors ?? [])] };
  if (!p.authors?.length && p.firstAuthor) out.firstAuthor = p.firstAuthor;
  if (p.arxiv) out.arxiv = p.arxiv;
  if (p.doi) out.doi = p.doi;
  if (p.year !== undefined) out.year = p.year;
  if (p.month !== undefined) out.month = p.month;
  return out;
}

/** The family name a displayed name most likely has (the CSL writer's rule). */
function familyOf(display: string): string {
  const words = display.trim().split(/\s+/);
  return words[words.length - 1] ?? display;
}

/** Just enough of a Paper for the reference writers (citation key, CSL item). */
function incomingPaper(p: IncomingPaper): Paper {
  const paper: Paper = {
    id: p.arxiv ?? p.title,
    title: p.title,
    abstract: p.abstract,
    firstAuthor: p.authors[0] ? familyOf(p.authors[0]) : (p.firstAuthor ?? ''),
    shortName: null,
    aliases: [],
    topics: [],
    links: [],
  };
  if (p.arxiv) paper.arxiv = p.arxiv;
  if (p.doi) paper.doi = p.doi;
  if (p.authors.length) paper.authors = [...p.authors];
  if (p.year !== undefined) paper.year = p.year;
  if (p.month !== undefined) paper.month = p.month;
  return paper;
}

/**
 * The CSL item for an incoming paper. Its id is the citation key references would use
 * (`xiao2024duoattention`); a paper with neither an author nor an arXiv id — a listing entry no
 * lookup matched — gets a local one (`local-dolphin`) that reads as no English word, since keys
 * are names mention detection looks for.
 */
export function incomingItem(p: IncomingPaper): CslItem {
  const paper = incomingPaper(p);
  const key = citeKey(paper);
  // Without an author citeKey says "anon…"; the local id keeps only the title word.
  const id = paper.firstAuthor || p.arxiv ? key : `local-${key.replace(/^anon\d*/, '') || 'paper'}`;
  // The source's text, so a re-import or a listing compares equal (see cslJson.ts `text`).
  return paperToCsl(paper, { id, text: 'source' });
}

/** The entry the library's converters take for an incoming paper. */
function incomingEntry(p: IncomingPaper, key: string): EntryFields {
  const authors = p.authors.length ? p.authors.map(display => ({ display, family: familyOf(display) })) : p.firstAuthor ? [{ display: p.firstAuthor, family: p.firstAuthor }] : [];
  const entry: EntryFields = { key, line: 1, title: p.title, abstract: p.abstract, authors };
  if (p.year !== undefined) entry.year = p.year;
  if (p.month !== undefined) entry.month = p.month;
  if (p.doi) entry.doi = p.doi;
  if (p.arxiv) entry.arxiv = p.arxiv;
  return entry;
}

/**
 * Papers fetched from arXiv as a library source that lives only in memory: named and classified
 * like any other, with their arXiv id as id (no citation key: nobody has cited them yet).
 */
export function fetchedSource(records: readonly ArxivRecord[], conversion: Omit<EntryConversion, 'source' | 'file'>): PaperSource {
  const entries = records.map(r => incomingEntry(incomingFromRecord(r), r.arxiv));
  const papers = papersFromEntries(entries, { ...conversion, source: FETCHED_SOURCE_ID }).map(p => {
    const paper: Paper = { ...p, aliases: p.aliases.filter(a => a.origin !== 'key'), origins: [{ source: FETCHED_SOURCE_ID, key: p.id }] };
    delete paper.citationKey;
    return paper;
  });
  return { id: FETCHED_SOURCE_ID, kind: 'fetched', label: 'Fetched from arXiv', papers };
}

/** Whether the collection holds this paper (it may be merged with the bundled corpus's copy). */
export function collectionKeyOf(paper: Paper): string | undefined {
  return paper.origins?.find(o => o.source === COLLECTION_SOURCE_ID)?.key;
}
