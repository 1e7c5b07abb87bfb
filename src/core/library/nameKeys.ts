// When two spellings name the same paper. Three keys exist, each for its own reader, and
// test/unit/nameKeys.test.ts pins how they differ:
//  - `aliasKey` (here): the library's lookups and the build's "one name, one paper" check. Folds
//    case, LaTeX superscripts and the separators people vary (space, hyphen, underscore) — "Giraffe"
//    = "GIRAFFE", "LongLoRA" = "Long-LoRA" — but keeps dots and "²", so "Qwen2.5" is not "Qwen25".
//  - `nameKey` (search/queryPlan.ts): what a typed query must equal to be an exact-name hit. Folds
//    diacritics and drops every non-letter-digit, so "E^2-LLM", "E²-LLM" and "e2 llm" all meet;
//    looser on purpose, since a query has no other way to say "this name".
//  - `normalizeName` (mentions/chars.ts): the code units a name is matched with in running text,
//    where separators are boundaries and must stay (one space for blank runs, one hyphen for dashes).
import { normalizeLatex } from '../text/latex';

/** Key under which two spellings count as the same name ("Giraffe" = "GIRAFFE" = "gi-raffe"). */
export function aliasKey(name: string): string {
  return normalizeLatex(name).toLowerCase().replace(/[\s\-_]+/g, '');
}
