// Feature: Go to Definition on a paper mention (a citation key, a name, an arXiv id) opens the
// library file the paper came from at its entry's line. Bundled papers have no file and no
// definition.
import * as vscode from 'vscode';
import type { LibrarySnapshot } from '../core/library/library';
import type { DocumentScanner } from './documentScanner';
import { registerForLanguages } from './languages';

export interface DefinitionDeps {
  languages(): string[];
  snapshot(): LibrarySnapshot;
  scanner: DocumentScanner;
}

export class PaperDefinitionProvider implements vscode.DefinitionProvider {
  constructor(private readonly deps: DefinitionDeps) {}

  provideDefinition(doc: vscode.TextDocument, position: vscode.Position): vscode.Location[] | undefined {
    const { scanner } = this.deps;
    if (!scanner.isEnabledFor(doc)) return undefined;
    const mention = scanner.mentionAt(doc, doc.offsetAt(position));
    if (!mention) return undefined;
    const snapshot = this.deps.snapshot();
    const locations: vscode.Location[] = [];
    for (const id of mention.papers) {
      for (const origin of snapshot.paper(id)?.origins ?? []) {
        if (!origin.file) continue;
        const line = Math.max(0, (origin.line ?? 1) - 1);
        locations.push(new vscode.Location(vscode.Uri.file(origin.file), new vscode.Position(line, 0)));
      }
    }
    return locations.length ? locations : undefined;
  }
}

export function activateDefinition(context: vscode.ExtensionContext, deps: DefinitionDeps): void {
  const provider = new PaperDefinitionProvider(deps);
  context.subscriptions.push(registerForLanguages(deps.languages, selector => vscode.languages.registerDefinitionProvider(selector, provider)));
}
