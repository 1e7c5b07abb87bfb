// Markdown for paper cards (hover, tree tooltip). No `vscode` import: unit tests cover it in Node.
//
// All corpus and user text goes through escapeMarkdown, so markdown, HTML and `command:` links inside
// an abstract render as plain text. Only links we build ourselves (http(s) URLs from the paper's
// cleaned links, and our own command URIs) are live.
import { httpUrl } from '../core/text/urls';
import { displayAbstract, displayTitle } from '../core/library/display';
import type { LibrarySnapshot } from '../core/library/library';
import { displayName, type Paper } from '../core/library/model';
import { summarySentences } from './abstractSummary';
import { mentionedInText } from './workspaceGroups';

/** Backslash-escapes every character markdown (CommonMark + GFM) gives meaning to, and HTML's. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()#+\-.!|~<>&$]/g, ch => `\\${ch}`)
    // Line starts that would become lists, quotes or headings even escaped above: keep it one paragraph.
    .replace(/\r?\n/g, ' ');
}

/** A URL safe inside `[label](url)`: http(s) only, parentheses and spaces percent-encoded. */
export function markdownUrl(url: string): string | undefined {
  return httpUrl(url)?.replace(/[()\s<>"']/g, ch => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

export function commandUri(command: string, args: unknown[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}

/** Commands a card may run; the hover's MarkdownString trusts exactly these. */
export const CARD_COMMANDS = ['paperLens.openDetails', 'paperLens.revealInSidebar', 'paperLens.copyReference', 'paperLens.showMentioningNotes'] as const;

export interface CardOptions {
  /** Command links (hover cards); tooltips are untrusted and get none. */
  commands?: boolean;
}

/** "2024 · Xiao et al. · KV cache compression", leaving out what is unknown. */
export function paperMetaLine(paper: Paper, topicLabel: string | undefined): string {
  return [paper.year === undefined ? '' : String(paper.year), paper.firstAuthor ? `${paper.firstAuthor} et al.` : '', topicLabel ?? ''].filter(Boolean).join(' · ');
}

/** The primary topic's label (its id when the topic is unknown). */
function primaryTopicLabel(paper: Paper, topics: Pick<LibrarySnapshot, 'topic'> | undefined): string | undefined {
  return paper.topics[0] ? (topics?.topic(paper.topics[0])?.label ?? paper.topics[0]) : undefined;
}

/** A tree tooltip: title, meta line and the abstract's first sentences; no links (tooltips are untrusted). */
export function paperTooltipMarkdown(paper: Paper, topics: Pick<LibrarySnapshot, 'topic'> | undefined): string {
  const lead = summarySentences(displayAbstract(paper), 260, 2);
  return [`**${escapeMarkdown(displayTitle(paper))}**`, escapeMarkdown(paperMetaLine(paper, primaryTopicLabel(paper, topics))), ...(lead ? [escapeMarkdown(lead)] : [])].join('\n\n');
}

/** A full card for one paper. */
export function paperCardMarkdown(paper: Paper, topics: Pick<LibrarySnapshot, 'topic'> | undefined, options: CardOptions = {}): string {
  const name = displayName(paper);
  const lines: string[] = [];
  lines.push(paper.shortName ? `**${escapeMarkdown(name)}** — ${escapeMarkdown(displayTitle(paper))}` : `**${escapeMarkdown(displayTitle(paper))}**`);
  lines.push('');
  lines.push(escapeMarkdown(paperMetaLine(paper, primaryTopicLabel(paper, topics))));
  const lead = summarySentences(displayAbstract(paper));
  if (lead) {
    lines.push('');
    lines.push(escapeMarkdown(lead));
  }
  const links = paper.links
    .map(l => ({ label: l.kind === 'code' ? 'Code' : l.label, url: markdownUrl(l.url) }))
    .filter((l): l is { label: string; url: string } => !!l.url)
    .filter((l, i, all) => all.findIndex(o => o.url === l.url) === i)
    .slice(0, 5)
    .map(l => `[${escapeMarkdown(l.label)}](${l.url})`);
  if (links.length) {
    lines.push('');
    lines.push(links.join(' · '));
  }
  if (options.commands) {
    lines.push('');
    lines.push([
      `[$(book) Open details](${commandUri('paperLens.openDetails', [paper.id])})`,
      `[$(list-tree) Reveal in sidebar](${commandUri('paperLens.revealInSidebar', [paper.id])})`,
      `[$(copy) Copy reference](${commandUri('paperLens.copyReference', [paper.id])})`,
    ].join(' · '));
  }
  return lines.join('\n');
}

/** A card for a name several papers share: one compact card per candidate. */
export function ambiguousCardMarkdown(name: string, papers: readonly Paper[], topics: Pick<LibrarySnapshot, 'topic'> | undefined, options: CardOptions = {}): string {
  const head = `**${escapeMarkdown(name)}** may refer to ${papers.length} papers:`;
  return [head, ...papers.map(p => paperCardMarkdown(p, topics, options))].join('\n\n---\n\n');
}

/** A paper's count of workspace notes, for the card's "Mentioned in N notes" line. */
export interface CardMentionCount {
  paper: Paper;
  /** Notes of the workspace that mention the paper. */
  notes: number;
}

/**
 * The card's "Mentioned in N notes" line (one per candidate of an ambiguous name), each a link to
 * "Show Notes Mentioning This Paper" with the hover's place, so the references peek opens there.
 * `at` is our own data (a document URI and a position); nothing from the note reaches the link
 * but through encodeURIComponent(JSON). Papers no note mentions get no line.
 */
export function mentionedInMarkdown(counts: readonly CardMentionCount[], at: { uri: string; line: number; character: number }): string {
  const shown = counts.filter(c => c.notes > 0);
  const several = counts.length > 1;
  return shown
    .map(c => {
      const label = `$(references) ${mentionedInText(c.notes)}`;
      const who = several ? `${escapeMarkdown(displayName(c.paper))}: ` : '';
      return `${who}[${label}](${commandUri('paperLens.showMentioningNotes', [c.paper.id, at])})`;
    })
    .join('  \n');
}
