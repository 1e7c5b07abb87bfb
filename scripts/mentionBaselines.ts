// The naive detectors the mention detector is measured against (evaluation and benchmark). Both
// match every alias case-insensitively between word boundaries; neither knows compounds, case
// rules, context or ambiguity beyond "every paper with that name".
import type { Paper } from '../src/core/library/model';
import { escapeRegExp } from '../src/core/text/regex';

export interface BaselineMention {
  start: number;
  end: number;
  text: string;
  papers: string[];
}


/** alias (lower case) → paper ids claiming it. */
function aliasOwners(papers: readonly Paper[]): Map<string, string[]> {
  const owners = new Map<string, string[]>();
  for (const p of papers) {
    const names = new Set([...p.aliases.map(a => a.name), ...(p.shortName ? [p.shortName] : [])]);
    for (const name of names) {
      const key = name.toLowerCase();
      const list = owners.get(key) ?? [];
      if (!list.includes(p.id)) list.push(p.id);
      owners.set(key, list);
    }
  }
  return owners;
}

const BEFORE = '(?<![\\p{L}\\p{N}])';
const AFTER = '(?![\\p{L}\\p{N}])';

/** (b) One alternation of every alias, longest first, case-insensitive, with word boundaries. */
export function alternationBaseline(papers: readonly Paper[]): (text: string) => BaselineMention[] {
  const owners = aliasOwners(papers);
  const names = [...owners.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const re = new RegExp(`${BEFORE}(?:${names.join('|')})${AFTER}`, 'giu');
  return text => {
    const out: BaselineMention[] = [];
    for (const m of text.matchAll(re)) {
      const start = m.index ?? 0;
      out.push({ start, end: start + m[0].length, text: m[0], papers: owners.get(m[0].toLowerCase()) ?? [] });
    }
    return out;
  };
}

/** (a) One regular expression per alias, run one after the other, then merged leftmost-longest. */
export function perAliasBaseline(papers: readonly Paper[]): (text: string) => BaselineMention[] {
  const owners = aliasOwners(papers);
  const patterns = [...owners.entries()].map(([name, ids]) => ({ re: new RegExp(`${BEFORE}${escapeRegExp(name)}${AFTER}`, 'giu'), ids }));
  return text => {
    const all: BaselineMention[] = [];
    for (const { re, ids } of patterns) {
      for (const m of text.matchAll(re)) {
        const start = m.index ?? 0;
        all.push({ start, end: start + m[0].length, text: m[0], papers: ids });
      }
    }
    all.sort((a, b) => a.start - b.start || b.end - a.end);
    const out: BaselineMention[] = [];
    let last = -1;
    for (const m of all) {
      if (m.start >= last) {
        out.push(m);
        last = m.end;
      }
    }
    return out;
  };
}
