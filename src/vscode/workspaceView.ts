// Feature: "In This Workspace" — every paper the workspace's notes mention, with counts, grouped
// like the Papers tree (the same `paperLens.tree.groupBy`); expand a paper for the notes that
// mention it and a note for its occurrences; click an occurrence to open the note there. Follows
// the workspace index (throttled), library changes and the grouping setting; idle while hidden.
import * as vscode from 'vscode';
import type { LibrarySnapshot } from '../core/library/library';
import { displayName } from '../core/library/model';
import type { NoteMention } from '../core/workspace';
import type { GroupBy } from '../ui/paperGroups';
import { groupWorkspacePapers, occurrenceText, type PaperNote, paperNotes, type WorkspaceGroup, type WorkspacePaper, workspacePaperDescription } from '../ui/workspaceGroups';
import { paperTooltip } from './paperCard';
import type { WorkspaceMentions } from './workspaceMentions';

export interface WorkspaceGroupNode extends WorkspaceGroup { kind: 'group' }
export interface WorkspacePaperNode extends WorkspacePaper { kind: 'paper'; parent?: WorkspaceGroupNode }
export interface WorkspaceNoteNode extends PaperNote { kind: 'note'; parent: WorkspacePaperNode }
export interface WorkspaceOccurrenceNode { kind: 'occurrence'; parent: WorkspaceNoteNode; mention: NoteMention }
export type WorkspaceTreeNode = WorkspaceGroupNode | WorkspacePaperNode | WorkspaceNoteNode | WorkspaceOccurrenceNode;

export interface WorkspaceViewDeps {
  snapshot(): LibrarySnapshot;
  onDidChangeLibrary: vscode.Event<unknown>;
  groupBy(): GroupBy;
  workspace: WorkspaceMentions;
}

export class WorkspaceTreeProvider implements vscode.TreeDataProvider<WorkspaceTreeNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<WorkspaceTreeNode | undefined | void>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private groups: WorkspaceGroupNode[] | undefined;
  private shownVersion = -1;
  /** Refreshing is skipped while the view is hidden; it catches up when shown. */
  visible = false;
  /** Set by the view owner: shows progress above the tree. */
  onMessage: ((message: string | undefined) => void) | undefined;

  constructor(private readonly deps: WorkspaceViewDeps) {}

  /** The groups shown now (built on demand): tests read them. */
  rootGroups(): WorkspaceGroupNode[] {
    if (!this.groups) {
      const { workspace } = this.deps;
      let snapshot: LibrarySnapshot;
      try {
        snapshot = this.deps.snapshot();
      } catch (e) {
        this.onMessage?.(`Paper Lens could not load its papers: ${(e as Error).message}`);
        return (this.groups = []);
      }
      this.groups = groupWorkspacePapers(snapshot, workspace.index.papers(), this.deps.groupBy()).map(g => ({ ...g, kind: 'group' as const }));
      this.shownVersion = workspace.index.version;
      this.updateState();
    }
    return this.groups;
  }

  /**
   * Whether the tree shows the index as it is now: a visible tree follows the index through the
   * throttled onDidChange, so it may lag a change by a moment. Tests wait for this before reading counts.
   */
  get current(): boolean {
    return !this.groups || this.shownVersion === this.deps.workspace.index.version;
  }

  /** Every paper shown, whatever the grouping (tests and "reveal" read it). */
  papers(): WorkspacePaperNode[] {
    return this.rootGroups().flatMap(g => g.papers.map(p => ({ ...p, kind: 'paper' as const, parent: g })));
  }

  /** The index or its state changed: rebuild if visible (and the index really moved). */
  indexChanged(): void {
    const { workspace } = this.deps;
    const { done, total } = workspace.progress;
    this.onMessage?.(workspace.state === 'scanning' ? (total ? `Indexing notes… ${done.toLocaleString('en')} of ${total.toLocaleString('en')}` : 'Listing notes…') : undefined);
    if (!this.visible) {
      this.groups = undefined;
      return;
    }
    if (this.groups && this.shownVersion === workspace.index.version) {
      this.updateState();
      return;
    }
    this.refresh();
  }

  refresh(): void {
    this.groups = undefined;
    this.changeEmitter.fire();
    if (this.visible) this.rootGroups();
  }

  /** The welcome content shown for an empty tree says why it is empty. */
  private updateState(): void {
    const state = this.deps.workspace.state;
    const view = state === 'ready' && this.groups && !this.groups.length ? 'empty' : state;
    void vscode.commands.executeCommand('setContext', 'paperLens.workspace.view', view);
  }

  getChildren(node?: WorkspaceTreeNode): WorkspaceTreeNode[] {
    if (!node) {
      const groups = this.rootGroups();
      // A flat list reads better than a single "All papers" group (as in the Papers tree).
      if (this.deps.groupBy() === 'none') return groups[0]?.papers.map(p => ({ ...p, kind: 'paper' as const })) ?? [];
      return groups;
    }
    if (node.kind === 'group') return node.papers.map(p => ({ ...p, kind: 'paper' as const, parent: node }));
    if (node.kind === 'paper') {
      const { workspace } = this.deps;
      return paperNotes(workspace.index.mentionsOf(node.paper.id), workspace.roots()).map(n => ({ ...n, kind: 'note' as const, parent: node }));
    }
    if (node.kind === 'note') return node.mentions.map(mention => ({ kind: 'occurrence' as const, parent: node, mention }));
    return [];
  }

  getParent(node: WorkspaceTreeNode): WorkspaceTreeNode | undefined {
    return node.kind === 'group' ? undefined : node.parent;
  }

  getTreeItem(node: WorkspaceTreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'group': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `workspace:${node.key}`;
        item.description = String(node.papers.length);
        item.tooltip = `${node.tooltip ? `${node.label} — ${node.tooltip}` : node.label}\n${node.papers.length} paper${node.papers.length === 1 ? '' : 's'}, ${node.mentions} mention${node.mentions === 1 ? '' : 's'}`;
        item.contextValue = 'workspacePaperGroup';
        item.iconPath = new vscode.ThemeIcon(node.key.startsWith('year:') ? 'calendar' : 'folder-library');
        return item;
      }
      case 'paper': {
        const item = new vscode.TreeItem(displayName(node.paper), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `workspace:${node.parent?.key ?? 'all'}/${node.paper.id}`;
        item.description = workspacePaperDescription(node);
        try {
          item.tooltip = paperTooltip(node.paper, this.deps.snapshot());
        } catch {
          // No tooltip rather than no item.
        }
        // 'paper': every paper action of the Papers tree applies (details, copy, export, show notes).
        item.contextValue = 'paper';
        item.iconPath = new vscode.ThemeIcon('book');
        return item;
      }
      case 'note': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `workspace:${node.parent.parent?.key ?? 'all'}/${node.parent.paper.id}/${node.path}`;
        item.resourceUri = vscode.Uri.file(node.path);
        item.description = `${node.mentions.length} mention${node.mentions.length === 1 ? '' : 's'}`;
        item.tooltip = node.path;
        item.contextValue = 'workspaceNote';
        item.iconPath = vscode.ThemeIcon.File;
        return item;
      }
      case 'occurrence': {
        const m = node.mention;
        const item = new vscode.TreeItem(`line ${m.line + 1}`, vscode.TreeItemCollapsibleState.None);
        item.id = `workspace:${node.parent.parent.parent?.key ?? 'all'}/${node.parent.parent.paper.id}/${node.parent.path}#${m.start}`;
        // Note text, shown as plain text: a description and a string tooltip render no markup.
        item.description = occurrenceText(m);
        item.tooltip = occurrenceText(m);
        item.iconPath = new vscode.ThemeIcon('location');
        item.contextValue = 'workspaceOccurrence';
        const end = m.text.includes('\n') ? undefined : new vscode.Position(m.line, m.character + m.text.length);
        const start = new vscode.Position(m.line, m.character);
        item.command = { command: 'vscode.open', title: 'Open at the Mention', arguments: [vscode.Uri.file(node.parent.path), { selection: new vscode.Range(start, end ?? start) }] };
        return item;
      }
    }
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}

export interface WorkspaceView {
  tree: WorkspaceTreeProvider;
  view: vscode.TreeView<WorkspaceTreeNode>;
}

export function activateWorkspaceView(context: vscode.ExtensionContext, deps: WorkspaceViewDeps): WorkspaceView {
  const tree = new WorkspaceTreeProvider(deps);
  const view = vscode.window.createTreeView('paperLens.workspace', { treeDataProvider: tree, showCollapseAll: true });
  tree.onMessage = message => {
    if (view.message !== message) view.message = message;
  };
  context.subscriptions.push(
    tree,
    view,
    view.onDidChangeVisibility(e => {
      tree.visible = e.visible;
      if (e.visible) tree.refresh();
    }),
    deps.workspace.onDidChange(() => tree.indexChanged()),
    deps.onDidChangeLibrary(() => tree.refresh()),
    vscode.workspace.onDidChangeConfiguration(e => {
      if (e.affectsConfiguration('paperLens.tree.groupBy')) tree.refresh();
    }),
  );
  tree.visible = view.visible;
  return { tree, view };
}
