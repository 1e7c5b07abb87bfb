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

/**
 * The mentions of `text` found by `finder`, with positions and previews, sorted by start. One pass
 * over the text for lines: cost is the detector's plus O(text length) for `indexOf('\n')`.
 */
export function noteMentions(finder: MentionFinder, text: string): NoteMention[] {
  const found = finder.detect(text);
  // The detector promises sorted spans; a finder that does not still gets right lines.
  for (let i = 1; i < found.length; i++) {
    if (found[i].start < found[i - 1].start) {
      found.sort((a, b) => a.start - b.start);
      break;
    }
  }
  const out: NoteMention[] = new Array(found.length);
  let line = 0;
  let lineStart = 0;
  // The next "\n" at or after lineStart (or text.length): lets a mention find its line's end
  // without another search when several share a line.
  let nextBreak = text.indexOf('\n');
  if (nextBreak < 0) nextBreak = text.length;
  for (let i = 0; i < found.length; i++) {
    const m = found[i];
    while (nextBreak < m.start) {
      line++;
      lineStart = nextBreak + 1;
      nextBreak = text.indexOf('\n', lineStart);
      if (nextBreak < 0) nextBreak = text.length;
    }
    const endLineEnd = m.end <= nextBreak ? nextBreak : lineEndAt(text, m.end);
    const from = previewFrom(text, lineStart, m.start);
    const to = previewTo(text, endLineEnd, m.end);
    out[i] = {
      start: m.start,
      end: m.end,
      line,
      character: m.start - lineStart,
      text: m.text,
      papers: m.papers,
      ambiguous: m.ambiguous,
      preview: text.slice(from, to),
      previewStart: m.start - from,
    };
  }
  return out;
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
