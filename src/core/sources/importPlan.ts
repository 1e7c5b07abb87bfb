// What an import would add to the collection, before anything is added: the input read (a
// Hugging Face daily-papers page as saved or copied, the daily-papers API's JSON for a date, or
// arXiv ids and links), each paper completed (from the library, else from arXiv when the network may
// be used), and sorted into new / already in the collection / failed. Pure apart from the arXiv
// lookups, which come in through an interface (the extension and the CLI pass an ArxivClient).
//
// Papers are looked up in the library before arXiv is asked: a listing's title or an id the library
// already knows needs no request (the bundled corpus has every paper of its own listing), and arXiv
// asks for one request every 3 s.
import { parseArxivId } from '../library/arxivId';
import type { LibrarySnapshot } from '../library/library';
import type { Paper } from '../library/model';
// src/core/net is core code; the lint pattern 'net' is meant for Node's built-in module and also
// matches this folder (eslint.config.mjs).
// eslint-disable-next-line no-restricted-imports
import { type ArxivLookup, type ArxivTitleLookup, type LookupOptions, titleKey } from '../net/arxivClient';
import type { CslItem } from '../references/cslJson';
import { findArxivReferences } from '../text/arxivReferences';
import { clipForMessage } from '../text/quote';
import { CollectionIndex, type CollectionItem, type IncomingPaper, incomingFromPaper, incomingFromRecord, incomingItem } from './collection';
import { parseSeed } from './dailyListing';
import { readHfDailyPapers } from './hfDailyPapers';

export type ImportFormat = 'daily-listing' | 'hf-daily-papers' | 'arxiv-ids';

export const IMPORT_FORMAT_LABELS: Record<ImportFormat, string> = {
  'daily-listing': 'a Hugging Face daily-papers page',
  'hf-daily-papers': 'a Hugging Face daily-papers API answer',
  'arxiv-ids': 'arXiv ids and links',
};

/** One paper the input names, with what the input says of it. */
export interface ImportCandidate {
  /** 1-based line of the input (for a JSON answer, the item's position, 1-based). */
  line: number;
  /** What the input wrote: the id or link, or the title. */
  input: string;
  /** The arXiv id (without version), when the input gives one. */
  arxiv?: string;
  /** Title and abstract (a listing), or everything (an API answer); absent for a bare id. */
  paper?: IncomingPaper;
}

export interface ImportProblem {
  line?: number;
  message: string;
}

export interface ImportInput {
  format: ImportFormat;
  candidates: ImportCandidate[];
  /** Parts of the input that name no paper it could read (a malformed API item). */
  problems: ImportProblem[];
}

export type ImportParse = { ok: true; input: ImportInput } | { ok: false; message: string };

/** An id list may carry comment lines (`#`, `//`) and blank lines between the ids. */
const COMMENT_LINE = /^\s*(?:#|\/\/)/;

/**
 * Reads an import's text. The format is recognised from the text unless `format` says it: JSON is
 * an API answer; text whose every line holds an arXiv reference is an id list; otherwise a daily
 * listing, and, when the text is not one, the arXiv references found anywhere in it (a note).
 */
export function parseImportInput(text: string, options: { format?: ImportFormat } = {}): ImportParse {
  if (typeof text !== 'string' || !text.trim()) return { ok: false, message: 'there is nothing to import (the text is empty)' };
  const body = text.replace(/^\ufeff/, '');
  const format = options.format ?? detectFormat(body);
  switch (format) {
    case 'hf-daily-papers': return fromApiAnswer(body);
    case 'arxiv-ids': return fromIds(body);
    case 'daily-listing': {
      const listing = fromListing(body);
      if (listing.ok || options.format) return listing;
      const ids = fromIds(body);
      return ids.ok ? ids : { ok: false, message: `the text is not ${IMPORT_FORMAT_LABELS['hf-daily-papers']}, ${IMPORT_FORMAT_LABELS['daily-listing']} (${listing.message}) or a list of arXiv ids` };
    }
  }
}

function detectFormat(text: string): ImportFormat {
  const start = text.trimStart()[0];
  if (start === '[' || start === '{') return 'hf-daily-papers';
  const lines = text.split(/\r\n|\r|\n/).filter(l => l.trim() && !COMMENT_LINE.test(l));
  if (lines.length && lines.every(l => findArxivReferences(l).length > 0 || parseArxivId(l.trim()))) return 'arxiv-ids';
  return 'daily-listing';
}

function fromApiAnswer(text: string): ImportParse {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `the text starts like JSON but is not valid JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  const read = readHfDailyPapers(value);
  if (!read.ok) return { ok: false, message: `not ${IMPORT_FORMAT_LABELS['hf-daily-papers']}: ${read.error.message}` };
  const byId = new Map(read.papers.records.map(r => [r.arxiv, r]));
  const candidates: ImportCandidate[] = [];
  // Items keep their position, so a problem and a paper can be told apart by where they stood.
  (value as unknown[]).forEach((item, i) => {
    const id = typeof item === 'object' && item !== null ? parseArxivId(String((item as { paper?: { id?: unknown } }).paper?.id ?? ''))?.id : undefined;
    const record = id ? byId.get(id) : undefined;
    if (!record) return;
    byId.delete(record.arxiv);
    candidates.push({ line: i + 1, input: record.arxiv, arxiv: record.arxiv, paper: incomingFromRecord(record) });
  });
  const problems = read.papers.problems.map(p => ({ line: p.index + 1, message: `item ${p.index + 1}${p.id ? ` (${p.id})` : ''}: ${p.message}` }));
  return { ok: true, input: { format: 'hf-daily-papers', candidates, problems } };
}

function fromListing(text: string): ImportParse {
  let entries: ReturnType<typeof parseSeed>;
  try {
    entries = parseSeed(text);
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  const candidates = entries.map(e => ({ line: e.line, input: e.title, paper: { title: e.title, abstract: e.abstract, authors: [] } }));
  return { ok: true, input: { format: 'daily-listing', candidates, problems: [] } };
}

function fromIds(text: string): ImportParse {
  const candidates: ImportCandidate[] = [];
  const seen = new Set<string>();
  let line = 1;
  let scanned = 0;
  for (const ref of findArxivReferences(text)) {
    for (let i = text.indexOf('\n', scanned); i >= 0 && i < ref.start; i = text.indexOf('\n', i + 1)) line++;
    scanned = ref.start;
    if (seen.has(ref.id)) continue;
    seen.add(ref.id);
    candidates.push({ line, input: text.slice(ref.start, ref.end), arxiv: ref.id });
  }
  // A line that is only an id the reference finder skips as prose (an old-style id without a prefix).
  text.split(/\r\n|\r|\n/).forEach((l, i) => {
    const id = parseArxivId(l.trim());
    if (id && !seen.has(id.id)) {
      seen.add(id.id);
      candidates.push({ line: i + 1, input: l.trim(), arxiv: id.id });
    }
  });
  if (!candidates.length) return { ok: false, message: 'no arXiv id or link found in the text' };
  candidates.sort((a, b) => a.line - b.line);
  return { ok: true, input: { format: 'arxiv-ids', candidates, problems: [] } };
}

// ——— completing candidates ———

/** The arXiv lookups an import needs (ArxivClient has them). */
export interface ArxivPort {
  fetch(inputs: readonly string[], options?: LookupOptions): Promise<ArxivLookup[]>;
  findByTitle(title: string, options?: LookupOptions): Promise<ArxivTitleLookup>;
}

export interface ResolveOptions {
  /** The library: papers it knows need no request. */
  library?: Pick<LibrarySnapshot, 'paperByArxiv' | 'papers'>;
  /** arXiv; absent when network use is off. */
  arxiv?: ArxivPort;
  signal?: AbortSignal;
  onProgress?(done: number, total: number): void;
}

export type ResolvedCandidate =
  | { candidate: ImportCandidate; ok: true; paper: IncomingPaper; note?: string }
  | { candidate: ImportCandidate; ok: false; reason: string };

/** Completes every candidate. Never rejects; a cancelled run marks what was left as failed. */
export async function resolveImport(candidates: readonly ImportCandidate[], options: ResolveOptions = {}): Promise<ResolvedCandidate[]> {
  const { library, arxiv, signal } = options;
  const results: (ResolvedCandidate | undefined)[] = candidates.map(() => undefined);
  let done = 0;
  const settle = (i: number, r: ResolvedCandidate) => {
    results[i] = r;
    options.onProgress?.(++done, candidates.length);
  };
  const byTitle = libraryTitles(library?.papers ?? []);
  const toFetch: number[] = [];
  const toSearch: number[] = [];
  candidates.forEach((c, i) => {
    if (c.paper && c.arxiv) return settle(i, { candidate: c, ok: true, paper: c.paper });
    if (c.arxiv) {
      const known = library?.paperByArxiv(c.arxiv);
      if (known) return settle(i, { candidate: c, ok: true, paper: incomingFromPaper(known), note: 'details from your library' });
      return toFetch.push(i);
    }
    if (!c.paper) return settle(i, { candidate: c, ok: false, reason: 'nothing to import' });
    const match = byTitle.get(titleKey(c.paper.title));
    if (match) return settle(i, { candidate: c, ok: true, paper: completeFrom(c.paper, incomingFromPaper(match)), note: `matched by title: arXiv ${match.arxiv}` });
    toSearch.push(i);
  });

  if (toFetch.length) {
    if (!arxiv) {
      for (const i of toFetch) settle(i, { candidate: candidates[i], ok: false, reason: 'network use is off, so its details cannot be fetched from arXiv' });
    } else {
      const answers = await arxiv.fetch(toFetch.map(i => candidates[i].arxiv as string), { signal });
      toFetch.forEach((i, k) => {
        const a = answers[k];
        settle(i, a?.ok ? { candidate: candidates[i], ok: true, paper: incomingFromRecord(a.record) } : { candidate: candidates[i], ok: false, reason: a ? a.error.message : 'no answer' });
      });
    }
  }

  // Title searches go one by one (3 s apart for arXiv): after the first sign that arXiv cannot be
  // reached, the rest are kept with a local id rather than each waiting for its own timeout.
  let unreachable: string | undefined = arxiv ? undefined : 'network use is off';
  for (const i of toSearch) {
    const c = candidates[i];
    const paper = c.paper as IncomingPaper;
    if (signal?.aborted) {
      settle(i, { candidate: c, ok: false, reason: 'the import was cancelled' });
      continue;
    }
    if (unreachable || !arxiv) {
      settle(i, { candidate: c, ok: true, paper, note: `kept with a local id (${unreachable})` });
      continue;
    }
    const found = await arxiv.findByTitle(paper.title, { signal });
    if (found.ok) {
      settle(i, { candidate: c, ok: true, paper: completeFrom(paper, incomingFromRecord(found.record)), note: `matched by title on arXiv: ${found.record.arxiv}` });
    } else if (found.error.kind === 'notFound' || found.error.kind === 'invalidInput') {
      settle(i, { candidate: c, ok: true, paper, note: 'kept with a local id (arXiv has no paper with this exact title)' });
    } else if (found.error.kind === 'aborted') {
      settle(i, { candidate: c, ok: false, reason: 'the import was cancelled' });
    } else {
      unreachable = found.error.message;
      settle(i, { candidate: c, ok: true, paper, note: `kept with a local id (${unreachable})` });
    }
  }
  return results.map((r, i) => r ?? { candidate: candidates[i], ok: false, reason: 'not looked up' });
}

/** Papers of the library by title (and the title arXiv shows now), those with an arXiv id only. */
function libraryTitles(papers: readonly Paper[]): Map<string, Paper> {
  const map = new Map<string, Paper>();
  for (const p of papers) {
    if (!p.arxiv) continue;
    for (const t of [p.title, p.arxivTitle]) {
      const key = t ? titleKey(t) : '';
      if (key && !map.has(key)) map.set(key, p);
    }
  }
  return map;
}

/** The input's own title and abstract (what the user imported), completed with a match's id, authors and date. */
function completeFrom(own: IncomingPaper, match: IncomingPaper): IncomingPaper {
  return { ...match, title: own.title, abstract: own.abstract || match.abstract };
}

// ——— the plan ———

export interface PlannedItem {
  candidate: ImportCandidate;
  /** What to show: the title, or the input when nothing more is known. */
  label: string;
  arxiv?: string;
  /** For a new paper: the item that would be added. */
  item?: CslItem;
  /** How it was completed (new), or why it is not added (known, failed). */
  note?: string;
}

export interface ImportPlan {
  format: ImportFormat;
  /** Papers the collection does not have: what the import adds. */
  added: PlannedItem[];
  /** Papers the collection has already (or listed twice in the input). */
  known: PlannedItem[];
  failed: PlannedItem[];
}

/** Sorts completed candidates against the collection's items. */
export function planImport(input: ImportInput, resolved: readonly ResolvedCandidate[], collection: readonly CollectionItem[]): ImportPlan {
  const plan: ImportPlan = { format: input.format, added: [], known: [], failed: [] };
  for (const p of input.problems) plan.failed.push({ candidate: { line: p.line ?? 0, input: '' }, label: clipForMessage(p.message, 80), note: p.message });
  const index = new CollectionIndex(collection);
  const incoming = new CollectionIndex([]);
  for (const r of resolved) {
    if (!r.ok) {
      plan.failed.push({ candidate: r.candidate, label: r.candidate.paper?.title ?? r.candidate.input, ...(r.candidate.arxiv ? { arxiv: r.candidate.arxiv } : {}), note: r.reason });
      continue;
    }
    const identity = { arxiv: r.paper.arxiv, doi: r.paper.doi, title: r.paper.title };
    const planned: PlannedItem = { candidate: r.candidate, label: r.paper.title, ...(r.paper.arxiv ? { arxiv: r.paper.arxiv } : {}) };
    if (index.find(identity) !== undefined) {
      plan.known.push({ ...planned, note: 'already in your collection' });
    } else if (incoming.find(identity) !== undefined) {
      plan.known.push({ ...planned, note: 'listed twice in the input' });
    } else {
      const item = incomingItem(r.paper);
      incoming.add(item, plan.added.length);
      plan.added.push({ ...planned, item, ...(r.note ? { note: r.note } : {}) });
    }
  }
  return plan;
}

/** "12 new, 3 already in your collection, 1 failed". */
export function planSummary(plan: ImportPlan): string {
  return `${plan.added.length} new, ${plan.known.length} already in your collection, ${plan.failed.length} failed`;
}
