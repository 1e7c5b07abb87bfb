// Feature: the "Papers" view — topics (or years) as groups, papers inside sorted by year then name
// (src/ui/paperGroups.ts), a filter that narrows it to papers matching a query, grouping commands,
// and "Reveal Paper in Sidebar". Follows library changes.
import * as vscode from 'vscode';
import type { LibrarySnapshot } from '../core/library/library';
import { displayName, type Paper } from '../core/library/model';
import { type GroupBy, groupPapers, type PaperGroup } from '../ui/paperGroups';
import { type PaperPicker, registerPaperCommand } from './paperCommands';
import { paperTooltip } from './paperCard';

export interface GroupNode extends PaperGroup { kind: 'group' }
export interface PaperNode { kind: 'paper'; paper: Paper; parent?: GroupNode }
export type PapersTreeNode = GroupNode | PaperNode;

/** What the filter needs from the search core. */
export interface PaperMatcher {
  search(query: string, options?: { limit?: number; prefix?: boolean }): { paper: Paper }[];
}

/** The filter keeps every match, however many: a tree is not a results page. */
const FILTER_LIMIT = 100_000;

export interface PapersViewDeps {
  snapshot(): LibrarySnapshot;
  matcher(): PaperMatcher;
  onDidChangeLibrary: vscode.Event<unknown>;
  groupBy(): GroupBy;
  setGroupBy(value: GroupBy): Promise<void>;
  picker: PaperPicker;
}

export class PapersTreeProvider implements vscode.TreeDataProvider<PapersTreeNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<PapersTreeNode | undefined | void>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private filterQuery: string | undefined;
  private filterIds: Set<string> | undefined;
  private groups: GroupNode[] | undefined;
  /** Set by the view owner: shows the filter state (or a load error) above the tree. */
  onMessage: ((message: string | undefined) => void) | undefined;

  constructor(private readonly deps: Pick<PapersViewDeps, 'snapshot' | 'matcher' | 'groupBy'>) {}

  dispose(): void {
    this.changeEmitter.dispose();
  }

  get filter(): string | undefined {
    return this.filterQuery;
  }

  /** Narrows the tree to papers matching `query` (undefined or blank clears the filter). Returns the match count. */
  setFilter(query: string | undefined): number {
    const q = query?.trim();
    if (!q) {
      this.filterQuery = undefined;
      this.filterIds = undefined;
    } else {
      this.filterQuery = q;
      this.filterIds = new Set(this.deps.matcher().search(q, { limit: FILTER_LIMIT, prefix: true }).map(h => h.paper.id));
    }
    void vscode.commands.executeCommand('setContext', 'paperLens.papers.filtered', !!this.filterQuery);
    this.refresh();
    return this.filterIds?.size ?? this.deps.snapshot().size;
  }

  /** The library changed: the filter is run again over the new papers. */
  libraryChanged(): void {
    if (this.filterQuery) this.setFilter(this.filterQuery);
    else this.refresh();
  }

  refresh(): void {
    this.groups = undefined;
    this.changeEmitter.fire();
    const count = this.filterIds?.size;
    this.onMessage?.(this.filterQuery ? `Filtered by “${this.filterQuery}”: ${count} paper${count === 1 ? '' : 's'}` : undefined);
  }

  /** The groups currently shown (built on demand). */
  rootGroups(): GroupNode[] {
    if (!this.groups) {
      const snapshot = this.deps.snapshot();
      const ids = this.filterIds;
      const papers = ids ? snapshot.papers.filter(p => ids.has(p.id)) : snapshot.papers;
      this.groups = groupPapers(snapshot, papers, this.deps.groupBy()).map(g => ({ ...g, kind: 'group' as const }));
    }
    return this.groups;
  }

  getChildren(node?: PapersTreeNode): PapersTreeNode[] {
    if (!node) {
      let groups: GroupNode[];
      try {
        groups = this.rootGroups();
      } catch (e) {
        // A broken or missing corpus file: say so in the view rather than leave it blank.
        this.onMessage?.(`Paper Lens could not load its papers: ${(e as Error).message}`);
        return [];
      }
      // A flat list reads better than a single "All papers" group.
      if (this.deps.groupBy() === 'none') return groups[0]?.papers.map(paper => ({ kind: 'paper', paper })) ?? [];
      return groups;
    }
    if (node.kind === 'group') return node.papers.map(paper => ({ kind: 'paper', paper, parent: node }));
    return [];
  }

  getParent(node: PapersTreeNode): PapersTreeNode | undefined {
    return node.kind === 'paper' ? node.parent : undefined;
  }

  getTreeItem(node: PapersTreeNode): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = node.key;
      item.description = String(node.papers.length);
      item.tooltip = node.tooltip ? `${node.label} — ${node.tooltip}` : node.label;
      item.contextValue = 'paperGroup';
      item.iconPath = new vscode.ThemeIcon(node.key.startsWith('year:') ? 'calendar' : 'folder-library');
      return item;
    }
    const { paper } = node;
    const item = new vscode.TreeItem(displayName(paper), vscode.TreeItemCollapsibleState.None);
    item.id = `${node.parent?.key ?? 'all'}/${paper.id}`;
    item.description = [paper.year === undefined ? '' : String(paper.year), paper.firstAuthor].filter(Boolean).join(' · ');
    item.tooltip = paperTooltip(paper, this.deps.snapshot());
    item.contextValue = 'paper';
    item.iconPath = new vscode.ThemeIcon('book');
    item.command = { command: 'paperLens.openDetails', title: 'Open Details', arguments: [paper.id] };
    return item;
  }

  /** The node that shows `paperId` under the current grouping (its primary group). */
  nodeFor(paperId: string): PaperNode | undefined {
    for (const group of this.rootGroups()) {
      const paper = group.papers.find(p => p.id === paperId);
      if (paper) return this.deps.groupBy() === 'none' ? { kind: 'paper', paper } : { kind: 'paper', paper, parent: group };
    }
    return undefined;
  }
}

export interface PapersView {
  tree: PapersTreeProvider;
  view: vscode.TreeView<PapersTreeNode>;
}

export function activatePapersView(context: vscode.ExtensionContext, deps: PapersViewDeps): PapersView {
  const tree = new PapersTreeProvider(deps);
  const view = vscode.window.createTreeView('paperLens.papers', { treeDataProvider: tree, showCollapseAll: true });
  tree.onMessage = message => {
    view.message = message;
  };

  const reveal = async (paper: Paper): Promise<boolean> => {
    let node = tree.nodeFor(paper.id);
    if (!node && tree.filter) {
      // Filtered out: clear the filter rather than fail to show what was asked for.
      tree.setFilter(undefined);
      node = tree.nodeFor(paper.id);
    }
    if (!node) return false;
    await vscode.commands.executeCommand('workbench.view.extension.paperLens');
    await view.reveal(node, { select: true, focus: true, expand: true });
    return true;
  };

  const filter = async (): Promise<number | undefined> => {
    const query = await vscode.window.showInputBox({
      title: 'Filter Papers',
      prompt: 'Show only papers matching a name, topic or words (empty to clear)',
      value: tree.filter ?? '',
      placeHolder: 'e.g. kv cache eviction',
    });
    if (query === undefined) return undefined;
    const count = tree.setFilter(query);
    if (query.trim() && count === 0) void vscode.window.showInformationMessage(`Paper Lens: no papers match "${query.trim()}".`);
    return count;
  };

  const groupBy = async (value?: unknown): Promise<void> => {
    const choices = [
      { label: 'Topic', value: 'topic' as const, description: 'primary topic of each paper' },
      { label: 'Year', value: 'year' as const, description: 'newest first' },
      { label: 'None', value: 'none' as const, description: 'one flat list' },
    ];
    let chosen = choices.find(c => c.value === value)?.value;
    if (!chosen) {
      const current = deps.groupBy();
      const pick = await vscode.window.showQuickPick(choices.map(c => ({ ...c, picked: c.value === current })), { title: 'Group Papers By' });
      chosen = pick?.value;
    }
    if (chosen) await deps.setGroupBy(chosen);
  };

  context.subscriptions.push(
    tree,
    view,
    deps.onDidChangeLibrary(() => tree.libraryChanged()),
    vscode.workspace.onDidChangeConfiguration(e => {
      if (e.affectsConfiguration('paperLens.tree.groupBy')) tree.refresh();
    }),
    registerPaperCommand('paperLens.revealInSidebar', 'Reveal which paper in the sidebar?', deps.picker, reveal),
    vscode.commands.registerCommand('paperLens.papers.filter', filter),
    vscode.commands.registerCommand('paperLens.papers.clearFilter', () => tree.setFilter(undefined)),
    vscode.commands.registerCommand('paperLens.papers.groupBy', groupBy),
  );
  return { tree, view };
}
