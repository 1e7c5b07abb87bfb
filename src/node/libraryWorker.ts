// A worker thread that reads users' library files off the extension host's thread: read, parse,
// derive names and topics, and post each file's source back. The host side is libraryLoader.ts.
import * as fs from 'fs';
import * as path from 'path';
import { parentPort } from 'worker_threads';
import type { Lexicon } from '../core/library/lexicon';
import type { Paper } from '../core/library/model';
import { TopicClassifier } from '../core/library/topicClassifier';
import { parseBundledCorpus } from '../core/sources/bundledCorpus';
import { type DocumentBibliographies, documentBibliographies } from '../core/sources/documentBibliographies';
import { type LibraryLoad, type LibraryReading, librarySourceFromText, readLibraryText } from '../core/sources/libraryText';
import { loadLexicon } from './lexiconFile';

export interface LoadRequest {
  type: 'load';
  id: number;
  files: { file: string; label: string }[];
  /** Where dist/english-words.txt and dist/corpus.json are. */
  distDir: string;
  maxBytes: number;
}

/** The bibliographies a note names (its front matter is YAML: the parser lives in this worker, not in the extension host's bundle). */
export interface BibliographiesRequest {
  type: 'bibliographies';
  id: number;
  text: string;
  file: string;
}

/** The host has taken in the last batch of papers of request `id`: the worker may post the next. */
export interface MoreRequest {
  type: 'more';
  id: number;
}

/**
 * Papers a file's source gets, posted in batches of this many, each once the host has taken in
 * the one before. One message with all of a 20,000-entry library's papers (45 MB) took the host
 * ~1.2 s to deserialize, all of it a stall of the editor's thread. Measured on the bench library
 * (v8.deserialize per batch, 2-core machine under load): 250 papers ~1 ms median, 7.5 ms p90,
 * 43 ms worst (a GC); 1,000 papers ~11 ms median, 16 ms worst. 250 leaves the most room under
 * the 50 ms budget; its ~80 round trips a 20,000-entry file cost well under 100 ms, overlapped
 * with making the next batch.
 */
export const PAPER_BATCH = 250;

export type WorkerMessage =
  | { type: 'bibliographies'; id: number; result: DocumentBibliographies }
  | { type: 'progress'; id: number; done: number; total: number; file: string }
  /** The next batch of papers of `file`; the host answers with a MoreRequest. */
  | { type: 'papers'; id: number; file: string; papers: Paper[] }
  /** `file` is read: its source's papers are those of the 'papers' messages before, in order. */
  | { type: 'loaded'; id: number; file: string; load: LibraryLoad; ms: number }
  | { type: 'done'; id: number }
  | { type: 'failed'; id: number; message: string };

let context: { distDir: string; lexicon: Lexicon; classifier: TopicClassifier | undefined } | undefined;

function conversionFor(distDir: string) {
  if (!context || context.distDir !== distDir) {
    let classifier: TopicClassifier | undefined;
    try {
      const bundled = parseBundledCorpus(fs.readFileSync(path.join(distDir, 'corpus.json'), 'utf8'));
      classifier = new TopicClassifier(bundled.topics ?? [], bundled.papers);
    } catch {
      // Without the bundled corpus, user papers simply get no topics.
    }
    context = { distDir, lexicon: loadLexicon(distDir), classifier };
  }
  return { lexicon: context.lexicon, classifier: context.classifier };
}

/** Reads one file into a source; every failure is a problem of that file. */
export function loadFile(file: string, label: string, distDir: string, maxBytes: number): LibraryLoad {
  const reading = readFile(file, label, maxBytes);
  if (typeof reading === 'string') return librarySourceFromText(reading, file, conversionFor(distDir), label);
  return reading;
}

/** Reads and parses one file, its papers to be made in batches; every failure is a problem of that file. */
function readFileInParts(file: string, label: string, distDir: string, maxBytes: number): LibraryReading {
  const read = readFile(file, label, maxBytes);
  if (typeof read === 'string') return readLibraryText(read, file, conversionFor(distDir), label);
  return { load: read, batches: () => [] };
}

/** The file's text, or the load that says why it cannot be read. */
function readFile(file: string, label: string, maxBytes: number): string | LibraryLoad {
  const failed = (message: string): LibraryLoad => ({ source: { id: file, kind: 'bibliography', label, file, papers: [], problems: [{ file, line: 1, message, severity: 'error' }] }, entries: 0 });
  let size: number;
  try {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) return failed('is a folder, not a library file');
    size = stat.size;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return failed(code === 'ENOENT' ? 'file not found' : `cannot be read (${code ?? (e as Error).message})`);
  }
  if (size > maxBytes) return failed(`is ${(size / 1e6).toFixed(1)} MB; library files above ${(maxBytes / 1e6).toFixed(0)} MB are not read (setting paperLens.libraries.maxFileSizeMB)`);
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    return failed(`cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

if (parentPort) {
  const port = parentPort;
  /** Per load request, what to call when the host asks for its next batch. */
  const more = new Map<number, () => void>();
  const taken = (id: number) => new Promise<void>(resolve => more.set(id, resolve));
  /**
   * Streams a file's papers: posts a batch, makes the next while the host takes it in, and posts
   * that only once the host asked for it, so at most one batch waits in the host's queue (the
   * host deserializes all queued messages in one go, which would be one long stall again).
   */
  const stream = async (id: number, file: string, label: string, request: LoadRequest) => {
    const started = performance.now();
    const reading = readFileInParts(file, label, request.distDir, request.maxBytes);
    let received = Promise.resolve();
    for (const papers of reading.batches(PAPER_BATCH)) {
      await received;
      received = taken(id);
      port.postMessage({ type: 'papers', id, file, papers } satisfies WorkerMessage);
    }
    await received;
    more.delete(id);
    port.postMessage({ type: 'loaded', id, file, load: reading.load, ms: performance.now() - started } satisfies WorkerMessage);
  };
  const load = async (request: LoadRequest) => {
    try {
      for (const [i, { file, label }] of request.files.entries()) {
        port.postMessage({ type: 'progress', id: request.id, done: i, total: request.files.length, file } satisfies WorkerMessage);
        await stream(request.id, file, label, request);
      }
      port.postMessage({ type: 'done', id: request.id } satisfies WorkerMessage);
    } catch (e) {
      more.delete(request.id);
      port.postMessage({ type: 'failed', id: request.id, message: e instanceof Error ? e.message : String(e) } satisfies WorkerMessage);
    }
  };
  // Loads run one after another (a reload queued behind another reads after it).
  let loads = Promise.resolve();
  port.on('message', (request: LoadRequest | BibliographiesRequest | MoreRequest) => {
    if (request?.type === 'more') {
      more.get(request.id)?.();
      return;
    }
    if (request?.type === 'bibliographies') {
      let result: DocumentBibliographies;
      try {
        result = documentBibliographies(request.text, request.file);
      } catch (e) {
        result = { bibliographies: [], problems: [{ file: request.file, line: 1, message: e instanceof Error ? e.message : String(e), severity: 'error' }] };
      }
      port.postMessage({ type: 'bibliographies', id: request.id, result } satisfies WorkerMessage);
      return;
    }
    if (request?.type !== 'load') return;
    loads = loads.then(() => load(request));
  });
}
