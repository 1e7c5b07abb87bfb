// Why a result matched, as character ranges to highlight in what the picker shows (a paper's name,
// its topic, its title): the words there that the query's matched terms come from.
import { termSpans } from './text';

/** [start, end) character offsets into a displayed text. */
export type Range = [number, number];

/**
 * The ranges of `text` whose words (or CamelCase parts, or hyphenated parts) read as the terms of
 * one of `alternatives` — each the index terms of a query word, synonym, completion or correction
 * that matched (SearchHit.matchedTerms). A several-term alternative ("key value" for "KV") counts
 * only where the text has all its terms. The widest span wins ("LongLoRA" whole for "longlora",
 * "LoRA" alone for "lora"); ranges are sorted and do not overlap.
 */
export function matchRanges(text: string, alternatives: readonly (readonly string[])[]): Range[] {
  if (!text || !alternatives.length) return [];
  const spans = termSpans(text);
  const present = new Set(spans.map(s => s.term));
  const wanted = new Set<string>();
  for (const terms of alternatives) if (terms.length && terms.every(t => present.has(t))) for (const t of terms) wanted.add(t);
  const chosen = spans.filter(s => wanted.has(s.term)).sort((a, b) => a.start - b.start || b.end - a.end);
  const ranges: Range[] = [];
  for (const s of chosen) {
    const last = ranges[ranges.length - 1];
    if (last && s.start < last[1]) last[1] = Math.max(last[1], s.end);
    else ranges.push([s.start, s.end]);
  }
  return ranges;
}
