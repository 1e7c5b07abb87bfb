// Feature: "Paper Lens: Export References…" — a bibliography (.bib, or CSL-JSON for a .json name)
// of every paper mentioned in the active note, the chosen notes or folders (Explorer), or the whole
// workspace. Keys are stable (src/core/references/export.ts). The file is the one chosen in a save
// dialog; an existing file is replaced only after the user says so. Nothing else is written.
//
// Which mentions: a note open in an editor is scanned as the editor holds it, with the detector
// hover uses (names, citation keys, arXiv references); a chosen file that is not open is read and
// scanned the same way; the notes of a folder or the workspace come from the workspace index.
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { Paper } from '../core/library/model';
import type { PaperLensCore } from '../core/paperLens';
import { bibliographyFormatOf, citedPapers, type CitingMention, formatBibliography } from '../core/references/export';
import { decodeNote, looksBinary } from '../core/workspace';
import { noteKey } from '../node/workspaceFiles';
import type { DocumentScanner } from './documentScanner';
import type { WorkspaceMentions } from './workspaceMentions';

export const EXPORT_REFERENCES = 'paperLens.exportReferences';

/** A chosen file larger than this is not read (the scan limit everywhere else: 10 MB). */
const MAX_NOTE_BYTES = 10 * 1024 * 1024;

/** What the command exports: resolved from its arguments or asked. */
export type ExportScope =
  | { kind: 'document'; document: vscode.TextDocument }
  | { kind: 'workspace' }
  | { kind: 'paths'; uris: vscode.Uri[] };

/** The prompts, replaceable by tests (a save dialog cannot be driven from the extension host). */
export interface ExportPrompts {
  pickScope(choices: (vscode.QuickPickItem & { scope?: ExportScope; folder?: true })[]): Thenable<(vscode.QuickPickItem & { scope?: ExportScope; folder?: true }) | undefined>;
  pickFolder(defaultUri: vscode.Uri | undefined): Thenable<vscode.Uri[] | undefined>;
  saveDialog(options: vscode.SaveDialogOptions): Thenable<vscode.Uri | undefined>;
  /** Asked only when the chosen file exists: true replaces it. */
  confirmReplace(target: vscode.Uri): Thenable<boolean>;
}

export const DEFAULT_PROMPTS: ExportPrompts = {
  pickScope: choices => vscode.window.showQuickPick(choices, { title: 'Export References', placeHolder: 'Export the papers mentioned in…' }),
  pickFolder: defaultUri => vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: 'Export References', ...(defaultUri ? { defaultUri } : {}) }),
  saveDialog: options => vscode.window.showSaveDialog(options),
  confirmReplace: async target => {
    const replace = 'Replace';
    const answer = await vscode.window.showWarningMessage(`${path.basename(target.path)} already exists. Replace it with the exported references?`, { modal: true }, replace);
    return answer === replace;
  },
};

export interface ExportDeps {
  current(): PaperLensCore;
  scanner: DocumentScanner;
  workspace: WorkspaceMentions;
}

export interface ExportResult {
  target: vscode.Uri;
  format: 'bibtex' | 'csl-json';
  papers: Paper[];
  keys: Map<string, string>;
  /** Ambiguous mentions left out. */
  ambiguous: number;
}

export class ReferenceExporter {
  prompts: ExportPrompts = DEFAULT_PROMPTS;

  constructor(private readonly deps: ExportDeps) {}

  /** The command: `arg` is an Explorer resource (with `all`, the whole selection) or nothing. */
  async run(arg?: unknown, all?: unknown): Promise<ExportResult | undefined> {
    const scope = await this.scopeOf(arg, all);
    if (!scope) return undefined;
    const mentions = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Paper Lens: collecting references' }, () => this.mentionsIn(scope));
    if (!mentions) return undefined;
    const core = this.deps.current();
    const cited = citedPapers(mentions);
    const papers = cited.ids.map(id => core.snapshot.paper(id)).filter((p): p is Paper => !!p);
    const where = this.describe(scope);
    if (!papers.length) {
      const only = cited.ambiguous.length ? ` (only ${cited.ambiguous.length} ambiguous name${cited.ambiguous.length === 1 ? '' : 's'}, which could mean several papers)` : '';
      void vscode.window.showInformationMessage(`Paper Lens: no paper of your library is mentioned in ${where}${only}.`);
      return undefined;
    }
    const target = await this.prompts.saveDialog({
      title: `Export ${papers.length} Reference${papers.length === 1 ? '' : 's'}`,
      saveLabel: 'Export',
      defaultUri: vscode.Uri.joinPath(this.defaultFolder(scope) ?? vscode.Uri.file(os.homedir()), 'references.bib'),
      filters: { BibTeX: ['bib'], 'CSL-JSON': ['json'] },
    });
    if (!target) return undefined;
    if (await this.exists(target) && !(await this.prompts.confirmReplace(target))) return undefined;
    const format = bibliographyFormatOf(target.path);
    const bibliography = formatBibliography(papers, format, { universe: core.snapshot.papers });
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(bibliography.text));
    const left = cited.ambiguous.length ? ` ${cited.ambiguous.length} ambiguous name${cited.ambiguous.length === 1 ? '' : 's'} left out (${[...new Set(cited.ambiguous.map(a => a.text))].slice(0, 3).join(', ')}).` : '';
    void vscode.window.showInformationMessage(`Paper Lens: exported ${papers.length} reference${papers.length === 1 ? '' : 's'} from ${where} to ${path.basename(target.path)}.${left}`, 'Open').then(choice => {
      if (choice) void vscode.window.showTextDocument(target);
    });
    return { target, format, papers, keys: bibliography.keys, ambiguous: cited.ambiguous.length };
  }

  private async scopeOf(arg: unknown, all: unknown): Promise<ExportScope | undefined> {
    if (arg instanceof vscode.Uri) {
      const uris = Array.isArray(all) && all.every(u => u instanceof vscode.Uri) && all.length ? all as vscode.Uri[] : [arg];
      return { kind: 'paths', uris };
    }
    if (arg === 'workspace') return { kind: 'workspace' };
    const editor = vscode.window.activeTextEditor;
    const note = editor && this.deps.scanner.isEnabledFor(editor.document) ? editor.document : undefined;
    const folders = vscode.workspace.workspaceFolders ?? [];
    const choices: (vscode.QuickPickItem & { scope?: ExportScope; folder?: true })[] = [];
    if (note) choices.push({ label: '$(file) The active note', description: path.basename(note.uri.path), scope: { kind: 'document', document: note } });
    if (folders.length) {
      choices.push({ label: '$(root-folder) All notes in the workspace', description: folders.map(f => f.name).join(', '), scope: { kind: 'workspace' } });
      choices.push({ label: '$(folder) The notes in a folder…', folder: true });
    }
    if (!choices.length) {
      void vscode.window.showInformationMessage('Paper Lens: open a note or a folder of notes to export the references it mentions.');
      return undefined;
    }
    const chosen = choices.length === 1 ? choices[0] : await this.prompts.pickScope(choices);
    if (!chosen) return undefined;
    if (chosen.scope) return chosen.scope;
    const picked = await this.prompts.pickFolder(folders[0]?.uri);
    return picked?.length ? { kind: 'paths', uris: picked } : undefined;
  }

  /** The mentions of the scope, or undefined when the user cancelled waiting for the index. */
  private async mentionsIn(scope: ExportScope): Promise<CitingMention[] | undefined> {
    const { scanner, workspace } = this.deps;
    if (scope.kind === 'document') return [...scanner.mentions(scope.document)];
    const out: CitingMention[] = [];
    const folders: string[] = [];
    for (const uri of scope.kind === 'workspace' ? (vscode.workspace.workspaceFolders ?? []).map(f => f.uri) : scope.uris) {
      const stat = await vscode.workspace.fs.stat(uri).then(s => s, () => undefined);
      if (!stat) continue;
      if (stat.type & vscode.FileType.Directory) folders.push(noteKey(uri.fsPath));
      else out.push(...await this.fileMentions(uri, stat.size));
    }
    if (!folders.length) return out;
    if (workspace.state === 'off' || workspace.state === 'noFolder') {
      void vscode.window.showWarningMessage('Paper Lens: exporting a folder uses the note index, which is off (setting paperLens.workspace.enabled).');
      return undefined;
    }
    await workspace.whenBuilt();
    const prefixes = folders.map(f => `${f}/`);
    const open = new Map(vscode.workspace.textDocuments.filter(d => d.uri.scheme === 'file' && !d.isClosed).map(d => [noteKey(d.uri.fsPath), d]));
    for (const p of workspace.index.paths()) {
      if (!prefixes.some(prefix => p.startsWith(prefix))) continue;
      const doc = open.get(p);
      out.push(...(doc && scanner.isEnabledFor(doc) ? scanner.mentions(doc) : workspace.index.mentionsIn(p)));
    }
    return out;
  }

  /** A chosen note: as the editor holds it when open, else read and scanned. */
  private async fileMentions(uri: vscode.Uri, size: number): Promise<readonly CitingMention[]> {
    const doc = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri.toString());
    if (doc) return this.deps.scanner.mentions(doc);
    if (size > MAX_NOTE_BYTES) return [];
    const bytes = await vscode.workspace.fs.readFile(uri);
    if (looksBinary(bytes)) return [];
    return this.deps.current().notes.detect(decodeNote(bytes));
  }

  private describe(scope: ExportScope): string {
    if (scope.kind === 'document') return path.basename(scope.document.uri.path);
    if (scope.kind === 'workspace') return 'the workspace';
    return scope.uris.length === 1 ? path.basename(scope.uris[0].path) : `${scope.uris.length} files and folders`;
  }

  private defaultFolder(scope: ExportScope): vscode.Uri | undefined {
    const first = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (scope.kind === 'document') return scope.document.uri.scheme === 'file' ? vscode.Uri.joinPath(scope.document.uri, '..') : first;
    if (scope.kind === 'paths') return first ?? vscode.Uri.joinPath(scope.uris[0], '..');
    return first;
  }

  private async exists(uri: vscode.Uri): Promise<boolean> {
    try {
      await vscode.workspace.fs.stat(uri);
      return true;
    } catch {
      return false;
    }
  }
}

export function activateExportReferences(context: vscode.ExtensionContext, deps: ExportDeps): ReferenceExporter {
  const exporter = new ReferenceExporter(deps);
  context.subscriptions.push(vscode.commands.registerCommand(EXPORT_REFERENCES, (arg?: unknown, all?: unknown) => exporter.run(arg, all)));
  return exporter;
}
