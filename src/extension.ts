// Paper Lens activation: build the services, register each feature, nothing heavy. The corpus and
// indexes load on first use (opening the sidebar, a hover, a command).
import * as vscode from 'vscode';
import { PaperCommands } from './vscode/commands';
import { DetailsPanel } from './vscode/detailsPanel';
import { PapersTreeProvider } from './vscode/papersTree';
import { PaperCompletionProvider } from './vscode/completion';
import { DocumentScanner } from './vscode/documentScanner';
import { PaperHoverProvider } from './vscode/hover';
import { MentionsTreeProvider, selectMention } from './vscode/mentionsView';
import { SearchPick } from './vscode/searchPick';
import { PaperLensServices } from './vscode/services';

/** What activate() returns: a seam for integration tests and other extensions. */
export interface PaperLensApi {
  /** How long activate() took: it should stay a few milliseconds (nothing is loaded yet). */
  activationMs: number;
  services: PaperLensServices;
  papersTree: PapersTreeProvider;
  papersView: vscode.TreeView<unknown>;
  details: DetailsPanel;
  commands: PaperCommands;
  searchPick: SearchPick;
  scanner: DocumentScanner;
  mentionsTree: MentionsTreeProvider;
  mentionsView: vscode.TreeView<unknown>;
}

/** Registers a provider for the configured languages, again whenever the setting changes. */
function registerForLanguages(context: vscode.ExtensionContext, services: PaperLensServices, register: (selector: vscode.DocumentSelector) => vscode.Disposable): void {
  let registration: vscode.Disposable | undefined;
  const apply = () => {
    registration?.dispose();
    registration = register(services.config.languages.map(language => ({ language })));
  };
  apply();
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(e => {
      if (e.affectsConfiguration('paperLens.hover.languages')) apply();
    }),
    { dispose: () => registration?.dispose() },
  );
}

export function activate(context: vscode.ExtensionContext): PaperLensApi {
  const started = performance.now();
  const services = new PaperLensServices(context);

  const papersTree = new PapersTreeProvider(services, () => services.search());
  const papersView = vscode.window.createTreeView('paperLens.papers', { treeDataProvider: papersTree, showCollapseAll: true });
  papersTree.onFilterChanged = message => {
    papersView.message = message;
  };
  context.subscriptions.push(papersTree, papersView);

  const details = new DetailsPanel(services, paper => services.search().related(paper.id, 8).map(h => ({
    paper: h.paper,
    reason: services.corpus().topic(h.paper.topics[0])?.label,
  })));
  context.subscriptions.push(details);

  const searchPick = new SearchPick(services, () => services.search());
  context.subscriptions.push(searchPick, vscode.commands.registerCommand('paperLens.search', (query?: unknown) => {
    const initial = typeof query === 'string' ? query : '';
    // Index in the background while the picker shows recent papers: by the first keystroke the
    // index is ready, and building in slices never blocks the extension host.
    if (!initial) void services.search().prepareAsync();
    searchPick.open(initial);
  }));

  const commands = new PaperCommands({
    services,
    details,
    tree: papersTree,
    treeView: papersView,
    pickPaper: title => searchPick.pickPaper(title),
  });
  commands.register(context);

  const scanner = new DocumentScanner(() => services.detector(), services.config);
  context.subscriptions.push(scanner);
  registerForLanguages(context, services, selector => vscode.languages.registerHoverProvider(selector, new PaperHoverProvider(services, scanner)));
  registerForLanguages(context, services, selector => vscode.languages.registerCompletionItemProvider(selector, new PaperCompletionProvider(services, scanner)));

  const mentionsTree = new MentionsTreeProvider(services, scanner);
  const mentionsView = vscode.window.createTreeView('paperLens.mentions', { treeDataProvider: mentionsTree, showCollapseAll: true });
  context.subscriptions.push(
    mentionsTree,
    mentionsView,
    mentionsView.onDidChangeVisibility(e => {
      mentionsTree.visible = e.visible;
      if (e.visible) mentionsTree.refresh();
    }),
    vscode.commands.registerCommand('paperLens.mentions.select', (uri: vscode.Uri, start: number, end: number) => selectMention(uri, start, end)),
  );
  mentionsTree.visible = mentionsView.visible;
  if (mentionsView.visible) mentionsTree.refresh();

  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(e => {
      if (e.affectsConfiguration('paperLens.tree.groupBy')) papersTree.refresh();
      if (e.affectsConfiguration('paperLens.hover.languages') && mentionsTree.visible) mentionsTree.refresh();
    }),
    vscode.commands.registerCommand('paperLens.showVersion', () => {
      const version: string = context.extension.packageJSON.version;
      void vscode.window.showInformationMessage(`Paper Lens ${version}`);
      return version;
    }),
  );

  const activationMs = performance.now() - started;
  return {
    activationMs,
    services, papersTree, papersView: papersView as vscode.TreeView<unknown>, details, commands, searchPick,
    scanner, mentionsTree, mentionsView: mentionsView as vscode.TreeView<unknown>,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
