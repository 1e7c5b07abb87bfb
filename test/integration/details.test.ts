import * as assert from 'assert';
import * as vscode from 'vscode';
import type { Paper } from '../../src/core/library/model';
import type { PaperLensTestHooks } from '../../src/extension';
import { activatePaperLens, closeAllEditors } from './helpers';

describe('details view and reference commands', () => {
  let api: PaperLensTestHooks;
  before(async () => {
    api = await activatePaperLens();
  });
  after(closeAllEditors);

  it('opens one webview for a paper and reuses it for the next', async () => {
    await vscode.commands.executeCommand('paperLens.openDetails', '2410.10819');
    const panel = api.details.webviewPanel;
    assert.ok(panel, 'no details panel');
    assert.strictEqual(panel.viewType, 'paperLens.details');
    assert.strictEqual(api.details.currentPaper?.id, '2410.10819');
    assert.match(panel.webview.html, /DuoAttention: Efficient Long-Context LLM Inference/);
    assert.match(panel.webview.html, /Content-Security-Policy/);
    await vscode.commands.executeCommand('paperLens.openDetails', 'KVQuant');
    assert.strictEqual(api.details.webviewPanel, panel, 'a second panel was opened');
    assert.strictEqual(api.details.currentPaper?.id, '2401.18079');
    assert.strictEqual(panel.title, 'KVQuant');
  });

  it('lists related papers from the search index, never the paper itself', async () => {
    await vscode.commands.executeCommand('paperLens.openDetails', 'DuoAttention');
    const html = api.details.webviewPanel!.webview.html;
    const related = [...html.matchAll(/data-action="openPaper" data-paper="([^"]+)"/g)].map(m => m[1]);
    assert.ok(related.length >= 3, `related: ${related.join(', ')}`);
    assert.ok(!related.includes('2410.10819'));
    const corpus = api.library.snapshot();
    assert.ok(related.some(id => corpus.paper(id)?.topics.includes('kv-cache')), 'no same-topic neighbour');
  });

  it('renders a hostile abstract as text', () => {
    const base = api.library.snapshot().paper('2410.10819')!;
    const hostile: Paper = {
      ...base,
      id: '9999.00001',
      title: 'Evil <script>alert(1)</script> Paper',
      abstract: 'Look <img src=x onerror="alert(1)"> and <script>alert(2)</script> and [click](command:workbench.action.files.delete) and <a href="javascript:alert(3)">x</a>.',
      links: [{ kind: 'code', url: 'javascript:alert(4)', label: 'Code' }],
    };
    api.details.show(hostile);
    const html = api.details.webviewPanel!.webview.html;
    assert.strictEqual((html.match(/<script\b/g) ?? []).length, 1, 'only the page\'s own script');
    assert.match(html, /<script nonce="[^"]+" src="[^"]+details\.js"><\/script>/);
    assert.ok(!/<img\b/.test(html), 'an <img> tag got through');
    assert.ok(!/<a href="javascript:/.test(html) && !/href="command:/.test(html), 'a live javascript:/command: link got through');
    assert.match(html, /&lt;img src=x onerror=&quot;alert\(1\)&quot;&gt;/);
    assert.match(html, /\[click\]\(command:workbench\.action\.files\.delete\)/);
  });

  it('copies BibTeX and markdown links to the clipboard', async () => {
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand<string>('paperLens.copyBibtex', '2401.18079');
    assert.match(await vscode.env.clipboard.readText(), /^@misc\{hooper2024kvquant,/);
    // DuoAttention is also in the workspace's refs.bib (merged): the user's own key wins.
    await vscode.commands.executeCommand<string>('paperLens.copyBibtex', '2410.10819');
    assert.match(await vscode.env.clipboard.readText(), /^@misc\{xiao2024duo,\n/);
    await vscode.commands.executeCommand<string>('paperLens.copyMarkdownLink', '2410.10819');
    assert.match(await vscode.env.clipboard.readText(), /^\[DuoAttention: .*\]\(https:\/\/arxiv\.org\/abs\/2410\.10819\) \(Xiao et al\., 2024\)$/);
    await vscode.commands.executeCommand<string>('paperLens.copyCiteKey', '2401.18079');
    assert.strictEqual(await vscode.env.clipboard.readText(), '\\cite{hooper2024kvquant}');
  });

  it('inserts a reference as one undoable edit', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'See  for details.\n' });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(0, 4, 0, 4);
    const ok = await vscode.commands.executeCommand('paperLens.insertReference', '2410.10819');
    assert.strictEqual(ok, true);
    assert.match(doc.getText(), /^See \[DuoAttention: .*\]\(https:\/\/arxiv\.org\/abs\/2410\.10819\) \(Xiao et al\., 2024\) for details\.\n$/);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(doc.getText(), 'See  for details.\n');
  });

  it('inserts \\cite{} in LaTeX', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'latex', content: 'As shown by ' });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(0, 12, 0, 12);
    await vscode.commands.executeCommand('paperLens.insertReference', 'KVQuant');
    assert.strictEqual(doc.getText(), 'As shown by \\cite{hooper2024kvquant}');
  });
});
