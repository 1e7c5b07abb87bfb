// Paper Lens activation: a list of features, each registering its own views, providers and
// commands with only what it needs. Nothing heavy runs here: the corpus and indexes load on first
// use (opening the sidebar, a hover, a command).
import type MarkdownIt from 'markdown-it';
import * as vscode from 'vscode';
import { references } from './core/paperLens';
import { activateCompletion } from './vscode/completion';
import { activateDefinition } from './vscode/definition';
import { PaperLensConfig } from './vscode/config';
import { activateDetailsView, type DetailsPanel } from './vscode/detailsView';
import { DocumentScanner } from './vscode/documentScanner';
import { activateHover } from './vscode/hover';
import { LibraryService } from './vscode/libraryService';
import { activateMentionsView, type MentionsView } from './vscode/mentionsView';
import { activatePapersView, type PapersView } from './vscode/papersView';
import { RecentPapers } from './vscode/recentPapers';
import { activateReferenceCommands } from './vscode/referenceCommands';
import { activateSearchPick, type SearchPick } from './vscode/searchPick';
import { activateUserLibraries, type UserLibraries } from './vscode/userLibraries';
import { activateArxivLookup, type ArxivLookup } from './vscode/arxivLookup';
import { activateCollection, type Collection, paperConversion } from './vscode/collection';
import { activateImportPapers, type PaperImporter } from './vscode/importPapers';
import { activateExportReferences, type ReferenceExporter } from './vscode/exportReferences';
import { activateMarkdownPreview } from './vscode/markdownPreview';
import { activatePaperReferences, type PaperReferences } from './vscode/paperReferences';
import { activateWorkspaceMentions, type WorkspaceMentions } from './vscode/workspaceMentions';
import { activateWorkspaceView, type WorkspaceView } from './vscode/workspaceView';

/** What activate() returns to other extensions. */
export interface PaperLensApi {
  /** How long activate() took: it should stay a few milliseconds (nothing is loaded yet). */
  activationMs: number;
  /**
   * The markdown preview's hook (`markdown.markdownItPlugins` in package.json): VS Code's markdown
   * extension calls it with its markdown-it instance. Paper names then carry title, year and link.
   */
  extendMarkdownIt(md: MarkdownIt): MarkdownIt;
  /** Internals for the integration tests: only when the extension host runs tests. */
  testing?: PaperLensTestHooks;
}

export interface PaperLensTestHooks {
  library: LibraryService;
  recent: RecentPapers;
  scanner: DocumentScanner;
  searchPick: SearchPick;
  papers: PapersView;
  mentions: MentionsView;
  details: DetailsPanel;
  userLibraries: UserLibraries;
  arxiv: ArxivLookup;
  collection: Collection;
  importer: PaperImporter;
  workspace: WorkspaceMentions;
  workspaceView: WorkspaceView;
  paperReferences: PaperReferences;
  exporter: ReferenceExporter;
}

export function activate(context: vscode.ExtensionContext): PaperLensApi {
  const started = performance.now();
  const config = new PaperLensConfig();
  const library = new LibraryService(context.asAbsolutePath('dist/corpus.json'));
  const recent = new RecentPapers(context.globalState);
  const scanner = new DocumentScanner(() => library.current().notes, () => config.languages);
  context.subscriptions.push(library, recent, scanner);
  const snapshot = () => library.snapshot();
  const onDidChangeLibrary = library.onDidChange;
  const output = vscode.window.createOutputChannel('Paper Lens');
  context.subscriptions.push(output);
  const userLibraries = activateUserLibraries(context, {
    library: () => library.paperLens().library,
    distDir: context.asAbsolutePath('dist'),
    output,
    // A new library: index it in the background, so the first search does not wait.
    loaded: () => void library.current().search.prepareAsync(),
  });

  const { searchPick, picker } = activateSearchPick(context, {
    snapshot,
    search: () => library.current().search,
    recentIds: () => recent.ids(),
    resolve: arg => library.resolvePaper(arg),
  });
  const papers = activatePapersView(context, {
    snapshot,
    matcher: () => library.current().search,
    onDidChangeLibrary,
    groupBy: () => config.groupBy,
    setGroupBy: value => config.setGroupBy(value),
    picker,
  });
  const details = activateDetailsView(context, {
    snapshot,
    related: (paper, limit) => {
      const core = library.current();
      return core.search.related(paper.id, limit).map(h => ({
        paper: h.paper,
        reason: h.paper.topics[0] === undefined ? undefined : core.snapshot.topic(h.paper.topics[0])?.label,
      }));
    },
    mediaUri: (...segments) => vscode.Uri.joinPath(context.extensionUri, 'media', ...segments),
    picker,
    opened: paper => recent.opened(paper),
    notesMentioning: paper => workspace.notesMentioning(paper.id),
  });
  activateReferenceCommands(context, { references, format: () => config.referenceFormat, picker });

  // Issue #13: arXiv papers fetched on demand, the user's collection, and importing into it.
  const paperLibrary = () => library.paperLens().library;
  const conversion = paperConversion(paperLibrary, context.asAbsolutePath('dist'));
  const arxiv = activateArxivLookup(context, {
    library: paperLibrary,
    conversion,
    globalState: context.globalState,
    output,
    openDetails: paper => void vscode.commands.executeCommand('paperLens.openDetails', paper.id),
  });
  const collection = activateCollection(context, {
    library: paperLibrary,
    conversion,
    output,
    picker,
    storageUri: context.globalStorageUri,
    fetchedRecord: id => arxiv.record(id),
    collected: id => arxiv.collected(id),
  });
  const importer = activateImportPapers(context, { collection, arxiv, snapshot, output });

  activateHover(context, {
    isEnabled: () => config.hoverEnabled,
    languages: () => config.languages,
    snapshot,
    scanner,
    unknownArxiv: (ref, uri, offset) => arxiv.unknownCard(ref, uri, offset),
    cardExtras: papers => arxiv.cardExtras(papers),
    notesMentioning: id => workspace.notesMentioning(id),
  });
  activateCompletion(context, { isEnabled: () => config.completionEnabled, insertAs: () => config.completionInsert, languages: () => config.languages, snapshot, scanner });
  activateDefinition(context, { languages: () => config.languages, snapshot, scanner });
  const mentions = activateMentionsView(context, { snapshot, onDidChangeLibrary, scanner });

  // Notes across the workspace (issue #15): the index, then what reads it.
  const workspace = activateWorkspaceMentions(context, {
    current: () => library.current(),
    onDidChangeLibrary,
    languages: () => config.languages,
    enabled: () => vscode.workspace.getConfiguration('paperLens').get<boolean>('workspace.enabled', true),
    // The first build waits for the user's libraries, whose loads may start one after another.
    librariesSettled: async () => {
      for (let idle = userLibraries.idle; ; idle = userLibraries.idle) {
        await idle;
        if (idle === userLibraries.idle) return;
      }
    },
    workerScript: context.asAbsolutePath('dist/workspaceWorker.js'),
    version: context.extension.packageJSON.version,
    output,
  });
  context.subscriptions.push(workspace.onDidChange(() => details.mentionsChanged()));
  const workspaceView = activateWorkspaceView(context, { snapshot, onDidChangeLibrary, groupBy: () => config.groupBy, workspace });
  const paperReferences = activatePaperReferences(context, { languages: () => config.languages, snapshot, scanner, workspace, picker });
  const exporter = activateExportReferences(context, { current: () => library.current(), scanner, workspace });
  const extendMarkdownIt = activateMarkdownPreview(context, {
    finder: () => library.current().notes,
    snapshot,
    enabled: () => vscode.workspace.getConfiguration('paperLens').get<boolean>('preview.enabled', true),
  });
  context.subscriptions.push(vscode.commands.registerCommand('paperLens.showVersion', () => {
    const version: string = context.extension.packageJSON.version;
    void vscode.window.showInformationMessage(`Paper Lens ${version}`);
    return version;
  }));

  const api: PaperLensApi = { activationMs: performance.now() - started, extendMarkdownIt };
  if (context.extensionMode === vscode.ExtensionMode.Test) {
    api.testing = { library, recent, scanner, searchPick, papers, mentions, details, userLibraries, arxiv, collection, importer, workspace, workspaceView, paperReferences, exporter };
  }
  return api;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
