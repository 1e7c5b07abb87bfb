// From notes to a bibliography: the papers a set of mentions cites, each under a stable citation
// key, written as BibTeX or CSL-JSON. The extension's "Export References…" and the CLI's `export`
// both end here, so a folder exported from either gives the same file.
//
// Keys are stable: a paper keeps the key a user's library gives it (their .bib's own key, so
// `\cite{}` commands already written still resolve), and a paper without one gets the key Copy
// BibTeX and Copy \cite{} give it (`xiao2024duoattention`). Two papers whose derived keys collide
// are told apart by a letter suffix decided over the whole library, not over the exported subset, so
// exporting one note or the whole workspace gives a paper the same key.
//
// CSL-JSON items are cslJson.ts's (the collection writes the same shape), under the stable key.
import type { Paper } from '../library/model';
import { paperToCsl } from './cslJson';
import { bibtex, citeKey } from './formats';

export type BibliographyFormat = 'bibtex' | 'csl-json';
export const BIBLIOGRAPHY_FORMATS: readonly BibliographyFormat[] = ['bibtex', 'csl-json'];

/** The format a file name asks for: `.json` is CSL-JSON, anything else BibTeX. */
export function bibliographyFormatOf(fileName: string): BibliographyFormat {
  return /\.json$/i.test(fileName) ? 'csl-json' : 'bibtex';
}

/** What `citedPapers` reads of a mention (the detector's, the index's and the CLI's all have it). */
export interface CitingMention {
  papers: readonly string[];
  ambiguous: boolean;
  text?: string;
}

export interface CitedPapers {
  /** Paper ids in order of first mention. */
  ids: string[];
  /**
   * Mentions left out because they name several papers ("Giraffe"): a bibliography must not cite a
   * paper the note may not mean. Each with the candidates it named.
   */
  ambiguous: { text: string; papers: string[] }[];
}

/**
 * The papers a set of mentions cites: every paper named by an unambiguous mention, once, in order
 * of first mention. A mention of no known paper (an arXiv id the library lacks) cites nothing.
 */
export function citedPapers(mentions: Iterable<CitingMention>): CitedPapers {
  const seen = new Set<string>();
  const ids: string[] = [];
  const ambiguous: CitedPapers['ambiguous'] = [];
  for (const m of mentions) {
    if (!m.papers.length) continue;
    if (m.ambiguous || m.papers.length > 1) {
      ambiguous.push({ text: m.text ?? '', papers: [...m.papers] });
      continue;
    }
    const id = m.papers[0];
    if (!seen.has(id)) {
      seen.add(id);
      ids.push(id);
    }
  }
  return { ids, ambiguous };
}

/** Characters BibTeX does not allow in a key (the parser's own `[^\s,={}()"#%@]`, and a backslash). */
const BIBTEX_KEY_UNSAFE = /[\s,={}()"#%@\\]/g;

/** A key as BibTeX can read it: a CSL-JSON id such as "ITEM 1" becomes "ITEM_1". */
export function bibtexSafeKey(key: string): string {
  const safe = key.replace(BIBTEX_KEY_UNSAFE, '_');
  return safe || 'paper';
}

/** `n` as a suffix: a, b, …, z, aa, ab, … (Better BibTeX's disambiguation). */
function suffixLetters(n: number): string {
  let s = '';
  for (let k = n; k >= 0; k = Math.floor(k / 26) - 1) s = String.fromCharCode(97 + (k % 26)) + s;
  return s;
}

const byId = (a: Paper, b: Paper) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Every paper's key, unique across `universe` (the library; the papers themselves when omitted):
 * own keys (a library's citation key) verbatim; derived keys as `citeKey` makes them, those that
 * collide — with each other or with an own key — suffixed a, b, … in paper-id order. Keys depend
 * on the universe only, so a paper's key is the same whichever subset is exported.
 */
export function stableKeys(papers: readonly Paper[], universe: readonly Paper[] = papers): Map<string, string> {
  const all = new Map<string, Paper>();
  for (const p of universe) all.set(p.id, p);
  for (const p of papers) if (!all.has(p.id)) all.set(p.id, p);
  const keys = new Map<string, string>();
  const taken = new Set<string>();
  const derived = new Map<string, Paper[]>();
  for (const p of [...all.values()].sort(byId)) {
    if (p.citationKey && !taken.has(p.citationKey)) {
      keys.set(p.id, p.citationKey);
      taken.add(p.citationKey);
      continue;
    }
    const key = citeKey({ ...p, citationKey: undefined });
    const list = derived.get(key);
    if (list) list.push(p);
    else derived.set(key, [p]);
  }
  for (const [key, group] of derived) {
    // A key shared by several papers suffixes all of them: which one would deserve the bare key
    // would change as papers come and go.
    const shared = group.length > 1 || taken.has(key);
    let n = 0;
    for (const p of group) {
      let k = key;
      if (shared) {
        do k = `${key}${suffixLetters(n++)}`;
        while (taken.has(k) || derived.has(k));
      }
      keys.set(p.id, k);
      taken.add(k);
    }
  }
  return keys;
}

export interface BibliographyOptions {
  /** The library the keys are made unique over (default: the exported papers). */
  universe?: readonly Paper[];
}

export interface Bibliography {
  text: string;
  /** Paper id → the key it was written under, in the file's order. */
  keys: Map<string, string>;
}

/**
 * The papers as one bibliography file, entries sorted by key (a file that diffs well when the notes
 * change), ending with a newline. BibTeX entries are those Copy BibTeX gives, under the stable key.
 */
export function formatBibliography(papers: readonly Paper[], format: BibliographyFormat, options: BibliographyOptions = {}): Bibliography {
  const all = stableKeys(papers, options.universe);
  const unique = [...new Map(papers.map(p => [p.id, p])).values()];
  const keyed = unique.map(p => ({ paper: p, key: format === 'bibtex' ? bibtexSafeKey(all.get(p.id)!) : all.get(p.id)! }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : byId(a.paper, b.paper)));
  const keys = new Map(keyed.map(k => [k.paper.id, k.key]));
  if (format === 'csl-json') return { text: `${JSON.stringify(keyed.map(k => paperToCsl(k.paper, { id: k.key })), null, 2)}\n`, keys };
  const entries = keyed.map(k => bibtex({ ...k.paper, citationKey: k.key }));
  return { text: entries.length ? `${entries.join('\n\n')}\n` : '', keys };
}
