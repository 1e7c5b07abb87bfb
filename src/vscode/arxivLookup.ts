// Feature: arXiv papers the library does not know, fetched on demand. Hovering an unknown arXiv
// reference shows a small card with "Fetch details"; the command asks the arXiv API (setting
// `paperLens.arxiv.endpoint`) through the core's polite client, puts the paper in an in-memory
// "fetched" source — so the same hover now shows the full card, with "Add to my collection" — and
// says what went wrong when it cannot (offline, timeout, rate limit, a malformed answer).
//
// Network use is explicit: nothing is sent without a command the user ran; `paperLens.network.enabled`
// turns it off (a workspace may turn it off, never on); before the first request to a host a note
// says what is sent where; answers are cached in VS Code's global state on this machine, never in
// the workspace. In the web UI (code-server, Codespaces) the extension host — and so every request —
// runs on the remote machine; the note says so.
import * as vscode from 'vscode';
import { parseArxivId } from '../core/library/arxivId';
import type { Library } from '../core/library/library';
import type { Paper } from '../core/library/model';
import { ARXIV_API_ENDPOINT, type ArxivCache, ArxivClient, type ArxivLookup as ArxivResult } from '../core/net/arxivClient';
import { HF_DAILY_PAPERS_ENDPOINT } from '../core/net/hfDailyPapersClient';
import type { ArxivRecord } from '../core/sources/arxivAtom';
import type { EntryConversion } from '../core/sources/bibliographyPapers';
import { COLLECTION_SOURCE_ID, FETCHED_SOURCE_ID, fetchedSource } from '../core/sources/collection';
import { clipForMessage } from '../core/text/quote';
import { httpUrl } from '../core/text/urls';
import { commandUri, escapeMarkdown } from '../ui/cardMarkdown';
import { NodeHttpTransport } from '../node/httpTransport';

/** The commands a card for an unknown or fetched paper may run; its MarkdownString trusts exactly these. */
export const FETCH_CARD_COMMANDS = ['paperLens.fetchArxiv', 'paperLens.addToCollection'] as const;

const NOTE_KEY = 'paperLens.network.acknowledgedHosts';
const CACHE_KEY = 'paperLens.arxiv.cache.v1';
/** A few hundred records are a few hundred KB of global state: enough for a reading session's lookups. */
const CACHE_MAX_RECORDS = 500;
/** arXiv metadata changes when a new version appears; an id asked without a version is looked up again after this. */
const CACHE_LATEST_TTL_MS = 30 * 24 * 3600 * 1000;

/** Network use, as the user allows it: their own setting, which a workspace may only turn off. */
export function networkEnabled(): boolean {
  const c = vscode.workspace.getConfiguration('paperLens').inspect<boolean>('network.enabled');
  const user = c?.globalValue ?? c?.defaultValue ?? true;
  return user !== false && c?.workspaceValue !== false && c?.workspaceFolderValue !== false;
}

/**
 * An endpoint setting from the user's own settings only: a workspace must not be able to send the
 * user's lookups (what they read) to a server of its choosing.
 */
function userEndpoint(key: string, fallback: string): string {
  const c = vscode.workspace.getConfiguration('paperLens').inspect<string>(key);
  const v = c?.globalValue ?? c?.defaultValue;
  return (typeof v === 'string' && httpUrl(v)) || fallback;
}

export const arxivEndpoint = (): string => userEndpoint('arxiv.endpoint', ARXIV_API_ENDPOINT);
export const huggingFaceEndpoint = (): string => userEndpoint('huggingFace.endpoint', HF_DAILY_PAPERS_ENDPOINT);

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** arXiv answers kept in global state (a Memento): bounded, the oldest dropped first. */
export class MementoArxivCache implements ArxivCache {
  private writes: Promise<unknown> = Promise.resolve();

  constructor(private readonly memento: vscode.Memento, private readonly now: () => number = Date.now) {}

  private entries(): Record<string, { at: number; record: ArxivRecord }> {
    const stored = this.memento.get<unknown>(CACHE_KEY);
    return typeof stored === 'object' && stored !== null && !Array.isArray(stored) ? (stored as Record<string, { at: number; record: ArxivRecord }>) : {};
  }

  get(key: string): ArxivRecord | undefined {
    const hit = this.entries()[key];
    if (!hit || typeof hit.at !== 'number' || typeof hit.record?.arxiv !== 'string') return undefined;
    // A versioned answer never changes; "the latest" does, when a new version appears.
    if (!/v\d+$/.test(key) && this.now() - hit.at > CACHE_LATEST_TTL_MS) return undefined;
    return hit.record;
  }

  set(key: string, record: ArxivRecord): Promise<void> {
    const run = this.writes.then(async () => {
      const next = { ...this.entries(), [key]: { at: this.now(), record } };
      const keys = Object.keys(next);
      if (keys.length > CACHE_MAX_RECORDS) {
        keys.sort((a, b) => next[a].at - next[b].at);
        for (const k of keys.slice(0, keys.length - CACHE_MAX_RECORDS)) delete next[k];
      }
      await this.memento.update(CACHE_KEY, next);
    });
    this.writes = run.catch(() => undefined);
    return run;
  }
}

export type FirstUseAnswer = 'continue' | 'turnOff' | undefined;

export interface ArxivLookupDeps {
  library(): Library;
  conversion(): Omit<EntryConversion, 'source' | 'file'>;
  globalState: vscode.Memento;
  output: vscode.OutputChannel;
  /** Opens a paper's details (after a fetch from the palette). */
  openDetails?(paper: Paper): void;
}

/** What a fetch did: the result per id (tests and callers read it). */
export interface FetchOutcome {
  id: string;
  ok: boolean;
  message?: string;
  paper?: Paper;
}

export class ArxivLookup implements vscode.Disposable {
  private client: { endpoint: string; client: ArxivClient } | undefined;
  private readonly transport = new NodeHttpTransport();
  private readonly cache: MementoArxivCache;
  /** Papers fetched this session, by arXiv id: the "fetched" source. */
  private readonly fetched = new Map<string, ArxivRecord>();
  /** Ids being fetched, and the last failure per id: the card says so. */
  private readonly pending = new Set<string>();
  private readonly failures = new Map<string, string>();

  /**
   * Asks, before the first request to a host, whether to go ahead (a modal note saying what is sent
   * where). Replaceable: tests answer it without a dialog.
   */
  confirmFirstUse: (host: string, endpoint: string, purpose: string) => Thenable<FirstUseAnswer> = firstUseNote;

  constructor(private readonly deps: ArxivLookupDeps) {
    this.cache = new MementoArxivCache(deps.globalState);
  }

  /** The client for the configured endpoint: one per endpoint, so its rate limit spans every caller. */
  private arxivClient(): ArxivClient {
    const endpoint = arxivEndpoint();
    if (this.client?.endpoint !== endpoint) this.client = { endpoint, client: new ArxivClient({ transport: this.transport, endpoint, cache: this.cache }) };
    return this.client.client;
  }

  /** The transport the Hugging Face client shares (one Node transport per extension). */
  get httpTransport(): NodeHttpTransport {
    return this.transport;
  }

  /**
   * Whether a request to `endpoint` may be sent now: the setting allows it and the user has seen the
   * first-use note for its host. Says why not when it may not.
   */
  async mayUse(endpoint: string, purpose: string): Promise<boolean> {
    if (!networkEnabled()) {
      void vscode.window.showInformationMessage('Paper Lens: network use is off (setting paperLens.network.enabled), so nothing was sent.', 'Turn On').then(choice => {
        if (choice) void vscode.workspace.getConfiguration('paperLens').update('network.enabled', true, vscode.ConfigurationTarget.Global);
      });
      return false;
    }
    const host = hostOf(endpoint);
    const acknowledged = this.deps.globalState.get<string[]>(NOTE_KEY, []);
    if (Array.isArray(acknowledged) && acknowledged.includes(host)) return true;
    const answer = await this.confirmFirstUse(host, endpoint, purpose);
    if (answer === 'turnOff') {
      await vscode.workspace.getConfiguration('paperLens').update('network.enabled', false, vscode.ConfigurationTarget.Global);
      return false;
    }
    if (answer !== 'continue') return false;
    await this.deps.globalState.update(NOTE_KEY, [...(Array.isArray(acknowledged) ? acknowledged : []), host]);
    return true;
  }

  /** Forgets that the first-use note was seen (tests; a person changing their mind sees it again). */
  async forgetFirstUseNote(): Promise<void> {
    await this.deps.globalState.update(NOTE_KEY, undefined);
  }

  /** The arXiv client, if network use is allowed now (asking on first use); undefined otherwise. */
  async clientIfAllowed(purpose: string): Promise<ArxivClient | undefined> {
    return (await this.mayUse(arxivEndpoint(), purpose)) ? this.arxivClient() : undefined;
  }

  /** The record fetched this session for an id, if any. */
  record(arxiv: string): ArxivRecord | undefined {
    return this.fetched.get(arxiv);
  }

  /** Fetches ids the user asked for; the papers found join the library. Never rejects. */
  async fetch(ids: readonly string[], token?: vscode.CancellationToken): Promise<FetchOutcome[]> {
    const wanted = [...new Set(ids.map(i => parseArxivId(i)?.id).filter((i): i is string => !!i))];
    if (!wanted.length) return ids.map(id => ({ id, ok: false, message: `"${clipForMessage(id)}" is not an arXiv identifier` }));
    const client = await this.clientIfAllowed(`the arXiv id${wanted.length === 1 ? '' : 's'} ${wanted.join(', ')}`);
    if (!client) return wanted.map(id => ({ id, ok: false, message: 'network use is off or was declined' }));
    const controller = new AbortController();
    const cancel = token?.onCancellationRequested(() => controller.abort());
    for (const id of wanted) this.pending.add(id);
    let results: ArxivResult[];
    try {
      results = await client.fetch(wanted, { signal: controller.signal });
    } finally {
      cancel?.dispose();
      for (const id of wanted) this.pending.delete(id);
    }
    const outcomes: FetchOutcome[] = [];
    for (const r of results) {
      const id = r.id ?? r.input;
      if (r.ok) {
        this.failures.delete(id);
        this.fetched.set(r.id, r.record);
      } else {
        this.failures.set(id, r.error.message);
        this.deps.output.appendLine(`[${new Date().toLocaleTimeString()}] arXiv ${id}: ${r.error.message}`);
      }
      outcomes.push(r.ok ? { id, ok: true } : { id, ok: false, message: r.error.message });
    }
    if (outcomes.some(o => o.ok)) this.publish();
    const snapshot = this.deps.library().snapshot();
    for (const o of outcomes) if (o.ok) o.paper = snapshot.paperByArxiv(o.id);
    return outcomes;
  }

  /** The fetched papers as a library source (none: the source is removed). */
  private publish(): void {
    const library = this.deps.library();
    if (!this.fetched.size) {
      library.removeSource(FETCHED_SOURCE_ID);
      return;
    }
    library.setSource(fetchedSource([...this.fetched.values()], this.deps.conversion()));
  }

  /** A fetched paper is now in the collection: the collection's copy (names a person may edit) is the one to show. */
  collected(arxiv: string): void {
    if (this.fetched.delete(arxiv)) this.publish();
  }

  /** Drops every fetched paper (tests). */
  clearFetched(): void {
    this.fetched.clear();
    this.failures.clear();
    this.publish();
  }

  /** The card for an arXiv reference the library does not know: the id, and how to learn more. */
  unknownCard(ref: string, uri: vscode.Uri, offset: number): vscode.MarkdownString {
    const parsed = parseArxivId(ref);
    const id = parsed?.id ?? ref;
    const lines = [`**arXiv ${escapeMarkdown(ref)}** — not in your library`, ''];
    const abs = `https://arxiv.org/abs/${encodeURI(id)}`;
    if (this.pending.has(id)) {
      lines.push('$(sync~spin) Fetching details…');
    } else if (!networkEnabled()) {
      lines.push(`Network use is off (\`paperLens.network.enabled\`): [open on arXiv](${abs})`);
    } else {
      const failed = this.failures.get(id);
      if (failed) lines.push(`$(warning) ${escapeMarkdown(failed)}`, '');
      lines.push(`[$(cloud-download) ${failed ? 'Try again' : 'Fetch details'}](${commandUri('paperLens.fetchArxiv', [id, uri.toString(), offset])}) from ${escapeMarkdown(hostOf(arxivEndpoint()))} · [open on arXiv](${abs})`);
    }
    return trustedFor(lines.join('\n'), ['paperLens.fetchArxiv']);
  }

  /** What a card adds for papers fetched but not collected: "Add to my collection". */
  cardExtras(papers: readonly Paper[]): vscode.MarkdownString | undefined {
    const onlyFetched = papers.filter(p => p.origins?.length && p.origins.every(o => o.source === FETCHED_SOURCE_ID) && !p.origins.some(o => o.source === COLLECTION_SOURCE_ID));
    if (!onlyFetched.length) return undefined;
    const links = onlyFetched.map(p => `[$(add) Add to my collection](${commandUri('paperLens.addToCollection', [p.id])})${onlyFetched.length > 1 ? ` (${escapeMarkdown(p.id)})` : ''}`);
    return trustedFor(`Fetched from arXiv, not saved yet · ${links.join(' · ')}`, ['paperLens.addToCollection']);
  }

  dispose(): void {
    this.pending.clear();
  }
}

/** Markdown that may run exactly these commands of ours; HTML off. */
function trustedFor(body: string, commands: readonly (typeof FETCH_CARD_COMMANDS)[number][]): vscode.MarkdownString {
  const md = new vscode.MarkdownString(body, true);
  md.isTrusted = { enabledCommands: [...commands] };
  md.supportHtml = false;
  return md;
}

/** The note before the first request to a host: what is sent, where, from where, and how to stop it. */
async function firstUseNote(host: string, endpoint: string, purpose: string): Promise<FirstUseAnswer> {
  const remote = vscode.env.remoteName ? ` from the machine the extension runs on (${vscode.env.remoteName}), not from your browser` : '';
  const detail = [
    `To look up ${purpose}, Paper Lens sends a request to ${endpoint}${remote}.`,
    'It sends only what you asked to look up (arXiv ids; for an import, also the titles of papers that have no id, or a date) — nothing else from your notes, and nothing while you only read or hover.',
    "Answers are cached in VS Code's storage on this machine, not in your workspace.",
    'Turn this off at any time with the setting paperLens.network.enabled.',
  ].join('\n\n');
  const choice = await vscode.window.showInformationMessage(`Paper Lens is about to contact ${host}`, { modal: true, detail }, 'Continue', 'Turn Off Network Use');
  return choice === 'Continue' ? 'continue' : choice === 'Turn Off Network Use' ? 'turnOff' : undefined;
}

/** Registers "Fetch arXiv Details…" (from a card's link with the reference's place, or from the palette). */
export function activateArxivLookup(context: vscode.ExtensionContext, deps: ArxivLookupDeps): ArxivLookup {
  const lookup = new ArxivLookup(deps);
  const fetchCommand = async (ref?: unknown, uri?: unknown, offset?: unknown): Promise<FetchOutcome | undefined> => {
    let input = typeof ref === 'string' ? ref : undefined;
    if (input === undefined) {
      input = await vscode.window.showInputBox({
        title: 'Fetch arXiv Details',
        prompt: 'An arXiv id or link',
        placeHolder: 'e.g. 2309.17453 or https://arxiv.org/abs/2309.17453',
        value: referenceAtCursor(),
        validateInput: v => (parseArxivId(v) ? undefined : 'Not an arXiv id or link'),
      });
      if (input === undefined) return undefined;
    }
    const parsed = parseArxivId(input);
    if (!parsed) {
      void vscode.window.showWarningMessage(`Paper Lens: "${clipForMessage(input)}" is not an arXiv id or link.`);
      return { id: input, ok: false, message: 'not an arXiv identifier' };
    }
    const known = deps.library().snapshot().paperByArxiv(parsed.id);
    if (known && !known.origins?.every(o => o.source === FETCHED_SOURCE_ID)) {
      // The library has it already: there is nothing to fetch.
      deps.openDetails?.(known);
      return { id: parsed.id, ok: true, paper: known };
    }
    const [outcome] = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: `Paper Lens: fetching arXiv ${parsed.id}…`, cancellable: false },
      () => lookup.fetch([parsed.id]),
    );
    if (typeof uri === 'string' && typeof offset === 'number') await reshowHover(uri, offset);
    if (outcome.ok && outcome.paper) {
      const paper = outcome.paper;
      void vscode.window.showInformationMessage(`Paper Lens: fetched “${clipForMessage(paper.title, 80)}” from arXiv.`, 'Add to My Collection', 'Open Details').then(choice => {
        if (choice === 'Add to My Collection') void vscode.commands.executeCommand('paperLens.addToCollection', paper.id);
        else if (choice === 'Open Details') deps.openDetails?.(paper);
      });
      if (typeof uri !== 'string') deps.openDetails?.(paper);
    } else if (outcome.message && outcome.message !== 'network use is off or was declined') {
      void vscode.window.showWarningMessage(`Paper Lens could not fetch arXiv ${parsed.id}: ${outcome.message}`, 'Try Again', 'Show Log').then(choice => {
        if (choice === 'Try Again') void vscode.commands.executeCommand('paperLens.fetchArxiv', parsed.id, uri, offset);
        else if (choice === 'Show Log') deps.output.show(true);
      });
    }
    return outcome;
  };
  context.subscriptions.push(lookup, vscode.commands.registerCommand('paperLens.fetchArxiv', fetchCommand));
  return lookup;
}

/** The arXiv reference under the cursor of the active editor, to offer as the default. */
function referenceAtCursor(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const range = editor.document.getWordRangeAtPosition(editor.selection.active, /[\w.:/-]+/);
  const text = range ? editor.document.getText(range) : editor.document.getText(editor.selection);
  return parseArxivId(text) ? text : undefined;
}

/** Shows the hover again where the user clicked "Fetch details", now with the fetched card. */
async function reshowHover(uri: string, offset: number): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.uri.toString() !== uri) return;
  const position = editor.document.positionAt(offset);
  editor.selection = new vscode.Selection(position, position);
  await vscode.commands.executeCommand('editor.action.showHover');
}
