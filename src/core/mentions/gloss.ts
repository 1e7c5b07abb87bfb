// A long form a note gives an acronym where it uses it: "MoA (mixture-of-agents)" is not Mixture of
// Attention, "TDC (Temporal Dynamic Context)" is what its paper says.
import type { Candidate } from './matches';

/** Whether `phrase` spells out `acronym`: its letters in order, the first starting the phrase. */
function spellsOut(phrase: string, acronym: string): boolean {
  const letters = acronym.toLowerCase();
  if (!/^\p{L}{2,}$/u.test(letters)) return false;
  const words = phrase.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (!words.length || words.length > letters.length + 3 || words[0][0] !== letters[0]) return false;
  const flat = words.join(' ');
  let at = 0;
  for (const ch of letters) {
    at = flat.indexOf(ch, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}

/**
 * A long form the text gives an acronym right where it uses it: "MoA (mixture-of-agents)",
 * "APE = Adaptive Parallel Encoding", "Core Context Aware (CCA)".
 */
export function localGloss(text: string, c: Candidate, letters: string): string | undefined {
  // Blanks are skipped only as far as a gloss may start: the pattern below reads 90 code units.
  let k = c.end;
  while (k < c.end + 90 && text.charCodeAt(k) === 32) k++;
  const next = text.charCodeAt(k);
  if (next === 40 /* ( */ || next === 61 /* = */) {
    const after = /^\s*(?:\(([^()\n]{2,80})\)|=\s*([^;,.()\n]{2,80}))/.exec(text.slice(c.end, c.end + 90));
    const phrase = after?.[1] ?? after?.[2];
    if (phrase && spellsOut(phrase.trim(), letters)) return phrase.trim();
  }
  if (text.charCodeAt(c.end) === 41 /* ) */ && /\(\s*$/.test(text.slice(Math.max(0, c.start - 3), c.start))) {
    const before = text.slice(Math.max(0, c.start - 100), c.start).replace(/\(\s*$/, '').trimEnd();
    const words = before.split(/\s+/);
    for (let n = 1; n <= Math.min(words.length, letters.length + 3); n++) {
      const phrase = words.slice(words.length - n).join(' ');
      if (spellsOut(phrase, letters) && /^\p{Lu}/u.test(phrase)) return phrase;
    }
  }
  return undefined;
}
