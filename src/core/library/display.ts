// What a person reads of a paper. Titles and abstracts are kept as their source wrote them (the
// bundled listing's "ALR$^2$", "Prefill \& Decode", "50\%") so exact matching and evaluation see the
// source; everything shown goes through these, which decode the TeX left in them. Bibliography
// entries arrive decoded already (their reader decodes LaTeX), so this is then a no-op.
import { withoutTexMarkup } from '../text/latex';
import type { Paper } from './model';

const titles = new WeakMap<Paper, string>();
const abstracts = new WeakMap<Paper, string>();

/** Decodes what TeX a listing leaves in plain text: `$^2$` → ², `\&` → &, `\%` → %, `$x$` → x. */
export function displayText(text: string): string {
  return withoutTexMarkup(text);
}

export function displayTitle(paper: Paper): string {
  let t = titles.get(paper);
  if (t === undefined) {
    t = displayText(paper.title);
    titles.set(paper, t);
  }
  return t;
}

export function displayAbstract(paper: Paper): string {
  let a = abstracts.get(paper);
  if (a === undefined) {
    a = displayText(paper.abstract ?? '');
    abstracts.set(paper, a);
  }
  return a;
}
