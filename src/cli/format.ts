import { displayAbstract, displayTitle } from '../core/library/display';
import type { LibrarySnapshot } from '../core/library/library';
import { displayName, type Paper } from '../core/library/model';

/** The JSON shape of a paper in `list --json` and `show --json`. */
export function paperJson(p: Paper) {
  return {
    id: p.id,
    title: p.title,
    shortName: p.shortName,
    aliases: p.aliases,
    topics: p.topics,
    arxiv: p.arxiv,
    year: p.year,
    month: p.month,
    firstAuthor: p.firstAuthor,
    links: p.links,
    abstract: p.abstract,
    ...(p.arxivTitle ? { arxivTitle: p.arxivTitle } : {}),
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function monthYear(p: Paper): string {
  return `${p.month ? (MONTHS[p.month - 1] ?? '') : ''} ${p.year ?? ''}`.trim();
}

/** Wraps prose to a terminal width with an indent. */
export function wrap(text: string, width: number, indent = ''): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && (indent + line + ' ' + word).length > width) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(indent + line);
  return lines.join('\n');
}

export function paperCardText(p: Paper, snapshot: Pick<LibrarySnapshot, 'topic'>, width = 100): string {
  const topics = p.topics.map(t => snapshot.topic(t)?.label ?? t).join(' · ');
  const names = p.aliases.map(a => a.name).filter(n => n !== p.shortName);
  return [
    `${displayName(p)}${p.shortName ? ` — ${displayTitle(p)}` : ''}`,
    `  ${[p.arxiv ? `arXiv ${p.arxiv}` : p.doi ? `DOI ${p.doi}` : '', monthYear(p), p.firstAuthor ? `${p.firstAuthor} et al.` : ''].filter(Boolean).join(' · ')}`,
    ...(topics ? [`  Topics: ${topics}`] : []),
    ...(names.length ? [`  Also known as: ${names.join(', ')}`] : []),
    ...(p.arxivTitle ? [`  arXiv title now: ${p.arxivTitle}`] : []),
    '',
    wrap(displayAbstract(p), width, '  '),
    '',
    ...p.links.map(l => `  ${l.label.padEnd(22)} ${l.url}`),
  ].join('\n');
}
