// Notes across the workspace in the real host (issue #15): the fixture workspace's notes
// (reading-notes.md, notes/**) are indexed in the background; Find All References at a mention
// returns the mentions in the other notes; a note created, saved, renamed or deleted updates them;
// a library change rescans; "In This Workspace" lists the papers with their counts; the hover card
// and the details view say "mentioned in N notes"; the markdown preview marks paper names; export
// writes a .bib our BibTeX parser reads back with every cited paper.
//
// Every wait is for a state (the index current with the library, a count reached), never a time:
// the machine is shared and its file watcher and worker are slow at times.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { parseCslJson } from '../../src/core/sources/cslJson';
import { parseBibtex } from '../../src/core/sources/bibtex';
import type { PaperLensTestHooks } from '../../src/extension';
import type { ExportResult } from '../../src/vscode/exportReferences';
import type { OccurrenceItem } from '../../src/vscode/paperReferences';
import { activatePaperLens, closeAllEditors, waitFor } from './helpers';

const WORKSPACE = path.resolve(__dirname, '../../../test/fixtures/workspace');
const NOTES = path.join(WORKSPACE, 'notes');
const KV_CACHE = path.join(NOTES, 'kv-cache.md');
const MEETING = path.join(NOTES, 'meeting.txt');
/** Created and removed by the tests (and removed before, in case a failed run left them). */
const LIVE_NOTE = path.join(NOTES, 'live-note.md');
const RENAMED_NOTE = path.join(NOTES, 'live-renamed.md');
const SCRATCH = path.join(NOTES, 'scratch');
const QUOKKA_BIB = path.join(WORKSPACE, 'library', 'live', 'quokka.bib');

const DUO = '2410.10819';
const KVQUANT = '2401.18079';
const LONGLORA = '2309.12307';

const key = (file: string) => file.split(path.sep).join('/');

function removeLeftovers(): void {
  for (const f of [LIVE_NOTE, RENAMED_NOTE, QUOKKA_BIB]) fs.rmSync(f, { force: true });
  fs.rmSync(SCRATCH, { recursive: true, force: true });
}

/** Waits until the index is built with the library as it is now and nothing is pending. */
async function indexCurrent(api: PaperLensTestHooks, what = 'the workspace index to be current'): Promise<void> {
  await waitFor(() => api.workspace.isCurrent(), what, 60_000);
}

async function referencesAt(doc: vscode.TextDocument, text: string, delta = 2): Promise<vscode.Location[]> {
  const at = doc.getText().indexOf(text);
  assert.ok(at >= 0, `${path.basename(doc.uri.fsPath)} lacks ${text}`);
  return (await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, doc.positionAt(at + delta))) ?? [];
}

/** "notes/kv-cache.md:3" for each location in a note (library files left out), sorted. */
function notePlaces(locations: readonly vscode.Location[]): string[] {
  return locations
    .filter(l => !l.uri.fsPath.endsWith('.bib') && !l.uri.fsPath.endsWith('.json'))
    .map(l => `${path.relative(WORKSPACE, l.uri.fsPath).split(path.sep).join('/')}:${l.range.start.line + 1}`)
    .sort();
}

/** The text each location covers, read from disk (or the open document). */
async function textsAt(locations: readonly vscode.Location[]): Promise<string[]> {
  const out: string[] = [];
  for (const l of locations) out.push((await vscode.workspace.openTextDocument(l.uri)).getText(l.range));
  return out;
}

function hoverText(hovers: vscode.Hover[] | undefined): string {
  return (hovers ?? []).flatMap(h => h.contents.map(c => (typeof c === 'string' ? c : c.value))).join('\n');
}

describe('notes across the workspace (index, references, view, preview, export)', () => {
  let api: PaperLensTestHooks;
  before(async function () {
    this.timeout(120_000);
    removeLeftovers();
    api = await activatePaperLens();
    // The fixture's settings name refs.bib (DuoAttention's key there is xiao2024duo) and refs.json.
    await waitFor(() => api.library.snapshot().paper('lee2025walrus') && api.library.snapshot().paper('park2024narwhal'), 'the workspace libraries to load', 60_000);
    await indexCurrent(api);
    // In This Workspace shown from the start, as a user would have it: it follows every change below.
    await vscode.commands.executeCommand('paperLens.workspace.focus');
  });
  afterEach(() => api.paperReferences.activePick?.hide());
  after(async () => {
    await closeAllEditors();
    removeLeftovers();
    await vscode.workspace.getConfiguration('paperLens').update('preview.enabled', undefined, vscode.ConfigurationTarget.Global);
  });

  it('indexes the notes of the workspace\'s languages, less files.exclude and .gitignore', async function () {
    this.timeout(120_000);
    const paths = api.workspace.index.paths();
    for (const note of ['reading-notes.md', 'notes/kv-cache.md', 'notes/meeting.txt', 'notes/related.tex', 'notes/drafts/long-context.md', 'notes/citations.md']) {
      assert.ok(paths.includes(key(path.join(WORKSPACE, note))), `${note} is not indexed: ${paths.join(', ')}`);
    }
    assert.ok(!paths.some(p => p.includes('/archive/')), 'a folder files.exclude hides was indexed');
    assert.ok(!paths.some(p => p.endsWith('.bib') || p.endsWith('.json')), 'a library file was indexed as a note');
    // A note in a git-ignored folder: neither the watcher's update nor a full rebuild takes it in.
    fs.mkdirSync(SCRATCH, { recursive: true });
    fs.writeFileSync(path.join(SCRATCH, 'ignored.md'), 'DuoAttention in a git-ignored note.\n');
    await vscode.commands.executeCommand('paperLens.workspace.reindex');
    await indexCurrent(api);
    assert.ok(!api.workspace.index.paths().some(p => p.includes('/scratch/')), 'a .gitignore\'d note was indexed');
    assert.ok(api.workspace.index.size >= 6, `only ${api.workspace.index.size} notes`);
  });

  it('Find All References on a name lists its mentions in the other notes, with exact ranges', async () => {
    const doc = await vscode.workspace.openTextDocument(KV_CACHE);
    await vscode.window.showTextDocument(doc);
    const locations = await referencesAt(doc, 'DuoAttention keeps');
    assert.deepStrictEqual(notePlaces(locations), [
      'notes/citations.md:4', // "The DuoAttention entry …"
      'notes/citations.md:4', // "\cite{xiao2024duo}": refs.bib's key for it
      'notes/drafts/long-context.md:3',
      'notes/kv-cache.md:3',
      'notes/kv-cache.md:6',
      'reading-notes.md:3',
    ]);
    const texts = await textsAt(locations.filter(l => !l.uri.fsPath.endsWith('.bib')));
    assert.deepStrictEqual([...new Set(texts)].sort(), ['DuoAttention', 'xiao2024duo']);
    // The declaration: the library entry DuoAttention came from (refs.bib), as Go to Definition.
    assert.ok(locations.some(l => l.uri.fsPath.endsWith('refs.bib')), 'no declaration in refs.bib');
  });

  it('Find All References on an arXiv reference lists the paper\'s mentions by name elsewhere', async () => {
    const doc = await vscode.workspace.openTextDocument(KV_CACHE);
    await vscode.window.showTextDocument(doc);
    const locations = await referencesAt(doc, 'arXiv:2401.18079', 7);
    const places = notePlaces(locations);
    for (const p of ['notes/meeting.txt:3', 'reading-notes.md:4', 'notes/kv-cache.md:4']) assert.ok(places.includes(p), `${p} missing: ${places.join(', ')}`);
    assert.ok(!places.some(p => p.startsWith('notes/related.tex') || p.startsWith('notes/drafts/')), `mentions of other papers: ${places.join(', ')}`);
  });

  it('follows a note created, edited and saved, renamed and deleted', async function () {
    this.timeout(120_000);
    const liveKey = key(LIVE_NOTE);
    // Whatever happens, the next tests count the fixture notes only: a note left behind by a failure
    // here would fail them too and hide which step broke.
    try {
      fs.writeFileSync(LIVE_NOTE, '# Live\n\nNothing about papers yet.\n');
      await waitFor(() => api.workspace.index.has(liveKey), 'the created note to be indexed', 30_000);
      assert.strictEqual(api.workspace.index.mentionsIn(liveKey).length, 0);

      const doc = await vscode.workspace.openTextDocument(LIVE_NOTE);
      await vscode.window.showTextDocument(doc);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(doc.uri, new vscode.Position(3, 0), '\nLongLoRA, then KVQuant.\n');
      assert.ok(await vscode.workspace.applyEdit(edit));
      assert.ok(await doc.save());
      await waitFor(() => api.workspace.index.mentionsIn(liveKey).length === 2, 'the saved note\'s mentions', 30_000);
      // From another note, references to KVQuant now include the saved note, at its new line.
      await closeAllEditors();
      const meeting = await vscode.workspace.openTextDocument(MEETING);
      const places = notePlaces(await referencesAt(meeting, 'KVQuant with'));
      assert.ok(places.includes('notes/live-note.md:5'), places.join(', '));

      const renamed = new vscode.WorkspaceEdit();
      renamed.renameFile(vscode.Uri.file(LIVE_NOTE), vscode.Uri.file(RENAMED_NOTE));
      assert.ok(await vscode.workspace.applyEdit(renamed));
      await waitFor(() => !api.workspace.index.has(liveKey) && api.workspace.index.mentionsIn(key(RENAMED_NOTE)).length === 2, 'the renamed note under its new name', 30_000);

      // Deleted as the Explorer deletes (onDidDeleteFiles): right after a rename the watcher may
      // coalesce the new name's "created" with this "deleted" into no event at all.
      const deleted = new vscode.WorkspaceEdit();
      deleted.deleteFile(vscode.Uri.file(RENAMED_NOTE));
      assert.ok(await vscode.workspace.applyEdit(deleted));
      await waitFor(() => !api.workspace.index.has(key(RENAMED_NOTE)), 'the deleted note to leave the index', 30_000);

      // A note another program writes and then deletes: the watcher's events alone.
      fs.writeFileSync(LIVE_NOTE, '# Scratch\n\nKVQuant.\n');
      await waitFor(() => api.workspace.index.mentionsIn(liveKey).length === 1, 'the scratch note to be indexed', 30_000);
      fs.rmSync(LIVE_NOTE);
      await waitFor(() => !api.workspace.index.has(liveKey), 'the scratch note, deleted on disk, to leave the index', 30_000);
      await indexCurrent(api);
      assert.strictEqual(api.workspace.index.countOf(LONGLORA)?.notes, 3, 'LongLoRA back to its three notes');
    } finally {
      for (const note of [LIVE_NOTE, RENAMED_NOTE]) fs.rmSync(note, { force: true });
    }
  });

  it('In This Workspace lists the mentioned papers, grouped like the Papers tree, with their counts', async () => {
    await vscode.commands.executeCommand('paperLens.workspace.focus');
    await waitFor(() => api.workspaceView.view.visible, 'the view to show');
    const tree = api.workspaceView.tree;
    // A tree already visible (another suite showed the container) follows the index a moment late.
    const papers = await waitFor(() => {
      if (!tree.current) return undefined;
      const list = tree.papers();
      return list.some(p => p.paper.id === DUO) ? list : undefined;
    }, 'DuoAttention in the view');
    const count = (id: string) => papers.find(p => p.paper.id === id);
    assert.deepStrictEqual([count(DUO)?.mentions, count(DUO)?.notes], [6, 4]);
    assert.deepStrictEqual([count(KVQUANT)?.mentions, count(KVQUANT)?.notes], [3, 3]);
    assert.deepStrictEqual([count(LONGLORA)?.mentions, count(LONGLORA)?.notes], [3, 3]);
    assert.ok(count('lee2025walrus'), 'a paper of the user\'s .bib (Walrus) is listed');
    // Grouped by primary topic, as the Papers tree (setting paperLens.tree.groupBy: topic).
    const groups = tree.getChildren();
    const duoGroup = groups.find(g => g.kind === 'group' && g.papers.some(p => p.paper.id === DUO));
    const treeGroup = api.papers.tree.rootGroups().find(g => g.papers.some(p => p.id === DUO));
    assert.strictEqual(duoGroup?.kind === 'group' && duoGroup.key, treeGroup?.key);
    // A paper expands to its notes (most mentions first), a note to its occurrences, which open the note there.
    const duo = papers.find(p => p.paper.id === DUO)!;
    const notes = tree.getChildren(duo);
    assert.deepStrictEqual(notes.map(n => n.kind === 'note' && n.label), ['notes/citations.md', 'notes/kv-cache.md', 'notes/drafts/long-context.md', 'reading-notes.md']);
    const occurrences = tree.getChildren(notes[1]);
    assert.strictEqual(occurrences.length, 2);
    const item = tree.getTreeItem(occurrences[1]);
    assert.strictEqual(item.label, 'line 6');
    assert.strictEqual(item.command?.command, 'vscode.open');
    await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
    const editor = await waitFor(() => (vscode.window.activeTextEditor?.document.uri.fsPath === KV_CACHE ? vscode.window.activeTextEditor : undefined), 'kv-cache.md to open');
    assert.strictEqual(editor.document.getText(editor.selection), 'DuoAttention');
    assert.strictEqual(editor.selection.start.line, 5);
  });

  it('Show Notes Mentioning This Paper lists the occurrences and opens the one picked', async () => {
    await closeAllEditors();
    const running = vscode.commands.executeCommand<vscode.Location | undefined>('paperLens.showMentioningNotes', KVQUANT);
    const pick = await waitFor(() => api.paperReferences.activePick, 'the occurrence picker');
    await waitFor(() => pick.activeItems.length > 0, 'the picker on screen');
    const items = pick.items.filter(i => i.location) as OccurrenceItem[];
    // kv-cache.md, if still open from an earlier test, is read as the editor holds it: its arXiv
    // reference on line 4 is a second occurrence there.
    const places = [...new Set(items.map(i => `${path.relative(WORKSPACE, i.location!.uri.fsPath)}:${i.location!.range.start.line + 1}`))];
    assert.deepStrictEqual(places, ['notes/kv-cache.md:4', 'notes/meeting.txt:3', 'reading-notes.md:4']);
    assert.deepStrictEqual(pick.items.filter(i => i.kind === vscode.QuickPickItemKind.Separator).map(i => i.label), ['notes/kv-cache.md', 'notes/meeting.txt', 'reading-notes.md']);
    const meeting = items.find(i => i.location!.uri.fsPath === MEETING)!;
    // Typed as a person would: the note's name narrows the list, and the workbench highlights it.
    pick.value = 'meeting';
    await waitFor(() => pick.activeItems[0] === meeting, 'the meeting note highlighted');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const location = await running;
    assert.strictEqual(location?.uri.fsPath, MEETING);
    const editor = await waitFor(() => (vscode.window.activeTextEditor?.document.uri.fsPath === MEETING ? vscode.window.activeTextEditor : undefined), 'meeting.txt to open');
    assert.strictEqual(editor.document.getText(editor.selection), 'KVQuant');
  });

  it('the hover card and the details view say "mentioned in N notes", with a link to the notes', async () => {
    const doc = await vscode.workspace.openTextDocument(KV_CACHE);
    await vscode.window.showTextDocument(doc);
    const at = doc.getText().indexOf('DuoAttention');
    const text = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(at + 2)));
    assert.match(text, /\[\$\(references\) Mentioned in 4 notes\]\(command:paperLens\.showMentioningNotes\?/);
    const link = /command:paperLens\.showMentioningNotes\?([^)]+)\)/.exec(text)!;
    const [id, place] = JSON.parse(decodeURIComponent(link[1]));
    assert.strictEqual(id, DUO);
    assert.deepStrictEqual(place, { uri: doc.uri.toString(), line: 2, character: 0 });

    await vscode.commands.executeCommand('paperLens.openDetails', DUO);
    const html = await waitFor(() => api.details.webviewPanel?.webview.html, 'the details page');
    assert.match(html, /<a href="#" data-action="showMentioningNotes" data-paper="2410\.10819">Mentioned in 4 notes<\/a>/);
  });

  it('a library change rescans the notes: a paper added in a .bib is found where a note already named it', async function () {
    this.timeout(120_000);
    fs.writeFileSync(QUOKKA_BIB, '@article{ng2025quokka, title = {QuokkaFormer: Hopping Attention for Long Inputs}, author = {Ng, Ivy}, year = 2025}\n');
    await waitFor(() => api.library.snapshot().paper('ng2025quokka'), 'the new library file to load', 60_000);
    await indexCurrent(api, 'the notes to be rescanned with the new library');
    assert.deepStrictEqual(api.workspace.index.notesOf('ng2025quokka'), [key(KV_CACHE)]);
    fs.rmSync(QUOKKA_BIB);
    await waitFor(() => !api.library.snapshot().paper('ng2025quokka'), 'the library file to be dropped', 60_000);
    await indexCurrent(api, 'the notes to be rescanned without it');
    assert.deepStrictEqual(api.workspace.index.notesOf('ng2025quokka'), []);
  });

  it('the markdown preview gives a paper name its title and link, and not when turned off', async () => {
    const note = '# Reading\n\nDuoAttention splits heads into retrieval and streaming heads.\n';
    const html = await vscode.commands.executeCommand<string>('markdown.api.render', note);
    assert.match(html, /<a href="https:\/\/arxiv\.org\/abs\/2410\.10819" class="paper-lens-mention" title="DuoAttention: Efficient Long-Context LLM Inference with Retrieval and Streaming Heads \(2024\)">DuoAttention<\/a>/);
    assert.ok(!/command:|<script/i.test(html), 'a command link or a script in the preview');
    await vscode.workspace.getConfiguration('paperLens').update('preview.enabled', false, vscode.ConfigurationTarget.Global);
    const off = await vscode.commands.executeCommand<string>('markdown.api.render', note);
    assert.ok(!off.includes('paper-lens-mention') && off.includes('DuoAttention'), off);
  });

  it('exports a .bib of every paper the workspace\'s notes cite, under stable keys, and never replaces a file unasked', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-lens-export-'));
    const target = vscode.Uri.file(path.join(dir, 'references.bib'));
    const asked: string[] = [];
    let replace = false;
    api.exporter.prompts = {
      ...api.exporter.prompts,
      saveDialog: async options => {
        asked.push(`save ${options.defaultUri ? path.basename(options.defaultUri.fsPath) : ''}`);
        return target;
      },
      confirmReplace: async uri => {
        asked.push(`replace ${path.basename(uri.fsPath)}`);
        return replace;
      },
    };
    try {
      await indexCurrent(api);
      const result = await vscode.commands.executeCommand<ExportResult>('paperLens.exportReferences', 'workspace');
      assert.deepStrictEqual(asked, ['save references.bib'], 'no file existed: nothing to confirm');
      const text = fs.readFileSync(target.fsPath, 'utf8');
      const parsed = parseBibtex(text, target.fsPath);
      assert.deepStrictEqual(parsed.problems, []);
      const keys = parsed.entries.map(e => e.key);
      // Every paper cited without ambiguity by an indexed note, each once.
      const cited = new Set(api.workspace.index.paths().flatMap(p => api.workspace.index.mentionsIn(p)).filter(m => !m.ambiguous).map(m => m.papers[0]));
      assert.strictEqual(keys.length, cited.size, keys.join(', '));
      assert.strictEqual(new Set(keys).size, keys.length, 'a key twice');
      // The user's own key where the paper came from their library; the derived one otherwise.
      for (const k of ['xiao2024duo', 'hooper2024kvquant', 'chen2023longlora', 'lee2025walrus', 'park2024narwhal']) assert.ok(keys.includes(k), `${k} missing: ${keys.join(', ')}`);
      assert.strictEqual(parsed.entries.find(e => e.key === 'xiao2024duo')?.arxiv, DUO);
      assert.strictEqual(result.papers.length, keys.length);

      // The file exists now: declining leaves it as it is.
      fs.writeFileSync(target.fsPath, '% mine\n');
      assert.strictEqual(await vscode.commands.executeCommand('paperLens.exportReferences', 'workspace'), undefined);
      assert.deepStrictEqual(asked.slice(1), ['save references.bib', 'replace references.bib']);
      assert.strictEqual(fs.readFileSync(target.fsPath, 'utf8'), '% mine\n', 'replaced without asking');
      replace = true;
      await vscode.commands.executeCommand('paperLens.exportReferences', 'workspace');
      assert.strictEqual(fs.readFileSync(target.fsPath, 'utf8'), text, 'the same notes give the same file');
    } finally {
      api.exporter.prompts = (await import('../../src/vscode/exportReferences')).DEFAULT_PROMPTS;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exports the active note as CSL-JSON, its arXiv reference included', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-lens-export-'));
    const target = vscode.Uri.file(path.join(dir, 'kv-cache.json'));
    const doc = await vscode.workspace.openTextDocument(KV_CACHE);
    await vscode.window.showTextDocument(doc);
    api.exporter.prompts = {
      ...api.exporter.prompts,
      pickScope: async choices => choices.find(c => c.scope?.kind === 'document'),
      saveDialog: async () => target,
      confirmReplace: async () => false,
    };
    try {
      await vscode.commands.executeCommand('paperLens.exportReferences');
      const parsed = parseCslJson(fs.readFileSync(target.fsPath, 'utf8'), target.fsPath);
      assert.deepStrictEqual(parsed.problems, []);
      assert.deepStrictEqual(parsed.entries.map(e => e.key).sort(), ['hooper2024kvquant', 'xiao2024duo']);
      assert.deepStrictEqual(parsed.entries.map(e => e.arxiv).sort(), [KVQUANT, DUO].sort());
    } finally {
      api.exporter.prompts = (await import('../../src/vscode/exportReferences')).DEFAULT_PROMPTS;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
