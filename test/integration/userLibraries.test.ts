// A user's own libraries in the real host: the fixture workspace's settings name a .bib and a
// CSL-JSON file; a note's front matter names another .bib. Their papers must reach the tree, the
// picker, hover cards, citation keys and Go to Definition, and a change on disk must show without a
// window reload.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { PaperLensTestHooks } from '../../src/extension';
import type { PaperPickItem } from '../../src/vscode/searchPick';
import type { GroupNode, PaperNode } from '../../src/vscode/papersView';
import { activatePaperLens, closeAllEditors, waitFor } from './helpers';

const WORKSPACE = path.resolve(__dirname, '../../../test/fixtures/workspace');
const REFS_BIB = path.join(WORKSPACE, 'library', 'refs.bib');
const LIVE = path.join(WORKSPACE, 'library', 'live');

function hoverText(hovers: vscode.Hover[] | undefined): string {
  return (hovers ?? []).flatMap(h => h.contents.map(c => (typeof c === 'string' ? c : c.value))).join('\n');
}

async function hoverOn(doc: vscode.TextDocument, text: string, delta = 2): Promise<string> {
  const at = doc.getText().indexOf(text);
  assert.ok(at >= 0, `note lacks ${text}`);
  return hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(at + delta)));
}

function treePapers(api: PaperLensTestHooks): PaperNode[] {
  return (api.papers.tree.getChildren() as GroupNode[]).flatMap(g => api.papers.tree.getChildren(g) as PaperNode[]);
}

describe('your own libraries (.bib, CSL-JSON, front matter)', () => {
  let api: PaperLensTestHooks;
  before(async () => {
    api = await activatePaperLens();
    await waitFor(() => api.library.snapshot().paper('lee2025walrus'), 'the workspace libraries to load', 30000);
  });
  after(async () => {
    fs.rmSync(path.join(LIVE, 'test.bib'), { force: true });
    await closeAllEditors();
  });

  it('shows the papers of the .bib and the CSL-JSON file in the Papers tree', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.paperLens');
    const ids = new Set(treePapers(api).map(n => n.paper.id));
    assert.ok(ids.has('lee2025walrus'), 'Walrus from refs.bib');
    assert.ok(ids.has('park2024narwhal'), 'Narwhal from refs.json');
    const walrus = api.library.snapshot().paper('lee2025walrus')!;
    assert.strictEqual(walrus.title, 'Walrus: Tusked Retrieval for Long Documents', 'braces and LaTeX decoded');
    assert.deepStrictEqual(walrus.authors, ['Ada Lee', 'Jörg Müller', 'The Walrus Team']);
  });

  it('merges an entry that is a bundled paper into it instead of listing it twice', () => {
    const snapshot = api.library.snapshot();
    const duo = snapshot.paper('2410.10819')!;
    assert.strictEqual(duo.citationKey, 'xiao2024duo');
    assert.strictEqual(snapshot.paper('xiao2024duo'), undefined, 'no second DuoAttention');
    assert.strictEqual(treePapers(api).filter(n => n.paper.id === '2410.10819').length, 1);
  });

  it('reports the broken entry with its file and line, and keeps the others', () => {
    const problems = api.library.snapshot().problems.filter(p => p.file === REFS_BIB);
    assert.ok(problems.some(p => p.line === 17 && /broken2024/.test(p.message)), JSON.stringify(problems));
    assert.ok(api.library.snapshot().paper('xiao2024duo') === undefined && api.library.snapshot().paper('lee2025walrus'), 'entries before and after the broken one survive');
  });

  it('finds a user paper in the search picker', async () => {
    await vscode.commands.executeCommand('paperLens.search', 'tusked retrieval');
    const pick = await waitFor(() => api.searchPick.activePick, 'the picker');
    const first = await waitFor(() => (pick.items[0] as PaperPickItem | undefined)?.paper, 'results');
    assert.strictEqual(first.id, 'lee2025walrus');
    pick.hide();
  });

  it('shows a card on a user paper\'s name and on its citation key, and Go to Definition opens the .bib at the entry', async () => {
    const doc = await vscode.workspace.openTextDocument(path.join(WORKSPACE, 'notes', 'citations.md'));
    await vscode.window.showTextDocument(doc);
    assert.match(await hoverOn(doc, 'Walrus keeps'), /Walrus.*Tusked Retrieval for Long Documents/);
    assert.match(await hoverOn(doc, 'lee2025walrus'), /Tusked Retrieval/);
    assert.match(await hoverOn(doc, 'xiao2024duo}'), /DuoAttention/, '\\cite{} keys resolve through the merged paper');
    const at = doc.getText().indexOf('lee2025walrus');
    const locations = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, doc.positionAt(at + 3));
    const loc = locations[0] as vscode.Location;
    assert.strictEqual(loc.uri.fsPath, REFS_BIB);
    assert.strictEqual(loc.range.start.line, 4, 'the @article line (line 5)');
  });

  it('gives cards for the entries of a bibliography a note names in its front matter', async () => {
    const doc = await vscode.workspace.openTextDocument(path.join(WORKSPACE, 'notes', 'with-bibliography.md'));
    await vscode.window.showTextDocument(doc);
    await waitFor(() => api.library.snapshot().paper('ortiz2023axolotl'), 'the front-matter bibliography to load', 30000);
    assert.match(await hoverOn(doc, 'Axolotl regrows'), /Regenerating Context Windows/);
    assert.match(await hoverOn(doc, 'ortiz2023axolotl'), /Regenerating Context Windows/);
  });

  it('reads a library again when it changes on disk, and a new file under a glob of the setting, without a reload', async function () {
    this.timeout(120_000);
    // The fixture settings name "library/live/*.bib"; the test's .bib files there are git-ignored.
    const file = path.join(LIVE, 'test.bib');
    fs.writeFileSync(file, '@article{kim2024orca, title = {Orca: Pods of Attention Heads}, author = {Kim, Jo}, year = 2024}\n');
    await waitFor(() => api.library.snapshot().paper('kim2024orca'), 'a new file under the glob to load', 30000);
    await waitFor(() => treePapers(api).some(n => n.paper.id === 'kim2024orca'), 'the tree to show it');
    fs.writeFileSync(file, '@article{kim2024orca, title = {Orca: Pods of Attention Heads}, author = {Kim, Jo}, year = 2024}\n@article{kim2025beluga, title = {Beluga: White Whales of Memory}, author = {Kim, Jo}, year = 2025}\n');
    await waitFor(() => api.library.snapshot().paper('kim2025beluga'), 'the edited library to be read again', 30000);
    await waitFor(() => treePapers(api).some(n => n.paper.id === 'kim2025beluga'), 'the tree to show the new entry');
    fs.rmSync(file);
    await waitFor(() => !api.library.snapshot().paper('kim2024orca'), 'a deleted library to drop its papers', 30000);
  });
});
