// Highlighting why a result matched: character ranges of displayed text for the matched terms.
import * as assert from 'assert';
import * as fc from 'fast-check';
import { matchRanges } from '../../src/core/search';
import { termSpans } from '../../src/core/search/text';
import { library } from './searchFixtures';

/** The text with each range in [brackets]. */
function marked(text: string, ranges: [number, number][]): string {
  let out = '';
  let at = 0;
  for (const [a, b] of ranges) {
    out += `${text.slice(at, a)}[${text.slice(a, b)}]`;
    at = b;
  }
  return out + text.slice(at);
}

describe('search: highlight ranges', () => {
  it('marks the words a matched term comes from, by stem', () => {
    const title = 'EMS: Adaptive Evict-then-Merge Strategy for Head-wise KV Cache Compression';
    assert.strictEqual(marked(title, matchRanges(title, [['evict'], ['kv'], ['cach']])), 'EMS: Adaptive [Evict]-then-Merge Strategy for Head-wise [KV] [Cache] Compression');
    assert.strictEqual(marked('Caches and caching', matchRanges('Caches and caching', [['cach']])), '[Caches] and [caching]');
  });

  it('marks a CamelCase part for a part, and the whole name for the whole', () => {
    const title = 'LongLoRA: fine-tuning of long-context models';
    assert.strictEqual(marked(title, matchRanges(title, [['lora']])), 'Long[LoRA]: fine-tuning of long-context models');
    assert.strictEqual(marked(title, matchRanges(title, [['longlora']])), '[LongLoRA]: fine-tuning of long-context models');
    // a joined spelling covers the hyphenated word; its parts then add nothing inside it
    assert.strictEqual(marked(title, matchRanges(title, [['finetun'], ['fine'], ['tune']])), 'LongLoRA: [fine-tuning] of long-context models');
    assert.strictEqual(marked('DuoAttention', matchRanges('DuoAttention', [['attent']])), 'Duo[Attention]');
  });

  it('marks a several-term alternative only where the text has all its terms', () => {
    const both = 'Key-value caches';
    assert.strictEqual(marked(both, matchRanges(both, [['key', 'valu']])), '[Key]-[value] caches');
    assert.deepStrictEqual(matchRanges('Key results', [['key', 'valu']]), []);
  });

  it('keeps offsets into the text as displayed: possessives, E², ligatures, surrogate pairs', () => {
    assert.strictEqual(marked("LLM's memory", matchRanges("LLM's memory", [['llm']])), "[LLM]'s memory");
    assert.strictEqual(marked('E²-LLM scales', matchRanges('E²-LLM scales', [['e2llm']])), '[E²-LLM] scales');
    assert.strictEqual(marked('🦒 ﬁne giraffe', matchRanges('🦒 ﬁne giraffe', [['giraff']])), '🦒 ﬁne [giraffe]');
    assert.strictEqual(marked('Qwen2.5-1M report', matchRanges('Qwen2.5-1M report', [['qwen2.5']])), '[Qwen2.5]-1M report');
  });

  it('returns sorted, non-overlapping ranges inside the text, and nothing for nothing', () => {
    assert.deepStrictEqual(matchRanges('', [['kv']]), []);
    assert.deepStrictEqual(matchRanges('KV cache', []), []);
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.string({ maxLength: 80 }), (text, query) => {
        const terms = termSpans(query).map(s => [s.term]);
        const ranges = matchRanges(text, terms);
        let last = 0;
        for (const [a, b] of ranges) {
          assert.ok(a >= last && a < b && b <= text.length, JSON.stringify({ text, query, ranges }));
          last = b;
        }
      }),
      { numRuns: 500 },
    );
  });

  it('highlights what a search hit matched: its stems, completions, corrections and synonyms', () => {
    const lib = library([
      { id: 'a', title: 'Sequence parallelism for KV-cache quantization', abstract: 'Key-value caches, quantized.' },
      { id: 'b', title: 'A study of needle-in-a-haystack tests', abstract: 'Finding needles.' },
    ]);
    const title = (id: string) => (id === 'a' ? 'Sequence parallelism for KV-cache quantization' : 'A study of needle-in-a-haystack tests');
    const show = (q: string, prefix = false) => {
      const [hit] = lib.search(q, { prefix });
      return marked(title(hit.paper.id), matchRanges(title(hit.paper.id), hit.matchedTerms ?? []));
    };
    assert.strictEqual(show('sequnce'), '[Sequence] parallelism for KV-cache quantization');
    assert.strictEqual(show('kv quant', true), 'Sequence parallelism for [KV]-cache [quantization]');
    assert.strictEqual(show('key value cache'), 'Sequence parallelism for [KV]-[cache] quantization');
    assert.strictEqual(show('NIAH'), 'A study of [needle]-in-a-[haystack] tests');
    // request words ("study", "papers") are no reason to highlight anything
    assert.strictEqual(show('study needles'), 'A study of [needle]-in-a-haystack tests');
  });
});
