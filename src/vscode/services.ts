// The shared services every feature receives through its constructor: the corpus (loaded on first
// use, not at activation), settings, and small pieces of state. Nothing here runs at activation.
import * as vscode from 'vscode';
import type { Corpus } from '../core/corpus';
import { loadCorpusFile } from '../core/corpusFile';
import type { Paper } from '../core/model';
import { MentionDetector } from '../core/mentions';
import { PaperSearch } from '../core/search';
import { REFERENCE_FORMATS, type ReferenceFormat } from '../core/references';

export type GroupBy = 'topic' | 'year' | 'none';

/** Typed access to the `paperLens.*` settings, read fresh each time so changes apply at once. */
export class PaperLensConfig {
  private get section(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration('paperLens');
  }
  get hoverEnabled(): boolean {
    return this.section.get<boolean>('hover.enabled', true);
  }
  get languages(): string[] {
    return this.section.get<string[]>('hover.languages', ['markdown', 'plaintext', 'latex']);
  }
  get completionEnabled(): boolean {
    return this.section.get<boolean>('completion.enabled', true);
  }
  get completionInsert(): 'name' | 'markdownLink' {
    return this.section.get<string>('completion.insert', 'name') === 'markdownLink' ? 'markdownLink' : 'name';
  }
  /** The format "Insert reference" uses for a document of `languageId`. */
  referenceFormat(): ReferenceFormat | 'auto' {
    const f = this.section.get<string>('reference.format', 'auto');
    return (REFERENCE_FORMATS as readonly string[]).includes(f) ? (f as ReferenceFormat) : 'auto';
  }
  get groupBy(): GroupBy {
    const g = this.section.get<string>('tree.groupBy', 'topic');
    return g === 'year' || g === 'none' ? g : 'topic';
  }
  async setGroupBy(value: GroupBy): Promise<void> {
    await this.section.update('tree.groupBy', value, vscode.ConfigurationTarget.Global);
  }
}

const RECENT_KEY = 'paperLens.recentPapers';
const MAX_RECENT = 10;

export class PaperLensServices {
  private corpusCache: Corpus | undefined;
  private searchCache: PaperSearch | undefined;
  private detectorCache: MentionDetector | undefined;
  readonly config = new PaperLensConfig();
  private readonly onDidOpenPaperEmitter = new vscode.EventEmitter<Paper>();
  /** Fires when a paper's details are opened (the quick pick shows recent papers). */
  readonly onDidOpenPaper = this.onDidOpenPaperEmitter.event;

  constructor(private readonly context: vscode.ExtensionContext, private readonly corpusPath = context.asAbsolutePath('dist/corpus.json')) {
    context.subscriptions.push(this.onDidOpenPaperEmitter);
  }

  /** The bundled corpus, read on first use. */
  corpus(): Corpus {
    return (this.corpusCache ??= loadCorpusFile(this.corpusPath));
  }

  /** The ranked search over the corpus; its index builds on the first query. */
  search(): PaperSearch {
    return (this.searchCache ??= new PaperSearch(this.corpus().papers, this.corpus().topics));
  }

  /** The mention detector over the corpus; its name automaton builds on first use (~30 ms). */
  detector(): MentionDetector {
    return (this.detectorCache ??= new MentionDetector(this.corpus().papers));
  }

  /** Resolves what commands receive (a paper, a tree node, an id) to a paper. */
  resolvePaper(arg: unknown): Paper | undefined {
    if (!arg) return undefined;
    if (typeof arg === 'string') return this.corpus().paper(arg) ?? this.corpus().lookup(arg)[0];
    if (typeof arg === 'object') {
      const o = arg as { paper?: Paper; id?: unknown; paperId?: unknown };
      if (o.paper && typeof o.paper.id === 'string') return this.corpus().paper(o.paper.id) ?? o.paper;
      if (typeof o.paperId === 'string') return this.corpus().paper(o.paperId);
      if (typeof o.id === 'string') return this.corpus().paper(o.id);
    }
    return undefined;
  }

  recentPaperIds(): string[] {
    return this.context.globalState.get<string[]>(RECENT_KEY, []);
  }

  async noteOpened(paper: Paper): Promise<void> {
    const recent = [paper.id, ...this.recentPaperIds().filter(id => id !== paper.id)].slice(0, MAX_RECENT);
    await this.context.globalState.update(RECENT_KEY, recent);
    this.onDidOpenPaperEmitter.fire(paper);
  }

  mediaUri(...segments: string[]): vscode.Uri {
    return vscode.Uri.joinPath(this.context.extensionUri, 'media', ...segments);
  }

  get extensionUri(): vscode.Uri {
    return this.context.extensionUri;
  }
}
