// A trie over normalised code units of every name, walked from word starts. One walk per word start
// finds every name that begins there, so a whole text costs one pass plus a few steps per word —
// however many names there are (compare one regular expression per name).
import { isBlank, NEWLINE, normalizeName, normalUnit, SPACE } from './chars';

/** Where a walk reached the end of one or more names: text end offset and the names' group. */
export interface TrieHit {
  end: number;
  group: number;
}

export class NameTrie<T> {
  /** Edges of all nodes: key = node * 65536 + normalised code unit. */
  private readonly edges = new Map<number, number>();
  private nodeCount = 1;
  /** Group index of the names ending at a node, or -1. */
  private terminal: number[] = [-1];
  private readonly groups: T[][] = [];

  add(name: string, value: T): void {
    const units = normalizeName(name);
    if (!units.length) return;
    let node = 0;
    for (const u of units) {
      const key = node * 65536 + u;
      let next = this.edges.get(key);
      if (next === undefined) {
        next = this.nodeCount++;
        this.edges.set(key, next);
        this.terminal.push(-1);
      }
      node = next;
    }
    let g = this.terminal[node];
    if (g < 0) {
      g = this.groups.length;
      this.groups.push([]);
      this.terminal[node] = g;
    }
    this.groups[g].push(value);
  }

  get size(): number {
    return this.nodeCount;
  }

  group(index: number): readonly T[] {
    return this.groups[index];
  }

  /**
   * Every name that starts at `start`, shortest first. Blank runs in the text match one space of a
   * name, except a run holding a blank line (a name does not continue across paragraphs).
   */
  walk(text: string, start: number, hits: TrieHit[]): void {
    hits.length = 0;
    const n = text.length;
    let node = 0;
    let j = start;
    while (j < n) {
      const c = text.charCodeAt(j);
      let unit: number;
      let next: number;
      if (isBlank(c)) {
        let k = j;
        let newlines = 0;
        while (k < n && isBlank(text.charCodeAt(k))) {
          if (text.charCodeAt(k) === NEWLINE) newlines++;
          k++;
        }
        if (newlines > 1) return;
        unit = SPACE;
        next = k;
      } else {
        unit = normalUnit(c);
        next = j + 1;
      }
      const child = this.edges.get(node * 65536 + unit);
      if (child === undefined) return;
      node = child;
      j = next;
      const g = this.terminal[node];
      if (g >= 0) hits.push({ end: j, group: g });
    }
  }
}
