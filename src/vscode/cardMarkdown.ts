// Markdown for paper cards (hover, tree tooltip). No `vscode` import: unit tests cover it in Node.
//
// All corpus and user text goes through escapeMarkdown, so markdown, HTML and `command:` links inside
// an abstract render as plain text. Only links we build ourselves (http(s) URLs from the paper's
// cleaned links, and our own command URIs) are live.
import type { Corpus } from '../core/corpus';
import { displayName, type Paper } from '../core/model';

/** Backslash-escapes every character markdown (CommonMark + GFM) gives meaning to, and HTML's. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()#+\-.!|~<>&$]/g, ch => `\\${ch}`)
    // Line starts that would become lists, quotes or headings even escaped above: keep it one paragraph.
    .replace(/\r?\n/g, ' ');
}

/** A URL safe inside `[label](url)`: http(s) only, parentheses and spaces percent-encoded. */
export function markdownUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  return parsed.href.replace(/[()\s<>"']/g, ch => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

export function commandUri(command: string, args: unknown[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}

/**
 * The first sentences of an abstract, up to about `maxChars`. Splits at ". " followed by a capital,
 * which keeps "e.g. the" and "1.5B" inside their sentence.
 */
export function leadSentences(abstract: string, maxChars = 320, maxSentences = 3): string {
  const sentences = abstract.split(/(?<=[.!?])\s+(?=[A-Z(“"])/);
  let out = '';
  for (const s of sentences.slice(0, maxSentences)) {
    if (out && out.length + s.length + 1 > maxChars) break;
    out = out ? `${out} ${s}` : s;
  }
  if (out.length > maxChars + 80) out = `${out.slice(0, maxChars).replace(/\s+\S*$/, '')}…`;
  return out;
}

/** Commands a card may run; the hover's MarkdownString trusts exactly these. */
export const CARD_COMMANDS = ['paperLens.openDetails', 'paperLens.revealInSidebar', 'paperLens.copyReference'] as const;

export interface CardOptions {
  /** Command links (hover cards); tooltips are untrusted and get none. */
  commands?: boolean;
}

/** A full card for one paper. */
export function paperCardMarkdown(paper: Paper, corpus: Corpus | undefined, options: CardOptions = {}): string {
  const name = displayName(paper);
  const topic = paper.topics[0] ? (corpus?.topic(paper.topics[0])?.label ?? paper.topics[0]) : undefined;
  const lines: string[] = [];
  lines.push(paper.shortName ? `**${escapeMarkdown(name)}** — ${escapeMarkdown(paper.title)}` : `**${escapeMarkdown(paper.title)}**`);
  lines.push('');
  lines.push(escapeMarkdown([`${paper.year}`, `${paper.firstAuthor} et al.`, topic].filter(Boolean).join(' · ')));
  lines.push('');
  lines.push(escapeMarkdown(leadSentences(paper.abstract)));
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
export function ambiguousCardMarkdown(name: string, papers: readonly Paper[], corpus: Corpus | undefined, options: CardOptions = {}): string {
  const head = `**${escapeMarkdown(name)}** may refer to ${papers.length} papers:`;
  return [head, ...papers.map(p => paperCardMarkdown(p, corpus, options))].join('\n\n---\n\n');
}
