// Messages between the workspace scanner (extension host side, workspaceScanner.ts) and its worker
// (workspaceWorker.ts). Plain data only: everything crosses by structured clone, and the bulky
// parts (packed mentions, listings) as transferred buffers, which cost the host's thread nothing.
import type { Paper } from '../core/library/model';
import type { CacheTables, NoteEntry, NoteFile, PackedMentions, ResolvedFileSelection, SkipReason } from '../core/workspace';

export type ToWorker =
  /** Sent once, first: the worker builds its own detector from the papers when it first scans. */
  | { type: 'init'; papers: readonly Paper[]; maxFileBytes: number }
  /** List the notes under these folders. */
  | { type: 'list'; id: number; roots: string[]; selection: ResolvedFileSelection }
  /** Read and scan these notes (index keys, usable as file paths). */
  | { type: 'scan'; id: number; paths: string[] }
  /** Read a cache file: 'cacheBatch' messages, then 'cacheLoaded'. */
  | { type: 'loadCache'; id: number; file: string }
  /** Write a cache file: one 'begin', any number of 'entries', one 'end' (answered by 'cacheSaved'). */
  | { type: 'saveCache'; id: number; part: 'begin'; file: string; tables: CacheTables; notes: number }
  | { type: 'saveCache'; id: number; part: 'entries'; entries: NoteEntry[] }
  | { type: 'saveCache'; id: number; part: 'end' };

export type ScanResult =
  /** `mentions`' buffers are transferred, not copied. */
  | { path: string; size: number; mtime: number; mentions: PackedMentions }
  /**
   * Not scanned: gone (or no longer a file), over the size cap, or unreadable. A binary file is not
   * skipped but scanned as having no mentions, so that its entry keeps a warm reopen from reading
   * it again.
   */
  | { path: string; skipped: 'missing' | 'tooLarge' | 'unreadable' };

export type FromWorker =
  /**
   * The notes listed, column by column: one string and two transferred buffers cost the host's
   * thread nothing to receive, where 10,000 small objects cost a structured-clone pass over each.
   */
  | { type: 'listed'; id: number; paths: string; sizes: Float64Array; mtimes: Float64Array; skipped: Partial<Record<SkipReason | 'unreadable', number>> }
  | { type: 'scanned'; id: number; results: ScanResult[]; bytes: number }
  /** Some of the cache's entries (more may follow), buffers transferred. */
  | { type: 'cacheBatch'; id: number; entries: NoteEntry[] }
  | { type: 'cacheLoaded'; id: number; notes: number; rejected: number; error?: string }
  | { type: 'cacheSaved'; id: number; bytes: number }
  | { type: 'failed'; id: number; message: string };

/** Notes as the 'listed' message carries them (paths joined by "\n"). */
export function packListing(files: readonly NoteFile[]): { paths: string; sizes: Float64Array; mtimes: Float64Array } {
  return { paths: files.map(f => f.path).join('\n'), sizes: Float64Array.from(files, f => f.size), mtimes: Float64Array.from(files, f => f.mtime) };
}

export function unpackListing(listing: { paths: string; sizes: Float64Array; mtimes: Float64Array }): NoteFile[] {
  if (!listing.paths) return [];
  return listing.paths.split('\n').map((path, i) => ({ path, size: listing.sizes[i], mtime: listing.mtimes[i] }));
}

/** The buffers of packed mentions, to transfer with a message. */
export function buffersOf(mentions: PackedMentions): ArrayBuffer[] {
  return [mentions.data.buffer as ArrayBuffer, mentions.previews.buffer as ArrayBuffer];
}
