// Context evidence for names that are also ordinary words or other things. A paper's evidence in a
// sentence is the IDF weight of the sentence's words that its title and abstract use (title words
// count double: notes describe a paper in its title's words), plus what the sentence's other
// mentions say: another name of the same paper is near proof; a paper that cites this one, or shares
// a topic with it, is the field talking. Another paper of the corpus may define the same acronym
// differently ("Absolute Position Embedding (APE)" against "Adaptive Parallel Encoding (APE)"): its
// evidence competes, and a sentence that speaks of that sense is not a mention.
//
// Words are compared by evidence key (a crude stem, words.ts), interned to small integers: a word
// no paper uses is dropped as soon as it is read, and scoring is integer lookups.
import { FIELD_TERMS } from '../library/lexicon';
import { acronymExpansion } from '../library/nameDerivation';
import type { Paper } from '../library/model';
import { HASH_SEED } from './automaton';
import { ASCII_WORD, isWordAt } from './chars';
import type { EvidenceNeed, NameForm } from './names';
import { evidenceKey, isSizeToken, isTechnicalToken, STOP_WORDS, tokens } from './words';
import { escapeRegExp } from '../text/regex';

/** Evidence a match needs, by how risky its name is (see names.ts). */
export const THRESHOLD: Record<EvidenceNeed, number> = { none: 0, low: 2.5, medium: 5, high: 7 };

/** Another name of the same paper in the sentence. */
export const SAME_PAPER = 10;
/** A model-size or version suffix on the name: "Yi-34B-200K", "IRanker-3B". */
export const SIZE_SUFFIX = 10;
/** A variant word suffix: "LWM-Chat", "Yi-VL" — a model name, though the word alone proves less than a size. */
export const WORD_SUFFIX = 5;
/** A version suffix alone ("Dolphin-2.9" is another family's model): a hint, not proof. */
export const VERSION_SUFFIX = 3;
/** A co-mentioned paper cites this one by this name, or is cited by it: "ATLAS beats Titans". */
export const CITATION = 5;
/**
 * A multi-word name written in Title Case after a lower-case word ("does Squeezed Attention
 * compose…", "the Retrieval Head paper"): English capitalises proper nouns, so mid-sentence capitals
 * are what a low-risk phrase name needs; at a sentence start or in a Title Case heading they prove
 * nothing and earn nothing.
 */
export const PROPER_NOUN = 2.5;
/**
 * The sentence cites the paper by its first author ("Behrouz et al.", "Behrouz, 2025"): "a paper by
 * X" next to the name. A surname many papers share (Wang, Li) says a little less.
 */
const AUTHOR_CITATION = 8;
const COMMON_AUTHOR_CITATION = 6;
const COMMON_SURNAME = 4;
/** A co-mentioned paper shares a topic. */
const RELATED = 1;
const MAX_RELATED = 2;
/** A technical token of the field (an acronym the corpus uses, a model size). */
const FIELD_TOKEN = 1;
const MAX_FIELD = 3;
/** One word can only say so much. */
const MAX_TERM = 4.5;
/** A word of a competing sense's own expansion ("absolute" for Absolute Position Embedding). */
const EXPANSION_WORD = 4;
/** Two consecutive words of the paper's title ("test-time compute"): a phrase is more specific than its words. */
const TITLE_PHRASE = 2;
const MAX_PHRASES = 6;
/** A word used by more than this share of the papers says nothing about any one of them. */
const MAX_DF_SHARE = 0.3;
/** Slots of the table of words met in texts (a power of two). */
const WORD_TABLE_SIZE = 1 << 15;

/** Key id of a word no paper uses, and of a function word (which phrases skip over). */
const UNKNOWN = -1;
const STOP = -2;

/** A competing meaning of a name: another paper defines the acronym with other words. */
interface ForeignSense {
  paper: number;
  expansion: number[];
}

/** What the detector knows about one co-mentioned name in a sentence. */
export interface CoMention {
  papers: readonly number[];
  /** Letters of the matched text ("DeepTransformers"), and in lower case. */
  letters: string;
  lower: string;
  /** Papers that name its name (`citersOf` its form). */
  citers: ReadonlySet<number>;
  /** Whether it counts on its own (a distinctive name), so it may vouch for other papers. */
  confident: boolean;
}

/** The words of a sentence as evidence. */
export interface Bag {
  /** Distinct key ids of words some paper uses: `idArena[idsFrom, idsTo)`. */
  idsFrom: number;
  idsTo: number;
  /** Consecutive key ids (not across a mention or an unknown word), flat first, second, …: `pairArena[pairsFrom, pairsTo)`. */
  pairsFrom: number;
  pairsTo: number;
  /** Field-token score. */
  field: number;
}

/** A paper's word weights by key id: a small open-addressing table, looked up thousands of times a run. */
class WeightTable {
  private readonly keys: Int32Array;
  private readonly values: Float64Array;
  private readonly mask: number;

  constructor(weights: ReadonlyMap<number, number>) {
    let size = 8;
    while (size < weights.size * 2) size *= 2;
    this.keys = new Int32Array(size).fill(-1);
    this.values = new Float64Array(size);
    this.mask = size - 1;
    for (const [id, w] of weights) {
      let at = Math.imul(id, 0x9e3779b1) & this.mask;
      while (this.keys[at] !== -1) at = (at + 1) & this.mask;
      this.keys[at] = id;
      this.values[at] = w;
    }
  }

  /** The weight of key id `id` (≥ 0), or 0. */
  get(id: number): number {
    for (let at = Math.imul(id, 0x9e3779b1) & this.mask; ; at = (at + 1) & this.mask) {
      const k = this.keys[at];
      if (k === id) return this.values[at];
      if (k === -1) return 0;
    }
  }
}

/** A first author's surname as notes cite it (capitalised, one or two words: "Behrouz", "Entezari Zarch"). */
function surnameOf(paper: Paper): string | undefined {
  const name = (paper.firstAuthor ?? '').trim();
  return /^\p{Lu}[\p{L}'’-]+(?: \p{Lu}[\p{L}'’-]+)?$/u.test(name) ? name : undefined;
}

function grow(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}


function keysOf(text: string): string[] {
  const out: string[] = [];
  for (const t of tokens(text)) {
    const k = evidenceKey(t.text);
    if (k) out.push(k);
  }
  return out;
}

export class PaperVocabulary {
  /** Evidence keys the papers use → small integers. */
  private readonly ids = new Map<string, number>();
  /** Per paper: key id → weight. */
  private readonly weights: WeightTable[];
  /** Per paper: consecutive title words, as first id × key count + second id. */
  private readonly titlePairs: Set<number>[] = [];
  /** Technical tokens (exact case) that the papers use: "KV", "NIAH", "vLLM". */
  private readonly fieldTokens: Set<string>;
  /** Per paper: the raw words of title and abstract, to tell whether it names another paper. */
  private readonly rawWords: Set<string>[] = [];
  private readonly texts: string[];
  /** Per paper: keys of the words its names are made of (title, aliases), for checking a gloss. */
  private readonly nameWords: Set<string>[];
  private readonly foreign = new Map<NameForm, ForeignSense[]>();
  /**
   * Words met in texts, as written: an open-addressing table by hash (`wordHashes`, 0 = free slot)
   * holding each word, its key id (or UNKNOWN, STOP) and whether it is a field token. Started over
   * when half full.
   */
  private readonly wordHashes = new Int32Array(WORD_TABLE_SIZE);
  private readonly wordCheck = new Int32Array(WORD_TABLE_SIZE);
  private readonly wordId = new Int32Array(WORD_TABLE_SIZE);
  private readonly wordField = new Uint8Array(WORD_TABLE_SIZE);
  /** Per slot, the last bag that counted the field token there. */
  private readonly fieldStamp = new Int32Array(WORD_TABLE_SIZE);
  private wordCount = 0;
  /** Where bags keep their ids and pairs: arenas appended to during a run, emptied by `startRun`. */
  private idArena: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private pairArena: Int32Array<ArrayBuffer> = new Int32Array(2048);
  private idTop = 0;
  private pairTop = 0;
  private readonly citers = new Map<string, Set<number>>();
  /** First author's surname → how many of the papers have it. */
  private readonly authorCount = new Map<string, number>();
  /** Whether papers p and q share a topic, at p × n + q (−1 unknown). */
  private topicPairs: Int8Array | undefined;
  /** Per key id, the last bag that took it: distinctness without a set per sentence. */
  private seen: Int32Array = new Int32Array(0);
  private bagNumber = 0;

  constructor(private readonly papers: readonly Paper[], forms: readonly NameForm[]) {
    this.texts = papers.map(p => [p.title, p.arxivTitle ?? '', p.abstract ?? ''].join('\n'));
    this.fieldTokens = new Set(FIELD_TERMS);
    const paperKeys: Set<string>[] = [];
    const titleKeys: Set<string>[] = [];
    const df = new Map<string, number>();
    papers.forEach((p, i) => {
      const keys = new Set<string>();
      const raw = new Set<string>();
      for (const t of tokens(this.texts[i])) {
        raw.add(t.text);
        if (isTechnicalToken(t.text)) this.fieldTokens.add(t.text);
        const k = evidenceKey(t.text);
        if (k) keys.add(k);
      }
      for (const k of keys) {
        df.set(k, (df.get(k) ?? 0) + 1);
        if (!this.ids.has(k)) this.ids.set(k, this.ids.size);
      }
      paperKeys.push(keys);
      titleKeys.push(new Set(keysOf(`${p.title}\n${p.arxivTitle ?? ''}`)));
      this.rawWords.push(raw);
    });
    const keyCount = Math.max(1, this.ids.size);
    papers.forEach(p => {
      const pairs = new Set<number>();
      for (const title of [p.title, p.arxivTitle ?? '']) {
        const ids = keysOf(title).map(k => this.ids.get(k) ?? UNKNOWN);
        for (let i = 1; i < ids.length; i++) if (ids[i - 1] >= 0 && ids[i] >= 0) pairs.add(ids[i - 1] * keyCount + ids[i]);
      }
      this.titlePairs.push(pairs);
    });
    const n = Math.max(1, papers.length);
    const maxDf = Math.max(1, Math.floor(n * MAX_DF_SHARE));
    this.weights = paperKeys.map((keys, i) => {
      const w = new Map<number, number>();
      for (const k of keys) {
        const d = df.get(k) ?? 1;
        if (n >= 8 && d > maxDf) continue;
        const idf = Math.log((n + 1) / d);
        w.set(this.ids.get(k) as number, Math.min(MAX_TERM, idf * (titleKeys[i].has(k) ? 2 : 1)));
      }
      return new WeightTable(w);
    });
    for (const p of papers) {
      const surname = surnameOf(p);
      if (surname) this.authorCount.set(surname, (this.authorCount.get(surname) ?? 0) + 1);
    }
    this.nameWords = papers.map(p => new Set([p.title, p.arxivTitle ?? '', ...(p.aliases ?? []).map(a => a.name)].flatMap(keysOf)));
    for (const form of forms) {
      if (form.need === 'none' || form.multiWord) continue;
      const senses = this.foreignSenses(form, forms);
      if (senses.length) this.foreign.set(form, senses);
    }
    this.seen = new Int32Array(keyCount);
  }

  /** Whether another paper defines `form`'s acronym differently. */
  hasForeignSense(form: NameForm): boolean {
    return this.foreign.has(form);
  }

  /** The id of an evidence key (UNKNOWN when no paper uses it, STOP for none). */
  idOf(key: string | undefined): number {
    if (!key) return STOP;
    return this.ids.get(key) ?? UNKNOWN;
  }

  /** Papers that define `form`'s acronym with an expansion its owners do not use. */
  private foreignSenses(form: NameForm, forms: readonly NameForm[]): ForeignSense[] {
    const owners = new Set(forms.filter(f => f.letters.toLowerCase() === form.letters.toLowerCase()).map(f => f.paper));
    const ownExpansions = new Set<string>();
    for (const o of owners) for (const e of this.definitions(o, form.name)) ownExpansions.add(e.toLowerCase());
    const out: ForeignSense[] = [];
    this.papers.forEach((_, q) => {
      if (owners.has(q)) return;
      for (const e of this.definitions(q, form.name)) {
        if (ownExpansions.has(e.toLowerCase())) continue;
        const expansion = [...new Set(keysOf(e).map(k => this.idOf(k)).filter(id => id >= 0))];
        if (expansion.length) out.push({ paper: q, expansion });
        return;
      }
    });
    return out;
  }

  /** Long forms a paper gives for an acronym: "Long Form (ACR)" or "ACR (Long Form)". */
  private definitions(paper: number, acronym: string): string[] {
    const text = this.papers[paper].abstract ?? '';
    if (!text.includes(acronym)) return [];
    const out: string[] = [];
    const a = escapeRegExp(acronym);
    for (const m of text.matchAll(new RegExp(`\\(${a}\\)`, 'g'))) {
      const e = acronymExpansion(text.slice(Math.max(0, (m.index ?? 0) - 120), m.index), acronym);
      if (e) out.push(e);
    }
    for (const m of text.matchAll(new RegExp(`(?<![\\w-])${a}\\s*\\(([^()]{3,80})\\)`, 'g'))) {
      const e = acronymExpansion(m[1], acronym);
      if (e && e.split(/\s+/)[0] === m[1].trim().split(/\s+/)[0]) out.push(e);
    }
    return out;
  }

  /**
   * Whether a gloss the text gives a name ("MoA (mixture-of-agents)") fits paper `p`: every content
   * word of it is a word of the paper's title or names, or of a definition its abstract gives.
   */
  glossFits(p: number, gloss: string, acronym: string): boolean {
    const words = this.nameWords[p];
    const defined = new Set(this.definitions(p, acronym).flatMap(keysOf));
    return keysOf(gloss).every(k => words.has(k) || defined.has(k));
  }

  /**
   * The papers whose title or abstract use a one-word name ("Titans", "DeepTransformers") as a word:
   * they cite or discuss its paper. Computed once per name; longer names are not looked for.
   */
  citersOf(name: string): ReadonlySet<number> {
    let citers = this.citers.get(name);
    if (!citers) {
      citers = new Set();
      this.rawWords.forEach((words, p) => {
        if (words.has(name)) citers?.add(p);
      });
      this.citers.set(name, citers);
    }
    return citers;
  }

  /**
   * The evidence of a sentence's words outside the spans `skipStart[k]..skipEnd[k]` for k in
   * `[skipFrom, skipTo]` (its mentions, sorted by start). Computed once
   * per sentence and shared by its mentions. Words are hashed while read; a word met before is found
   * by its hash and checked letter by letter, so the common case copies no string.
   */
  bag(text: string, from: number, to: number, skipStart: Int32Array, skipEnd: Int32Array, skipFrom: number, skipTo: number): Bag {
    const stamp = ++this.bagNumber;
    const seen = this.seen;
    const hashes = this.wordHashes;
    const mask = WORD_TABLE_SIZE - 1;
    let ids = this.idArena;
    let pairs = this.pairArena;
    const idsFrom = this.idTop;
    const pairsFrom = this.pairTop;
    let idCount = idsFrom;
    let pairCount = pairsFrom;
    let fieldCount = 0;
    let prev = UNKNOWN;
    let s = skipFrom;
    const isWord = ASCII_WORD; // a local: compiled to CommonJS, an import is a load per use
    let i = from;
    while (i < to) {
      let c = text.charCodeAt(i);
      if (c < 128 ? isWord[c] === 0 : !isWordAt(text, i)) {
        i++;
        continue;
      }
      const start = i;
      // The hash finds the slot; the length with the first and last code units confirms the word
      // without reading a stored copy (a word sharing all four with another is not to be met).
      let h = HASH_SEED;
      while (i < to) {
        c = text.charCodeAt(i);
        if (c < 128 ? isWord[c] === 0 : !isWordAt(text, i)) break;
        h = Math.imul(h ^ c, 0x01000193) & 0x3fffffff; // hashStep, inline
        i++;
      }
      const check = ((i - start) & 0xfff) * 0x40000 + (text.charCodeAt(start) & 0x1ff) * 0x200 + (text.charCodeAt(i - 1) & 0x1ff);
      while (s <= skipTo && skipEnd[s] <= start) s++;
      if (s <= skipTo && skipStart[s] < i) {
        prev = UNKNOWN; // no phrase across a mention
        continue;
      }
      // The word's slot in the table of words met before; a new word is learnt there.
      if (h === 0) h = 1;
      let at = h & mask;
      for (;;) {
        const stored = hashes[at];
        if (stored === 0) {
          at = this.learn(text, start, i, h, check, at);
          break;
        }
        if (stored === h && this.wordCheck[at] === check) break;
        at = (at + 1) & mask;
      }
      if (this.wordField[at] === 1 && this.fieldStamp[at] !== stamp) {
        this.fieldStamp[at] = stamp;
        fieldCount++;
      }
      const id = this.wordId[at];
      if (id === STOP) continue;
      if (id === UNKNOWN) {
        prev = UNKNOWN;
        continue;
      }
      if (seen[id] !== stamp) {
        seen[id] = stamp;
        if (idCount === ids.length) ids = this.idArena = grow(ids);
        ids[idCount++] = id;
      }
      if (prev >= 0) {
        if (pairCount + 2 > pairs.length) pairs = this.pairArena = grow(pairs);
        pairs[pairCount++] = prev;
        pairs[pairCount++] = id;
      }
      prev = id;
    }
    this.idTop = idCount;
    this.pairTop = pairCount;
    return { idsFrom, idsTo: idCount, pairsFrom, pairsTo: pairCount, field: Math.min(MAX_FIELD, fieldCount * FIELD_TOKEN) };
  }

  /** Empties the bag arenas: bags of an earlier run are not read again. */
  startRun(): void {
    this.idTop = 0;
    this.pairTop = 0;
  }

  /** Puts a word met for the first time into the table at free slot `at`; returns its slot. */
  private learn(text: string, start: number, end: number, h: number, check: number, at: number): number {
    if (this.wordCount >= WORD_TABLE_SIZE / 2) {
      // Half full: start over rather than let probe chains grow.
      this.wordHashes.fill(0);
      this.wordCount = 0;
      at = h & (WORD_TABLE_SIZE - 1);
    }
    const raw = text.slice(start, end);
    this.wordHashes[at] = h;
    this.wordCheck[at] = check;
    this.wordId[at] = this.idOf(evidenceKey(raw));
    this.wordField[at] = isSizeToken(raw) || (this.fieldTokens.has(raw) && !STOP_WORDS.has(raw.toLowerCase())) ? 1 : 0;
    this.fieldStamp[at] = 0;
    this.wordCount++;
    return at;
  }

  private bagHas(bag: Bag, id: number): boolean {
    for (let i = bag.idsFrom; i < bag.idsTo; i++) if (this.idArena[i] === id) return true;
    return false;
  }

  /** Word and title-phrase evidence for paper `p`, leaving out the key ids in `ignore`. */
  wordScore(p: number, bag: Bag, ignore: readonly number[] = []): number {
    const w = this.weights[p];
    const ids = this.idArena;
    const pairs = this.pairArena;
    let s = 0;
    for (let i = bag.idsFrom; i < bag.idsTo; i++) if (!ignore.includes(ids[i])) s += w.get(ids[i]);
    const titlePairs = this.titlePairs[p];
    const keyCount = this.seen.length;
    let phrases = 0;
    for (let i = bag.pairsFrom; i + 1 < bag.pairsTo; i += 2) {
      const a = pairs[i];
      const b = pairs[i + 1];
      if (titlePairs.has(a * keyCount + b) && !ignore.includes(a) && !ignore.includes(b)) phrases += TITLE_PHRASE;
    }
    return s + Math.min(MAX_PHRASES, phrases);
  }

  /**
   * Evidence that a sentence (`sentence`, its text) cites paper `p` outright: its arXiv id (a link
   * to it), or its first author in a citation ("Behrouz et al.", "Behrouz, 2025", "Behrouz (2025)").
   */
  citationScore(p: number, sentence: string): number {
    const paper = this.papers[p];
    if (paper.arxiv && sentence.includes(paper.arxiv)) return SAME_PAPER;
    const surname = surnameOf(paper);
    if (!surname || !sentence.includes(surname)) return 0;
    const cited = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(surname)}(?:\\s+et\\s+al\\b|,?\\s+\\(?(?:19|20)\\d\\d\\b)`, 'u');
    if (!cited.test(sentence)) return 0;
    return (this.authorCount.get(surname) ?? 1) >= COMMON_SURNAME ? COMMON_AUTHOR_CITATION : AUTHOR_CITATION;
  }

  /** Evidence from the sentence's other mentions for paper `p`, matched as `form`. */
  coMentionScore(p: number, citers: ReadonlySet<number>, formLower: string, coMentions: readonly CoMention[]): number {
    let s = 0;
    let related = 0;
    for (const cm of coMentions) {
      if (cm.papers.includes(p)) {
        if (cm.lower !== formLower) s += SAME_PAPER;
        continue;
      }
      if (!cm.confident) continue;
      const q = cm.papers[0];
      if (citers.has(q) || cm.citers.has(p)) s += CITATION;
      else if (related < MAX_RELATED && this.shareTopic(p, q)) {
        s += RELATED;
        related++;
      }
    }
    return s;
  }

  /**
   * Whether papers `p` (named `citers` by others) and `q` (named `qCiters` by others) cite one
   * another: one's abstract uses the other's name.
   */
  cites(p: number, citers: ReadonlySet<number>, q: number, qCiters: ReadonlySet<number>): boolean {
    return citers.has(q) || qCiters.has(p);
  }

  /** Whether two papers share a topic (cached: the matrix fills as pairs are asked about). */
  private shareTopic(p: number, q: number): boolean {
    const n = this.papers.length;
    this.topicPairs ??= new Int8Array(n * n).fill(-1);
    let v = this.topicPairs[p * n + q];
    if (v < 0) {
      const a = this.papers[p].topics ?? [];
      v = (this.papers[q].topics ?? []).some(t => a.includes(t)) ? 1 : 0;
      this.topicPairs[p * n + q] = v;
    }
    return v === 1;
  }

  /**
   * The strongest competing sense of `form` in the sentence: its defining paper's words, its
   * expansion's words, and that paper's co-mention.
   */
  foreignScore(form: NameForm, bag: Bag, coMentions: readonly CoMention[], ignore: readonly number[] = []): number {
    const senses = this.foreign.get(form);
    if (!senses) return 0;
    let best = 0;
    for (const sense of senses) {
      let s = this.wordScore(sense.paper, bag, ignore);
      for (const id of sense.expansion) if (this.bagHas(bag, id)) s += EXPANSION_WORD;
      if (coMentions.some(cm => cm.papers.includes(sense.paper))) s += SAME_PAPER;
      best = Math.max(best, s);
    }
    return best;
  }
}
