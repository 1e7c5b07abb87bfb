import { FIELD_TERMS, type Lexicon } from './aliases';

/** A lexicon over a list of ordinary (lower-case) English words plus the field's own terms. */
export function createLexicon(ordinaryWords: Iterable<string>, extraFieldTerms: Iterable<string> = []): Lexicon {
  const words = new Set<string>();
  for (const w of ordinaryWords) words.add(w.toLowerCase());
  const terms = new Set([...FIELD_TERMS, ...extraFieldTerms]);
  return {
    isOrdinaryWord: w => words.has(w.toLowerCase()),
    isFieldTerm: n => terms.has(n),
  };
}
