import * as assert from 'assert';
import { latexToUnicode, normalizeSpace, toScript } from '../../src/core/text/latex';

const cases = (pairs: [string, string][]) => {
  for (const [input, expected] of pairs) assert.strictEqual(latexToUnicode(input), expected, JSON.stringify(input));
};

describe('latexToUnicode', () => {
  it('composes accents in every way bibliographies write them', () => {
    cases([
      ['{\\"u}ber', 'über'],
      ['M{\\"u}ller', 'Müller'],
      ['\\"{o}', 'ö'],
      ["\\'{e}t\\'e", 'été'],
      ["Timoth\\'{e}e", 'Timothée'],
      ["Garc{\\'\\i}a", 'García'],
      ["\\'{\\i}", 'í'],
      ['\\`a \\^o \\~n \\=a \\.z', 'à ô ñ ā ż'],
      ['\\c{c}a \\c c', 'ça ç'],
      ['Bro\\v{z}ek \\H{o} \\k{a} \\r{a} \\u{g}', 'Brožek ő ą å ğ'],
    ]);
  });

  it('reads letters written as commands, with or without braces', () => {
    cases([
      ['{\\L}ukasz', 'Łukasz'],
      ['\\L ukasz', 'Łukasz'],
      ['Stra\\ss e', 'Straße'],
      ['\\ss', 'ß'],
      ['{\\O}stergaard {\\o} {\\ae} {\\AE} {\\oe} {\\aa} {\\AA}', 'Østergaard ø æ Æ œ å Å'],
      // TeX swallows the space after a control word, as here.
      ['\\o \\ae', 'øæ'],
      ['\\i', 'ı'],
    ]);
  });

  it('turns TeX punctuation into text', () => {
    cases([
      ['pages 1--2', 'pages 1–2'],
      ['a---b', 'a—b'],
      ['New~York', 'New York'],
      ['Prefill \\& Decode', 'Prefill & Decode'],
      ['50\\% of \\$5 \\#1 a\\_b', '50% of $5 #1 a_b'],
      ["``quoted''", '“quoted”'],
      ['multi-hop low-rank', 'multi-hop low-rank'],
      ["it's", "it's"],
    ]);
  });

  it('keeps math readable: symbols, Greek, super- and subscripts', () => {
    cases([
      ['ALR$^2$: Foo', 'ALR²: Foo'],
      ['$\\infty$Bench', '∞Bench'],
      ['$O(n^2)$ and $\\mathcal{O}(n \\log n)$', 'O(n²) and O(n log n)'],
      ['$10^{-3}$', '10⁻³'],
      ['$x_{ij}$', 'xᵢⱼ'],
      ['$W_q$', 'W_q'],
      ['$\\alpha$-$\\beta$', 'α-β'],
      ['$\\sim$2$\\times$', '∼2×'],
      ['$^\\dagger$', '†'],
      ['\\frac{1}{2}', '1/2'],
      ['\\textsuperscript{th}', 'ᵗʰ'],
    ]);
  });

  it('removes protective braces and formatting commands, keeping their text', () => {
    cases([
      ['{DuoAttention}: Efficient', 'DuoAttention: Efficient'],
      ['{{Whole Title}}', 'Whole Title'],
      ['\\emph{Hello} \\textbf{World} {\\sc caps}', 'Hello World caps'],
      ['{\\noopsort{a}}Zed', 'Zed'],
      ['\\href{http://x}{link text}', 'link text'],
      ['\\url{http://a--b.com/x_y}', 'http://a--b.com/x_y'],
    ]);
  });

  it('normalises whitespace', () => {
    cases([
      ['  two\n  lines\there  ', 'two lines here'],
      ['plain text', 'plain text'],
      ['', ''],
    ]);
    assert.strictEqual(normalizeSpace(' a \u00a0 b\n'), 'a b');
  });

  it('degrades broken round trips to readable text and never throws', () => {
    cases([
      ['\\∑ and \\σ', '∑ and σ'],
      ['costs $5 per item', 'costs $5 per item'],
      ['ternary $­1, 0, 1\\$.', 'ternary $­1, 0, 1$.'],
      ['trailing \\', 'trailing'],
      ['unclosed {brace', 'unclosed brace'],
      ['closing } only', 'closing only'],
      ['\\"{}', ''],
      ['$$', ''],
      ['\\unknowncommand{kept}', 'kept'],
    ]);
    // Deep nesting and random bytes: no exception, some string back.
    const deep = `${"\\'{".repeat(5000)}e${'}'.repeat(5000)}`;
    assert.strictEqual(typeof latexToUnicode(deep), 'string');
    for (let seed = 1; seed < 300; seed++) {
      let s = '';
      let x = seed;
      for (let i = 0; i < 40; i++) {
        x = (x * 1103515245 + 12345) & 0x7fffffff;
        s += '\\{}$^_~`\'-"aZ \u2211'[x % 17];
      }
      assert.strictEqual(typeof latexToUnicode(s), 'string', s);
    }
  });

  it('writes super/subscripts only when Unicode has every character', () => {
    assert.strictEqual(toScript('-3', 'sup'), '⁻³');
    assert.strictEqual(toScript('Q', 'sup'), '^Q');
    assert.strictEqual(toScript('q+1', 'sub'), '_(q+1)');
    assert.strictEqual(toScript('k+1', 'sub'), 'ₖ₊₁');
    assert.strictEqual(toScript('2', 'sub'), '₂');
  });
});
