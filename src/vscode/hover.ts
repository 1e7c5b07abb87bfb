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
  /** The card for an arXiv reference the library does not know (src/vscode/arxivLookup.ts: "Fetch details"). */
  unknownArxiv?(ref: string, uri: vscode.Uri, offset: number): vscode.MarkdownString | undefined;
  /** What follows a paper's card, if anything ("Add to my collection" for a paper only fetched). */
  cardExtras?(papers: readonly Paper[]): vscode.MarkdownString | undefined;
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
    const range = new vscode.Range(doc.positionAt(mention.start), doc.positionAt(mention.end));
    if (!papers.length) {
      // An arXiv id the library does not know: a small card offering to fetch it (nothing is fetched by hovering).
      const unknown = mention.kind === 'arxiv' && mention.ref ? this.deps.unknownArxiv?.(mention.ref, doc.uri, mention.start) : undefined;
      return unknown ? new vscode.Hover(unknown, range) : undefined;
    }
    const card = paperCard(papers, mention.text, snapshot);
    // "Mentioned in N notes", a link to the references peek at this mention (the workspace index).
    const counts = papers.map(paper => ({ paper, notes: this.deps.notesMentioning?.(paper.id) }));
    if (counts.every(c => c.notes !== undefined)) {
      const line = mentionedInMarkdown(counts as { paper: Paper; notes: number }[], { uri: doc.uri.toString(), line: range.start.line, character: range.start.character });
      if (line) card.appendMarkdown(`\n\n${line}`);
    }
    const extras = this.deps.cardExtras?.(papers);
    return new vscode.Hover(extras ? [card, extras] : card, range);
  }
}

export function activateHover(context: vscode.ExtensionContext, deps: HoverDeps): void {
  const provider = new PaperHoverProvider(deps);
  context.subscriptions.push(registerForLanguages(deps.languages, selector => vscode.languages.registerHoverProvider(selector, provider)));
}
