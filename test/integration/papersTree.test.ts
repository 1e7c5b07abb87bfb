import * as assert from 'assert';
import * as vscode from 'vscode';
import { displayName } from '../../src/core/library/model';
import type { PaperLensTestHooks } from '../../src/extension';
import type { GroupNode, PaperNode, PapersTreeNode } from '../../src/vscode/papersView';
import { activatePaperLens, waitFor } from './helpers';

describe('Papers tree', () => {
  let api: PaperLensTestHooks;
  before(async () => {
    api = await activatePaperLens();
    await vscode.workspace.getConfiguration('paperLens').update('tree.groupBy', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.view.extension.paperLens');
  });
  afterEach(async () => {
    api.papers.tree.setFilter(undefined);
    await vscode.workspace.getConfiguration('paperLens').update('tree.groupBy', undefined, vscode.ConfigurationTarget.Global);
  });

  it('is shown in the Paper Lens view container', async () => {
    await waitFor(() => api.papers.view.visible, 'the Papers view to become visible');
  });

  it('has the corpus topics at its root with the right counts, every paper under its primary topic', async () => {
    const corpus = api.library.snapshot();
    const roots = api.papers.tree.getChildren() as GroupNode[];
    // The curated topics that have papers, in their order; user papers no topic fits under "Other".
    const withPapers = corpus.topics.filter(t => corpus.papersInTopic(t.id).length);
    const other = corpus.papers.some(p => !corpus.topic(p.topics[0] ?? '')) ? ['Other'] : [];
    assert.deepStrictEqual(roots.map(g => g.label), [...withPapers.map(t => t.shortLabel ?? t.label), ...other]);
    assert.ok(roots.every(g => g.label.length <= 24), "short labels leave room for the count");
    for (const group of roots.filter(g => g.key !== 'topic:other')) {
      const topicId = group.key.replace(/^topic:/, '');
      const item = api.papers.tree.getTreeItem(group);
      const expected = corpus.papersInTopic(topicId);
      assert.strictEqual(item.description, String(expected.length), group.label);
      assert.strictEqual(item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
      const children = api.papers.tree.getChildren(group) as PaperNode[];
      assert.deepStrictEqual(new Set(children.map(c => c.paper.id)), new Set(expected.map(p => p.id)), group.label);
    }
    const all = roots.flatMap(g => api.papers.tree.getChildren(g) as PaperNode[]);
    assert.strictEqual(all.length, corpus.size);
    assert.strictEqual(new Set(all.map(n => n.paper.id)).size, corpus.size);
  });

  it('sorts papers by year then name and describes them with year and first author', () => {
    const group = (api.papers.tree.getChildren() as GroupNode[])[0];
    const children = api.papers.tree.getChildren(group) as PaperNode[];
    // Year first, then the name, whatever the order papers come in.
    const shown = children.map(c => `${c.paper.year} ${displayName(c.paper).toLowerCase()}`);
    const expected = [...children].sort((a, b) => (a.paper.year ?? 0) - (b.paper.year ?? 0) || displayName(a.paper).localeCompare(displayName(b.paper), undefined, { sensitivity: 'base' }))
      .map(c => `${c.paper.year} ${displayName(c.paper).toLowerCase()}`);
    assert.deepStrictEqual(shown, expected);
    assert.ok(new Set(children.map(c => c.paper.year)).size < children.length, 'the first group has two papers of one year, so the name order is tested');
    const item = api.papers.tree.getTreeItem(children[0]);
    assert.strictEqual(item.description, `${children[0].paper.year} · ${children[0].paper.firstAuthor}`);
    assert.strictEqual(item.contextValue, 'paper');
    assert.strictEqual(item.command?.command, 'paperLens.openDetails');
    assert.ok(item.tooltip instanceof vscode.MarkdownString && item.tooltip.value.length > 50);
  });

  it('groups by year or not at all', async () => {
    await vscode.commands.executeCommand('paperLens.papers.groupBy', 'year');
    const years = (api.papers.tree.getChildren() as GroupNode[]).map(g => g.label);
    assert.deepStrictEqual(years, [...years].sort().reverse());
    assert.ok(years.includes('2024'));
    await vscode.commands.executeCommand('paperLens.papers.groupBy', 'none');
    const flat = api.papers.tree.getChildren() as PapersTreeNode[];
    assert.strictEqual(flat.length, api.library.snapshot().size);
    assert.ok(flat.every(n => n.kind === 'paper'));
  });

  it('narrows to papers matching a filter and clears it', () => {
    const count = api.papers.tree.setFilter('DuoAttention');
    assert.ok(count >= 1);
    const shown = (api.papers.tree.getChildren() as GroupNode[]).flatMap(g => g.papers.map(p => p.id));
    assert.ok(shown.includes('2410.10819'));
    assert.ok(shown.length < api.library.snapshot().size);
    assert.strictEqual(api.papers.view.message, `Filtered by “DuoAttention”: ${count} paper${count === 1 ? '' : 's'}`);
    api.papers.tree.setFilter(undefined);
    assert.strictEqual(api.papers.view.message, undefined);
    const all = (api.papers.tree.getChildren() as GroupNode[]).reduce((n, g) => n + g.papers.length, 0);
    assert.strictEqual(all, api.library.snapshot().size);
  });

  it('reveals a paper in the sidebar', async () => {
    const ok = await vscode.commands.executeCommand('paperLens.revealInSidebar', '2401.18079');
    assert.strictEqual(ok, true);
    const selected = await waitFor(() => api.papers.view.selection[0] as PaperNode | undefined, 'a selection');
    assert.strictEqual(selected.kind, 'paper');
    assert.strictEqual(selected.paper.id, '2401.18079');
  });
});
