// A trie over normalised code units of every name, walked from word starts. One walk per word start
// finds every name that begins there, so a whole text costs one pass plus a few steps per word —
// however many names there are (compare one regular expression per name).
//
// Names are added to a trie kept in typed arrays (an edge table by parent and unit), then compiled into flat typed arrays (each node's children
// sorted by code unit, searched linearly or by bisection): lookups then touch a few cache lines and
// allocate nothing. A hash set of the first words of all names turns most words away before any
// walk starts.
import { isBlank, isWordAt, lowerUnit, NEWLINE, normalizeName, normalUnit, SPACE } from './chars';

/** Where walks write their hits: text end offsets and name-group indices, `count` of them. */
export interface TrieHits {
  count: number;
  ends: Int32Array;
  groups: Int32Array;
}

export function createHits(capacity = 64): TrieHits {
  return { count: 0, ends: new Int32Array(capacity), groups: new Int32Array(capacity) };
}

interface Compiled {
  /** Per node: index of its first child in `childUnits`/`childNodes`, and how many it has. */
  firstChild: Int32Array;
  childCount: Int32Array;
  childUnits: Uint16Array;
  childNodes: Int32Array;
  /** Per node: group index of the names ending there, or -1. */
  terminal: Int32Array;
  /** The root's children by ASCII unit (0 = none): the root has the most children. */
  rootAscii: Int32Array;
  /** Per node with exactly one child (most nodes: the long tails of titles): its unit, else -1. */
  onlyUnit: Int32Array;
  /**
   * Chains: from a node where a walk may arrive, the run of single-child steps that follows — up to
   * a node that ends a name, branches, or goes on with a space — compared with the text in one go.
   * Its length (0: none), where its units start in `chainUnits`, and the node it ends at.
   */
  chainLength: Int32Array;
  chainStart: Int32Array;
  chainEnd: Int32Array;
  chainUnits: Uint16Array;
  /** Open-addressing set of the hashes (`wordHash`) of every name's first word; 0 = empty. */
  firstWords: Int32Array;
  /** Per slot of `firstWords`: 1 when some name is that word and at most one more unit. */
  walkAlways: Uint8Array;
  /** Open-addressing set of `continuationKey`s: a name's first word with the two units after it. */
  continuations: Int32Array;
}

/**
 * FNV-1a over code units, cut to 30 bits so V8 keeps it an unboxed small integer (a full 32-bit
 * hash is boxed on the heap half the time, and the garbage costs more than the hashing). Never 0
 * once finished: the scanner computes it while reading each word.
 */
export const HASH_SEED = 0x811c9dc5 & 0x3fffffff;
export function hashStep(h: number, unit: number): number {
  return Math.imul(h ^ unit, 0x01000193) & 0x3fffffff;
}
function finishHash(h: number): number {
  return h === 0 ? 1 : h;
}

/**
 * A first word's finished hash combined with the two normalised units that follow it ("the" + " " +
 * "i" for "The Impact of …"): the scanner's second filter, so "the cache" needs no walk.
 */
export function continuationKey(firstWordHash: number, unit1: number, unit2: number): number {
  return finishHash(hashStep(hashStep(firstWordHash, unit1 + 0x10000), unit2 + 0x20000));
}

/** Length of the word (letters/digits run) at the start of `s`. */
function firstWordLength(s: string): number {
  let i = 0;
  while (i < s.length && isWordAt(s, i)) i++;
  return i;
}

function wordHashOf(s: string, length: number): number {
  let h = HASH_SEED;
  for (let i = 0; i < length; i++) h = hashStep(h, lowerUnit(s.charCodeAt(i)));
  return finishHash(h);
}

function insert(table: Int32Array, h: number): number {
  const mask = table.length - 1;
  let at = h & mask;
  while (table[at] !== 0 && table[at] !== h) at = (at + 1) & mask;
  table[at] = h;
  return at;
}


export class NameTrie<T> {
  /**
   * The trie under construction, in typed arrays: node k > 0 is made by edge k − 1, from node
   * `edgeParent[k − 1]` by unit `edgeUnit[k − 1]`. A node's first child is kept with the node (most
   * nodes have one: the long tails of titles, made one after the other, so walking one again reads
   * memory in order); further children are found in an open-addressing table of edges by (parent,
   * unit). (A Map per node was most of a 20,000-paper detector's build: 2.6 million Maps, and a
   * quarter of the time in garbage collection.)
   */
  private nodeCount = 1;
  private edgeParent: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private edgeUnit: Uint16Array<ArrayBuffer> = new Uint16Array(1024);
  private terminalOf: Int32Array<ArrayBuffer> = new Int32Array(1024).fill(-1);
  /** Per node: its first child (0 = none yet), and how many children it has. */
  private firstChildOf: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private childCountOf: Int32Array<ArrayBuffer> = new Int32Array(1024);
  /** Edges to children after the first, as edge + 1 by hash of (parent, unit); 0 = empty. At most half full. */
  private moreEdges: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private moreCount = 0;
  private readonly groups: T[][] = [];
  /** First-word hash → whether some name is just that word and at most one more unit. */
  private readonly firstWordHashes = new Map<number, boolean>();
  private readonly continuationKeys = new Set<number>();
  private compiled: Compiled | undefined;

  add(name: string, value: T): void {
    const units = normalizeName(name);
    if (!units.length) return;
    this.compiled = undefined;
    const trimmed = name.trim();
    const length = firstWordLength(trimmed);
    const h = wordHashOf(trimmed, length);
    // The first word is as many units as code units: it holds no blank.
    const short = units.length <= length + 1;
    this.firstWordHashes.set(h, (this.firstWordHashes.get(h) ?? false) || short);
    if (!short) this.continuationKeys.add(continuationKey(h, units[length], units[length + 1]));
    this.reserve(this.nodeCount + units.length);
    let node = 0;
    for (const u of units) node = this.child(node, u);
    let g = this.terminalOf[node];
    if (g < 0) {
      g = this.groups.length;
      this.groups.push([]);
      this.terminalOf[node] = g;
    }
    this.groups[g].push(value);
  }

  /** Room for `nodes` nodes in the per-node and per-edge arrays. */
  private reserve(nodes: number): void {
    if (nodes <= this.terminalOf.length) return;
    const size = Math.max(nodes, this.terminalOf.length * 2);
    const more = <A extends Int32Array<ArrayBuffer> | Uint16Array<ArrayBuffer>>(a: A, b: A): A => {
      b.set(a);
      return b;
    };
    this.edgeParent = more(this.edgeParent, new Int32Array(size));
    this.edgeUnit = more(this.edgeUnit, new Uint16Array(size));
    this.terminalOf = more(this.terminalOf, new Int32Array(size).fill(-1));
    this.firstChildOf = more(this.firstChildOf, new Int32Array(size));
    this.childCountOf = more(this.childCountOf, new Int32Array(size));
  }

  /** The child of `node` by `unit`, made if missing (room for it reserved). */
  private child(node: number, unit: number): number {
    const first = this.firstChildOf[node];
    if (first !== 0 && this.edgeUnit[first - 1] === unit) return first;
    if (this.childCountOf[node] > 1) {
      const table = this.moreEdges;
      const mask = table.length - 1;
      for (let at = edgeSlot(node, unit) & mask; table[at] !== 0; at = (at + 1) & mask) {
        const e = table[at] - 1;
        if (this.edgeParent[e] === node && this.edgeUnit[e] === unit) return e + 1;
      }
    }
    const edge = this.nodeCount - 1;
    const child = this.nodeCount++;
    this.edgeParent[edge] = node;
    this.edgeUnit[edge] = unit;
    if (first === 0) this.firstChildOf[node] = child;
    else this.addMoreEdge(edge);
    this.childCountOf[node]++;
    return child;
  }

  private addMoreEdge(edge: number): void {
    if (++this.moreCount * 2 > this.moreEdges.length) {
      const old = this.moreEdges;
      this.moreEdges = new Int32Array(old.length * 2);
      for (const e of old) if (e !== 0) this.placeEdge(e - 1);
    }
    this.placeEdge(edge);
  }

  private placeEdge(edge: number): void {
    const table = this.moreEdges;
    const mask = table.length - 1;
    let at = edgeSlot(this.edgeParent[edge], this.edgeUnit[edge]) & mask;
    while (table[at] !== 0) at = (at + 1) & mask;
    table[at] = edge + 1;
  }

  get size(): number {
    return this.nodeCount;
  }

  group(index: number): readonly T[] {
    return this.groups[index];
  }

  private compile(): Compiled {
    const n = this.nodeCount;
    const edges = n - 1;
    const c: Compiled = {
      firstChild: new Int32Array(n),
      childCount: new Int32Array(n),
      childUnits: new Uint16Array(edges),
      childNodes: new Int32Array(edges),
      terminal: this.terminalOf.slice(0, n),
      rootAscii: new Int32Array(128),
      onlyUnit: new Int32Array(n).fill(-1),
      chainLength: new Int32Array(n),
      chainStart: new Int32Array(n),
      chainEnd: new Int32Array(n),
      chainUnits: new Uint16Array(edges),
      firstWords: new Int32Array(tableSize(this.firstWordHashes.size)),
      walkAlways: new Uint8Array(tableSize(this.firstWordHashes.size)),
      continuations: new Int32Array(tableSize(this.continuationKeys.size)),
    };
    for (const [h, always] of this.firstWordHashes) c.walkAlways[insert(c.firstWords, h)] = always ? 1 : 0;
    for (const k of this.continuationKeys) insert(c.continuations, k);
    // Children grouped by parent, each group in the order its edges were made.
    for (let e = 0; e < edges; e++) c.childCount[this.edgeParent[e]]++;
    for (let node = 0, at = 0; node < n; node++) {
      c.firstChild[node] = at;
      at += c.childCount[node];
    }
    const fill = new Int32Array(n);
    for (let e = 0; e < edges; e++) {
      const parent = this.edgeParent[e];
      const at = c.firstChild[parent] + fill[parent]++;
      c.childUnits[at] = this.edgeUnit[e];
      c.childNodes[at] = e + 1;
    }
    for (let node = 0; node < n; node++) if (c.childCount[node] === 1) c.onlyUnit[node] = c.childUnits[c.firstChild[node]];
    this.compileChains(c);
    // Then each group sorted by unit, for bisection.
    for (let node = 0; node < n; node++) if (c.childCount[node] > 1) sortChildren(c, c.firstChild[node], c.childCount[node]);
    for (let k = c.firstChild[0], end = k + c.childCount[0]; k < end; k++) if (c.childUnits[k] < 128) c.rootAscii[c.childUnits[k]] = c.childNodes[k];
    return c;
  }

  /**
   * A walk arrives, after a step it takes one node at a time, at a node whose parent branches or
   * ends a name, or by a space: chains start there, so every edge is in at most one chain.
   */
  private compileChains(c: Compiled): void {
    let at = 0;
    const startChain = (head: number) => {
      let node = head;
      const from = at;
      while (c.onlyUnit[node] >= 0 && c.onlyUnit[node] !== SPACE) {
        c.chainUnits[at++] = c.onlyUnit[node];
        node = c.childNodes[c.firstChild[node]];
        if (c.terminal[node] >= 0) break;
      }
      if (at > from) {
        c.chainLength[head] = at - from;
        c.chainStart[head] = from;
        c.chainEnd[head] = node;
      }
    };
    for (let node = 0; node < this.nodeCount; node++) {
      const branching = c.childCount[node] !== 1 || c.terminal[node] >= 0 || node === 0;
      for (let k = c.firstChild[node], end = k + c.childCount[node]; k < end; k++) if (branching || c.childUnits[k] === SPACE) startChain(c.childNodes[k]);
    }
  }

  /**
   * The scanner's filters, probed inline: open-addressing tables (0 = empty slot, lengths powers of
   * two) of first-word hashes — a word not in it starts no name — with a flag per slot for words
   * that must always be walked, and of `continuationKey`s.
   */
  filters(): { firstWords: Int32Array; walkAlways: Uint8Array; continuations: Int32Array } {
    return (this.compiled ??= this.compile());
  }

  /**
   * Every name that starts at `start`, shortest first, into `hits`. Blank runs in the text match one
   * space of a name, except a run holding a blank line (a name does not continue across paragraphs).
   */
  walk(text: string, start: number, hits: TrieHits): void {
    hits.count = 0;
    const t = (this.compiled ??= this.compile());
    const n = text.length;
    let node = 0;
    let j = start;
    while (j < n) {
      const length = t.chainLength[node];
      if (length > 0) {
        // A run of single-child steps: compare it with the text at once. No name ends inside it,
        // so a mismatch ends the walk.
        if (j + length > n) return;
        const units = t.chainUnits;
        const from = t.chainStart[node];
        for (let k = 0; k < length; k++) {
          const c = text.charCodeAt(j + k);
          const unit = c < 128 ? (c >= 65 && c <= 90 ? c + 32 : c) : normalUnit(c);
          // A blank is never in a chain (chains stop before spaces): it fails the comparison.
          if (unit !== units[from + k] || isBlank(c)) return;
        }
        j += length;
        node = t.chainEnd[node];
        const g = t.terminal[node];
        if (g >= 0) recordHit(hits, j, g);
        continue;
      }
      const c = text.charCodeAt(j);
      let unit: number;
      let next: number;
      if (c > 32 && c < 128) {
        // ASCII other than blanks: only capitals change.
        unit = c >= 65 && c <= 90 ? c + 32 : c;
        next = j + 1;
      } else if (isBlank(c)) {
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
      let child: number;
      const only = t.onlyUnit[node];
      if (only >= 0) {
        if (only !== unit) return;
        child = t.childNodes[t.firstChild[node]];
      } else {
        child = node === 0 && unit < 128 ? t.rootAscii[unit] || -1 : findChild(t, node, unit);
        if (child < 0) return;
      }
      node = child;
      j = next;
      const g = t.terminal[node];
      if (g >= 0) recordHit(hits, j, g);
    }
  }
}

/** Where edge (parent, unit) starts probing in the edge table (before masking). */
function edgeSlot(parent: number, unit: number): number {
  return Math.imul(parent, 0x9e3779b1) ^ Math.imul(unit, 0x85ebca6b);
}

/** Sorts `count` children from `from` by unit (insertion sort: groups are small, the root's a few hundred). */
function sortChildren(c: Compiled, from: number, count: number): void {
  const units = c.childUnits;
  const nodes = c.childNodes;
  for (let i = from + 1; i < from + count; i++) {
    const u = units[i];
    const v = nodes[i];
    let j = i - 1;
    while (j >= from && units[j] > u) {
      units[j + 1] = units[j];
      nodes[j + 1] = nodes[j];
      j--;
    }
    units[j + 1] = u;
    nodes[j + 1] = v;
  }
}

/** A power of two at least four times `n`: a sparse table keeps probe chains short. */
function tableSize(n: number): number {
  let size = 16;
  while (size < n * 4) size *= 2;
  return size;
}

function findChild(t: Compiled, node: number, unit: number): number {
  let lo = t.firstChild[node];
  let hi = lo + t.childCount[node] - 1;
  if (hi - lo < 8) {
    for (let i = lo; i <= hi; i++) if (t.childUnits[i] === unit) return t.childNodes[i];
    return -1;
  }
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const u = t.childUnits[mid];
    if (u === unit) return t.childNodes[mid];
    if (u < unit) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** A name of group `group` ends at `end` (small enough for V8 to inline in the walk). */
function recordHit(hits: TrieHits, end: number, group: number): void {
  if (hits.count === hits.ends.length) growHits(hits);
  hits.ends[hits.count] = end;
  hits.groups[hits.count] = group;
  hits.count++;
}

function growHits(hits: TrieHits): void {
  const ends = new Int32Array(hits.ends.length * 2);
  const groups = new Int32Array(hits.groups.length * 2);
  ends.set(hits.ends);
  groups.set(hits.groups);
  hits.ends = ends;
  hits.groups = groups;
}
