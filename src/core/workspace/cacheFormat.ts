// The on-disk cache of the workspace mention index, kept in the extension's workspace storage
// (never in the workspace): newline-delimited JSON, one header line, then one line per note, so
// the host can write and read it a slice at a time without ever holding the main thread for a
// whole 50 MB JSON.parse, and a torn or corrupt line costs that note a rescan, not the cache.
//
//   {"format":"paper-lens.workspace-mentions","version":1,"notes":N,"papers":[ids],"fingerprints":[fps]}
//   [path, size, mtime, fingerprintIndex, [[start, end, line, character, previewStart, preview, ambiguous(0|1), paperIndex...], ...]]
//
// A mention's text is not stored: it is `preview.slice(previewStart, previewStart + end - start)`.
// Paper ids and fingerprints are stored once in the header and referred to by index.
import type { NoteEntry } from './mentionIndex';
import type { NoteMention } from './noteMentions';

export const CACHE_FORMAT = 'paper-lens.workspace-mentions';
/** Bump when a line's shape changes: an older or newer cache is then ignored whole and rebuilt. */
export const CACHE_VERSION = 1;

export interface CacheHeader {
  format: typeof CACHE_FORMAT;
  version: number;
  /** Note lines that follow. */
  notes: number;
  papers: string[];
  fingerprints: string[];
}

/** Paper ids and fingerprints the entries use (`index.paperIds()`, `index.fingerprints()`, taken with the entries). */
export interface CacheTables {
  papers: readonly string[];
  fingerprints: readonly string[];
}

/**
 * The cache of `entries` (`[...index.entries()]`) as lines, each ending in "\n": header first. With
 * `tables` the header needs no pass over every mention (the caller yields between lines; the pass
 * would not); they must cover every id and fingerprint the entries use.
 */
export function* encodeCache(entries: Iterable<NoteEntry>, tables?: CacheTables): Generator<string> {
  const list = [...entries];
  const paperIndex = new Map<string, number>();
  const fingerprintIndex = new Map<string, number>();
  if (tables) {
    for (const p of tables.papers) paperIndex.set(p, paperIndex.size);
    for (const f of tables.fingerprints) fingerprintIndex.set(f, fingerprintIndex.size);
  } else {
    for (const e of list) {
      if (!fingerprintIndex.has(e.fingerprint)) fingerprintIndex.set(e.fingerprint, fingerprintIndex.size);
      for (const m of e.mentions) for (const p of m.papers) if (!paperIndex.has(p)) paperIndex.set(p, paperIndex.size);
    }
  }
  const header: CacheHeader = { format: CACHE_FORMAT, version: CACHE_VERSION, notes: list.length, papers: [...paperIndex.keys()], fingerprints: [...fingerprintIndex.keys()] };
  yield `${JSON.stringify(header)}\n`;
  for (const e of list) {
    const fp = fingerprintIndex.get(e.fingerprint);
    if (fp === undefined) throw new Error(`encodeCache: fingerprint of ${e.path} is not in the table`);
    const mentions = e.mentions.map(m => [m.start, m.end, m.line, m.character, m.previewStart, m.preview, m.ambiguous ? 1 : 0, ...m.papers.map(p => {
      const i = paperIndex.get(p);
      if (i === undefined) throw new Error(`encodeCache: paper ${p} is not in the table`);
      return i;
    })]);
    yield `${JSON.stringify([e.path, e.size, e.mtime, fp, mentions])}\n`;
  }
}

export class CacheFormatError extends Error {}

function isCount(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 0;
}

/** Reads cache lines after their header; every line is checked, since the file may be torn or from anywhere. */
export class CacheReader {
  readonly header: CacheHeader;

  /** Throws CacheFormatError when the header is not this format and version: the cache is then ignored. */
  constructor(headerLine: string) {
    let h: Partial<CacheHeader>;
    try {
      h = JSON.parse(headerLine) as Partial<CacheHeader>;
    } catch {
      throw new CacheFormatError('workspace cache header is not JSON');
    }
    if (!h || typeof h !== 'object' || h.format !== CACHE_FORMAT) throw new CacheFormatError('not a workspace mention cache');
    if (h.version !== CACHE_VERSION) throw new CacheFormatError(`workspace cache version ${String(h.version)} (expected ${CACHE_VERSION})`);
    if (!Array.isArray(h.papers) || !h.papers.every(p => typeof p === 'string')) throw new CacheFormatError('workspace cache header has no paper table');
    if (!Array.isArray(h.fingerprints) || !h.fingerprints.every(p => typeof p === 'string')) throw new CacheFormatError('workspace cache header has no fingerprint table');
    this.header = { format: CACHE_FORMAT, version: h.version, notes: isCount(h.notes) ? h.notes : 0, papers: h.papers, fingerprints: h.fingerprints };
  }

  /** One note's entry, or undefined for a blank, torn or malformed line (that note is then simply rescanned). */
  decodeLine(line: string): NoteEntry | undefined {
    if (!line.trim()) return undefined;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      return undefined;
    }
    if (!Array.isArray(row) || row.length !== 5) return undefined;
    const [path, size, mtime, fp, rows] = row as unknown[];
    if (typeof path !== 'string' || !path || !isCount(size) || typeof mtime !== 'number' || !Number.isFinite(mtime)) return undefined;
    if (!isCount(fp) || fp >= this.header.fingerprints.length || !Array.isArray(rows)) return undefined;
    const mentions: NoteMention[] = new Array(rows.length);
    let previousStart = -1;
    for (let i = 0; i < rows.length; i++) {
      const m = this.decodeMention(rows[i]);
      if (!m || m.start < previousStart) return undefined;
      previousStart = m.start;
      mentions[i] = m;
    }
    return { path, size, mtime, fingerprint: this.header.fingerprints[fp], mentions };
  }

  private decodeMention(r: unknown): NoteMention | undefined {
    if (!Array.isArray(r) || r.length < 8) return undefined;
    const [start, end, line, character, previewStart, preview, ambiguous] = r as unknown[];
    if (!isCount(start) || !isCount(end) || end <= start || !isCount(line) || !isCount(character) || character > start) return undefined;
    if (typeof preview !== 'string' || !isCount(previewStart) || previewStart + (end - start) > preview.length) return undefined;
    if (ambiguous !== 0 && ambiguous !== 1) return undefined;
    const papers: string[] = [];
    for (let k = 7; k < r.length; k++) {
      const p = r[k] as unknown;
      if (!isCount(p) || p >= this.header.papers.length) return undefined;
      papers.push(this.header.papers[p]);
    }
    return { start, end, line, character, text: preview.slice(previewStart, previewStart + end - start), papers, ambiguous: ambiguous === 1, preview, previewStart };
  }
}

/** Every entry of a whole cache text (tests, small caches); throws CacheFormatError for a foreign header. */
export function decodeCache(text: string): NoteEntry[] {
  const lines = text.split('\n');
  const reader = new CacheReader(lines[0]);
  const out: NoteEntry[] = [];
  for (let i = 1; i < lines.length; i++) {
    const e = reader.decodeLine(lines[i]);
    if (e) out.push(e);
  }
  return out;
}
