// Unknown arXiv references in the real host: the small card, "Fetch details" through the real HTTP
// client against a local arXiv (started here: the extension host is Node), the fetched card, "Add to
// my collection", and the collection file it writes. Nothing is fetched without a command.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { PaperLensTestHooks } from '../../src/extension';
import { cslSchemaViolations } from '../fixtures/cslSchema';
import { FakeApiServer, closedPortUrl } from '../unit/support/fakeApiServer';
import { activatePaperLens, closeAllEditors, keepWorkspaceSettings, waitFor } from './helpers';

const STREAMING = '2309.17453';
const STREAMING_TITLE = 'Efficient Streaming Language Models with Attention Sinks';

function hoverMarkdown(hovers: vscode.Hover[] | undefined): vscode.MarkdownString[] {
  return (hovers ?? []).flatMap(h => h.contents.filter((c): c is vscode.MarkdownString => typeof c !== 'string' && 'isTrusted' in c));
}

function hoverText(hovers: vscode.Hover[] | undefined): string {
  return (hovers ?? []).flatMap(h => h.contents.map(c => (typeof c === 'string' ? c : c.value))).join('\n');
}

async function hoverAt(doc: vscode.TextDocument, text: string): Promise<vscode.Hover[]> {
  const at = doc.getText().indexOf(text);
  assert.ok(at >= 0, `the note lacks ${text}`);
  return vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(at + 3));
}

/** The command and arguments of a `command:` link in a card, as a click would run them. */
function commandLink(markdown: string, command: string): unknown[] {
  const m = new RegExp(`command:${command.replace(/\./g, '\\.')}\\?([^)\\s]+)`).exec(markdown);
  assert.ok(m, `no ${command} link in:\n${markdown}`);
  return JSON.parse(decodeURIComponent(m[1])) as unknown[];
}

describe('arXiv papers the library does not know (fetch on demand)', () => {
  let api: PaperLensTestHooks;
  let server: FakeApiServer;
  let dir: string;
  let collectionFile: string;
  let doc: vscode.TextDocument;
  const config = () => vscode.workspace.getConfiguration('paperLens');

  before(async () => {
    api = await activatePaperLens();
    server = await FakeApiServer.start();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-lens-fetch-'));
    collectionFile = path.join(dir, 'collection.json');
    await config().update('arxiv.endpoint', server.arxivEndpoint, vscode.ConfigurationTarget.Global);
    await config().update('network.enabled', true, vscode.ConfigurationTarget.Global);
    await config().update('collection.path', collectionFile, vscode.ConfigurationTarget.Global);
    await waitFor(() => api.collection.file() === collectionFile, 'the collection setting');
    await api.collection.reload();
    // The first-use note is a modal dialog; here it is answered "Continue" (one test declines it).
    api.arxiv.confirmFirstUse = async () => 'continue';
    doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: `Attention sinks: https://arxiv.org/abs/${STREAMING} keep the first tokens.\n\nThe original transformer is arXiv:1706.03762.\n` });
    await vscode.window.showTextDocument(doc);
  });

  after(async () => {
    api.arxiv.clearFetched();
    await api.arxiv.forgetFirstUseNote();
    for (const key of ['arxiv.endpoint', 'network.enabled', 'collection.path']) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    await api.collection.reload();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
    await closeAllEditors();
  });

  it('shows a small card with "Fetch details" on an unknown arXiv link, and sends nothing by hovering', async () => {
    const hovers = await hoverAt(doc, 'arxiv.org/abs');
    const text = hoverText(hovers);
    assert.match(text, /\*\*arXiv 2309\\\.17453\*\* — not in your library/);
    assert.match(text, /Fetch details\]\(command:paperLens\.fetchArxiv\?/);
    assert.match(text, /from 127\\\.0\\\.0\\\.1:\d+/, 'the card says where it would ask');
    const [card] = hoverMarkdown(hovers);
    assert.deepStrictEqual(card.isTrusted, { enabledCommands: ['paperLens.fetchArxiv'] }, 'trusted for its own command only');
    assert.strictEqual(card.supportHtml, false);
    assert.strictEqual(doc.getText(hovers[0].range), `https://arxiv.org/abs/${STREAMING}`);
    assert.strictEqual(server.requests.length, 0);
  });

  it('asks before the first request: declined, nothing is sent and the card still offers to fetch', async () => {
    await api.arxiv.forgetFirstUseNote();
    let asked = 0;
    api.arxiv.confirmFirstUse = async host => {
      asked++;
      assert.match(host, /^127\.0\.0\.1:\d+$/);
      return undefined;
    };
    const outcome = await vscode.commands.executeCommand<{ ok: boolean }>('paperLens.fetchArxiv', STREAMING);
    assert.strictEqual(outcome.ok, false);
    assert.strictEqual(asked, 1);
    assert.strictEqual(server.requests.length, 0);
    assert.match(hoverText(await hoverAt(doc, 'arxiv.org/abs')), /Fetch details/);
    api.arxiv.confirmFirstUse = async () => {
      asked++;
      return 'continue';
    };
  });

  it('"Fetch details" asks the arXiv API and the same hover shows the full card, offering "Add to my collection"', async () => {
    const args = commandLink(hoverText(await hoverAt(doc, 'arxiv.org/abs')), 'paperLens.fetchArxiv');
    assert.strictEqual(args[0], STREAMING);
    const outcome = await vscode.commands.executeCommand<{ ok: boolean; paper?: { title: string } }>('paperLens.fetchArxiv', ...args);
    assert.ok(outcome.ok, JSON.stringify(outcome));
    assert.deepStrictEqual(server.requests.map(r => r.query.get('id_list')), [STREAMING]);
    const hovers = await hoverAt(doc, 'arxiv.org/abs');
    const text = hoverText(hovers);
    assert.match(text, /^\*\*Efficient Streaming Language Models with Attention Sinks\*\*\n/);
    assert.match(text, /2023 · Xiao et al\\\. · /);
    assert.match(text, /command:paperLens\.addToCollection\?/);
    const extras = hoverMarkdown(hovers).find(m => m.value.includes('addToCollection'));
    assert.deepStrictEqual(extras?.isTrusted, { enabledCommands: ['paperLens.addToCollection'] });
    // Fetched once: hovering again, or fetching again, asks nothing more (the answer is cached).
    await vscode.commands.executeCommand('paperLens.fetchArxiv', STREAMING);
    assert.strictEqual(server.requests.length, 1);
  });

  it('says what went wrong, and never shows a broken card: malformed answer, rate limit, network off', async () => {
    server.script({ kind: 'malformed' });
    const malformed = await vscode.commands.executeCommand<{ ok: boolean; message?: string }>('paperLens.fetchArxiv', '1706.03762');
    assert.strictEqual(malformed.ok, false);
    assert.match(malformed.message ?? '', /arXiv's answer could not be read/);
    let text = hoverText(await hoverAt(doc, 'arXiv:1706'));
    assert.match(text, /\*\*arXiv 1706\\\.03762\*\* — not in your library/);
    assert.match(text, /answer could not be read/);
    assert.match(text, /Try again\]\(command:paperLens\.fetchArxiv/);

    // Longer than the client waits by itself (10 s): reported, not waited out.
    server.script({ kind: 'retryAfter', value: '30' });
    const limited = await vscode.commands.executeCommand<{ ok: boolean; message?: string }>('paperLens.fetchArxiv', '1706.03762');
    assert.match(limited.message ?? '', /arXiv asks to retry in 30 s/);
    assert.match(hoverText(await hoverAt(doc, 'arXiv:1706')), /arXiv asks to retry in 30 s/);

    const before = server.requests.length;
    await config().update('network.enabled', false, vscode.ConfigurationTarget.Global);
    try {
      text = hoverText(await hoverAt(doc, 'arXiv:1706'));
      assert.match(text, /Network use is off/);
      assert.doesNotMatch(text, /command:/, 'no command to fetch while network use is off');
      const off = await vscode.commands.executeCommand<{ ok: boolean }>('paperLens.fetchArxiv', '1706.03762');
      assert.strictEqual(off.ok, false);
      assert.strictEqual(server.requests.length, before, 'nothing sent');
    } finally {
      await config().update('network.enabled', true, vscode.ConfigurationTarget.Global);
    }
  });

  it("lets a workspace's settings turn network use off, never on", async () => {
    const restore = keepWorkspaceSettings();
    const before = server.requests.length;
    const isOff = async () => /Network use is off/.test(hoverText(await hoverAt(doc, 'arXiv:1706'))) || undefined;
    try {
      await config().update('network.enabled', false, vscode.ConfigurationTarget.Workspace);
      await waitFor(isOff, 'network use off by the workspace');
      assert.strictEqual((await vscode.commands.executeCommand<{ ok: boolean }>('paperLens.fetchArxiv', '1706.03762')).ok, false);

      await config().update('network.enabled', false, vscode.ConfigurationTarget.Global);
      await config().update('network.enabled', true, vscode.ConfigurationTarget.Workspace);
      await waitFor(() => config().inspect<boolean>('network.enabled')?.workspaceValue === true || undefined, 'the workspace setting');
      assert.ok(await isOff(), 'a workspace cannot turn on what the user turned off');
      assert.strictEqual((await vscode.commands.executeCommand<{ ok: boolean }>('paperLens.fetchArxiv', '1706.03762')).ok, false);
      assert.strictEqual(server.requests.length, before, 'nothing sent');
    } finally {
      await config().update('network.enabled', undefined, vscode.ConfigurationTarget.Workspace);
      await config().update('network.enabled', true, vscode.ConfigurationTarget.Global);
      restore();
    }
  });

  it('says so when the arXiv server is not there, with a card that offers to try again', async () => {
    const before = server.requests.length;
    const gone = await closedPortUrl();
    await config().update('arxiv.endpoint', gone, vscode.ConfigurationTarget.Global);
    try {
      const outcome = await vscode.commands.executeCommand<{ ok: boolean; message?: string }>('paperLens.fetchArxiv', '1706.03762');
      assert.strictEqual(outcome.ok, false);
      assert.strictEqual(outcome.message, `arXiv could not be reached: connection refused by ${new URL(gone).host}`);
      const text = hoverText(await hoverAt(doc, 'arXiv:1706'));
      assert.match(text, /\*\*arXiv 1706\\\.03762\*\* — not in your library/);
      assert.match(text, /connection refused/);
      assert.match(text, /Try again\]\(command:paperLens\.fetchArxiv/);
    } finally {
      await config().update('arxiv.endpoint', server.arxivEndpoint, vscode.ConfigurationTarget.Global);
    }
    assert.strictEqual(server.requests.length, before, 'the test server was not asked');
  });

  it('answers a paper fetched before from its cache, without a request, once the session has forgotten it', async () => {
    api.arxiv.clearFetched();
    assert.match(hoverText(await hoverAt(doc, 'arxiv.org/abs')), /Fetch details/, 'the session no longer holds it');
    const before = server.requests.length;
    const outcome = await vscode.commands.executeCommand<{ ok: boolean; paper?: { title: string } }>('paperLens.fetchArxiv', STREAMING);
    assert.ok(outcome.ok, JSON.stringify(outcome));
    assert.strictEqual(outcome.paper?.title, STREAMING_TITLE);
    assert.strictEqual(server.requests.length, before, 'served from the cache in global state');
    assert.match(hoverText(await hoverAt(doc, 'arxiv.org/abs')), /^\*\*Efficient Streaming Language Models with Attention Sinks\*\*\n/);
  });

  it('"Add to my collection" puts it in the tree and search; the file is valid CSL-JSON and survives a reload', async () => {
    const args = commandLink(hoverText(await hoverAt(doc, 'arxiv.org/abs')), 'paperLens.addToCollection');
    assert.strictEqual(await vscode.commands.executeCommand('paperLens.addToCollection', ...args), true);
    await api.collection.idle;

    const items = JSON.parse(fs.readFileSync(collectionFile, 'utf8')) as { id: string; title: string; author: unknown[] }[];
    assert.deepStrictEqual(cslSchemaViolations(items), []);
    assert.deepStrictEqual(items.map(i => [i.id, i.title]), [['xiao2023efficient', STREAMING_TITLE]]);
    assert.strictEqual(items[0].author.length, 5, 'every author arXiv lists');

    const inTree = () => {
      api.papers.tree.refresh();
      return api.papers.tree.rootGroups().some(g => g.papers.some(p => p.arxiv === STREAMING));
    };
    await waitFor(inTree, 'the paper in the Papers tree');
    const hits = api.library.current().search.search(STREAMING_TITLE, { limit: 5 });
    assert.strictEqual(hits[0]?.paper.arxiv, STREAMING);
    const paper = api.library.snapshot().paperByArxiv(STREAMING);
    assert.deepStrictEqual(paper?.origins?.map(o => o.source), ['collection'], 'the collection now holds it, not the fetched source');
    assert.doesNotMatch(hoverText(await hoverAt(doc, 'arxiv.org/abs')), /addToCollection/, 'the card no longer offers to add it');

    // Read again from disk, as after a window reload: the paper is still there, with its names.
    api.arxiv.clearFetched();
    api.library.paperLens().library.removeSource('collection');
    assert.strictEqual(api.library.snapshot().paperByArxiv(STREAMING), undefined);
    await api.collection.reload(true);
    const reloaded = api.library.snapshot().paperByArxiv(STREAMING);
    assert.strictEqual(reloaded?.title, STREAMING_TITLE);
    assert.strictEqual(reloaded?.authors?.length, 5);
    assert.ok(reloaded?.topics.length, 'the classifier gave it a topic');
  });
});
