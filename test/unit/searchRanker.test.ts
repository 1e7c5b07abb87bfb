import * as assert from 'assert';
import type { Clause } from '../../src/core/search/queryPlan';
import { Ranker, topK } from '../../src/core/search/ranker';
import type { Postings, TermIndex } from '../../src/core/search/termIndex';

/** A term index given as term → [doc, score] pairs. */
function fakeIndex(docCount: number, postings: Record<string, [number, number][]>): TermIndex {
  return {
    docCount,
    postings(term: string): Postings | undefined {
      const list = postings[term];
      return list && { docs: list.map(p => p[0]), scores: list.map(p => p[1]) };
    },
  };
}
const clause = (label: string, ...alternatives: [string[], number][]): Clause => ({
  label,
  required: true,
  informativeness: 1,
  alternatives: alternatives.map(([terms, weight]) => ({ terms, weight, label: terms.join(' ') })),
});

describe('search ranker', () => {
  it('scores a clause by its best alternative, not the sum of its alternatives', () => {
    // doc 0 spells the thing two ways (kv 3, key+value 2); doc 1 once, more strongly (kv 4)
    const ranker = new Ranker(fakeIndex(2, { kv: [[0, 3], [1, 4]], key: [[0, 1]], value: [[0, 1]] }));
    const hits = ranker.search([clause('kv', [['kv'], 1], [['key', 'value'], 1])], 10, []);
    assert.deepStrictEqual(hits.map(h => [h.doc, h.score]), [[1, 4], [0, 3]]);
  });

  it('requires every term of a several-term alternative', () => {
    const ranker = new Ranker(fakeIndex(3, { needle: [[0, 1], [1, 1]], haystack: [[1, 1], [2, 1]] }));
    const hits = ranker.search([clause('niah', [['needle', 'haystack'], 1])], 10, []);
    assert.deepStrictEqual(hits.map(h => h.doc), [1]);
    assert.strictEqual(hits[0].score, 2);
  });

  it('ranks exact names, then all-clause matches, then partial matches scaled by their share', () => {
    const ranker = new Ranker(fakeIndex(4, { a: [[0, 1], [1, 10], [3, 1]], b: [[0, 1], [2, 9], [3, 1]] }));
    const hits = ranker.search([clause('a', [['a'], 1]), clause('b', [['b'], 1])], 10, [3]);
    assert.deepStrictEqual(hits.map(h => h.doc), [3, 0, 1, 2]);
    // scores read as the order: the partial matches (10 / 2, 9 / 2) are scaled to fit below the AND
    // tier's 2 — the first at 2 × its share of 1/2 — keeping their ratio (not both clamped to 2)
    assert.deepStrictEqual(hits.map(h => h.tierScore), [2, 2, 5, 4.5]);
    assert.deepStrictEqual(hits.map(h => h.score), [2, 2, 1, 0.9]);
  });

  it('leaves no state behind between queries', () => {
    const ranker = new Ranker(fakeIndex(2, { a: [[0, 1]], b: [[1, 1]] }));
    ranker.search([clause('a', [['a'], 1])], 10, []);
    const hits = ranker.search([clause('b', [['b'], 1])], 10, []);
    assert.deepStrictEqual(hits.map(h => [h.doc, h.score]), [[1, 1]]);
  });

  it('selects the top k in order with ties broken by the comparator', () => {
    const values = [5, 1, 9, 3, 9, 7, 0];
    const better = (a: number, b: number) => values[a] > values[b] || (values[a] === values[b] && a < b);
    assert.deepStrictEqual(topK([0, 1, 2, 3, 4, 5, 6], 3, better), [2, 4, 5]);
    assert.deepStrictEqual(topK([0, 1, 2], 0, better), []);
    assert.deepStrictEqual(topK([0, 1, 2, 3, 4, 5, 6], 10, better), [2, 4, 5, 0, 3, 1, 6]);
  });
});
