// Other senses of a paper's acronym, mined from the papers' own abstracts: another paper may define
// the same letters differently ("Absolute Position Embedding (APE)" against "Adaptive Parallel
// Encoding (APE)"), and a sentence speaking of that sense is not a mention. Also whether a gloss a
// note gives on the spot ("MoA (mixture-of-agents)") fits a paper's own words.
import { acronymExpansion } from '../library/nameDerivation';
import type { Paper } from '../library/model';
import { escapeRegExp } from '../text/regex';
import type { NameForm } from './names';
import { keysOf, type PaperWords } from './wordIds';

/** A competing meaning of a name: another paper defines the acronym with other words. */
export interface ForeignSense {
  paper: number;
  /** Key ids of its expansion's words. */
  expansion: number[];
}

/**
 * What separates the tokens an acronym can be in an abstract: "(APE)", "APE (", "APE,". A definition
 * (`definitions`) needs the acronym right inside parentheses or right before an opening one, so it
 * is always one of these tokens.
 */
const TOKEN_SEPARATORS = /[\s()[\]{},;:"'“”‘’]+/;

export class AcronymSenses {
  private readonly foreign = new Map<NameForm, ForeignSense[]>();
  /**
   * Per paper: keys of the words its names are made of (title, aliases), for checking a gloss; read
   * on the first gloss that names the paper (a 20,000-paper library asks about a handful of them).
   */
  private readonly nameWords: (Set<string> | undefined)[] = [];
  /** Per acronym: the two patterns of a definition (`definitions`), made once, not once per paper asked. */
  private readonly patterns = new Map<string, { before: RegExp; after: RegExp }>();

  constructor(
    private readonly papers: readonly Paper[],
    forms: readonly NameForm[],
    private readonly words: PaperWords,
  ) {
    // Indexes built once, so mining each acronym looks only at the papers that could define it:
    // asking every paper about every acronym was quadratic (minutes for a 20,000-paper library).
    const owners = new Map<string, Set<number>>();
    for (const f of forms) {
      const key = f.letters.toLowerCase();
      const set = owners.get(key);
      if (set) set.add(f.paper);
      else owners.set(key, new Set([f.paper]));
    }
    const usedBy = new Map<string, number[]>();
    papers.forEach((p, i) => {
      const abstract = p.abstract ?? '';
      if (!abstract.includes('(')) return;
      for (const token of new Set(abstract.split(TOKEN_SEPARATORS))) {
        if (!token) continue;
        const list = usedBy.get(token);
        if (list) list.push(i);
        else usedBy.set(token, [i]);
      }
    });
    // What is mined depends on the name alone (its owners and the papers using it), so papers that
    // share a name ("Attention", a title prefix hundreds of a library's entries start with) mine it
    // once: per form, it was ~9 s of a 20,000-paper detector's build.
    const minedByName = new Map<string, ForeignSense[]>();
    for (const form of forms) {
      if (form.need === 'none' || form.multiWord) continue;
      let senses = minedByName.get(form.name);
      if (!senses) {
        senses = this.mine(form, owners.get(form.letters.toLowerCase()) ?? new Set(), usedBy.get(form.name) ?? []);
        minedByName.set(form.name, senses);
      }
      if (senses.length) this.foreign.set(form, senses);
    }
  }

  /** Whether another paper defines `form`'s acronym differently. */
  has(form: NameForm): boolean {
    return this.foreign.has(form);
  }

  /** The other papers' senses of `form`, if any. */
  of(form: NameForm): readonly ForeignSense[] | undefined {
    return this.foreign.get(form);
  }

  /**
   * Whether a gloss the text gives a name ("MoA (mixture-of-agents)") fits paper `p`: every content
   * word of it is a word of the paper's title or names, or of a definition its abstract gives.
   */
  glossFits(p: number, gloss: string, acronym: string): boolean {
    const paper = this.papers[p];
    const words = (this.nameWords[p] ??= new Set([paper.title, paper.arxivTitle ?? '', ...(paper.aliases ?? []).map(a => a.name)].flatMap(keysOf)));
    const defined = new Set(this.definitions(p, acronym).flatMap(keysOf));
    return keysOf(gloss).every(k => words.has(k) || defined.has(k));
  }

  /**
   * Papers that define `form`'s acronym with an expansion its owners (papers with a form of the
   * same letters) do not use. `candidates`: the papers whose abstracts use the acronym as a token —
   * the only ones that can define it — in library order.
   */
  private mine(form: NameForm, owners: ReadonlySet<number>, candidates: readonly number[]): ForeignSense[] {
    const ownExpansions = new Set<string>();
    for (const o of owners) for (const e of this.definitions(o, form.name)) ownExpansions.add(e.toLowerCase());
    const out: ForeignSense[] = [];
    for (const q of candidates) {
      if (owners.has(q)) continue;
      for (const e of this.definitions(q, form.name)) {
        if (ownExpansions.has(e.toLowerCase())) continue;
        const expansion = [...new Set(keysOf(e).map(k => this.words.idOf(k)).filter(id => id >= 0))];
        if (expansion.length) out.push({ paper: q, expansion });
        break;
      }
    }
    return out;
  }

  /** Long forms a paper gives for an acronym: "Long Form (ACR)" or "ACR (Long Form)". */
  private definitions(paper: number, acronym: string): string[] {
    const text = this.papers[paper].abstract ?? '';
    if (!text.includes(acronym)) return [];
    const out: string[] = [];
    let patterns = this.patterns.get(acronym);
    if (!patterns) {
      const a = escapeRegExp(acronym);
      patterns = { before: new RegExp(`\\(${a}\\)`, 'g'), after: new RegExp(`(?<![\\w-])${a}\\s*\\(([^()]{3,80})\\)`, 'g') };
      this.patterns.set(acronym, patterns);
    }
    // matchAll works on a copy of the pattern: the shared one keeps lastIndex 0.
    for (const m of text.matchAll(patterns.before)) {
      const e = acronymExpansion(text.slice(Math.max(0, (m.index ?? 0) - 120), m.index), acronym);
      if (e) out.push(e);
    }
    for (const m of text.matchAll(patterns.after)) {
      const e = acronymExpansion(m[1], acronym);
      if (e && e.split(/\s+/)[0] === m[1].trim().split(/\s+/)[0]) out.push(e);
    }
    return out;
  }
}
