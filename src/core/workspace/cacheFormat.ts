// The on-disk cache of the workspace mention index, kept in the extension's workspace storage
// (never in the workspace): newline-delimited JSON, one header line, then one line per note, so
// the host can write and read it a slice at a time without ever holding the main thread for a
// whole 50 MB JSON.parse, and a torn or corrupt line costs that note a rescan, not the cache.
//
//   {"format":"paper-lens.workspace-mentions","version":1,"notes":N,"papers":[ids],"fingerprints":[fps]}
//   [path, size, mtime, fingerprintIndex, paperSets, numbers, previews]
//
// A note's line is its PackedMentions: its paper lists as lists of indexes into the header's papers;
// `numbers` seven per mention — start (as the step from the previous start), length, line (as the
// step from the previous line), character, preview length in UTF-8 bytes, previewStart,
// paperList × 2 + ambiguous — small numbers that keep the line short; `previews` as one string. A
// mention's text is not stored: it is in its preview. Paper ids and fingerprints are stored once,
// in the header.
import type { NoteEntry } from './mentionIndex';
import { isValidPacked, MENTION_FIELDS, type PackedMentions, paperLists } from './noteMentions';

const CACHE_FIELDS = 7;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

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
 * Writes cache lines: the header, then one line per note. Streaming (a writer in a worker gets
 * the entries a chunk at a time), so `tables` must be known first and must cover every paper id
 * and fingerprint the entries use (`index.paperIds()`, `index.fingerprints()`, taken together with
 * the entries).
 */
export class CacheWriter {
  private readonly paperIndex = new Map<string, number>();
  private readonly fingerprintIndex = new Map<string, number>();

  constructor(private readonly tables: CacheTables, private readonly notes: number) {
    for (const p of tables.papers) this.paperIndex.set(p, this.paperIndex.size);
    for (const f of tables.fingerprints) this.fingerprintIndex.set(f, this.fingerprintIndex.size);
  }

  header(): string {
    const header: CacheHeader = { format: CACHE_FORMAT, version: CACHE_VERSION, notes: this.notes, papers: [...this.tables.papers], fingerprints: [...this.tables.fingerprints] };
    return `${JSON.stringify(header)}\n`;
  }

  line(e: NoteEntry): string {
    const fp = this.fingerprintIndex.get(e.fingerprint);
    if (fp === undefined) throw new Error(`cache: fingerprint of ${e.path} is not in the table`);
    const lists = paperLists(e.mentions).map(list => list.map(p => {
      const i = this.paperIndex.get(p);
      if (i === undefined) throw new Error(`cache: paper ${p} is not in the table`);
      return i;
    }));
    return `${JSON.stringify([e.path, e.size, e.mtime, fp, lists, cacheNumbers(e.mentions.data), decoder.decode(e.mentions.previews)])}\n`;
  }
}

/** The tables of a list of entries, by a pass over them. */
export function cacheTables(entries: Iterable<NoteEntry>): CacheTables {
  const papers = new Set<string>();
  const fingerprints = new Set<string>();
  for (const e of entries) {
    fingerprints.add(e.fingerprint);
    for (const list of paperLists(e.mentions)) for (const p of list) papers.add(p);
  }
  return { papers: [...papers], fingerprints: [...fingerprints] };
}

/** The whole cache of `entries` as lines, each ending in "\n", header first. */
export function* encodeCache(entries: Iterable<NoteEntry>, tables?: CacheTables): Generator<string> {
  const list = [...entries];
  const writer = new CacheWriter(tables ?? cacheTables(list), list.length);
  yield writer.header();
  for (const e of list) yield writer.line(e);
}

/** The packed fields as the cache stores them (see the top of this file). */
function cacheNumbers(d: Int32Array): number[] {
  const n = d.length / MENTION_FIELDS;
  const out: number[] = new Array(n * CACHE_FIELDS);
  let previousStart = 0;
  let previousLine = 0;
  for (let i = 0; i < n; i++) {
    const at = i * MENTION_FIELDS;
    const to = i * CACHE_FIELDS;
    out[to] = d[at] - previousStart;
    out[to + 1] = d[at + 1] - d[at];
    out[to + 2] = d[at + 2] - previousLine;
    out[to + 3] = d[at + 3];
    out[to + 4] = d[at + 5];
    out[to + 5] = d[at + 6];
    out[to + 6] = d[at + 7];
    previousStart = d[at];
    previousLine = d[at + 2];
  }
  return out;
}

/** The packed fields back from the cache's numbers, or undefined when they are not whole. */
function packedData(numbers: unknown[]): Int32Array | undefined {
  if (numbers.length % CACHE_FIELDS !== 0) return undefined;
  const n = numbers.length / CACHE_FIELDS;
  const d = new Int32Array(n * MENTION_FIELDS);
  let start = 0;
  let line = 0;
  let offset = 0;
  for (let i = 0; i < n; i++) {
    const from = i * CACHE_FIELDS;
    for (let k = 0; k < CACHE_FIELDS; k++) if (!isCount(numbers[from + k])) return undefined;
    const at = i * MENTION_FIELDS;
    start += numbers[from] as number;
    line += numbers[from + 2] as number;
    if (start > 0x7fffffff || line > 0x7fffffff) return undefined;
    d[at] = start;
    d[at + 1] = start + (numbers[from + 1] as number);
    d[at + 2] = line;
    d[at + 3] = numbers[from + 3] as number;
    d[at + 4] = offset;
    d[at + 5] = numbers[from + 4] as number;
    d[at + 6] = numbers[from + 5] as number;
    d[at + 7] = numbers[from + 6] as number;
    offset += d[at + 5];
  }
  return d;
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
    if (!Array.isArray(row) || row.length !== 7) return undefined;
    const [path, size, mtime, fp, lists, numbers, previews] = row as unknown[];
    if (typeof path !== 'string' || !path || !isCount(size) || typeof mtime !== 'number' || !Number.isFinite(mtime)) return undefined;
    if (!isCount(fp) || fp >= this.header.fingerprints.length) return undefined;
    if (!Array.isArray(lists) || !Array.isArray(numbers) || typeof previews !== 'string') return undefined;
    const joined: string[] = [];
    for (const list of lists as unknown[]) {
      if (!Array.isArray(list) || !list.length) return undefined;
      const ids: string[] = [];
      for (const p of list as unknown[]) {
        if (!isCount(p) || p >= this.header.papers.length) return undefined;
        ids.push(this.header.papers[p]);
      }
      joined.push(ids.join('\n'));
    }
    const data = packedData(numbers);
    if (!data) return undefined;
    const mentions: PackedMentions = { data, previews: encoder.encode(previews), papers: joined.join('\t') };
    if (!isValidPacked(mentions)) return undefined;
    return { path, size, mtime, fingerprint: this.header.fingerprints[fp], mentions };
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
