// A markdown-it plugin for the markdown preview: paper names in the rendered text carry the paper's
// title and year on hover (a `title` attribute) and link to the paper (its arXiv page, else its
// DOI, else its URL, else no link). The extension contributes it with `markdown.markdownItPlugins`
// and returns `{ extendMarkdownIt: md => md.use(paperMentionsPlugin, options) }` from activate.
//
// How names are found: the detector runs once over the whole source (`state.src`), exactly the
// text the editor's hover scans, so the preview marks what hover recognises (headings, list items,
// links and sentences give the same evidence). Each mention is then mapped into the inline text
// tokens of the block it lies in: a block's source lines → its inline `content` (the lines less
// their container markers) → the child text tokens parsed from that content. A mention is marked
// only when it falls wholly inside one plain text token outside links and inline HTML, and the
// token really holds the mention's text there; anything else (code spans, fenced code, HTML
// blocks, image alt text, a name split by emphasis or an escape) is left as it was.
//
// Everything the output carries from a paper goes through markdown-it's attribute escaping
// (renderAttrs → escapeHtml), and the only links produced are http(s) URLs this module builds from a
// validated arXiv id, DOI or http(s) URL: never `command:`, `javascript:` or a user-chosen scheme.
import { normalizeDoi } from '../library/doi';
import type MarkdownIt from 'markdown-it';
import { parseArxivId } from '../library/arxivId';
import { cleanUrl } from '../library/links';

type StateCore = MarkdownIt.StateCore;
type Token = MarkdownIt.Token;

/** What the plugin needs from the mention detector (`MentionDetector` in src/core/mentions is one). */
export interface PreviewMentionFinder {
  detect(text: string): { start: number; end: number; text: string; papers: string[]; ambiguous: boolean }[];
}

/** What the plugin reads of a paper (a `Paper` of the library model is one; `doi`, `url` and page links come with user libraries). */
export interface PreviewPaper {
  id: string;
  title: string;
  year?: number;
  arxiv?: string;
  doi?: string;
  url?: string;
  /** The paper's links; a 'project' or 'other' one (a bibliography entry's url) serves when it has no id. */
  links?: readonly { kind: string; url: string }[];
}

export interface PaperMentionsPluginOptions {
  /** The detector, or undefined while the library is not loaded yet (nothing is marked then). */
  finder: () => PreviewMentionFinder | undefined;
  paper: (id: string) => PreviewPaper | undefined;
  /** Read at every render (a setting): false leaves the preview untouched. Default: always on. */
  enabled?: () => boolean;
}

/** Class of every marked name, for the preview's style sheet and scripts. */
export const MENTION_CLASS = 'paper-lens-mention';
const OPEN = 'paper_lens_mention_open';
const CLOSE = 'paper_lens_mention_close';
/** A hover is one line of a tooltip: longer titles are cut. */
const MAX_TITLE = 300;

/** The link a preview gives a paper: its arXiv abstract page, else its DOI, else its http(s) URL; undefined when it has none of them. */
export function paperHref(paper: PreviewPaper): string | undefined {
  const arxiv = typeof paper.arxiv === 'string' ? parseArxivId(paper.arxiv) : undefined;
  if (arxiv) return `https://arxiv.org/abs/${arxiv.id}`;
  const doi = typeof paper.doi === 'string' ? doiHref(paper.doi) : undefined;
  if (doi) return doi;
  const page = Array.isArray(paper.links) ? paper.links.find(l => l && (l.kind === 'project' || l.kind === 'other'))?.url : undefined;
  for (const raw of [paper.url, page]) {
    const url = typeof raw === 'string' ? cleanUrl(raw.trim()) : undefined;
    if (url) return new URL(url).href;
  }
  return undefined;
}

/**
 * A DOI as a doi.org link. A DOI is "10.", a registrant code, "/", and any printable suffix (the
 * DOI Handbook); each part is percent-encoded, so a "#", "?" or quote in a suffix stays in the path.
 */
function doiHref(raw: string): string | undefined {
  const doi = normalizeDoi(raw);
  if (!doi || doi.length > 300) return undefined;
  // An arXiv DOI (10.48550/arXiv.2410.10819) is better served by the arXiv page.
  const arxiv = parseArxivId(doi);
  if (arxiv) return `https://arxiv.org/abs/${arxiv.id}`;
  return `https://doi.org/${doi.split('/').map(encodeURIComponent).join('/')}`;
}

function oneLine(text: string): string {
  const s = text.replace(/\s+/g, ' ').trim();
  return s.length > MAX_TITLE ? `${s.slice(0, MAX_TITLE - 1)}…` : s;
}

function describe(paper: PreviewPaper): string {
  const year = typeof paper.year === 'number' && paper.year > 0 ? ` (${paper.year})` : '';
  return `${oneLine(String(paper.title ?? paper.id))}${year}`;
}

export function paperMentionsPlugin(md: MarkdownIt, options: PaperMentionsPluginOptions): void {
  const rule = (state: StateCore) => {
    if (options.enabled && !options.enabled()) return;
    const finder = options.finder();
    if (!finder) return;
    markMentions(state, finder, options.paper);
  };
  // After linkify (its links are then tokens this rule stays out of), before the typographer
  // rewrites text (quotes, dashes) and text_join folds escapes into text: at that point a text
  // token is still a verbatim piece of its block's source.
  try {
    md.core.ruler.after('linkify', 'paper_lens_mentions', rule);
  } catch {
    md.core.ruler.push('paper_lens_mentions', rule);
  }
}

/** A stretch of a block's inline content that is a verbatim stretch of the source. */
interface Segment {
  srcFrom: number;
  srcTo: number;
  contentFrom: number;
}

interface BlockMention {
  /** Offsets in the block's inline content. */
  from: number;
  to: number;
  text: string;
  papers: string[];
  ambiguous: boolean;
}

function markMentions(state: StateCore, finder: PreviewMentionFinder, lookup: (id: string) => PreviewPaper | undefined): void {
  const src = state.src;
  let mentions: ReturnType<PreviewMentionFinder['detect']>;
  try {
    mentions = finder.detect(src);
  } catch {
    return; // A preview without marks beats no preview.
  }
  if (!mentions.length) return;
  mentions = [...mentions].sort((a, b) => a.start - b.start);
  const lineStarts = [0];
  for (let i = src.indexOf('\n'); i >= 0; i = src.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  // Within one source line, where the last block's search ended (table cells share their row's line).
  const lineCursor = new Map<number, number>();
  let rowMap: [number, number] | null = null;
  for (const token of state.tokens) {
    if (token.type === 'tr_open') rowMap = token.map;
    if (token.type !== 'inline' || !token.children?.length) continue;
    const map = token.map ?? rowMap;
    if (!map) continue;
    const segments = blockSegments(src, lineStarts, token.content, map, lineCursor);
    const inBlock = mentionsIn(mentions, segments);
    if (inBlock.length) token.children = wrapMentions(state, token.content, token.children, inBlock, lookup);
  }
}

/** Where each line of a block's inline content lies in the source. */
function blockSegments(src: string, lineStarts: number[], content: string, map: [number, number], lineCursor: Map<number, number>): Segment[] {
  const segments: Segment[] = [];
  let contentLineStart = 0;
  let line = map[0];
  for (const contentLine of content.split('\n')) {
    if (line >= map[1] || line >= lineStarts.length) break;
    const srcLineStart = lineStarts[line];
    const srcLineEnd = line + 1 < lineStarts.length ? lineStarts[line + 1] - 1 : src.length;
    // The content line is its source line less a prefix (indent, ">", a list marker, "#"s, a
    // table's pipes) and trailing blanks; a tab in the prefix may have become spaces.
    const lead = contentLine.length - contentLine.trimStart().length;
    const core = contentLine.slice(lead);
    if (core) {
      const from = lineCursor.get(line) ?? srcLineStart;
      const found = src.slice(from, srcLineEnd).indexOf(core);
      const at = found < 0 ? -1 : from + found;
      if (at >= 0) {
        segments.push({ srcFrom: at, srcTo: at + core.length, contentFrom: contentLineStart + lead });
        lineCursor.set(line, at + core.length);
      }
    }
    contentLineStart += contentLine.length + 1;
    line++;
  }
  return segments;
}

/** The mentions that lie wholly inside one segment, in content offsets. */
function mentionsIn(mentions: ReturnType<PreviewMentionFinder['detect']>, segments: Segment[]): BlockMention[] {
  const out: BlockMention[] = [];
  for (const s of segments) {
    // First mention starting at or after the segment: binary search (mentions are sorted).
    let lo = 0;
    let hi = mentions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (mentions[mid].start < s.srcFrom) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < mentions.length && mentions[i].start < s.srcTo; i++) {
      const m = mentions[i];
      if (m.end > s.srcTo) continue;
      out.push({ from: m.start - s.srcFrom + s.contentFrom, to: m.end - s.srcFrom + s.contentFrom, text: m.text, papers: m.papers, ambiguous: m.ambiguous });
    }
  }
  return out;
}

/** HTML elements without a closing tag: they open nothing a name could be inside. */
const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/** +1 for an inline HTML opening tag, −1 for a closing one, 0 for void elements, comments and the like. */
function htmlNesting(html: string): number {
  const close = /^<\/([A-Za-z][\w-]*)/.exec(html);
  if (close) return -1;
  const open = /^<([A-Za-z][\w-]*)/.exec(html);
  if (!open || /\/>$/.test(html) || VOID_ELEMENTS.has(open[1].toLowerCase())) return 0;
  return 1;
}

/** Index of the first run of exactly `run.length` backticks at or after `from`, or −1. */
function backtickRun(content: string, run: string, from: number): number {
  for (let at = content.indexOf(run, from); at >= 0; at = content.indexOf(run, at + 1)) {
    let end = at + run.length;
    while (content[end] === '`') end++;
    if (end - at === run.length && content[at - 1] !== '`') return at;
    at = end - 1;
  }
  return -1;
}

/** The children with every mappable mention wrapped in an open/close pair. */
function wrapMentions(state: StateCore, content: string, children: Token[], mentions: BlockMention[], lookup: (id: string) => PreviewPaper | undefined): Token[] {
  const out: Token[] = [];
  let cursor = 0;
  let linkDepth = 0;
  let htmlDepth = 0;
  let next = 0; // first mention not yet behind the cursor
  mentions.sort((a, b) => a.from - b.from);
  for (const child of children) {
    switch (child.type) {
      case 'link_open':
        linkDepth++;
        break;
      case 'link_close':
        linkDepth = Math.max(0, linkDepth - 1);
        break;
      case 'html_inline': {
        const at = content.indexOf(child.content, cursor);
        if (at >= 0) cursor = at + child.content.length;
        htmlDepth = Math.max(0, htmlDepth + htmlNesting(child.content));
        break;
      }
      case 'text_special': {
        // An escape ("\*") or entity ("&amp;"): its markup is what the source holds.
        const at = child.markup ? content.indexOf(child.markup, cursor) : -1;
        if (at >= 0) cursor = at + child.markup.length;
        break;
      }
      case 'code_inline': {
        const open = backtickRun(content, child.markup || '`', cursor);
        const close = open >= 0 ? backtickRun(content, child.markup || '`', open + (child.markup || '`').length) : -1;
        if (close >= 0) cursor = close + (child.markup || '`').length;
        break;
      }
      case 'text': {
        const at = child.content ? content.indexOf(child.content, cursor) : -1;
        if (at < 0) break;
        cursor = at + child.content.length;
        while (next < mentions.length && mentions[next].from < at) next++;
        // Inside a link (the user's own, or linkify's) or inline HTML (`<a href>` would nest): left alone.
        if (linkDepth || htmlDepth) break;
        const inside: BlockMention[] = [];
        for (let k = next; k < mentions.length && mentions[k].from < cursor; k++) if (mentions[k].to <= cursor) inside.push(mentions[k]);
        if (inside.length) {
          out.push(...splitText(state, child, at, inside, lookup));
          continue;
        }
        break;
      }
    }
    out.push(child);
  }
  return out;
}

/** A text token split around the mentions inside it (`at`: where it starts in the content). */
function splitText(state: StateCore, token: Token, at: number, mentions: BlockMention[], lookup: (id: string) => PreviewPaper | undefined): Token[] {
  const out: Token[] = [];
  const text = token.content;
  let done = 0;
  const pushText = (s: string) => {
    if (!s) return;
    const t = new state.Token('text', '', 0);
    t.content = s;
    t.level = token.level;
    out.push(t);
  };
  for (const m of mentions) {
    const from = m.from - at;
    const to = m.to - at;
    // The token must hold the mention's very text there: a mapping that drifted marks nothing.
    if (from < done || text.slice(from, to) !== m.text) continue;
    const attrs = markAttributes(m, lookup);
    if (!attrs) continue;
    pushText(text.slice(done, from));
    const tag = attrs.some(([name]) => name === 'href') ? 'a' : 'span';
    const open = new state.Token(OPEN, tag, 1);
    open.attrs = attrs;
    open.level = token.level;
    out.push(open);
    pushText(text.slice(from, to));
    const close = new state.Token(CLOSE, tag, -1);
    close.level = token.level;
    out.push(close);
    done = to;
  }
  if (!done) return [token];
  pushText(text.slice(done));
  return out;
}

/** The attributes of a mark: class, title (the paper, or every candidate), href for one paper with a link. */
function markAttributes(m: BlockMention, lookup: (id: string) => PreviewPaper | undefined): [string, string][] | undefined {
  const papers = m.papers.map(id => lookup(id)).filter((p): p is PreviewPaper => !!p && typeof p === 'object');
  if (!papers.length) return undefined;
  if (m.ambiguous || papers.length > 1) {
    // Which paper is meant is unknown: the hover lists the candidates and nothing links to one of them.
    return [['class', `${MENTION_CLASS} ${MENTION_CLASS}-ambiguous`], ['title', `One of: ${papers.map(describe).join(' · ')}`]];
  }
  const attrs: [string, string][] = [['class', MENTION_CLASS], ['title', describe(papers[0])]];
  const href = paperHref(papers[0]);
  if (href && /^https?:\/\//.test(href)) attrs.unshift(['href', href]);
  return attrs;
}
