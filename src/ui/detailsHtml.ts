// HTML for the details webview. No `vscode` import: unit tests render it in Node.
//
// Every piece of corpus or user text goes through escapeHtml; attributes only ever hold our own ids,
// escaped URLs that passed an http(s) check, or the CSP nonce. The page's one script (media/details.js)
// runs under a nonce-based CSP and only posts messages; the extension decides what they may do.
import { displayAbstract, displayTitle } from '../core/library/display';
import type { LibrarySnapshot } from '../core/library/library';
import { displayName, type Paper } from '../core/library/model';
import { arxivAbsUrl } from '../core/library/arxivId';
import { httpUrl } from '../core/text/urls';
import { bibtex, citeKey, paperUrl } from '../core/references/formats';
import { mentionedInText } from './workspaceGroups';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, ch => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' })[ch]!);
}

/** http(s) URLs only; anything else (javascript:, command:, data:) is dropped. */
export const safeHttpUrl = httpUrl;

export interface DetailsPageResources {
  cspSource: string;
  nonce: string;
  styleUri: string;
  scriptUri: string;
}

export interface RelatedPaper { paper: Paper; reason?: string }

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "Xiao et al. · October 2024 · arXiv 2410.10819", leaving out what the paper does not say. */
function metaLine(paper: Paper): string {
  const parts: string[] = [];
  if (paper.firstAuthor) parts.push(escapeHtml(`${paper.firstAuthor} et al.`));
  const date = `${paper.month ? (MONTHS[paper.month - 1] ?? '') : ''} ${paper.year ?? ''}`.trim();
  if (date) parts.push(escapeHtml(date));
  if (paper.venue) parts.push(escapeHtml(paper.venue));
  if (paper.arxiv) parts.push(`arXiv <a href="#" data-action="openLink" data-url="${escapeHtml(arxivAbsUrl(paper.arxiv))}">${escapeHtml(paper.arxiv)}</a>`);
  else if (paper.doi) parts.push(`DOI <a href="#" data-action="openLink" data-url="${escapeHtml(`https://doi.org/${paper.doi}`)}">${escapeHtml(paper.doi)}</a>`);
  return parts.join(' · ');
}

/** What the page shows beyond the paper itself. */
export interface DetailsExtras {
  /** Notes of the workspace that mention the paper (the workspace index); undefined hides the line. */
  mentionedIn?: number;
}

/** "Mentioned in 3 notes", a button that asks for "Show Notes Mentioning This Paper" (a message, never a link). */
function mentionsLine(paper: Paper, notes: number | undefined): string {
  if (notes === undefined) return '';
  if (notes === 0) return '<p class="mentions muted">Not mentioned in this workspace\'s notes</p>';
  return `<p class="mentions"><a href="#" data-action="showMentioningNotes" data-paper="${escapeHtml(paper.id)}">${escapeHtml(mentionedInText(notes))}</a></p>`;
}

export function detailsHtml(paper: Paper, topics: Pick<LibrarySnapshot, 'topic'> | undefined, related: readonly RelatedPaper[], res: DetailsPageResources, extras: DetailsExtras = {}): string {
  const csp = [
    "default-src 'none'",
    `style-src ${res.cspSource}`,
    `img-src ${res.cspSource}`,
    `font-src ${res.cspSource}`,
    `script-src 'nonce-${res.nonce}'`,
  ].join('; ');
  const topicChips = paper.topics.map(t => `<span class="chip">${escapeHtml(topics?.topic(t)?.label ?? t)}</span>`).join('');
  const aliases = paper.aliases.filter(a => a.origin !== 'variant' && a.name !== paper.shortName).map(a => a.name);
  const links = paper.links
    .map(l => ({ l, url: safeHttpUrl(l.url) }))
    .filter((x): x is { l: Paper['links'][number]; url: string } => !!x.url)
    .map(({ l, url }) => `<li><a href="${escapeHtml(url)}" data-action="openLink" data-url="${escapeHtml(url)}">${escapeHtml(l.label)}</a> <span class="muted">${escapeHtml(url)}</span></li>`)
    .join('');
  const relatedItems = related
    .map(r => `<li><a href="#" data-action="openPaper" data-paper="${escapeHtml(r.paper.id)}">${escapeHtml(displayName(r.paper))}</a>`
      + `<span class="muted"> — ${escapeHtml(r.paper.shortName ? displayTitle(r.paper) : `${r.paper.year ?? ''}`)}${r.reason ? ` · ${escapeHtml(r.reason)}` : ''}</span></li>`)
    .join('');
  const button = (action: string, label: string, title: string) =>
    `<button type="button" data-action="${action}" data-paper="${escapeHtml(paper.id)}" title="${escapeHtml(title)}">${escapeHtml(label)}</button>`;

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(res.styleUri)}">
<title>${escapeHtml(displayName(paper))}</title>
</head>
<body data-paper="${escapeHtml(paper.id)}">
<header>
  ${paper.shortName ? `<p class="short-name">${escapeHtml(paper.shortName)}</p>` : ''}
  <h1>${escapeHtml(displayTitle(paper))}</h1>
  <p class="meta">${metaLine(paper)}</p>
  ${paper.arxivTitle ? `<p class="muted">Now on arXiv as “${escapeHtml(paper.arxivTitle)}”</p>` : ''}
  <p class="topics">${topicChips}</p>
  ${mentionsLine(paper, extras.mentionedIn)}
  <div class="actions">
    ${button('copyMarkdownLink', 'Copy link', 'Copy a markdown link to this paper')}
    ${button('copyBibtex', 'Copy BibTeX', `Copy a BibTeX entry (${citeKey(paper)})`)}
    ${button('copyCiteKey', 'Copy \\cite{}', `Copy \\cite{${citeKey(paper)}}`)}
    ${button('insertReference', 'Insert reference', 'Insert a reference at the cursor of the last active editor')}
    ${paper.arxiv ? button('openArxiv', 'Open on arXiv', 'Open the arXiv page in the browser') : paperUrl(paper) ? button('openArxiv', 'Open paper page', 'Open the paper\'s page in the browser') : ''}
    ${button('revealInSidebar', 'Reveal in sidebar', 'Show this paper in the Papers tree')}
  </div>
</header>
<main>
  <section>
    <h2>Abstract</h2>
    <p class="abstract">${escapeHtml(displayAbstract(paper))}</p>
  </section>
  ${aliases.length ? `<section><h2>Also known as</h2><p>${aliases.map(a => `<code>${escapeHtml(a)}</code>`).join(' ')}</p></section>` : ''}
  <section>
    <h2>Links</h2>
    <ul class="links">${links}</ul>
  </section>
  <section>
    <h2>Related papers</h2>
    ${relatedItems ? `<ul class="related">${relatedItems}</ul>` : '<p class="muted">No related papers found.</p>'}
  </section>
  <section>
    <h2>BibTeX</h2>
    <pre class="bibtex">${escapeHtml(bibtex(paper))}</pre>
  </section>
</main>
<script nonce="${escapeHtml(res.nonce)}" src="${escapeHtml(res.scriptUri)}"></script>
</body>
</html>`;
}
