import * as assert from 'assert';
import { acronymExpansion, deriveNames, isNameLike, isStrictName, shortForms, spellingVariants, titlePrefix } from '../../src/core/library/nameDerivation';
import { normalizeLatex } from '../../src/core/text/latex';
import { englishLexicon } from './testCorpus';

function derive(title: string, abstract = 'We study things in this paper and report results on several benchmarks.') {
  return deriveNames({ title, abstract, links: [] }, englishLexicon());
}
const names = (d: ReturnType<typeof derive>) => d.aliases.map(a => a.name);

describe('alias derivation (on papers the corpus has never seen)', () => {
  it('takes the name before the colon of a title', () => {
    const d = derive('FlashDecoding: Faster Decoding for Long Inputs');
    assert.strictEqual(d.shortName, 'FlashDecoding');
    assert.deepStrictEqual(d.aliases[0], { name: 'FlashDecoding', origin: 'title' });
    assert.strictEqual(titlePrefix('Is It Long? Towards Better Tests'), 'Is It Long');
    assert.strictEqual(titlePrefix('A Title Without Colon'), undefined);
  });

  it('keeps multi-word title names and marks all-ordinary-word ones strict', () => {
    const d = derive('Sliding Window Memory: A Study');
    assert.strictEqual(d.shortName, 'Sliding Window Memory');
    assert.strictEqual(d.aliases[0].strict, true);
    const long = derive('Seven Words Is Far Too Long For Names: But Still');
    assert.strictEqual(long.shortName, null);
  });

  it('marks names that are ordinary words or very short as strict', () => {
    const lex = englishLexicon();
    for (const n of ['Owl', 'Dolphin', 'Titans', 'Yi', 'M1', 'APE', 'Atlas', 'Synapse']) assert.ok(isStrictName(n, lex), n);
    for (const n of ['DuoAttention', 'KVQuant', 'LongLoRA', 'Locret', 'Zolly']) assert.ok(!isStrictName(n, lex), n);
  });

  it('finds names the abstract coins', () => {
    const d = derive('Faster Decoding for Long Inputs', 'Decoding is slow. To address this, we propose QuickCache, a cache that is fast. QuickCache is simple.');
    assert.strictEqual(d.shortName, 'QuickCache');
    assert.ok(names(d).includes('QuickCache'));
    const e = derive('Pruning Tokens', 'Long inputs are costly. We introduce Hierarchical Token Pruning (HTP), which prunes tokens. HTP is fast.');
    assert.ok(names(e).includes('HTP'), names(e).join());
    assert.ok(names(e).includes('Hierarchical Token Pruning'), names(e).join());
    const f = derive('A Method', 'We design a new family of caches, called SlimKV, that are small.');
    assert.ok(names(f).includes('SlimKV'));
  });

  it('does not take names the abstract only cites or explains', () => {
    const d = derive('A Method', 'Compared to SnapKV and H2O, retrieval-augmented generation (RAG) and large language models (LLMs) are popular. Our results beat StreamingLLM.');
    assert.deepStrictEqual(names(d), []);
    assert.strictEqual(d.shortName, null);
  });

  it('does not coin a name used by other papers of the corpus', () => {
    const abstract = 'We propose BetterKV, which improves on caching.';
    const alone = deriveNames({ title: 'X', abstract, links: [] }, englishLexicon(), () => 1);
    const common = deriveNames({ title: 'X', abstract, links: [] }, englishLexicon(), () => 3);
    assert.ok(names(alone).includes('BetterKV'));
    assert.ok(!names(common).includes('BetterKV'));
  });

  it('reads a spelling of the name off its repository URL', () => {
    const d = deriveNames({ title: 'LV-Eval: A Benchmark', abstract: 'We release it.', links: [{ kind: 'code', url: 'https://github.com/org/LVEval', label: 'Code' }] }, englishLexicon());
    assert.ok(names(d).includes('LVEval'));
  });

  it('produces the spelling variants people write', () => {
    const lex = englishLexicon();
    assert.ok(spellingVariants('KVQuant', lex).includes('KV-Quant'));
    assert.ok(spellingVariants('LongLoRA', lex).includes('Long-LoRA'));
    assert.ok(spellingVariants('RotateKV', lex).includes('Rotate-KV'));
    assert.ok(spellingVariants('L-Eval', lex).includes('LEval'));
    assert.deepStrictEqual(new Set(spellingVariants('E^2-LLM', lex)), new Set(['E²-LLM', 'E2-LLM']));
    assert.deepStrictEqual(new Set(spellingVariants('ALR$^2$', lex)), new Set(['ALR²', 'ALR2']));
    assert.ok(spellingVariants('Lean Attention', lex).includes('LeanAttention'));
    assert.ok(spellingVariants('Squeezed Attention', lex).includes('Squeezed Attn'));
    assert.ok(!spellingVariants('LooGLE', lex).includes('Loo-GLE'));
  });

  it('derives the short form of a name with a generic model-type tail, unless it is a word', () => {
    const lex = englishLexicon();
    assert.deepStrictEqual(shortForms('E^2-LLM', lex), ['E^2']);
    assert.deepStrictEqual(shortForms('DistKV-LLM', lex), ['DistKV']);
    assert.deepStrictEqual(shortForms('Infinite-LLM', lex), []);
    assert.deepStrictEqual(shortForms('Fourier-VLM', lex), []);
    assert.deepStrictEqual(shortForms('CRUD-RAG', lex), []);
    assert.deepStrictEqual(shortForms('Video-LevelGauge', lex), []);
    const d = derive('Q9-LLM: Quick Extension of Context Windows');
    assert.ok(names(d).includes('Q9'), names(d).join());
    assert.strictEqual(d.aliases.find(a => a.name === 'Q9')?.strict, true);
  });

  it('recognises name-like tokens', () => {
    for (const t of ['DuoAttention', 'KVQuant', 'APE', 'M1', 'XL3M', 'L-Eval', 'M-RoPE++', 'Long-VITA', 'MMNeedle', 'GENERator']) assert.ok(isNameLike(t), t);
    for (const t of ['Our', 'The', 'Retrieval-Augmented', 'Tensor-Parallel', 'a', 'x1']) assert.ok(!isNameLike(t), t);
  });

  it('expands acronyms from the words before them', () => {
    assert.strictEqual(acronymExpansion('we propose Adaptive Parallel Encoding', 'APE'), 'Adaptive Parallel Encoding');
    assert.strictEqual(acronymExpansion('we propose Sequential Chunk-wise Optimization', 'SeCO'), 'Sequential Chunk-wise Optimization');
    assert.strictEqual(acronymExpansion('the results of the model', 'XYZ'), undefined);
  });

  it('normalises LaTeX', () => {
    assert.strictEqual(normalizeLatex('ALR$^2$'), 'ALR²');
    assert.strictEqual(normalizeLatex('Prefill \\& Decode'), 'Prefill & Decode');
    assert.strictEqual(normalizeLatex('E^2-LLM'), 'E²-LLM');
  });
});
