// Feature: the user's own libraries — the files the setting `paperLens.libraries` names (absolute,
// `~`, relative to a workspace folder, or globs) and those an open note names (markdown front matter
// `bibliography:`, LaTeX `\bibliography{}` / `\addbibresource{}`) — read off the extension host's
// thread, merged into the library, and read again when they change on disk (Zotero's auto-export
// rewrites them) without reloading the window. Problems go to the "Paper Lens" output channel, one
// summary per reload to a notification. Paper Lens never writes these files.
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { Library, LibraryProblem } from '../core/library/library';

import { libraryFormat } from '../core/sources/libraryFormat';
import { LibraryLoader, type LoadedFile } from '../node/libraryLoader';

/** Zotero's auto-export writes a file in several bursts: wait for it to settle before reading. */
const RELOAD_DEBOUNCE_MS = 300;
/** A load shorter than this needs no progress in the status bar. */
const PROGRESS_AFTER_MS = 300;
const DEFAULT_MAX_FILE_MB = 50;

export interface UserLibrariesDeps {
  library(): Library;
  /** The extension's dist/ folder: the worker, the word list and the bundled corpus live there. */
  distDir: string;
  output: vscode.OutputChannel;
  /** Called after a load changed the library (the search index is built ahead of the first query). */
  loaded?(): void;
}

interface Wanted {
  file: string;
  label: string;
}

function expandHome(p: string): string {
  return p === '~' || p.startsWith('~/') ? path.join(os.homedir(), p.slice(1)) : p;
}

function isGlob(p: string): boolean {
  return /[*?[{]/.test(p);
}

/** Where a glob of the setting looks: a base folder and the pattern under it. */
function globPatterns(entries: readonly unknown[]): vscode.RelativePattern[] {
  const out: vscode.RelativePattern[] = [];
  for (const raw of entries) {
    if (typeof raw !== 'string' || !isGlob(raw.trim())) continue;
    const entry = expandHome(raw.trim());
    if (path.isAbsolute(entry)) {
      const base = path.parse(entry).root;
      out.push(new vscode.RelativePattern(vscode.Uri.file(base), path.relative(base, entry)));
    } else {
      for (const f of vscode.workspace.workspaceFolders ?? []) out.push(new vscode.RelativePattern(f, entry));
    }
  }
  return out;
}

/** The files the setting names, resolved: absolute and `~` paths as they are, relative ones against each workspace folder. */
export async function resolveLibrarySetting(entries: readonly unknown[]): Promise<Wanted[]> {
  const out: Wanted[] = [];
  const folders = vscode.workspace.workspaceFolders ?? [];
  for (const raw of entries) {
    if (typeof raw !== 'string' || !raw.trim()) continue;
    const entry = expandHome(raw.trim());
    if (isGlob(entry)) {
      for (const pattern of globPatterns([raw])) {
        const found = await vscode.workspace.findFiles(pattern, undefined, 1000);
        for (const uri of found) if (libraryFormat(uri.fsPath)) out.push({ file: uri.fsPath, label: path.basename(uri.fsPath) });
      }
    } else if (path.isAbsolute(entry)) {
      out.push({ file: path.normalize(entry), label: path.basename(entry) });
    } else {
      for (const f of folders) out.push({ file: path.join(f.uri.fsPath, entry), label: folders.length > 1 ? `${f.name}/${entry}` : entry });
    }
  }
  return out;
}

export class UserLibraries implements vscode.Disposable {
  private readonly loader: LibraryLoader;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly watchers = new Map<string, vscode.Disposable>();
  /** Files named by the setting, and by each open document. */
  private fromSetting: Wanted[] = [];
  private readonly fromDocuments = new Map<string, Wanted[]>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Watchers of the setting's globs: a file created or deleted under one changes what is wanted. */
  private globWatchers: vscode.Disposable[] = [];
  private readonly status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 10);
  /** Settles when the loads started so far have finished (tests and the CLI wait on it). */
  idle: Promise<void> = Promise.resolve();

  constructor(private readonly deps: UserLibrariesDeps) {
    this.loader = new LibraryLoader(path.join(deps.distDir, 'libraryWorker.js'), deps.distDir);
    this.status.name = 'Paper Lens library';
    this.disposables.push(
      this.status,
      vscode.workspace.onDidChangeConfiguration(e => {
        if (e.affectsConfiguration('paperLens.libraries')) void this.refreshSetting();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.refreshSetting()),
      vscode.workspace.onDidOpenTextDocument(doc => this.documentOpened(doc)),
      // A closed note's bibliography stays loaded: its papers may be mentioned elsewhere, and
      // reopening the note should not read the file again.
      vscode.workspace.onDidSaveTextDocument(doc => this.documentOpened(doc)),
    );
  }

  /** Reads the setting and the open documents' bibliographies (after activation, off the activation path). */
  start(): void {
    for (const doc of vscode.workspace.textDocuments) this.documentOpened(doc, false);
    void this.refreshSetting();
  }

  private get maxBytes(): number {
    const mb = vscode.workspace.getConfiguration('paperLens').get<number>('libraries.maxFileSizeMB', DEFAULT_MAX_FILE_MB);
    return (Number.isFinite(mb) && mb > 0 ? mb : DEFAULT_MAX_FILE_MB) * 1e6;
  }

  private wanted(): Map<string, Wanted> {
    const all = new Map<string, Wanted>();
    for (const w of this.fromSetting) if (!all.has(w.file)) all.set(w.file, w);
    for (const list of this.fromDocuments.values()) for (const w of list) if (!all.has(w.file)) all.set(w.file, w);
    return all;
  }

  private async refreshSetting(): Promise<void> {
    const raw = vscode.workspace.getConfiguration('paperLens').get<unknown[]>('libraries', []);
    const entries = Array.isArray(raw) ? raw : [];
    for (const w of this.globWatchers) w.dispose();
    this.globWatchers = globPatterns(entries).map(pattern => {
      const watcher = vscode.workspace.createFileSystemWatcher(pattern, false, true, false);
      const changed = () => this.scheduleSettingRefresh();
      return vscode.Disposable.from(watcher, watcher.onDidCreate(changed), watcher.onDidDelete(changed));
    });
    this.fromSetting = await resolveLibrarySetting(entries);
    await this.sync();
  }

  private settingTimer: ReturnType<typeof setTimeout> | undefined;
  private scheduleSettingRefresh(): void {
    if (this.settingTimer) clearTimeout(this.settingTimer);
    this.settingTimer = setTimeout(() => {
      this.settingTimer = undefined;
      void this.refreshSetting();
    }, RELOAD_DEBOUNCE_MS);
  }

  private documentOpened(doc: vscode.TextDocument, sync = true): void {
    if (doc.uri.scheme !== 'file') return;
    const key = doc.uri.toString();
    const text = doc.getText();
    // Most notes name no bibliography: ask the worker only when one might be named.
    const markdown = doc.languageId === 'markdown' && /^\uFEFF?---[ \t]*\r?\n/.test(text) && /\bbibliography\s*:/.test(text.slice(0, 20_000));
    const latex = doc.languageId === 'latex' && /\\(?:bibliography|addbibresource)\s*(?:\[[^\]]*\])?\s*\{/.test(text);
    if (!markdown && !latex) {
      if (this.fromDocuments.delete(key) && sync) void this.sync();
      return;
    }
    void this.loader.documentBibliographies(text, doc.uri.fsPath).then(
      ({ bibliographies, problems }) => {
        for (const p of problems) this.deps.output.appendLine(`  ${p.file}:${p.line}: ${p.severity}: ${p.message}`);
        this.documentBibliographiesRead(key, doc.uri.fsPath, bibliographies.map(b => b.path), sync);
      },
      e => this.deps.output.appendLine(`could not read the bibliographies ${doc.uri.fsPath} names: ${(e as Error).message}`),
    );
  }

  private documentBibliographiesRead(key: string, docFile: string, named: string[], sync: boolean): void {
    const dir = path.dirname(docFile);
    const files = named
      .map(p => path.resolve(dir, expandHome(p)))
      .filter(f => libraryFormat(f))
      .map(file => ({ file, label: path.basename(file) }));
    const before = JSON.stringify(this.fromDocuments.get(key) ?? []);
    if (files.length) this.fromDocuments.set(key, files);
    else this.fromDocuments.delete(key);
    if (sync && JSON.stringify(files) !== before) void this.sync();
  }

  /** Loads files newly wanted, drops sources no longer wanted, and watches the rest. */
  private async sync(): Promise<void> {
    const wanted = this.wanted();
    for (const [file, watcher] of this.watchers) {
      if (wanted.has(file)) continue;
      watcher.dispose();
      this.watchers.delete(file);
      this.deps.library().removeSource(file);
    }
    const fresh = [...wanted.values()].filter(w => !this.watchers.has(w.file));
    for (const w of fresh) this.watch(w);
    await this.load(fresh);
  }

  private watch(w: Wanted): void {
    const dir = vscode.Uri.file(path.dirname(w.file));
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(dir, path.basename(w.file)));
    const changed = () => this.scheduleReload(w);
    this.watchers.set(w.file, vscode.Disposable.from(watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed), watcher.onDidDelete(changed)));
  }

  private scheduleReload(w: Wanted): void {
    const pending = this.timers.get(w.file);
    if (pending) clearTimeout(pending);
    this.timers.set(w.file, setTimeout(() => {
      this.timers.delete(w.file);
      void this.load([w]);
    }, RELOAD_DEBOUNCE_MS));
  }

  /** Reads the library files again (the command). */
  async reloadAll(): Promise<void> {
    await this.load([...this.wanted().values()]);
  }

  private load(files: Wanted[]): Promise<void> {
    if (!files.length) return this.idle;
    const run = this.idle.then(() => this.loadNow(files));
    this.idle = run.catch(() => undefined);
    return run;
  }

  private async loadNow(files: Wanted[]): Promise<void> {
    const started = Date.now();
    const showProgress = setTimeout(() => {
      this.status.text = `$(sync~spin) Paper Lens: reading ${files.length === 1 ? files[0].label : `${files.length} libraries`}…`;
      this.status.show();
    }, PROGRESS_AFTER_MS);
    let loaded: LoadedFile[];
    try {
      loaded = await this.loader.load(files, this.maxBytes, (done, total) => {
        if (total > 1) this.status.text = `$(sync~spin) Paper Lens: reading libraries ${done + 1}/${total}…`;
      });
    } catch (e) {
      this.deps.output.appendLine(`[${new Date().toLocaleTimeString()}] could not read libraries: ${(e as Error).message}`);
      void vscode.window.showWarningMessage(`Paper Lens could not read your libraries: ${(e as Error).message}`);
      return;
    } finally {
      clearTimeout(showProgress);
      this.status.hide();
    }
    const library = this.deps.library();
    for (const { load } of loaded) {
      // A file removed from what is wanted while it was being read is not added back.
      // Merged in slices: a 20,000-entry library merged at once held the editor ~0.5 s.
      if (this.watchers.has(load.source.id)) await library.setSourceAsync(load.source);
    }
    this.report(loaded, library.snapshot().problems.filter(p => p.message.startsWith('duplicate key') && loaded.some(l => l.file === p.file)), Date.now() - started);
    this.deps.loaded?.();
  }

  /** The output channel gets every problem; a notification summarises the reload when something is wrong. */
  private report(loaded: LoadedFile[], mergeProblems: LibraryProblem[], ms: number): void {
    const out = this.deps.output;
    let problems = 0;
    for (const { file, load, ms: fileMs } of loaded) {
      const own = load.source.problems ?? [];
      problems += own.length;
      out.appendLine(`[${new Date().toLocaleTimeString()}] ${file}: ${load.source.papers.length} papers from ${load.entries} entries, ${own.length} problem${own.length === 1 ? '' : 's'} (${Math.round(fileMs)} ms)`);
      for (const p of own) out.appendLine(`  ${p.file ?? file}:${p.line ?? 1}: ${p.severity}: ${p.message}`);
    }
    for (const p of mergeProblems) out.appendLine(`  ${p.file ?? ''}:${p.line ?? 1}: ${p.severity}: ${p.message}`);
    problems += mergeProblems.length;
    const papers = loaded.reduce((n, l) => n + l.load.source.papers.length, 0);
    if (problems) {
      const what = loaded.length === 1 ? loaded[0].load.source.label : `${loaded.length} library files`;
      void vscode.window.showWarningMessage(`Paper Lens read ${papers} papers from ${what} with ${problems} problem${problems === 1 ? '' : 's'}.`, 'Show Problems').then(choice => {
        if (choice) out.show(true);
      });
    } else if (loaded.length) {
      vscode.window.setStatusBarMessage(`$(book) Paper Lens: ${papers} papers from ${loaded.length === 1 ? loaded[0].load.source.label : `${loaded.length} libraries`} (${ms} ms)`, 5000);
    }
  }

  dispose(): void {
    if (this.settingTimer) clearTimeout(this.settingTimer);
    for (const w of this.globWatchers) w.dispose();
    for (const t of this.timers.values()) clearTimeout(t);
    for (const w of this.watchers.values()) w.dispose();
    this.loader.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

export function activateUserLibraries(context: vscode.ExtensionContext, deps: UserLibrariesDeps): UserLibraries {
  const libraries = new UserLibraries(deps);
  context.subscriptions.push(
    libraries,
    vscode.commands.registerCommand('paperLens.reloadLibraries', () => libraries.reloadAll()),
    vscode.commands.registerCommand('paperLens.showLibraryProblems', () => deps.output.show(true)),
  );
  // After activation returns: reading settings and starting the worker are not activation's work.
  setTimeout(() => libraries.start(), 0);
  return libraries;
}
