// The workspace scan worker: lists notes, reads and scans them, and reads and writes the cache, all
// off the extension host's thread. Its own entry point (esbuild bundles it to
// dist/workspaceWorker.js; tsc compiles it to out/src/node/workspaceWorker.js); workspaceScanner.ts
// starts it and sends ToWorker messages, which it handles one at a time, in order.
//
// It builds its own detector (a MentionDetector keeps scratch buffers and cannot be shared across
// threads), on the first scan rather than at init: a warm reopen only lists and reads the cache,
// and building the detector costs hundreds of milliseconds of CPU that two shared cores should not
// spend for nothing.
import * as fs from 'fs';
import * as path from 'path';
import { parentPort } from 'worker_threads';
import { MentionDetector } from '../core/mentions';
import type { Paper } from '../core/library/model';
import { CacheFormatError, CacheReader, CacheWriter, type MentionFinder, type NoteEntry, type NoteFile } from '../core/workspace';
import { listNotes, scanNoteFileSync } from './workspaceFiles';
import { buffersOf, type FromWorker, packListing, type ScanResult, type ToWorker } from './workspaceProtocol';

/** Cache entries per message to the host: about a scan chunk's worth of work for it to apply. */
const CACHE_BATCH_NOTES = 200;
const CACHE_BATCH_BYTES = 1 << 20;

let papers: readonly Paper[] = [];
let finder: MentionFinder | undefined;
let maxFileBytes = 0;

interface Save {
  id: number;
  file: string;
  tmp: string;
  fd: number;
  writer: CacheWriter;
  bytes: number;
}
let save: Save | undefined;

function post(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  parentPort!.postMessage(message, transfer);
}

function list(message: Extract<ToWorker, { type: 'list' }>): void {
  const files: NoteFile[] = [];
  const skipped: Record<string, number> = {};
  for (const root of message.roots) {
    const listing = listNotes(root, message.selection);
    files.push(...listing.files);
    for (const [k, v] of Object.entries(listing.skipped)) skipped[k] = (skipped[k] ?? 0) + (v ?? 0);
  }
  const packed = packListing(files);
  post({ type: 'listed', id: message.id, ...packed, skipped }, [packed.sizes.buffer as ArrayBuffer, packed.mtimes.buffer as ArrayBuffer]);
}

function scan(message: Extract<ToWorker, { type: 'scan' }>): void {
  finder ??= new MentionDetector(papers);
  const results: ScanResult[] = [];
  const buffers: ArrayBuffer[] = [];
  let bytes = 0;
  for (const p of message.paths) {
    const r = scanNoteFileSync(p, finder, maxFileBytes);
    if ('size' in r) {
      bytes += r.size;
      buffers.push(...buffersOf(r.mentions));
    }
    results.push(r);
  }
  post({ type: 'scanned', id: message.id, results, bytes }, buffers);
}

function loadCache(message: Extract<ToWorker, { type: 'loadCache' }>): void {
  let buffer: Buffer;
  try {
    buffer = fs.readFileSync(message.file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    post({ type: 'cacheLoaded', id: message.id, notes: 0, rejected: 0, error: code === 'ENOENT' ? 'no cache' : (e as Error).message });
    return;
  }
  let pos = buffer.indexOf(10);
  let reader: CacheReader;
  try {
    reader = new CacheReader(buffer.toString('utf8', 0, pos < 0 ? buffer.length : pos));
  } catch (e) {
    if (!(e instanceof CacheFormatError)) throw e;
    post({ type: 'cacheLoaded', id: message.id, notes: 0, rejected: 0, error: e.message });
    return;
  }
  pos = pos < 0 ? buffer.length : pos + 1;
  let notes = 0;
  let rejected = 0;
  let batch: NoteEntry[] = [];
  let batchBytes = 0;
  const flush = () => {
    if (!batch.length) return;
    post({ type: 'cacheBatch', id: message.id, entries: batch }, batch.flatMap(e => buffersOf(e.mentions)));
    batch = [];
    batchBytes = 0;
  };
  while (pos < buffer.length) {
    const nl = buffer.indexOf(10, pos);
    const end = nl < 0 ? buffer.length : nl;
    if (end > pos) {
      const entry = reader.decodeLine(buffer.toString('utf8', pos, end));
      if (entry) {
        batch.push(entry);
        batchBytes += entry.mentions.data.byteLength + entry.mentions.previews.byteLength;
        notes++;
        if (batch.length >= CACHE_BATCH_NOTES || batchBytes >= CACHE_BATCH_BYTES) flush();
      } else {
        rejected++;
      }
    }
    pos = end + 1;
  }
  flush();
  post({ type: 'cacheLoaded', id: message.id, notes, rejected });
}

function saveCache(message: Extract<ToWorker, { type: 'saveCache' }>): void {
  if (message.part === 'begin') {
    abandonSave();
    fs.mkdirSync(path.dirname(message.file), { recursive: true });
    // A temporary file renamed over the cache at the end: a crash or a cancelled save leaves the old cache whole.
    const tmp = `${message.file}.${process.pid}.${message.id}.tmp`;
    const writer = new CacheWriter(message.tables, message.notes);
    save = { id: message.id, file: message.file, tmp, fd: fs.openSync(tmp, 'w'), writer, bytes: 0 };
    save.bytes += fs.writeSync(save.fd, writer.header());
    return;
  }
  if (!save || save.id !== message.id) throw new Error('cache save out of order');
  if (message.part === 'entries') {
    const s = save;
    const text = message.entries.map(e => s.writer.line(e)).join('');
    s.bytes += fs.writeSync(s.fd, text);
    return;
  }
  const done = save;
  save = undefined;
  fs.closeSync(done.fd);
  fs.renameSync(done.tmp, done.file);
  post({ type: 'cacheSaved', id: done.id, bytes: done.bytes });
}

function abandonSave(): void {
  if (!save) return;
  try {
    fs.closeSync(save.fd);
    fs.rmSync(save.tmp, { force: true });
  } catch {
    // Nothing more to clean.
  }
  save = undefined;
}

function handle(message: ToWorker): void {
  switch (message.type) {
    case 'init':
      papers = message.papers;
      finder = undefined;
      maxFileBytes = message.maxFileBytes;
      return;
    case 'list':
      return list(message);
    case 'scan':
      return scan(message);
    case 'loadCache':
      return loadCache(message);
    case 'saveCache':
      return saveCache(message);
  }
}

if (parentPort) {
  parentPort.on('message', (message: ToWorker) => {
    try {
      handle(message);
    } catch (e) {
      if (message.type === 'saveCache') abandonSave();
      post({ type: 'failed', id: 'id' in message ? message.id : -1, message: e instanceof Error ? e.message : String(e) });
    }
  });
}
