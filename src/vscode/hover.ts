// Hover cards for paper names in the configured languages.
import * as vscode from 'vscode';
import type { Paper } from '../core/model';
import type { DocumentScanner } from './documentScanner';
import { paperCard } from './paperCard';
import type { PaperLensServices } from './services';

export class PaperHoverProvider implements vscode.HoverProvider {
  constructor(private readonly services: PaperLensServices, private readonly scanner: DocumentScanner) {}

  provideHover(doc: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): vscode.Hover | undefined {
    if (!this.services.config.hoverEnabled || !this.scanner.isEnabledFor(doc)) return undefined;
    const mention = this.scanner.mentionAt(doc, doc.offsetAt(position));
    if (!mention || token.isCancellationRequested) return undefined;
    const corpus = this.services.corpus();
    const papers = mention.papers.map(id => corpus.paper(id)).filter((p): p is Paper => !!p);
    if (!papers.length) return undefined;
    const range = new vscode.Range(doc.positionAt(mention.start), doc.positionAt(mention.end));
    return new vscode.Hover(paperCard(papers, mention.text, corpus), range);
  }
}
