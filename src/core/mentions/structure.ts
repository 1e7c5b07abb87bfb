// Structural evidence: what a name is attached to. A markdown link, a list item's head, a table row
// is about one paper, and its arXiv link, DOI or title says which: `[**Foo: Something Else**](arXiv
// link)` is about the linked paper whatever its head is called. The name's own link, DOI or title is
// near proof that it is this paper; another paper's is near proof that it is not — for a same-named
// paper (`Foo: Another Title` linking elsewhere) and for a phrase inside somebody else's title
// ("… Compression Through Retrieval Heads" uses a concept, it does not cite the paper named after
// it). How a name is read (code, paths, authors) is in readings.ts; denials in denials.ts.
//
// What counts as attached, from tight to loose:
// - the link whose text holds the name, or that follows the name or the title it heads across
//   markup and a short link text ("Foo.**](…", "Foo (arXiv:…)", "Foo [pdf](…)");
// - the links of the table row the name is in;
// - for a name that needs evidence, the first reference after it in its sentence or list item, when
//   no other name stands between (the reference is that name's, then);
// - the title around the name: `Head: Rest` in a link's text, a cell or a list item's head.
// A name that needs no evidence — a distinctive name — is judged on the tight ones only, and only
// where they settle it: an identifier of a kind the paper has, or one another library paper owns, or
// a library paper's title. A distinctive name inside another paper's title is a mention there.
//
// Every look is bounded (CONTAINER_REACH, ATTACH_GAP, URL_REACH) and most are answered from the
// scan's marks (structureMarks.ts) without reading the text.
import type { Paper } from '../library/model';
import { findArxivReferences } from '../text/arxivReferences';
import { TITLE_MATCH_STOP_WORDS } from '../text/stopWords';
import { lookAroundWork } from './lookAroundWork';
import { denialAround, mayDenyPlain } from './denials';
import { isDiagramNodeId, type LineBounds, readingOf } from './readings';
import { Marks } from './structureMarks';

/**
 * How far a name's container is looked for either side of it: the start of the link text, table
 * cell or list item head it sits in, and that container's end — a title of some 40 words (the
 * longest bundled title has 190 characters). Dev notes and both reading lists hold at any value from
 * 60 up (at 0 the lists' false alarms stay: 0.950 and 0.909); the unit tests from 120 up (a name at
 * the end of a long invented title in a link).
 */
const CONTAINER_REACH = 300;
/**
 * What may stand between a name (or the title it heads) and the link that goes with it: markup,
 * punctuation and a short link text ("Foo: A Title.**](", "Foo [arXiv](", "Foo (arXiv:"). Dev notes
 * and lists hold at any value (the lists' links are inside the name's link text); the unit tests
 * from 10 up (" [arXiv](" is 9).
 */
const ATTACH_GAP = 24;
/**
 * How much of a URL is read for an arXiv id or DOI: arXiv and doi.org links are under 60
 * characters, with a version and a query under 100. Dev notes, lists and unit tests hold from 40 up.
 */
const URL_REACH = 200;
/**
 * A title attached to the name is this paper's when the longest common run of their significant
 * words, over the longer one's length, is at least this. Among the 100 bundled titles "Name:
 * Subtitle", the most similar *other* paper's subtitle reaches 0.67 (Titans' and ATLAS' share
 * "learning … memorize … test time"): 0.75 claims none of them. A title revised between arXiv
 * versions can fall far lower (0.09 for one bundled paper), which is why a mismatch proves less
 * (TITLE_OTHER). Dev notes and lists hold at any value; the unit tests from 0.6 to 1 (a truncated
 * own title at 0.5, a sibling paper's subtitle at 0.4).
 */
const TITLE_SAME = 0.75;
/**
 * A title attached to the name that shares this little with this paper's title (same measure)
 * is another paper's — evidence only for a name that needs evidence, since titles get revised. For
 * half the bundled subtitles the most similar other paper reaches 0.33, for none less than 0.2:
 * only truly unlike titles fall below 0.25. Dev notes and lists hold at any value (no name there
 * heads a title that is not its own); the unit tests from 0.1 to 0.5.
 */
const TITLE_OTHER = 0.25;

/** Words in a link's text or around a link that are no names: "[arXiv]", "[PDF]", "GitHub". */
const LINK_WORDS = new Set(['arxiv', 'pdf', 'doi', 'url', 'html', 'link', 'links', 'paper', 'code', 'github', 'project', 'page', 'abs', 'preprint', 'openreview', 'acl', 'hf', 'huggingface', 'website', 'blog']);

const NL = 10;

function isBlankUnit(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0;
}

/** Emphasis and quotes around a name: "**Foo**", "_Foo_", "“Foo”". */
function isMarkup(c: number): boolean {
  return c === 42 || c === 95 || c === 126 || c === 34 || c === 39 || c === 0x201c || c === 0x201d || c === 0x2018 || c === 0x2019;
}

/** The first unit at or after `i` that is neither markup nor blank, or `limit`. */
function skipMarkupForward(text: string, i: number, limit: number): number {
  let k = i;
  while (k < limit && (isMarkup(text.charCodeAt(k)) || isBlankUnit(text.charCodeAt(k)))) k++;
  lookAroundWork.steps += k - i;
  return k;
}

/** The last unit before `i` that is neither markup nor blank, no further back than `limit`; −1 when there is none. */
function skipMarkupBack(text: string, i: number, limit: number): number {
  let k = i - 1;
  while (k >= limit && (isMarkup(text.charCodeAt(k)) || isBlankUnit(text.charCodeAt(k)))) k--;
  lookAroundWork.steps += i - 1 - k;
  return k >= limit ? k : -1;
}

/** The lower-cased words of `s`, stop words dropped and a plural "s" too: what titles are compared on. */
export function titleWords(s: string): string[] {
  const out: string[] = [];
  for (const w of s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (TITLE_MATCH_STOP_WORDS.has(w)) continue;
    out.push(w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w);
  }
  return out;
}

/** The longest common subsequence of two word lists over the longer one's length (titles: a few dozen words at most). */
export function titleSimilarity(a: readonly string[], b: readonly string[]): number {
  if (!a.length || !b.length) return 0;
  const x = a.slice(0, 40);
  const y = b.slice(0, 40);
  let previous = new Array<number>(y.length + 1).fill(0);
  for (let i = 1; i <= x.length; i++) {
    const row = new Array<number>(y.length + 1).fill(0);
    for (let j = 1; j <= y.length; j++) row[j] = x[i - 1] === y[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], row[j - 1]);
    previous = row;
  }
  lookAroundWork.steps += x.length * y.length;
  return previous[y.length] / Math.max(a.length, b.length);
}

/**
 * Whether `s` reads as a title: three or more words, the first and at least three quarters of the
 * significant ones capitalised ("Efficient KV Cache Compression Through Retrieval Heads") — not a
 * note about something ("only retrieval heads keep a full cache").
 */
export function isTitleLike(s: string): boolean {
  const words = s.trim().split(/\s+/).filter(w => /[\p{L}\p{N}]/u.test(w)).slice(0, 16);
  if (words.length < 3) return false;
  let significant = 0;
  let capitalised = 0;
  for (const w of words) {
    const core = w.replace(/^[^\p{L}\p{N}]+/u, '');
    if (TITLE_MATCH_STOP_WORDS.has(core.toLowerCase())) continue;
    significant++;
    if (/^[\p{Lu}\p{N}]/u.test(core)) capitalised++;
  }
  return /^[^\p{L}\p{N}]*[\p{Lu}\p{N}]/u.test(words[0]) && significant >= 2 && capitalised >= 0.75 * significant;
}

/** A reference to a paper in a note: an arXiv id or a DOI, where it stands. */
export interface Reference {
  start: number;
  end: number;
  /** "2410.10819" */
  arxiv?: string;
  /** Lower case, without a resolver: "10.1145/3600006.3613165". */
  doi?: string;
}

const DOI = /\b10\.\d{4,9}\/[^\s"'<>()[\]{}|]+/g;

/** The arXiv references and DOIs starting in text[from, to), in order; nothing is read unless a mark says one may be there. */
export function referencesIn(marks: Marks, from: number, to: number): Reference[] {
  if (to <= from || marks.references.firstIn(from, to) < 0) return [];
  const text = marks.text;
  const slice = text.slice(from, to);
  lookAroundWork.steps += to - from;
  const refs: Reference[] = [];
  for (const r of findArxivReferences(slice)) refs.push({ start: from + r.start, end: from + r.end, arxiv: r.id });
  if (slice.includes('10.')) {
    DOI.lastIndex = 0;
    for (let m = DOI.exec(slice); m; m = DOI.exec(slice)) {
      const doi = m[0].replace(/[.,;:]+$/, '').toLowerCase();
      // arXiv's own DOIs (10.48550/arXiv.…) are arXiv references, read above.
      if (!doi.startsWith('10.48550/')) refs.push({ start: from + m.index, end: from + m.index + m[0].length, doi });
    }
    refs.sort((a, b) => a.start - b.start);
  }
  return refs;
}

/** A markdown link around a name: `[ … name … ](url)`. */
export interface LinkAround {
  /** Offsets of its `[` and `]`, and its URL's span. */
  open: number;
  close: number;
  urlStart: number;
  urlEnd: number;
}

/**
 * The markdown link whose text holds [start, end): the first bracket after the name on its line,
 * within CONTAINER_REACH, must be the "](" that closes it. Read forward, not looked up among the
 * scan's marks: the read is bounded, and only a few hundred names a megabyte ask (collecting every
 * "](" cost a pass over the text, 0.25 ms on the 1 MB bench note).
 */
export function linkAround(marks: Marks, start: number, end: number, lines: LineBounds): LinkAround | undefined {
  const text = marks.text;
  const lineEnd = lines.lineEnd(end);
  const limit = Math.min(lineEnd, end + CONTAINER_REACH);
  let close = end;
  for (; close < limit; close++) {
    const c = text.charCodeAt(close);
    if (c === 91 || c === 93) break;
  }
  lookAroundWork.steps += close - end;
  if (close >= limit || text.charCodeAt(close) !== 93 || text.charCodeAt(close + 1) !== 40) return undefined;
  const backLimit = Math.max(lines.lineStart(start), close - CONTAINER_REACH);
  let open = -1;
  let k = start - 1;
  for (; k >= backLimit; k--) {
    const c = text.charCodeAt(k);
    if (c === 91) {
      open = k;
      break;
    }
    if (c === 93) break;
  }
  lookAroundWork.steps += start - k;
  if (open < 0) return undefined;
  const urlStart = close + 2;
  let u = urlStart;
  const urlLimit = Math.min(lineEnd, urlStart + URL_REACH);
  while (u < urlLimit && text.charCodeAt(u) !== 41 && !isBlankUnit(text.charCodeAt(u))) u++;
  lookAroundWork.steps += u - urlStart;
  return { open, close, urlStart, urlEnd: u };
}

/** Whether the line holding `at` is a table row: after up to three blanks it starts with "|". */
function isTableRow(text: string, at: number, lines: LineBounds): boolean {
  const ls = lines.lineStart(at);
  let k = ls;
  while (k < at && k < ls + 3 && isBlankUnit(text.charCodeAt(k))) k++;
  return text.charCodeAt(k) === 124;
}

/** The table cell around [start, end) (its bars), on a table row, within CONTAINER_REACH. */
function cellAround(text: string, start: number, end: number, lines: LineBounds): { open: number; close: number } | undefined {
  if (!isTableRow(text, start, lines)) return undefined;
  const backLimit = Math.max(lines.lineStart(start), start - CONTAINER_REACH);
  let k = start - 1;
  while (k >= backLimit && text.charCodeAt(k) !== 124) k--;
  lookAroundWork.steps += start - 1 - k;
  if (k < backLimit) return undefined;
  const forwardLimit = Math.min(lines.lineEnd(end), end + CONTAINER_REACH);
  let j = end;
  while (j < forwardLimit && text.charCodeAt(j) !== 124) j++;
  lookAroundWork.steps += j - end;
  return j < forwardLimit ? { open: k, close: j } : undefined;
}

/**
 * A title around a name: `Head: Rest` in a link's text, a table cell or a list item's head, where
 * Rest reads as a title. Either the name is the head (`Foo: Efficient Something`) or it is in
 * the rest of somebody's title (`Bar: Compression Through Foo Heads`).
 */
export interface TitleAround {
  headStart: number;
  headEnd: number;
  restStart: number;
  restEnd: number;
  nameIsHead: boolean;
}

/** Whether the unit at `k` is a container's start: a list marker ("-", "*", "+", "12.", "12)") after blanks at the line's start. */
function isListMarker(text: string, k: number, lineStart: number): boolean {
  let j = k;
  const c = text.charCodeAt(j);
  if (c === 45 || c === 42 || c === 43) j--;
  else if (c === 46 || c === 41) {
    j--;
    let digits = 0;
    while (j >= lineStart && digits < 4 && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) {
      j--;
      digits++;
    }
    if (!digits) return false;
  } else return false;
  while (j >= lineStart && isBlankUnit(text.charCodeAt(j))) j--;
  lookAroundWork.steps += k - j;
  return j < lineStart;
}

/** Where a title starting at `i` ends: a full stop or semicolon before a blank, a bracket, a bar or emphasis, before `limit`. */
function titleEnd(text: string, i: number, limit: number): number {
  let k = i;
  for (; k < limit; k++) {
    const c = text.charCodeAt(k);
    if (c === NL || c === 93 || c === 124 || c === 42 || c === 95) break;
    if ((c === 46 || c === 59) && (k + 1 >= limit || isBlankUnit(text.charCodeAt(k + 1)))) break;
  }
  lookAroundWork.steps += k - i;
  return k;
}

/**
 * The title [start, end) heads or sits in, if any: its container is a markdown link's text, a table
 * cell, or a list item's line (the text from the line's start). A head is one to three words at
 * the container's start; the rest must read as a title (isTitleLike).
 */
export function titleAround(marks: Marks, start: number, end: number, link: LinkAround | undefined, lines: LineBounds): TitleAround | undefined {
  const text = marks.text;
  const lineStart = lines.lineStart(start);
  let from: number;
  let to: number;
  const cell = link ? undefined : cellAround(text, start, end, lines);
  if (link) {
    from = link.open + 1;
    to = link.close;
  } else if (cell) {
    from = cell.open + 1;
    to = cell.close;
  } else {
    from = Math.max(lineStart, start - CONTAINER_REACH);
    to = Math.min(lines.lineEnd(end), end + CONTAINER_REACH);
  }
  // Whether what lies between the container's start and `at` is only markup (or a list marker).
  const startsContainer = (at: number): boolean => {
    const before = skipMarkupBack(text, at, from);
    return before < 0 || (from === lineStart && isListMarker(text, before, lineStart));
  };
  const afterName = skipMarkupForward(text, end, to);
  if (text.charCodeAt(afterName) === 58 && isBlankUnit(text.charCodeAt(afterName + 1))) {
    // The name heads a title: "Foo: Efficient Something".
    if (!startsContainer(start)) return undefined;
    const restStart = skipMarkupForward(text, afterName + 1, to);
    const restEnd = titleEnd(text, restStart, to);
    return isTitleLike(text.slice(restStart, restEnd)) ? { headStart: start, headEnd: end, restStart, restEnd, nameIsHead: true } : undefined;
  }
  // The name in a title's rest: the last ": " before it in the container, after a head of one to
  // three words that starts the container.
  const colon = marks.titleColons.lastIn(from, start);
  if (colon < 0) return undefined;
  const headEnd = skipMarkupBack(text, colon, from) + 1;
  if (headEnd <= from) return undefined;
  let headStart = headEnd;
  let words = 1;
  for (let k = headEnd - 1; k >= from && headEnd - k <= 80; k--) {
    const c = text.charCodeAt(k);
    if (isBlankUnit(c)) words++;
    else if (isMarkup(c) || c === 91 || c === 124 || c === NL) break;
    headStart = k;
  }
  lookAroundWork.steps += headEnd - headStart;
  if (words > 3 || !startsContainer(headStart)) return undefined;
  const restStart = colon + 2;
  const restEnd = titleEnd(text, restStart, to);
  if (restEnd < end || !isTitleLike(text.slice(restStart, restEnd))) return undefined;
  return { headStart, headEnd, restStart, restEnd, nameIsHead: false };
}

/**
 * Where a link that goes with what ends at `end` starts, or −1: past markup, blanks, punctuation and
 * a short link text of link words, within ATTACH_GAP ("Foo.**](https://arxiv.org/…", "Foo
 * (arXiv:…)", "Foo [pdf](…)").
 */
function attachedLinkStart(text: string, end: number): number {
  const limit = Math.min(text.length, end + ATTACH_GAP);
  let k = end;
  let label = false;
  for (; k < limit; k++) {
    const c = text.charCodeAt(k);
    if (isMarkup(c) || isBlankUnit(c) || c === 46 || c === 44 || c === 58 || c === 59 || c === 40 || c === 60 || c === 93 || c === 0x2014 || c === 0x2013 || c === 45) continue;
    if (c === 91 && !label) {
      // A short link text of link words only: "[arXiv]", "[PDF]", "[paper]".
      let j = k + 1;
      while (j < limit && text.charCodeAt(j) !== 93) j++;
      const words = text.slice(k + 1, j).toLowerCase().match(/[a-z]+/g) ?? [];
      if (j >= limit || !words.every(w => LINK_WORDS.has(w))) break;
      label = true;
      k = j;
      continue;
    }
    break;
  }
  lookAroundWork.steps += k - end;
  if (k >= limit) return -1;
  const c = text.charCodeAt(k);
  // A URL, "arXiv:" or "doi:", or a DOI: what a reference starts with.
  return c === 104 || c === 97 || c === 65 || c === 100 || c === 68 || c === 119 || c === 49 ? k : -1;
}

/** The references of the link or identifier starting at `at` (up to a blank or a closing bracket, URL_REACH at most). */
function referencesAt(marks: Marks, at: number, lines: LineBounds): Reference[] {
  const text = marks.text;
  const limit = Math.min(lines.lineEnd(at), at + URL_REACH);
  let k = at;
  const token = () => {
    while (k < limit && !isBlankUnit(text.charCodeAt(k)) && text.charCodeAt(k) !== 41 && text.charCodeAt(k) !== 62) k++;
  };
  token();
  // "arXiv: 2501.01234": a blank after the prefix.
  if (k < limit && text.charCodeAt(k - 1) === 58) {
    k++;
    token();
  }
  lookAroundWork.steps += k - at;
  return referencesIn(marks, at, k);
}

/** What the detector knows about the other matches near a name, asked by position. */
export interface Neighbours extends LineBounds {
  /** Papers of a title (or title part) match starting at `at`, past markup; undefined when none does. */
  titleAt(at: number): readonly number[] | undefined;
  /** Papers of the matches inside [from, to). */
  namesIn(from: number, to: number): readonly number[];
}

/** What is attached to a name. */
export interface Attachment {
  /** References (arXiv ids, DOIs) attached to the name. */
  references: Reference[];
  /** The title the name heads or sits in, if any. */
  title: TitleAround | undefined;
  /** The words of the title the name heads (its rest), when it heads one. */
  headedTitle: string[] | undefined;
}

/** A word that looks like a name: inner capitals, capitals and digits ("LongMamba", "H2O", "KVX"), not a link's word ("arXiv"). */
function isNameLike(word: string): boolean {
  if (LINK_WORDS.has(word.toLowerCase())) return false;
  return /\p{Ll}\p{Lu}/u.test(word) || /^\p{Lu}[\p{Lu}\p{N}-]+$/u.test(word) || (/\p{L}/u.test(word) && /\p{N}/u.test(word));
}

/** Whether a word that looks like a name stands in text[from, to). */
function nameLikeWordIn(text: string, from: number, to: number): boolean {
  lookAroundWork.steps += to - from;
  for (const w of text.slice(from, to).match(/[\p{L}\p{N}][\p{L}\p{N}-]*/gu) ?? []) if (isNameLike(w)) return true;
  return false;
}

/**
 * What is attached to the name at [start, end), whose sentence or list item ends at `unitEnd`.
 * `tight`: only what surely goes with the name (for names that need no evidence).
 */
export function attachmentOf(marks: Marks, start: number, end: number, unitEnd: number, tight: boolean, near: Neighbours): Attachment {
  const text = marks.text;
  const link = linkAround(marks, start, end, near);
  const title = titleAround(marks, start, end, link, near);
  let references: Reference[] = [];
  if (link) {
    // A link's text is about its URL's paper: for a name heading it — or, for a name that needs
    // evidence, anywhere in it.
    if (!tight || skipMarkupBack(text, start, link.open + 1) < 0) references = referencesIn(marks, link.urlStart, link.urlEnd);
  } else {
    const at = attachedLinkStart(text, title?.nameIsHead ? title.restEnd : end);
    if (at >= 0) references = referencesAt(marks, at, near);
    else if (title && !title.nameIsHead && !tight) {
      const after = attachedLinkStart(text, title.restEnd);
      if (after >= 0) references = referencesAt(marks, after, near);
    }
  }
  if (!references.length && isTableRow(text, start, near)) {
    // A row is about one paper: its links go with a name heading a cell or — for a name that needs
    // evidence — anywhere in the row.
    const cell = cellAround(text, start, end, near);
    if (!tight || (cell !== undefined && skipMarkupBack(text, start, cell.open + 1) < 0)) {
      references = referencesIn(marks, Math.max(near.lineStart(start), start - CONTAINER_REACH), Math.min(near.lineEnd(end), end + CONTAINER_REACH));
    }
  }
  if (!references.length && !tight) {
    // In a sentence or list item, the first reference after the name, unless another name — one the
    // library knows or one that looks like a name — stands between: then it is that name's.
    const next = referencesIn(marks, end, unitEnd)[0];
    if (next && !near.namesIn(end, next.start).length && !nameLikeWordIn(text, end, next.start)) references = [next];
  }
  const headedTitle = title?.nameIsHead ? titleWords(text.slice(title.restStart, title.restEnd)) : undefined;
  return { references, title, headedTitle };
}

/** What a paper is recognised by when attached to a name: its identifiers and title words. */
interface Identity {
  arxiv?: string;
  doi?: string;
  titles: string[][];
}

/** The papers' identifiers, to tell whose link or title is attached to a name. */
export class PaperIdentities {
  private readonly identities: (Identity | undefined)[];
  private readonly byArxiv = new Map<string, number>();
  private readonly byDoi = new Map<string, number>();

  constructor(private readonly papers: readonly Paper[]) {
    this.identities = new Array(papers.length);
    papers.forEach((p, i) => {
      if (p.arxiv) this.byArxiv.set(p.arxiv, i);
      if (p.doi) this.byDoi.set(p.doi.toLowerCase(), i);
    });
  }

  private identity(p: number): Identity {
    let id = this.identities[p];
    if (!id) {
      const paper = this.papers[p];
      const titles: string[][] = [];
      for (const t of [paper.title, paper.arxivTitle]) {
        if (typeof t !== 'string' || !t) continue;
        titles.push(titleWords(t));
        const m = /^(.+?)(?::|\?)\s+(.+)$/.exec(t);
        if (m) titles.push(titleWords(m[2]));
      }
      id = { arxiv: paper.arxiv, doi: paper.doi?.toLowerCase(), titles };
      this.identities[p] = id;
    }
    return id;
  }

  /**
   * What an attachment says about paper `p`: +1 when its own arXiv id, DOI or title is attached, −1
   * when only another paper's is, 0 when nothing says either. With `tight` (a name that needs no
   * evidence) only what settles it counts: an identifier of a kind this paper has, or one another
   * library paper owns, or a library paper's title — not a title that merely differs (titles get
   * revised) nor the name's place inside another title (a paper named in a title is mentioned).
   */
  sign(p: number, a: Attachment, near: Neighbours, tight: boolean): number {
    const id = this.identity(p);
    let other = false;
    for (const r of a.references) {
      if (r.arxiv) {
        if (r.arxiv === id.arxiv) return 1;
        const owner = this.byArxiv.get(r.arxiv);
        if (id.arxiv || (owner !== undefined && owner !== p)) other = true;
      } else if (r.doi) {
        if (r.doi === id.doi) return 1;
        const owner = this.byDoi.get(r.doi);
        if (id.doi || (owner !== undefined && owner !== p)) other = true;
      }
    }
    if (a.title?.nameIsHead) {
      // "Foo: <a library paper's title>" ties Foo to that paper.
      const owners = near.titleAt(a.title.restStart);
      if (owners) {
        if (owners.includes(p)) return 1;
        other = true;
      } else if (a.headedTitle && a.headedTitle.length >= 3) {
        let best = 0;
        for (const t of id.titles) best = Math.max(best, titleSimilarity(a.headedTitle, t));
        if (best >= TITLE_SAME) return 1;
        if (!tight && best <= TITLE_OTHER) other = true;
      }
    } else if (a.title && !tight && !near.namesIn(a.title.headStart, a.title.headEnd).includes(p)) {
      // Inside the rest of a title whose head is none of this paper's names: somebody else's title.
      other = true;
    }
    return other ? -1 : 0;
  }
}

/** What an attachment's reason names: the attached reference, so the paper it is can be looked up. */
export function describeAttachment(a: Attachment): string {
  const r = a.references[0];
  if (r?.arxiv) return `arXiv ${r.arxiv}`;
  if (r?.doi) return `DOI ${r.doi}`;
  return a.title ? 'a title' : 'nothing';
}

/**
 * Whether a name that needs no evidence may head a link, a cell or a title here — "[Foo", "| Foo",
 * "Foo:", "Foo]", "Foo (" — so that its attachment is worth reading: four units either side.
 */
export function mayHeadSomething(text: string, start: number, end: number): boolean {
  const before = skipMarkupBack(text, start, Math.max(0, start - 4));
  const b = before >= 0 ? text.charCodeAt(before) : -1;
  if (b === 91 || b === 124) return true;
  const a = text.charCodeAt(skipMarkupForward(text, end, Math.min(text.length, end + 4)));
  return a === 58 || a === 93 || a === 40;
}

/**
 * The structure reader of one detector: its papers' identifiers, and per scan the text's marks
 * (collected on first need).
 */
export class NoteStructure {
  private readonly identities: PaperIdentities;
  private marks: Marks | undefined;
  private text = '';

  constructor(papers: readonly Paper[]) {
    this.identities = new PaperIdentities(papers);
  }

  /** Starts reading a new text: what was marked in the last one is dropped. */
  startRun(text: string): void {
    this.text = text;
    this.marks = undefined;
  }

  private get m(): Marks {
    return (this.marks ??= new Marks(this.text));
  }

  /**
   * Why a name that needs no evidence, naming `papers`, is no mention where it stands, or
   * undefined: a short name as a diagram's node id, a denial, or a link or library title attached
   * that settles it is another paper. The one structural call made for every such name, so it
   * starts with a few units' look and reads further only where something may be attached.
   */
  plainVeto(start: number, end: number, papers: readonly number[], short: boolean, near: Neighbours): string | undefined {
    const text = this.text;
    if (short && isDiagramNodeId(this.m, start, near)) return 'a node id in a diagram';
    // Each look only where a few units around the name allow it (most names: none).
    const denied = mayDenyPlain(text, start, end) ? denialAround(text, start, end, papers.length > 1, false) : undefined;
    if (denied) return `denied: ${denied}`;
    if (!mayHeadSomething(text, start, end)) return undefined;
    const attached = attachmentOf(this.m, start, end, Math.min(text.length, end + CONTAINER_REACH), true, near);
    for (const p of papers) if (this.identities.sign(p, attached, near, true) >= 0) return undefined;
    return `attached to another paper (${describeAttachment(attached)})`;
  }

  /** Why a name that needs evidence is not read as a name here (code, a node id, a path, an author list), or undefined. */
  readingVeto(start: number, end: number, near: Neighbours): string | undefined {
    return readingOf(this.m, start, end, near);
  }

  /** The denial around a name that needs evidence, quoted, or undefined. */
  denial(start: number, end: number, ambiguous: boolean): string | undefined {
    return denialAround(this.text, start, end, ambiguous, true);
  }

  /** What is attached to a name whose unit ends at `unitEnd` (see attachmentOf). */
  attachment(start: number, end: number, unitEnd: number, tight: boolean, near: Neighbours): Attachment {
    return attachmentOf(this.m, start, end, unitEnd, tight, near);
  }

  /** +1, −1 or 0: what an attachment says about paper `p` (PaperIdentities.sign). */
  sign(p: number, a: Attachment, near: Neighbours, tight: boolean): number {
    return this.identities.sign(p, a, near, tight);
  }
}
