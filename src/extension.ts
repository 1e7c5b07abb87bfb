// Paper Lens activation: build the services, register each feature, nothing heavy. The corpus and
// indexes load on first use (opening the sidebar, a hover, a command).
import * as vscode from 'vscode';
import { PaperCommands } from './vscode/commands';
import { DetailsPanel } from './vscode/detailsPanel';
import { type PaperMatcher, PapersTreeProvider } from './vscode/papersTree';
import type { RankedSearch } from './vscode/searchPick';
import { SearchPick } from './vscode/searchPick';
import { PaperLensServices } from './vscode/services';

/** What activate() returns: a seam for integration tests and other extensions. */
export interface PaperLensApi {
  services: PaperLensServices;
  papersTree: PapersTreeProvider;
  papersView: vscode.TreeView<unknown>;
  details: DetailsPanel;
  commands: PaperCommands;
  searchPick: SearchPick;
}

/** Plain word search until the ranked search core is wired in. */
function wordMatcher(services: PaperLensServices): PaperMatcher & RankedSearch {
  return {
    search(query) {
      const words = query.toLowerCase().split(/\s+/).filter(Boolean);
      return services.corpus().papers
        .filter(p => {
          const text = `${p.title} ${p.aliases.map(a => a.name).join(' ')} ${p.abstract}`.toLowerCase();
          return words.every(w => text.includes(w));
        })
        .map(paper => ({ paper, score: 1 }));
    },
  };
}

export function activate(context: vscode.ExtensionContext): PaperLensApi {
  const services = new PaperLensServices(context);

  const papersTree = new PapersTreeProvider(services, () => wordMatcher(services));
  const papersView = vscode.window.createTreeView('paperLens.papers', { treeDataProvider: papersTree, showCollapseAll: true });
  context.subscriptions.push(papersTree, papersView);

  const details = new DetailsPanel(services, () => []);
  context.subscriptions.push(details);

  const searchPick = new SearchPick(services, () => wordMatcher(services));
  context.subscriptions.push(searchPick, vscode.commands.registerCommand('paperLens.search', (query?: unknown) => {
    searchPick.open(typeof query === 'string' ? query : '');
  }));

  const commands = new PaperCommands({
    services,
    details,
    tree: papersTree,
    treeView: papersView,
    pickPaper: title => searchPick.pickPaper(title),
  });
  commands.register(context);

  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(e => {
      if (e.affectsConfiguration('paperLens.tree.groupBy')) papersTree.refresh();
    }),
    vscode.commands.registerCommand('paperLens.showVersion', () => {
      const version: string = context.extension.packageJSON.version;
      void vscode.window.showInformationMessage(`Paper Lens ${version}`);
      return version;
    }),
  );

  return { services, papersTree, papersView: papersView as vscode.TreeView<unknown>, details, commands, searchPick };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
