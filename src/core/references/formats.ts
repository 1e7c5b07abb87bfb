// Reference formats for a paper: a markdown link, a BibTeX entry, a citation key and \cite{key}.
import { displayTitle } from '../library/display';
import { arxivAbsUrl } from '../library/arxivId';
import { displayName, type Paper } from '../library/model';
import { CITATION_KEY_STOP_WORDS } from '../text/stopWords';

export type ReferenceFormat = 'markdown' | 'bibtex' | 'cite' | 'key';
export const REFERENCE_FORMATS: readonly ReferenceFormat[] = ['markdown', 'bibtex', 'cite', 'key'];

/** The paper's arXiv page, when it has an arXiv id. */
export function arxivUrl(paper: Paper): string | undefined {
  return paper.arxiv ? arxivAbsUrl(paper.arxiv) : undefined;
}

/** Where the paper can be read: its arXiv page, else its DOI, else the first link it has. */
export function paperUrl(paper: Paper): string | undefined {
  return arxivUrl(paper) ?? (paper.doi ? `https://doi.org/${paper.doi}` : paper.links.find(l => /^https?:\/\//i.test(l.url))?.url);
}

/** Lower-case ASCII letters and digits only: "Costa-jussà" → "costajussa". */
function keyPart(s: string): string {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');
}


/**
 * A stable, readable citation key: first author's surname (first word of a team name), year, and
 * the paper's short name or first significant title word — `xiao2024duoattention`.
 */
export function citeKey(paper: Paper): string {
  if (paper.citationKey) return paper.citationKey;
  const author = keyPart(paper.firstAuthor.split(/\s+/)[0] ?? '') || 'anon';
  const source = paper.shortName ?? paper.title;
  const words = source.split(/[\s:]+/).map(keyPart).filter(Boolean);
  const word = (paper.shortName ? words[0] : words.find(w => !CITATION_KEY_STOP_WORDS.has(w))) ?? keyPart(paper.arxiv ?? paper.id);
  return `${author}${paper.year ?? ''}${word}`;
}

export function citeCommand(paper: Paper): string {
  return `\\cite{${citeKey(paper)}}`;
}

/** Escapes text for a markdown link label: brackets, backslashes and emphasis characters. */
export function escapeMarkdownInline(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+!|~]/g, ch => `\\${ch}`);
}

/** "Xiao et al., 2024"; what is unknown is left out ("Xiao et al.", "2024", or ""). */
export function authorYear(paper: Paper): string {
  const author = paper.firstAuthor ? `${paper.firstAuthor} et al.` : '';
  return [author, paper.year === undefined ? '' : String(paper.year)].filter(Boolean).join(', ');
}

/** `[Title](https://arxiv.org/abs/id) (Author et al., year)`; without a URL, the title as text. */
export function markdownLink(paper: Paper): string {
  const label = escapeMarkdownInline(displayTitle(paper));
  const url = paperUrl(paper);
  const who = authorYear(paper);
  return `${url ? `[${label}](${url})` : label}${who ? ` (${who})` : ''}`;
}

/**
 * Escapes BibTeX special characters in plain text while keeping TeX the source already contains
 * (math in `$...$`, `\&`): `&` → `\&`, `%` → `\%`, `#` → `\#`, `_` → `\_` outside math, and braces
 * that would unbalance the field.
 */
export function escapeBibtex(text: string): string {
  let out = '';
  let inMath = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\' && i + 1 < text.length && /[&%#_${}]/.test(text[i + 1])) {
      out += ch + text[i + 1];
      i++;
      continue;
    }
    if (ch === '$') {
      // Only a closed $...$ pair is math; a lone dollar is text.
      if (inMath || text.indexOf('$', i + 1) > i) {
        inMath = !inMath;
        out += ch;
      } else {
        out += '\\$';
      }
      continue;
    }
    if (!inMath && /[&%#_]/.test(ch)) {
      out += `\\${ch}`;
      continue;
    }
    if (ch === '{' || ch === '}') {
      out += `\\${ch}`;
      continue;
    }
    out += ch;
  }
  return out;
}

/** Braces words with capitals after the first letter so BibTeX styles keep their case: {DuoAttention}, {LLM}. */
function protectCase(escapedTitle: string): string {
  return escapedTitle.replace(/(?<![\\\w{])([A-Za-z][\w-]*[A-Z][\w-]*)/g, (word, _w, offset: number, whole: string) => {
    // Leave TeX commands and math alone.
    const before = whole.slice(0, offset);
    if ((before.match(/\$/g)?.length ?? 0) % 2 === 1) return word;
    return /[A-Z]/.test(word.slice(1)) ? `{${word}}` : word;
  });
}

/** The author field: every author when the source listed them, else the first one "and others". */
function bibtexAuthors(paper: Paper): string | undefined {
  if (paper.authors?.length) return paper.authors.map(a => (a.includes(',') ? `{${escapeBibtex(a)}}` : escapeBibtex(a))).join(' and ');
  if (!paper.firstAuthor) return undefined;
  const team = /\b(team|group|lab|ai|inc)\b/i.test(paper.firstAuthor) || paper.firstAuthor.includes(' ');
  return team ? `{${escapeBibtex(paper.firstAuthor)}} and others` : `${escapeBibtex(paper.firstAuthor)} and others`;
}

export function bibtex(paper: Paper): string {
  const fields: [string, string | undefined][] = [
    ['title', protectCase(escapeBibtex(paper.title))],
    ['author', bibtexAuthors(paper)],
    ['year', paper.year === undefined ? undefined : String(paper.year)],
    ['eprint', paper.arxiv],
    ['archivePrefix', paper.arxiv ? 'arXiv' : undefined],
    ['doi', paper.doi],
    ['url', paperUrl(paper)],
  ];
  const present = fields.filter((f): f is [string, string] => f[1] !== undefined && f[1] !== '');
  return `@misc{${citeKey(paper)},\n${present.map(([k, v]) => `  ${k} = {${v}}`).join(',\n')}\n}`;
}

export function formatReference(paper: Paper, format: ReferenceFormat): string {
  switch (format) {
    case 'markdown': return markdownLink(paper);
    case 'bibtex': return bibtex(paper);
    case 'cite': return citeCommand(paper);
    case 'key': return citeKey(paper);
  }
}

/** What "Insert reference" inserts when the setting says `auto`: \cite in LaTeX, a link elsewhere. */
export function autoReferenceFormat(languageId: string): ReferenceFormat {
  return /^(latex|tex|bibtex|context|doctex)$/.test(languageId) ? 'cite' : 'markdown';
}

/** A short label for UI: "DuoAttention (Xiao et al., 2024)". */
export function shortReference(paper: Paper): string {
  return `${displayName(paper)} (${authorYear(paper)})`;
}
