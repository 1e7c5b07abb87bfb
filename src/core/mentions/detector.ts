// Finds every mention of a paper in a text in one pass: a trie over the normalised names is walked
// from each word start; word boundaries, compounds, case rules and variant suffixes decide which
// matches are names; names that are also ordinary words or other things must then find evidence in
// their sentence (paperEvidence.ts). Offsets are UTF-16 code units, as editors count them.
//
// Detecting and tracing are one computation: `trace` runs `detect`'s and records, for every match,
// the evidence it weighed and the verdict it reached.
import type { Paper } from '../library/model';
import { continuationKey, createHits, HASH_SEED, hashStep, NameTrie, type TrieHits } from './automaton';
import { ASCII_UNIT, ASCII_WORD, ASCII_WORD_LOWER, isBlank, isJoiner, isWordAt, lettersOf, lowerUnit, wordChars } from './chars';
import { type BreakCandidates, contextWindow } from './context';
import { AcronymSenses } from './acronymSenses';
import { ATTACHED_ELSEWHERE, CITATION, CLEAR_WIN_FACTOR, DENIED, OWN_SPELLING, PROPER_NOUN, SAME_PAPER, SIZE_SUFFIX, THRESHOLD, VERSION_SUFFIX, WORD_SUFFIX } from './evidenceWeights';
import { localGloss } from './gloss';
import { lookAroundWork } from './lookAroundWork';
import { firstAtOrAfter } from './sortedSearch';
import {
  blankRunEnd,
  type Candidate,
  caseMatches,
  endBoundary,
  type FormMatch,
  type GroupInfo,
  MatchList,
  matchOf,
  MAX_SPELLINGS,
  spelledAsForm,
  SUFFIX_FOLLOW_UP,
  SUFFIX_SIZE,
  SUFFIX_VERSION,
  SUFFIX_WORD,
  unitAt,
} from './matches';
import { type EvidenceNeed, type NameForm, nameForms } from './names';
import { type CoMention, PaperEvidence } from './paperEvidence';
import { type Bag, SentenceBags } from './sentenceBag';
import { type Attachment, describeAttachment, mayHeadSomething, type Neighbours, NoteStructure } from './structure';
import { PaperWords } from './wordIds';
import { evidenceKey } from './words';

export interface Mention {
  /** UTF-16 offset of the first code unit. */
  start: number;
  /** UTF-16 offset after the last code unit. */
  end: number;
  /** `text.slice(start, end)`. */
  text: string;
  /** Paper ids, best first. */
  papers: string[];
  /** Several papers remain candidates. */
  ambiguous: boolean;
}

/** One candidate's evidence in a trace: its score and what it is made of. */
export interface CandidateEvidence {
  paper: string;
  /** The sum of the parts below: what candidates are ordered by and the threshold is met with. */
  score: number;
  /** The sentence's words and title phrases that the paper uses. */
  words: number;
  /** The sentence's other mentions: another name of it, a paper citing it or sharing a topic. */
  coMentions: number;
  /** A link to it or a citation of its first author in the sentence. */
  citation: number;
  /** A paper citing it, or cited by it, mentioned elsewhere on the line. */
  line: number;
  /** What every candidate of the match gets alike: a suffix, Title Case, a gloss that fits, a denial (−). */
  shared: number;
  /** What the note's structure attaches to the name: its own link or title (+), another paper's (−) (structure.ts). */
  structure: number;
}

/**
 * Why a match was kept or dropped: for the evaluation report, tests and tuning. `trace` gives one
 * for every match and every shorter alternative tried; the accepted ones are exactly `detect`'s
 * mentions.
 */
export interface MentionTrace {
  start: number;
  end: number;
  text: string;
  need: EvidenceNeed;
  /** The candidates weighed, best first; empty when nothing was weighed. */
  scores: CandidateEvidence[];
  /** The sentence's technical tokens: counted toward the threshold, alike for every candidate. */
  field: number;
  /** The strongest competing sense of the name's acronym in the sentence. */
  foreign: number;
  accepted: boolean;
  /** What `detect` reports for this span, best first (narrowed when one sense clearly wins); empty when rejected. */
  papers: string[];
  /** How the verdict came about. */
  reason: string;
}

/** What phase two learns about a match, kept only for matches that needed evidence. */
interface MatchNotes {
  sentence: Sentence | undefined;
  /** What it says as a co-mention of another match. */
  asCoMention: CoMention | undefined;
}

interface Sentence {
  start: number;
  end: number;
  /** A heading's section rather than a sentence. */
  heading: boolean;
  /** Indices of the first and last candidates inside it. */
  first: number;
  last: number;
  /** Evidence of its words outside all candidates, once needed. */
  bag: Bag | undefined;
  /** Its text, once needed. */
  text: string | undefined;
}

/** Where the character loop found words that may begin a name: reused from run to run. */
class FirstWords {
  count = 0;
  starts = new Int32Array(1024);
  /** Where a sentence may end (". ! ? \n"), for the context windows. */
  breaks: BreakCandidates = { positions: new Int32Array(1024), count: 0 };
  /** Where lines end ("\n"), ascending, `newlineCount` of them: a mention's line by binary search. */
  newlines: Int32Array = new Int32Array(1024);
  newlineCount = 0;

  grow(): void {
    const more = new Int32Array(this.starts.length * 2);
    more.set(this.starts);
    this.starts = more;
  }

  growBreaks(): Int32Array {
    const more = new Int32Array(this.breaks.positions.length * 2);
    more.set(this.breaks.positions);
    this.breaks.positions = more;
    return more;
  }

  growNewlines(): Int32Array {
    const more = new Int32Array(this.newlines.length * 2);
    more.set(this.newlines);
    this.newlines = more;
    return more;
  }

  /** Where the last newline search landed. */
  private newlineHint = 0;

  /** Index of the first newline at or after `at`. */
  newlineAtOrAfter(at: number): number {
    return (this.newlineHint = firstAtOrAfter(this.newlines, this.newlineCount, at, this.newlineHint));
  }

  /** Start of the line holding `at`. */
  lineStart(at: number): number {
    const k = this.newlineAtOrAfter(at) - 1;
    return k < 0 ? 0 : this.newlines[k] + 1;
  }

  /** End of the line holding `at` (its newline, or the text's end `n`). */
  lineEnd(at: number, n: number): number {
    const k = this.newlineAtOrAfter(at);
    return k < this.newlineCount ? this.newlines[k] : n;
  }
}

/**
 * Which matches vouch for others in a round (round one: names that need no evidence; round two:
 * also those round one accepted), and of them, in text order, the confident ones — one paper — that
 * a mention's line may offer as a citing paper.
 */
class Trust {
  private confident: Int32Array | undefined;
  private confidentCount = 0;
  private hint = 0;

  constructor(
    readonly flags: Uint8Array,
    private readonly list: MatchList,
  ) {}

  /** Index into the confident list of the first confident match at or after match `k`. */
  private firstConfident(k: number): number {
    if (!this.confident) {
      const confident = new Int32Array(this.list.count);
      let count = 0;
      for (let i = 0; i < this.list.count; i++) if (this.flags[i] && this.list.match[i].papers.length === 1) confident[count++] = i;
      this.confident = confident;
      this.confidentCount = count;
    }
    return (this.hint = firstAtOrAfter(this.confident, this.confidentCount, k, this.hint));
  }

  /** The confident matches with index in [from, to], in order, appended to `out`. */
  confidentIn(from: number, to: number, out: number[]): void {
    if (from > to) return;
    let at = this.firstConfident(from);
    const confident = this.confident as Int32Array;
    const before = out.length;
    for (; at < this.confidentCount && confident[at] <= to; at++) out.push(confident[at]);
    lookAroundWork.steps += out.length - before;
  }
}

/**
 * A sentence this long may have been cut at the reach limit (MAX_SENTENCE_REACH in context.ts): its
 * mentions look for their own. Only sharing work depends on it: dev notes and unit tests are the same
 * for any value from 0 to 100,000.
 */
const MAX_SHARED_SENTENCE = 600;
/**
 * How far along its line, beyond its sentence, a mention looks for a paper that cites it: about a
 * paragraph written as one line (150–200 words). Bounded so that a one-line note of a megabyte is
 * not read from every mention on it: unbounded, the linear-work tests fail. No dev note relies on a
 * citing paper in another sentence (any reach holds, 0 included); the unit tests fail at 60 and
 * pass at 100 (a sentence between the two names).
 */
const LINE_REACH = 1000;

export class MentionDetector {
  private readonly papers: readonly Paper[];
  private readonly trie = new NameTrie<NameForm>();
  private readonly words: PaperWords;
  private readonly bags: SentenceBags;
  private readonly senses: AcronymSenses;
  private readonly evidence: PaperEvidence;
  private readonly hits: TrieHits = createHits();
  private readonly matches = new MatchList();
  private readonly firstWordBuffer = new FirstWords();
  /** Per match, what phase two learnt when it needed evidence (a fresh array every run). */
  private notes: (MatchNotes | undefined)[] = [];
  /** Matches that got notes, in the order they did. */
  private noted: number[] = [];
  private readonly groups: GroupInfo[] = [];
  /** Scratch list of a candidate's co-mentions. */
  private readonly coMentions: CoMention[] = [];
  /** Key id of each form's word (−1 for several words or none). */
  private readonly formKeyIds = new Map<NameForm, number>();
  /** The sentence last looked at in this `run`. */
  private lastSentence: Sentence | undefined;
  /** Scratch list of the confident matches on a mention's line. */
  private readonly lineMatches: number[] = [];
  /** Scratch: a candidate's papers by evidence, best first, and their scores. */
  private readonly order: number[] = [];
  private readonly scores: number[] = [];
  /** Per candidate paper of the match being resolved: its evidence before structure and shared evidence. */
  private readonly bases: number[] = [];
  /** While tracing: per match, what its last resolution weighed (one entry per alternative tried). */
  private traces: MentionTrace[][] | undefined;
  /** Structural evidence (structure.ts), made on first use: the constructor stays as it is. */
  private structureReader: NoteStructure | undefined;
  private neighbours: Neighbours | undefined;
  /** The text of the current run, for the neighbours' line ends. */
  private runText = '';

  /** Per paper, the letters of its own short name as it spells it ("" without one): OWN_SPELLING. */
  private readonly ownLetters: string[];

  constructor(papers: readonly Paper[]) {
    this.papers = Array.isArray(papers) ? papers.filter(p => p && typeof p.id === 'string') : [];
    this.ownLetters = this.papers.map(p => (typeof p.shortName === 'string' ? wordChars(p.shortName) : ''));
    const forms = nameForms(this.papers);
    for (const f of forms) this.trie.add(f.name, f);
    this.words = new PaperWords(this.papers);
    this.bags = new SentenceBags(this.words);
    this.senses = new AcronymSenses(this.papers, forms, this.words);
    this.evidence = new PaperEvidence(this.papers, this.words, this.bags, this.senses);
  }

  /** Number of trie nodes: a measure of the automaton's size. */
  get automatonSize(): number {
    return this.trie.size;
  }

  detect(text: string): Mention[] {
    return this.run(text).mentions;
  }

  /** `detect`, with what every match weighed and why it was kept or dropped. */
  trace(text: string): MentionTrace[] {
    return this.run(text, true).traces;
  }

  /** The mention covering `offset` (start ≤ offset < end), by binary search over sorted mentions. */
  mentionAt(mentions: readonly Mention[], offset: number): Mention | undefined {
    return mentionAt(mentions, offset);
  }

  private run(text: string, withTrace = false): { mentions: Mention[]; traces: MentionTrace[] } {
    const traces: MentionTrace[] = [];
    if (typeof text !== 'string' || !text) return { mentions: [], traces };
    const list = this.matches;
    list.reset();
    this.bags.startRun();
    this.lastSentence = undefined;
    this.runText = text;
    this.structure.startRun(text);
    try {
      this.scan(text);
      const n = list.count;
      this.notes = new Array(n);
      this.noted = [];
      this.traces = withTrace ? new Array(n) : undefined;
      // What each match resolved to: its papers (undefined: not a mention), and the end of the
      // alternative kept when the longest match lacked evidence.
      const papersOf: (readonly number[] | undefined)[] = new Array(n);
      const endOf = new Int32Array(n);
      // Round one trusts only names that need no evidence; round two also trusts what round one
      // accepted, so "ATLAS" (accepted on its words) can vouch for "Titans" in the same sentence.
      const trusted = new Uint8Array(n);
      // A follow-up's name ("Foo-2") vouches for nothing: it is another work.
      for (let i = 0; i < n; i++) trusted[i] = (list.need[i] === 0 && list.suffix[i] !== SUFFIX_FOLLOW_UP) || list.suffix[i] === SUFFIX_SIZE ? 1 : 0;
      const roundOne = new Trust(trusted, list);
      let gained = false;
      for (let i = 0; i < n; i++) {
        this.resolveWithFallbacks(text, i, roundOne, papersOf, endOf);
        if (papersOf[i] && !trusted[i]) gained = true;
      }
      if (gained) {
        const accepted = new Uint8Array(n);
        for (let i = 0; i < n; i++) accepted[i] = papersOf[i] ? 1 : 0;
        const roundTwo = new Trust(accepted, list);
        // How many matches round one accepted on evidence, before each index: whether a line
        // gained one is a subtraction, however many matches the line holds.
        const gainedBefore = new Int32Array(n + 1);
        for (let i = 0; i < n; i++) gainedBefore[i + 1] = gainedBefore[i] + (accepted[i] && !trusted[i] ? 1 : 0);
        for (const i of this.noted.slice()) {
          const sentence = this.notes[i]?.sentence;
          if (papersOf[i] || !sentence) continue;
          // Only a sentence (or line) that gained a trusted co-mention can change its verdict. (Match
          // `i` itself was not accepted, so it is not counted.)
          const { from, to } = this.lineRange(text, i, sentence);
          if (gainedBefore[to + 1] - gainedBefore[from] > 0) this.resolveWithFallbacks(text, i, roundTwo, papersOf, endOf);
        }
      }
      if (this.traces) for (const t of this.traces) if (t) traces.push(...t);
      const mentions: Mention[] = [];
      for (let i = 0; i < n; i++) {
        const papers = papersOf[i];
        if (!papers) continue;
        const start = list.start[i];
        const end = endOf[i];
        const ids: string[] = new Array(papers.length);
        for (let k = 0; k < papers.length; k++) ids[k] = this.papers[papers[k]].id;
        mentions.push({ start, end, text: text.slice(start, end), papers: ids, ambiguous: papers.length > 1 });
      }
      return { mentions, traces };
    } finally {
      // Drop what the run referenced: matches hold forms, notes hold sentences.
      list.reset();
      this.notes = [];
      this.noted = [];
      this.traces = undefined;
      this.lastSentence = undefined;
      this.runText = '';
      this.structure.startRun('');
    }
  }

  /** What phase two notes about match `i`. */
  private notesOf(i: number): MatchNotes {
    let notes = this.notes[i];
    if (!notes) {
      notes = { sentence: undefined, asCoMention: undefined };
      this.notes[i] = notes;
      this.noted.push(i);
    }
    return notes;
  }

  /**
   * The sentence (or heading section) around match `index` (as candidate `c`), with the matches
   * inside it — shared by the matches in it.
   */
  private sentenceOf(text: string, c: Candidate, index: number): Sentence {
    const notes = this.notesOf(index);
    if (notes.sentence) return notes.sentence;
    // A mention inside the previous mention's sentence shares it (not so under a heading, whose
    // window is a whole section).
    const last = this.lastSentence;
    if (last && !last.heading && last.start <= c.start && c.end <= last.end && last.end - last.start < MAX_SHARED_SENTENCE) return (notes.sentence = last);
    const window = contextWindow(text, c.start, c.end, this.firstWordBuffer.breaks);
    if (last && last.start === window.start && last.end === window.end) return (notes.sentence = last);
    const list = this.matches;
    let first = index;
    while (first > 0 && list.end[first - 1] > window.start) first--;
    let lastIndex = index;
    while (lastIndex + 1 < list.count && list.start[lastIndex + 1] < window.end) lastIndex++;
    lookAroundWork.steps += lastIndex - first;
    const sentence: Sentence = { start: window.start, end: window.end, heading: window.heading, first, last: lastIndex, bag: undefined, text: undefined };
    this.lastSentence = sentence;
    return (notes.sentence = sentence);
  }

  /**
   * Evidence from the same line beyond the sentence: a confident mention of a paper that cites
   * candidate `p` or is cited by it ("Titans: neural memory … . ATLAS is the follow-up."), among
   * `around` (confidentOnLine). Only citation counts here — a shared topic is too weak to cross a
   * sentence — and never across a line, so a neighbouring list item ("the M1 Mac mini") lends
   * nothing. Per candidate: a paper citing one Giraffe says nothing for the other.
   */
  private lineCitationScore(p: number, papers: readonly number[], citers: ReadonlySet<number>, around: readonly number[]): number {
    const list = this.matches;
    for (const k of around) {
      const q = list.match[k].papers[0];
      if (!papers.includes(q) && this.evidence.cites(p, citers, q, this.evidence.citersOf(list.match[k].forms[0].letters))) return CITATION;
    }
    return 0;
  }

  /** The confident matches on match `index`'s line outside its sentence, within LINE_REACH. */
  private confidentOnLine(text: string, index: number, sentence: Sentence, trust: Trust): readonly number[] {
    const range = this.lineRange(text, index, sentence);
    const around = this.lineMatches;
    around.length = 0;
    trust.confidentIn(range.from, sentence.first - 1, around);
    trust.confidentIn(sentence.last + 1, range.to, around);
    return around;
  }

  /**
   * The matches on match `index`'s line within LINE_REACH of it, its sentence's always included: by
   * binary search over the newlines and the matches, so a long line is not read.
   */
  private lineRange(text: string, index: number, sentence: Sentence): { from: number; to: number } {
    const list = this.matches;
    const lines = this.firstWordBuffer;
    const start = list.start[index];
    const end = list.end[index];
    const lo = Math.max(lines.lineStart(start), start - LINE_REACH);
    const hi = Math.min(lines.lineEnd(end, text.length), end + LINE_REACH);
    // Starts and ends both ascend (matches do not overlap): the first match starting at or after
    // `lo`, the last ending at or before `hi`, searched from the sentence's own.
    const from = Math.min(sentence.first, firstAtOrAfter(list.start, list.count, lo, sentence.first));
    const to = Math.max(sentence.last, firstAtOrAfter(list.end, list.count, hi + 1, sentence.last) - 1);
    return { from, to };
  }

  /** The evidence of a sentence's words outside its mentions, computed when first needed. */
  private bagOf(text: string, sentence: Sentence): Bag {
    const list = this.matches;
    return (sentence.bag ??= this.bags.bag(text, sentence.start, sentence.end, list.start, list.end, sentence.first, sentence.last));
  }

  /**
   * Resolves match `i`, or else its shorter alternatives, into `papersOf[i]` and `endOf[i]`; while
   * tracing, what they weighed replaces what an earlier round recorded for the match.
   */
  private resolveWithFallbacks(text: string, i: number, trust: Trust, papersOf: (readonly number[] | undefined)[], endOf: Int32Array): void {
    const list = this.matches;
    // The common case, without an object: no evidence needed, one paper, nothing in its structure
    // against it.
    if (list.need[i] === 0 && list.match[i].papers.length === 1 && !list.fallbacks.has(i) && list.suffix[i] !== SUFFIX_FOLLOW_UP && !this.plainVeto(list.start[i], list.end[i], list.match[i])) {
      papersOf[i] = list.match[i].papers;
      endOf[i] = list.end[i];
      if (this.traces) this.traces[i] = [this.traceOf(text, list.candidate(i), list.match[i].papers, 'needs no evidence')];
      return;
    }
    const attempts: MentionTrace[] | undefined = this.traces ? [] : undefined;
    const c = list.candidate(i);
    let papers = this.resolve(text, c, i, trust, attempts);
    let end = c.end;
    const fallbacks = papers ? undefined : list.fallbacks.get(i);
    for (let f = 0; fallbacks && !papers && f < fallbacks.length; f++) {
      papers = this.resolve(text, fallbacks[f], i, trust, attempts);
      end = fallbacks[f].end;
    }
    papersOf[i] = papers;
    endOf[i] = end;
    if (this.traces && attempts) this.traces[i] = attempts;
  }

  /**
   * Phase one: every name match with valid boundaries and case, leftmost-longest. One loop reads
   * each word once, hashing it as it goes; only words that begin some name and go on as one does
   * start a trie walk.
   */
  private scan(text: string): void {
    const hits = this.hits;
    const words = findFirstWords(text, this.trie.filters(), this.firstWordBuffer);
    const found = words.count;
    const starts = words.starts;
    let resumeAt = 0;
    for (let w = 0; w < found; w++) {
      const start = starts[w];
      if (start < resumeAt) continue; // inside the previous match
      // Not the second half of a hyphen compound ("LEval" in "Ada-LEval"). (A word start here is
      // never inside a word: words are read whole.)
      if (start > 0 && isJoiner(text.charCodeAt(start - 1)) && isWordAt(text, start - 2)) continue;
      this.trie.walk(text, start, hits);
      if (!hits.count) continue;
      const end = this.matchAt(text, start, hits);
      if (end > resumeAt) resumeAt = end;
    }
  }


  /**
   * Records the longest valid match among a walk's hits (and the shorter ones as its alternatives);
   * returns the end of the match kept, or −1.
   */
  private matchAt(text: string, start: number, hits: TrieHits): number {
    const list = this.matches;
    let kept = -1;
    let keptEnd = -1;
    for (let h = hits.count - 1; h >= 0; h--) {
      const nameEnd = hits.ends[h];
      const boundary = endBoundary(text, nameEnd);
      if (!boundary) continue;
      const group = this.groupInfo(hits.groups[h]);
      // Most groups match in any case; for the others the spelling decides which forms match.
      const match = group.anyCase ?? this.matchSpelling(group, lettersOf(text, start, nameEnd));
      if (!match) continue;
      const end = boundary.extendedTo < 0 ? nameEnd : boundary.extendedTo;
      const need = match.inexactNeed !== match.need && !spelledAsForm(match.forms, lettersOf(text, start, nameEnd)) ? match.inexactNeed : match.need;
      if (kept < 0) {
        kept = list.push(start, nameEnd, end, match, need, boundary.suffix);
        keptEnd = end;
      } else {
        const alternatives = list.fallbacks.get(kept) ?? [];
        alternatives.push({ start, nameEnd, end, match, need, suffix: boundary.suffix });
        list.fallbacks.set(kept, alternatives);
      }
    }
    return keptEnd;
  }

  /** A trie group's forms, computed once; case-independent groups get their match up front. */
  private groupInfo(index: number): GroupInfo {
    let info = this.groups[index];
    if (!info) {
      const forms = [...this.trie.group(index)];
      info = { forms, anyCase: undefined, bySpelling: new Map() };
      if (forms.every(f => f.caseRule === 'any')) info.anyCase = matchOf(forms);
      this.groups[index] = info;
    }
    return info;
  }

  /** The forms a spelling ("GIRAFFE", "Giraffe", "giraffe") matches, exact-case ones first. */
  private matchSpelling(group: GroupInfo, surface: string): FormMatch | undefined {
    let match = group.bySpelling.get(surface);
    if (match === undefined) {
      const forms = group.forms.filter(f => caseMatches(f, surface));
      forms.sort((a, b) => Number(b.letters === surface) - Number(a.letters === surface));
      match = forms.length ? matchOf(forms) : null;
      if (group.bySpelling.size < MAX_SPELLINGS) group.bySpelling.set(surface, match);
    }
    return match ?? undefined;
  }

  /**
   * Phase two: the papers a candidate refers to, best first, or undefined when it lacks evidence.
   * Candidates needing no evidence and naming one paper are returned as they are.
   */
  private resolve(text: string, c: Candidate, index: number, trust: Trust, attempts?: MentionTrace[]): readonly number[] | undefined {
    if (c.suffix === SUFFIX_FOLLOW_UP) return this.resolveFollowUp(text, c, index, attempts);
    const suffixBonus = (c.suffix === SUFFIX_SIZE ? SIZE_SUFFIX : c.suffix === SUFFIX_WORD ? WORD_SUFFIX : c.suffix === SUFFIX_VERSION ? VERSION_SUFFIX : 0)
      + (c.need === 'low' && c.match.forms[0].multiWord && isTitleCaseMidSentence(text, c.start, c.nameEnd) ? PROPER_NOUN : 0);
    const needsEvidence = c.need !== 'none' && suffixBonus < THRESHOLD[c.need];
    if (!needsEvidence) {
      const veto = this.plainVeto(c.start, c.end, c.match);
      if (veto) {
        if (attempts) attempts.push(this.traceOf(text, c, undefined, veto));
        return undefined;
      }
    }
    if (!needsEvidence && c.match.papers.length === 1) {
      if (attempts) attempts.push(this.traceOf(text, c, c.match.papers, c.need === 'none' ? 'needs no evidence' : `its suffix or capitals suffice (${suffixBonus})`));
      return c.match.papers;
    }
    // Kept apart: the closures there cost an allocation on every call of the function holding them.
    return this.resolveOnEvidence(text, c, index, trust, suffixBonus, needsEvidence, attempts);
  }

  /**
   * Phase two for a candidate that needs evidence or names several papers: every candidate paper is
   * scored on the same evidence, the best must reach the name's threshold (and beat any competing
   * sense of its acronym) when the name needs evidence, and the papers are returned best first —
   * narrowed to one when one clearly wins. While tracing, `attempts` gets what was weighed.
   */
  private resolveOnEvidence(
    text: string,
    c: Candidate,
    index: number,
    trust: Trust,
    suffixBonus: number,
    needsEvidence: boolean,
    attempts: MentionTrace[] | undefined,
  ): readonly number[] | undefined {
    const list = this.matches;
    const sentence = this.sentenceOf(text, c, index);
    const coMentions = this.coMentions;
    coMentions.length = 0;
    for (let k = sentence.first; k <= sentence.last; k++) {
      // A follow-up's name ("Foo-2") is another work's: no co-mention of Foo.
      if (k === index || list.suffix[k] === SUFFIX_FOLLOW_UP) continue;
      const notes = this.notesOf(k);
      if (!notes.asCoMention) {
        // The whole span: "Yi-VL" is another name than "Yi".
        const spanLetters = lettersOf(text, list.start[k], list.end[k]);
        const match = list.match[k];
        notes.asCoMention = { papers: match.papers, letters: spanLetters, lower: spanLetters.toLowerCase(), citers: this.evidence.citersOf(match.forms[0].letters), confident: false };
      }
      notes.asCoMention.confident = trust.flags[k] === 1;
      coMentions.push(notes.asCoMention);
    }
    lookAroundWork.steps += sentence.last - sentence.first + 1;
    const forms = c.match.forms;
    const letters = lettersOf(text, c.start, c.nameEnd);
    const lower = letters.toLowerCase();
    const citers = this.evidence.citersOf(forms[0].letters);
    // The name itself in another case ("a giraffe … a Giraffe calf") is no evidence for it.
    const ignore = (c.match.ignore ??= this.ignoreIds(forms));
    // A gloss given on the spot ("MoA (mixture-of-agents)") either fits a paper's own words or
    // names another sense.
    const gloss = needsEvidence && !forms[0].multiWord ? localGloss(text, c, letters) : undefined;
    let papers: readonly number[] = c.match.papers;
    if (gloss !== undefined) {
      const fitting: number[] = [];
      for (const p of papers) if (this.senses.glossFits(p, gloss, letters)) fitting.push(p);
      papers = fitting;
    }
    if (!papers.length) {
      if (attempts) attempts.push(this.traceOf(text, c, undefined, `the gloss "${gloss}" fits none of its papers`));
      return undefined;
    }
    // Evidence every candidate gets alike: it decides whether the name is a mention, never which paper.
    let shared = suffixBonus + (gloss !== undefined ? SAME_PAPER : 0);
    const around = this.confidentOnLine(text, index, sentence, trust);
    let foreignSenses = c.match.foreign;
    if (foreignSenses === undefined) {
      foreignSenses = false;
      for (const f of forms) if (this.senses.has(f)) foreignSenses = true;
      c.match.foreign = foreignSenses;
    }
    const bag = this.bagOf(text, sentence);
    const sentenceText = (sentence.text ??= text.slice(sentence.start, sentence.end));
    // Each paper's evidence, in `papers` order (reused buffers: this runs for every risky name);
    // the parts are kept only for a trace.
    const bases = this.bases;
    bases.length = 0;
    const weighed = attempts ? [] as { words: number; mentions: number; citation: number; line: number }[] : undefined;
    let best = -Infinity;
    for (const p of papers) {
      const words = this.evidence.wordScore(p, bag, ignore);
      const mentions = this.evidence.coMentionScore(p, citers, lower, coMentions);
      const citation = this.evidence.citationScore(p, sentenceText);
      const line = around.length ? this.lineCitationScore(p, papers, citers, around) : 0;
      const base = words + mentions + citation + line;
      bases.push(base);
      weighed?.push({ words, mentions, citation, line });
      if (base > best) best = base;
    }
    // The note's structure (structure.ts), read where it can change the verdict: for a name its
    // words would accept, one that may head a link or title (its own may be attached), and an
    // ambiguous name that needs no evidence (a link may pick its paper).
    const readStructure = !needsEvidence || best + shared + bag.field >= THRESHOLD[c.need] || mayHeadSomething(text, c.start, c.end);
    let denial: string | undefined;
    let attachment: Attachment | undefined;
    if (readStructure) {
      if (needsEvidence) {
        const veto = this.structure.readingVeto(c.start, c.end, this.near);
        if (veto) {
          if (attempts) attempts.push(this.traceOf(text, c, undefined, veto));
          return undefined;
        }
        denial = this.structure.denial(c.start, c.end, papers.length > 1);
        if (denial) shared -= DENIED;
      }
      const unitEnd = Math.min(sentence.end, this.firstWordBuffer.lineEnd(c.end, text.length));
      attachment = this.structure.attachment(c.start, c.end, unitEnd, !needsEvidence, this.near);
    }
    // Papers by score, best first (ties keep their order): a handful at most, so insertion sort.
    const order = this.order;
    const scores = this.scores;
    order.length = 0;
    scores.length = 0;
    const parts: Map<number, CandidateEvidence> | undefined = attempts ? new Map() : undefined;
    let elsewhere = false;
    for (let w = 0; w < papers.length; w++) {
      const p = papers[w];
      const base = bases[w];
      const sign = attachment ? this.structure.sign(p, attachment, this.near, !needsEvidence) : 0;
      const structure = sign > 0 ? SAME_PAPER : sign < 0 ? -ATTACHED_ELSEWHERE : 0;
      if (sign < 0) elsewhere = true;
      const score = base + structure + shared;
      if (parts && weighed) {
        const { words, mentions, citation, line } = weighed[w];
        parts.set(p, { paper: this.papers[p].id, score: round(score), words: round(words), coMentions: mentions, citation, line, shared, structure });
      }
      let at = order.length;
      order.push(p);
      scores.push(score);
      for (; at > 0 && scores[at - 1] < score; at--) {
        order[at] = order[at - 1];
        scores[at] = scores[at - 1];
      }
      order[at] = p;
      scores[at] = score;
    }
    let foreign = 0;
    if (needsEvidence && foreignSenses) for (const f of forms) foreign = Math.max(foreign, this.evidence.foreignScore(f, bag, coMentions, ignore));
    const top = scores[0];
    // A name that needs no evidence still needs its structure not to be all against it.
    const accepted = needsEvidence ? top + bag.field >= THRESHOLD[c.need] && foreign < top : top >= shared;
    let result: readonly number[] | undefined;
    let reason: string;
    if (!accepted) {
      reason = !needsEvidence || top + bag.field < THRESHOLD[c.need] ? 'too little evidence' : 'a competing sense is as strong';
      if (denial) reason += `; denied: ${denial}`;
      if (elsewhere && attachment) reason += `; attached to another paper (${describeAttachment(attachment)})`;
    } else if (order.length === 1) {
      result = papers;
      reason = needsEvidence ? 'evidence enough' : 'needs no evidence';
    } else {
      // Narrow an ambiguous name when one sense clearly wins on its own evidence (what the
      // candidates share left out): another of its names is in the sentence, or its evidence
      // outweighs the rest's CLEAR_WIN_FACTOR times over.
      const own = top - shared;
      const second = scores[1] - shared;
      const decisive = own >= SAME_PAPER && second < SAME_PAPER;
      const clear = own >= Math.max(THRESHOLD.medium, CLEAR_WIN_FACTOR * second + THRESHOLD.low);
      result = decisive || clear ? [order[0]] : this.bySpelling(order, scores, letters);
      reason = decisive ? 'another of its names decides' : clear ? 'its evidence clearly wins' : 'ambiguous: best first';
      if (result.length > 1 && result[0] !== order[0]) reason += ` (spelt as ${this.papers[result[0]].id}'s own name)`;
    }
    const listed = result && result.length > 1 ? result : order;
    if (attempts && parts) attempts.push(this.traceOf(text, c, result, reason, listed.map(p => parts.get(p) as CandidateEvidence), bag.field, foreign));
    return result;
  }

  /**
   * The candidates `order` (best first by `scores`) ordered again with OWN_SPELLING more for those
   * whose own short name is spelt as written (`letters`): only when the spelling tells them apart.
   */
  private bySpelling(order: readonly number[], scores: readonly number[], letters: string): number[] {
    const own = this.ownLetters;
    let agreeing = 0;
    for (const p of order) if (own[p] === letters) agreeing++;
    if (agreeing === 0 || agreeing === order.length) return order.slice();
    const keyed = order.map((p, k) => ({ p, key: scores[k] + (own[p] === letters ? OWN_SPELLING : 0) }));
    // Stable: ties keep the evidence order.
    keyed.sort((a, b) => b.key - a.key);
    return keyed.map(x => x.p);
  }

  private traceOf(text: string, c: Candidate, papers: readonly number[] | undefined, reason: string, scores: CandidateEvidence[] = [], field = 0, foreign = 0): MentionTrace {
    return {
      start: c.start,
      end: c.end,
      text: text.slice(c.start, c.end),
      need: c.need,
      scores,
      field,
      foreign: round(foreign),
      accepted: papers !== undefined,
      papers: papers ? papers.map(p => this.papers[p].id) : [],
      reason,
    };
  }

  // Structural evidence (structure.ts, readings.ts, denials.ts) and follow-up names (followUps.ts).

  private get structure(): NoteStructure {
    return (this.structureReader ??= new NoteStructure(this.papers));
  }

  /** The other matches of the run and the lines, as structure.ts asks about them. */
  private get near(): Neighbours {
    if (!this.neighbours) {
      const list = this.matches;
      const lines = this.firstWordBuffer;
      let hint = 0;
      const firstFrom = (at: number) => (hint = firstAtOrAfter(list.start, list.count, at, hint));
      this.neighbours = {
        lineStart: at => lines.lineStart(at),
        lineEnd: at => lines.lineEnd(at, this.runText.length),
        titleAt: at => {
          // A title right there (past a quote or emphasis): one of its forms is a title or a title's part.
          const k = firstFrom(at);
          if (k >= list.count || list.start[k] > at + 2) return undefined;
          return list.match[k].forms.some(f => f.kind !== 'alias') ? list.match[k].papers : undefined;
        },
        namesIn: (from, to) => {
          const out: number[] = [];
          let k = firstFrom(from);
          const first = k;
          for (; k < list.count && list.start[k] < to; k++) if (list.end[k] <= to) out.push(...list.match[k].papers);
          lookAroundWork.steps += k - first;
          return out;
        },
      };
    }
    return this.neighbours;
  }

  /** Why a match that needs no evidence is no mention where it stands (structure.ts), or undefined. */
  private plainVeto(start: number, end: number, match: FormMatch): string | undefined {
    // Short: a node id in a diagram is an identifier ("M1 --> M2").
    const short = match.forms[0].letters.length <= 4;
    return this.structure.plainVeto(start, end, match.papers, short, this.near);
  }

  /**
   * A follow-up's name ("Foo-2", "Foo-R", "Foo++"; followUps.ts) is another work than Foo's paper:
   * a mention of it only when the text attaches the paper's own link, DOI or title to it — never
   * on its words or its name, which the follow-up shares.
   */
  private resolveFollowUp(text: string, c: Candidate, index: number, attempts: MentionTrace[] | undefined): readonly number[] | undefined {
    const sentence = this.sentenceOf(text, c, index);
    const unitEnd = Math.min(sentence.end, this.firstWordBuffer.lineEnd(c.end, text.length));
    const attachment = this.structure.attachment(c.start, c.end, unitEnd, false, this.near);
    const own: number[] = [];
    for (const p of c.match.papers) if (this.structure.sign(p, attachment, this.near, false) > 0) own.push(p);
    const result = own.length ? own : undefined;
    if (attempts) {
      const scores = c.match.papers.map(p => ({ paper: this.papers[p].id, score: own.includes(p) ? SAME_PAPER : 0, words: 0, coMentions: 0, citation: 0, line: 0, shared: 0, structure: own.includes(p) ? SAME_PAPER : 0 }));
      attempts.push(this.traceOf(text, c, result, result ? 'a follow-up name with its own link or title attached' : 'a follow-up name: another work unless its own link or title is attached', scores));
    }
    return result;
  }

  /** Key ids of the one-word forms: the name's own word, which is no evidence for itself. */
  private ignoreIds(forms: readonly NameForm[]): number[] {
    const ids: number[] = [];
    for (const f of forms) {
      let id = this.formKeyIds.get(f);
      if (id === undefined) {
        id = f.multiWord ? -1 : this.words.idOf(evidenceKey(f.name));
        this.formKeyIds.set(f, id);
      }
      if (id >= 0 && !ids.includes(id)) ids.push(id);
    }
    return ids;
  }
}

/**
 * The one loop over every character: reads each word whole, hashing it, and keeps the starts of the
 * words that begin some name and go on as one does (a few in a hundred). Kept apart from the rest
 * so the compiler keeps it tight.
 */
function findFirstWords(text: string, filters: ReturnType<NameTrie<unknown>['filters']>, words: FirstWords): FirstWords {
  const n = text.length;
  const { firstWords, walkAlways, continuations } = filters;
  const mask = firstWords.length - 1;
  const continuationMask = continuations.length - 1;
  const unitOf = ASCII_UNIT;
  // Locals, not module imports: compiled to CommonJS, an import is a property load per use.
  const isWord = ASCII_WORD;
  const wordLower = ASCII_WORD_LOWER;
  let starts = words.starts;
  let breaks = words.breaks.positions;
  let newlines = words.newlines;
  let count = 0;
  let breakCount = 0;
  let newlineCount = 0;
  let i = 0;
  scanning: while (i < n) {
    let c = text.charCodeAt(i);
    if (c < 128 ? isWord[c] === 0 : !isWordAt(text, i)) {
      // In passing, where a sentence may end: the context windows of phase two start from these.
      if (c === 46 || c === 10 || c === 33 || c === 63) {
        if (breakCount === breaks.length) breaks = words.growBreaks();
        breaks[breakCount++] = i;
        if (c === 10) {
          if (newlineCount === newlines.length) newlines = words.growNewlines();
          newlines[newlineCount++] = i;
        }
      }
      i++;
      continue;
    }
    const start = i;
    let h = HASH_SEED;
    while (i < n) {
      c = text.charCodeAt(i);
      if (c < 128) {
        const lower = wordLower[c];
        if (lower === 0) break;
        h = Math.imul(h ^ lower, 0x01000193) & 0x3fffffff; // hashStep, inline
      } else {
        if (!isWordAt(text, i)) break;
        h = hashStep(h, lowerUnit(c));
      }
      i++;
    }
    if (h === 0) h = 1; // finishHash, inline
    let slot = h & mask;
    for (; ; slot = (slot + 1) & mask) {
      const v = firstWords[slot];
      if (v === h) break;
      if (v === 0) continue scanning; // no name starts with this word
    }
    if (walkAlways[slot] === 0) {
      // Names start with this word, but do any go on as the text does ("the" + " i…")? The two
      // units after the word: plain ASCII inline, the rest (blank runs, dashes) by unitAt.
      const c1 = i < n ? text.charCodeAt(i) : -1;
      const c2 = i + 1 < n ? text.charCodeAt(i + 1) : -1;
      const key =
        c1 >= 32 && c1 < 128 && c2 > 32 && c2 < 128
          ? continuationKey(h, unitOf[c1], unitOf[c2])
          : continuationKey(h, unitAt(text, i), unitAt(text, i < n && isBlank(c1) ? blankRunEnd(text, i) : i + 1));
      for (let at = key & continuationMask; ; at = (at + 1) & continuationMask) {
        const v = continuations[at];
        if (v === key) break;
        if (v === 0) continue scanning;
      }
    }
    if (count === starts.length) {
      words.grow();
      starts = words.starts;
    }
    starts[count++] = start;
  }
  return finishFirstWords(words, count, breakCount, newlineCount);
}

/**
 * Stores what the loop found. Apart from the loop: the loop's optimised code is entered mid-loop
 * (on-stack replacement), and stores after it, never run by the interpreter, left it without type
 * feedback — the optimised code was thrown away at the loop's end on every scan (--trace-deopt:
 * "insufficient type feedback for generic named access", 289 times in 300 scans).
 */
function finishFirstWords(words: FirstWords, count: number, breakCount: number, newlineCount: number): FirstWords {
  words.count = count;
  words.breaks.count = breakCount;
  words.newlineCount = newlineCount;
  return words;
}

/** Two decimals: what traces show. */
function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/**
 * How far back the proper-noun test reads for the word before a name (markup and the word): a word
 * with its quotes and emphasis fits many times over; a longer run is no ordinary word. Dev notes
 * hold at any value; the unit tests from 5 up ("does Pressed Attention").
 */
const MAX_LOOK_BACK = 64;

/**
 * Whether [start, end) is written with every significant word capitalised ("Squeezed Attention",
 * "Untie the Knots") right after a lower-case word on the same line: a proper noun in running text.
 */
export function isTitleCaseMidSentence(text: string, start: number, end: number): boolean {
  const words = text.slice(start, end).split(/\s+/).filter(Boolean);
  if (words.length < 2) return false;
  let capitals = 0;
  for (const w of words) {
    if (/^\p{Lu}/u.test(w)) capitals++;
    else if (!/^(?:a|an|the|of|in|on|for|to|and|or|with|via|by|at|from)$/.test(w)) return false;
  }
  if (capitals < 2) return false;
  // Step back over markup and quotes to the previous word on this line, if one is that near.
  const stop = start - 1 - MAX_LOOK_BACK;
  let k = start - 1;
  while (k >= 0 && k > stop && /[ \t*_"'“‘([`]/.test(text[k])) k--;
  if (k < 0 || k <= stop || text[k] === '\n') return false;
  // The previous word must be lower-case from its first letter ("does", not "On").
  let w = k;
  while (w > 0 && w > stop && /[\p{L}\p{N}'’-]/u.test(text[w - 1])) w--;
  lookAroundWork.steps += start - w;
  return w > stop && /\p{Ll}/u.test(text[w]);
}

/** The mention covering `offset` (start ≤ offset < end), by binary search over sorted, non-overlapping spans. */
export function mentionAt<M extends { start: number; end: number }>(mentions: readonly M[], offset: number): M | undefined {
  let lo = 0;
  let hi = mentions.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const m = mentions[mid];
    if (offset < m.start) hi = mid - 1;
    else if (offset >= m.end) lo = mid + 1;
    else return m;
  }
  return undefined;
}
