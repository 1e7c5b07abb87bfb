// Feature: the user's collection — a CSL-JSON file they own (Zotero and pandoc read it too) at
// `paperLens.collection.path` (by default in the extension's global storage), one source of the
// library, read again when it changes on disk. Commands add papers (from a card, the tree or the
// palette), remove them, edit their names and topics, undo the last changes, and move the file into
// the workspace.
//
// The file is the user's: every change is one atomic write through src/node/collectionFile.ts
// (temporary file, rename, `.bak` of the version replaced) computed from the file as it is on disk
// at that moment; when it changed since Paper Lens last read it (another window, Zotero, an editor),
// the library is reloaded and the user asked before anything is written. Every change can be undone.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { Library, PaperSource } from '../core/library/library';
import { displayTitle } from '../core/library/display';
import type { Paper } from '../core/library/model';
import { TopicClassifier } from '../core/library/topicClassifier';
import type { CslItem } from '../core/references/cslJson';
import type { ArxivRecord } from '../core/sources/arxivAtom';
import type { EntryConversion } from '../core/sources/bibliographyPapers';
import { BUNDLED_SOURCE_ID } from '../core/sources/bundledCorpus';
import {
  COLLECTION_SOURCE_ID, type CollectionContent, type CollectionEdits, type CollectionItem, addItems, collectionKeyOf, collectionSource,
  incomingFromPaper, incomingFromRecord, incomingItem, itemEdits, itemKey, readCollection, removeItems, restoreItems, serializeCollection, setItemEdits,
} from '../core/sources/collection';
import { clipForMessage } from '../core/text/quote';
import { ABSENT, CollectionChangedError, type CollectionRead, type FileStamp, readCollectionFile, sameVersion, writeCollectionFile } from '../node/collectionFile';
import { loadLexicon } from '../node/lexiconFile';
import type { PaperPicker } from './paperCommands';

/** Editors and Zotero write in bursts: wait for the file to settle before reading it again. */
const RELOAD_DEBOUNCE_MS = 300;
/** Changes "Undo Last Collection Change" can take back, most recent first. */
const UNDO_DEPTH = 20;
const DEFAULT_FILE_NAME = 'collection.json';

export type Conversion = Omit<EntryConversion, 'source' | 'file'>;

/**
 * Names and topics for papers entering the library at run time: the word list from dist/, and the
 * topic classifier trained on the bundled corpus (made again only if that source changes).
 */
export function paperConversion(library: () => Library, distDir: string): () => Conversion {
  let cached: { bundled: PaperSource | undefined; conversion: Conversion } | undefined;
  return () => {
    const bundled = library().source(BUNDLED_SOURCE_ID);
    if (!cached || cached.bundled !== bundled) {
      const classifier = bundled?.topics?.length ? new TopicClassifier(bundled.topics, bundled.papers) : undefined;
      cached = { bundled, conversion: { lexicon: loadLexicon(distDir), ...(classifier ? { classifier } : {}) } };
    }
    return cached.conversion;
  };
}

export interface CollectionDeps {
  library(): Library;
  conversion(): Conversion;
  output: vscode.OutputChannel;
  picker: PaperPicker;
  /** The extension's global storage: the collection's default home (never the workspace). */
  storageUri: vscode.Uri;
  /** The full arXiv record of a paper fetched this session, for the richest item. */
  fetchedRecord(arxiv: string): ArxivRecord | undefined;
  /** Told when a fetched paper is now in the collection. */
  collected(arxiv: string): void;
}

type Change = (items: CollectionItem[]) => { items: CollectionItem[]; undo?: (items: CollectionItem[]) => CollectionItem[] } | undefined;

interface UndoEntry {
  /** The collection file the change was made to: an entry for another file is not undone. */
  file: string;
  label: string;
  revert(): Promise<boolean>;
}

function expandHome(p: string): string {
  return p === '~' || p.startsWith('~/') ? path.join(os.homedir(), p.slice(1)) : p;
}

/** "“DuoAttention: Efficient Long-Context…”" for messages and picker titles (where `$(name)` would be an icon). */
function quoted(paper: Paper): string {
  return `“${clipForMessage(displayTitle(paper), 70).replace(/\$\(/g, '$\u200b(')}”`;
}

export class Collection implements vscode.Disposable {
  /** The version of the file last read or written; undefined before the first read. */
  private stamp: FileStamp | undefined;
  private content: CollectionContent = { items: [], problems: [] };
  private currentFile: string | undefined;
  private watcher: vscode.Disposable | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly undoStack: UndoEntry[] = [];
  private reportedProblems = '';
  /** Holds on reloading after a change on disk (`holdReloads`). */
  private held = 0;
  /** Whether the collection has been given to the library (not before it has papers: that would load the library). */
  private hasSource = false;
  private readonly disposables: vscode.Disposable[] = [];

  /**
   * Asks a yes/no question before a write (a modal dialog). Replaceable: tests answer without a
   * dialog. Resolves true to go ahead.
   */
  confirm: (message: string, detail: string, action: string) => Thenable<boolean> = async (message, detail, action) =>
    (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action;

  constructor(private readonly deps: CollectionDeps) {
    this.disposables.push(vscode.workspace.onDidChangeConfiguration(e => {
      if (e.affectsConfiguration('paperLens.collection.path')) void this.reload();
    }));
  }

  /** Settles when every load and change started so far has finished (tests wait on it). */
  get idle(): Promise<void> {
    return this.queue.then(() => undefined, () => undefined);
  }

  /** The collection file: the setting (absolute, `~/…`, or relative to the first workspace folder), else global storage. */
  file(): string {
    const raw = vscode.workspace.getConfiguration('paperLens').get<string>('collection.path', '');
    const value = typeof raw === 'string' ? expandHome(raw.trim()) : '';
    if (!value) return path.join(this.deps.storageUri.fsPath, DEFAULT_FILE_NAME);
    if (path.isAbsolute(value)) return path.normalize(value);
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder ? path.join(folder.uri.fsPath, value) : path.join(this.deps.storageUri.fsPath, value);
  }

  /** The items as last read (what an import compares with). */
  get items(): readonly CollectionItem[] {
    return this.content.items;
  }

  /**
   * Holds back reloading when the file changes on disk until the returned disposable is disposed
   * (then it reads the file). Tests use it to make a command the first to see an edit.
   */
  holdReloads(): vscode.Disposable {
    this.held++;
    return new vscode.Disposable(() => {
      this.held--;
      if (!this.held) void this.reload();
    });
  }

  /** Reads the file now (after activation) and watches it. */
  start(): void {
    void this.reload();
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Reads the file again if it changed (and follows a changed setting to another file); `force`
   * reads it even when it did not, as a window reload would.
   */
  reload(force = false): Promise<void> {
    return this.enqueue(() => this.loadNow(force));
  }

  private async loadNow(force = false): Promise<void> {
    const file = this.file();
    if (file !== this.currentFile) {
      this.currentFile = file;
      this.stamp = undefined;
      this.watch(file);
    }
    let read: CollectionRead;
    try {
      read = await readCollectionFile(file);
    } catch (e) {
      this.report(`could not read your collection: ${(e as Error).message}`);
      return;
    }
    if (!force && this.stamp && sameVersion(read.stamp, this.stamp)) return; // our own write, or no change
    this.apply(file, read);
  }

  /** Makes what was read the library's collection source. */
  private apply(file: string, read: CollectionRead): void {
    this.stamp = read.stamp;
    this.content = readCollection(read.text, file);
    const library = this.deps.library;
    // An empty or missing collection needs neither the library nor the word list loaded.
    if (!this.content.items.length && !this.content.problems.length && !this.hasSource) return;
    this.hasSource = true;
    const label = `My collection (${path.basename(file)})`;
    if (this.content.unwritable) {
      // Half an edit saved: keep showing the papers last read, and say what is wrong.
      const previous = library().source(COLLECTION_SOURCE_ID);
      const problems = this.content.problems.map(p => ({ file: p.file, line: p.line, message: p.message, severity: p.severity }));
      library().setSource({ ...(previous ?? { id: COLLECTION_SOURCE_ID, kind: 'collection', label, file, papers: [] }), problems });
    } else {
      const knownTopics = new Set(library().snapshot().topics.map(t => t.id));
      library().setSource(collectionSource(read.text, file, this.deps.conversion(), { label, knownTopics }));
    }
    const problems = library().source(COLLECTION_SOURCE_ID)?.problems ?? [];
    const key = problems.map(p => `${p.line}:${p.message}`).join('\n');
    if (key && key !== this.reportedProblems) {
      const out = this.deps.output;
      out.appendLine(`[${new Date().toLocaleTimeString()}] ${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
      for (const p of problems) out.appendLine(`  ${p.file ?? file}:${p.line ?? 1}: ${p.severity}: ${p.message}`);
      void vscode.window.showWarningMessage(`Paper Lens: your collection file has ${problems.length} problem${problems.length === 1 ? '' : 's'}${this.content.unwritable ? '; it is not changed until they are fixed' : ''}.`, 'Show Problems').then(choice => {
        if (choice) out.show(true);
      });
    }
    this.reportedProblems = key;
  }

  private watch(file: string): void {
    this.watcher?.dispose();
    const dir = path.dirname(file);
    // The default home is the extension's own storage: create it so there is a folder to watch.
    if (file.startsWith(this.deps.storageUri.fsPath)) fs.mkdirSync(dir, { recursive: true });
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(dir), path.basename(file)));
    const changed = () => {
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        this.timer = undefined;
        if (!this.held) void this.reload();
      }, RELOAD_DEBOUNCE_MS);
    };
    this.watcher = vscode.Disposable.from(watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed), watcher.onDidDelete(changed));
  }

  private report(message: string): void {
    this.deps.output.appendLine(`[${new Date().toLocaleTimeString()}] ${message}`);
    void vscode.window.showErrorMessage(`Paper Lens: ${message}`);
  }

  /**
   * Applies `change` to the file as it is on disk now, in one atomic write, and remembers how to
   * undo it. If the file changed since Paper Lens last read it, the library is reloaded and the user
   * asked first. Resolves whether the file was written.
   */
  update(label: string, change: Change, options: { undoable?: boolean } = {}): Promise<boolean> {
    return this.enqueue(() => this.updateNow(label, change, options.undoable ?? true));
  }

  private async updateNow(label: string, change: Change, undoable: boolean): Promise<boolean> {
    const file = this.file();
    if (file !== this.currentFile) await this.loadNow();
    for (let attempt = 0; attempt < 3; attempt++) {
      let read: CollectionRead;
      try {
        read = await readCollectionFile(file);
      } catch (e) {
        this.report(`could not read your collection: ${(e as Error).message}`);
        return false;
      }
      if (this.stamp && !sameVersion(read.stamp, this.stamp)) {
        // Someone else changed it: show what is there now, and ask before writing over it.
        this.apply(file, read);
        const go = await this.confirm(
          'Your collection changed on disk since Paper Lens last read it.',
          `${file} was changed by another program or window, and Paper Lens has reloaded it. ${label} in the version on disk now?`,
          'Apply to New Version',
        );
        if (!go) return false;
      }
      const content = readCollection(read.text, file);
      if (content.unwritable) {
        this.report(`${content.unwritable}. Paper Lens does not overwrite it: fix the file, or set paperLens.collection.path to another file.`);
        return false;
      }
      const result = change(content.items);
      if (!result) return false;
      const text = serializeCollection(result.items);
      try {
        const stamp = await writeCollectionFile(file, text, read.stamp);
        this.apply(file, { text, stamp });
      } catch (e) {
        if (e instanceof CollectionChangedError) {
          // Changed while we wrote: go round again, which asks.
          this.stamp = read.stamp;
          continue;
        }
        this.report(`could not write your collection ${file}: ${(e as Error).message}`);
        return false;
      }
      this.deps.output.appendLine(`[${new Date().toLocaleTimeString()}] ${label} → ${file}`);
      const undo = result.undo;
      if (undoable && undo) this.pushUndo({ file, label, revert: () => this.update(`Undo: ${label}`, items => ({ items: undo(items) }), { undoable: false }) });
      return true;
    }
    this.report(`${file} kept changing while Paper Lens tried to write it; nothing was written. Try again.`);
    return false;
  }

  private pushUndo(entry: UndoEntry): void {
    this.undoStack.push(entry);
    if (this.undoStack.length > UNDO_DEPTH) this.undoStack.shift();
  }

  /** What "Undo Last Collection Change" would undo. */
  get lastChange(): string | undefined {
    return this.undoStack[this.undoStack.length - 1]?.label;
  }

  /** Undoes the most recent change to the current collection file. */
  async undo(): Promise<boolean> {
    const file = this.file();
    while (this.undoStack.length) {
      const entry = this.undoStack.pop()!;
      if (entry.file !== file) continue;
      const done = await entry.revert();
      if (done) void vscode.window.setStatusBarMessage(`$(discard) Paper Lens: undone — ${entry.label}`, 5000);
      return done;
    }
    void vscode.window.showInformationMessage('Paper Lens: there is no collection change to undo.');
    return false;
  }

  /**
   * Adds items (an import) in one write; resolves the items added, with the ids they got (none:
   * the collection had them all), or undefined when nothing could be written.
   */
  async addItems(items: readonly CslItem[], label: string): Promise<CslItem[] | undefined> {
    let added: CslItem[] = [];
    let nothingNew = false;
    const ok = await this.update(label, current => {
      const r = addItems(current, items);
      nothingNew = !r.added.length;
      if (nothingNew) return undefined;
      added = r.added;
      const keys = r.added.map(i => i.id);
      return { items: r.items, undo: after => removeItems(after, keys).items };
    });
    if (!ok) return nothingNew ? [] : undefined;
    for (const item of added) {
      const arxiv = /^arXiv:(.+)$/.exec(typeof item.number === 'string' ? item.number : '')?.[1];
      if (arxiv) this.deps.collected(arxiv);
    }
    return added;
  }

  /** "Add to My Collection". */
  async add(paper: Paper): Promise<boolean> {
    if (collectionKeyOf(paper)) {
      void vscode.window.showInformationMessage(`Paper Lens: ${quoted(paper)} is already in your collection.`);
      return false;
    }
    const record = paper.arxiv ? this.deps.fetchedRecord(paper.arxiv) : undefined;
    const item = incomingItem(record ? incomingFromRecord(record) : incomingFromPaper(paper));
    // A key the user's bibliography gives the paper is the one their documents cite.
    if (paper.citationKey) item.id = paper.citationKey;
    const added = await this.addItems([item], `Add ${quoted(paper)}`);
    if (!added) return false;
    if (!added.length) {
      // The file has it under another key (a listing paper kept with a local id, say).
      void vscode.window.showInformationMessage(`Paper Lens: your collection has ${quoted(paper)} already.`);
      return false;
    }
    void vscode.window.showInformationMessage(`Paper Lens: added ${quoted(paper)} to your collection.`, 'Undo', 'Open Collection File').then(choice => {
      if (choice === 'Undo') void this.undo();
      else if (choice) void vscode.commands.executeCommand('paperLens.openCollectionFile');
    });
    return true;
  }

  /** "Remove from My Collection", with Undo. */
  async remove(paper: Paper): Promise<boolean> {
    const key = collectionKeyOf(paper);
    if (!key) {
      void vscode.window.showInformationMessage(`Paper Lens: ${quoted(paper)} is not in your collection.`);
      return false;
    }
    const ok = await this.update(`Remove ${quoted(paper)}`, items => {
      const r = removeItems(items, [key]);
      if (!r.removed.length) return undefined;
      return { items: r.items, undo: after => restoreItems(after, r.removed) };
    });
    if (ok) {
      void vscode.window.showInformationMessage(`Paper Lens: removed ${quoted(paper)} from your collection.`, 'Undo').then(choice => {
        if (choice === 'Undo') void this.undo();
      });
    }
    return ok;
  }

  /** "Edit Names and Topics…": asks for them unless `given`; stores them in the item. */
  async editNamesAndTopics(paper: Paper, given?: CollectionEdits): Promise<boolean> {
    const key = collectionKeyOf(paper);
    if (!key) {
      const choice = await vscode.window.showInformationMessage(`Paper Lens: names and topics are kept in your collection, and ${quoted(paper)} is not in it.`, 'Add to My Collection');
      if (choice) await this.add(paper);
      return false;
    }
    const edits = given ?? (await this.askEdits(paper, itemEdits(this.items.find(i => itemKey(i) === key))));
    if (!edits) return false;
    return this.update(`Edit names and topics of ${quoted(paper)}`, items => {
      const r = setItemEdits(items, key, edits.names || edits.topics ? edits : undefined);
      if (!r.found) return undefined;
      return { items: r.items, undo: after => setItemEdits(after, key, r.previous).items };
    });
  }

  private async askEdits(paper: Paper, stored: CollectionEdits | undefined): Promise<CollectionEdits | undefined> {
    const derived = [paper.shortName, ...paper.aliases.filter(a => a.origin !== 'key' && a.origin !== 'variant').map(a => a.name)].filter((n): n is string => !!n);
    const names = await vscode.window.showInputBox({
      title: `Names of ${quoted(paper)}`,
      prompt: 'The names people write for this paper, the short name first, separated by commas. Empty: derive them from the title and abstract again.',
      value: [...new Set(stored?.names ?? derived)].join(', '),
      validateInput: v => (v.split(',').some(n => n.trim().length > 100) ? 'A name is at most 100 characters' : undefined),
    });
    if (names === undefined) return undefined;
    const snapshot = this.deps.library().snapshot();
    const current = stored?.topics ?? paper.topics;
    const picked = await vscode.window.showQuickPick(
      snapshot.topics.map(t => ({ label: t.label, description: t.id === current[0] ? 'primary' : undefined, detail: t.description, id: t.id, picked: current.includes(t.id) })),
      { title: `Topics of ${quoted(paper)}`, placeHolder: 'Check the topics it belongs to (none: let Paper Lens classify it)', canPickMany: true, matchOnDetail: true },
    );
    if (picked === undefined) return undefined;
    const list = names.split(',').map(n => n.replace(/\s+/g, ' ').trim()).filter(Boolean);
    // The current primary topic stays first when it is still checked.
    const topics = picked.map(p => p.id).sort((a, b) => (a === current[0] ? -1 : b === current[0] ? 1 : 0));
    const out: CollectionEdits = {};
    if (list.length) out.names = [...new Set(list)];
    if (topics.length) out.topics = topics;
    return out;
  }

  /** "Move Collection into Workspace…": copies the file there, points the setting at it (in the workspace's settings). */
  async moveToWorkspace(target?: string): Promise<boolean> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) {
      void vscode.window.showInformationMessage('Paper Lens: open a folder first; the collection moves into it.');
      return false;
    }
    const from = this.file();
    let to = target;
    if (to === undefined) {
      const uri = await vscode.window.showSaveDialog({ title: 'Move Your Collection into the Workspace', defaultUri: vscode.Uri.joinPath(folder.uri, 'references.json'), filters: { 'CSL-JSON': ['json'] }, saveLabel: 'Move Here' });
      if (!uri) return false;
      to = uri.fsPath;
    }
    const dest = path.resolve(folder.uri.fsPath, to);
    if (dest === from) {
      void vscode.window.showInformationMessage(`Paper Lens: your collection is already ${dest}.`);
      return false;
    }
    const copied = await this.enqueue(async () => {
      try {
        const read = await readCollectionFile(from);
        const content = readCollection(read.text, from);
        if (content.unwritable) throw new Error(content.unwritable);
        await writeCollectionFile(dest, read.text.trim() ? read.text : '[]\n', ABSENT);
        return true;
      } catch (e) {
        this.report(e instanceof CollectionChangedError ? `${dest} exists already; Paper Lens does not overwrite it. Choose another file name.` : `could not move your collection: ${(e as Error).message}`);
        return false;
      }
    });
    if (!copied) return false;
    const config = vscode.workspace.getConfiguration('paperLens');
    const previous = config.inspect<string>('collection.path')?.workspaceValue;
    const relative = path.relative(folder.uri.fsPath, dest);
    const value = !relative.startsWith('..') && !path.isAbsolute(relative) ? relative.split(path.sep).join('/') : dest;
    await config.update('collection.path', value, vscode.ConfigurationTarget.Workspace);
    await this.reload();
    this.pushUndo({
      file: dest,
      label: `Move the collection to ${value}`,
      revert: async () => {
        await vscode.workspace.getConfiguration('paperLens').update('collection.path', previous, vscode.ConfigurationTarget.Workspace);
        await this.reload();
        return true;
      },
    });
    void vscode.window.showInformationMessage(`Paper Lens: your collection is now ${value} in this workspace (setting paperLens.collection.path). The previous file stays as it was at ${from}.`, 'Undo', 'Open').then(choice => {
      if (choice === 'Undo') void this.undo();
      else if (choice) void vscode.commands.executeCommand('paperLens.openCollectionFile');
    });
    return true;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.watcher?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

export function activateCollection(context: vscode.ExtensionContext, deps: CollectionDeps): Collection {
  const collection = new Collection(deps);
  const { picker } = deps;
  const withPaper = (placeholder: string, run: (paper: Paper, ...rest: unknown[]) => Promise<boolean>) => async (arg?: unknown, ...rest: unknown[]): Promise<boolean> => {
    const paper = arg === undefined ? await picker.pick(placeholder) : picker.resolve(arg);
    if (!paper) {
      if (arg !== undefined) void vscode.window.showWarningMessage(`Paper Lens: no paper matches ${JSON.stringify(typeof arg === 'string' ? arg : String(arg))}.`);
      return false;
    }
    return run(paper, ...rest);
  };
  context.subscriptions.push(
    collection,
    vscode.commands.registerCommand('paperLens.addToCollection', withPaper('Add which paper to your collection?', paper => collection.add(paper))),
    vscode.commands.registerCommand('paperLens.removeFromCollection', withPaper('Remove which paper from your collection?', paper => collection.remove(paper))),
    vscode.commands.registerCommand('paperLens.editNamesAndTopics', withPaper('Edit the names and topics of which paper?', (paper, edits) => collection.editNamesAndTopics(paper, isEdits(edits) ? edits : undefined))),
    vscode.commands.registerCommand('paperLens.collection.undo', () => collection.undo()),
    vscode.commands.registerCommand('paperLens.moveCollectionToWorkspace', (target?: unknown) => collection.moveToWorkspace(typeof target === 'string' ? target : undefined)),
    vscode.commands.registerCommand('paperLens.openCollectionFile', async () => {
      const file = collection.file();
      if (!fs.existsSync(file)) {
        void vscode.window.showInformationMessage('Paper Lens: your collection is empty. Add papers from a hover card, the Papers view, or "Import Papers…".');
        return;
      }
      await vscode.window.showTextDocument(vscode.Uri.file(file));
    }),
  );
  // After activation returns: reading files is not activation's work.
  setTimeout(() => collection.start(), 0);
  return collection;
}

function isEdits(x: unknown): x is CollectionEdits {
  if (typeof x !== 'object' || x === null) return false;
  const e = x as CollectionEdits;
  const strings = (v: unknown) => v === undefined || (Array.isArray(v) && v.every(s => typeof s === 'string'));
  return strings(e.names) && strings(e.topics);
}
