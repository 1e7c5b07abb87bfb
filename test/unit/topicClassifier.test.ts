import * as assert from 'assert';
import { TopicClassifier } from '../../src/core/library/topicClassifier';
import { testCorpus } from './testCorpus';

describe('topic classifier (user papers into the curated topics)', () => {
  const corpus = testCorpus();

  it('puts a held-out bundled paper in its curated primary topic most of the time (leave-one-out)', () => {
    let primary = 0;
    let any = 0;
    let none = 0;
    for (const held of corpus.papers) {
      const classifier = new TopicClassifier(corpus.topics, corpus.papers.filter(p => p !== held));
      const guess = classifier.classify(held);
      if (!guess.topics.length) none++;
      if (guess.topics[0] === held.topics[0]) primary++;
      if (guess.topics.some(t => held.topics.includes(t))) any++;
    }
    const n = corpus.size;
    console.log(`      leave-one-out on ${n} papers: primary topic ${(primary / n).toFixed(3)}, any curated topic ${(any / n).toFixed(3)}, none ${none}`);
    assert.ok(primary / n >= 0.65, `primary ${primary}/${n}`);
    assert.ok(any / n >= 0.85, `any ${any}/${n}`);
    assert.ok(none / n <= 0.05, `none ${none}/${n}`);
  });

  it('leaves a paper from another field without a topic', () => {
    const classifier = new TopicClassifier(corpus.topics, corpus.papers);
    for (const paper of [
      { title: 'Sourdough Starter Microbiomes Across Bakeries', abstract: 'We sample lactic acid bacteria and yeasts from sourdough starters in forty bakeries and compare fermentation rates and flavour compounds.' },
      { title: 'Deep Residual Learning for Image Recognition', abstract: 'Deeper neural networks are more difficult to train. We present a residual learning framework to ease the training of networks that are substantially deeper than those used previously, and win the ImageNet classification challenge.' },
      { title: 'Migration Routes of Arctic Terns', abstract: 'Tracking data from geolocators show that arctic terns fly a figure-eight route over the Atlantic between breeding and wintering grounds.' },
    ]) {
      const guess = classifier.classify(paper);
      assert.deepStrictEqual(guess.topics, [], `${paper.title}: ${JSON.stringify(guess.scores.slice(0, 2))}`);
    }
  });

  it('puts an unseen paper about KV cache quantization in the KV cache topic', () => {
    const classifier = new TopicClassifier(corpus.topics, corpus.papers);
    // An abstract of the usual length (bibliographies and arXiv carry the whole of it).
    const guess = classifier.classify({
      title: 'Squish: Two-Bit Key-Value Cache Quantization with Per-Token Scales for Long-Context LLM Inference',
      abstract: 'Large language models are increasingly used with long contexts, from document question answering to repository-level code, '
        + 'but serving them is limited by the memory of the key-value cache, which grows linearly with the context length and the batch size. '
        + 'Existing quantization methods keep the cache in four or eight bits and lose accuracy below that, because outlier channels in the keys '
        + 'dominate the quantization error. We propose Squish, which quantizes keys per channel and values per token to two bits, keeps a small '
        + 'window of recent tokens in full precision, and evicts tokens whose accumulated attention scores stay low. On LongBench and RULER, '
        + 'Squish cuts the memory of the cache by 8x and raises throughput by 3.1x with less than one point of accuracy lost, and it extends '
        + 'the context a single GPU can serve from 32K to 256K tokens for a 7B model.',
    });
    assert.strictEqual(guess.topics[0], 'kv-cache');
    const byTitle = classifier.classify({ title: 'Two-Bit Key-Value Cache Quantization for Long-Context LLM Inference', abstract: '' });
    assert.strictEqual(byTitle.topics[0], 'kv-cache', 'a title alone can be enough');
  });
});
