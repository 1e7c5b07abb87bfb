// Feature: where a paper is mentioned across the workspace. Find All References / Peek References
// on a paper's name, citation key or arXiv reference lists every mention of that paper in the notes
// (vscode.ReferenceProvider, so it appears where people look for it); "Show Notes Mentioning This
// Paper" (Papers tree, In This Workspace, the details view, the hover card's "mentioned in N notes")
// opens the references peek when it knows an editor position, else a quick pick of occurrences.
//
// Closed notes are answered from the workspace index (their saved text); open notes are scanned as
// the editor holds them, so a note being edited gives the positions on screen.
import * as vscode from 'vscode';
import type { LibrarySnapshot } from '../core/library/library';
import { displayName, type Paper } from '../core/library/model';
import { noteKey } from '../node/workspaceFiles';
import { noteLabel, occurrenceText } from '../ui/workspaceGroups';
import type { DocumentScanner } from './documentScanner';
import { registerForLanguages } from './languages';
import type { PaperPicker } from './paperCommands';
import type { WorkspaceMentions } from './workspaceMentions';

export const SHOW_MENTIONING_NOTES = 'paperLens.showMentioningNotes';

export interface PaperReferencesDeps {
  languages(): string[];
  snapshot(): LibrarySnapshot;
  scanner: DocumentScanner;
  workspace: WorkspaceMentions;
  picker: PaperPicker;
}

/** Where the hover card's link was: the references peek opens there. */
export interface EditorPlace {
  uri: string;
  line: number;
  character: number;
}

export interface OccurrenceItem extends vscode.QuickPickItem {
  location?: vscode.Location;
}

/** The end of a mention that starts at (line, character) and reads `text` (a name may wrap a line). */
function mentionRange(line: number, character: number, text: string): vscode.Range {
  const breaks = text.split('\n');
  const endLine = line + breaks.length - 1;
  const endCharacter = breaks.length > 1 ? breaks[breaks.length - 1].length : character + text.length;
  return new vscode.Range(line, character, endLine, endCharacter);
}

function locationKey(l: vscode.Location): string {
  return `${l.uri.toString()}#${l.range.start.line}:${l.range.start.character}`;
}

export class PaperReferences implements vscode.ReferenceProvider, vscode.Disposable {
  private current: vscode.QuickPick<OccurrenceItem> | undefined;

  constructor(private readonly deps: PaperReferencesDeps) {}

  /** The occurrence picker while it is open: a seam for tests. */
  get activePick(): vscode.QuickPick<OccurrenceItem> | undefined {
    return this.current;
  }

  async provideReferences(doc: vscode.TextDocument, position: vscode.Position, context: vscode.ReferenceContext, token: vscode.CancellationToken): Promise<vscode.Location[] | undefined> {
    const { scanner } = this.deps;
    if (!scanner.isEnabledFor(doc)) return undefined;
    const mention = scanner.mentionAt(doc, doc.offsetAt(position));
    if (!mention?.papers.length) return undefined;
    await this.built(token);
    if (token.isCancellationRequested) return undefined;
    return this.locations(mention.papers, { includeDeclaration: context.includeDeclaration, also: doc });
  }

  /** Waits for a build under way, or until the request is cancelled. */
  private async built(token?: vscode.CancellationToken): Promise<void> {
    if (!token) return this.deps.workspace.whenBuilt();
    let listener: vscode.Disposable | undefined;
    const cancelled = new Promise<void>(resolve => {
      listener = token.onCancellationRequested(() => resolve());
    });
    try {
      await Promise.race([this.deps.workspace.whenBuilt(), cancelled]);
    } finally {
      listener?.dispose();
    }
  }

  /**
   * Every mention of any of `paperIds`: closed notes from the index, open notes (indexed, or `also`)
   * scanned as the editor holds them; with `includeDeclaration`, the library entries the papers come from.
   */
  locations(paperIds: readonly string[], options: { includeDeclaration?: boolean; also?: vscode.TextDocument } = {}): vscode.Location[] {
    const { workspace, scanner } = this.deps;
    const wanted = new Set(paperIds);
    const open = new Map<string, vscode.TextDocument>();
    for (const doc of vscode.workspace.textDocuments) {
      if (doc.isClosed || !scanner.isEnabledFor(doc)) continue;
      if (doc.uri.scheme === 'file' && workspace.index.has(noteKey(doc.uri.fsPath))) open.set(noteKey(doc.uri.fsPath), doc);
    }
    const out = new Map<string, vscode.Location>();
    const add = (l: vscode.Location) => out.set(locationKey(l), l);
    for (const id of wanted) {
      for (const note of workspace.index.mentionsOf(id)) {
        if (open.has(note.path)) continue;
        const uri = vscode.Uri.file(note.path);
        for (const m of note.mentions) add(new vscode.Location(uri, mentionRange(m.line, m.character, m.text)));
      }
    }
    const live = [...open.values()];
    if (options.also && !live.includes(options.also)) live.push(options.also);
    for (const doc of live) {
      for (const m of scanner.mentions(doc)) {
        if (!m.papers.some(p => wanted.has(p))) continue;
        add(new vscode.Location(doc.uri, new vscode.Range(doc.positionAt(m.start), doc.positionAt(m.end))));
      }
    }
    if (options.includeDeclaration) {
      const snapshot = this.deps.snapshot();
      for (const id of wanted) {
        for (const origin of snapshot.paper(id)?.origins ?? []) {
          if (origin.file) add(new vscode.Location(vscode.Uri.file(origin.file), new vscode.Position(Math.max(0, (origin.line ?? 1) - 1), 0)));
        }
      }
    }
    return [...out.values()];
  }

  /**
   * "Show Notes Mentioning This Paper": the references peek at `at` when the command came from an
   * editor (the hover card), else a quick pick of every occurrence; picking one opens the note there.
   */
  async showMentioningNotes(paper: Paper, at?: EditorPlace): Promise<vscode.Location | undefined> {
    const { workspace } = this.deps;
    if (workspace.state === 'off') {
      void vscode.window.showInformationMessage('Paper Lens: finding papers across the workspace is off (setting paperLens.workspace.enabled).');
      return undefined;
    }
    if (workspace.state === 'noFolder') {
      void vscode.window.showInformationMessage('Paper Lens: open a folder of notes to find where papers are mentioned.');
      return undefined;
    }
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Paper Lens: indexing notes' }, () => this.built());
    const locations = this.locations([paper.id]).sort((a, b) => (a.uri.fsPath < b.uri.fsPath ? -1 : a.uri.fsPath > b.uri.fsPath ? 1 : a.range.start.compareTo(b.range.start)));
    if (!locations.length) {
      void vscode.window.showInformationMessage(`Paper Lens: no note in this workspace mentions ${displayName(paper)}.`);
      return undefined;
    }
    if (at && typeof at.uri === 'string' && Number.isInteger(at.line) && Number.isInteger(at.character)) {
      await vscode.commands.executeCommand('editor.action.showReferences', vscode.Uri.parse(at.uri), new vscode.Position(at.line, at.character), locations);
      return undefined;
    }
    return this.pickOccurrence(paper, locations);
  }

  private async pickOccurrence(paper: Paper, locations: vscode.Location[]): Promise<vscode.Location | undefined> {
    const roots = this.deps.workspace.roots();
    const items: OccurrenceItem[] = [];
    let note = '';
    for (const location of locations) {
      const path = location.uri.scheme === 'file' ? noteKey(location.uri.fsPath) : location.uri.toString();
      if (path !== note) {
        note = path;
        items.push({ label: noteLabel(path, roots), kind: vscode.QuickPickItemKind.Separator });
      }
      // The note and line in the description too: typing a note's name narrows the list to it.
      items.push({ label: `$(location) ${this.preview(location)}`, description: `${noteLabel(path, roots)}:${location.range.start.line + 1}`, location });
    }
    const pick = vscode.window.createQuickPick<OccurrenceItem>();
    this.current = pick;
    const noteCount = new Set(locations.map(l => l.uri.toString())).size;
    pick.title = `${displayName(paper)}: ${locations.length} mention${locations.length === 1 ? '' : 's'} in ${noteCount} note${noteCount === 1 ? '' : 's'}`;
    pick.placeholder = 'Open a note at the mention';
    pick.matchOnDescription = true;
    pick.items = items;
    const disposables: vscode.Disposable[] = [];
    try {
      const chosen = await new Promise<OccurrenceItem | undefined>(resolve => {
        disposables.push(
          pick.onDidAccept(() => resolve(pick.selectedItems[0])),
          pick.onDidHide(() => resolve(undefined)),
        );
        pick.show();
      });
      const location = chosen?.location;
      if (!location) return undefined;
      const editor = await vscode.window.showTextDocument(location.uri, { selection: location.range });
      editor.revealRange(location.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      return location;
    } finally {
      for (const d of disposables) d.dispose();
      pick.dispose();
      if (this.current === pick) this.current = undefined;
    }
  }

  /** The line around a location: the index's preview for closed notes, the document's line for open ones. */
  private preview(location: vscode.Location): string {
    const doc = vscode.workspace.textDocuments.find(d => d.uri.toString() === location.uri.toString());
    if (doc) {
      const line = doc.lineAt(location.range.start.line).text;
      const from = Math.max(0, location.range.start.character - 30);
      // "$(" would render as an icon in a quick pick label.
      return `${from > 0 ? '…' : ''}${line.slice(from, location.range.start.character + 80).trim()}`.replace(/\$\(/g, '$\u200b(');
    }
    const key = noteKey(location.uri.fsPath);
    const m = this.deps.workspace.index.mentionsIn(key).find(x => x.line === location.range.start.line && x.character === location.range.start.character);
    return (m ? occurrenceText(m) : `line ${location.range.start.line + 1}`).replace(/\$\(/g, '$\u200b(');
  }

  dispose(): void {
    this.current?.dispose();
  }
}

export function activatePaperReferences(context: vscode.ExtensionContext, deps: PaperReferencesDeps): PaperReferences {
  const references = new PaperReferences(deps);
  context.subscriptions.push(
    references,
    registerForLanguages(deps.languages, selector => vscode.languages.registerReferenceProvider(selector, references)),
    vscode.commands.registerCommand(SHOW_MENTIONING_NOTES, async (arg?: unknown, at?: EditorPlace) => {
      const paper = arg === undefined ? await deps.picker.pick('Show the notes mentioning which paper?') : deps.picker.resolve(arg);
      if (!paper) {
        if (arg !== undefined) void vscode.window.showWarningMessage(`Paper Lens: no paper matches ${JSON.stringify(typeof arg === 'string' ? arg : String(arg))}.`);
        return undefined;
      }
      return references.showMentioningNotes(paper, at);
    }),
  );
  return references;
}
