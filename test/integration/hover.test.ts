import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import type { PaperLensTestHooks } from '../../src/extension';
import { activatePaperLens, closeAllEditors, waitFor } from './helpers';

const FIXTURE = path.resolve(__dirname, '../../../test/fixtures/workspace/reading-notes.md');

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

function hoverText(hovers: vscode.Hover[] | undefined): string {
  return (hovers ?? []).flatMap(h => h.contents.map(c => (typeof c === 'string' ? c : c.value))).join('\n');
}

async function hoverAt(doc: vscode.TextDocument, word: string, occurrence = 0, delta = 2): Promise<vscode.Hover[]> {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = doc.getText().indexOf(word, at + 1);
  assert.ok(at >= 0, `fixture lacks ${word}`);
  return vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(at + delta));
}

describe('hover cards, completion and the "In This Document" view', () => {
  let api: PaperLensTestHooks;
  let doc: vscode.TextDocument;
  before(async () => {
    api = await activatePaperLens();
    doc = await vscode.workspace.openTextDocument(vscode.Uri.file(FIXTURE));
    await vscode.window.showTextDocument(doc);
    assert.strictEqual(doc.languageId, 'markdown');
  });
  after(async () => {
    await vscode.workspace.getConfiguration('paperLens').update('hover.enabled', undefined, vscode.ConfigurationTarget.Global);
    await closeAllEditors();
  });

  it('shows the DuoAttention card on "DuoAttention"', async () => {
    const hovers = await hoverAt(doc, 'DuoAttention');
    const text = hoverText(hovers);
    assert.match(text, /\*\*DuoAttention\*\* — DuoAttention: Efficient Long\\-Context LLM Inference/);
    assert.match(text, /2024 · Xiao et al/);
    assert.match(text, /\[arXiv\]\(https:\/\/arxiv\.org\/abs\/2410\.10819\)/);
    assert.match(text, /command:paperLens\.openDetails\?/);
    const range = hovers.find(h => h.range)?.range;
    assert.ok(range);
    assert.strictEqual(doc.getText(range), 'DuoAttention');
  });

  it('shows nothing on an ordinary "dolphin"', async () => {
    const hovers = await hoverAt(doc, 'dolphin');
    assert.doesNotMatch(hoverText(hovers), /Dolphin|arxiv/i);
  });

  it('shows every candidate of an ambiguous name', async () => {
    const text = hoverText(await hoverAt(doc, 'Giraffe'));
    assert.match(text, /may refer to 2 papers/);
    assert.match(text, /2412\.12735/);
    assert.match(text, /2308\.10882/);
  });

  it('scans a document once per version, however often it is hovered', async () => {
    const scratch = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'KVQuant and LongLoRA.\n' });
    const before = api.scanner.scans;
    assert.match(hoverText(await hoverAt(scratch, 'KVQuant')), /Hooper et al/);
    assert.strictEqual(api.scanner.scans, before + 1, 'the first hover scans');
    await hoverAt(scratch, 'KVQuant');
    await hoverAt(scratch, 'LongLoRA');
    assert.strictEqual(api.scanner.scans, before + 1, 'later hovers reuse the scan');
    const editor = await vscode.window.showTextDocument(scratch);
    await editor.edit(b => b.insert(new vscode.Position(1, 0), 'More.\n'));
    await hoverAt(scratch, 'KVQuant');
    assert.strictEqual(api.scanner.scans, before + 2, 'an edit makes a new version to scan');
  });

  it('respects paperLens.hover.enabled', async () => {
    await vscode.workspace.getConfiguration('paperLens').update('hover.enabled', false, vscode.ConfigurationTarget.Global);
    assert.doesNotMatch(hoverText(await hoverAt(doc, 'DuoAttention')), /Xiao et al/);
    await vscode.workspace.getConfiguration('paperLens').update('hover.enabled', undefined, vscode.ConfigurationTarget.Global);
    assert.match(hoverText(await hoverAt(doc, 'DuoAttention')), /Xiao et al/);
  });

  it('completes paper names', async () => {
    const scratch = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'See Duo' });
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', scratch.uri, new vscode.Position(0, 7));
    const item = list.items.find(i => labelOf(i) === 'DuoAttention');
    assert.ok(item, 'no DuoAttention completion');
    assert.strictEqual(item.detail, 'DuoAttention: Efficient Long-Context LLM Inference with Retrieval and Streaming Heads');
    assert.strictEqual(item.insertText, 'DuoAttention');
  });

  it('completes citation keys inside \\cite{} in LaTeX', async () => {
    const tex = await vscode.workspace.openTextDocument({ language: 'latex', content: 'As shown by \\citep{xiao' });
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', tex.uri, new vscode.Position(0, 24));
    // DuoAttention's key is the one the workspace's refs.bib gives it.
    const item = list.items.find(i => labelOf(i) === 'xiao2024duo');
    assert.ok(item, 'no citation key completion');
    assert.strictEqual(item.insertText, 'xiao2024duo');
    assert.ok(!list.items.some(i => labelOf(i) === 'DuoAttention'), 'paper names offered inside \\cite{}');
  });

  it('lists the papers of the active note and selects an occurrence', async () => {
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('paperLens.mentions.focus');
    const groups = await waitFor(() => {
      const g = api.mentions.tree.current;
      return g.document === doc && g.groups.length ? g.groups : undefined;
    }, 'mentions of the fixture');
    const labels = groups.map(g => g.label);
    for (const name of ['DuoAttention', 'KVQuant', 'LongLoRA']) assert.ok(labels.includes(name), `${name} missing from ${labels.join(', ')}`);
    assert.ok(!labels.some(l => /dolphin/i.test(l)));
    const duo = groups.find(g => g.label === 'DuoAttention')!;
    const [occurrence] = api.mentions.tree.getChildren(duo);
    const item = api.mentions.tree.getTreeItem(occurrence);
    assert.strictEqual(item.command?.command, 'paperLens.mentions.select');
    await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
    const editor = vscode.window.activeTextEditor!;
    assert.strictEqual(editor.document.getText(editor.selection), 'DuoAttention');
  });

  it('follows edits of the active note', async () => {
    const scratch = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Nothing here yet.\n' });
    const editor = await vscode.window.showTextDocument(scratch);
    await waitFor(() => api.mentions.tree.current.document === scratch && api.mentions.tree.current.groups.length === 0, 'an empty list');
    await editor.edit(b => b.insert(new vscode.Position(1, 0), 'Compare with KVQuant.\n'));
    const groups = await waitFor(() => (api.mentions.tree.current.groups.length ? api.mentions.tree.current.groups : undefined), 'the edit to show up');
    assert.deepStrictEqual(groups.map(g => g.label), ['KVQuant']);
  });
});
