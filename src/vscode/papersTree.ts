// The "Papers" tree: topics (or years) as groups, papers inside sorted by year then name, an
// optional filter that narrows the tree to papers matching a query, and reveal() support.
import * as vscode from 'vscode';
import type { Corpus } from '../core/corpus';
import { displayName, type Paper, type Topic } from '../core/model';
import { paperTooltip } from './paperCard';
import type { GroupBy, PaperLensServices } from './services';

export interface GroupNode { kind: 'group'; key: string; label: string; description?: string; tooltip?: string; papers: Paper[] }
export interface PaperNode { kind: 'paper'; paper: Paper; parent?: GroupNode }
export type PapersTreeNode = GroupNode | PaperNode;

/** What the filter needs from the search core. */
export interface PaperMatcher {
  search(query: string, options?: { limit?: number; prefix?: boolean }): { paper: Paper }[];
}

export function compareByYearThenName(a: Paper, b: Paper): number {
  return a.year - b.year || displayName(a).localeCompare(displayName(b), undefined, { sensitivity: 'base' });
}

/** Groups papers for the tree. Pure, so it is easy to reason about (and the same for every view). */
export function groupPapers(corpus: Corpus, papers: readonly Paper[], groupBy: GroupBy): GroupNode[] {
  const sorted = [...papers].sort(compareByYearThenName);
  if (groupBy === 'none') return [{ kind: 'group', key: 'all', label: 'All papers', papers: sorted }];
  if (groupBy === 'year') {
    const years = [...new Set(sorted.map(p => p.year))].sort((a, b) => b - a);
    return years.map(y => ({ kind: 'group', key: `year:${y}`, label: String(y), papers: sorted.filter(p => p.year === y) }));
  }
  return corpus.topics
    .map((t: Topic): GroupNode => ({
      kind: 'group',
      key: `topic:${t.id}`,
      label: t.label,
      tooltip: t.description,
      papers: sorted.filter(p => p.topics[0] === t.id),
    }))
    .filter(g => g.papers.length > 0);
}

export class PapersTreeProvider implements vscode.TreeDataProvider<PapersTreeNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<PapersTreeNode | undefined | void>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private filterQuery: string | undefined;
  private filterIds: Set<string> | undefined;
  private groups: GroupNode[] | undefined;
  /** Set by the view owner: shows the filter state above the tree. */
  onFilterChanged: ((message: string | undefined) => void) | undefined;

  constructor(private readonly services: PaperLensServices, private readonly matcher: () => PaperMatcher) {}

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
      this.filterIds = new Set(this.matcher().search(q, { limit: 1000, prefix: true }).map(h => h.paper.id));
    }
    void vscode.commands.executeCommand('setContext', 'paperLens.papers.filtered', !!this.filterQuery);
    const count = this.filterIds?.size ?? this.services.corpus().size;
    this.onFilterChanged?.(this.filterQuery ? `Filtered by “${this.filterQuery}”: ${count} paper${count === 1 ? '' : 's'}` : undefined);
    this.refresh();
    return count;
  }

  refresh(): void {
    this.groups = undefined;
    this.changeEmitter.fire();
  }

  /** The groups currently shown (built on demand). */
  rootGroups(): GroupNode[] {
    if (!this.groups) {
      const corpus = this.services.corpus();
      const papers = this.filterIds ? corpus.papers.filter(p => this.filterIds!.has(p.id)) : corpus.papers;
      this.groups = groupPapers(corpus, papers, this.services.config.groupBy);
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
        this.onFilterChanged?.(`Paper Lens could not load its papers: ${(e as Error).message}`);
        return [];
      }
      // A flat list reads better than a single "All papers" group.
      if (this.services.config.groupBy === 'none') return groups[0]?.papers.map(paper => ({ kind: 'paper', paper })) ?? [];
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
    item.description = `${paper.year} · ${paper.firstAuthor}`;
    item.tooltip = paperTooltip(paper, this.services.corpus());
    item.contextValue = 'paper';
    item.iconPath = new vscode.ThemeIcon('book');
    item.command = { command: 'paperLens.openDetails', title: 'Open Details', arguments: [paper.id] };
    return item;
  }

  /** The node that shows `paperId` under the current grouping (its primary group). */
  nodeFor(paperId: string): PaperNode | undefined {
    for (const group of this.rootGroups()) {
      const paper = group.papers.find(p => p.id === paperId);
      if (paper) return this.services.config.groupBy === 'none' ? { kind: 'paper', paper } : { kind: 'paper', paper, parent: group };
    }
    return undefined;
  }
}
