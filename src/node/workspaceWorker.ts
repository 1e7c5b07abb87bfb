// The workspace scan worker: lists notes and reads and scans them off the extension host's thread.
// Its own entry point (esbuild bundles it to dist/workspaceWorker.js; tsc compiles it to
// out/src/node/workspaceWorker.js); workspaceScanner.ts starts it and sends ToWorker messages.
// It builds its own detector: a MentionDetector keeps scratch buffers and cannot be shared across
// threads. It builds it on the first scan, not at init: a warm reopen only lists, and building the
// detector costs hundreds of milliseconds of CPU (see the bench) that two shared cores should not
// spend for nothing.
import { parentPort } from 'worker_threads';
import { MentionDetector } from '../core/mentions';
import type { Paper } from '../core/model';
import type { MentionFinder } from '../core/workspace';
import { listNotes, scanNoteFileSync } from './workspaceFiles';
import type { FromWorker, ScanResult, ToWorker } from './workspaceProtocol';

let papers: readonly Paper[] = [];
let finder: MentionFinder | undefined;
let maxFileBytes = 0;

function post(message: FromWorker): void {
  parentPort!.postMessage(message);
}

function handle(message: ToWorker): void {
  switch (message.type) {
    case 'init':
      papers = message.papers;
      finder = undefined;
      maxFileBytes = message.maxFileBytes;
      return;
    case 'list': {
      const files = [];
      const skipped: Record<string, number> = {};
      for (const root of message.roots) {
        const listing = listNotes(root, message.selection);
        files.push(...listing.files);
        for (const [k, v] of Object.entries(listing.skipped)) skipped[k] = (skipped[k] ?? 0) + (v ?? 0);
      }
      post({ type: 'listed', id: message.id, files, skipped });
      return;
    }
    case 'scan': {
      finder ??= new MentionDetector(papers);
      const results: ScanResult[] = [];
      let bytes = 0;
      for (const path of message.paths) {
        const r = scanNoteFileSync(path, finder, maxFileBytes);
        if ('size' in r) bytes += r.size;
        results.push(r);
      }
      post({ type: 'scanned', id: message.id, results, bytes });
      return;
    }
  }
}

if (parentPort) {
  parentPort.on('message', (message: ToWorker) => {
    try {
      handle(message);
    } catch (e) {
      post({ type: 'failed', id: 'id' in message ? message.id : -1, message: e instanceof Error ? e.message : String(e) });
    }
  });
}
