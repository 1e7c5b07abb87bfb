// A note's mentions as the workspace index keeps them: the detector's spans plus where they are
// (line and character, as editors count) and a short preview of their line for a results list.

/** What the index needs from a mention detector (`MentionDetector` in src/core/mentions is one). */
export interface MentionFinder {
  detect(text: string): { start: number; end: number; text: string; papers: string[]; ambiguous: boolean }[];
}

export interface NoteMention {
  /** UTF-16 offset of the first code unit in the note's text (BOM excluded). */
  start: number;
  /** UTF-16 offset after the last code unit. */
  end: number;
  /** 0-based line of `start`, lines ending at "\n" (a "\r" before it stays in the line), as `vscode.Position`. */
  line: number;
  /** 0-based UTF-16 offset of `start` in its line. */
  character: number;
  /** The mention as written. */
  text: string;
  /** Paper ids, best first. */
  papers: string[];
  /** More than one paper remains a candidate. */
  ambiguous: boolean;
  /**
   * A stretch of the mention's line around it (at most PREVIEW_BEFORE code units before it and
   * PREVIEW_AFTER after, cut at a space when one is near, leading blanks dropped), holding the whole
   * mention. It is raw note text: a consumer renders it as text, never as markup.
   */
  preview: string;
  /** Where the mention starts in `preview`; `character - previewStart > 0` means the line was cut before it. */
  previewStart: number;
}

/**
 * How much of a line a preview keeps around its mention: about what a results list shows (VS Code's
 * search view keeps a similar stretch), and little enough that 500,000 mentions (the 100 MB bench
 * workspace) cost ~50 MB of previews rather than whole paragraph-lines.
 */
export const PREVIEW_BEFORE = 30;
export const PREVIEW_AFTER = 50;
/** A cut looks this far for a space, so previews start and end on whole words. */
const WORD_SNAP = 12;

const NL = 10;
const CR = 13;

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

function lineEndAt(text: string, from: number): number {
  const k = text.indexOf('\n', from);
  return k < 0 ? text.length : k;
}

/** Where a preview starts: up to PREVIEW_BEFORE before the mention, at a word start when one is near, never inside a surrogate pair. */
function previewFrom(text: string, lineStart: number, start: number): number {
  let from = Math.max(lineStart, start - PREVIEW_BEFORE);
  if (from > lineStart) {
    // Forward to just after a blank, so the preview does not open mid-word.
    const limit = Math.min(start, from + WORD_SNAP);
    let k = from;
    while (k < limit && !isBlank(text.charCodeAt(k - 1))) k++;
    if (k < limit) from = k;
  }
  while (from < start && isBlank(text.charCodeAt(from))) from++;
  if (from > lineStart && from < start && isLowSurrogate(text.charCodeAt(from))) from++;
  return from;
}

/** Where a preview ends: up to PREVIEW_AFTER after the mention, at a word end when one is near, "\r" and trailing blanks dropped. */
function previewTo(text: string, lineEnd: number, end: number): number {
  let to = Math.min(lineEnd, end + PREVIEW_AFTER);
  if (to < lineEnd) {
    const limit = Math.max(end, to - WORD_SNAP);
    let k = to;
    while (k > limit && !isBlank(text.charCodeAt(k))) k--;
    if (k > limit) to = k;
    if (to > end && isLowSurrogate(text.charCodeAt(to))) to--;
  }
  while (to > end && (isBlank(text.charCodeAt(to - 1)) || text.charCodeAt(to - 1) === CR || text.charCodeAt(to - 1) === NL)) to--;
  return to;
}

/**
 * A note's mentions packed for keeping: MENTION_FIELDS int32 per mention, the previews as UTF-8
 * bytes, and the note's distinct paper lists once each. Typed arrays because the index holds
 * 500,000 mentions in the bench workspace: as objects and strings they cost ~300 bytes each on the
 * V8 heap and the host's garbage collector spent seconds copying them; in typed arrays their
 * bytes live outside the heap (the collector never copies them), a worker hands a note over by
 * transferring two buffers, and a kept entry holds no slice of the note's text.
 */
export interface PackedMentions {
  /** Per mention: start, end, line, character, preview byte offset, preview byte length, previewStart, paperList × 2 + ambiguous. */
  data: Int32Array;
  /** Every mention's preview, in order, UTF-8. */
  previews: Uint8Array;
  /**
   * The note's distinct `papers` lists, referred to by index: lists separated by "\t", the ids of a
   * list by "\n" (one id for most); '' when the note has no mention. One string rather than an
   * array of them: the host's collector then copies one object per note, not one per paper.
   */
  papers: string;
}

export const MENTION_FIELDS = 8;
const START = 0;
const END = 1;
const LINE = 2;
const CHARACTER = 3;
const PREVIEW_OFFSET = 4;
const PREVIEW_LENGTH = 5;
const PREVIEW_START = 6;
const PAPERS = 7;

export const NO_MENTIONS: PackedMentions = Object.freeze({ data: new Int32Array(0), previews: new Uint8Array(0), papers: '' });

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Builds a PackedMentions one mention at a time. */
class Packer {
  private data: Int32Array;
  private bytes: Uint8Array;
  private count = 0;
  private byteLength = 0;
  private readonly lists: string[] = [];
  private readonly listIndex = new Map<string, number>();

  constructor(capacity: number) {
    this.data = new Int32Array(capacity * MENTION_FIELDS);
    this.bytes = new Uint8Array(Math.max(64, capacity * (PREVIEW_BEFORE + PREVIEW_AFTER + 20)));
  }

  add(start: number, end: number, line: number, character: number, preview: string, previewStart: number, papers: readonly string[], ambiguous: boolean): void {
    // A reference to no known paper (an arXiv id the library lacks) is not a paper's mention.
    if (!papers.length) return;
    const key = papers.length === 1 ? papers[0] : papers.join('\n');
    let list = this.listIndex.get(key);
    if (list === undefined) {
      list = this.lists.length;
      this.lists.push(key);
      this.listIndex.set(key, list);
    }
    // UTF-8 needs at most 3 bytes per UTF-16 code unit.
    if (this.byteLength + preview.length * 3 > this.bytes.length) {
      const more = new Uint8Array(Math.max(this.bytes.length * 2, this.byteLength + preview.length * 3));
      more.set(this.bytes.subarray(0, this.byteLength));
      this.bytes = more;
    }
    const written = encoder.encodeInto(preview, this.bytes.subarray(this.byteLength)).written;
    if (this.count * MENTION_FIELDS >= this.data.length) {
      const more = new Int32Array(Math.max(MENTION_FIELDS, this.data.length * 2));
      more.set(this.data);
      this.data = more;
    }
    const at = this.count * MENTION_FIELDS;
    this.data[at + START] = start;
    this.data[at + END] = end;
    this.data[at + LINE] = line;
    this.data[at + CHARACTER] = character;
    this.data[at + PREVIEW_OFFSET] = this.byteLength;
    this.data[at + PREVIEW_LENGTH] = written;
    this.data[at + PREVIEW_START] = previewStart;
    this.data[at + PAPERS] = list * 2 + (ambiguous ? 1 : 0);
    this.byteLength += written;
    this.count++;
  }

  /** Exact-size copies: a transferred buffer carries no slack. */
  finish(): PackedMentions {
    return { data: this.data.slice(0, this.count * MENTION_FIELDS), previews: this.bytes.slice(0, this.byteLength), papers: this.lists.join('\t') };
  }
}

/**
 * The mentions of `text` found by `finder`, with positions and previews, sorted by start, packed.
 * One pass over the text for lines: cost is the detector's plus O(text length) for `indexOf('\n')`.
 */
export function packNoteMentions(finder: MentionFinder, text: string): PackedMentions {
  const found = finder.detect(text);
  // The detector promises sorted spans; a finder that does not still gets right lines.
  for (let i = 1; i < found.length; i++) {
    if (found[i].start < found[i - 1].start) {
      found.sort((a, b) => a.start - b.start);
      break;
    }
  }
  const packer = new Packer(found.length);
  let line = 0;
  let lineStart = 0;
  // The next "\n" at or after lineStart (or text.length): lets a mention find its line's end
  // without another search when several share a line.
  let nextBreak = text.indexOf('\n');
  if (nextBreak < 0) nextBreak = text.length;
  for (const m of found) {
    while (nextBreak < m.start) {
      line++;
      lineStart = nextBreak + 1;
      nextBreak = text.indexOf('\n', lineStart);
      if (nextBreak < 0) nextBreak = text.length;
    }
    const endLineEnd = m.end <= nextBreak ? nextBreak : lineEndAt(text, m.end);
    const from = previewFrom(text, lineStart, m.start);
    const to = previewTo(text, endLineEnd, m.end);
    packer.add(m.start, m.end, line, m.start - lineStart, text.slice(from, to), m.start - from, m.papers, m.ambiguous);
  }
  return packer.finish();
}

/** The mentions of `text` as objects (packNoteMentions unpacked: one implementation for both). */
export function noteMentions(finder: MentionFinder, text: string): NoteMention[] {
  return unpackMentions(packNoteMentions(finder, text));
}

/** Packs mentions given as objects (their previews must hold them, as noteMentions makes them). */
export function packMentions(mentions: readonly NoteMention[]): PackedMentions {
  const packer = new Packer(mentions.length);
  for (const m of mentions) packer.add(m.start, m.end, m.line, m.character, m.preview, m.previewStart, m.papers, m.ambiguous);
  return packer.finish();
}

export function mentionCount(packed: PackedMentions): number {
  return packed.data.length / MENTION_FIELDS;
}

/** The paper lists of a packed note: list `k` holds the ids of the mentions whose paper list is `k`. */
export function paperLists(packed: PackedMentions): string[][] {
  return packed.papers ? packed.papers.split('\t').map(list => list.split('\n')) : [];
}

/** Mention `i` of a packed note, as an object (`lists`: paperLists(packed), when unpacking many). */
export function unpackMention(packed: PackedMentions, i: number, lists = paperLists(packed)): NoteMention {
  const d = packed.data;
  const at = i * MENTION_FIELDS;
  const start = d[at + START];
  const end = d[at + END];
  const previewFrom = d[at + PREVIEW_OFFSET];
  const previewStart = d[at + PREVIEW_START];
  const preview = decoder.decode(packed.previews.subarray(previewFrom, previewFrom + d[at + PREVIEW_LENGTH]));
  return {
    start,
    end,
    line: d[at + LINE],
    character: d[at + CHARACTER],
    text: preview.slice(previewStart, previewStart + end - start),
    papers: [...lists[d[at + PAPERS] >> 1]],
    ambiguous: (d[at + PAPERS] & 1) === 1,
    preview,
    previewStart,
  };
}

/** Every mention of a packed note (or those naming `paper`), as objects in order. */
export function unpackMentions(packed: PackedMentions, paper?: string): NoteMention[] {
  const out: NoteMention[] = [];
  const n = mentionCount(packed);
  const lists = paperLists(packed);
  const wanted = paper === undefined ? undefined : lists.map(list => list.includes(paper));
  for (let i = 0; i < n; i++) {
    if (wanted && !wanted[packed.data[i * MENTION_FIELDS + PAPERS] >> 1]) continue;
    out.push(unpackMention(packed, i, lists));
  }
  return out;
}

/** How many mentions (and how many of them ambiguous) each of `lists` (paperLists(packed)) has. */
export function paperListCounts(packed: PackedMentions, lists: number): { mentions: Int32Array; ambiguous: Int32Array } {
  const mentions = new Int32Array(lists);
  const ambiguous = new Int32Array(lists);
  const d = packed.data;
  for (let at = PAPERS; at < d.length; at += MENTION_FIELDS) {
    mentions[d[at] >> 1]++;
    if (d[at] & 1) ambiguous[d[at] >> 1]++;
  }
  return { mentions, ambiguous };
}

/**
 * Whether a packed note is well formed: what a cache line must be before the index trusts it
 * (offsets in range, mentions sorted, each preview decoding to a string that holds its mention).
 */
export function isValidPacked(packed: PackedMentions): boolean {
  const { data, previews, papers } = packed;
  if (!(data instanceof Int32Array) || data.length % MENTION_FIELDS !== 0 || !(previews instanceof Uint8Array) || typeof papers !== 'string') return false;
  const lists = paperLists(packed);
  if (!lists.every(list => list.every(id => id.length > 0))) return false;
  let previousStart = -1;
  let offset = 0;
  for (let at = 0; at < data.length; at += MENTION_FIELDS) {
    const start = data[at + START];
    const length = data[at + END] - start;
    if (start < previousStart || length <= 0 || data[at + LINE] < 0 || data[at + CHARACTER] < 0 || data[at + CHARACTER] > start) return false;
    const bytes = data[at + PREVIEW_LENGTH];
    if (data[at + PREVIEW_OFFSET] !== offset || bytes < 0 || offset + bytes > previews.length || data[at + PREVIEW_START] < 0) return false;
    // A UTF-16 unit takes at least one UTF-8 byte: the mention must fit in the preview's bytes.
    if (data[at + PREVIEW_START] + length > bytes) return false;
    if (data[at + PAPERS] < 0 || data[at + PAPERS] >> 1 >= lists.length) return false;
    offset += bytes;
    previousStart = start;
  }
  return offset === previews.length;
}
