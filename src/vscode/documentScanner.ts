// Finds paper mentions in open documents, once per document version: hover, completion context and
// the "In this document" view share the result, so hovering around a 1 MB note stays instant.
import * as vscode from 'vscode';
import { mentionAt } from '../core/mentions';
import type { PaperLensConfig } from './services';

export interface DetectedMention {
  start: number;
  end: number;
  text: string;
  papers: string[];
  ambiguous: boolean;
}

/** What the scanner needs from the mention detector. */
export interface MentionFinder {
  detect(text: string): DetectedMention[];
}

/** Documents above this size are not scanned: a clear limit beats a frozen editor. */
export const MAX_SCAN_CHARS = 10_000_000;

interface CacheEntry { version: number; mentions: readonly DetectedMention[]; tooLarge: boolean }

export class DocumentScanner implements vscode.Disposable {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly disposables: vscode.Disposable[];
  /** Counts detector runs: lets tests prove that repeated hovers reuse one scan. */
  scans = 0;

  constructor(private readonly finder: () => MentionFinder, private readonly config: PaperLensConfig) {
    this.disposables = [vscode.workspace.onDidCloseTextDocument(doc => this.cache.delete(doc.uri.toString()))];
  }

  /** Too large to scan: hover and the view skip it (and the view says so). */
  isTooLarge(doc: vscode.TextDocument): boolean {
    this.mentions(doc);
    return this.cache.get(doc.uri.toString())?.tooLarge ?? false;
  }

  /** Whether Paper Lens looks for paper names in this document (by language setting). */
  isEnabledFor(doc: vscode.TextDocument): boolean {
    return this.config.languages.includes(doc.languageId);
  }

  mentions(doc: vscode.TextDocument): readonly DetectedMention[] {
    const key = doc.uri.toString();
    const cached = this.cache.get(key);
    if (cached && cached.version === doc.version) return cached.mentions;
    const text = doc.getText();
    const tooLarge = text.length > MAX_SCAN_CHARS;
    const mentions = tooLarge ? [] : this.finder().detect(text);
    this.scans++;
    this.cache.set(key, { version: doc.version, mentions, tooLarge });
    return mentions;
  }

  /** The mention covering `offset`, if any. */
  mentionAt(doc: vscode.TextDocument, offset: number): DetectedMention | undefined {
    return mentionAt(this.mentions(doc), offset);
  }

  dispose(): void {
    this.cache.clear();
    for (const d of this.disposables) d.dispose();
  }
}
