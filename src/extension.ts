// Paper Lens activation: build the services, register each feature, nothing heavy. The corpus and
// indexes load on first use (opening the sidebar, a hover, a command).
import * as vscode from 'vscode';
import { displayName, type Paper } from './core/model';
import { PaperCommands } from './vscode/commands';
import { DetailsPanel } from './vscode/detailsPanel';
import { type PaperMatcher, PapersTreeProvider } from './vscode/papersTree';
import { PaperLensServices } from './vscode/services';

/** What activate() returns: a seam for integration tests and other extensions. */
export interface PaperLensApi {
  services: PaperLensServices;
  papersTree: PapersTreeProvider;
  papersView: vscode.TreeView<unknown>;
  details: DetailsPanel;
  commands: PaperCommands;
}

/** Plain word search until the ranked search core is wired in. */
function wordMatcher(services: PaperLensServices): PaperMatcher {
  return {
    search(query) {
      const words = query.toLowerCase().split(/\s+/).filter(Boolean);
      return services.corpus().papers
        .filter(p => {
          const text = `${p.title} ${p.aliases.map(a => a.name).join(' ')} ${p.abstract}`.toLowerCase();
          return words.every(w => text.includes(w));
        })
        .map(paper => ({ paper }));
    },
  };
}

async function pickPaperSimple(services: PaperLensServices, placeholder: string): Promise<Paper | undefined> {
  const items = services.corpus().papers.map(p => ({ label: displayName(p), description: `${p.year} · ${p.firstAuthor}`, detail: p.title, paper: p }));
  return (await vscode.window.showQuickPick(items, { placeHolder: placeholder, matchOnDescription: true, matchOnDetail: true }))?.paper;
}

export function activate(context: vscode.ExtensionContext): PaperLensApi {
  const services = new PaperLensServices(context);

  const papersTree = new PapersTreeProvider(services, () => wordMatcher(services));
  const papersView = vscode.window.createTreeView('paperLens.papers', { treeDataProvider: papersTree, showCollapseAll: true });
  context.subscriptions.push(papersTree, papersView);

  const details = new DetailsPanel(services, () => []);
  context.subscriptions.push(details);

  const commands = new PaperCommands({
    services,
    details,
    tree: papersTree,
    treeView: papersView,
    pickPaper: placeholder => pickPaperSimple(services, placeholder),
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

  return { services, papersTree, papersView: papersView as vscode.TreeView<unknown>, details, commands };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
