// The details view: one webview panel, reused for every paper (a click on another paper replaces
// the content rather than opening a new tab). Strict CSP with a nonce, no remote resources,
// local resources limited to media/.
import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import type { Paper } from '../core/model';
import { detailsHtml, type RelatedPaper, safeHttpUrl } from './detailsHtml';
import type { PaperLensServices } from './services';

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
};

export type RelatedProvider = (paper: Paper) => RelatedPaper[];

export class DetailsPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private paper: Paper | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly services: PaperLensServices, private readonly related: RelatedProvider) {}

  /** The paper shown now, if the panel is open (a seam for tests and for commands). */
  get currentPaper(): Paper | undefined {
    return this.panel ? this.paper : undefined;
  }

  get webviewPanel(): vscode.WebviewPanel | undefined {
    return this.panel;
  }

  show(paper: Paper, preserveFocus = false): vscode.WebviewPanel {
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(DETAILS_VIEW_TYPE, 'Paper', { viewColumn: vscode.ViewColumn.Beside, preserveFocus }, {
        enableScripts: true,
        enableFindWidget: true,
        retainContextWhenHidden: false,
        localResourceRoots: [this.services.mediaUri()],
      });
      this.panel.iconPath = this.services.mediaUri('icon.svg');
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.paper = undefined;
      }, null, this.disposables);
      this.panel.webview.onDidReceiveMessage(m => this.onMessage(m), null, this.disposables);
    } else {
      this.panel.reveal(undefined, preserveFocus);
    }
    this.paper = paper;
    this.panel.title = paper.shortName ?? paper.title;
    const webview = this.panel.webview;
    webview.html = detailsHtml(paper, this.services.corpus(), this.related(paper), {
      cspSource: webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      styleUri: webview.asWebviewUri(this.services.mediaUri('details.css')).toString(),
      scriptUri: webview.asWebviewUri(this.services.mediaUri('details.js')).toString(),
    });
    return this.panel;
  }

  private async onMessage(message: unknown): Promise<void> {
    if (!message || typeof message !== 'object') return;
    const { action, paperId, url } = message as { action?: unknown; paperId?: unknown; url?: unknown };
    if (typeof action !== 'string' || typeof paperId !== 'string') return;
    const paper = this.services.corpus().paper(paperId);
    if (!paper) return;
    if (action === 'openLink') {
      // Only links the paper really has; never whatever the page sends.
      const safe = typeof url === 'string' ? safeHttpUrl(url) : undefined;
      const known = safe && (paper.links.some(l => safeHttpUrl(l.url) === safe) || safe === `https://arxiv.org/abs/${paper.arxiv}`);
      if (known) await vscode.env.openExternal(vscode.Uri.parse(safe));
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
