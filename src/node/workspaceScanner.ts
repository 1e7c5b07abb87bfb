// Keeps a WorkspaceMentionIndex current from the file system without holding the extension host's
// thread: listing, scanning and the cache's reading and writing run in a worker thread
// (workspaceWorker.ts); this side applies their results a chunk at a time (packed mentions arrive
// as transferred buffers) and scans single saved notes in process.
//
//   const scanner = new WorkspaceScanner({ index, papers, fingerprint, finder });
//   const cache = path.join(context.storageUri.fsPath, 'workspace-mentions.ndjson');  // never in the workspace
//   await scanner.scanFolders([root], { cacheFile: cache, onProgress, signal });      // reads only what changed
//   await scanner.updateNote(savedPath);                                               // one note, in process when small
//   await scanner.saveCache(cache);
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { Worker } from 'worker_threads';
import { MentionDetector } from '../core/mentions';
import type { Paper } from '../core/library/model';
import {
  type CacheTables,
  type FileSelectionOptions,
  type MentionFinder,
  type NoteEntry,
  type NoteFile,
  packNoteMentions,
  planScan,
  resolveFileSelection,
  type ResolvedFileSelection,
  type WorkspaceMentionIndex,
} from '../core/workspace';
import { noteKey, scanNoteFile } from './workspaceFiles';
import { type FromWorker, type ScanResult, type ToWorker, unpackListing } from './workspaceProtocol';

/**
 * Notes up to this size are scanned on the host's thread when saved: a 256 KB note takes about 4 ms
 * to detect (the detector does ~1 MB in 15 ms), far under the 50 ms a stall may last, and saves a
 * worker start (~100 ms). A larger note goes to a worker.
 */
export const IN_PROCESS_MAX_BYTES = 256 * 1024;

/**
 * How many bytes of notes one message to a worker asks for. The host pays for each reply on its
 * thread (structured clone of ~1,200 mentions per 256 KB, about a millisecond, plus the index
 * update), so small chunks keep every stall short; much smaller ones only add messages.
 */
export const CHUNK_BYTES = 256 * 1024;
/** A chunk also ends at this many notes, so folders of tiny notes still report progress often. */
const CHUNK_NOTES = 200;
/** Chunks a worker holds at once: one to scan, one queued, so it never waits for the host. */
const IN_FLIGHT = 2;
/** Cache entries per message when saving: ~1 MB, a millisecond of copying on the host's thread. */
const SAVE_CHUNK_BYTES = 1 << 20;
/**
 * Host work per turn of the event loop when applying results. Node delivers every message a worker
 * has queued in one turn, so results are not applied as they arrive but queued and applied in
 * slices of this length: a burst of cache batches (the worker reads faster than the host applies)
 * must not become one long stall.
 */
const SLICE_MS = 8;
/** Cached entries applied per queued job: a few milliseconds of index updates at most. */
const APPLY_ENTRIES = 50;

export interface WorkspaceScannerOptions {
  index: WorkspaceMentionIndex;
  papers: readonly Paper[];
  /** libraryFingerprint(papers, version): stamped on every entry scanned. */
  fingerprint: string;
  /** The host's detector for in-process scans (the one hover uses); built from `papers` when first needed otherwise. */
  finder?: MentionFinder;
  selection?: FileSelectionOptions;
  /** Worker threads for a scan; default 1 (see the bench: on 2 cores a second one did not pay). */
  workers?: number;
  /** The worker's compiled file; default workspaceWorker.js beside this module (out/src/node/ or dist/). */
  workerScript?: string;
  inProcessMaxBytes?: number;
  chunkBytes?: number;
}

export interface ScanOptions {
  /**
   * A cache to load first (scanFolders): the worker reads it while it lists the folders, and the
   * notes it holds current are not read again. A missing or foreign cache is no error.
   */
  cacheFile?: string;
  /** Called with notes done and notes to scan: once at 0 when the plan is known, then after every chunk. */
  onProgress?: (done: number, total: number) => void;
  /** Aborting stops the workers at once; the scan rejects with an AbortError and the index keeps every note applied so far. */
  signal?: AbortSignal;
}

export interface ScanSummary {
  /** What loading `cacheFile` gave, when one was asked for. */
  cache?: CacheLoad;
  /** Notes the folders hold (0 for scanNotes). */
  notes: number;
  /** Notes read and scanned. */
  scanned: number;
  /** Notes whose cached entry was current. */
  unchanged: number;
  /** Entries removed (notes gone, over the cap, unreadable). */
  removed: number;
  /** Bytes read. */
  bytes: number;
  ms: number;
}

export type NoteUpdate = 'updated' | 'removed' | 'superseded';

export interface CacheLoad {
  /** Entries loaded into the index. */
  notes: number;
  /** Lines that were torn or malformed (those notes are rescanned). */
  rejected: number;
  /** Why nothing was loaded: no cache yet, or another format or version. */
  error?: string;
}

function abortError(): Error {
  const e = new Error('workspace scan cancelled');
  e.name = 'AbortError';
  return e;
}

const yieldToEventLoop = () => new Promise<void>(resolve => setImmediate(resolve));

export class WorkspaceScanner {
  private readonly index: WorkspaceMentionIndex;
  private papers: readonly Paper[];
  private libraryFingerprint: string;
  private finder: MentionFinder | undefined;
  private readonly selection: ResolvedFileSelection;
  private readonly workerCount: number;
  private readonly workerScript: string;
  private readonly inProcessMaxBytes: number;
  private readonly chunkBytes: number;
  /** Bumped by every change this side makes to a note outside a scan (save, delete, rename). */
  private seq = 0;
  /** Note or folder key → `seq` of its last such change: a scan result read before it is stale. */
  private readonly touched = new Map<string, number>();
  private readonly sessions = new Set<ScanSession>();

  constructor(options: WorkspaceScannerOptions) {
    this.index = options.index;
    this.papers = options.papers;
    this.libraryFingerprint = options.fingerprint;
    this.finder = options.finder;
    this.selection = resolveFileSelection(options.selection);
    this.workerCount = Math.max(1, Math.floor(options.workers ?? 1));
    this.workerScript = options.workerScript ?? path.join(__dirname, 'workspaceWorker.js');
    this.inProcessMaxBytes = options.inProcessMaxBytes ?? IN_PROCESS_MAX_BYTES;
    this.chunkBytes = options.chunkBytes ?? CHUNK_BYTES;
  }

  get fingerprint(): string {
    return this.libraryFingerprint;
  }

  /** A new library: later scans and updates use it; `index.staleNotes(fingerprint)` says what to rescan. */
  setLibrary(papers: readonly Paper[], fingerprint: string, finder?: MentionFinder): void {
    this.papers = papers;
    this.libraryFingerprint = fingerprint;
    this.finder = finder;
  }

  /**
   * Brings the index up to date with the notes under `roots` (absolute folder paths): loads the
   * cache if asked, lists the folders in a worker, removes entries of notes that are gone, and
   * scans only new and changed notes.
   */
  async scanFolders(roots: readonly string[], options: ScanOptions = {}): Promise<ScanSummary> {
    const t0 = performance.now();
    const keys = roots.map(noteKey);
    const session = this.startSession(Math.max(1, this.workerCount), options.signal);
    try {
      // Both requests go to the first worker, which answers them in order: the cache's entries are
      // applied here while the worker lists.
      const cache = options.cacheFile === undefined ? undefined : session.loadCache(options.cacheFile, batch => this.addLoaded(batch, session.startSeq));
      cache?.catch(() => undefined);
      const listed = session.list(keys, this.selection);
      const loaded = await cache;
      const listing = await listed;
      // Unpacking 10,000 notes, planning and removing each take a few milliseconds on their own
      // (plus the garbage they leave): one turn of the event loop each, not one for all.
      await yieldToEventLoop();
      const plan = planScan(this.index, listing, session.fingerprint, keys);
      await yieldToEventLoop();
      const stale = plan.remove.filter(p => !this.isSuperseded(p, session.startSeq));
      if (stale.length) this.index.remove(stale);
      const scanned = await session.scan(plan.scan, options.onProgress);
      const summary: ScanSummary = { notes: listing.length, scanned: scanned.scanned, unchanged: plan.unchanged, removed: stale.length + scanned.removed, bytes: scanned.bytes, ms: performance.now() - t0 };
      if (loaded) summary.cache = loaded;
      return summary;
    } finally {
      this.endSession(session);
    }
  }

  /** Scans the given notes (e.g. `index.staleNotes(fingerprint)` after a library change) in workers. */
  async scanNotes(paths: readonly string[], options: ScanOptions = {}): Promise<ScanSummary> {
    const t0 = performance.now();
    const files: NoteFile[] = paths.map(p => ({ path: noteKey(p), size: 0, mtime: 0 }));
    if (!files.length) return { notes: 0, scanned: 0, unchanged: 0, removed: 0, bytes: 0, ms: 0 };
    const session = this.startSession(Math.min(this.workerCount, files.length), options.signal);
    try {
      const scanned = await session.scan(files, options.onProgress);
      return { notes: 0, scanned: scanned.scanned, unchanged: 0, removed: scanned.removed, bytes: scanned.bytes, ms: performance.now() - t0 };
    } finally {
      this.endSession(session);
    }
  }

  /**
   * Updates one note after it was saved or created (or removes its entry when it is gone or over
   * the cap). `text`, when given, is the saved document's text and spares the read; the stamp still
   * comes from the file. A note above `inProcessMaxBytes` is scanned in a worker. Resolves to
   * 'superseded' when a later update of the same note overtook this one.
   */
  async updateNote(fsPath: string, text?: string): Promise<NoteUpdate> {
    const key = noteKey(fsPath);
    const seq = this.touch(key);
    const fingerprint = this.libraryFingerprint;
    let result: ScanResult;
    if (text !== undefined) {
      const stat = await fs.promises.stat(key).catch(() => undefined);
      if (!stat?.isFile()) result = { path: key, skipped: 'missing' };
      else if (stat.size > this.selection.maxFileBytes) result = { path: key, skipped: 'tooLarge' };
      else result = { path: key, size: stat.size, mtime: stat.mtimeMs, mentions: packNoteMentions(this.inProcessFinder(), text) };
    } else {
      const size = (await fs.promises.stat(key).catch(() => undefined))?.size ?? 0;
      if (size > this.inProcessMaxBytes && size <= this.selection.maxFileBytes) {
        await this.scanNotes([key]);
        if (this.touched.get(key) !== seq) return 'superseded';
        return this.index.has(key) ? 'updated' : 'removed';
      }
      result = await scanNoteFile(key, this.inProcessFinder(), this.selection.maxFileBytes);
    }
    if (this.touched.get(key) !== seq) return 'superseded';
    if ('skipped' in result) {
      this.index.remove(key);
      return 'removed';
    }
    this.index.setNote({ path: key, size: result.size, mtime: result.mtime, fingerprint, mentions: result.mentions });
    return 'updated';
  }

  /** Removes a deleted note or folder; a scan under way will not bring it back. */
  removeNote(fsPath: string): void {
    const key = noteKey(fsPath);
    this.touch(key);
    this.index.remove(key);
  }

  /** Moves a renamed note or folder's entries; a scan under way will not revive the old path. */
  renameNote(fromPath: string, toPath: string): void {
    const from = noteKey(fromPath);
    const to = noteKey(toPath);
    this.touch(from);
    this.touch(to);
    this.index.rename(from, to);
  }

  /**
   * Loads a cache into the index (read and checked in a worker). Entries for notes the index
   * already has, or that were updated meanwhile, are left alone; a cache of another format or
   * version loads nothing. `scanFolders` with `cacheFile` does this while it lists.
   */
  async loadCache(file: string, signal?: AbortSignal): Promise<CacheLoad> {
    const session = this.startSession(1, signal);
    try {
      return await session.loadCache(file, batch => this.addLoaded(batch, session.startSeq));
    } finally {
      this.endSession(session);
    }
  }

  /** Adds cached entries, except for notes indexed or updated since the load began. */
  private addLoaded(batch: NoteEntry[], startSeq: number): number {
    const fresh = batch.filter(e => !this.index.has(e.path) && !this.isSuperseded(e.path, startSeq));
    this.index.setNotes(fresh);
    return fresh.length;
  }

  /**
   * Writes the index to `file` in a worker (a temporary file renamed over it, so a crash leaves the
   * old cache whole). The cache is the index as it was when the call began; this side only copies
   * the packed entries over, ~1 MB per turn of the event loop. Returns the bytes written.
   */
  async saveCache(file: string, signal?: AbortSignal): Promise<number> {
    const entries = [...this.index.entries()];
    const tables = { papers: this.index.paperIds(), fingerprints: this.index.fingerprints() };
    const session = this.startSession(1, signal);
    try {
      return await session.saveCache(file, tables, entries);
    } finally {
      this.endSession(session);
    }
  }

  /** Stops every scan under way (their promises reject with an AbortError). */
  dispose(): void {
    for (const s of [...this.sessions]) s.abort();
  }

  private inProcessFinder(): MentionFinder {
    return (this.finder ??= new MentionDetector(this.papers));
  }

  private touch(key: string): number {
    this.touched.set(key, ++this.seq);
    return this.seq;
  }

  /** Whether the note, or a folder above it, was changed outside a scan after `seq`. */
  private isSuperseded(key: string, seq: number): boolean {
    if (!this.touched.size) return false;
    for (let at = key.length; at > 0; at = key.lastIndexOf('/', at - 1)) {
      const t = this.touched.get(at === key.length ? key : key.slice(0, at));
      if (t !== undefined && t > seq) return true;
    }
    return false;
  }

  private startSession(workers: number, signal: AbortSignal | undefined): ScanSession {
    const session = new ScanSession({
      workers,
      script: this.workerScript,
      papers: this.papers,
      fingerprint: this.libraryFingerprint,
      maxFileBytes: this.selection.maxFileBytes,
      chunkBytes: this.chunkBytes,
      startSeq: this.seq,
      currentSeq: () => this.seq,
      isSuperseded: (key, seq) => this.isSuperseded(key, seq),
      index: this.index,
      signal,
    });
    this.sessions.add(session);
    return session;
  }

  private endSession(session: ScanSession): void {
    session.close();
    this.sessions.delete(session);
  }
}

interface SessionOptions {
  workers: number;
  script: string;
  papers: readonly Paper[];
  fingerprint: string;
  maxFileBytes: number;
  chunkBytes: number;
  startSeq: number;
  currentSeq: () => number;
  isSuperseded: (key: string, seq: number) => boolean;
  index: WorkspaceMentionIndex;
  signal: AbortSignal | undefined;
}

/** Jobs run on the host's thread a time slice per turn of the event loop, in order. */
class SlicedQueue {
  private readonly jobs: (() => void)[] = [];
  private scheduled = false;
  private waiting: (() => void)[] = [];

  constructor(private readonly onError: (e: Error) => void) {}

  push(job: () => void): void {
    this.jobs.push(job);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.drain());
    }
  }

  /** Resolves once every job pushed so far has run (or was cleared). */
  idle(): Promise<void> {
    return this.scheduled ? new Promise(resolve => this.waiting.push(resolve)) : Promise.resolve();
  }

  clear(): void {
    this.jobs.length = 0;
  }

  private drain(): void {
    const start = performance.now();
    while (this.jobs.length && performance.now() - start < SLICE_MS) {
      try {
        this.jobs.shift()!();
      } catch (e) {
        this.jobs.length = 0;
        this.onError(e instanceof Error ? e : new Error(String(e)));
      }
    }
    if (this.jobs.length) {
      setImmediate(() => this.drain());
      return;
    }
    this.scheduled = false;
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}

interface Pending {
  resolve: (message: FromWorker) => void;
  reject: (error: Error) => void;
  /** For requests answered in several messages: each 'cacheBatch' before the final reply. */
  partial?: (message: Extract<FromWorker, { type: 'cacheBatch' }>) => void;
}

/** One scan's workers: started for it and terminated after it, so an idle extension holds no thread or second detector. */
class ScanSession {
  readonly fingerprint: string;
  readonly startSeq: number;
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: Error | undefined;
  private closed = false;
  /** Where results wait to be applied to the index; cleared on failure or abort, so nothing is applied after. */
  private readonly applying = new SlicedQueue(e => this.fail(e));
  private readonly onAbort = () => this.abort();

  constructor(private readonly options: SessionOptions) {
    this.fingerprint = options.fingerprint;
    this.startSeq = options.startSeq;
    if (options.signal?.aborted) {
      this.failure = abortError();
      return;
    }
    options.signal?.addEventListener('abort', this.onAbort);
    for (let i = 0; i < options.workers; i++) {
      const worker = new Worker(options.script);
      worker.on('message', (m: FromWorker) => this.receive(m));
      worker.on('error', e => this.fail(new Error(`workspace worker failed: ${e.message}`)));
      worker.on('exit', code => {
        if (!this.closed) this.fail(new Error(`workspace worker exited (code ${code})`));
      });
      const init: ToWorker = { type: 'init', papers: options.papers, maxFileBytes: options.maxFileBytes };
      worker.postMessage(init);
      this.workers.push(worker);
    }
  }

  /** Streams a cache's entries to `apply` as the worker reads them. */
  async loadCache(file: string, apply: (entries: NoteEntry[]) => number): Promise<CacheLoad> {
    let applied = 0;
    const reply = await this.request(0, id => ({ type: 'loadCache', id, file }), batch => {
      for (let k = 0; k < batch.entries.length; k += APPLY_ENTRIES) {
        const part = batch.entries.slice(k, k + APPLY_ENTRIES);
        this.applying.push(() => {
          applied += apply(part);
        });
      }
    });
    if (reply.type !== 'cacheLoaded') throw new Error('workspace worker: unexpected reply to loadCache');
    await this.applying.idle();
    if (this.failure) throw this.failure;
    const result: CacheLoad = { notes: applied, rejected: reply.rejected };
    if (reply.error) result.error = reply.error;
    return result;
  }

  /** Sends the entries to the worker ~1 MB at a time, yielding between messages, and waits for the file. */
  async saveCache(file: string, tables: CacheTables, entries: readonly NoteEntry[]): Promise<number> {
    const saved = this.request(0, id => ({ type: 'saveCache', id, part: 'begin', file, tables, notes: entries.length }));
    saved.catch(() => undefined);
    const id = this.nextId - 1;
    try {
      let chunk: NoteEntry[] = [];
      let bytes = 0;
      const send = async () => {
        this.post(0, { type: 'saveCache', id, part: 'entries', entries: chunk });
        chunk = [];
        bytes = 0;
        await yieldToEventLoop();
      };
      for (const e of entries) {
        chunk.push(e);
        bytes += e.mentions.data.byteLength + e.mentions.previews.byteLength + e.path.length;
        if (bytes >= SAVE_CHUNK_BYTES) await send();
      }
      if (chunk.length) await send();
      this.post(0, { type: 'saveCache', id, part: 'end' });
      const reply = await saved;
      if (reply.type !== 'cacheSaved') throw new Error('workspace worker: unexpected reply to saveCache');
      return reply.bytes;
    } catch (e) {
      // A save cut short leaves its temporary file (the worker names it so): the old cache stays.
      await fs.promises.rm(`${file}.${process.pid}.${id}.tmp`, { force: true });
      throw e;
    }
  }

  async list(roots: string[], selection: ResolvedFileSelection): Promise<NoteFile[]> {
    const reply = await this.request(0, id => ({ type: 'list', id, roots, selection }));
    if (reply.type !== 'listed') throw new Error('workspace worker: unexpected reply to list');
    return unpackListing(reply);
  }

  /** Scans `files` across the workers and applies each chunk's results as it arrives. */
  async scan(files: readonly NoteFile[], onProgress?: (done: number, total: number) => void): Promise<{ scanned: number; removed: number; bytes: number }> {
    const chunks = chunk(files, this.options.chunkBytes);
    const total = files.length;
    let done = 0;
    let scanned = 0;
    let removed = 0;
    let bytes = 0;
    onProgress?.(0, total);
    let next = 0;
    const index = this.options.index;
    const fingerprint = this.fingerprint;
    const runWorker = async (w: number) => {
      const inFlight: Promise<void>[] = [];
      const send = (): Promise<void> | undefined => {
        if (next >= chunks.length) return undefined;
        const paths = chunks[next++];
        const dispatchSeq = this.options.currentSeq();
        return this.request(w, id => ({ type: 'scan', id, paths })).then(reply => {
          if (reply.type !== 'scanned') throw new Error('workspace worker: unexpected reply to scan');
          // Applied in a later slice; the worker gets its next chunk now.
          this.applying.push(() => {
            const entries: NoteEntry[] = [];
            const gone: string[] = [];
            for (const r of reply.results) {
              if (this.options.isSuperseded(r.path, dispatchSeq)) continue;
              if ('skipped' in r) gone.push(r.path);
              else entries.push({ path: r.path, size: r.size, mtime: r.mtime, fingerprint, mentions: r.mentions });
            }
            index.setNotes(entries);
            if (gone.length) removed += index.remove(gone).length;
            scanned += entries.length;
            bytes += reply.bytes;
            done += paths.length;
            onProgress?.(done, total);
          });
        });
      };
      const queue = () => {
        const p = send();
        if (!p) return;
        // Handled here as well, so that the one still queued when another fails is not an unhandled rejection.
        p.catch(() => undefined);
        inFlight.push(p);
      };
      for (let k = 0; k < IN_FLIGHT; k++) queue();
      // Replies come back in order per worker: after each, keep the worker's queue full.
      while (inFlight.length) {
        await inFlight.shift();
        queue();
      }
    };
    await Promise.all(this.workers.map((_, w) => runWorker(w)));
    await this.applying.idle();
    if (this.failure) throw this.failure;
    return { scanned, removed, bytes };
  }

  abort(): void {
    this.fail(abortError());
  }

  close(): void {
    this.closed = true;
    this.options.signal?.removeEventListener('abort', this.onAbort);
    for (const w of this.workers) void w.terminate();
    this.workers.length = 0;
  }

  private request(worker: number, make: (id: number) => ToWorker, partial?: Pending['partial']): Promise<FromWorker> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<FromWorker>((resolve, reject) => {
      this.pending.set(id, partial ? { resolve, reject, partial } : { resolve, reject });
      this.post(worker, make(id));
    });
  }

  private post(worker: number, message: ToWorker): void {
    if (this.failure) throw this.failure;
    this.workers[worker].postMessage(message);
  }

  private receive(message: FromWorker): void {
    const p = this.pending.get(message.id);
    if (!p) return;
    if (message.type === 'cacheBatch') {
      try {
        p.partial?.(message);
      } catch (e) {
        this.fail(e instanceof Error ? e : new Error(String(e)));
      }
      return;
    }
    this.pending.delete(message.id);
    if (message.type === 'failed') p.reject(new Error(`workspace worker: ${message.message}`));
    else p.resolve(message);
  }

  /** Rejects everything pending and stops the workers: nothing more is applied to the index. */
  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    this.applying.clear();
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
    this.close();
  }
}

/** Splits notes into chunks of about `maxBytes` (at least one note each, at most CHUNK_NOTES). */
function chunk(files: readonly NoteFile[], maxBytes: number): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  let bytes = 0;
  for (const f of files) {
    if (current.length && (bytes + f.size > maxBytes || current.length >= CHUNK_NOTES)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(f.path);
    bytes += f.size;
  }
  if (current.length) out.push(current);
  return out;
}
