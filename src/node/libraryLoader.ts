// The host side of the library worker: one worker, started on first use and stopped when idle;
// each request loads a set of files and reports progress. If workers are unavailable the files are
// read in this thread (slower for the editor, but never nothing).
import { Worker } from 'worker_threads';
import type { LibraryLoad } from '../core/sources/libraryText';
import type { DocumentBibliographies } from '../core/sources/documentBibliographies';
import type { Paper } from '../core/library/model';
import type { BibliographiesRequest, LoadRequest, MoreRequest, WorkerMessage } from './libraryWorker';

/** A worker idle this long is stopped; a reload after that pays ~100 ms to start one again. */
const IDLE_MS = 60_000;

export interface LoadedFile {
  file: string;
  load: LibraryLoad;
  ms: number;
}

export class LibraryLoader {
  private worker: Worker | undefined;
  private nextId = 1;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly pending = new Map<number, { loaded: LoadedFile[]; papers: Paper[]; resolve(v: LoadedFile[]): void; reject(e: Error): void; onProgress?(done: number, total: number, file: string): void }>();
  private readonly pendingBibliographies = new Map<number, { resolve(v: DocumentBibliographies): void; reject(e: Error): void }>();

  constructor(private readonly workerFile: string, private readonly distDir: string) {}

  load(files: { file: string; label: string }[], maxBytes: number, onProgress?: (done: number, total: number, file: string) => void): Promise<LoadedFile[]> {
    if (!files.length) return Promise.resolve([]);
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<LoadedFile[]>((resolve, reject) => {
      this.pending.set(id, { loaded: [], papers: [], resolve, reject, onProgress });
      worker.postMessage({ type: 'load', id, files, distDir: this.distDir, maxBytes } satisfies LoadRequest);
    });
  }

  /** The bibliography files a note names (front matter, \\bibliography{}), read by the worker. */
  documentBibliographies(text: string, file: string): Promise<DocumentBibliographies> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pendingBibliographies.set(id, { resolve, reject });
      worker.postMessage({ type: 'bibliographies', id, text, file } satisfies BibliographiesRequest);
    });
  }

  private ensureWorker(): Worker {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerFile);
    worker.unref();
    worker.on('message', (m: WorkerMessage) => this.onMessage(m));
    worker.on('error', e => this.failAll(e));
    worker.on('exit', code => {
      if (this.worker === worker) this.worker = undefined;
      if (this.pending.size || this.pendingBibliographies.size) this.failAll(new Error(`the library worker stopped (exit code ${code})`));
    });
    this.worker = worker;
    return worker;
  }

  private onMessage(m: WorkerMessage): void {
    if (m.type === 'bibliographies') {
      const asked = this.pendingBibliographies.get(m.id);
      this.pendingBibliographies.delete(m.id);
      asked?.resolve(m.result);
      if (!this.pending.size && !this.pendingBibliographies.size) this.scheduleIdle();
      return;
    }
    const request = this.pending.get(m.id);
    if (!request) return;
    if (m.type === 'progress') request.onProgress?.(m.done, m.total, m.file);
    else if (m.type === 'papers') {
      for (const p of m.papers) request.papers.push(p);
      // Ask for the next batch only after this turn of the event loop: the editor's other work
      // runs between batches, whose deserialization is each a short stall (PAPER_BATCH).
      const worker = this.worker;
      setImmediate(() => worker?.postMessage({ type: 'more', id: m.id } satisfies MoreRequest));
    } else if (m.type === 'loaded') {
      const papers = request.papers;
      request.papers = [];
      request.loaded.push({ file: m.file, load: { ...m.load, source: { ...m.load.source, papers } }, ms: m.ms });
    }
    else if (m.type === 'done' || m.type === 'failed') {
      this.pending.delete(m.id);
      if (m.type === 'done') request.resolve(request.loaded);
      else request.reject(new Error(m.message));
      if (!this.pending.size && !this.pendingBibliographies.size) this.scheduleIdle();
    }
  }

  private failAll(e: Error): void {
    for (const [id, request] of this.pending) {
      this.pending.delete(id);
      request.reject(e);
    }
    for (const [id, request] of this.pendingBibliographies) {
      this.pendingBibliographies.delete(id);
      request.reject(e);
    }
  }

  private scheduleIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.dispose(), IDLE_MS);
    this.idleTimer.unref?.();
  }

  dispose(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
  }
}
