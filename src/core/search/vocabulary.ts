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
    if (!this.byLength) {
      const buckets: { words: string[]; masks: number[] }[] = [];
      for (const s of this.surfaceTerm.keys()) {
        const b = (buckets[s.length] ??= { words: [], masks: [] });
        b.words.push(s);
        b.masks.push(letterMask(s));
      }
      this.byLength = buckets;
    }
    const found: Correction[] = [];
    const mask = letterMask(word);
    for (let len = Math.max(1, word.length - maxDistance); len <= word.length + maxDistance; len++) {
      const bucket = this.byLength[len];
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
