// The scanner with its real worker, compiled by tsc beside it in out/src/node/ (the same file esbuild
// bundles to dist/workspaceWorker.js), over folders written to a temp directory.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MentionDetector } from '../../src/core/mentions';
import type { Paper } from '../../src/core/library/model';
import { libraryFingerprint, NO_MENTIONS, noteMentions, VSCODE_DEFAULT_EXCLUDES, WorkspaceMentionIndex } from '../../src/core/workspace';
import { FolderNoteFilter, listNotes, noteKey } from '../../src/node/workspaceFiles';
import { WorkspaceScanner, type WorkspaceScannerOptions } from '../../src/node/workspaceScanner';
import { corpusData } from './testCorpus';

const WORKER = path.resolve(__dirname, '..', '..', 'src', 'node', 'workspaceWorker.js');

let detector: MentionDetector | undefined;
const papers = (): Paper[] => corpusData().papers;
const finder = () => (detector ??= new MentionDetector(papers()));
const FP = 'test-fp';

const NOTES: Record<string, string> = {
  'a.md': '# Reading list\n\nDuoAttention keeps retrieval heads; LongLoRA uses shifted sparse attention.\n',
  'b.txt': 'KVQuant quantizes the KV cache.\nNothing else here.\n',
  'sub/c.tex': '\\section{Related}\nWe build on LongLoRA \\cite{chen2023longlora}.\n',
  'sub/deeper/d.markdown': 'No paper names at all.\n',
  'node_modules/pkg/readme.md': 'DuoAttention in a dependency: excluded by the default excludes.\n',
  'drafts/e.md': 'DuoAttention in an ignored folder.\n',
  'sub/ignored.md': 'LongLoRA in an ignored file.\n',
  'sub/keep.md': 'LongLoRA kept by a negation.\n',
  'code.js': '// DuoAttention in a file that is not a note\n',
  '.gitignore': 'drafts/\nsub/*.md\n!sub/keep.md\n',
};

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'paper-lens-ws-'));
}

function writeNotes(root: string, notes: Record<string, string | Uint8Array>): void {
  for (const [rel, text] of Object.entries(notes)) {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
}

function scannerFor(index: WorkspaceMentionIndex, options: Partial<WorkspaceScannerOptions> = {}): WorkspaceScanner {
  return new WorkspaceScanner({ index, papers: papers(), fingerprint: FP, finder: finder(), selection: { excludes: [VSCODE_DEFAULT_EXCLUDES] }, workerScript: WORKER, ...options });
}

/** Every entry equals a fresh in-process scan of its file as it is now, and the tallies equal a recount. */
function assertConsistent(index: WorkspaceMentionIndex): void {
  for (const e of index.entries()) {
    const text = fs.readFileSync(e.path, 'utf8');
    assert.deepStrictEqual(index.mentionsIn(e.path), noteMentions(finder(), text), e.path);
    assert.strictEqual(e.size, fs.statSync(e.path).size, e.path);
  }
  const counts = new Map<string, number>();
  for (const e of index.entries()) for (const m of index.mentionsIn(e.path)) for (const p of m.papers) counts.set(p, (counts.get(p) ?? 0) + 1);
  assert.deepStrictEqual(new Map(index.papers().map(p => [p.paper, p.mentions])), counts);
}

const rels = (root: string, paths: string[]) => paths.map(p => path.relative(root, p).split(path.sep).join('/')).sort();

describe('workspace scanner (worker thread)', function () {
  // Starting a worker and building its detector takes a while on a busy 2-core machine.
  this.timeout(60_000);
  let root: string;

  beforeEach(() => {
    root = tempDir();
    writeNotes(root, NOTES);
  });

  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('lists the notes the selection accepts: extensions, default excludes, nested .gitignore with negation', () => {
    const listing = listNotes(root, { excludes: [VSCODE_DEFAULT_EXCLUDES] });
    assert.deepStrictEqual(rels(root, listing.files.map(f => f.path)), ['a.md', 'b.txt', 'sub/c.tex', 'sub/deeper/d.markdown', 'sub/keep.md']);
    assert.deepStrictEqual(listing.skipped, { excluded: 1, ignored: 2 });
    const noIgnore = listNotes(root, { excludes: [VSCODE_DEFAULT_EXCLUDES], useIgnoreFiles: false });
    assert.strictEqual(noIgnore.files.length, 7);
  });

  it('judges a single path like the walk does, reading the ignore files above it', () => {
    const filter = new FolderNoteFilter(root, { excludes: [VSCODE_DEFAULT_EXCLUDES] });
    assert.strictEqual(filter.skips(path.join(root, 'a.md')), undefined);
    assert.strictEqual(filter.skips(path.join(root, 'node_modules/pkg/readme.md')), 'excluded');
    assert.strictEqual(filter.skips(path.join(root, 'drafts/e.md')), 'ignored');
    assert.strictEqual(filter.skips(path.join(root, 'sub/keep.md')), undefined);
    assert.strictEqual(filter.skips(path.join(root, 'code.js')), 'extension');
    assert.strictEqual(filter.skips(path.join(os.tmpdir(), 'elsewhere.md')), 'outside');
    fs.writeFileSync(path.join(root, '.gitignore'), '');
    assert.strictEqual(filter.skips(path.join(root, 'drafts/e.md')), 'ignored', 'ignore files are remembered');
    filter.forgetIgnoreFiles();
    assert.strictEqual(filter.skips(path.join(root, 'drafts/e.md')), undefined);
  });

  it('scans a folder in a worker with progress, exactly as an in-process scan would', async () => {
    const index = new WorkspaceMentionIndex();
    const progress: [number, number][] = [];
    const summary = await scannerFor(index, { chunkBytes: 1 }).scanFolders([root], { onProgress: (d, t) => progress.push([d, t]) });
    assert.deepStrictEqual(rels(root, index.paths()), ['a.md', 'b.txt', 'sub/c.tex', 'sub/deeper/d.markdown', 'sub/keep.md']);
    assert.deepStrictEqual([summary.notes, summary.scanned, summary.unchanged, summary.removed], [5, 5, 0, 0]);
    assert.deepStrictEqual(progress, [[0, 5], [1, 5], [2, 5], [3, 5], [4, 5], [5, 5]]);
    assertConsistent(index);
    assert.ok(index.papers().length >= 3);
    for (const e of index.entries()) assert.strictEqual(e.fingerprint, FP);
  });

  it('gives a binary note an empty entry and leaves out notes over the size cap', async () => {
    // A NUL makes it binary; read as text it would mention DuoAttention.
    const binary = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]), Buffer.from(' DuoAttention keeps retrieval heads. ')]);
    writeNotes(root, { 'image.md': binary, 'huge.md': `DuoAttention ${'x'.repeat(2000)}` });
    const index = new WorkspaceMentionIndex();
    await scannerFor(index, { selection: { excludes: [VSCODE_DEFAULT_EXCLUDES], maxFileBytes: 1000 } }).scanFolders([root]);
    assert.ok(index.has(noteKey(path.join(root, 'image.md'))));
    assert.deepStrictEqual(index.mentionsIn(noteKey(path.join(root, 'image.md'))), []);
    assert.ok(!index.has(noteKey(path.join(root, 'huge.md'))));
  });

  it('reopens with a warm cache reading no note, then reads only what changed', async () => {
    const cacheFile = path.join(tempDir(), 'storage', 'workspace-mentions.ndjson');
    const first = new WorkspaceMentionIndex();
    await scannerFor(first).scanFolders([root]);
    const bytes = await scannerFor(first).saveCache(cacheFile);
    assert.strictEqual(bytes, fs.statSync(cacheFile).size);
    assert.deepStrictEqual(fs.readdirSync(path.dirname(cacheFile)), ['workspace-mentions.ndjson'], 'no temporary file is left');

    const index = new WorkspaceMentionIndex();
    const scanner = scannerFor(index);
    // A note updated before the cache arrives keeps its newer entry.
    const newer = { path: noteKey(path.join(root, 'b.txt')), size: 1, mtime: 1, fingerprint: FP, mentions: NO_MENTIONS };
    index.setNote(newer);
    assert.deepStrictEqual(await scanner.loadCache(cacheFile), { notes: 4, rejected: 0 });
    assert.strictEqual(index.note(newer.path), newer);
    index.remove(newer.path);
    assert.deepStrictEqual(await scanner.loadCache(cacheFile), { notes: 1, rejected: 0 });
    assert.deepStrictEqual([...index.entries()].sort((x, y) => (x.path < y.path ? -1 : 1)), [...first.entries()].sort((x, y) => (x.path < y.path ? -1 : 1)));
    const warm = await scanner.scanFolders([root]);
    assert.deepStrictEqual([warm.scanned, warm.unchanged, warm.removed, warm.bytes], [0, 5, 0, 0]);

    // The same in one go: the worker reads the cache while it lists.
    const reopened = new WorkspaceMentionIndex();
    const once = await scannerFor(reopened).scanFolders([root], { cacheFile });
    assert.deepStrictEqual([once.cache?.notes, once.scanned, once.unchanged], [5, 0, 5]);
    assert.deepStrictEqual(reopened.papers(), first.papers());

    fs.appendFileSync(path.join(root, 'b.txt'), 'And DuoAttention too.\n');
    fs.rmSync(path.join(root, 'sub/deeper/d.markdown'));
    writeNotes(root, { 'new.md': 'KVQuant again.\n' });
    const changed = await scanner.scanFolders([root]);
    assert.deepStrictEqual([changed.scanned, changed.unchanged, changed.removed], [2, 3, 1]);
    assertConsistent(index);
    assert.deepStrictEqual(rels(root, index.paths()), ['a.md', 'b.txt', 'new.md', 'sub/c.tex', 'sub/keep.md']);
  });

  it('ignores a missing cache or one of another version, and skips a torn line', async () => {
    const dir = tempDir();
    const index = new WorkspaceMentionIndex();
    assert.strictEqual((await scannerFor(index).loadCache(path.join(dir, 'none.ndjson'))).error, 'no cache');
    fs.writeFileSync(path.join(dir, 'old.ndjson'), '{"format":"paper-lens.workspace-mentions","version":999,"papers":[],"fingerprints":[]}\n[]\n');
    const old = await scannerFor(index).loadCache(path.join(dir, 'old.ndjson'));
    assert.ok(old.error?.includes('version 999') && old.notes === 0);

    const full = new WorkspaceMentionIndex();
    await scannerFor(full).scanFolders([root]);
    const cacheFile = path.join(dir, 'cache.ndjson');
    await scannerFor(full).saveCache(cacheFile);
    const lines = fs.readFileSync(cacheFile, 'utf8').split('\n');
    lines[2] = lines[2].slice(0, 10);
    fs.writeFileSync(cacheFile, lines.join('\n'));
    assert.deepStrictEqual(await scannerFor(index).loadCache(cacheFile), { notes: 4, rejected: 1 });
    const after = await scannerFor(index).scanFolders([root]);
    assert.strictEqual(after.scanned, 1, 'the torn note is rescanned');
  });

  it('rescans exactly the notes a library change made stale', async () => {
    const index = new WorkspaceMentionIndex();
    const scanner = scannerFor(index);
    await scanner.scanFolders([root]);
    const fewer = papers().filter(p => p.shortName !== 'DuoAttention');
    const fp = libraryFingerprint(fewer, 'v');
    scanner.setLibrary(fewer, fp);
    const stale = index.staleNotes(fp);
    assert.strictEqual(stale.length, 5);
    const summary = await scanner.scanNotes(stale);
    assert.strictEqual(summary.scanned, 5);
    assert.deepStrictEqual(index.staleNotes(fp), []);
    const duo = papers().find(p => p.shortName === 'DuoAttention')!.id;
    assert.strictEqual(index.countOf(duo), undefined, 'the new library no longer has the paper');
  });

  it('updates one saved note in process, touching no other entry', async () => {
    const index = new WorkspaceMentionIndex();
    // A worker script that cannot start: anything that reached a worker would fail.
    const scanner = scannerFor(index, { workerScript: path.join(root, 'no-such-worker.js'), inProcessMaxBytes: 4096 });
    const other = noteKey(path.join(root, 'b.txt'));
    index.setNote({ path: other, size: 1, mtime: 1, fingerprint: FP, mentions: NO_MENTIONS });
    const before = index.note(other);
    const file = path.join(root, 'a.md');
    fs.writeFileSync(file, 'Now only KVQuant.\n');
    assert.strictEqual(await scanner.updateNote(file), 'updated');
    assert.deepStrictEqual(index.mentionsIn(noteKey(file)).map(m => m.text), ['KVQuant']);
    assert.strictEqual(index.note(other), before);
    // With the saved document's text: no read, same result.
    fs.writeFileSync(file, 'LongLoRA now.\n');
    assert.strictEqual(await scanner.updateNote(file, 'LongLoRA now.\n'), 'updated');
    assert.deepStrictEqual(index.mentionsIn(noteKey(file)).map(m => m.text), ['LongLoRA']);
    assert.strictEqual(index.note(noteKey(file))?.size, fs.statSync(file).size);
    fs.rmSync(file);
    assert.strictEqual(await scanner.updateNote(file), 'removed');
    assert.ok(!index.has(noteKey(file)));
  });

  it('sends a note above the in-process limit to a worker', async () => {
    const index = new WorkspaceMentionIndex();
    const big = path.join(root, 'big.md');
    fs.writeFileSync(big, `DuoAttention. ${'Plain words here. '.repeat(400)}`);
    await assert.rejects(scannerFor(index, { workerScript: path.join(root, 'no-such-worker.js'), inProcessMaxBytes: 4096 }).updateNote(big), /workspace worker/);
    assert.strictEqual(await scannerFor(index, { inProcessMaxBytes: 4096 }).updateNote(big), 'updated');
    assert.strictEqual(index.mentionsIn(noteKey(big))[0].text, 'DuoAttention');
  });

  it('is cancellable: the scan rejects with an AbortError and the index stays consistent, then resumes', async () => {
    writeNotes(root, Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`many/n${String(i).padStart(2, '0')}.md`, `Note ${i}: DuoAttention and LongLoRA.\n`])));
    const index = new WorkspaceMentionIndex();
    const scanner = scannerFor(index, { chunkBytes: 1 });
    const controller = new AbortController();
    let total = 0;
    await assert.rejects(scanner.scanFolders([root], {
      signal: controller.signal,
      onProgress: (done, t) => {
        total = t;
        if (done >= 3) controller.abort();
      },
    }), (e: Error) => e.name === 'AbortError');
    assert.strictEqual(total, 65);
    assert.ok(index.size >= 3 && index.size < 65, `indexed ${index.size}`);
    assertConsistent(index);
    const partial = index.size;
    const resumed = await scanner.scanFolders([root]);
    assert.deepStrictEqual([resumed.scanned, resumed.unchanged], [65 - partial, partial]);
    assertConsistent(index);
  });

  it('rejects at once when aborted before it starts, and stops scans on dispose', async () => {
    const index = new WorkspaceMentionIndex();
    await assert.rejects(scannerFor(index).scanFolders([root], { signal: AbortSignal.abort() }), (e: Error) => e.name === 'AbortError');
    const scanner = scannerFor(index);
    const running = scanner.scanFolders([root]);
    scanner.dispose();
    await assert.rejects(running, (e: Error) => e.name === 'AbortError');
    assert.strictEqual(index.size, 0);
  });

  it('never lets a scan result read before a save overwrite the saved note', async () => {
    // A worker that holds its first result until the test releases it: the scan then delivers a
    // result read before the note was saved and updated.
    const dir = tempDir();
    const held = path.join(dir, 'held');
    const release = path.join(dir, 'release');
    const wrapper = path.join(dir, 'holdingWorker.js');
    fs.writeFileSync(wrapper, `
      const fs = require('fs');
      const { parentPort } = require('worker_threads');
      const post = parentPort.postMessage.bind(parentPort);
      let holding = true;
      parentPort.postMessage = m => {
        if (!holding || m.type !== 'scanned') return post(m);
        holding = false;
        fs.writeFileSync(${JSON.stringify(held)}, '');
        const timer = setInterval(() => { if (fs.existsSync(${JSON.stringify(release)})) { clearInterval(timer); post(m); } }, 5);
      };
      require(${JSON.stringify(WORKER)});
    `);
    const index = new WorkspaceMentionIndex();
    const scanner = scannerFor(index, { workerScript: wrapper, chunkBytes: 1 });
    const scan = scanner.scanFolders([root]);
    while (!fs.existsSync(held)) await new Promise(r => setTimeout(r, 5));
    // The first note (a.md) was read by the worker with its old text; now it is saved anew.
    const file = path.join(root, 'a.md');
    fs.writeFileSync(file, 'Saved after the scan read it: KVQuant.\n');
    assert.strictEqual(await scanner.updateNote(file), 'updated');
    fs.writeFileSync(release, '');
    await scan;
    assert.deepStrictEqual(index.mentionsIn(noteKey(file)).map(m => m.text), ['KVQuant']);
    assertConsistent(index);
  });

  it('builds the same index with two workers as with one', async () => {
    writeNotes(root, Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`many/n${i}.md`, `${'Plain words. '.repeat(i * 10)}DuoAttention ${i}.\n`])));
    const one = new WorkspaceMentionIndex();
    const two = new WorkspaceMentionIndex();
    await scannerFor(one, { workers: 1, chunkBytes: 100 }).scanFolders([root]);
    await scannerFor(two, { workers: 2, chunkBytes: 100 }).scanFolders([root]);
    assert.deepStrictEqual(two.paths(), one.paths());
    for (const p of one.paths()) assert.deepStrictEqual(two.note(p), one.note(p));
    assert.deepStrictEqual(two.papers(), one.papers());
  });

  it('fails clearly, without hanging, when the worker script is missing', async () => {
    const index = new WorkspaceMentionIndex();
    await assert.rejects(scannerFor(index, { workerScript: path.join(root, 'missing.js') }).scanFolders([root]), /workspace worker/);
  });

  it('keys notes by absolute, slash-separated paths', () => {
    assert.strictEqual(noteKey(path.join(root, 'x', '..', 'a.md')), `${noteKey(root)}/a.md`);
    assert.ok(!noteKey(root).includes('\\') && path.isAbsolute(noteKey(root)));
  });
});
