// Whether two papers share a curated topic: asked for every pair of co-mentioned papers. Each
// paper's topics are a bit set (one bit per topic id the library uses), so a question is an AND of
// a word or two. (A matrix of answers, n × n bytes, was 400 MB for a 20,000-paper library and most
// of its detector's first scan.)
import type { Paper } from '../library/model';

export class TopicPairs {
  /** Per paper, `words` 32-bit words of topic bits; built on the first question. */
  private bits: Uint32Array | undefined;
  private words = 1;

  constructor(private readonly papers: readonly Paper[]) {}

  share(p: number, q: number): boolean {
    const bits = (this.bits ??= this.build());
    const w = this.words;
    for (let k = 0; k < w; k++) if ((bits[p * w + k] & bits[q * w + k]) !== 0) return true;
    return false;
  }

  private build(): Uint32Array {
    const bitOf = new Map<string, number>();
    for (const paper of this.papers) for (const t of paper.topics ?? []) if (!bitOf.has(t)) bitOf.set(t, bitOf.size);
    const w = (this.words = Math.max(1, Math.ceil(bitOf.size / 32)));
    const bits = new Uint32Array(this.papers.length * w);
    this.papers.forEach((paper, i) => {
      for (const t of paper.topics ?? []) {
        const b = bitOf.get(t) as number;
        bits[i * w + (b >>> 5)] |= 1 << (b & 31);
      }
    });
    return bits;
  }
}
