// Feature: the details view — one webview panel, reused for every paper (a click on another paper
// replaces the content rather than opening a new tab), and "Open Paper Details". Strict CSP with a
// nonce, no remote resources, local resources limited to media/.
import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import type { LibrarySnapshot } from '../core/library/library';
import { arxivAbsUrl } from '../core/library/arxivId';
import { displayName, type Paper } from '../core/library/model';
import { detailsHtml, type RelatedPaper, safeHttpUrl } from '../ui/detailsHtml';
import { type PaperPicker, registerPaperCommand } from './paperCommands';

export const DETAILS_VIEW_TYPE = 'paperLens.details';

/** Actions the page may ask for, mapped to the commands that do them. */
const ACTION_COMMANDS: Record<string, string> = {
  copyMarkdownLink: 'paperLens.copyMarkdownLink',
  copyBibtex: 'paperLens.copyBibtex',
  copyCiteKey: 'paperLens.copyCiteKey',
  insertReference: 'paperLens.insertReference',
  openArxiv: 'paperLens.openArxiv',
  revealInSidebar: 'paperLens.revealInSidebar',
  openPaper: 'paperLens.openDetails',
  showMentioningNotes: 'paperLens.showMentioningNotes',
};

/** Neighbours listed under "Related papers". */
const RELATED_SHOWN = 8;

export interface DetailsDeps {
  snapshot(): LibrarySnapshot;
  related(paper: Paper, limit: number): RelatedPaper[];
  mediaUri(...segments: string[]): vscode.Uri;
  picker: PaperPicker;
  /** Told each time a paper's details open (the picker lists recent papers). */
  opened(paper: Paper): Promise<void>;
  /** Notes of the workspace mentioning the paper (the workspace index); undefined before it is built. */
  notesMentioning?(paper: Paper): number | undefined;
}

export class DetailsPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private paper: Paper | undefined;
  /** The count the page shows, so a change of the workspace index re-renders only when it moved. */
  private shownMentions: number | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly deps: Omit<DetailsDeps, 'picker' | 'opened'>) {}

  /** The paper shown now, if the panel is open. */
  get currentPaper(): Paper | undefined {
    return this.panel ? this.paper : undefined;
  }

  get webviewPanel(): vscode.WebviewPanel | undefined {
    return this.panel;
  }

  show(paper: Paper, preserveFocus = false): vscode.WebviewPanel {
    const { mediaUri } = this.deps;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(DETAILS_VIEW_TYPE, 'Paper', { viewColumn: vscode.ViewColumn.Beside, preserveFocus }, {
        enableScripts: true,
        enableFindWidget: true,
        retainContextWhenHidden: false,
        localResourceRoots: [mediaUri()],
      });
      this.panel.iconPath = mediaUri('icon.svg');
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.paper = undefined;
      }, null, this.disposables);
      this.panel.webview.onDidReceiveMessage(m => this.onMessage(m), null, this.disposables);
    } else {
      this.panel.reveal(undefined, preserveFocus);
    }
    this.paper = paper;
    this.panel.title = displayName(paper);
    this.render(this.panel, paper);
    return this.panel;
  }

  /** The workspace index changed: the page's "Mentioned in N notes" follows, without taking focus. */
  mentionsChanged(): void {
    if (!this.panel || !this.paper || !this.deps.notesMentioning) return;
    if (this.deps.notesMentioning(this.paper) !== this.shownMentions) this.render(this.panel, this.paper);
  }

  private render(panel: vscode.WebviewPanel, paper: Paper): void {
    const { mediaUri } = this.deps;
    const webview = panel.webview;
    this.shownMentions = this.deps.notesMentioning?.(paper);
    webview.html = detailsHtml(paper, this.deps.snapshot(), this.deps.related(paper, RELATED_SHOWN), {
      cspSource: webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      styleUri: webview.asWebviewUri(mediaUri('details.css')).toString(),
      scriptUri: webview.asWebviewUri(mediaUri('details.js')).toString(),
    }, this.shownMentions === undefined ? {} : { mentionedIn: this.shownMentions });
  }

  private async onMessage(message: unknown): Promise<void> {
    if (!message || typeof message !== 'object') return;
    const { action, paperId, url } = message as { action?: unknown; paperId?: unknown; url?: unknown };
    if (typeof action !== 'string' || typeof paperId !== 'string') return;
    const paper = this.deps.snapshot().paper(paperId);
    if (!paper) return;
    if (action === 'openLink') {
      // Only links the paper really has; never whatever the page sends.
      const safe = typeof url === 'string' ? safeHttpUrl(url) : undefined;
      const own = [...paper.links.map(l => safeHttpUrl(l.url)), paper.arxiv ? arxivAbsUrl(paper.arxiv) : undefined, paper.doi ? safeHttpUrl(`https://doi.org/${paper.doi}`) : undefined];
      if (safe && own.includes(safe)) await vscode.env.openExternal(vscode.Uri.parse(safe));
      return;
    }
    const command = ACTION_COMMANDS[action];
    if (command) await vscode.commands.executeCommand(command, paper.id);
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

export function activateDetailsView(context: vscode.ExtensionContext, deps: DetailsDeps): DetailsPanel {
  const details = new DetailsPanel(deps);
  context.subscriptions.push(
    details,
    registerPaperCommand('paperLens.openDetails', 'Open details of which paper?', deps.picker, async paper => {
      details.show(paper);
      await deps.opened(paper);
      return paper;
    }),
  );
  return details;
}
