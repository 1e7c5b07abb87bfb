import * as vscode from 'vscode';
import type { Corpus } from '../core/corpus';
import type { Paper } from '../core/model';
import { ambiguousCardMarkdown, CARD_COMMANDS, escapeMarkdown, leadSentences, paperCardMarkdown } from './cardMarkdown';

/** A hover card: trusted for our own commands only, HTML off, theme icons on. */
export function paperCard(papers: readonly Paper[], name: string, corpus: Corpus): vscode.MarkdownString {
  const body = papers.length === 1
    ? paperCardMarkdown(papers[0], corpus, { commands: true })
    : ambiguousCardMarkdown(name, papers, corpus, { commands: true });
  const md = new vscode.MarkdownString(body, true);
  md.isTrusted = { enabledCommands: [...CARD_COMMANDS] };
  md.supportHtml = false;
  return md;
}

/** Tree tooltip: title and the abstract's first sentences, no links. */
export function paperTooltip(paper: Paper, corpus: Corpus): vscode.MarkdownString {
  const topic = corpus.topic(paper.topics[0])?.label;
  const md = new vscode.MarkdownString(
    `**${escapeMarkdown(paper.title)}**\n\n${escapeMarkdown(`${paper.year} · ${paper.firstAuthor} et al.${topic ? ` · ${topic}` : ''}`)}\n\n${escapeMarkdown(leadSentences(paper.abstract, 260, 2))}`,
  );
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}
