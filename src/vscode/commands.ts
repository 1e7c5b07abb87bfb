// Paper commands: open details, copy/insert references, open arXiv, reveal in the sidebar.
// Each accepts a paper id, a tree node or nothing (then asks with a quick pick).
import * as vscode from 'vscode';
import { displayName, type Paper } from '../core/model';
import { arxivUrl, autoReferenceFormat, bibtex, citeCommand, formatReference, markdownLink } from '../core/references';
import type { DetailsPanel } from './detailsPanel';
import type { PapersTreeProvider, PapersTreeNode } from './papersTree';
import type { PaperLensServices } from './services';

export interface PaperCommandDeps {
  services: PaperLensServices;
  details: DetailsPanel;
  tree: PapersTreeProvider;
  treeView: vscode.TreeView<PapersTreeNode>;
  /** Asks the user for a paper (the search quick pick in pick mode). */
  pickPaper(placeholder: string): Promise<Paper | undefined>;
}

export class PaperCommands {
  /** The last text editor that had focus: the details webview takes focus, and insertions still go here. */
  private lastEditor: vscode.TextEditor | undefined = vscode.window.activeTextEditor;

  constructor(private readonly deps: PaperCommandDeps) {}

  register(context: vscode.ExtensionContext): void {
    const { services } = this.deps;
    context.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(e => {
        if (e) this.lastEditor = e;
      }),
      this.paperCommand('paperLens.openDetails', 'Open details of which paper?', p => this.openDetails(p)),
      this.paperCommand('paperLens.copyMarkdownLink', 'Copy a markdown link to which paper?', p => this.copy(markdownLink(p), `Copied link to ${displayName(p)}`)),
      this.paperCommand('paperLens.copyBibtex', 'Copy BibTeX for which paper?', p => this.copy(bibtex(p), `Copied BibTeX for ${displayName(p)}`)),
      this.paperCommand('paperLens.copyCiteKey', 'Copy \\cite{} for which paper?', p => this.copy(citeCommand(p), `Copied ${citeCommand(p)}`)),
      this.paperCommand('paperLens.copyReference', 'Copy a reference to which paper?', p => {
        const format = services.config.referenceFormat();
        const text = formatReference(p, format === 'auto' ? autoReferenceFormat(this.lastEditor?.document.languageId ?? 'markdown') : format);
        return this.copy(text, `Copied reference to ${displayName(p)}`);
      }),
      this.paperCommand('paperLens.insertReference', 'Insert a reference to which paper?', p => this.insertReference(p)),
      this.paperCommand('paperLens.openArxiv', 'Open which paper on arXiv?', p => vscode.env.openExternal(vscode.Uri.parse(arxivUrl(p)))),
      this.paperCommand('paperLens.revealInSidebar', 'Reveal which paper in the sidebar?', p => this.reveal(p)),
      vscode.commands.registerCommand('paperLens.papers.filter', () => this.filter()),
      vscode.commands.registerCommand('paperLens.papers.clearFilter', () => this.deps.tree.setFilter(undefined)),
      vscode.commands.registerCommand('paperLens.papers.groupBy', (value?: unknown) => this.groupBy(value)),
    );
  }

  private paperCommand(id: string, placeholder: string, run: (paper: Paper) => unknown): vscode.Disposable {
    return vscode.commands.registerCommand(id, async (arg?: unknown) => {
      let paper: Paper | undefined;
      try {
        paper = arg === undefined ? await this.deps.pickPaper(placeholder) : this.deps.services.resolvePaper(arg);
      } catch (e) {
        void vscode.window.showErrorMessage(`Paper Lens: ${(e as Error).message}`);
        return undefined;
      }
      if (!paper) {
        if (arg !== undefined) void vscode.window.showWarningMessage(`Paper Lens: no paper matches ${JSON.stringify(typeof arg === 'string' ? arg : String(arg))}.`);
        return undefined;
      }
      return run(paper);
    });
  }

  async openDetails(paper: Paper): Promise<Paper> {
    this.deps.details.show(paper);
    await this.deps.services.noteOpened(paper);
    return paper;
  }

  private async copy(text: string, message: string): Promise<string> {
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(`$(check) ${message}`, 3000);
    return text;
  }

  /** Replaces each selection of the last active editor with the reference: one normal, undoable edit. */
  async insertReference(paper: Paper): Promise<boolean> {
    const editor = vscode.window.activeTextEditor ?? this.lastEditor;
    if (!editor || editor.document.isClosed) {
      void vscode.window.showWarningMessage('Paper Lens: open a file and place the cursor where the reference should go.');
      return false;
    }
    const format = this.deps.services.config.referenceFormat();
    const text = formatReference(paper, format === 'auto' ? autoReferenceFormat(editor.document.languageId) : format);
    const ok = await editor.edit(builder => {
      for (const sel of editor.selections) builder.replace(sel, text);
    });
    if (!ok) void vscode.window.showErrorMessage('Paper Lens: the editor did not accept the edit (is the file read-only?).');
    return ok;
  }

  async reveal(paper: Paper): Promise<boolean> {
    const { tree, treeView } = this.deps;
    let node = tree.nodeFor(paper.id);
    if (!node && tree.filter) {
      // Filtered out: clear the filter rather than fail to show what was asked for.
      tree.setFilter(undefined);
      node = tree.nodeFor(paper.id);
    }
    if (!node) return false;
    await vscode.commands.executeCommand('workbench.view.extension.paperLens');
    await treeView.reveal(node, { select: true, focus: true, expand: true });
    return true;
  }

  private async filter(): Promise<number | undefined> {
    const query = await vscode.window.showInputBox({
      title: 'Filter Papers',
      prompt: 'Show only papers matching a name, topic or words (empty to clear)',
      value: this.deps.tree.filter ?? '',
      placeHolder: 'e.g. kv cache eviction',
    });
    if (query === undefined) return undefined;
    const count = this.deps.tree.setFilter(query);
    if (query.trim() && count === 0) void vscode.window.showInformationMessage(`Paper Lens: no papers match "${query.trim()}".`);
    return count;
  }

  private async groupBy(value?: unknown): Promise<void> {
    const choices = [
      { label: 'Topic', value: 'topic' as const, description: 'primary topic of each paper' },
      { label: 'Year', value: 'year' as const, description: 'newest first' },
      { label: 'None', value: 'none' as const, description: 'one flat list' },
    ];
    let chosen = choices.find(c => c.value === value)?.value;
    if (!chosen) {
      const current = this.deps.services.config.groupBy;
      const pick = await vscode.window.showQuickPick(choices.map(c => ({ ...c, picked: c.value === current, detail: undefined })), { title: 'Group Papers By' });
      chosen = pick?.value;
    }
    if (chosen) await this.deps.services.config.setGroupBy(chosen);
  }
}
