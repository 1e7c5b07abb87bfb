// The papers' own words, read once when a detector is built: each paper's evidence keys (crude
// stems, words.ts) and raw words, how many papers use each key, and the technical tokens of the
// field. Keys are interned to small integers, so that a sentence's evidence is a list of integers
// and scoring is integer lookups; a word no paper uses gets no id at all.
//
// One pass over each paper's text, with what is known of a spelling kept per spelling (its key id,
// whether it is technical, the papers using it): a 20,000-paper library repeats a vocabulary of tens
// of thousands of spellings across millions of tokens, and a set of strings per paper was seconds of
// its detector's build, mostly garbage collection.
import { FIELD_TERMS } from '../library/lexicon';
import type { Paper } from '../library/model';
import { ASCII_WORD, isWordAt } from './chars';
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

/** What the papers' texts say about one spelling. */
interface Spelling {
  /** Its key's id, or STOP when it has no key. */
  id: number;
  /** The last paper that used it, and every paper that did, ascending. */
  last: number;
  papers: number[];
}

function grow(a: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const b = new Int32Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

export class PaperWords {
  /** Evidence keys the papers use → small integers (in the order papers first use them). */
  private readonly ids = new Map<string, number>();
  /** Technical tokens (exact case) that the papers use: "KV", "NIAH", "vLLM". */
  readonly fieldTokens: Set<string>;
  /** Per paper: the key ids of its titles and abstract, in order of first use. */
  readonly keys: Int32Array[] = [];
  /** Per paper, parallel to `keys`: 1 where the key is one of its titles' words. */
  readonly inTitle: Uint8Array[] = [];
  /** Per paper: its titles' consecutive key ids (stop words skipped), flat: first, second, first, … */
  readonly titlePairs: Int32Array[] = [];
  /** Per key id: how many papers use it. */
  private frequency: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private readonly spellings = new Map<string, Spelling>();

  constructor(papers: readonly Paper[]) {
    this.fieldTokens = new Set(FIELD_TERMS);
    // Per key id, the last paper that counted it: a paper's keys are distinct without a set.
    let stamp = new Int32Array(1024).fill(-1);
    const keys: number[] = [];
    const inTitle: number[] = [];
    const pairs: number[] = [];
    papers.forEach((p, index) => {
      const title = typeof p.title === 'string' ? p.title : '';
      const arxivTitle = p.arxivTitle ?? '';
      const text = [title, arxivTitle, p.abstract ?? ''].join('\n');
      // The titles end where their segments do: text[0, titleEnd) and text[titleEnd + 1, titlesEnd).
      const titleEnd = title.length;
      const titlesEnd = titleEnd + 1 + arxivTitle.length;
      keys.length = 0;
      inTitle.length = 0;
      pairs.length = 0;
      let prev = -1;
      let prevSegment = -1;
      const n = text.length;
      let i = 0;
      while (i < n) {
        let c = text.charCodeAt(i);
        if (c < 128 ? ASCII_WORD[c] === 0 : !isWordAt(text, i)) {
          i++;
          continue;
        }
        const start = i;
        while (i < n) {
          c = text.charCodeAt(i);
          if (c < 128 ? ASCII_WORD[c] === 0 : !isWordAt(text, i)) break;
          i++;
        }
        const raw = text.slice(start, i);
        let s = this.spellings.get(raw);
        if (!s) {
          const key = evidenceKey(raw);
          let id = STOP;
          if (key) {
            id = this.ids.get(key) ?? -1;
            if (id < 0) {
              id = this.ids.size;
              this.ids.set(key, id);
              this.frequency = grow(this.frequency, id + 1);
              if (id >= stamp.length) {
                const more = new Int32Array(Math.max(id + 1, stamp.length * 2)).fill(-1);
                more.set(stamp);
                stamp = more;
              }
            }
          }
          if (isTechnicalToken(raw)) this.fieldTokens.add(raw);
          s = { id, last: -1, papers: [] };
          this.spellings.set(raw, s);
        }
        if (s.last !== index) {
          s.last = index;
          s.papers.push(index);
        }
        const id = s.id;
        // A title's pairs of consecutive keyed words (stop words skipped; the two titles apart).
        if (id >= 0 && start < titlesEnd) {
          const segment = start < titleEnd ? 0 : 1;
          if (prev >= 0 && prevSegment === segment) pairs.push(prev, id);
          prev = id;
          prevSegment = segment;
        }
        if (id >= 0 && stamp[id] !== index) {
          stamp[id] = index;
          keys.push(id);
          inTitle.push(start < titlesEnd ? 1 : 0);
          this.frequency[id]++;
        }
      }
      this.keys.push(Int32Array.from(keys));
      this.inTitle.push(Uint8Array.from(inTitle));
      this.titlePairs.push(Int32Array.from(pairs));
    });
  }

  /** How many distinct keys the papers use (at least 1): ids are below it. */
  get keyCount(): number {
    return Math.max(1, this.ids.size);
  }

  /** How many papers use key id `id`. */
  documentFrequency(id: number): number {
    return this.frequency[id];
  }

  /** The id of an evidence key (UNKNOWN when no paper uses it, STOP for none). */
  idOf(key: string | undefined): number {
    if (!key) return STOP;
    return this.ids.get(key) ?? UNKNOWN;
  }

  /** The papers whose titles or abstract use `word` as a token (exact case), ascending. */
  papersUsing(word: string): readonly number[] {
    return this.spellings.get(word)?.papers ?? [];
  }
}
