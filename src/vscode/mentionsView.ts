// "In This Document": the papers the active editor mentions, each expandable to its occurrences;
// clicking an occurrence selects it in the editor. Follows the active editor and its edits
// (debounced).
import * as vscode from 'vscode';
import { displayName, type Paper } from '../core/model';
import type { DetectedMention, DocumentScanner } from './documentScanner';
import type { PaperLensServices } from './services';

export interface MentionGroupNode {
  kind: 'mentionGroup';
  /** One paper, or every candidate of an ambiguous name. */
  papers: Paper[];
  /** Set for single-paper groups so the paper context menu (copy BibTeX, ...) applies. */
  paper?: Paper;
  label: string;
  occurrences: DetectedMention[];
}
export interface OccurrenceNode { kind: 'occurrence'; group: MentionGroupNode; mention: DetectedMention; line: number; preview: string }
export type MentionsTreeNode = MentionGroupNode | OccurrenceNode;

const DEBOUNCE_MS = 300;

export class MentionsTreeProvider implements vscode.TreeDataProvider<MentionsTreeNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<MentionsTreeNode | undefined | void>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private document: vscode.TextDocument | undefined;
  private groups: MentionGroupNode[] = [];
  /** Scanning is skipped while the view is hidden; it catches up when shown. */
  visible = false;

  constructor(private readonly services: PaperLensServices, private readonly scanner: DocumentScanner) {
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule(0)),
      vscode.workspace.onDidChangeTextDocument(e => {
        if (e.document === vscode.window.activeTextEditor?.document) this.schedule(DEBOUNCE_MS);
      }),
    );
  }

  /** The document shown and its groups, for tests. */
  get current(): { document: vscode.TextDocument | undefined; groups: readonly MentionGroupNode[] } {
    return { document: this.document, groups: this.groups };
  }

  /** Recomputes now (the view calls this when it becomes visible). */
  refresh(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const editor = vscode.window.activeTextEditor;
    // Keep showing the last document while focus is in a non-text editor (the details view).
    if (editor) this.document = editor.document;
    const doc = this.document && !this.document.isClosed ? this.document : undefined;
    this.groups = doc && this.scanner.isEnabledFor(doc) ? this.group(this.scanner.mentions(doc)) : [];
    const state = !doc ? 'noEditor'
      : !this.scanner.isEnabledFor(doc) ? 'unsupported'
        : this.groups.length ? 'some'
          : this.scanner.isTooLarge(doc) ? 'tooLarge' : 'none';
    void vscode.commands.executeCommand('setContext', 'paperLens.mentions.state', state);
    this.changeEmitter.fire();
  }

  private schedule(ms: number): void {
    if (!this.visible) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), ms);
  }

  private group(mentions: readonly DetectedMention[]): MentionGroupNode[] {
    const corpus = this.services.corpus();
    const byKey = new Map<string, MentionGroupNode>();
    for (const m of mentions) {
      const papers = m.papers.map(id => corpus.paper(id)).filter((p): p is Paper => !!p);
      if (!papers.length) continue;
      const key = [...m.papers].sort().join('|');
      let g = byKey.get(key);
      if (!g) {
        const label = papers.length === 1 ? displayName(papers[0]) : `${m.text} (ambiguous: ${papers.length} papers)`;
        g = { kind: 'mentionGroup', papers, paper: papers.length === 1 ? papers[0] : undefined, label, occurrences: [] };
        byKey.set(key, g);
      }
      g.occurrences.push(m);
    }
    return [...byKey.values()].sort((a, b) => a.occurrences[0].start - b.occurrences[0].start);
  }

  getChildren(node?: MentionsTreeNode): MentionsTreeNode[] {
    if (!node) return this.groups;
    if (node.kind === 'occurrence' || !this.document) return [];
    const doc = this.document;
    return node.occurrences.map(mention => {
      const pos = doc.positionAt(mention.start);
      const lineText = doc.lineAt(pos.line).text;
      const from = Math.max(0, pos.character - 30);
      const preview = `${from > 0 ? '…' : ''}${lineText.slice(from, pos.character + mention.text.length + 40).trim()}`;
      return { kind: 'occurrence', group: node, mention, line: pos.line, preview };
    });
  }

  getParent(node: MentionsTreeNode): MentionsTreeNode | undefined {
    return node.kind === 'occurrence' ? node.group : undefined;
  }

  getTreeItem(node: MentionsTreeNode): vscode.TreeItem {
    if (node.kind === 'mentionGroup') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Collapsed);
      item.description = `${node.occurrences.length}×${node.paper ? ` · ${node.paper.year}` : ''}`;
      item.tooltip = node.papers.map(p => `${displayName(p)}: ${p.title}`).join('\n');
      item.iconPath = new vscode.ThemeIcon(node.paper ? 'book' : 'question');
      item.contextValue = node.paper ? 'paper' : 'ambiguousMention';
      item.id = `mention:${node.papers.map(p => p.id).join('|')}`;
      return item;
    }
    const item = new vscode.TreeItem(`line ${node.line + 1}`, vscode.TreeItemCollapsibleState.None);
    item.description = node.preview;
    item.tooltip = node.preview;
    item.iconPath = new vscode.ThemeIcon('location');
    item.contextValue = 'mentionOccurrence';
    if (this.document) {
      item.command = {
        command: 'paperLens.mentions.select',
        title: 'Select in Editor',
        arguments: [this.document.uri, node.mention.start, node.mention.end],
      };
    }
    return item;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.changeEmitter.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/** Selects [start, end) of a document in an editor and scrolls it into view. */
export async function selectMention(uri: vscode.Uri, start: number, end: number): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc, { preserveFocus: false });
  const range = new vscode.Range(doc.positionAt(start), doc.positionAt(end));
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}
