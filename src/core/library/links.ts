// Links of a paper: arXiv and Hugging Face pages from its id, and the URLs its abstract gives,
// cleaned of what text extraction leaves around them (trailing punctuation, LaTeX such as
// `\url{...}`, `{here}`, a stray `}`). A URL that is still not valid after cleaning is dropped.
import type { Link, LinkKind } from './model';

const URL_START = /\bhttps?:\/\//gi;

/** Trims one raw URL token; returns undefined when nothing valid is left. */
export function cleanUrl(raw: string): string | undefined {
  let url = raw;
  // LaTeX debris: `...LaRA{https://...}` or `...seco{here}`: the URL ends where a brace group starts.
  const brace = url.indexOf('{');
  if (brace > 0) url = url.slice(0, brace);
  url = url.replace(/[}\]]+$/g, '');
  // Trailing sentence punctuation and unbalanced closing brackets/quotes.
  for (;;) {
    const before = url;
    url = url.replace(/[.,;:!?'"`»”’]+$/u, '');
    if (url.endsWith(')') && count(url, '(') < count(url, ')')) url = url.slice(0, -1);
    if (url.endsWith('}') || url.endsWith(']')) url = url.slice(0, -1);
    if (url === before) break;
  }
  try {
    const parsed = new URL(url);
    if (!/^https?:$/.test(parsed.protocol)) return undefined;
    // A host without a dot ("https://github") or with empty labels is broken, not a link.
    if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(parsed.hostname)) return undefined;
    return url;
  } catch {
    return undefined;
  }
}

function count(s: string, ch: string): number {
  let n = 0;
  for (const c of s) if (c === ch) n++;
  return n;
}

/** The cleaned URLs of a text, in order, without duplicates. */
export function extractUrls(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(URL_START)) {
    const start = m.index ?? 0;
    const end = text.slice(start).search(/\s/);
    const raw = end < 0 ? text.slice(start) : text.slice(start, start + end);
    // A second URL glued to the first (`a{https://b}`) is found by the next match.
    const url = cleanUrl(raw);
    if (url && !found.includes(url)) found.push(url);
  }
  return found;
}

/** What a URL most likely is, from its host and the words just before it. */
export function classifyUrl(url: string, context = ''): LinkKind {
  const host = new URL(url).hostname.toLowerCase();
  const before = context.toLowerCase();
  if (host === 'arxiv.org') return 'arxiv';
  if (host === 'github.com' || host === 'gitlab.com' || host === 'bitbucket.org') return 'code';
  if (host.endsWith('huggingface.co')) {
    if (/\/datasets\//.test(url)) return 'data';
    return 'model';
  }
  if (/\b(code|codes|codebase|implementation|source)\b/.test(before)) return 'code';
  if (/\b(dataset|data|benchmark)\b/.test(before)) return 'data';
  return 'project';
}

const LABELS: Record<LinkKind, string> = {
  arxiv: 'arXiv',
  huggingface: 'Hugging Face',
  code: 'Code',
  project: 'Project page',
  model: 'Models',
  data: 'Data',
  other: 'Link',
};

/** Where a paper can be found, by identifier: its arXiv id, DOI and the URL its source gives. */
export interface PaperIdentifiers {
  arxiv?: string;
  doi?: string;
  url?: string;
}

/**
 * All links of a paper: arXiv abstract and Hugging Face pages (for an arXiv id, or an id string as
 * the bundled corpus passes it), its DOI and URL, then the URLs its abstract gives.
 */
export function paperLinks(ids: string | PaperIdentifiers, abstract: string): Link[] {
  const { arxiv, doi, url: sourceUrl } = typeof ids === 'string' ? { arxiv: ids } as PaperIdentifiers : ids;
  const links: Link[] = [];
  if (arxiv) {
    links.push({ kind: 'arxiv', url: `https://arxiv.org/abs/${arxiv}`, label: 'arXiv' });
    links.push({ kind: 'huggingface', url: `https://huggingface.co/papers/${arxiv}`, label: 'Hugging Face' });
  }
  if (doi) links.push({ kind: 'other', url: `https://doi.org/${doi}`, label: 'DOI' });
  const extra = [...(sourceUrl ? [cleanUrl(sourceUrl)] : []), ...extractUrls(abstract)];
  for (const url of extra) {
    if (!url || links.some(l => l.url === url) || /^https?:\/\/(?:www\.)?(?:arxiv\.org\/(?:abs|pdf)|doi\.org)\//i.test(url) && links.length) continue;
    const at = abstract.indexOf(url);
    const sentenceStart = at < 0 ? 0 : Math.max(abstract.lastIndexOf('. ', at), 0);
    const kind = classifyUrl(url, at < 0 ? '' : abstract.slice(sentenceStart, at));
    const host = new URL(url).hostname.replace(/^www\./, '');
    links.push({ kind, url, label: kind === 'code' || kind === 'model' || kind === 'data' ? `${LABELS[kind]} (${host})` : kind === 'arxiv' ? 'arXiv' : host });
  }
  return links;
}
