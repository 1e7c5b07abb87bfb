// Which names completion offers for a paper, and how they rank against what was typed. Pure, so
// unit tests cover it in Node.
import { displayName, type Paper } from '../core/library/model';

export interface CompletionName {
  name: string;
  paper: Paper;
}

/** Longer names are titles in all but name; completion offers the title itself when nothing shorter exists. */
const MAX_NAME_LENGTH = 40;

/** Names worth completing: short name, title and coined names, citation keys (not spelling variants). */
export function completionNames(papers: readonly Paper[]): CompletionName[] {
  const out: CompletionName[] = [];
  for (const paper of papers) {
    const names = new Set<string>();
    if (paper.shortName) names.add(paper.shortName);
    for (const a of paper.aliases) if (a.origin !== 'variant' && a.origin !== 'key' && a.name.length <= MAX_NAME_LENGTH) names.add(a.name);
    if (!names.size) names.add(paper.title);
    for (const name of names) out.push({ name, paper });
  }
  return out;
}

/** Letters and digits, lower-case: "Duo-Attention" and "duoattention" compare equal. */
function squash(s: string): string {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

export interface RankedName extends CompletionName {
  /** Higher is better: 3 the whole name, 2 its start, 1 the start of one of its later words. */
  rank: number;
}

/**
 * The names `typed` is a prefix of — of the whole name (separators aside: "duo-att" → DuoAttention),
 * else of one of its words ("Memorize" → "Learning to Memorize…") — best first: exact, then name
 * starts, then word starts; shorter names before longer ones at the same rank (the short name of a
 * paper before its long forms), then alphabetically. Names the prefix does not start are dropped:
 * a fuzzy match on scattered letters ("D…u…o" in a long title) is noise here.
 */
export function rankCompletions(names: readonly CompletionName[], typed: string): RankedName[] {
  const prefix = squash(typed);
  const ranked: RankedName[] = [];
  for (const n of names) {
    if (!prefix) {
      ranked.push({ ...n, rank: 0 });
      continue;
    }
    const whole = squash(n.name);
    let rank = 0;
    if (whole === prefix) rank = 3;
    else if (whole.startsWith(prefix)) rank = 2;
    else if (n.name.split(/[\s\-_:/]+|(?<=\p{Ll})(?=\p{Lu})/u).slice(1).some(w => squash(w).startsWith(prefix))) rank = 1;
    if (rank) ranked.push({ ...n, rank });
  }
  ranked.sort((a, b) => b.rank - a.rank || a.name.length - b.name.length || a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }));
  return ranked;
}

/** The completion detail line: the name's paper when the name is not its display name. */
export function completionDescription(name: string, paper: Paper): string {
  const year = paper.year === undefined ? '' : String(paper.year);
  return name === displayName(paper) ? year : [displayName(paper), year].filter(Boolean).join(' · ');
}
