// The surface forms the detector looks for, read off Paper objects only (so a user's bibliography
// works the same as the bundled corpus): aliases, short names, titles and arXiv's current titles.
import type { Paper } from '../library/model';
import { normalizeLatex } from '../text/latex';
import { wordChars } from './chars';

/** How a form must be cased in the text. */
export type CaseRule =
  /** Letters exactly as in the name: strict names ("Titans", "Yi", "A Little Goes a Long Way"). */
  | 'exact'
  /** Exact, or the name in capitals: short distinctive names ("LaRA", "LARA"; not "lara"). */
  | 'exactOrUpper'
  /** Any case: distinctive names and titles ("longlora", "Duo-Attention"). */
  | 'any';

/**
 * How much context evidence a match needs before it counts, by how easily the form turns up in
 * text that is not about the paper. Thresholds live with the scoring (evidence.ts).
 */
export type EvidenceNeed = 'none' | 'low' | 'medium' | 'high';

export interface NameForm {
  /** The form as the paper lists it. */
  name: string;
  /** Index of the paper in the detector's list. */
  paper: number;
  /** 'part': the part of a title before or after its colon ("Learning to Memorize at Test Time"). */
  kind: 'alias' | 'title' | 'part';
  strict: boolean;
  ambiguous: boolean;
  caseRule: CaseRule;
  /** Evidence a match needs when its case matches exactly. */
  need: EvidenceNeed;
  /** Several words: lower-case text of these may be ordinary prose ("dataset decomposition"). */
  multiWord: boolean;
  /** Letters and digits of `name`, for the case test. */
  letters: string;
}

/** A name of this many words is no accident even in lower case; shorter ones may be prose. */
export const WORDS_FOR_TITLE_WITHOUT_EVIDENCE = 5;

function wordCount(s: string): number {
  return s.trim().split(/\s+/).filter(Boolean).length;
}

/** A shape no ordinary word has: a capital after a small letter, e.g. "GENERator", "ProLong". */
function hasInnerCapital(s: string): boolean {
  return /\p{Ll}\p{Lu}/u.test(s);
}

function needForStrict(name: string): EvidenceNeed {
  if (wordCount(name) > 1) return 'low';
  const letters = wordChars(name);
  if (letters.length <= 2) return 'high'; // Yi, M1
  if (letters.length <= 4) return hasInnerCapital(name) && letters.length >= 4 ? 'medium' : 'high'; // APE, DEL, MoA, TIM
  if (hasInnerCapital(name)) return 'none'; // GENERator, ProLong: no word looks like that
  return 'medium'; // Titans, Dolphin, RAPID, FABLES
}

function caseRuleFor(name: string, strict: boolean): CaseRule {
  if (strict) return 'exact';
  const letters = wordChars(name);
  if (wordCount(name) === 1 && /^\p{L}+$/u.test(letters) && letters.length <= 4) return 'exactOrUpper';
  return 'any';
}

/** Title variants people paste: as listed, LaTeX-free, without the closing "?" or ".". */
function titleVariants(title: string): string[] {
  const out = new Set<string>([title]);
  out.add(normalizeLatex(title));
  for (const t of [...out]) out.add(t.replace(/[?.!]+\s*$/, ''));
  return [...out].filter(t => t.trim());
}

export function nameForms(papers: readonly Paper[]): NameForm[] {
  const forms: NameForm[] = [];
  papers.forEach((paper, index) => {
    const seen = new Set<string>();
    const push = (name: string, kind: NameForm['kind'], strict: boolean, ambiguous: boolean) => {
      if (typeof name !== 'string' || !name.trim() || seen.has(name)) return;
      seen.add(name);
      const multiWord = wordCount(name) > 1;
      forms.push({
        name,
        paper: index,
        kind,
        strict,
        ambiguous,
        caseRule: caseRuleFor(name, strict),
        need: strict ? needForStrict(name) : 'none',
        multiWord,
        letters: wordChars(name),
      });
    };
    for (const a of paper.aliases ?? []) push(a.name, 'alias', a.strict === true, a.ambiguous === true);
    if (paper.shortName) push(paper.shortName, 'alias', false, false);
    for (const title of [paper.title, paper.arxivTitle]) {
      if (typeof title !== 'string' || !title) continue;
      for (const t of titleVariants(title)) push(t, 'title', false, false);
    }
    // People cite a title by its main clause or its subtitle; long parts only, so they stay specific.
    for (const title of [paper.title, paper.arxivTitle]) {
      if (typeof title !== 'string') continue;
      const m = /^(.+?)(?::|\?)\s+(.+)$/.exec(title);
      if (!m) continue;
      for (const part of [m[1], m[2]]) {
        if (wordCount(part) >= WORDS_FOR_TITLE_WITHOUT_EVIDENCE) for (const t of titleVariants(part)) push(t, 'part', false, false);
      }
    }
  });
  return forms;
}
