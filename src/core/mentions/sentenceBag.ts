// A sentence read as evidence: the key ids of its words outside its mentions, and its pairs of
// consecutive words (for title phrases). Words are hashed while read and looked up in a table of
// the words met before, by hash, so the common case copies no string; a word met for the first time
// is learnt — its key id (or UNKNOWN, STOP) and whether it is a technical token of the field.
import { HASH_SEED } from './automaton';
import { ASCII_WORD, isWordAt } from './chars';
import { lookAroundWork } from './lookAroundWork';
import { FIELD_TOKEN, MAX_FIELD } from './evidenceWeights';
import { type PaperWords, STOP, UNKNOWN } from './wordIds';
import { EVIDENCE_STOP_WORDS } from '../text/stopWords';
import { evidenceKey, isSizeToken } from './words';

/**
 * Slots of the table of words met in texts (a power of two), started over when half full: 16,384
 * distinct spellings, more than a 1 MB note holds (the bench note has 6,101 in all).
 */
const WORD_TABLE_SIZE = 1 << 15;

/** The words of a sentence as evidence. */
export interface Bag {
  /** Distinct key ids of words some paper uses: `ids[idsFrom, idsTo)` of the bags' arena. */
  idsFrom: number;
  idsTo: number;
  /** Consecutive key ids (not across a mention or an unknown word), flat first, second, …: `pairs[pairsFrom, pairsTo)`. */
  pairsFrom: number;
  pairsTo: number;
  /** Field-token score. */
  field: number;
}

function grow(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

export class SentenceBags {
  /**
   * Words met in texts, as written: an open-addressing table by hash (`wordHashes`, 0 = free slot)
   * holding each word's check value, key id and whether it is a field token.
   */
  private readonly wordHashes = new Int32Array(WORD_TABLE_SIZE);
  private readonly wordCheck = new Int32Array(WORD_TABLE_SIZE);
  private readonly wordId = new Int32Array(WORD_TABLE_SIZE);
  private readonly wordField = new Uint8Array(WORD_TABLE_SIZE);
  /** Per slot, the last bag that counted the field token there. */
  private readonly fieldStamp = new Int32Array(WORD_TABLE_SIZE);
  private wordCount = 0;
  /** Where bags keep their ids and pairs: arenas appended to during a run, emptied by `startRun`. Read by scoring. */
  ids: Int32Array<ArrayBuffer> = new Int32Array(1024);
  pairs: Int32Array<ArrayBuffer> = new Int32Array(2048);
  private idTop = 0;
  private pairTop = 0;
  /** Per key id, the last bag that took it: distinctness without a set per sentence. */
  private readonly seen: Int32Array;
  private bagNumber = 0;

  constructor(private readonly words: PaperWords) {
    this.seen = new Int32Array(words.keyCount);
  }

  /** Empties the arenas: bags of an earlier run are not read again. */
  startRun(): void {
    this.idTop = 0;
    this.pairTop = 0;
  }

  /**
   * The evidence of the words of `text[from, to)` outside the spans `skipStart[k]..skipEnd[k]` for k
   * in `[skipFrom, skipTo]` (its mentions, sorted by start). Computed once per sentence and shared by
   * its mentions.
   */
  bag(text: string, from: number, to: number, skipStart: Int32Array, skipEnd: Int32Array, skipFrom: number, skipTo: number): Bag {
    const stamp = ++this.bagNumber;
    const seen = this.seen;
    const hashes = this.wordHashes;
    const mask = WORD_TABLE_SIZE - 1;
    let ids = this.ids;
    let pairs = this.pairs;
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
        if (idCount === ids.length) ids = this.ids = grow(ids);
        ids[idCount++] = id;
      }
      if (prev >= 0) {
        if (pairCount + 2 > pairs.length) pairs = this.pairs = grow(pairs);
        pairs[pairCount++] = prev;
        pairs[pairCount++] = id;
      }
      prev = id;
    }
    lookAroundWork.steps += to - from;
    this.idTop = idCount;
    this.pairTop = pairCount;
    return { idsFrom, idsTo: idCount, pairsFrom, pairsTo: pairCount, field: Math.min(MAX_FIELD, fieldCount * FIELD_TOKEN) };
  }

  /** Whether the bag holds key id `id`. */
  has(bag: Bag, id: number): boolean {
    for (let i = bag.idsFrom; i < bag.idsTo; i++) if (this.ids[i] === id) return true;
    return false;
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
    this.wordId[at] = this.words.idOf(evidenceKey(raw));
    this.wordField[at] = isSizeToken(raw) || (this.words.fieldTokens.has(raw) && !EVIDENCE_STOP_WORDS.has(raw.toLowerCase())) ? 1 : 0;
    this.fieldStamp[at] = 0;
    this.wordCount++;
    return at;
  }
}
