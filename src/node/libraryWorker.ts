// A worker thread that reads users' library files off the extension host's thread: read, parse,
// derive names and topics, and post each file's source back. The host side is libraryLoader.ts.
import * as fs from 'fs';
import * as path from 'path';
import { parentPort } from 'worker_threads';
import type { Lexicon } from '../core/library/lexicon';
import { TopicClassifier } from '../core/library/topicClassifier';
import { parseBundledCorpus } from '../core/sources/bundledCorpus';
import { type DocumentBibliographies, documentBibliographies } from '../core/sources/documentBibliographies';
import { type LibraryLoad, librarySourceFromText } from '../core/sources/libraryText';
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

export type WorkerMessage =
  | { type: 'bibliographies'; id: number; result: DocumentBibliographies }
  | { type: 'progress'; id: number; done: number; total: number; file: string }
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
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return failed(`cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return librarySourceFromText(text, file, conversionFor(distDir), label);
}

if (parentPort) {
  const port = parentPort;
  port.on('message', (request: LoadRequest | BibliographiesRequest) => {
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
    try {
      request.files.forEach(({ file, label }, i) => {
        port.postMessage({ type: 'progress', id: request.id, done: i, total: request.files.length, file } satisfies WorkerMessage);
        const started = performance.now();
        const load = loadFile(file, label, request.distDir, request.maxBytes);
        port.postMessage({ type: 'loaded', id: request.id, file, load, ms: performance.now() - started } satisfies WorkerMessage);
      });
      port.postMessage({ type: 'done', id: request.id } satisfies WorkerMessage);
    } catch (e) {
      port.postMessage({ type: 'failed', id: request.id, message: e instanceof Error ? e.message : String(e) } satisfies WorkerMessage);
    }
  });
}
