import * as assert from 'assert';
import { classifyUrl, cleanUrl, extractUrls, paperLinks } from '../../src/core/library/links';

describe('links', () => {
  it('cleans trailing punctuation and LaTeX debris', () => {
    const cases: [string, string | undefined][] = [
      ['https://github.com/mit-han-lab/duo-attention.', 'https://github.com/mit-han-lab/duo-attention'],
      ['https://github.com/wenhaoli-xmu/seco{here}.', 'https://github.com/wenhaoli-xmu/seco'],
      ['https://github.com/OpenLMLab/LEval}.', 'https://github.com/OpenLMLab/LEval'],
      ['https://github.com/Alibaba-NLP/LaRA{https://github.com/Alibaba-NLP/LaRA}.', 'https://github.com/Alibaba-NLP/LaRA'],
      ['https://execrepobench.github.io/}.', 'https://execrepobench.github.io/'],
      ['https://huggingface.co/collections/ibm-granite,', 'https://huggingface.co/collections/ibm-granite'],
      ['https://en.wikipedia.org/wiki/Foo_(bar)).', 'https://en.wikipedia.org/wiki/Foo_(bar)'],
      ['https://example.com/a";', 'https://example.com/a'],
    ];
    for (const [raw, clean] of cases) assert.strictEqual(cleanUrl(raw), clean, raw);
  });

  it('drops URLs that are broken after cleaning', () => {
    for (const raw of ['https://', 'https://github', 'https://.com/x', 'https://exa mple.com', 'javascript:alert(1)']) {
      assert.strictEqual(cleanUrl(raw), undefined, raw);
    }
  });

  it('extracts URLs glued to LaTeX commands, once each', () => {
    const text = 'for programming development\\url{https://execrepobench.github.io/}. Code at https://github.com/a/b. Again https://github.com/a/b';
    assert.deepStrictEqual(extractUrls(text), ['https://execrepobench.github.io/', 'https://github.com/a/b']);
  });

  it('classifies links by host and by the words before them', () => {
    assert.strictEqual(classifyUrl('https://github.com/a/b'), 'code');
    assert.strictEqual(classifyUrl('https://huggingface.co/NexaAIDev/Dolphin'), 'model');
    assert.strictEqual(classifyUrl('https://huggingface.co/datasets/x/y'), 'data');
    assert.strictEqual(classifyUrl('https://aka.ms/LongMem', 'Our code is open-sourced at '), 'code');
    assert.strictEqual(classifyUrl('https://x.github.io/demo/', 'Audio samples are available at '), 'project');
  });

  it('always gives arXiv and Hugging Face pages first', () => {
    const links = paperLinks('2410.10819', 'Code is provided in https://github.com/mit-han-lab/duo-attention.');
    assert.deepStrictEqual(links.map(l => [l.kind, l.url]), [
      ['arxiv', 'https://arxiv.org/abs/2410.10819'],
      ['huggingface', 'https://huggingface.co/papers/2410.10819'],
      ['code', 'https://github.com/mit-han-lab/duo-attention'],
    ]);
  });
});
