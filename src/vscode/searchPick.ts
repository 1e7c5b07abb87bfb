// "Paper Lens: Search Papers": a quick pick fed by the ranked search core as you type.
// Empty input shows recently opened papers, then every paper by topic. Enter opens the details;
// item buttons copy a markdown link or open arXiv. The same picker, in pick mode, is how other
// commands ask for a paper.
import { displayAbstract, displayTitle } from '../core/library/display';
import * as vscode from 'vscode';
import { displayName, type Paper } from '../core/library/model';
import { clipForMessage } from '../core/text/quote';
import { markdownLink, paperUrl } from '../core/references/formats';
import { isWeakResult, matchRanges, type Range } from '../core/search';
import { summarySentences } from '../ui/abstractSummary';
import type { LibrarySnapshot } from '../core/library/library';
import { groupPapers } from '../ui/paperGroups';
import type { PaperPicker } from './paperCommands';

/** What the picker needs of a search hit (SearchHit). */
export interface RankedHit {
  paper: Paper;
  score: number;
  /** It matches no telling part of the query. */
  weak?: boolean;
  /** What it matched, for highlighting (matchRanges). */
  matchedTerms?: string[][];
}

/** What the picker needs from the search core. */
export interface RankedSearch {
  search(query: string, options?: { limit?: number; prefix?: boolean }): RankedHit[];
}

export interface PaperPickItem extends vscode.QuickPickItem {
  paper?: Paper;
  /**
   * Why the row matched: ranges of its label, description and detail. VS Code 1.100 does not show
   * them: its extension host passes an item's label, description, detail, icon, buttons and flags
   * to the workbench and drops the rest (the workbench's own `highlights` are internal, and no
   * proposed API exposes them; `sortByLabel`, by contrast, is passed on). They are set for a
   * VS Code that takes them, and for tests.
   */
  highlights?: { label?: Range[]; description?: Range[]; detail?: Range[] };
}

const COPY_LINK: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('copy'), tooltip: 'Copy markdown link' };
const OPEN_ARXIV: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('link-external'), tooltip: 'Open on arXiv' };
const RESULT_LIMIT = 50;
/**
 * Prefixed to the description of a paper that matches no telling part of the query, in any answer:
 * the mark shows where the good matches end. On the dev queries 10% of the weak rows among the
 * first ten are relevant, against 64% of the others.
 */
export const WEAK_MARK = 'weak match · ';

/** Typed text echoed in a label: clipped, and "$(" broken so it cannot render as an icon. */
function echo(query: string): string {
  return clipForMessage(query).replace(/\$\(/g, '$\u200b(');
}

export interface SearchPickDeps {
  snapshot(): LibrarySnapshot;
  search(): RankedSearch & { prepareAsync?(): Promise<void> };
  recentIds(): string[];
}

export class SearchPick implements vscode.Disposable {
  private current: vscode.QuickPick<PaperPickItem> | undefined;
  /** The value each open picker's items were made for. */
  private readonly rendered = new WeakMap<vscode.QuickPick<PaperPickItem>, string>();

  constructor(private readonly deps: SearchPickDeps) {}

  private search(): RankedSearch {
    return this.deps.search();
  }

  /** The open picker, if any: a seam for tests (they read its items rather than re-implementing them). */
  get activePick(): vscode.QuickPick<PaperPickItem> | undefined {
    return this.current;
  }

  /** Items for a query, exactly as the picker shows them. */
  itemsFor(query: string): PaperPickItem[] {
    const q = query.trim();
    if (!q) return this.browseItems();
    const hits = this.search().search(q, { limit: RESULT_LIMIT, prefix: true });
    if (!hits.length) {
      return [{
        label: `$(search-stop) No papers match “${echo(q)}”`,
        description: 'try fewer words, a paper name, or a topic such as “kv cache”',
        alwaysShow: true,
      }];
    }
    const items = hits.map(h => this.paperItem(h.paper, false, h));
    if (!isWeakResult(hits)) return items;
    // Nothing matches a telling part of the query: say so first (a row without a paper, which
    // accepting ignores, as "No papers match"), then the closest papers, each marked weak.
    return [
      {
        label: `$(search-stop) No paper matches “${echo(q)}” well`,
        description: 'the closest papers follow — try other words, a paper name, or a topic',
        alwaysShow: true,
      },
      ...items,
    ];
  }

  /** Opens the search picker; Enter opens the paper's details. */
  open(initialQuery = ''): vscode.QuickPick<PaperPickItem> {
    const pick = this.createPick('Search Papers', 'Search by name, title, topic or question — e.g. “kv cache eviction”');
    pick.onDidAccept(() => {
      const paper = pick.selectedItems[0]?.paper;
      if (!paper) return; // "No papers match" or "No paper matches … well": keep the picker open to edit the query.
      pick.hide();
      void vscode.commands.executeCommand('paperLens.openDetails', paper.id);
    });
    this.show(pick, initialQuery);
    return pick;
  }

  /** Asks for a paper and resolves with it (undefined when dismissed). */
  pickPaper(title: string): Promise<Paper | undefined> {
    return new Promise(resolve => {
      // Resolved on accept, before hiding: the picker is disposed as it hides, and listeners added
      // after createPick's own would never hear of it.
      const pick = this.createPick(title, 'Type a paper name, title or topic', () => resolve(undefined));
      pick.onDidAccept(() => {
        const chosen = pick.selectedItems[0]?.paper;
        if (!chosen) return;
        resolve(chosen);
        pick.hide();
      });
      this.show(pick, '');
    });
  }

  dispose(): void {
    this.current?.dispose();
  }

  /** A new picker (closing any other); `onHidden` runs when it hides, just before it is disposed. */
  private createPick(title: string, placeholder: string, onHidden?: () => void): vscode.QuickPick<PaperPickItem> {
    this.current?.dispose();
    const pick = vscode.window.createQuickPick<PaperPickItem>();
    pick.title = title;
    pick.placeholder = placeholder;
    pick.matchOnDescription = false;
    pick.matchOnDetail = false;
    // Our ranking must win over the picker's own label sort. `sortByLabel` is proposed API that this
    // VS Code already honours without a flag; where it does not exist, setting it is a no-op.
    (pick as unknown as { sortByLabel: boolean }).sortByLabel = false;
    pick.onDidChangeValue(value => this.update(pick, value));
    pick.onDidTriggerItemButton(async e => {
      const paper = e.item.paper;
      if (!paper) return;
      if (e.button === COPY_LINK) {
        await vscode.env.clipboard.writeText(markdownLink(paper));
        vscode.window.setStatusBarMessage(`$(check) Copied link to ${displayName(paper)}`, 3000);
      } else if (e.button === OPEN_ARXIV) {
        const url = paperUrl(paper);
        if (url) await vscode.env.openExternal(vscode.Uri.parse(url));
      }
    });
    pick.onDidHide(() => {
      if (this.current === pick) this.current = undefined;
      onHidden?.();
      pick.dispose();
    });
    this.current = pick;
    return pick;
  }

  private show(pick: vscode.QuickPick<PaperPickItem>, query: string): void {
    pick.value = query;
    this.update(pick, query);
    pick.show();
  }

  private update(pick: vscode.QuickPick<PaperPickItem>, value: string): void {
    // The workbench echoes a value set by show() back as a change: new items for the same value
    // would only move the active row back to the first, under a user already moving down the list.
    if (this.rendered.get(pick) === value) return;
    this.rendered.set(pick, value);
    pick.busy = true;
    try {
      pick.items = this.itemsFor(value);
    } catch (e) {
      pick.items = [{ label: `$(error) Search failed: ${(e as Error).message}`, alwaysShow: true }];
    } finally {
      pick.busy = false;
    }
  }

  /**
   * A paper's row: `underTopic` when it sits under its topic's heading, which its description then
   * need not repeat; for a search hit, marked when weak and with what matched highlighted.
   */
  private paperItem(paper: Paper, underTopic = false, hit?: RankedHit): PaperPickItem {
    const topic = underTopic || paper.topics[0] === undefined ? undefined : this.deps.snapshot().topic(paper.topics[0])?.label;
    const label = displayName(paper);
    const description = [paper.year === undefined ? '' : String(paper.year), topic].filter(Boolean).join(' · ');
    // The title's remainder (the short name is the label) and the abstract's first sentence.
    const detail = [paper.shortName ? displayTitle(paper).replace(/^[^:]+:\s*/, '') : '', summarySentences(displayAbstract(paper), 160, 1)].filter(Boolean).join(' — ');
    const item: PaperPickItem = { label, description, detail, alwaysShow: true, buttons: [COPY_LINK, OPEN_ARXIV], paper };
    if (!hit) return item;
    const terms = hit.matchedTerms ?? [];
    const mark = hit.weak ? WEAK_MARK : '';
    item.description = mark + description;
    item.highlights = {
      label: matchRanges(label, terms),
      // ranges of the description as built, moved past the mark (whose own words are not the paper's)
      description: matchRanges(description, terms).map(([a, b]): Range => [a + mark.length, b + mark.length]),
      detail: matchRanges(detail, terms),
    };
    return item;
  }

  /** Empty input: recently opened papers, then all papers grouped by topic. */
  private browseItems(): PaperPickItem[] {
    const corpus = this.deps.snapshot();
    const items: PaperPickItem[] = [];
    const recent = this.deps.recentIds().map(id => corpus.paper(id)).filter((p): p is Paper => !!p);
    if (recent.length) {
      items.push({ label: 'Recently opened', kind: vscode.QuickPickItemKind.Separator });
      items.push(...recent.map(p => this.paperItem(p)));
    }
    // The same groups as the Papers tree, full topic labels as headings, "Other" last.
    for (const group of groupPapers(corpus, corpus.papers, 'topic')) {
      const topic = group.key.startsWith('topic:') ? corpus.topic(group.key.slice('topic:'.length)) : undefined;
      items.push({ label: topic?.label ?? group.label, kind: vscode.QuickPickItemKind.Separator });
      items.push(...group.papers.map(p => this.paperItem(p, true)));
    }
    return items;
  }
}

/** Feature: "Paper Lens: Search Papers", and the picker other commands ask for a paper with. */
export function activateSearchPick(context: vscode.ExtensionContext, deps: SearchPickDeps & { resolve(arg: unknown): Paper | undefined }): { searchPick: SearchPick; picker: PaperPicker } {
  const searchPick = new SearchPick(deps);
  context.subscriptions.push(searchPick, vscode.commands.registerCommand('paperLens.search', (query?: unknown) => {
    const initial = typeof query === 'string' ? query : '';
    // Index in the background while the picker shows recent papers: by the first keystroke the
    // index is ready, and building in slices never blocks the extension host.
    if (!initial) void deps.search().prepareAsync?.();
    searchPick.open(initial);
  }));
  return { searchPick, picker: { resolve: arg => deps.resolve(arg), pick: title => searchPick.pickPaper(title) } };
}
