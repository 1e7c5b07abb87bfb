// Weak matches: search still answers an off-topic query, but says that nothing matches it well.
import * as assert from 'assert';
import * as fc from 'fast-check';
import { isWeakResult } from '../../src/core/search';
import { WEAK_COVERAGE } from '../../src/core/search/paperSearch';
import { IN_FIELD_QUERIES, OFF_TOPIC_QUERIES } from '../../scripts/evalSearch';
import { ids, library, shippedSearch } from './searchFixtures';

describe('search: weak matches (hand-made library)', () => {
  const lib = library([
    { id: 'recipe', title: 'A training recipe for long context', abstract: 'We read long documents, broad and deep, and break them into chunks.' },
    { id: 'cache', title: 'Cache eviction for transformers', abstract: 'Transformers evict cache entries during decoding of long context.' },
    { id: 'video', title: 'Long video models', abstract: 'Video frames in long context transformers.', shortName: 'VidLong' },
    { id: 'memory', title: 'Memory for long context', abstract: 'Long context memory for transformers.' },
    ...Array.from({ length: 6 }, (_, i) => ({ id: `filler${i}`, title: `Long context study ${i}`, abstract: 'Long context transformers.' })),
  ]);
  const search = (q: string) => lib.search(q, { prefix: false });

  it('flags every hit when the query\'s telling words match nothing', () => {
    // "banana" no paper uses; "bread" only matches by guessing read / broad / break; "recipe" matches
    const hits = search('banana bread recipe');
    assert.strictEqual(ids(hits)[0], 'recipe', 'still answered, best first');
    assert.ok(hits.every(h => h.weak), JSON.stringify(hits.map(h => [h.paper.id, h.coverage])));
    assert.ok(isWeakResult(hits));
  });

  it('does not count a typo correction with rivals as close as it, but does count a sure one', () => {
    const guessed = search('bread');
    assert.ok(guessed.length > 0 && guessed.every(h => h.weak), 'read / broad / break are equally close');
    const typo = search('evcition');
    assert.strictEqual(ids(typo)[0], 'cache');
    assert.strictEqual(typo[0].weak, false, 'eviction is the one word this close');
  });

  it('counts words by how telling they are: common words alone do not make a match good', () => {
    // "long" and "context" are in every paper; "sourdough" in none
    assert.ok(isWeakResult(search('long context sourdough')));
    assert.ok(!isWeakResult(search('long context eviction')));
    const hits = search('long context eviction');
    assert.strictEqual(hits[0].paper.id, 'cache');
    assert.strictEqual(hits[0].coverage, 1);
    // the papers matching only the common words are weak matches of this query
    assert.ok(hits.slice(1).every(h => h.weak), JSON.stringify(hits.map(h => [h.paper.id, h.coverage])));
  });

  it('never flags a paper the query names, nor a query of request words only', () => {
    assert.strictEqual(search('VidLong')[0].weak, false);
    const filler = search('find papers');
    assert.ok(!isWeakResult(filler));
  });

  it('is not weak when the query matches well', () => {
    for (const q of ['cache eviction', 'video', 'transformers memory', 'evict']) assert.ok(!isWeakResult(search(q)), q);
  });

  it('stays bounded and weak on random letters, very long input and emoji', () => {
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const letters = (n: number, alphabet: string) => Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    for (const q of [letters(100_000, 'abcdefghijklmnopqrstuvwxyz'), letters(100_000, 'abcdefghijklmnopqrstuvwxyz    '), `${'zq '.repeat(50_000)}long`]) {
      const hits = lib.search(q, { limit: 50 });
      assert.ok(hits.length <= 50);
      assert.ok(hits.every(h => h.weak), q.slice(0, 40));
    }
    assert.deepStrictEqual(lib.search('🍌🍞'), []);
    assert.deepStrictEqual(lib.search(''), []);
    assert.strictEqual(isWeakResult([]), false, 'no hits is "no match", not a weak one');
  });

  it('gives every hit a coverage in [0, 1] and weak exactly below the threshold, on any input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.boolean(), (q, prefix) => {
        for (const h of lib.search(q, { prefix })) {
          assert.ok(h.coverage !== undefined && h.coverage >= 0 && h.coverage <= 1 + 1e-9, `${q}: ${h.coverage}`);
          assert.strictEqual(h.weak, (h.coverage as number) < WEAK_COVERAGE);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('search: weak matches over the bundled corpus', () => {
  const search = (q: string) => shippedSearch().search(q, { limit: 50, prefix: false });

  it('says nothing matches well for queries off the field', () => {
    // invented off-topic queries (scripts/evalSearch.ts), less the one whose words code papers use
    const offTopic = OFF_TOPIC_QUERIES.filter(q => q !== 'python list comprehension syntax');
    // (some match nothing at all: the picker then says "No papers match")
    assert.deepStrictEqual(offTopic.filter(q => search(q).some(h => !h.weak)), []);
  });

  it('does not say so for questions and paraphrases in the field', () => {
    // invented as a searcher of the field would type them (scripts/evalSearch.ts), not the dev queries
    assert.deepStrictEqual(IN_FIELD_QUERIES.filter(q => isWeakResult(search(q))), []);
  });
});
