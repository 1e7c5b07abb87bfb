// Feature: the workspace mention index in the extension — which notes of the open folders mention
// which papers. Built after activation (never during it) by WorkspaceScanner, whose worker thread
// lists, reads and scans the notes off the extension host's thread; the notes are the files of the
// languages Paper Lens reads, less `files.exclude`, `search.exclude` and `.gitignore`. Progress shows
// in the status bar, where a click (or "Stop Indexing Notes", or deactivation) cancels it. After
// the first build the index follows the folders: a saved, created, changed, deleted or renamed note
// is updated alone; a library change rescans the notes scanned with the old library. The index is
// cached in the extension's workspace storage (never in the workspace), keyed by each note's size
// and mtime, so reopening a folder reads only the notes that changed.
//
// Consumers (references, "In This Workspace", export, the card counts) read `index` and listen to
// `onDidChange`; `whenBuilt()` waits for a build under way.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { LibrarySnapshot } from '../core/library/library';
import type { PaperLensCore } from '../core/paperLens';
import {
  type ExcludeSetting,
  extensionsForLanguages,
  type FileSelectionOptions,
  hasNoteExtension,
  libraryFingerprint,
  type MentionFinder,
  WorkspaceMentionIndex,
} from '../core/workspace';
import { FolderNoteFilter, noteKey } from '../node/workspaceFiles';
import { type ScanSummary, WorkspaceScanner } from '../node/workspaceScanner';
import type { RootFolder } from '../ui/workspaceGroups';

/**
 * The first build starts this long after activation: userLibraries starts its loads on a
 * setTimeout(0) and a findFiles, and a build that began before them would scan every note with the
 * bundled corpus only, then scan them all again when the user's libraries arrive.
 */
const START_DELAY_MS = 1000;
/** A library reload (Zotero rewrites its export in bursts) settles before notes are rescanned. */
const LIBRARY_DEBOUNCE_MS = 500;
/** A save fires both onDidSaveTextDocument and the file watcher: one update for both. */
const UPDATE_DEBOUNCE_MS = 150;
/** Ignore-file, folder and settings changes come in bursts (a checkout, a settings edit). */
const RESCAN_DEBOUNCE_MS = 500;
/** Writing the cache costs a worker start and a copy of the index: once after a burst of updates. */
const SAVE_DELAY_MS = 5000;
/** A build shorter than this shows no progress: a warm reopen should not flash the status bar. */
const PROGRESS_AFTER_MS = 500;
/** Views listening to onDidChange refresh at most this often while a build applies its chunks. */
const CHANGE_THROTTLE_MS = 250;
/**
 * Part of every entry's cache key besides the library: bump it when what the scan records changes
 * (the worker's detector, the mention kinds), so old caches are rescanned, not trusted.
 */
const DETECTOR_REVISION = 'names-1';

export const CACHE_FILE = 'workspace-mentions.ndjson';

export type IndexState =
  /** `paperLens.workspace.enabled` is off. */
  | 'off'
  /** No folder is open (or none on disk). */
  | 'noFolder'
  /** Not started yet (activation just ran), or waiting for the user's libraries. */
  | 'waiting'
  | 'scanning'
  | 'ready'
  | 'cancelled'
  | 'failed';

export interface WorkspaceMentionsDeps {
  /** The core over the library as it is now (loads the bundled corpus on first use). */
  current(): PaperLensCore;
  onDidChangeLibrary: vscode.Event<unknown>;
  /** `paperLens.hover.languages`: the notes read are the files of these languages. */
  languages(): string[];
  /** `paperLens.workspace.enabled`. */
  enabled(): boolean;
  /** Settles when the user's libraries have been read: the first build waits for them. */
  librariesSettled(): Promise<void>;
  /** The extension's workspace storage folder (context.storageUri), when it has one on disk. */
  storageDir: string | undefined;
  /** dist/workspaceWorker.js. */
  workerScript: string;
  /** The extension's version: a new version does not trust an old cache. */
  version: string;
  output: vscode.OutputChannel;
}

interface FolderState {
  folder: vscode.WorkspaceFolder;
  /** The folder's index key (absolute, '/'-separated). */
  key: string;
  scanner: WorkspaceScanner;
  filter: FolderNoteFilter;
  /** The selection the scanner was made with, to tell when settings changed it. */
  selection: string;
}

interface Build {
  controller: AbortController;
  promise: Promise<void>;
}

function isAbort(e: unknown): boolean {
  return e instanceof Error && e.name === 'AbortError';
}

export class WorkspaceMentions implements vscode.Disposable {
  readonly index = new WorkspaceMentionIndex();
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  /** Fires (throttled) after the index changed or its state did. */
  readonly onDidChange = this.changeEmitter.event;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly folders = new Map<string, FolderState>();
  private build: Build | undefined;
  private started = false;
  private disposed = false;
  private cacheLoaded = false;
  private libraryPrint: string | undefined;
  private readonly prints = new WeakMap<LibrarySnapshot, string>();
  private readonly pending = new Map<string, { timer: ReturnType<typeof setTimeout>; text?: string; folder: FolderState }>();
  private readonly updates = new Set<Promise<unknown>>();
  private timers: Partial<Record<'start' | 'library' | 'rescan' | 'save' | 'change', ReturnType<typeof setTimeout>>> = {};
  private readonly status = vscode.window.createStatusBarItem('paperLens.workspaceIndex', vscode.StatusBarAlignment.Left, 9);
  private progressTimer: ReturnType<typeof setTimeout> | undefined;
  private indexedDirs: { version: number; dirs: Set<string> } | undefined;
  private stateValue: IndexState = 'waiting';
  /** Notes done and to do in the build under way (over all folders). */
  progress = { done: 0, total: 0 };
  /** The last build's summary per folder, for the output channel and tests. */
  lastBuild: { ms: number; summaries: ScanSummary[] } | undefined;

  constructor(private readonly deps: WorkspaceMentionsDeps) {
    this.status.name = 'Paper Lens note index';
    this.status.command = 'paperLens.workspace.cancelIndexing';
    this.index.onDidChange(() => this.changed());
  }

  get state(): IndexState {
    return this.stateValue;
  }

  /** The workspace folders as the index keys them, for labels. */
  roots(): RootFolder[] {
    return [...this.folders.values()].map(f => ({ path: f.key, name: f.folder.name }));
  }

  /** Starts following the folders and builds the index; called once, after activation. */
  start(): void {
    if (this.started || this.disposed) return;
    this.started = true;
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    this.disposables.push(
      watcher,
      watcher.onDidCreate(uri => this.fileEvent(uri, 'create')),
      watcher.onDidChange(uri => this.fileEvent(uri, 'change')),
      watcher.onDidDelete(uri => this.fileEvent(uri, 'delete')),
      vscode.workspace.onDidSaveTextDocument(doc => this.fileEvent(doc.uri, 'save', doc.getText())),
      vscode.workspace.onDidRenameFiles(e => {
        for (const f of e.files) this.renamed(f.oldUri, f.newUri);
      }),
      // Deletes made in the editor (Explorer, refactorings) arrive here as well as from the watcher,
      // which may coalesce a file's creation and deletion into no event at all (a note renamed, then
      // deleted at once: its new name's "created" and "deleted" cancel out). Twice is harmless.
      vscode.workspace.onDidDeleteFiles(e => {
        for (const uri of e.files) this.fileEvent(uri, 'delete');
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.scheduleRescan()),
      vscode.workspace.onDidChangeConfiguration(e => {
        if (['paperLens.workspace.enabled', 'paperLens.hover.languages', 'files.exclude', 'search.exclude', 'search.useIgnoreFiles'].some(s => e.affectsConfiguration(s))) this.scheduleRescan();
      }),
      this.deps.onDidChangeLibrary(() => this.scheduleLibraryCheck()),
    );
    void this.rebuild();
  }

  /** `start()` after START_DELAY_MS: the caller's activation returns first. */
  startLater(): void {
    this.timers.start = setTimeout(() => this.start(), START_DELAY_MS);
  }

  /** Builds the index again from the folders (reading only what changed); cancels a build under way. */
  rebuild(): Promise<void> {
    this.build?.controller.abort();
    const previous = this.build?.promise ?? Promise.resolve();
    const controller = new AbortController();
    const promise = (async () => {
      // The aborted build must finish first: its session closes and nothing of it is applied after.
      await previous.catch(() => undefined);
      if (controller.signal.aborted || this.disposed) return;
      await this.runBuild(controller.signal);
    })();
    const build = { controller, promise };
    this.build = build;
    void promise.finally(() => {
      if (this.build === build) this.build = undefined;
    });
    return promise;
  }

  /** Stops the build under way (the index keeps every note done so far). Returns whether one was running. */
  cancel(): boolean {
    if (!this.build) return false;
    this.build.controller.abort();
    this.setState('cancelled');
    vscode.window.setStatusBarMessage('$(circle-slash) Paper Lens: note indexing stopped', 5000);
    return true;
  }

  /** Resolves when no build is under way (at once when none is). */
  async whenBuilt(): Promise<void> {
    while (this.build) await this.build.promise.catch(() => undefined);
  }

  /** Resolves when no build, scheduled rescan or note update is pending: the index is what the folders hold. */
  async idle(): Promise<void> {
    for (;;) {
      await this.whenBuilt();
      if (this.updates.size) await Promise.allSettled([...this.updates]);
      if (!this.build && !this.updates.size && !this.pending.size && !this.timers.rescan && !this.timers.library && !this.timers.start) return;
      await new Promise(r => setTimeout(r, 50));
    }
  }

  /** Whether the index is built, nothing is pending, and it was made with the library as it is now. */
  isCurrent(): boolean {
    if (this.stateValue !== 'ready' || this.build || this.pending.size || this.updates.size || this.timers.rescan || this.timers.library) return false;
    try {
      return this.libraryPrint === this.fingerprint(this.deps.current().snapshot);
    } catch {
      return false;
    }
  }

  /** How many notes mention the paper, when the index has been built (undefined before). */
  notesMentioning(paperId: string): number | undefined {
    if (this.stateValue === 'off' || this.stateValue === 'noFolder' || (this.stateValue === 'waiting' && !this.index.size)) return undefined;
    return this.index.countOf(paperId)?.notes ?? 0;
  }

  private fingerprint(snapshot: LibrarySnapshot): string {
    let fp = this.prints.get(snapshot);
    if (fp === undefined) {
      fp = libraryFingerprint(snapshot.papers, `${this.deps.version}/${DETECTOR_REVISION}`);
      this.prints.set(snapshot, fp);
    }
    return fp;
  }

  private get cacheFile(): string | undefined {
    return this.deps.storageDir ? path.join(this.deps.storageDir, CACHE_FILE) : undefined;
  }

  private selectionOptions(folder: vscode.WorkspaceFolder): FileSelectionOptions {
    const files = vscode.workspace.getConfiguration('files', folder.uri);
    const search = vscode.workspace.getConfiguration('search', folder.uri);
    // Plain copies: configuration values are proxies that cannot be posted to the worker.
    const plain = (value: unknown): ExcludeSetting => (value && typeof value === 'object' ? JSON.parse(JSON.stringify(value)) : {});
    return {
      extensions: extensionsForLanguages(this.deps.languages()),
      excludes: [plain(files.get('exclude')), plain(search.get('exclude'))],
      useIgnoreFiles: search.get<boolean>('useIgnoreFiles', true) !== false,
    };
  }

  /** One scanner per folder (each has its own exclude settings), made again when its selection changed. */
  private syncFolders(core: PaperLensCore, fingerprint: string): void {
    const open = (vscode.workspace.workspaceFolders ?? []).filter(f => f.uri.scheme === 'file');
    const wanted = new Map(open.map(f => [noteKey(f.uri.fsPath), f]));
    for (const [key, state] of this.folders) {
      if (!wanted.has(key)) {
        state.scanner.dispose();
        this.folders.delete(key);
      }
    }
    // The host's own detector (hover's), built only if an update needs it before a hover did.
    const finder: MentionFinder = { detect: text => core.mentions.detect(text) };
    for (const [key, folder] of wanted) {
      const options = this.selectionOptions(folder);
      const selection = JSON.stringify(options);
      let state = this.folders.get(key);
      if (!state || state.selection !== selection) {
        state?.scanner.dispose();
        state = {
          folder,
          key,
          selection,
          scanner: new WorkspaceScanner({ index: this.index, papers: core.snapshot.papers, fingerprint, finder, selection: options, workerScript: this.deps.workerScript }),
          filter: new FolderNoteFilter(folder.uri.fsPath, options),
        };
        this.folders.set(key, state);
      }
      state.scanner.setLibrary(core.snapshot.papers, fingerprint, finder);
    }
  }

  private async runBuild(signal: AbortSignal): Promise<void> {
    if (!this.deps.enabled()) {
      for (const f of this.folders.values()) f.scanner.dispose();
      this.folders.clear();
      this.index.clear();
      this.setState('off');
      return;
    }
    if (!(vscode.workspace.workspaceFolders ?? []).some(f => f.uri.scheme === 'file')) {
      this.index.clear();
      this.setState('noFolder');
      return;
    }
    this.setState('waiting');
    await this.deps.librariesSettled();
    if (signal.aborted) return;
    const t0 = Date.now();
    let core: PaperLensCore;
    try {
      core = this.deps.current();
    } catch (e) {
      this.fail(`could not load the library: ${(e as Error).message}`);
      return;
    }
    const fingerprint = this.fingerprint(core.snapshot);
    this.syncFolders(core, fingerprint);
    this.libraryPrint = fingerprint;
    this.progress = { done: 0, total: 0 };
    this.setState('scanning');
    this.showProgressSoon();
    const summaries: ScanSummary[] = [];
    try {
      let doneBefore = 0;
      let totalBefore = 0;
      for (const f of [...this.folders.values()]) {
        // The cache holds every folder's notes: the first scan loads it, the others find them indexed.
        const cacheFile = this.cacheLoaded ? undefined : this.cacheFile;
        const summary = await f.scanner.scanFolders([f.folder.uri.fsPath], {
          ...(cacheFile ? { cacheFile } : {}),
          signal,
          onProgress: (done, total) => {
            this.progress = { done: doneBefore + done, total: totalBefore + total };
            this.updateStatus();
            this.changed();
          },
        });
        this.cacheLoaded = true;
        doneBefore = this.progress.done;
        totalBefore = this.progress.total;
        summaries.push(summary);
        if (summary.cache?.error && summary.cache.error !== 'no cache') this.log(`cache not used: ${summary.cache.error}`);
      }
    } catch (e) {
      if (isAbort(e)) return;
      this.fail(`could not index the notes: ${(e as Error).message}`);
      return;
    } finally {
      this.hideProgress();
    }
    // Notes of folders no longer open (loaded from the cache, or indexed before a folder closed).
    const roots = [...this.folders.keys()].map(k => `${k}/`);
    const outside = this.index.paths().filter(p => !roots.some(r => p.startsWith(r)));
    if (outside.length) this.index.remove(outside);
    this.lastBuild = { ms: Date.now() - t0, summaries };
    const scanned = summaries.reduce((n, s) => n + s.scanned, 0);
    const notes = summaries.reduce((n, s) => n + s.notes, 0);
    this.log(`indexed ${notes} notes (${scanned} read, ${notes - scanned} from the cache) in ${this.lastBuild.ms} ms: ${this.index.mentionCount} mentions of ${this.index.paperIds().length} papers`);
    this.setState('ready');
    this.scheduleSave(0);
  }

  private fail(message: string): void {
    this.log(message);
    this.setState('failed');
  }

  private log(message: string): void {
    this.deps.output.appendLine(`[${new Date().toLocaleTimeString()}] note index: ${message}`);
  }

  private setState(state: IndexState): void {
    if (this.stateValue === state) return;
    this.stateValue = state;
    void vscode.commands.executeCommand('setContext', 'paperLens.workspace.state', state);
    this.changed();
  }

  /** Throttled change event: a build applies hundreds of chunks; views need a few refreshes. */
  private changed(): void {
    if (this.timers.change || this.disposed) return;
    this.timers.change = setTimeout(() => {
      this.timers.change = undefined;
      this.changeEmitter.fire();
    }, CHANGE_THROTTLE_MS);
  }

  private showProgressSoon(): void {
    this.hideProgress();
    this.progressTimer = setTimeout(() => {
      this.progressTimer = undefined;
      if (this.stateValue !== 'scanning') return;
      this.updateStatus();
      this.status.show();
    }, PROGRESS_AFTER_MS);
  }

  private updateStatus(): void {
    const { done, total } = this.progress;
    this.status.text = total ? `$(sync~spin) Paper Lens: indexing notes ${done.toLocaleString('en')}/${total.toLocaleString('en')}` : '$(sync~spin) Paper Lens: listing notes…';
    this.status.tooltip = 'Paper Lens is finding the papers your notes mention. Click to stop.';
  }

  private hideProgress(): void {
    if (this.progressTimer) clearTimeout(this.progressTimer);
    this.progressTimer = undefined;
    this.status.hide();
  }

  private scheduleLibraryCheck(): void {
    if (this.timers.library) clearTimeout(this.timers.library);
    this.timers.library = setTimeout(() => {
      this.timers.library = undefined;
      if (this.stateValue === 'off' || this.stateValue === 'noFolder') return;
      let print: string;
      try {
        print = this.fingerprint(this.deps.current().snapshot);
      } catch {
        return;
      }
      // The plan rescans exactly the notes scanned with another library: today, every note.
      if (print !== this.libraryPrint) void this.rebuild();
    }, LIBRARY_DEBOUNCE_MS);
  }

  private scheduleRescan(): void {
    if (this.timers.rescan) clearTimeout(this.timers.rescan);
    this.timers.rescan = setTimeout(() => {
      this.timers.rescan = undefined;
      void this.rebuild();
    }, RESCAN_DEBOUNCE_MS);
  }

  private scheduleSave(delay = SAVE_DELAY_MS): void {
    const file = this.cacheFile;
    if (!file) return;
    if (this.timers.save) clearTimeout(this.timers.save);
    this.timers.save = setTimeout(() => {
      this.timers.save = undefined;
      // A build saves when it ends; saving halfway would only be written again.
      const scanner = this.folders.values().next().value?.scanner;
      if (this.build || !scanner) return;
      scanner.saveCache(file).catch(e => {
        if (!isAbort(e)) this.log(`could not save the cache: ${(e as Error).message}`);
      });
    }, delay);
  }

  private folderOf(uri: vscode.Uri): FolderState | undefined {
    if (uri.scheme !== 'file') return undefined;
    const key = noteKey(uri.fsPath);
    let best: FolderState | undefined;
    for (const f of this.folders.values()) if (key.startsWith(`${f.key}/`) && (!best || f.key.length > best.key.length)) best = f;
    return best;
  }

  /** Whether the index holds notes under `key` as a folder: a deleted folder arrives as one event. */
  private hasNotesUnder(key: string): boolean {
    if (this.indexedDirs?.version !== this.index.version) {
      const dirs = new Set<string>();
      for (const p of this.index.paths()) {
        for (let at = p.lastIndexOf('/'); at > 0; at = p.lastIndexOf('/', at - 1)) {
          const dir = p.slice(0, at);
          if (dirs.has(dir)) break;
          dirs.add(dir);
        }
      }
      this.indexedDirs = { version: this.index.version, dirs };
    }
    return this.indexedDirs.dirs.has(key);
  }

  private get active(): boolean {
    return this.started && !this.disposed && this.stateValue !== 'off' && this.stateValue !== 'noFolder';
  }

  private fileEvent(uri: vscode.Uri, kind: 'create' | 'change' | 'delete' | 'save', text?: string): void {
    if (!this.active) return;
    const folder = this.folderOf(uri);
    if (!folder) return;
    const key = noteKey(uri.fsPath);
    const name = key.slice(key.lastIndexOf('/') + 1);
    if (name === '.gitignore') {
      // What is ignored changed: list the folder again (only notes that came in are read).
      folder.filter.forgetIgnoreFiles();
      this.scheduleRescan();
      return;
    }
    if (kind === 'delete') {
      this.cancelPending(key);
      if (this.index.has(key) || this.hasNotesUnder(key)) {
        folder.scanner.removeNote(uri.fsPath);
        this.scheduleSave();
      }
      return;
    }
    if (!hasNoteExtension(key, extensionsForLanguages(this.deps.languages()))) {
      // A folder moved or copied in arrives as one event: list again to find its notes.
      if (kind === 'create') {
        void fs.promises.stat(uri.fsPath).then(s => {
          if (s.isDirectory() && !folder.filter.skips(`${uri.fsPath}/x.md`)) this.scheduleRescan();
        }, () => undefined);
      }
      return;
    }
    this.scheduleUpdate(folder, key, uri.fsPath, kind === 'save' ? text : undefined);
  }

  private scheduleUpdate(folder: FolderState, key: string, fsPath: string, text: string | undefined): void {
    const previous = this.pending.get(key);
    if (previous) clearTimeout(previous.timer);
    // A watcher's change after a save may be another program's write: read the file then.
    const entry: { timer: ReturnType<typeof setTimeout>; text?: string; folder: FolderState } = {
      folder,
      timer: setTimeout(() => {
        this.pending.delete(key);
        this.update(folder, fsPath, entry.text);
      }, UPDATE_DEBOUNCE_MS),
    };
    if (text !== undefined) entry.text = text;
    this.pending.set(key, entry);
  }

  private cancelPending(key: string): void {
    const p = this.pending.get(key);
    if (p) clearTimeout(p.timer);
    this.pending.delete(key);
  }

  private update(folder: FolderState, fsPath: string, text: string | undefined): void {
    const key = noteKey(fsPath);
    const run = (async () => {
      let size: number | undefined;
      try {
        size = (await fs.promises.stat(fsPath)).size;
      } catch {
        // Gone: updateNote removes its entry.
      }
      if (size !== undefined && folder.filter.skips(fsPath, size)) {
        // Excluded, ignored or too large: never indexed, or no longer.
        if (this.index.has(key)) folder.scanner.removeNote(fsPath);
        return;
      }
      await folder.scanner.updateNote(fsPath, text);
      this.scheduleSave();
    })().catch(e => this.log(`could not update ${fsPath}: ${(e as Error).message}`));
    this.updates.add(run);
    void run.finally(() => this.updates.delete(run));
  }

  private renamed(from: vscode.Uri, to: vscode.Uri): void {
    if (!this.active) return;
    const source = this.folderOf(from);
    const target = this.folderOf(to);
    const fromKey = noteKey(from.fsPath);
    this.cancelPending(fromKey);
    if (source && target === source && (this.index.has(fromKey) || this.hasNotesUnder(fromKey))) {
      // Entries move with their stamps (a rename keeps size and mtime): nothing is read again.
      source.scanner.renameNote(from.fsPath, to.fsPath);
      const toKey = noteKey(to.fsPath);
      if (this.index.has(toKey) && (!hasNoteExtension(toKey, extensionsForLanguages(this.deps.languages())) || source.filter.skips(to.fsPath))) {
        source.scanner.removeNote(to.fsPath);
      }
      this.scheduleSave();
      return;
    }
    if (source) this.fileEvent(from, 'delete');
    if (target) this.fileEvent(to, 'create');
  }

  dispose(): void {
    this.disposed = true;
    for (const t of Object.values(this.timers)) if (t) clearTimeout(t);
    for (const p of this.pending.values()) clearTimeout(p.timer);
    this.pending.clear();
    this.build?.controller.abort();
    for (const f of this.folders.values()) f.scanner.dispose();
    this.hideProgress();
    this.status.dispose();
    this.changeEmitter.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

export function activateWorkspaceMentions(context: vscode.ExtensionContext, deps: Omit<WorkspaceMentionsDeps, 'storageDir'>): WorkspaceMentions {
  const storage = context.storageUri;
  const workspace = new WorkspaceMentions({ ...deps, storageDir: storage?.scheme === 'file' ? storage.fsPath : undefined });
  context.subscriptions.push(
    workspace,
    vscode.commands.registerCommand('paperLens.workspace.cancelIndexing', () => workspace.cancel()),
    vscode.commands.registerCommand('paperLens.workspace.reindex', () => {
      workspace.start();
      return workspace.rebuild();
    }),
  );
  void vscode.commands.executeCommand('setContext', 'paperLens.workspace.state', 'waiting');
  // After activation returns: listing folders and starting a worker are not activation's work.
  workspace.startLater();
  return workspace;
}
