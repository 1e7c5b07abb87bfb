// Feature: "In This Document" — the papers the active editor mentions, each expandable to its
// occurrences; clicking an occurrence selects it in the editor. Follows the active editor, its
// edits (debounced) and library changes; idle while the view is hidden.
import { displayTitle } from '../core/library/display';
import * as vscode from 'vscode';
import type { LibrarySnapshot } from '../core/library/library';
import { displayName } from '../core/library/model';
import type { DetectedMention } from '../ui/documentScanCache';
import { groupMentions, type MentionGroup, occurrencePreview } from '../ui/mentionGroups';
import type { DocumentScanner } from './documentScanner';

export interface MentionGroupNode extends MentionGroup {
  kind: 'mentionGroup';
}
export interface OccurrenceNode { kind: 'occurrence'; group: MentionGroupNode; mention: DetectedMention; line: number; preview: string }
export type MentionsTreeNode = MentionGroupNode | OccurrenceNode;

/** Typing pauses shorter than this do not rescan: a keystroke every 300 ms is still one burst. */
const DEBOUNCE_MS = 300;

export interface MentionsViewDeps {
  snapshot(): LibrarySnapshot;
  onDidChangeLibrary: vscode.Event<unknown>;
  scanner: DocumentScanner;
}

export class MentionsTreeProvider implements vscode.TreeDataProvider<MentionsTreeNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<MentionsTreeNode | undefined | void>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private document: vscode.TextDocument | undefined;
  private groups: MentionGroupNode[] = [];
  /** Scanning is skipped while the view is hidden; it catches up when shown. */
  visible = false;

  constructor(private readonly deps: MentionsViewDeps) {
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule(0)),
      vscode.workspace.onDidChangeTextDocument(e => {
        if (e.document === vscode.window.activeTextEditor?.document) this.schedule(DEBOUNCE_MS);
      }),
      deps.onDidChangeLibrary(() => this.schedule(0)),
      vscode.workspace.onDidChangeConfiguration(e => {
        if (e.affectsConfiguration('paperLens.hover.languages')) this.schedule(0);
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
    const { scanner } = this.deps;
    const editor = vscode.window.activeTextEditor;
    // Keep showing the last document while focus is in a non-text editor (the details view).
    if (editor) this.document = editor.document;
    const doc = this.document && !this.document.isClosed ? this.document : undefined;
    const snapshot = this.deps.snapshot();
    this.groups = doc && scanner.isEnabledFor(doc)
      ? groupMentions(scanner.mentions(doc), id => snapshot.paper(id)).map(g => ({ ...g, kind: 'mentionGroup' as const }))
      : [];
    const state = !doc ? 'noEditor'
      : !scanner.isEnabledFor(doc) ? 'unsupported'
        : this.groups.length ? 'some'
          : scanner.isTooLarge(doc) ? 'tooLarge' : 'none';
    void vscode.commands.executeCommand('setContext', 'paperLens.mentions.state', state);
    this.changeEmitter.fire();
  }

  private schedule(ms: number): void {
    if (!this.visible) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), ms);
  }

  getChildren(node?: MentionsTreeNode): MentionsTreeNode[] {
    if (!node) return this.groups;
    if (node.kind === 'occurrence' || !this.document) return [];
    const doc = this.document;
    return node.occurrences.map(mention => {
      const pos = doc.positionAt(mention.start);
      return { kind: 'occurrence', group: node, mention, line: pos.line, preview: occurrencePreview(doc.lineAt(pos.line).text, pos.character, mention.text.length) };
    });
  }

  getParent(node: MentionsTreeNode): MentionsTreeNode | undefined {
    return node.kind === 'occurrence' ? node.group : undefined;
  }

  getTreeItem(node: MentionsTreeNode): vscode.TreeItem {
    if (node.kind === 'mentionGroup') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Collapsed);
      item.description = `${node.occurrences.length}×${node.paper?.year !== undefined ? ` · ${node.paper.year}` : ''}`;
      item.tooltip = node.papers.map(p => `${displayName(p)}: ${displayTitle(p)}`).join('\n');
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

export interface MentionsView {
  tree: MentionsTreeProvider;
  view: vscode.TreeView<MentionsTreeNode>;
}

export function activateMentionsView(context: vscode.ExtensionContext, deps: MentionsViewDeps): MentionsView {
  const tree = new MentionsTreeProvider(deps);
  const view = vscode.window.createTreeView('paperLens.mentions', { treeDataProvider: tree, showCollapseAll: true });
  context.subscriptions.push(
    tree,
    view,
    view.onDidChangeVisibility(e => {
      tree.visible = e.visible;
      if (e.visible) tree.refresh();
    }),
    vscode.commands.registerCommand('paperLens.mentions.select', (uri: vscode.Uri, start: number, end: number) => selectMention(uri, start, end)),
  );
  tree.visible = view.visible;
  if (view.visible) tree.refresh();
  return { tree, view };
}
