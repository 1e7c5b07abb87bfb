// Paper markdown (src/ui/cardMarkdown.ts) as VS Code MarkdownStrings, with the trust each place needs.
import * as vscode from 'vscode';
import type { LibrarySnapshot } from '../core/library/library';
import type { Paper } from '../core/library/model';
import { ambiguousCardMarkdown, CARD_COMMANDS, paperCardMarkdown, paperTooltipMarkdown } from '../ui/cardMarkdown';

/** A hover card: trusted for our own commands only, HTML off, theme icons on. */
export function paperCard(papers: readonly Paper[], name: string, topics: Pick<LibrarySnapshot, 'topic'>): vscode.MarkdownString {
  const body = papers.length === 1
    ? paperCardMarkdown(papers[0], topics, { commands: true })
    : ambiguousCardMarkdown(name, papers, topics, { commands: true });
  const md = new vscode.MarkdownString(body, true);
  md.isTrusted = { enabledCommands: [...CARD_COMMANDS] };
  md.supportHtml = false;
  return md;
}

/** Tree tooltip: title and the abstract's first sentences; untrusted, no HTML. */
export function paperTooltip(paper: Paper, topics: Pick<LibrarySnapshot, 'topic'>): vscode.MarkdownString {
  const md = new vscode.MarkdownString(paperTooltipMarkdown(paper, topics));
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}
