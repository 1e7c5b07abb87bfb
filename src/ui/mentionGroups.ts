// "In This Document": the mentions of a note grouped by the paper (or the set of candidates of an
// ambiguous name) they refer to, in order of first appearance, with a one-line preview for each
// occurrence. Pure, so unit tests cover it in Node.
import { displayName, type Paper } from '../core/library/model';
import type { DetectedMention } from './documentScanCache';

export interface MentionGroup {
  /** One paper, or every candidate of an ambiguous name. */
  papers: Paper[];
  /** Set for single-paper groups (the paper context menu applies to them). */
  paper?: Paper;
  label: string;
  occurrences: DetectedMention[];
}

export function groupMentions(mentions: readonly DetectedMention[], paperOf: (id: string) => Paper | undefined): MentionGroup[] {
  const byKey = new Map<string, MentionGroup>();
  for (const m of mentions) {
    const papers = m.papers.map(paperOf).filter((p): p is Paper => !!p);
    if (!papers.length) continue;
    const key = [...m.papers].sort().join('|');
    let g = byKey.get(key);
    if (!g) {
      const label = papers.length === 1 ? displayName(papers[0]) : `${m.text} (ambiguous: ${papers.length} papers)`;
      g = { papers, paper: papers.length === 1 ? papers[0] : undefined, label, occurrences: [] };
      byKey.set(key, g);
    }
    g.occurrences.push(m);
  }
  // Map order is first appearance already: mentions come sorted by start.
  return [...byKey.values()];
}

/** Context shown before a mention in its preview, and after it. */
const PREVIEW_BEFORE = 30;
const PREVIEW_AFTER = 40;

/** The line around an occurrence, clipped: "…and DuoAttention keeps the full cache for retrie". */
export function occurrencePreview(lineText: string, character: number, length: number): string {
  const from = Math.max(0, character - PREVIEW_BEFORE);
  return `${from > 0 ? '…' : ''}${lineText.slice(from, character + length + PREVIEW_AFTER).trim()}`;
}
