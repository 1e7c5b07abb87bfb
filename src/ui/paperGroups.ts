// How the Papers view groups papers: by primary topic (the curated order), by year (newest first)
// or not at all; papers inside a group by year, then name. Pure, so unit tests cover it in Node and
// every view groups the same way.
import type { LibrarySnapshot } from '../core/library/library';
import { displayName, type Paper } from '../core/library/model';

export type GroupBy = 'topic' | 'year' | 'none';

export interface PaperGroup {
  /** Stable across refreshes: "topic:kv-cache", "year:2024", "year:unknown", "all". */
  key: string;
  label: string;
  /** The topic's description, for a tooltip. */
  tooltip?: string;
  papers: Paper[];
}

/** Label of the group of papers no curated topic fits (user papers the classifier could not place). */
export const OTHER_TOPIC_LABEL = 'Other';

/** Oldest first, then by name, case and accents aside; papers without a year last. */
export function compareByYearThenName(a: Paper, b: Paper): number {
  const ya = a.year ?? Number.MAX_SAFE_INTEGER;
  const yb = b.year ?? Number.MAX_SAFE_INTEGER;
  return ya - yb || displayName(a).localeCompare(displayName(b), undefined, { sensitivity: 'base' });
}

export function groupPapers(snapshot: Pick<LibrarySnapshot, 'topics'>, papers: readonly Paper[], groupBy: GroupBy): PaperGroup[] {
  const sorted = [...papers].sort(compareByYearThenName);
  if (groupBy === 'none') return [{ key: 'all', label: 'All papers', papers: sorted }];
  if (groupBy === 'year') {
    const byYear = new Map<number | undefined, Paper[]>();
    for (const p of sorted) {
      const list = byYear.get(p.year);
      if (list) list.push(p);
      else byYear.set(p.year, [p]);
    }
    const years = [...byYear.keys()].sort((a, b) => (b ?? -Infinity) - (a ?? -Infinity));
    return years.map(y => ({ key: `year:${y ?? 'unknown'}`, label: y === undefined ? 'Year unknown' : String(y), papers: byYear.get(y)! }));
  }
  const known = new Set(snapshot.topics.map(t => t.id));
  const groups: PaperGroup[] = snapshot.topics.map(t => ({
    key: `topic:${t.id}`,
    label: t.shortLabel ?? t.label,
    tooltip: t.shortLabel ? `${t.label}: ${t.description}` : t.description,
    papers: sorted.filter(p => p.topics[0] === t.id),
  }));
  const other = sorted.filter(p => p.topics[0] === undefined || !known.has(p.topics[0]));
  if (other.length) groups.push({ key: 'topic:other', label: OTHER_TOPIC_LABEL, tooltip: 'Papers that fit none of the curated topics', papers: other });
  return groups.filter(g => g.papers.length > 0);
}
