import * as assert from 'assert';
import * as fc from 'fast-check';
import { boundedEditDistance } from '../../src/core/search/editDistance';
import { stem } from '../../src/core/search/stemmer';
import { analyze, forEachTerm, normalizeText, splitPieces } from '../../src/core/search/text';

const has = (text: string, ...terms: string[]) => {
  const got = analyze(text);
  for (const t of terms) assert.ok(got.includes(t), `${JSON.stringify(text)} → [${got.join(', ')}] lacks ${t}`);
};

describe('search text analysis', () => {
  it('reads hyphenated words as their parts and as one joined word', () => {
    has('KV-cache', 'kv', 'cach', 'kvcach');
    has('2-bit', '2', 'bit', '2bit');
    // and the other spellings of the same thing give the same parts
    has('KV cache', 'kv', 'cach');
    has('KVCache', 'kv', 'cach', 'kvcach');
  });

  it('splits CamelCase names into their words, with neighbouring pieces joined', () => {
    has('LongLoRA', 'longlora', 'long', 'lora');
    has('DuoAttention', 'duoattent', 'duo', 'attent');
    assert.deepStrictEqual(splitPieces('KVQuant'), ['KV', 'Quant']);
    assert.deepStrictEqual(splitPieces('HTMLParser'), ['HTML', 'Parser']);
    assert.deepStrictEqual(splitPieces('IRanker'), ['I', 'Ranker']);
    // a plural acronym is one word, not "LL" + "Ms"
    assert.deepStrictEqual(splitPieces('LLMs'), ['LLMs']);
    assert.deepStrictEqual(splitPieces('Qwen2.5'), ['Qwen', '2.5']);
  });

  it('keeps numbers with their unit, decimals with their point, and thousands together', () => {
    has('128K tokens', '128k', 'token');
    has('a 2048K context on 12,000 GPUs', '2048k', '12000', 'gpu');
    has('Qwen2.5-1M', 'qwen2.5', 'qwen', '2.5', '1m');
    has('1000x input token reduction', '1000x');
  });

  it('folds the spellings of E²-LLM together and drops the possessive', () => {
    for (const spelling of ['E^2-LLM', 'E²-LLM', 'E$^2$-LLM', 'E2-LLM']) has(spelling, 'e2llm', 'llm');
    assert.deepStrictEqual(analyze("LLM's context"), analyze('LLMs context'));
    assert.deepStrictEqual(analyze("LLM's context"), ['llm', 'context']);
  });

  it('normalises Unicode: diacritics, full-width forms, ligatures', () => {
    has('Costa-jussà', 'costa', 'jussa');
    assert.deepStrictEqual(analyze('ＫＶ ｃａｃｈｅ'), analyze('KV cache'));
    has('eﬃcient', 'effici');
    // Hangul stays in syllables (recomposed after the diacritics are stripped)
    assert.deepStrictEqual(analyze('한국어 모델'), ['한국어', '모델']);
    assert.strictEqual(normalizeText('E²'), 'E2');
  });

  it('drops stop words and stems English words, leaving names and numbers alone', () => {
    assert.deepStrictEqual(analyze('the impact of the positional encodings'), ['impact', 'posit', 'encod']);
    assert.strictEqual(stem('generalization'), stem('generalize'));
    assert.strictEqual(stem('compressing'), stem('compression'));
    assert.strictEqual(stem('heads'), 'head');
    for (const [w, s] of [['caresses', 'caress'], ['ponies', 'poni'], ['relational', 'relat'], ['hopping', 'hop'], ['agreed', 'agre']]) {
      assert.strictEqual(stem(w), s, w);
    }
    for (const w of ['kv', 'qwen2.5', '128k', 'gpu', 'e2llm']) assert.strictEqual(stem(w), w);
  });

  it('never throws and never yields empty or spaced terms, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), s => {
        for (const t of analyze(s)) assert.ok(t.length > 0 && !/\s/.test(t), JSON.stringify(t));
      }),
      { numRuns: 500 },
    );
    assert.deepStrictEqual(analyze('\uD800\uDFFF\u0000 🦒 ‮ǅ'), analyze('🦒 ǅ'));
  });

  it('measures typo distance with transpositions and gives up past the bound', () => {
    assert.strictEqual(boundedEditDistance('sequnce', 'sequence', 2), 1);
    assert.strictEqual(boundedEditDistance('recepetive', 'receptive', 2), 1);
    assert.strictEqual(boundedEditDistance('atention', 'attnetion', 2), 2);
    assert.strictEqual(boundedEditDistance('teh', 'the', 1), 1);
    assert.strictEqual(boundedEditDistance('kitten', 'sitting', 1), 2);
    assert.strictEqual(boundedEditDistance('', 'abc', 5), 3);
  });
  it('reads plain ASCII text with its fast tokenizer exactly as the Unicode path reads it', () => {
    // A trailing "§" (not a word character, unchanged by NFKC) sends the same text down the
    // Unicode-aware pattern: both paths must give the same surfaces and terms in the same order.
    const terms = (text: string) => {
      const out: string[] = [];
      forEachTerm(text, (surface, term) => out.push(`${surface}>${term}`));
      return out;
    };
    const asciiText = fc.string({ unit: fc.constantFrom(...'aZk9 -_.^\'’,;:()KVLoRA2x'.split('')), maxLength: 60 });
    fc.assert(fc.property(asciiText, text => {
      fc.pre([...text].every(ch => ch.charCodeAt(0) < 128));
      assert.deepStrictEqual(terms(text), terms(`${text} §`));
    }), { numRuns: 2000 });
    for (const text of ['KV-cache of Qwen2.5-1M', "LongLoRA's 2-bit x^2", 'a.b_c-d e..f --g', 'Yi-34B-200K, 1,000 tokens']) {
      assert.deepStrictEqual(terms(text), terms(`${text} §`), text);
    }
  });
});
