import * as assert from 'assert';
import * as vscode from 'vscode';
import type { PaperLensTestHooks } from '../../src/extension';
import { type PaperPickItem, WEAK_MARK } from '../../src/vscode/searchPick';
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

  it('keeps the picker open when the weak-match header is accepted', async () => {
    await vscode.commands.executeCommand('paperLens.search', 'how to bake sourdough');
    const pick = await waitFor(() => api.searchPick.activePick, 'the quick pick');
    const header = await waitFor(() => (pick.items[0]?.label.includes('well') ? pick.items[0] : undefined), 'the weak-match header');
    pick.activeItems = [header];
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await new Promise(resolve => setTimeout(resolve, 300));
    assert.strictEqual(api.searchPick.activePick, pick);
  });

  it('says no paper matches an off-topic query well, then lists the closest papers marked weak', async () => {
    await vscode.commands.executeCommand('paperLens.search', 'banana bread recipe');
    const pick = await waitFor(() => api.searchPick.activePick, 'the quick pick');
    const items = await waitFor(() => (pick.items.length > 1 ? pick.items as PaperPickItem[] : undefined), 'the weak matches');
    assert.match(items[0].label, /No paper matches “banana bread recipe” well/);
    assert.strictEqual(items[0].paper, undefined);
    assert.ok(items.slice(1).every(i => i.paper && i.description?.startsWith(WEAK_MARK)), JSON.stringify(items.map(i => i.description)));
    // accepting a weak match opens it
    const weak = items[1];
    // as a user would: down from the header, then Enter
    await vscode.commands.executeCommand('quickInput.next');
    await waitFor(() => pick.activeItems[0] === weak, 'the first weak match active');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await waitFor(() => api.details.currentPaper?.id === weak.paper?.id, 'details of the weak match');
  });

  it('echoes a long off-topic query clipped in the weak-match header, and "$(…)" as text', async () => {
    await vscode.commands.executeCommand('paperLens.search', `$(zap) banana bread ${'sourdough '.repeat(40)}`);
    const pick = await waitFor(() => api.searchPick.activePick, 'the quick pick');
    const label = await waitFor(() => (pick.items[0]?.label.includes('well') ? pick.items[0].label : undefined), 'the weak-match header');
    assert.ok(label.length < 130, label);
    assert.ok(!label.includes('$(zap)') && label.includes('$\u200b(zap)'), label);
  });

  it('does not mark a query that matches well, and carries the ranges of what matched', async () => {
    await vscode.commands.executeCommand('paperLens.search', 'lora');
    const pick = await waitFor(() => api.searchPick.activePick, 'the quick pick');
    const first = await waitFor(() => (pick.items[0] as PaperPickItem | undefined)?.paper ? pick.items[0] as PaperPickItem : undefined, 'results');
    assert.strictEqual(first.label, 'LongLoRA');
    assert.ok(!first.description?.startsWith(WEAK_MARK), first.description);
    // "LoRA" inside "LongLoRA"
    assert.deepStrictEqual(first.highlights?.label, [[4, 8]]);
    const detail = first.detail ?? '';
    assert.ok(first.highlights?.detail?.length, detail);
    for (const [a, b] of first.highlights?.detail ?? []) assert.match(detail.slice(a, b), /lora/i);
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
