// What a card says about a paper: the abstract's sentences that state what the paper does ("we
// propose / introduce / present …") and what it achieves (results with numbers), rather than its
// opening motivation ("LLMs are seeing growing use…"). Pure, unit-tested.

/** Sentences, split at ". " before a capital or an opening bracket: "e.g. the" and "1.5B" stay inside. */
export function sentencesOf(text: string): string[] {
  return text.split(/(?<=[.!?])\s+(?=[A-Z(“"])/).map(s => s.trim()).filter(Boolean);
}

/** "We propose", "This paper introduces", "Our method, X, achieves": the paper's own contribution. */
const CONTRIBUTION = /\b(?:we|this (?:paper|work|study|report)|our (?:work|paper|method|approach|framework|model|system|benchmark))\b[^.]{0,60}?\b(?:propose|introduce|present|develop|design|build|release|construct|curate|create|contribute|offer|devise|establish|formulate|term|call|name|dub)\w*/i;
/** "We show / find / demonstrate …": a finding, the other thing abstracts exist to say. */
const FINDING = /\b(?:we|our (?:experiments|results|analysis|evaluation)|experiments|results)\b[^.]{0,40}?\b(?:show|find|demonstrate|reveal|observe|prove|confirm|indicate)\w*/i;
/** A result with a number: "2.3× faster", "by 40%", "up to 10M tokens", "outperforms". */
const RESULT = /\b(?:achiev|outperform|surpass|improv|reduc|accelerat|speed|cut|lower|boost|enabl|extend|scal)\w*\b[^.]*?(?:\d+(?:\.\d+)?\s*(?:%|×|x\b|times|[kKmMbB]\b)|\bup to\b|\bstate[- ]of[- ]the[- ]art\b)/;
/** Openings that set the scene rather than say what the paper does. */
const MOTIVATION = /^(?:however|despite|although|while|recent(?:ly)?|in recent|over (?:the|more than)|with the|as (?:large|llms|the)|large language models|llms|existing|current|traditional|many|most|long[- ]context (?:modeling|capabilit)|the (?:ability|rapid|growing|success))\b/i;

/** How much a sentence says about the paper itself. */
function weigh(sentence: string): number {
  let w = 0;
  if (CONTRIBUTION.test(sentence)) w += 3;
  else if (FINDING.test(sentence)) w += 2;
  if (RESULT.test(sentence)) w += 1.5;
  if (MOTIVATION.test(sentence)) w -= 1;
  return w;
}

/**
 * Up to `maxSentences` sentences and about `maxChars` characters that say what the paper does: from
 * the first sentence stating a contribution (or, failing that, a finding), the sentences after it
 * that add to it; when no sentence states either, the first sentences. Kept in the abstract's order.
 */
export function summarySentences(abstract: string, maxChars = 320, maxSentences = 3): string {
  const sentences = sentencesOf(abstract);
  if (!sentences.length) return '';
  const weights = sentences.map(weigh);
  let start = weights.findIndex(w => w >= 3);
  if (start < 0) start = weights.findIndex(w => w >= 2);
  let chosen: string[];
  if (start < 0) {
    chosen = sentences.slice(0, maxSentences);
  } else {
    chosen = [sentences[start]];
    // The sentences right after the contribution usually say how it works and what it achieves.
    for (let i = start + 1; i < sentences.length && chosen.length < maxSentences; i++) {
      if (weights[i] >= 0) chosen.push(sentences[i]);
    }
  }
  let out = '';
  for (const s of chosen) {
    if (out && out.length + s.length + 1 > maxChars) break;
    out = out ? `${out} ${s}` : s;
  }
  if (out.length > maxChars + 80) out = `${out.slice(0, maxChars).replace(/\s+\S*$/, '')}…`;
  return out;
}
