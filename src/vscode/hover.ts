// Feature: hover cards for paper names in the configured languages.
import * as vscode from 'vscode';
import type { LibrarySnapshot } from '../core/library/library';
import type { Paper } from '../core/library/model';
import { mentionedInMarkdown } from '../ui/cardMarkdown';
import type { DocumentScanner } from './documentScanner';
import { registerForLanguages } from './languages';
import { paperCard } from './paperCard';

export interface HoverDeps {
  isEnabled(): boolean;
  languages(): string[];
  snapshot(): LibrarySnapshot;
  scanner: DocumentScanner;
  /** Notes of the workspace mentioning a paper (the workspace index); undefined before it is built. */
  notesMentioning?(paperId: string): number | undefined;
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
    const card = paperCard(papers, mention.text, snapshot);
    // "Mentioned in N notes", a link to the references peek at this mention (the workspace index).
    const counts = papers.map(paper => ({ paper, notes: this.deps.notesMentioning?.(paper.id) }));
    if (counts.every(c => c.notes !== undefined)) {
      const line = mentionedInMarkdown(counts as { paper: Paper; notes: number }[], { uri: doc.uri.toString(), line: range.start.line, character: range.start.character });
      if (line) card.appendMarkdown(`\n\n${line}`);
    }
    return new vscode.Hover(card, range);
  }
}

export function activateHover(context: vscode.ExtensionContext, deps: HoverDeps): void {
  const provider = new PaperHoverProvider(deps);
  context.subscriptions.push(registerForLanguages(deps.languages, selector => vscode.languages.registerHoverProvider(selector, provider)));
}
