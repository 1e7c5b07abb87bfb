// LaTeX → plain Unicode text, for titles, abstracts, names and venues read from bibliographies and
// for display titles of bundled papers ("ALR$^2$" → "ALR²", "Prefill \& Decode" → "Prefill & Decode").
//
// One pass over the string: accents compose through Unicode combining marks and NFC (so every
// letter an accent command can make is covered without a table of precomposed letters), a compact
// table names the symbols and math that bibliographies use, every other command is transparent
// (its braces vanish and its argument stays: \emph{x}, \textbf{x}, \mathcal{O} → x, O), and
// protective braces are dropped. Math stays readable: Greek and operators become their characters,
// ^ and _ become super/subscript characters where Unicode has them.
//
// Real files carry broken round trips — "\∑" from a converter that escaped an already-Unicode
// symbol, an unclosed "$" — so nothing here throws: an unknown backslash sequence keeps its
// character, an unmatched "$" stays a dollar sign, an unclosed brace runs to the end.
//
// Output is plain text for renderers to escape; nothing here produces or interprets markup.
// (Libraries considered for the table: unicode2latex is 1.9 MB of tables aimed at the other
// direction; citation-js's table lives inside its BibTeX plugin. Combining marks make ours small.)

/** Accent commands → the combining mark they put on the next letter. */
const ACCENTS: Record<string, string> = {
  "'": '\u0301', '`': '\u0300', '^': '\u0302', '"': '\u0308', '~': '\u0303', '=': '\u0304', '.': '\u0307',
  u: '\u0306', v: '\u030C', H: '\u030B', c: '\u0327', k: '\u0328', r: '\u030A', d: '\u0323', b: '\u0331', t: '\u0361',
};

/** Letters written as commands. TeX swallows the space after them ("\L ukasz" is "Łukasz"). */
const LETTERS: Record<string, string> = {
  ss: 'ß', SS: 'SS', l: 'ł', L: 'Ł', o: 'ø', O: 'Ø', ae: 'æ', AE: 'Æ', oe: 'œ', OE: 'Œ', aa: 'å', AA: 'Å',
  i: 'ı', j: 'ȷ', dh: 'ð', DH: 'Ð', th: 'þ', TH: 'Þ', ng: 'ŋ', NG: 'Ŋ', dj: 'đ', DJ: 'Đ',
};

/** Commands that stand for text or a math symbol. */
const SYMBOLS: Record<string, string> = {
  // text
  textendash: '–', textemdash: '—', ldots: '…', dots: '…', textellipsis: '…', cdots: '⋯',
  textquoteleft: '‘', textquoteright: '’', textquotedblleft: '“', textquotedblright: '”', textquotesingle: "'", textquotedbl: '"',
  guillemotleft: '«', guillemotright: '»', guillemetleft: '«', guillemetright: '»',
  textbullet: '•', textperiodcentered: '·', textdagger: '†', dag: '†', dagger: '†', ddagger: '‡', textdaggerdbl: '‡', ddag: '‡', S: '§', P: '¶', textsection: '§', textparagraph: '¶',
  copyright: '©', textcopyright: '©', textregistered: '®', texttrademark: '™', textdegree: '°', textmu: 'µ', textonehalf: '½',
  textasciitilde: '~', textasciicircum: '^', textbackslash: '\\', textunderscore: '_', textbar: '|', textless: '<', textgreater: '>',
  textbraceleft: '{', textbraceright: '}', textdollar: '$', textpercent: '%', textampersand: '&', textexclamdown: '¡', textquestiondown: '¿',
  texteuro: '€', euro: '€', pounds: '£', textsterling: '£', textyen: '¥', textcent: '¢', checkmark: '✓', textsuperscript: '', textsubscript: '',
  LaTeX: 'LaTeX', LaTeXe: 'LaTeX2ε', TeX: 'TeX', BibTeX: 'BibTeX', XeTeX: 'XeTeX', LuaTeX: 'LuaTeX',
  quad: ' ', qquad: ' ', enspace: ' ', enskip: ' ', thinspace: ' ', space: ' ', nobreakspace: ' ', newline: ' ', linebreak: ' ', par: ' ', newblock: ' ',
  // Greek
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ϵ', varepsilon: 'ε', zeta: 'ζ', eta: 'η', theta: 'θ', vartheta: 'ϑ', iota: 'ι', kappa: 'κ',
  lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', pi: 'π', varpi: 'ϖ', rho: 'ρ', varrho: 'ϱ', sigma: 'σ', varsigma: 'ς', tau: 'τ', upsilon: 'υ', phi: 'ϕ',
  varphi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω', Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ', Lambda: 'Λ', Xi: 'Ξ', Pi: 'Π', Sigma: 'Σ', Upsilon: 'Υ',
  Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω',
  // math
  infty: '∞', times: '×', cdot: '·', pm: '±', mp: '∓', div: '÷', leq: '≤', le: '≤', geq: '≥', ge: '≥', neq: '≠', ne: '≠', approx: '≈', sim: '∼',
  simeq: '≃', cong: '≅', equiv: '≡', propto: '∝', ll: '≪', gg: '≫', in: '∈', notin: '∉', ni: '∋', subset: '⊂', subseteq: '⊆', supset: '⊃',
  supseteq: '⊇', cup: '∪', cap: '∩', setminus: '∖', emptyset: '∅', varnothing: '∅', forall: '∀', exists: '∃', partial: '∂', nabla: '∇',
  sum: '∑', prod: '∏', int: '∫', oint: '∮', rightarrow: '→', to: '→', leftarrow: '←', gets: '←', Rightarrow: '⇒', Leftarrow: '⇐',
  leftrightarrow: '↔', Leftrightarrow: '⇔', iff: '⇔', implies: '⇒', mapsto: '↦', uparrow: '↑', downarrow: '↓', longrightarrow: '⟶',
  langle: '⟨', rangle: '⟩', lceil: '⌈', rceil: '⌉', lfloor: '⌊', rfloor: '⌋', circ: '∘', bullet: '•', star: '⋆', ast: '∗',
  oplus: '⊕', otimes: '⊗', odot: '⊙', top: '⊤', bot: '⊥', perp: '⊥', mid: '∣', parallel: '∥', neg: '¬', lnot: '¬', land: '∧', wedge: '∧',
  lor: '∨', vee: '∨', prime: '′', ell: 'ℓ', hbar: 'ℏ', aleph: 'ℵ', Re: 'ℜ', Im: 'ℑ', deg: '°', vert: '|', Vert: '‖', lvert: '|', rvert: '|',
  lbrace: '{', rbrace: '}', backslash: '\\', colon: ':', triangleq: '≜', coloneqq: '≔', models: '⊨', vdash: '⊢', angle: '∠', triangle: '△',
  // operator names print as words
  log: 'log', ln: 'ln', exp: 'exp', max: 'max', min: 'min', sin: 'sin', cos: 'cos', tan: 'tan', arg: 'arg', det: 'det', dim: 'dim',
  lim: 'lim', sup: 'sup', inf: 'inf', Pr: 'Pr', argmax: 'argmax', argmin: 'argmin', softmax: 'softmax',
};

/** Commands whose arguments are not text (sorting keys, lengths, colours, labels): dropped whole. */
const DROP_ARGS: Record<string, number> = {
  noopsort: 1, hspace: 1, vspace: 1, label: 1, ref: 1, cite: 1, citep: 1, citet: 1, color: 1, kern: 0, footnote: 1, thanks: 1,
  phantom: 1, hphantom: 1, vphantom: 1, bibinfo: 1, bibfield: 1, // \bibinfo{type}{value}: the first argument only
  href: 1, textcolor: 1, // \href{url}{text}, \textcolor{red}{text}: the first argument only
};

/** Control symbols (backslash + one non-letter) and what they print. */
const ESCAPES: Record<string, string> = {
  '&': '&', '%': '%', $: '$', '#': '#', _: '_', '{': '{', '}': '}', '\\': ' ', ' ': ' ', '\n': ' ', '\t': ' ',
  ',': ' ', ';': ' ', ':': ' ', '>': ' ', '!': '', '-': '', '/': '', '@': '', '|': '‖',
};

const SUPERSCRIPTS: Record<string, string> = {
  0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹', '+': '⁺', '-': '⁻', '−': '⁻', '=': '⁼', '(': '⁽', ')': '⁾',
  a: 'ᵃ', b: 'ᵇ', c: 'ᶜ', d: 'ᵈ', e: 'ᵉ', f: 'ᶠ', g: 'ᵍ', h: 'ʰ', i: 'ⁱ', j: 'ʲ', k: 'ᵏ', l: 'ˡ', m: 'ᵐ', n: 'ⁿ', o: 'ᵒ', p: 'ᵖ', r: 'ʳ',
  s: 'ˢ', t: 'ᵗ', u: 'ᵘ', v: 'ᵛ', w: 'ʷ', x: 'ˣ', y: 'ʸ', z: 'ᶻ', T: 'ᵀ', '*': '*', '′': '′', '†': '†', '‡': '‡', '∗': '∗', '∘': '∘',
};
const SUBSCRIPTS: Record<string, string> = {
  0: '₀', 1: '₁', 2: '₂', 3: '₃', 4: '₄', 5: '₅', 6: '₆', 7: '₇', 8: '₈', 9: '₉', '+': '₊', '-': '₋', '−': '₋', '=': '₌', '(': '₍', ')': '₎',
  a: 'ₐ', e: 'ₑ', o: 'ₒ', x: 'ₓ', h: 'ₕ', k: 'ₖ', l: 'ₗ', m: 'ₘ', n: 'ₙ', p: 'ₚ', s: 'ₛ', t: 'ₜ', i: 'ᵢ', j: 'ⱼ', r: 'ᵣ', u: 'ᵤ', v: 'ᵥ',
};

/**
 * `text` in super- or subscript characters when Unicode has all of them ("2" → "²", "-3" → "⁻³");
 * otherwise a readable fallback: a lone symbol as itself ("†"), else "^x" / "^(k+1)".
 */
export function toScript(text: string, kind: 'sup' | 'sub'): string {
  const table = kind === 'sup' ? SUPERSCRIPTS : SUBSCRIPTS;
  const t = text.trim();
  if (!t) return '';
  let out = '';
  for (const ch of t) {
    const m = table[ch];
    if (m === undefined) {
      if (!/[\p{L}\p{N}]/u.test(t)) return t;
      const mark = kind === 'sup' ? '^' : '_';
      return [...t].length === 1 ? mark + t : `${mark}(${t})`;
    }
    out += m;
  }
  return out;
}

// What needs more than copying; a run of anything else is copied in one slice. Single hyphens and
// apostrophes are common in prose and mean themselves, so only their doubled forms stop the copy.
// Shared by recursive calls: each loop step sets lastIndex before it searches.
const SPECIAL = /[\\{}$~`^_]|--|''/g;
// Quick test that a string has no LaTeX at all (most abstracts): then only whitespace is normalised.
const ANY_LATEX = /[\\{}$~`]|--|''/;
const COMMANDS_OR_MATH = /[\\$~`]|--|''/;
const BRACES = /[{}]/g;
const LETTER = /[A-Za-z]/;
const MAX_DEPTH = 20;

/** Index just past the group that opens at `open` (a "{"), or the end of `s` if it never closes. */
function groupEnd(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 92 /* \ */) i++;
    else if (c === 123 /* { */) depth++;
    else if (c === 125 /* } */ && --depth === 0) return i + 1;
  }
  return s.length;
}

/** The argument starting at `i` (after spaces): a {group}'s inside, a \command, or one character. */
function readArg(s: string, i: number): { arg: string; end: number } {
  while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === '\n')) i++;
  if (i >= s.length) return { arg: '', end: i };
  if (s[i] === '{') {
    const end = groupEnd(s, i);
    return { arg: s.slice(i + 1, s[end - 1] === '}' ? end - 1 : end), end };
  }
  if (s[i] === '\\') {
    let j = i + 1;
    if (LETTER.test(s[j] ?? '')) while (j < s.length && LETTER.test(s[j])) j++;
    else j++;
    return { arg: s.slice(i, j), end: j };
  }
  const cp = s.codePointAt(i) ?? 0;
  const len = cp > 0xffff ? 2 : 1;
  return { arg: s.slice(i, i + len), end: i + len };
}

/** Positions of "$" that open math and have a partner; a lone last "$" is just a dollar sign. */
function unmatchedDollar(s: string): number {
  let count = 0;
  let last = -1;
  for (let i = s.indexOf('$'); i >= 0; i = s.indexOf('$', i + 1)) {
    if (i > 0 && s[i - 1] === '\\') continue;
    count++;
    last = i;
  }
  return count % 2 === 1 ? last : -1;
}

interface State { composed: boolean }

function decode(s: string, math: boolean, depth: number, state: State): string {
  const literalDollar = s.includes('$') ? unmatchedDollar(s) : -1;
  const re = SPECIAL;
  let out = '';
  let i = 0;
  const n = s.length;
  while (i < n) {
    re.lastIndex = i;
    const m = re.exec(s);
    if (!m) {
      out += s.slice(i);
      break;
    }
    if (m.index > i) out += s.slice(i, m.index);
    i = m.index;
    const c = s[i];
    switch (c) {
      case '{':
      case '}':
        i++;
        break;
      case '$':
        if (i === literalDollar) out += '$';
        else math = !math;
        i++;
        break;
      case '~':
        out += ' ';
        i++;
        break;
      case '-': // "--" (the only way here)
        if (math) {
          out += '--';
          i += 2;
        } else if (s[i + 2] === '-') {
          out += '—';
          i += 3;
        } else {
          out += '–';
          i += 2;
        }
        break;
      case '`':
        if (s[i + 1] === '`') {
          out += '“';
          i += 2;
        } else {
          out += '‘';
          i++;
        }
        break;
      case "'": // "''" (the only way here)
        out += math ? '″' : '”';
        i += 2;
        break;
      case '^':
      case '_': {
        if (!math) {
          out += c;
          i++;
          break;
        }
        const { arg, end } = readArg(s, i + 1);
        out += toScript(depth < MAX_DEPTH ? decode(arg, true, depth + 1, state) : arg, c === '^' ? 'sup' : 'sub');
        i = end;
        break;
      }
      default: // a backslash
        i = command(s, i, math, depth, state, (t: string) => (out += t));
    }
  }
  return out;
}

/** Decodes the command at `i` (a backslash), emits its text and returns the index after it. */
function command(s: string, i: number, math: boolean, depth: number, state: State, emit: (t: string) => void): number {
  const next = s[i + 1];
  if (next === undefined) return i + 1; // a trailing backslash
  const deeper = (t: string) => (depth < MAX_DEPTH ? decode(t, math, depth + 1, state) : t.replace(/[\\{}]/g, ''));
  if (LETTER.test(next)) {
    let j = i + 1;
    while (j < s.length && LETTER.test(s[j])) j++;
    const name = s.slice(i + 1, j);
    if (name.length === 1 && ACCENTS[name] !== undefined) return accent(s, j, ACCENTS[name], deeper, state, emit);
    const letter = LETTERS[name];
    if (letter !== undefined) {
      emit(letter);
      while (j < s.length && (s[j] === ' ' || s[j] === '\t')) j++;
      return j;
    }
    const symbol = SYMBOLS[name];
    if (symbol !== undefined) {
      if (name === 'textsuperscript' || name === 'textsubscript') {
        const { arg, end } = readArg(s, j);
        emit(toScript(deeper(arg), name === 'textsuperscript' ? 'sup' : 'sub'));
        return end;
      }
      emit(symbol);
      return j;
    }
    if (name === 'url') {
      // \url{…} is verbatim: no dashes or accents inside an address.
      const { arg, end } = readArg(s, j);
      emit(arg);
      return end;
    }
    if (name === 'frac' || name === 'tfrac' || name === 'dfrac') {
      const a = readArg(s, j);
      const b = readArg(s, a.end);
      emit(`${deeper(a.arg)}/${deeper(b.arg)}`);
      return b.end;
    }
    if (name === 'sqrt') {
      const { arg, end } = readArg(s, j);
      emit(`√${deeper(arg)}`);
      return end;
    }
    const drop = DROP_ARGS[name];
    if (drop !== undefined) {
      let end = j;
      for (let k = 0; k < drop; k++) end = readArg(s, end).end;
      return end;
    }
    // Any other command is transparent: \emph{x} → x, \mathcal{O} → O, \relax → nothing.
    return j;
  }
  const mark = ACCENTS[next];
  if (mark !== undefined && !(math && next === '.')) return accent(s, i + 2, mark, deeper, state, emit);
  const escaped = ESCAPES[next];
  if (escaped !== undefined) {
    emit(escaped);
    return i + 2;
  }
  // A backslash before anything else ("\∑" from a broken round trip): keep the character.
  return i + 1;
}

function accent(s: string, j: number, mark: string, deeper: (t: string) => string, state: State, emit: (t: string) => void): number {
  const { arg, end } = readArg(s, j);
  let base = deeper(arg);
  if (!base) return end;
  // Accents on dotless i/j mean the ordinary letter with the accent: \'{\i} → í.
  if (base[0] === 'ı') base = `i${base.slice(1)}`;
  else if (base[0] === 'ȷ') base = `j${base.slice(1)}`;
  const first = String.fromCodePoint(base.codePointAt(0) ?? 32);
  emit(first + mark + base.slice(first.length));
  state.composed = true;
  return end;
}

/**
 * Plain Unicode text for a LaTeX-bearing string: commands decoded, protective braces removed,
 * whitespace collapsed and trimmed. Never throws; text without LaTeX only has its whitespace
 * normalised.
 */
export function latexToUnicode(text: string): string {
  if (typeof text !== 'string' || text === '') return '';
  if (!ANY_LATEX.test(text)) return normalizeSpace(text);
  // Titles mostly carry only protective braces ({DuoAttention}, {{Whole Title}}).
  if (!COMMANDS_OR_MATH.test(text)) return normalizeSpace(text.replace(BRACES, ''));
  const state: State = { composed: false };
  const out = decode(text, false, 0, state);
  return normalizeSpace(state.composed ? out.normalize('NFC') : out);
}

// Replacing every single space costs more than decoding: only strings with runs, tabs, newlines or
// other spaces are rewritten (one test, then one replace), which most abstracts are not.
const ODD_SPACE = /\s\s|[^\S ]/;

/** Whitespace runs (newlines, tabs, no-break spaces) as one space; trimmed. */
export function normalizeSpace(text: string): string {
  return (ODD_SPACE.test(text) ? text.replace(/\s+/g, ' ') : text).trim();
}

/**
 * The light clean-up of TeX left in text that is otherwise plain — the bundled listing's titles
 * ("ALR$^2$", "Prefill \& Decode", "50\%"): `$^2$`/`^{2}` → ², `^3` → ³, inline math loses its
 * dollars, escaped specials lose their backslash. Names, display titles, mention title variants and
 * search all use this one. Kept apart from `latexToUnicode`, the full decoder that bibliography
 * readers run on every field: this one leaves everything else as it is (braces, other commands),
 * which is what exact matching of the listing's own text needs.
 */
export function normalizeLatex(s: string): string {
  return s
    .replace(/\$?\^\{?2\}?\$?/g, '²')
    .replace(/\$?\^\{?3\}?\$?/g, '³')
    .replace(/\$([^$]*)\$/g, '$1')
    .replace(/\\&/g, '&')
    .replace(/\\([%_#])/g, '$1');
}

/**
 * `normalizeLatex` of a text with a `$` or a backslash; any other text as it is (most abstracts:
 * no regex runs over them, and a bare "x^2" outside math stays as written). What display and
 * search both read.
 */
export function withoutTexMarkup(text: string): string {
  return text.includes('$') || text.includes('\\') ? normalizeLatex(text) : text;
}
