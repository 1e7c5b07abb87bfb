import * as assert from 'assert';
import fc from 'fast-check';
import { findCitations } from '../../src/core/text/citations';

const keys = (text: string) => findCitations(text).map(c => c.key);

describe('citation keys in notes', () => {
  it('reads Pandoc citations: bracketed lists, locators, suppressed authors, in-text keys', () => {
    assert.deepStrictEqual(keys('As [@doe99] and [see @smith04, pp. 33-35; also -@lee2025walrus, chap. 1] show.'), ['doe99', 'smith04', 'lee2025walrus']);
    assert.deepStrictEqual(keys('@doe99 says so, and @doe99.'), ['doe99', 'doe99']);
    assert.deepStrictEqual(keys('Keys with punctuation: [@Foo:2020.v2] and @{odd key_1}.'), ['Foo:2020.v2', 'odd key_1']);
    assert.deepStrictEqual(keys('(@paren2021)'), ['paren2021']);
  });

  it('gives spans that cover the key exactly', () => {
    const text = 'See [@doe99, p. 3] and \\citep[p.~3]{a, b}.';
    for (const c of findCitations(text)) assert.strictEqual(text.slice(c.start, c.end), c.key);
    assert.deepStrictEqual(findCitations(text).map(c => c.syntax), ['pandoc', 'latex', 'latex']);
  });

  it('is not fooled by e-mail addresses, handles glued to words, or code', () => {
    assert.deepStrictEqual(keys('write to jane@example.com or jane.doe@uni.edu'), []);
    assert.deepStrictEqual(keys('inline `@notakey` code and ``x @also`` here'), []);
    assert.deepStrictEqual(keys('```\n@decorator\ndef f(): pass\n```\nthen @real2020'), ['real2020']);
    assert.deepStrictEqual(keys('~~~python\n[@inside]\n~~~'), []);
    assert.deepStrictEqual(keys('price@100 and a@b'), []);
  });

  it('reads LaTeX \\cite and its variants, with optional arguments and several keys', () => {
    assert.deepStrictEqual(keys('\\cite{a} \\citep[see][p. 3]{b,c} \\textcite{d} \\parencite*{e} \\autocite{ f } \\citet{g}'), ['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    assert.deepStrictEqual(keys('\\nocite{*} \\cite{} \\cite{unclosed'), []);
  });

  it('never throws and always returns well-formed, sorted spans', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('@', '[', ']', ';', '-', ' ', '\n', '`', '\\', 'c', 'i', 't', 'e', '{', '}', 'a', '1', '.', ',', '~') }), text => {
      let last = 0;
      for (const c of findCitations(text)) {
        assert.ok(c.start >= last && c.end > c.start && c.end <= text.length);
        assert.strictEqual(text.slice(c.start, c.end), c.key);
        last = c.end;
      }
    }), { numRuns: 500 });
  });
});

describe('citation keys in notes, at scale', () => {
  it('reads one long line of unmatched openers (200 KB that a scan to the line end per opener would take minutes over)', () => {
    const line = '`` \\cite{ '.repeat(20_000);
    assert.deepStrictEqual(findCitations(line), []);
    assert.deepStrictEqual(findCitations(`${line} [@found2024]`).map(c => c.key), ['found2024']);
  });
});
