// Feature: hover cards for paper names in the configured languages.
import * as vscode from 'vscode';
import type { LibrarySnapshot } from '../core/library/library';
import type { Paper } from '../core/library/model';
import type { DocumentScanner } from './documentScanner';
import { registerForLanguages } from './languages';
import { paperCard } from './paperCard';

export interface HoverDeps {
  isEnabled(): boolean;
  languages(): string[];
  snapshot(): LibrarySnapshot;
  scanner: DocumentScanner;
}

export class PaperHoverProvider implements vscode.HoverProvider {
  constructor(private readonly deps: HoverDeps) {}

  provideHover(doc: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): vscode.Hover | undefined {
    const { scanner } = this.deps;
    if (!this.deps.isEnabled() || !scanner.isEnabledFor(doc)) return undefined;
    const mention = scanner.mentionAt(doc, doc.offsetAt(position));
    if (!mention || token.isCancellationRequested) return undefined;
    const snapshot = this.deps.snapshot();
    const papers = mention.papers.map(id => snapshot.paper(id)).filter((p): p is Paper => !!p);
    if (!papers.length) return undefined;
    const range = new vscode.Range(doc.positionAt(mention.start), doc.positionAt(mention.end));
    return new vscode.Hover(paperCard(papers, mention.text, snapshot), range);
  }
}

export function activateHover(context: vscode.ExtensionContext, deps: HoverDeps): void {
  const provider = new PaperHoverProvider(deps);
  context.subscriptions.push(registerForLanguages(deps.languages, selector => vscode.languages.registerHoverProvider(selector, provider)));
}
