// Paper commands run from the command palette ask for a paper with the search picker. These tests
// drive that picker as a person does — type a name, accept the highlighted row — for every command
// that asks, and check what the command then did (clipboard, editor, details view, tree).
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { PaperLensTestHooks } from '../../src/extension';
import type { OccurrenceItem } from '../../src/vscode/paperReferences';
import type { PaperPickItem } from '../../src/vscode/searchPick';
import { activatePaperLens, closeAllEditors, waitFor } from './helpers';

const KVQUANT = '2401.18079';

/**
 * Runs `command` with no argument, types `query` into the picker it opens and, once the results show
 * `paperId` first and highlighted (as a person sees it), presses Enter. A quick pick closes when
 * focus leaves it, and the editor or webview a previous step opened may take focus a moment later:
 * when that closes the picker before the query is typed, the command ends with nothing picked and
 * is run again, as a person would.
 */
async function runFromPalette<T>(api: PaperLensTestHooks, command: string, query: string, paperId: string): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const running = vscode.commands.executeCommand<T>(command);
    const pick = await waitFor(() => api.searchPick.activePick, `the picker of ${command}`);
    // Typing starts once the picker is on screen: the workbench has reported its highlighted row.
    await waitFor(() => pick.activeItems.length > 0 || api.searchPick.activePick !== pick, 'the picker on screen');
    pick.value = query;
    const state = await waitFor(() => {
      if (api.searchPick.activePick !== pick) return 'closed';
      const first = pick.items[0] as PaperPickItem | undefined;
      return !pick.items.some(i => i.kind === vscode.QuickPickItemKind.Separator) && first?.paper?.id === paperId ? 'results' : undefined;
    }, `${paperId} first in the results`);
    if (state === 'closed') {
      assert.strictEqual(await running, undefined, 'a closed picker runs nothing');
      assert.ok(attempt < 3, 'the picker kept closing before anything was typed');
      continue;
    }
    // The workbench reports which row is highlighted; Enter accepts that row.
    await waitFor(() => (pick.activeItems[0] as PaperPickItem | undefined)?.paper?.id === paperId, `${paperId} highlighted`);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    return running;
  }
}

describe('paper commands from the palette (the real picker)', () => {
  let api: PaperLensTestHooks;
  before(async () => {
    api = await activatePaperLens();
  });
  // Each test starts with no editor or webview that could take focus from its picker.
  beforeEach(closeAllEditors);
  afterEach(() => api.searchPick.activePick?.hide());
  after(closeAllEditors);

  it('Insert Reference at Cursor inserts the picked paper', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'See  here.\n' });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(0, 4, 0, 4);
    await runFromPalette(api, 'paperLens.insertReference', 'kvquant', KVQUANT);
    assert.match(doc.getText(), /^See \[KVQuant: .*\]\(https:\/\/arxiv\.org\/abs\/2401\.18079\) \(Hooper et al\., 2024\) here\.\n$/);
  });

  it('Open Paper Details opens the picked paper', async () => {
    await runFromPalette(api, 'paperLens.openDetails', 'kvquant', KVQUANT);
    await waitFor(() => api.details.currentPaper?.id === KVQUANT, 'the details of KVQuant');
  });

  for (const [command, expected] of [
    ['paperLens.copyBibtex', /^@misc\{hooper2024kvquant,\n/],
    ['paperLens.copyMarkdownLink', /^\[KVQuant: .*\]\(https:\/\/arxiv\.org\/abs\/2401\.18079\)/],
    ['paperLens.copyCiteKey', /^\\cite\{hooper2024kvquant\}$/],
    ['paperLens.copyReference', /^\[KVQuant: .*\]\(https:\/\/arxiv\.org\/abs\/2401\.18079\)/],
  ] as const) {
    it(`${command} puts the picked paper on the clipboard`, async () => {
      await vscode.env.clipboard.writeText('before');
      await runFromPalette(api, command, 'kvquant', KVQUANT);
      assert.match(await vscode.env.clipboard.readText(), expected);
    });
  }

  it('Show Notes Mentioning This Paper lists the picked paper\'s notes, and Enter opens the one highlighted', async function () {
    this.timeout(120_000);
    await closeAllEditors();
    await waitFor(() => api.workspace.isCurrent(), 'the workspace index to be current', 60_000);
    // Not awaited: the command ends only when an occurrence is chosen in the second picker.
    const done = runFromPalette<vscode.Location | undefined>(api, 'paperLens.showMentioningNotes', 'kvquant', KVQUANT);
    const pick = await waitFor(() => api.paperReferences.activePick, 'the occurrence picker');
    await waitFor(() => pick.activeItems.length > 0, 'the occurrence picker on screen');
    const meeting = (pick.items as OccurrenceItem[]).find(i => i.location?.uri.fsPath.endsWith('meeting.txt'));
    assert.ok(meeting, `meeting.txt among ${pick.items.map(i => i.label).join(', ')}`);
    pick.value = 'meeting';
    await waitFor(() => pick.activeItems[0] === meeting, 'the meeting note highlighted');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const location = await done;
    assert.ok(location?.uri.fsPath.endsWith('meeting.txt'), String(location?.uri.fsPath));
    const editor = await waitFor(() => (vscode.window.activeTextEditor?.document.uri.fsPath.endsWith('meeting.txt') ? vscode.window.activeTextEditor : undefined), 'meeting.txt to open');
    assert.strictEqual(editor.document.getText(editor.selection), 'KVQuant');
  });

  it('Reveal Paper in Sidebar selects the picked paper in the tree', async () => {
    await runFromPalette(api, 'paperLens.revealInSidebar', 'kvquant', KVQUANT);
    const selected = await waitFor(() => api.papers.view.selection[0] as { paper?: { id: string } } | undefined, 'a selection in the tree');
    assert.strictEqual(selected.paper?.id, KVQUANT);
  });

  it('the empty picker lists papers under their topic heading without repeating it on every row', async () => {
    const running = vscode.commands.executeCommand('paperLens.copyBibtex');
    const pick = await waitFor(() => api.searchPick.activePick, 'the picker');
    const snapshot = api.library.snapshot();
    let heading: string | undefined;
    let checked = 0;
    for (const item of pick.items) {
      if (item.kind === vscode.QuickPickItemKind.Separator) {
        heading = item.label;
        continue;
      }
      const paper = (item as PaperPickItem).paper;
      if (!paper || heading === 'Recently opened') continue;
      assert.strictEqual(snapshot.topic(paper.topics[0])?.label ?? 'Other', heading, `${paper.id} sits under its primary topic (or "Other")`);
      assert.ok(!(item.description ?? '').includes(heading ?? '\u0000'), `${item.label}: ${item.description}`);
      checked++;
    }
    assert.ok(checked >= snapshot.size, `${checked} rows checked`);
    pick.hide();
    await running;
  });

  it('dismissing the picker runs nothing and says nothing', async () => {
    const running = vscode.commands.executeCommand('paperLens.copyBibtex');
    const pick = await waitFor(() => api.searchPick.activePick, 'the picker');
    pick.hide();
    assert.strictEqual(await running, undefined);
  });
});
