// Whether two papers share a curated topic: asked for every pair of co-mentioned papers, so the
// answers are kept in a matrix that fills as pairs are asked about.
import type { Paper } from '../library/model';

export class TopicPairs {
  /** At p × n + q: 1 shared, 0 not, −1 not asked yet. Allocated on the first question. */
  private matrix: Int8Array | undefined;

  constructor(private readonly papers: readonly Paper[]) {}

  share(p: number, q: number): boolean {
    const n = this.papers.length;
    this.matrix ??= new Int8Array(n * n).fill(-1);
    let v = this.matrix[p * n + q];
    if (v < 0) {
      const a = this.papers[p].topics ?? [];
      v = (this.papers[q].topics ?? []).some(t => a.includes(t)) ? 1 : 0;
      this.matrix[p * n + q] = v;
    }
    return v === 1;
  }
}
