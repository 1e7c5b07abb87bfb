// The words of the indexed papers as written (lowercase "surfaces") and the index terms they stem
// to, with document frequencies. The query planner asks it which words exist, how a half-typed
// word may end, and which real word a misspelt one was meant to be; the index only knows stems,
// and a stem is not always a prefix of its words ("retrieval" → "retriev").
import { boundedEditDistance } from './editDistance';
import type { TermIndex } from './termIndex';

export interface WordMatch {
  /** The word as the papers write it (lowercase). */
  surface: string;
  /** Its index term. */
  term: string;
}

export interface Correction extends WordMatch {
  distance: number;
}

export class Vocabulary {
  private readonly surfaceTerm = new Map<string, string>();
  private sorted: string[] | undefined;
  private byLength: { words: string[]; masks: number[] }[] | undefined;
  private docCount = 0;
  private docFrequencyOf: (term: string) => number = () => 0;

  /** Records that the documents write `surface`, indexed as `term`. */
  addSurface(surface: string, term: string): void {
    if (!this.surfaceTerm.has(surface)) {
      this.surfaceTerm.set(surface, term);
      this.sorted = undefined;
      this.byLength = undefined;
      this.preparing = undefined;
    }
  }

  /** Where `prepareSome` is: the surfaces, sorted runs of them, and pairs of runs merged so far. */
  private preparing: { runs: string[][]; unsorted: string[]; next: number } | undefined;

  /**
   * Builds, in steps until `deadline` (performance.now()), what `completions` and `corrections`
   * otherwise build on first use: the sorted surfaces and the buckets by length. True when done.
   * At 20,123 papers sorting the surfaces at once made the first query ~100 ms slower than the
   * next, a stall of the editor; here they sort in runs of SORT_RUN merged pairwise, one run or
   * one merge a step — the same order as one sort, since surfaces are distinct.
   */
  prepareSome(deadline: number): boolean {
    for (;;) {
      if (this.sorted && this.byLength) return true;
      if (!this.sorted) {
        const state = (this.preparing ??= { runs: [], unsorted: [...this.surfaceTerm.keys()], next: 0 });
        if (state.next < state.unsorted.length) {
          state.runs.push(state.unsorted.slice(state.next, state.next + SORT_RUN).sort());
          state.next += SORT_RUN;
        } else if (state.runs.length > 1) {
          const merged: string[][] = [];
          for (let i = 0; i < state.runs.length; i += 2) merged.push(i + 1 < state.runs.length ? mergeSorted(state.runs[i], state.runs[i + 1]) : state.runs[i]);
          state.runs = merged;
        } else {
          this.sorted = state.runs[0] ?? [];
          this.preparing = undefined;
        }
      } else this.bucketsByLength();
      if (performance.now() > deadline) return !!(this.sorted && this.byLength);
    }
  }

  /** Takes document frequencies from the finished index (they are its postings' lengths). */
  useIndex(index: TermIndex): void {
    this.docCount = index.docCount;
    this.docFrequencyOf = term => index.postings(term)?.docs.length ?? 0;
  }

  /** Documents in the index. */
  get documentCount(): number {
    return this.docCount;
  }

  get size(): number {
    return this.surfaceTerm.size;
  }

  hasTerm(term: string): boolean {
    return this.docFrequencyOf(term) > 0;
  }

  /** How many documents contain `term` (in any field). */
  docFrequency(term: string): number {
    return this.docFrequencyOf(term);
  }

  /** How telling a term is: ln(1 + N / df), 0 for a term no document has. */
  idf(term: string): number {
    const df = this.docFrequency(term);
    return df ? Math.log(1 + this.docCount / df) : 0;
  }

  termOf(surface: string): string | undefined {
    return this.surfaceTerm.get(surface);
  }

  /**
   * Words that start with `prefix` (not the prefix itself), most frequent first, at most `max`:
   * the completions of the word being typed. Capped because a two-letter prefix may start
   * thousands of words in a large library, and the rare ones are not what the user is typing.
   */
  completions(prefix: string, max: number): WordMatch[] {
    const sorted = (this.sorted ??= [...this.surfaceTerm.keys()].sort());
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    const found: WordMatch[] = [];
    for (let i = lo; i < sorted.length && sorted[i].startsWith(prefix); i++) {
      if (sorted[i] !== prefix) found.push({ surface: sorted[i], term: this.surfaceTerm.get(sorted[i]) as string });
    }
    if (found.length > max) {
      found.sort((a, b) => this.docFrequency(b.term) - this.docFrequency(a.term) || a.surface.length - b.surface.length || (a.surface < b.surface ? -1 : 1));
      found.length = max;
    }
    return found;
  }

  /**
   * Real words within `maxDistance` edits of `word`, closest then most frequent first, at most
   * `max`. Words differing in their first letter are considered too (typos happen there as well).
   */
  corrections(word: string, maxDistance: number, max: number): Correction[] {
    const byLength = this.bucketsByLength();
    const found: Correction[] = [];
    const mask = letterMask(word);
    for (let len = Math.max(1, word.length - maxDistance); len <= word.length + maxDistance; len++) {
      const bucket = byLength[len];
      if (!bucket) continue;
      for (let i = 0; i < bucket.words.length; i++) {
        // One edit changes at most two letters' presence: most words are ruled out by their masks
        // alone, before the quadratic distance (a 50,000-paper library has ~100,000 words).
        if (popcount(mask ^ bucket.masks[i]) > 2 * maxDistance) continue;
        const s = bucket.words[i];
        const d = boundedEditDistance(word, s, maxDistance);
        if (d <= maxDistance && d > 0) found.push({ surface: s, term: this.surfaceTerm.get(s) as string, distance: d });
      }
    }
    found.sort((a, b) => a.distance - b.distance || this.docFrequency(b.term) - this.docFrequency(a.term) || (a.surface < b.surface ? -1 : 1));
    return found.slice(0, max);
  }

  private bucketsByLength(): { words: string[]; masks: number[] }[] {
    if (!this.byLength) {
      const buckets: { words: string[]; masks: number[] }[] = [];
      for (const s of this.surfaceTerm.keys()) {
        const b = (buckets[s.length] ??= { words: [], masks: [] });
        b.words.push(s);
        b.masks.push(letterMask(s));
      }
      this.byLength = buckets;
    }
    return this.byLength;
  }
}

/** Surfaces sorted a run at a time by `prepareSome`: a few ms a run. */
const SORT_RUN = 4096;

/** Two sorted arrays of distinct strings, merged in code-unit order (Array.prototype.sort's). */
function mergeSorted(a: string[], b: string[]): string[] {
  const out = new Array<string>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i] < b[j] ? a[i++] : b[j++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}

/** Which characters a word has, hashed into 32 bits (collisions only make the test looser). */
function letterMask(word: string): number {
  let m = 0;
  for (let i = 0; i < word.length; i++) m |= 1 << (word.charCodeAt(i) & 31);
  return m;
}

function popcount(x: number): number {
  let n = 0;
  for (let v = x >>> 0; v; v &= v - 1) n++;
  return n;
}
