import * as assert from 'assert';
import { feedbackTerms, rerankWithFeedback } from '../../src/core/search/feedback';
import type { RankedDocument } from '../../src/core/search/ranker';
import { CompactTermIndex, type DocumentTerms } from '../../src/core/search/termIndex';
import { ids, library } from './searchFixtures';

function doc(abstract: string): DocumentTerms {
  return { names: [], title: [], abstract: abstract.split(' '), topics: [], phrases: [] };
}

describe('search: pseudo-relevance feedback', () => {
  it('sums up the top papers by share × frequency / length × idf, heaviest first, scaled to 1', () => {
    const idf = (t: string) => ({ rare: 4, common: 1, other: 2 })[t] ?? 0;
    const terms = feedbackTerms(
      [
        { terms: ['rare', 'common', 'common', 'unknown'], share: 1 },
        { terms: ['other', 'rare'], share: 0.5 },
        { terms: ['other'], share: 0 },
      ],
      idf,
      2,
    );
    // rare: 1·1/4·4 + 0.5·1/2·4 = 2; common: 1·2/4·1 = 0.5; other: 0.5·1/2·2 = 0.5; unknown: 0
    assert.deepStrictEqual(terms.map(t => t.term), ['rare', 'common']);
    assert.deepStrictEqual(terms.map(t => t.weight), [1, 0.25]);
    assert.deepStrictEqual(feedbackTerms([], idf, 5), []);
  });

  it('lifts a candidate that shares the feedback vocabulary, keeping pinned papers and tiers in place', () => {
    const index = CompactTermIndex.build([doc('alpha'), doc('gamma'), doc('beta delta'), doc('zeta'), doc('beta beta beta')]);
    const ranked: RankedDocument[] = [
      { doc: 3, score: 9, tierScore: 9, share: 1, clauseMask: 1, tier: 0 }, // pinned (an exact name hit)
      { doc: 0, score: 5, tierScore: 5, share: 1, clauseMask: 1, tier: 1 },
      { doc: 1, score: 4, tierScore: 4, share: 1, clauseMask: 1, tier: 1 },
      { doc: 2, score: 4, tierScore: 4, share: 1, clauseMask: 1, tier: 1 },
      { doc: 4, score: 1, tierScore: 1, share: 1, clauseMask: 0, tier: 2 }, // a lower tier, however well it matches the feedback
    ];
    const out = rerankWithFeedback(ranked, index, [{ term: 'beta', weight: 1 }], undefined, 0.5);
    assert.deepStrictEqual(out.map(r => r.doc), [3, 2, 0, 1, 4]);
    for (let i = 1; i < out.length; i++) assert.ok(out[i].score <= out[i - 1].score);
    // without feedback terms nothing moves
    assert.deepStrictEqual(rerankWithFeedback(ranked, index, []).map(r => r.doc), [3, 0, 1, 2, 4]);
  });

  it('ranks the paper that reads like the best match above an equal match that does not', () => {
    const lib = library([
      { id: 'seed', title: 'Serving long prompts on GPU clusters', abstract: 'Distributed serving of long prompts: we schedule requests across GPU instances and share the KV cache between instances.' },
      // shares the seed's vocabulary, but only one query word, in its abstract
      { id: 'like-seed', title: 'A scheduler', abstract: 'Prompts: we schedule requests across GPU instances and share the KV cache between distributed instances.' },
      // one query word, in a short abstract: a slightly better match by the query's words alone
      { id: 'unlike-seed', title: 'Poetry', abstract: 'Prompts for jokes and riddles.' },
      { id: 'unrelated', title: 'Protein folding', abstract: 'Amino acid chains.' },
      { id: 'unrelated-2', title: 'Weather forecasts', abstract: 'Rain and sun.' },
      { id: 'unrelated-3', title: 'Chess openings', abstract: 'Gambits and defences.' },
    ]);
    const query = 'serving prompts';
    assert.deepStrictEqual(ids(lib.search(query, { prefix: false, feedback: false })).slice(1), ['unlike-seed', 'like-seed']);
    assert.deepStrictEqual(ids(lib.search(query, { prefix: false })), ['seed', 'like-seed', 'unlike-seed']);
  });
});

describe('search: curated search phrases', () => {
  it('finds a paper by words only its search phrases use', () => {
    const lib = library([
      { id: 'phrased', title: 'Adaptive parallel encoding', abstract: 'Contexts are encoded separately and attended to together.', searchPhrases: ['faster prefill for retrieved documents'] },
      { id: 'says-it', title: 'Prefill scheduling', abstract: 'We make prefill faster by chunking it.' },
      { id: 'neither', title: 'Long video', abstract: 'Frames and frames.' },
    ]);
    assert.deepStrictEqual(ids(lib.search('prefill', { prefix: false })).sort(), ['phrased', 'says-it']);
    assert.deepStrictEqual(ids(lib.search('retrieved documents', { prefix: false })), ['phrased']);
  });
});
