import * as assert from 'assert';
import type { Paper } from '../../src/core/library/model';
import { autoReferenceFormat, bibtex, citeCommand, citeKey, escapeBibtex, formatReference, markdownLink } from '../../src/core/references/formats';
import { testCorpus } from './testCorpus';

function paper(over: Partial<Paper>): Paper {
  return {
    id: '2401.00001', arxiv: '2401.00001', title: 'A Title', abstract: 'Text.', year: 2024, month: 1,
    firstAuthor: 'Doe', shortName: null, aliases: [], topics: ['t'], links: [], ...over,
  };
}

describe('references', () => {
  it('builds readable, stable citation keys', () => {
    const corpus = testCorpus();
    assert.strictEqual(citeKey(corpus.paper('2410.10819')!), 'xiao2024duoattention');
    assert.strictEqual(citeKey(corpus.paper('2412.08268')!), 'costajussa2024lcfo');
    assert.strictEqual(citeKey(paper({ title: 'How to Train Models (Effectively)', firstAuthor: 'Gao' })), 'gao2024train');
    assert.strictEqual(citeKey(paper({ shortName: 'E²-LLM', firstAuthor: 'Liu' })), 'liu2024e2llm');
    assert.strictEqual(citeKey(paper({ firstAuthor: 'Tencent Hunyuan Team', shortName: 'Hunyuan-TurboS', year: 2025 })), 'tencent2025hunyuanturbos');
  });

  it('gives every bundled paper a distinct key', () => {
    const keys = testCorpus().papers.map(citeKey);
    const dupes = keys.filter((k, i) => keys.indexOf(k) !== i);
    assert.deepStrictEqual(dupes, []);
    for (const k of keys) assert.match(k, /^[a-z]+\d{4}[a-z0-9]+$/);
  });

  it('escapes BibTeX specials but keeps TeX the title already has', () => {
    assert.strictEqual(escapeBibtex('Prefill \\& Decode'), 'Prefill \\& Decode');
    assert.strictEqual(escapeBibtex('Q&A at 50% #1 of a_b'), 'Q\\&A at 50\\% \\#1 of a\\_b');
    assert.strictEqual(escapeBibtex('ALR$^2$: x_y'), 'ALR$^2$: x\\_y');
    assert.strictEqual(escapeBibtex('costs $5 only'), 'costs \\$5 only');
    assert.strictEqual(escapeBibtex('a {b} }c{'), 'a \\{b\\} \\}c\\{');
  });

  it('writes a @misc entry with the first author, eprint and protected case', () => {
    const entry = bibtex(testCorpus().paper('2410.10819')!);
    assert.strictEqual(entry, [
      '@misc{xiao2024duoattention,',
      '  title = {{DuoAttention}: Efficient {Long-Context} {LLM} Inference with Retrieval and Streaming Heads},',
      '  author = {Xiao and others},',
      '  year = {2024},',
      '  eprint = {2410.10819},',
      '  archivePrefix = {arXiv},',
      '  url = {https://arxiv.org/abs/2410.10819}',
      '}',
    ].join('\n'));
  });

  it('keeps every bundled entry balanced in braces', () => {
    for (const p of testCorpus().papers) {
      const e = bibtex(p).replace(/\\[{}]/g, '');
      let depth = 0;
      for (const ch of e) {
        if (ch === '{') depth++;
        if (ch === '}') depth--;
        assert.ok(depth >= 0, `${p.id}: ${e}`);
      }
      assert.strictEqual(depth, 0, `${p.id}: ${e}`);
    }
  });

  it('braces a team author so BibTeX does not split it', () => {
    assert.match(bibtex(paper({ firstAuthor: 'Tencent Hunyuan Team' })), /author = \{\{Tencent Hunyuan Team\} and others\}/);
  });

  it('escapes markdown in link labels', () => {
    const md = markdownLink(paper({ title: 'A [bracketed] *title* with ALR$^2$', firstAuthor: 'Doe' }));
    assert.strictEqual(md, '[A \\[bracketed\\] \\*title\\* with ALR²](https://arxiv.org/abs/2401.00001) (Doe et al., 2024)');
  });

  it('formats by name and picks \\cite for LaTeX', () => {
    const p = testCorpus().paper('2410.10819')!;
    assert.strictEqual(formatReference(p, 'cite'), citeCommand(p));
    assert.strictEqual(formatReference(p, 'key'), 'xiao2024duoattention');
    assert.strictEqual(autoReferenceFormat('latex'), 'cite');
    assert.strictEqual(autoReferenceFormat('markdown'), 'markdown');
    assert.strictEqual(autoReferenceFormat('plaintext'), 'markdown');
  });
});
