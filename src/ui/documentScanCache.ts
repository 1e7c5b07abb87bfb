// Paper mentions of open documents, found once per document version and library snapshot: hover,
// completion and the "In This Document" view share the result, so hovering around a 1 MB note
// stays instant. The document type is three members, so this is unit-tested in Node.
import { mentionAt } from '../core/mentions';
import { MAX_SCAN_CHARS } from '../core/text/limits';

/** What the cache needs of a document (vscode.TextDocument has it, as does a test's plain object). */
export interface ScannableDocument {
  /** A stable key: the document's URI as a string. */
  readonly key: string;
  readonly version: number;
  getText(): string;
}

export interface DetectedMention {
  start: number;
  end: number;
  text: string;
  /** Paper ids, best first; empty for an arXiv id the library does not know. */
  papers: string[];
  ambiguous: boolean;
  /** A name, a citation key or an arXiv reference (names when absent). */
  kind?: 'name' | 'citation' | 'arxiv';
  /** The citation key or arXiv id as written. */
  ref?: string;
}

/** What the cache needs from a mention detector. */
export interface MentionFinder {
  detect(text: string): DetectedMention[];
}

interface Entry {
  version: number;
  finder: MentionFinder;
  mentions: readonly DetectedMention[];
  tooLarge: boolean;
}

export class DocumentScanCache {
  private readonly entries = new Map<string, Entry>();
  /** Counts detector runs: lets tests prove that repeated hovers reuse one scan. */
  scans = 0;

  /** `finder()` is asked on every lookup: when the library changes it returns another detector, and entries of the old one are stale. */
  constructor(private readonly finder: () => MentionFinder, private readonly maxChars = MAX_SCAN_CHARS) {}

  mentions(doc: ScannableDocument): readonly DetectedMention[] {
    return this.entry(doc).mentions;
  }

  /** Too large to scan: hover and the view skip it (and the view says so). */
  isTooLarge(doc: ScannableDocument): boolean {
    return this.entry(doc).tooLarge;
  }

  /** The mention covering `offset`, if any. */
  mentionAt(doc: ScannableDocument, offset: number): DetectedMention | undefined {
    return mentionAt(this.mentions(doc), offset);
  }

  forget(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  private entry(doc: ScannableDocument): Entry {
    const finder = this.finder();
    const cached = this.entries.get(doc.key);
    if (cached && cached.version === doc.version && cached.finder === finder) return cached;
    const text = doc.getText();
    const tooLarge = text.length > this.maxChars;
    const entry: Entry = { version: doc.version, finder, mentions: tooLarge ? [] : finder.detect(text), tooLarge };
    this.scans++;
    this.entries.set(doc.key, entry);
    return entry;
  }
}
