import * as assert from 'assert';
import * as vscode from 'vscode';
import type { PaperLensTestHooks } from '../../src/extension';
import type { PaperPickItem } from '../../src/vscode/searchPick';
import { activatePaperLens, closeAllEditors, waitFor } from './helpers';

describe('search quick pick', () => {
  let api: PaperLensTestHooks;
  before(async () => {
    api = await activatePaperLens();
  });
  afterEach(async () => {
    api.searchPick.activePick?.hide();
  });
  after(closeAllEditors);

  it('opens from the command palette command with papers grouped by topic', async () => {
    await vscode.commands.executeCommand('paperLens.search');
    const pick = await waitFor(() => api.searchPick.activePick, 'the quick pick');
    const separators = pick.items.filter(i => i.kind === vscode.QuickPickItemKind.Separator).map(i => i.label);
    const corpus = api.library.snapshot();
    for (const t of corpus.topics) assert.ok(separators.includes(t.label), t.label);
    assert.strictEqual(pick.items.filter(i => i.paper).length >= corpus.size, true);
  });

  it('ranks results as the user types, and the expected paper comes first', async () => {
    await vscode.commands.executeCommand('paperLens.search');
    const pick = await waitFor(() => api.searchPick.activePick, 'the quick pick');
    pick.value = 'DuoAttention';
    const first = await waitFor(() => (pick.items[0] as PaperPickItem | undefined)?.paper ? pick.items[0] as PaperPickItem : undefined, 'results');
    assert.strictEqual(first.paper?.id, '2410.10819');
    assert.strictEqual(first.alwaysShow, true, 'VS Code\'s label filter must not hide ranked results');
    assert.match(first.description ?? '', /^2024 · /);
    assert.ok(first.detail && first.detail.length > 20);
    assert.strictEqual(first.buttons?.length, 2);
  });

  it('answers a topic query with papers of that topic', async () => {
    await vscode.commands.executeCommand('paperLens.search', 'kv cache eviction');
    const pick = await waitFor(() => api.searchPick.activePick, 'the quick pick');
    const papers = pick.items.map(i => (i as PaperPickItem).paper).filter(p => p);
    assert.ok(papers.length >= 5);
    assert.strictEqual(papers[0]?.topics[0], 'kv-cache');
  });

  it('finds a paper by its curated search phrases, in a word its title and abstract never use', async () => {
    const papers = api.library.snapshot().papers;
    // A phrase word used by one paper's phrases and by no other text of the corpus (not even its
    // first six letters, so neither stemming nor a joined spelling can match it elsewhere).
    const words = (text: string) => text.toLowerCase().match(/[a-z]{7,}/g) ?? [];
    let found: { paperId: string; word: string } | undefined;
    for (const p of papers) {
      // letters only, so "pre-compute" in an abstract counts as "precompute" (the index joins it)
      const rest = papers.flatMap(o => [o.title, o.abstract, ...(o === p ? [] : (o.searchPhrases ?? []))]).join(' ').toLowerCase().replace(/[^a-z]+/g, '');
      const word = words((p.searchPhrases ?? []).join(' ')).find(w => !rest.includes(w.slice(0, 6)));
      if (word) {
        found = { paperId: p.id, word };
        break;
      }
    }
    assert.ok(found, 'the bundled corpus has search phrases');
    await vscode.commands.executeCommand('paperLens.search', found.word);
    const pick = await waitFor(() => api.searchPick.activePick, 'the quick pick');
    const first = await waitFor(() => (pick.items[0] as PaperPickItem | undefined)?.paper, `results for "${found.word}"`);
    assert.strictEqual(first.id, found.paperId, `"${found.word}"`);
  });

  it('shows a clear "no papers match" item, never an error', async () => {
    await vscode.commands.executeCommand('paperLens.search', 'zzzqqqxxx nothing');
    const pick = await waitFor(() => api.searchPick.activePick, 'the quick pick');
    assert.strictEqual(pick.items.length, 1);
    assert.match(pick.items[0].label, /No papers match “zzzqqqxxx nothing”/);
    assert.strictEqual((pick.items[0] as PaperPickItem).paper, undefined);
  });

  it('echoes a pasted paragraph clipped, and typed "$(…)" as text, not an icon', async () => {
    await vscode.commands.executeCommand('paperLens.search', `$(zap) ${'zzzqqqxxx '.repeat(40)}`);
    const pick = await waitFor(() => api.searchPick.activePick, 'the quick pick');
    const label = await waitFor(() => (pick.items[0]?.label.includes('No papers match') ? pick.items[0].label : undefined), 'the no-match item');
    assert.ok(label.length < 120, label);
    assert.ok(!label.includes('$(zap)'), label);
    assert.ok(label.includes('$\u200b(zap)'), label);
  });

  it('opens the details of the accepted paper and remembers it as recent', async () => {
    await vscode.commands.executeCommand('paperLens.search', 'KVQuant');
    const pick = await waitFor(() => api.searchPick.activePick, 'the quick pick');
    const item = await waitFor(() => pick.items.find(i => (i as PaperPickItem).paper?.id === '2401.18079'), 'KVQuant item');
    pick.activeItems = [item];
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await waitFor(() => api.details.currentPaper?.id === '2401.18079', 'details of KVQuant');
    assert.strictEqual(api.recent.ids()[0], '2401.18079');
    await vscode.commands.executeCommand('paperLens.search');
    const browse = await waitFor(() => api.searchPick.activePick, 'the quick pick');
    assert.strictEqual(browse.items[0].label, 'Recently opened');
    assert.strictEqual((browse.items[1] as PaperPickItem).paper?.id, '2401.18079');
  });
});
