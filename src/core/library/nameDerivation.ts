// Derives the names people write for a paper ("DuoAttention", "LongMem", "KV-Quant") from its title,
// abstract and links. Works on any paper, not only the bundled ones: user bibliographies use it too.
//
// Sources, most trusted first:
//  1. the title's part before a colon ("KVQuant: Towards ...") when it is short enough to be a name;
//  2. names the abstract coins: "we propose X", "called X", "Our method, X,", "Long Name (ACRONYM)"
//     in a sentence that introduces something;
//  3. the repository name of a code link when it spells a coined name differently ("LVEval");
//  4. spelling variants of the above ("Long-LoRA", "KV-Quant", "E2-LLM", "LEval", "Squeezed Attn").
// Names that are also ordinary words, very short, or all-common-word phrases are marked strict.
import type { Alias, AliasOrigin, Link } from './model';
import { escapeRegExp } from '../text/regex';
import { NAME_SMALL_WORDS } from '../text/stopWords';
import { normalizeLatex } from '../text/latex';
import type { Lexicon } from './lexicon';

export interface DerivedNames {
  shortName: string | null;
  aliases: Alias[];
}

const COINAGE_VERBS = 'propose|proposes|proposed|introduce|introduces|introduced|present|presents|presented|develop|develops|developed|design|designs|designed|build|builds|built|release|releases|released|construct|constructs|constructed|curate|curates|curated|create|creates|created|contribute|contributes|offer|offers|devise|devises|devised|establish|establishes|establishing|term|terms|termed|call|calls|called|name|names|named|dub|dubs|dubbed|coin|coins|coined';

/** One hyphen-free part that reads as a name: L, KV, LoRA, DuoAttention, M1, XL3M, M-RoPE++'s parts. */
function namePart(p: string): boolean {
  if (/^[A-Z]$/.test(p)) return true;
  if (/[a-z][A-Z]/.test(p)) return true; // DuoAttention, LoRA
  if (/^[A-Z]{2,}[a-z]/.test(p)) return true; // KVQuant, MMNeedle, GENERator
  if (/^[A-Z][A-Z0-9²]+\+*$/.test(p)) return true; // APE, XL3M, MiniWoB++'s tail
  if (/^[A-Z]/.test(p) && /\d|²/.test(p)) return true;
  return /^[A-Z][\w]*\+\+$/.test(p);
}

/** A token that reads as a name rather than a word: CamelCase, ACRONYM, digits, ++ (not "Our"). */
export function isNameLike(token: string): boolean {
  const t = token.replace(/[’']s$/, '');
  if (t.length < 2 || !/^[A-Z0-9]/.test(t)) return false;
  if (t.includes('-')) {
    const parts = t.split('-');
    return parts.every(p => p.length > 0) && parts.some(namePart) && parts.filter(namePart).length * 2 >= parts.length - (parts.length > 2 ? 1 : 0);
  }
  return namePart(t);
}

/** The part of a title before its colon (or question mark), if it has one. */
export function titlePrefix(title: string): string | undefined {
  const m = /^(.+?)(?::\s|\?\s)/.exec(title);
  return m ? m[1].trim() : undefined;
}


function words(s: string): string[] {
  return s.split(/\s+/).filter(Boolean);
}

/** Every word of the phrase is an ordinary word (so lower-case text could say it by accident). */
function isOrdinaryPhrase(phrase: string, lexicon: Lexicon): boolean {
  return words(phrase).every(w => {
    const bare = w.replace(/[^\p{L}\p{N}-]/gu, '').toLowerCase();
    return bare === '' || NAME_SMALL_WORDS.has(bare) || bare.split('-').every(part => part === '' || lexicon.isOrdinaryWord(part) || /^\d+[kmb]?$/.test(part));
  });
}

/** Strict names are matched only with their exact case (and context evidence, where available). */
export function isStrictName(name: string, lexicon: Lexicon): boolean {
  const bare = name.replace(/[^\p{L}\p{N}]/gu, '');
  if (bare.length <= 3) return true; // Yi, M1, APE, DEL, TIM, MoA
  if (words(name).length === 1) {
    const lower = name.toLowerCase();
    if (lexicon.isOrdinaryWord(lower)) return true; // Dolphin, Atlas, Cartridges
    if (lower.endsWith('s') && lexicon.isOrdinaryWord(lower.slice(0, -1))) return true; // Titans
    return false;
  }
  return isOrdinaryPhrase(name, lexicon); // Context Clues, Squeezed Attention, A Little Goes a Long Way
}

/**
 * The long form of an acronym from the words before it, after Schwartz & Hearst (2003): the acronym's
 * letters must appear in order in the long form, right to left, the first one starting its first
 * word. The shortest such run of words wins: "Adaptive Parallel Encoding" for "APE",
 * "Sequential Chunk-wise Optimization" for "SeCO".
 */
export function acronymExpansion(before: string, acronym: string): string | undefined {
  const letters = acronym.replace(/[^A-Za-z0-9]/g, '').toLowerCase();
  if (letters.length < 2) return undefined;
  const ws = words(before.replace(/[,;:]\s*$/, ''));
  const maxWords = Math.min(ws.length, letters.length + 3);
  for (let n = 1; n <= maxWords; n++) {
    const cand = ws.slice(ws.length - n);
    if (cand[0][0]?.toLowerCase() !== letters[0] || !/^[A-Z]/.test(cand[0])) continue;
    const phrase = cand.join(' ');
    if (lettersInOrder(phrase.toLowerCase(), letters)) return phrase.replace(/[,;:]$/, '');
  }
  return undefined;
}

function lettersInOrder(phrase: string, letters: string): boolean {
  let li = phrase.length - 1;
  for (let si = letters.length - 1; si >= 0; si--) {
    const c = letters[si];
    // The first letter must start a word; the others may sit anywhere.
    while (li >= 0 && (phrase[li] !== c || (si === 0 && li > 0 && /[a-z0-9]/.test(phrase[li - 1])))) li--;
    if (li < 0) return false;
    li--;
  }
  return true;
}

interface Candidate { name: string; origin: AliasOrigin }

const NAME = String.raw`[A-Z][\w.+²^]*(?:-[\w.+²^]+)*[\w+²]`;
/** 2-5 capitalised words, small words allowed inside: "Extensible Tokenization", "Thread Inference Model". */
const PHRASE = String.raw`[A-Z][\w-]+(?:\s+(?:(?:of|with|for|and|in|on|the|a|to)\s+)?[A-Z][\w-]+){1,4}`;
const LEADING_ADJECTIVES = String.raw`(?:(?:a|an|the|our|new|novel|simple|strong|unified|general|family\s+of|framework,?|benchmark,?|method,?|model,?|dataset,?)\s+){0,4}`;

// The coinage patterns, made once: building them per sentence (four RegExps from long template
// strings, each looked up in V8's pattern cache by its source) was most of deriving a 20,000-entry
// library's names. `matchAll` works on a copy, so the shared patterns keep lastIndex 0.
const R1_COINAGE = new RegExp(String.raw`\b(?:${COINAGE_VERBS})\s+${LEADING_ADJECTIVES}(${PHRASE}|${NAME})(\s*\((${NAME})\))?`, 'g');
const R2_CALLED = new RegExp(String.raw`\b(?:called|named|dubbed|termed|coined)\s+(${PHRASE}|${NAME})(?:\s*\((${NAME})\))?`, 'g');
const R3_OUR = new RegExp(String.raw`\b[Oo]ur\s+(?:proposed\s+|new\s+)?(?:method|model|framework|approach|benchmark|dataset|system|algorithm|technique),?\s+(${NAME})`, 'g');
const R4_DEFINED = new RegExp(String.raw`\b(?:${COINAGE_VERBS})\b((?:\s+\S+){0,8}?)\s*\((${NAME})\)`, 'g');
const R5_NAME = new RegExp(String.raw`(?<![\w-])(${NAME})(?![\w-])`, 'g');
/**
 * What each pattern cannot match without, tested once on the whole abstract: most sentences of
 * most abstracts coin nothing, and one scan of the abstract is cheaper than four of each sentence.
 */
const HAS_COINAGE_VERB = new RegExp(String.raw`\b(?:${COINAGE_VERBS})\b`);
const HAS_CALLED = /\b(?:called|named|dubbed|termed|coined)\s/;
const HAS_OUR = /\b[Oo]ur\s/;
const SENTENCE_BREAK = /(?<=[.!?])\s+(?=[A-Z(])/;

/** Names the abstract coins. */
export function coinedNames(abstract: string, lexicon: Lexicon, corpusFrequency: (name: string) => number = () => 1): Candidate[] {
  const out: Candidate[] = [];
  const add = (raw: string) => {
    const name = raw.replace(/[’']s$/, '').replace(/[.,;:]+$/, '');
    if (name.length < 2 || lexicon.isFieldTerm(name) || corpusFrequency(name) > 1) return;
    // Plural acronyms (VLLMs, SLLMs) name a class of models, not one.
    if (/[A-Z]{2,}s$/.test(name)) return;
    if (!out.some(c => c.name === name)) out.push({ name, origin: 'abstract' });
  };
  const coinage = HAS_COINAGE_VERB.test(abstract);
  const called = HAS_CALLED.test(abstract);
  const our = HAS_OUR.test(abstract);
  const sentences = coinage || called || our ? abstract.split(SENTENCE_BREAK) : [];
  for (const s of sentences) {
    // R1: "we propose X", "This study introduces X", "we present the Thread Inference Model (TIM)".
    if (coinage) {
      for (const m of s.matchAll(R1_COINAGE)) {
        const [, name, , acronym] = m;
        if (acronym && isNameLike(acronym)) {
          add(acronym);
          if (acronymExpansion(name, acronym) || words(name).length >= 2) add(name);
        } else if (isNameLike(name)) {
          add(name);
        } else if (words(name).length >= 2 && /\b(?:we|this (?:paper|work|study)|our)\b/i.test(s.slice(0, m.index))) {
          // A capitalised phrase right after "we present": a method named in words ("Extensible Tokenization").
          if (!words(name).every(w => /^[A-Z]/.test(w) && lexicon.isFieldTerm(w))) add(name);
        }
      }
    }
    // R2: "called X", "named X", "dubbed X".
    if (called) {
      for (const m of s.matchAll(R2_CALLED)) {
        if (m[2] && isNameLike(m[2])) { add(m[2]); add(m[1]); } else if (isNameLike(m[1]) || /^[A-Z][a-z]+[A-Z]/.test(m[1])) add(m[1]);
      }
    }
    // R3: "Our method, X," / "our proposed X".
    if (our) {
      for (const m of s.matchAll(R3_OUR)) {
        if (isNameLike(m[1])) add(m[1]);
      }
    }
    // R4: "... (ACRONYM)" a few words after a coinage verb: "we introduce a specialized benchmark (LIConBench)".
    if (coinage) {
      for (const m of s.matchAll(R4_DEFINED)) {
        const acronym = m[2];
        if (!isNameLike(acronym)) continue;
        const expansion = acronymExpansion(m[1], acronym);
        if (expansion) { add(acronym); if (words(expansion).length >= 2) add(expansion); } else if (/[a-z]/.test(acronym) && acronym.length >= 5) add(acronym);
      }
    }
  }
  // R5: a CamelCase name the abstract keeps using is its subject ("LongBioBench ... LongBioBench ...").
  const counts = new Map<string, number>();
  for (const m of abstract.matchAll(R5_NAME)) {
    const t = m[1].replace(/[’']s$/, '');
    if (t.length >= 5 && /[a-z]/.test(t) && isNameLike(t)) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  for (const [t, n] of counts) if (n >= 3) add(t);
  return out;
}

/** The repository name of a code link, when it is a spelling of one of the names ("LVEval"). */
export function repoNameAliases(links: Link[], names: string[]): Candidate[] {
  const out: Candidate[] = [];
  const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  const known = new Set(names.map(squash));
  for (const link of links) {
    if (link.kind !== 'code') continue;
    const m = /^https?:\/\/(?:github|gitlab)\.com\/[^/]+\/([^/#?]+)/.exec(link.url);
    if (!m) continue;
    const repo = m[1].replace(/\.git$/, '');
    if (known.has(squash(repo)) && !names.includes(repo) && isNameLike(repo)) out.push({ name: repo, origin: 'url' });
  }
  return out;
}

/** Spelling variants people write for a name. */
export function spellingVariants(name: string, lexicon?: Lexicon): string[] {
  const out = new Set<string>();
  const latexFree = normalizeLatex(name);
  if (latexFree !== name) out.add(latexFree);
  // Superscripts: E²-LLM → E2-LLM, E^2-LLM → E2-LLM / E²-LLM, ALR² → ALR2.
  if (/[²³^]/.test(latexFree)) {
    out.add(latexFree.replace(/\^?2|²/g, '2').replace(/\^?3|³/g, '3'));
    out.add(latexFree.replace(/\^2/g, '²').replace(/\^3/g, '³'));
  }
  // One CamelCase split as hyphen where both halves are words or terms of the field:
  // KVQuant → KV-Quant, LongLoRA → Long-LoRA, RotateKV → Rotate-KV (not LooGLE → Loo-GLE).
  if (lexicon && !/[\s-]/.test(name)) {
    const m = /^([A-Z][a-z]+|[A-Z]{2,}(?=[A-Z][a-z]))([A-Z][A-Za-z0-9]+)$/.exec(name);
    const wordish = (w: string) => lexicon.isOrdinaryWord(w.toLowerCase()) || lexicon.isFieldTerm(w);
    if (m && m[1].length >= 2 && (m[2].length >= 3 || lexicon.isFieldTerm(m[2])) && (wordish(m[1]) || /^[A-Z]+$/.test(m[1])) && (wordish(m[2]) || /^[A-Z][a-z]{3,}$/.test(m[2]))) out.add(`${m[1]}-${m[2]}`);
  }
  // Hyphenated names joined: L-Eval → LEval, LV-Eval → LVEval, Lean Attention → LeanAttention.
  if (/^[A-Z][\w]*-[A-Z][\w]*$/.test(name)) out.add(name.replace('-', ''));
  if (/^[A-Z][a-z]+ [A-Z][a-z]+$/.test(name)) out.add(name.replace(' ', ''));
  // Attention → Attn, as people abbreviate it in notes.
  if (/Attention$/.test(name) && name.length > 'Attention'.length) out.add(name.replace(/Attention$/, 'Attn'));
  out.delete(name);
  return [...out];
}

/** Model-type tails that notes drop once the name is known: "E2-LLM" → "E2", "ChiMed-GPT" → "ChiMed". */
const GENERIC_TAILS = new Set(['LLM', 'LM', 'GPT', 'VL', 'VLM', 'MLLM']);

/**
 * The short form of a name with a generic model-type tail, when what remains is itself a name
 * rather than a word ("Infinite-LLM", "Fourier-VLM" keep their tails): "E^2-LLM" → "E^2", "DistKV-LLM" → "DistKV".
 */
export function shortForms(name: string, lexicon: Lexicon): string[] {
  const m = /^([^\s-]+)-([A-Za-z]+)$/.exec(name);
  if (!m || !GENERIC_TAILS.has(m[2])) return [];
  const head = m[1];
  const bare = normalizeLatex(head).replace(/[^\p{L}\p{N}²³]/gu, '');
  // The head must read as a name on its own: "Fourier" (of Fourier-VLM) is a word of its own.
  if (bare.length < 2 || !isNameLike(head)) return [];
  if (lexicon.isOrdinaryWord(bare.toLowerCase()) || lexicon.isFieldTerm(head)) return [];
  return [head];
}

const MAX_NAME_WORDS = 6;

/**
 * `corpusFrequency` counts the abstracts of a reference corpus that use a name: a name many papers
 * use (StreamingLLM, BABILong) is something they cite, not something this paper coins.
 */
export function deriveNames(
  paper: { title: string; abstract: string; links: Link[] },
  lexicon: Lexicon,
  corpusFrequency: (name: string) => number = () => 1,
): DerivedNames {
  const candidates: Candidate[] = [];
  const seen = new Set<string>();
  const push = (c: Candidate) => {
    if (!seen.has(c.name)) { seen.add(c.name); candidates.push(c); }
  };

  const prefix = titlePrefix(paper.title);
  let shortName: string | null = null;
  if (prefix && words(prefix).length <= MAX_NAME_WORDS) {
    push({ name: prefix, origin: 'title' });
    if (words(prefix).length <= 3) shortName = normalizeLatex(prefix);
  } else if (!prefix && words(paper.title).length <= 3 && paper.title.split(/\s+/).some(isNameLike)) {
    // "Qwen2.5-1M Technical Report", "Granite Embedding R2 Models": the name is the first word(s).
    const lead = paper.title.split(/\s+/).filter(isNameLike)[0];
    push({ name: lead, origin: 'title' });
  }
  for (const c of coinedNames(paper.abstract, lexicon, corpusFrequency)) push(c);
  // When the title gives no short name, the abstract's first coined single-token name is it.
  if (!shortName) {
    const coined = candidates.find(c => c.origin === 'abstract' && words(c.name).length === 1 && isNameLike(c.name));
    if (coined) shortName = normalizeLatex(coined.name);
  }
  for (const c of repoNameAliases(paper.links, candidates.map(c => c.name))) push(c);
  for (const c of [...candidates]) {
    for (const short of shortForms(c.name, lexicon)) push({ name: short, origin: 'variant' });
  }
  for (const c of [...candidates]) {
    for (const v of spellingVariants(c.name, lexicon)) push({ name: v, origin: 'variant' });
  }

  const aliases: Alias[] = candidates.map(c => {
    const a: Alias = { name: c.name, origin: c.origin };
    if (isStrictName(c.name, lexicon)) a.strict = true;
    return a;
  });
  return { shortName, aliases };
}

/** How many of the texts use `name` as a whole word: the corpus frequency `deriveNames` wants. */
export function makeCorpusFrequency(texts: string[]): (name: string) => number {
  const cache = new Map<string, number>();
  return name => {
    let n = cache.get(name);
    if (n === undefined) {
      const re = new RegExp(`(?<![\\w-])${escapeRegExp(name)}(?![\\w-])`);
      n = texts.filter(t => re.test(t)).length;
      cache.set(name, n);
    }
    return n;
  };
}

/** Punctuation around a token that is not part of a name ("(KVQuant),", "“LongLoRA”"). */
const LEADING_PUNCTUATION = /^[([{"'“‘`*_]+/;
const TRAILING_PUNCTUATION = /[.,;:!?)\]}"'”’`*_]+$/;
const LEADING_CHARS = '([{"\'“‘`*_';
const TRAILING_CHARS = '.,;:!?)]}"\'”’`*_';
const TOKEN_BREAK = /[\s/]+/;

/**
 * `makeCorpusFrequency` for large libraries: one pass over the texts counts, per token, the texts
 * using it, so asking about a name costs a lookup instead of a scan of every text (20,000 abstracts
 * × a few names each would be minutes). A name of several words counts the texts that use its rarest
 * word: an upper bound, so such a name is at worst kept as cited by others when it is not — names
 * of several words are rarely coined twice anyway. For one-token names it agrees with
 * `makeCorpusFrequency` (unit test).
 */
export function makeTokenFrequency(texts: readonly string[]): (name: string) => number {
  // Per token an index into `count` and `last` (the last text that counted it): one map lookup per
  // token instead of four (a set of the text's tokens, then the count).
  const index = new Map<string, number>();
  let count = new Int32Array(1024);
  let last = new Int32Array(1024);
  texts.forEach((text, t) => {
    for (const raw of text.split(TOKEN_BREAK)) {
      // Most tokens have no punctuation around them: the replacements only run when one may.
      let token = raw;
      if (token && LEADING_CHARS.includes(token[0])) token = token.replace(LEADING_PUNCTUATION, '');
      if (token && TRAILING_CHARS.includes(token[token.length - 1])) token = token.replace(TRAILING_PUNCTUATION, '');
      if (!token) continue;
      let k = index.get(token);
      if (k === undefined) {
        k = index.size;
        index.set(token, k);
        if (k === count.length) {
          const more = new Int32Array(k * 2);
          more.set(count);
          count = more;
          const moreLast = new Int32Array(k * 2);
          moreLast.set(last);
          last = moreLast;
        }
        last[k] = -1;
      }
      if (last[k] !== t) {
        last[k] = t;
        count[k]++;
      }
    }
  });
  return name => {
    const parts = name.split(/\s+/).filter(Boolean);
    if (!parts.length) return 0;
    let n = Infinity;
    for (const part of parts) {
      const k = index.get(part);
      n = Math.min(n, k === undefined ? 0 : count[k]);
    }
    return n;
  };
}
