// The papers' own words, read once when a detector is built: each paper's evidence keys (crude
// stems, words.ts) and raw words, how many papers use each key, and the technical tokens of the
// field. Keys are interned to small integers, so that a sentence's evidence is a list of integers
// and scoring is integer lookups; a word no paper uses gets no id at all.
import { FIELD_TERMS } from '../library/lexicon';
import type { Paper } from '../library/model';
import { evidenceKey, isTechnicalToken, tokens } from './words';

/** Key id of a word no paper uses, and of a function word (which phrases skip over). */
export const UNKNOWN = -1;
export const STOP = -2;

/** The evidence keys of a text's words, in order. */
export function keysOf(text: string): string[] {
  const out: string[] = [];
  for (const t of tokens(text)) {
    const k = evidenceKey(t.text);
    if (k) out.push(k);
  }
  return out;
}

export class PaperWords {
  /** Evidence keys the papers use → small integers. */
  private readonly ids = new Map<string, number>();
  /** Technical tokens (exact case) that the papers use: "KV", "NIAH", "vLLM". */
  readonly fieldTokens: Set<string>;
  /** Per paper: the keys of its titles and abstract. */
  readonly keys: Set<string>[] = [];
  /** Per paper: the keys of its titles alone. */
  readonly titleKeys: Set<string>[] = [];
  /** Per paper: the raw words of its titles and abstract, to tell whether it names another paper. */
  readonly rawWords: Set<string>[] = [];
  /** Per key: how many papers use it. */
  readonly documentFrequency = new Map<string, number>();

  constructor(papers: readonly Paper[]) {
    this.fieldTokens = new Set(FIELD_TERMS);
    for (const p of papers) {
      const keys = new Set<string>();
      const raw = new Set<string>();
      for (const t of tokens([p.title, p.arxivTitle ?? '', p.abstract ?? ''].join('\n'))) {
        raw.add(t.text);
        if (isTechnicalToken(t.text)) this.fieldTokens.add(t.text);
        const k = evidenceKey(t.text);
        if (k) keys.add(k);
      }
      for (const k of keys) {
        this.documentFrequency.set(k, (this.documentFrequency.get(k) ?? 0) + 1);
        if (!this.ids.has(k)) this.ids.set(k, this.ids.size);
      }
      this.keys.push(keys);
      this.titleKeys.push(new Set(keysOf(`${p.title}\n${p.arxivTitle ?? ''}`)));
      this.rawWords.push(raw);
    }
  }

  /** How many distinct keys the papers use (at least 1): ids are below it. */
  get keyCount(): number {
    return Math.max(1, this.ids.size);
  }

  /** The id of an evidence key (UNKNOWN when no paper uses it, STOP for none). */
  idOf(key: string | undefined): number {
    if (!key) return STOP;
    return this.ids.get(key) ?? UNKNOWN;
  }
}
