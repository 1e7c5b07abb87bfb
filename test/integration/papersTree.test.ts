import * as assert from 'assert';
import * as vscode from 'vscode';
import type { PaperLensApi } from '../../src/extension';
import type { GroupNode, PaperNode, PapersTreeNode } from '../../src/vscode/papersTree';
import { activatePaperLens, waitFor } from './helpers';

describe('Papers tree', () => {
  let api: PaperLensApi;
  before(async () => {
    api = await activatePaperLens();
    await vscode.workspace.getConfiguration('paperLens').update('tree.groupBy', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.view.extension.paperLens');
  });
  afterEach(async () => {
    api.papersTree.setFilter(undefined);
    await vscode.workspace.getConfiguration('paperLens').update('tree.groupBy', undefined, vscode.ConfigurationTarget.Global);
  });

  it('is shown in the Paper Lens view container', async () => {
    await waitFor(() => api.papersView.visible, 'the Papers view to become visible');
  });

  it('has the corpus topics at its root with the right counts, every paper under its primary topic', async () => {
    const corpus = api.services.corpus();
    const roots = api.papersTree.getChildren() as GroupNode[];
    assert.deepStrictEqual(roots.map(g => g.label), corpus.topics.map(t => t.label));
    for (const group of roots) {
      const topicId = group.key.replace(/^topic:/, '');
      const item = api.papersTree.getTreeItem(group);
      const expected = corpus.papersInTopic(topicId);
      assert.strictEqual(item.description, String(expected.length), group.label);
      assert.strictEqual(item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
      const children = api.papersTree.getChildren(group) as PaperNode[];
      assert.deepStrictEqual(new Set(children.map(c => c.paper.id)), new Set(expected.map(p => p.id)), group.label);
    }
    const all = roots.flatMap(g => api.papersTree.getChildren(g) as PaperNode[]);
    assert.strictEqual(all.length, corpus.size);
    assert.strictEqual(new Set(all.map(n => n.paper.id)).size, corpus.size);
  });

  it('sorts papers by year then name and describes them with year and first author', () => {
    const group = (api.papersTree.getChildren() as GroupNode[])[0];
    const children = api.papersTree.getChildren(group) as PaperNode[];
    const years = children.map(c => c.paper.year);
    assert.deepStrictEqual(years, [...years].sort((a, b) => a - b));
    const item = api.papersTree.getTreeItem(children[0]);
    assert.strictEqual(item.description, `${children[0].paper.year} · ${children[0].paper.firstAuthor}`);
    assert.strictEqual(item.contextValue, 'paper');
    assert.strictEqual(item.command?.command, 'paperLens.openDetails');
    assert.ok(item.tooltip instanceof vscode.MarkdownString && item.tooltip.value.length > 50);
  });

  it('groups by year or not at all', async () => {
    await vscode.commands.executeCommand('paperLens.papers.groupBy', 'year');
    const years = (api.papersTree.getChildren() as GroupNode[]).map(g => g.label);
    assert.deepStrictEqual(years, [...years].sort().reverse());
    assert.ok(years.includes('2024'));
    await vscode.commands.executeCommand('paperLens.papers.groupBy', 'none');
    const flat = api.papersTree.getChildren() as PapersTreeNode[];
    assert.strictEqual(flat.length, api.services.corpus().size);
    assert.ok(flat.every(n => n.kind === 'paper'));
  });

  it('narrows to papers matching a filter and clears it', () => {
    const count = api.papersTree.setFilter('DuoAttention');
    assert.ok(count >= 1);
    const shown = (api.papersTree.getChildren() as GroupNode[]).flatMap(g => g.papers.map(p => p.id));
    assert.ok(shown.includes('2410.10819'));
    assert.ok(shown.length < api.services.corpus().size);
    assert.strictEqual(api.papersView.message, `Filtered by “DuoAttention”: ${count} paper${count === 1 ? '' : 's'}`);
    api.papersTree.setFilter(undefined);
    assert.strictEqual(api.papersView.message, undefined);
    const all = (api.papersTree.getChildren() as GroupNode[]).reduce((n, g) => n + g.papers.length, 0);
    assert.strictEqual(all, api.services.corpus().size);
  });

  it('reveals a paper in the sidebar', async () => {
    const ok = await vscode.commands.executeCommand('paperLens.revealInSidebar', '2401.18079');
    assert.strictEqual(ok, true);
    const selected = await waitFor(() => api.papersView.selection[0] as PaperNode | undefined, 'a selection');
    assert.strictEqual(selected.kind, 'paper');
    assert.strictEqual(selected.paper.id, '2401.18079');
  });
});
