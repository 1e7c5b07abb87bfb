// Citation keys written in a note: Pandoc's `[@key]`, `[see @a, p. 3; -@b]`, an in-text `@key`
// after a blank or an opening bracket (not an e-mail address, not inside code), and LaTeX's
// `\cite{a,b}` with its variants (`\citep[p.~3]{k}`, `\textcite`, `\parencite`, `\autocite*`, …).
// One pass, linear in the text; spans cover the key only, UTF-16 offsets, end exclusive.

export interface CitationSpan {
  start: number;
  end: number;
  key: string;
  syntax: 'pandoc' | 'latex';
}

/**
 * A Pandoc key: starts with a letter, digit or underscore; inside, also the punctuation Pandoc
 * allows (`:.#$%&-+?<>~/`), but never ending on it (`@doe99.` cites doe99). `@{…}` keys take anything
 * but braces.
 */
const PANDOC_KEY = /@(?:\{([^{}\s][^{}]*)\}|([\p{L}\p{N}_](?:[\p{L}\p{N}_:.#$%&\-+?<>~/]*[\p{L}\p{N}_])?))/uy;
/** `\cite…{`: the command, up to two optional arguments, the opening brace. */
const LATEX_CITE = /\\(?:[a-zA-Z]*cite[a-zA-Z]*|nocite)\*?\s*(?:\[[^\]\n]{0,200}\]\s*){0,2}\{/y;

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{N}_.+-]/u.test(c);
}

export function findCitations(text: string): CitationSpan[] {
  const out: CitationSpan[] = [];
  if (typeof text !== 'string' || !text) return out;
  const n = text.length;
  let inFence = false;
  let fenceMark = '';
  let lineStart = 0;
  while (lineStart < n) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = n;
    const fence = /^ {0,3}(`{3,}|~{3,})/.exec(text.slice(lineStart, Math.min(lineEnd, lineStart + 64)));
    if (fence && (!inFence || fence[1][0] === fenceMark[0] && fence[1].length >= fenceMark.length)) {
      inFence = !inFence;
      fenceMark = inFence ? fence[1] : '';
    } else if (!inFence) {
      scanLine(text, lineStart, lineEnd, out);
    }
    lineStart = lineEnd + 1;
  }
  return out;
}

/** The first `needle` in text[from, to), or −1 (indexOf would read on past the line). */
function indexWithin(text: string, needle: string, from: number, to: number): number {
  const at = text.indexOf(needle, from);
  return at >= 0 && at + needle.length <= to ? at : -1;
}

/** Citations on one line outside inline code spans. */
function scanLine(text: string, from: number, to: number, out: CitationSpan[]): void {
  // Searches that found nothing need not run again: once no closing run of n backticks (or no "}")
  // follows a position, none follows any later one. This keeps a long line linear.
  const noCloserAfter = new Map<number, number>();
  let noBraceAfter = to;
  let i = from;
  while (i < to) {
    const c = text[i];
    if (c === '`') {
      // An inline code span: skip to the matching run of backticks on this line, if any.
      let run = 1;
      while (text[i + run] === '`') run++;
      const close = (noCloserAfter.get(run) ?? to) <= i ? -1 : indexWithin(text, '`'.repeat(run), i + run, to);
      if (close >= 0) {
        i = close + run;
        continue;
      }
      noCloserAfter.set(run, i);
      i += run;
      continue;
    }
    if (c === '@') {
      const prev = i > from ? text[i - 1] : undefined;
      // After a blank, a line start, "[" or ";" (Pandoc's lists) or "-" (suppress-author); never
      // inside a word, which is an e-mail address or a handle glued to text.
      const okBefore = prev === undefined || /[\s[;(]/.test(prev) || (prev === '-' && (i - 1 === from || /[\s[;]/.test(text[i - 2])));
      if (okBefore && !isWordChar(prev === '-' ? undefined : prev)) {
        PANDOC_KEY.lastIndex = i;
        const m = PANDOC_KEY.exec(text);
        if (m && m.index + m[0].length <= to) {
          const key = m[1] ?? m[2];
          const start = m[1] !== undefined ? i + 2 : i + 1;
          // "@doe99.com" is still an address-like token: the key must not run into more word characters.
          out.push({ start, end: start + key.length, key, syntax: 'pandoc' });
          i = m.index + m[0].length;
          continue;
        }
      }
      i++;
      continue;
    }
    if (c === '\\') {
      LATEX_CITE.lastIndex = i;
      const m = LATEX_CITE.exec(text);
      if (m && m.index + m[0].length <= to) {
        const open = m.index + m[0].length;
        const close = noBraceAfter <= open ? -1 : indexWithin(text, '}', open, to);
        if (close < 0) noBraceAfter = open;
        if (close >= 0) {
          let k = open;
          for (const part of text.slice(open, close).split(',')) {
            const lead = part.length - part.trimStart().length;
            const key = part.trim();
            if (key && key !== '*') out.push({ start: k + lead, end: k + lead + key.length, key, syntax: 'latex' });
            k += part.length + 1;
          }
          i = close + 1;
          continue;
        }
      }
    }
    i++;
  }
}

/** The citation covering `offset`, by binary search over sorted spans. */
export function citationAt(spans: readonly CitationSpan[], offset: number): CitationSpan | undefined {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid];
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}
