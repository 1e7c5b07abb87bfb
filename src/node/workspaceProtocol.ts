// Messages between the workspace scanner (extension host side, workspaceScanner.ts) and its worker
// (workspaceWorker.ts). Plain data only: everything crosses by structured clone.
import type { Paper } from '../core/model';
import type { NoteFile, NoteMention, ResolvedFileSelection, SkipReason } from '../core/workspace';

export type ToWorker =
  /** Sent once, first: the worker builds its own detector from the papers. */
  | { type: 'init'; papers: readonly Paper[]; maxFileBytes: number }
  /** List the notes under these folders. */
  | { type: 'list'; id: number; roots: string[]; selection: ResolvedFileSelection }
  /** Read and scan these notes (index keys, usable as file paths). */
  | { type: 'scan'; id: number; paths: string[] };

export type ScanResult =
  | { path: string; size: number; mtime: number; mentions: NoteMention[] }
  /**
   * Not scanned: gone (or no longer a file), over the size cap, or unreadable. A binary file is not
   * skipped but scanned as having no mentions, so that its entry keeps a warm reopen from reading
   * it again.
   */
  | { path: string; skipped: 'missing' | 'tooLarge' | 'unreadable' };

export type FromWorker =
  | { type: 'listed'; id: number; files: NoteFile[]; skipped: Partial<Record<SkipReason | 'unreadable', number>> }
  | { type: 'scanned'; id: number; results: ScanResult[]; bytes: number }
  | { type: 'failed'; id: number; message: string };
