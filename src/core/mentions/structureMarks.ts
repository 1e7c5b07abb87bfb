// Where a note's structure is marked: the few characters that end title heads, open code and
// references, found once per scan by the engine's native substring search and kept as ascending
// positions. Structural evidence (structure.ts, readings.ts) then asks "is there a backtick before
// this name on its line?" by a galloping search instead of reading the text around every name: a
// megabyte of notes holds thousands of names and only a handful of these marks near each. (A
// link's "](" is read forward from the name instead, within a bounded reach: structure.ts.)
//
// Each kind is collected on first need in a scan; the cost is one `indexOf` pass per needle plus a
// step per mark found (counted in lookAroundWork), linear in the text whatever its shape.
import { lookAroundWork } from './lookAroundWork';
import { firstAtOrAfter } from './sortedSearch';

const NL = 10;

/** Ascending positions, with the index the last search returned (searches come in text order). */
export class Positions {
  count = 0;
  at = new Int32Array(16);
  private hint = 0;

  push(p: number): void {
    if (this.count === this.at.length) {
      const more = new Int32Array(this.at.length * 2);
      more.set(this.at);
      this.at = more;
    }
    this.at[this.count++] = p;
  }

  /** Index of the first position ≥ `p` (`count` if none). */
  firstFrom(p: number): number {
    return (this.hint = firstAtOrAfter(this.at, this.count, p, this.hint));
  }

  /** How many positions lie in [from, to). */
  countIn(from: number, to: number): number {
    return to <= from ? 0 : this.firstFrom(to) - this.firstFrom(from);
  }

  /** The first position in [from, to), or −1. */
  firstIn(from: number, to: number): number {
    const k = this.firstFrom(from);
    return k < this.count && this.at[k] < to ? this.at[k] : -1;
  }

  /** The last position in [from, to), or −1. */
  lastIn(from: number, to: number): number {
    const k = this.firstFrom(to) - 1;
    return k >= 0 && this.at[k] >= from ? this.at[k] : -1;
  }
}

/** Every start of `needles` in `text`, ascending (several needles merged). */
function collect(text: string, needles: readonly string[], keep?: (at: number) => boolean): Positions {
  const found: number[] = [];
  for (const needle of needles) {
    for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) if (!keep || keep(i)) found.push(i);
  }
  if (needles.length > 1) found.sort((a, b) => a - b);
  const positions = new Positions();
  for (const p of found) positions.push(p);
  lookAroundWork.steps += found.length + 1;
  return positions;
}

/** A fenced block: ``` or ~~~, from its opening line to the end of its closing one. */
export interface Fences {
  starts: Positions;
  ends: number[];
  /** Whether the block is a diagram's (mermaid, dot, …): its node ids are identifiers. */
  diagram: boolean[];
}

/** Info strings of fences whose blocks are diagrams. */
const DIAGRAM_LANGUAGES = new Set(['mermaid', 'mmd', 'dot', 'graphviz', 'plantuml', 'puml', 'd2', 'flowchart', 'nomnoml', 'ditaa', 'svgbob', 'pikchr', 'blockdiag', 'seqdiag']);

/**
 * The fenced code blocks of `text`, as CommonMark reads them: a line of three or more backticks or
 * tildes, up to three spaces in, opens one; a line of the same character, at least as long and
 * with nothing after it, closes it; an unclosed block runs to the end of the text.
 */
export function findFences(text: string): Fences {
  const marks: { at: number; char: number; length: number; info: string; bare: boolean }[] = [];
  for (const seq of ['```', '~~~']) {
    const char = seq.charCodeAt(0);
    for (let i = text.indexOf(seq); i >= 0; ) {
      let runEnd = i;
      while (runEnd < text.length && text.charCodeAt(runEnd) === char) runEnd++;
      let ls = i;
      while (ls > 0 && i - ls < 3 && text.charCodeAt(ls - 1) === 32) ls--;
      lookAroundWork.steps += runEnd - ls + 1;
      if ((ls === 0 || text.charCodeAt(ls - 1) === NL) && (i === 0 || text.charCodeAt(i - 1) !== char)) {
        // The info string's first word names the language; 32 units read of it at most.
        let infoEnd = runEnd;
        while (infoEnd < text.length && infoEnd - runEnd < 32 && text.charCodeAt(infoEnd) !== NL) infoEnd++;
        lookAroundWork.steps += infoEnd - runEnd;
        const info = text.slice(runEnd, infoEnd);
        const bare = info.trim() === '' && (infoEnd >= text.length || text.charCodeAt(infoEnd) === NL);
        marks.push({ at: ls, char, length: runEnd - i, info: info.trim().split(/[\s{,]/)[0].toLowerCase(), bare });
      }
      i = text.indexOf(seq, runEnd);
    }
  }
  marks.sort((a, b) => a.at - b.at);
  const fences: Fences = { starts: new Positions(), ends: [], diagram: [] };
  let open: (typeof marks)[number] | undefined;
  for (const m of marks) {
    if (!open) {
      // A backtick fence's info string holds no backtick: "```a``` b" is inline code.
      if (m.char === 96 && m.info.includes('`')) continue;
      open = m;
      fences.starts.push(m.at);
      fences.diagram.push(DIAGRAM_LANGUAGES.has(m.info));
    } else if (m.char === open.char && m.length >= open.length && m.bare) {
      let lineEnd = m.at;
      while (lineEnd < text.length && text.charCodeAt(lineEnd) !== NL) lineEnd++;
      lookAroundWork.steps += lineEnd - m.at;
      fences.ends.push(lineEnd);
      open = undefined;
    }
  }
  if (open) fences.ends.push(text.length);
  return fences;
}

/** The fenced block holding `at`: its index, or −1. */
export function fenceAt(fences: Fences, at: number): number {
  const k = fences.starts.firstFrom(at + 1) - 1;
  return k >= 0 && at < fences.ends[k] ? k : -1;
}

/** The marks of one text, each kind collected on first need. */
export class Marks {
  private colons: Positions | undefined;
  private backticks: Positions | undefined;
  private referenceHints: Positions | undefined;
  private fenceBlocks: Fences | undefined;

  constructor(readonly text: string) {}

  /** Every ": " (a colon and a blank): where a title's head may end. */
  get titleColons(): Positions {
    return (this.colons ??= collect(this.text, [': ', ':\t']));
  }

  /** The start of every run of backticks: code spans open and close at these. */
  get codeTicks(): Positions {
    const text = this.text;
    return (this.backticks ??= collect(text, ['`'], at => at === 0 || text.charCodeAt(at - 1) !== 96));
  }

  /**
   * Where an arXiv reference or a DOI may stand: "xiv" ("arxiv.org", "arXiv:") in any case, and
   * "10." (a DOI's prefix). A reference is looked for only where one of these is.
   */
  get references(): Positions {
    return (this.referenceHints ??= collect(this.text, ['xiv', 'Xiv', 'XIV', '10.']));
  }

  get fences(): Fences {
    return (this.fenceBlocks ??= findFences(this.text));
  }
}
