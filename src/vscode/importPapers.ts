// Feature: "Paper Lens: Import Papers…" — grow the collection from what the bundled corpus came
// from: a Hugging Face daily-papers page as saved or copied, the daily-papers API for a date
// (fetched, or saved as JSON), or arXiv ids and links (a list, or those in the active note). The
// core reads the input and plans the import (src/core/sources/importPlan.ts); this adapter gets the
// text, runs the lookups with progress and cancel, and shows what would be added — new (checked),
// already in the collection, failed — before one undoable write adds the papers checked.
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { LibrarySnapshot } from '../core/library/library';
import type { FetchError } from '../core/net/fetchError';
import { HfDailyPapersClient } from '../core/net/hfDailyPapersClient';
import { incomingFromRecord } from '../core/sources/collection';
import {
  type ArxivPort, IMPORT_FORMAT_LABELS, type ImportFormat, type ImportInput, type ImportPlan, type PlannedItem, parseImportInput, planImport, planSummary, resolveImport,
} from '../core/sources/importPlan';
import { clipForMessage } from '../core/text/quote';
import { type ArxivLookup, huggingFaceEndpoint, networkEnabled } from './arxivLookup';
import type { Collection } from './collection';

/** Listings and id lists are small; a file this large is something else. */
const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export interface ImportRequest {
  /** The text to import; given, nothing is asked about where it comes from. */
  text?: string;
  format?: ImportFormat;
  /** Where the text comes from, without asking. */
  source?: 'clipboard' | 'file' | 'note' | 'date';
  file?: string;
  /** For `source: 'date'`: YYYY-MM-DD. */
  date?: string;
}

export interface ImportOutcome {
  plan: ImportPlan;
  /** Papers written to the collection. */
  added: number;
}

export interface PlanPickItem extends vscode.QuickPickItem {
  planned?: PlannedItem;
  /** A paper the import would add (only these are added when checked). */
  isNew?: boolean;
}

export interface ImporterDeps {
  collection: Collection;
  arxiv: ArxivLookup;
  snapshot(): LibrarySnapshot;
  output: vscode.OutputChannel;
}

/** Quick-pick text renders `$(name)` as an icon: untrusted titles must not. */
function plain(text: string): string {
  return text.replace(/\$\(/g, '$\u200b(');
}

export class PaperImporter {
  /** The review picker while it is open: a seam for tests. */
  activePick: vscode.QuickPick<PlanPickItem> | undefined;

  constructor(private readonly deps: ImporterDeps) {}

  async run(request: ImportRequest = {}): Promise<ImportOutcome | undefined> {
    const input = await this.input(request);
    if (!input) return undefined;
    const plan = await this.plan(input.input);
    if (!plan) return undefined;
    this.log(plan, input.from);
    if (!plan.added.length) {
      void vscode.window.showInformationMessage(`Paper Lens: nothing new to import — ${planSummary(plan)}.`, 'Show Details').then(choice => {
        if (choice) this.deps.output.show(true);
      });
      return { plan, added: 0 };
    }
    const chosen = await this.review(plan);
    if (!chosen) return { plan, added: 0 };
    if (!chosen.length) return { plan, added: 0 };
    const added = await this.deps.collection.addItems(chosen.map(p => p.item!), `Import ${chosen.length} paper${chosen.length === 1 ? '' : 's'} from ${input.from}`);
    if (added === undefined) return { plan, added: 0 };
    void vscode.window.showInformationMessage(`Paper Lens: added ${added.length} paper${added.length === 1 ? '' : 's'} to your collection.`, 'Undo', 'Show Papers').then(choice => {
      if (choice === 'Undo') void this.deps.collection.undo();
      else if (choice) void vscode.commands.executeCommand('workbench.view.extension.paperLens');
    });
    return { plan, added: added.length };
  }

  /** The text to import and what it is, from the request or by asking. */
  private async input(request: ImportRequest): Promise<{ input: ImportInput; from: string } | undefined> {
    let text = request.text;
    let format = request.format;
    let from = 'the given text';
    if (text === undefined) {
      const source = request.source ?? (await this.askSource());
      if (!source) return undefined;
      if (source === 'date') return this.fromDate(request.date);
      if (source === 'clipboard') {
        text = await vscode.env.clipboard.readText();
        from = 'the clipboard';
      } else if (source === 'note') {
        const doc = vscode.window.activeTextEditor?.document;
        if (!doc) {
          void vscode.window.showInformationMessage('Paper Lens: open a note to import the arXiv links it has.');
          return undefined;
        }
        text = doc.getText();
        format = 'arxiv-ids';
        from = vscode.workspace.asRelativePath(doc.uri);
      } else {
        const file = request.file ?? (await this.askFile());
        if (!file) return undefined;
        try {
          if (fs.statSync(file).size > MAX_IMPORT_BYTES) throw new Error(`it is over ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
          text = fs.readFileSync(file, 'utf8');
        } catch (e) {
          void vscode.window.showErrorMessage(`Paper Lens could not read ${file}: ${(e as Error).message}`);
          return undefined;
        }
        from = vscode.workspace.asRelativePath(file);
      }
    }
    const parsed = parseImportInput(text, format ? { format } : {});
    if (!parsed.ok) {
      void vscode.window.showWarningMessage(`Paper Lens: nothing to import from ${from}: ${parsed.message}.`);
      return undefined;
    }
    return { input: parsed.input, from: `${from} (${IMPORT_FORMAT_LABELS[parsed.input.format]})` };
  }

  private async askSource(): Promise<ImportRequest['source']> {
    const items: (vscode.QuickPickItem & { source: NonNullable<ImportRequest['source']> })[] = [
      { label: '$(clippy) From the clipboard', detail: 'A Hugging Face daily-papers page as copied from the browser, the daily-papers API’s JSON, or arXiv ids and links', source: 'clipboard' },
      { label: '$(file) From a file…', detail: 'A daily-papers page saved as text, a saved API answer (.json), or a list of arXiv ids and links', source: 'file' },
      ...(vscode.window.activeTextEditor ? [{ label: '$(note) arXiv links in the active note', detail: vscode.workspace.asRelativePath(vscode.window.activeTextEditor.document.uri), source: 'note' as const }] : []),
      { label: '$(calendar) Hugging Face daily papers for a date…', detail: `Asks ${new URL(huggingFaceEndpoint()).host} for one day’s listing`, source: 'date' },
    ];
    return (await vscode.window.showQuickPick(items, { title: 'Import Papers', placeHolder: 'Where are the papers to import?', matchOnDetail: true }))?.source;
  }

  private async askFile(): Promise<string | undefined> {
    const uris = await vscode.window.showOpenDialog({ title: 'Import Papers From', canSelectMany: false, openLabel: 'Import', filters: { 'Listings, API answers, id lists': ['txt', 'md', 'json'], 'All files': ['*'] } });
    return uris?.[0]?.fsPath;
  }

  private async fromDate(given?: string): Promise<{ input: ImportInput; from: string } | undefined> {
    const today = new Date().toISOString().slice(0, 10);
    const date = given ?? (await vscode.window.showInputBox({ title: 'Hugging Face Daily Papers', prompt: 'The day (YYYY-MM-DD)', value: today, validateInput: v => (/^\d{4}-\d{2}-\d{2}$/.test(v.trim()) ? undefined : 'A date as YYYY-MM-DD') }));
    if (!date) return undefined;
    const endpoint = huggingFaceEndpoint();
    if (!(await this.deps.arxiv.mayUse(endpoint, `the Hugging Face daily papers of ${date.trim()}`))) return undefined;
    const client = new HfDailyPapersClient({ transport: this.deps.arxiv.httpTransport, endpoint });
    const day = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Paper Lens: asking Hugging Face for the papers of ${date.trim()}…`, cancellable: true }, (_, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      return client.fetch(date.trim(), { signal: controller.signal });
    });
    if (!day.ok) {
      if (day.error.kind !== 'aborted') void vscode.window.showWarningMessage(`Paper Lens could not get the daily papers of ${date.trim()}: ${day.error.message}`);
      return undefined;
    }
    const candidates = day.records.map((r, i) => ({ line: i + 1, input: r.arxiv, arxiv: r.arxiv, paper: incomingFromRecord(r) }));
    const problems = day.problems.map(p => ({ line: p.index + 1, message: `item ${p.index + 1}${p.id ? ` (${p.id})` : ''}: ${p.message}` }));
    return { input: { format: 'hf-daily-papers', candidates, problems }, from: `Hugging Face daily papers of ${day.date}` };
  }

  /** Completes the candidates (library first, arXiv when allowed) with progress and cancel, then plans. */
  private async plan(input: ImportInput): Promise<ImportPlan | undefined> {
    let client: Promise<ArxivPort | undefined> | undefined;
    const arxiv = (): Promise<ArxivPort | undefined> => (client ??= this.deps.arxiv.clientIfAllowed('the papers you import (their arXiv ids, or the titles of papers without one)'));
    const declined: FetchError = { kind: 'unreachable', message: 'network use was declined' };
    // Asked only when a paper needs arXiv: a listing the library knows imports without a request.
    const port: ArxivPort | undefined = networkEnabled()
      ? {
        fetch: async (ids, options) => (await arxiv())?.fetch(ids, options) ?? ids.map(id => ({ input: id, ok: false as const, error: declined })),
        findByTitle: async (title, options) => (await arxiv())?.findByTitle(title, options) ?? { ok: false, error: declined },
      }
      : undefined;
    const resolved = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Paper Lens: looking up the papers to import', cancellable: true },
      (progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        let last = 0;
        return resolveImport(input.candidates, {
          library: this.deps.snapshot(),
          ...(port ? { arxiv: port } : {}),
          signal: controller.signal,
          onProgress: (done, total) => {
            progress.report({ increment: ((done - last) / Math.max(1, total)) * 100, message: `${done}/${total}` });
            last = done;
          },
        }).then(r => (controller.signal.aborted ? undefined : r));
      },
    );
    if (!resolved) return undefined;
    return planImport(input, resolved, this.deps.collection.items);
  }

  private log(plan: ImportPlan, from: string): void {
    const out = this.deps.output;
    out.appendLine(`[${new Date().toLocaleTimeString()}] import from ${from}: ${planSummary(plan)}`);
    const line = (mark: string, p: PlannedItem) => out.appendLine(`  ${mark} ${p.item?.id ?? p.arxiv ?? ''} ${p.label}${p.note ? ` (${p.note})` : ''}`);
    for (const p of plan.added) line('+', p);
    for (const p of plan.known) line('=', p);
    for (const p of plan.failed) line('!', p);
  }

  /** Shows the plan, the new papers checked; resolves the new ones still checked on Enter. */
  private review(plan: ImportPlan): Promise<PlannedItem[] | undefined> {
    const pick = vscode.window.createQuickPick<PlanPickItem>();
    const row = (p: PlannedItem, isNew: boolean, description: string): PlanPickItem => ({
      label: plain(clipForMessage(p.label, 200)),
      description: plain(description),
      ...(p.note ? { detail: plain(p.note) } : {}),
      planned: p,
      isNew,
    });
    const newItems = plan.added.map(p => row(p, true, p.arxiv ? `arXiv ${p.arxiv}` : `local id ${p.item?.id ?? ''}`));
    const sections: PlanPickItem[] = [
      { label: `New — will be added (${plan.added.length})`, kind: vscode.QuickPickItemKind.Separator },
      ...newItems,
      ...(plan.known.length ? [{ label: `Already in your collection — not added (${plan.known.length})`, kind: vscode.QuickPickItemKind.Separator }, ...plan.known.map(p => row(p, false, p.arxiv ? `arXiv ${p.arxiv}` : ''))] : []),
      ...(plan.failed.length ? [{ label: `Failed — not added (${plan.failed.length})`, kind: vscode.QuickPickItemKind.Separator }, ...plan.failed.map(p => row(p, false, p.arxiv ? `arXiv ${p.arxiv}` : ''))] : []),
    ];
    pick.title = `Import Papers: ${planSummary(plan)}`;
    pick.placeholder = 'Enter adds the checked new papers to your collection; uncheck any you do not want';
    pick.canSelectMany = true;
    pick.matchOnDescription = true;
    pick.matchOnDetail = true;
    // The review stays open while the user looks elsewhere (a lookup may have taken a while).
    pick.ignoreFocusOut = true;
    pick.items = sections;
    pick.selectedItems = newItems;
    this.activePick = pick;
    return new Promise<PlannedItem[] | undefined>(resolve => {
      const disposables: vscode.Disposable[] = [];
      const finish = (value: PlannedItem[] | undefined) => {
        for (const d of disposables) d.dispose();
        if (this.activePick === pick) this.activePick = undefined;
        pick.dispose();
        resolve(value);
      };
      disposables.push(
        pick.onDidAccept(() => finish(pick.selectedItems.filter(i => i.isNew && i.planned?.item).map(i => i.planned!))),
        pick.onDidHide(() => finish(undefined)),
      );
      pick.show();
    });
  }
}

export function activateImportPapers(context: vscode.ExtensionContext, deps: ImporterDeps): PaperImporter {
  const importer = new PaperImporter(deps);
  context.subscriptions.push(vscode.commands.registerCommand('paperLens.importPapers', (request?: unknown) => importer.run(typeof request === 'object' && request !== null ? (request as ImportRequest) : {})));
  return importer;
}
