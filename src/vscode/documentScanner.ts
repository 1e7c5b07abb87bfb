// The scan cache (src/ui/documentScanCache.ts) over VS Code's documents: one scan per document
// version and library snapshot, shared by hover, completion and "In This Document".
import * as vscode from 'vscode';
import { type DetectedMention, DocumentScanCache, type MentionFinder, type ScannableDocument } from '../ui/documentScanCache';

function scannable(doc: vscode.TextDocument): ScannableDocument {
  return { key: doc.uri.toString(), version: doc.version, getText: () => doc.getText() };
}

export class DocumentScanner implements vscode.Disposable {
  private readonly cache: DocumentScanCache;
  private readonly closeListener: vscode.Disposable;

  constructor(finder: () => MentionFinder, private readonly languages: () => string[]) {
    this.cache = new DocumentScanCache(finder);
    this.closeListener = vscode.workspace.onDidCloseTextDocument(doc => this.cache.forget(doc.uri.toString()));
  }

  /** Detector runs so far (tests prove that repeated hovers reuse one scan). */
  get scans(): number {
    return this.cache.scans;
  }

  /** Whether Paper Lens looks for paper names in this document (by language setting). */
  isEnabledFor(doc: vscode.TextDocument): boolean {
    return this.languages().includes(doc.languageId);
  }

  mentions(doc: vscode.TextDocument): readonly DetectedMention[] {
    return this.cache.mentions(scannable(doc));
  }

  isTooLarge(doc: vscode.TextDocument): boolean {
    return this.cache.isTooLarge(scannable(doc));
  }

  mentionAt(doc: vscode.TextDocument, offset: number): DetectedMention | undefined {
    return this.cache.mentionAt(scannable(doc), offset);
  }

  dispose(): void {
    this.closeListener.dispose();
    this.cache.clear();
  }
}
