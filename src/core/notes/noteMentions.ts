// Everything in a note that refers to a paper: names the mention detector finds, citation keys
// (`[@key]`, `\cite{key}`) and arXiv references (links, `arXiv:…`, bare ids). Keys and arXiv ids are
// explicit, so they win over a name found in the same place; an arXiv id the library does not know
// is still reported (no papers, its id in `ref`), so an editor can offer to fetch it.
import type { LibrarySnapshot } from '../library/library';
import { findArxivReferences } from '../text/arxivReferences';
import { findCitations } from '../text/citations';

export type MentionKind = 'name' | 'citation' | 'arxiv';

export interface NoteMention {
  start: number;
  end: number;
  text: string;
  /** Paper ids, best first; empty for an arXiv id the library does not know. */
  papers: string[];
  ambiguous: boolean;
  kind: MentionKind;
  /** The citation key or arXiv id (with version, if written) as the note gives it. */
  ref?: string;
}

export interface NameMentionFinder {
  detect(text: string): { start: number; end: number; text: string; papers: string[]; ambiguous: boolean }[];
}

export function findNoteMentions(text: string, names: NameMentionFinder, snapshot: Pick<LibrarySnapshot, 'paperByKey' | 'paperByArxiv'>): NoteMention[] {
  if (typeof text !== 'string' || !text) return [];
  const explicit: NoteMention[] = [];
  for (const c of findCitations(text)) {
    const paper = snapshot.paperByKey(c.key);
    if (paper) explicit.push({ start: c.start, end: c.end, text: text.slice(c.start, c.end), papers: [paper.id], ambiguous: false, kind: 'citation', ref: c.key });
  }
  for (const r of findArxivReferences(text)) {
    const paper = snapshot.paperByArxiv(r.id);
    explicit.push({ start: r.start, end: r.end, text: text.slice(r.start, r.end), papers: paper ? [paper.id] : [], ambiguous: false, kind: 'arxiv', ref: r.version ? `${r.id}${r.version}` : r.id });
  }
  explicit.sort((a, b) => a.start - b.start);
  // Explicit references may overlap each other (an arXiv link inside a citation's locator): the first wins.
  const kept: NoteMention[] = [];
  for (const m of explicit) if (!kept.length || m.start >= kept[kept.length - 1].end) kept.push(m);
  const out: NoteMention[] = [];
  let k = 0;
  for (const m of names.detect(text)) {
    while (k < kept.length && kept[k].end <= m.start) out.push(kept[k++]);
    if (k < kept.length && kept[k].start < m.end) continue; // inside an explicit reference
    out.push({ ...m, kind: 'name' });
  }
  while (k < kept.length) out.push(kept[k++]);
  return out;
}
