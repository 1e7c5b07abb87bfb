import * as assert from 'assert';
import * as fc from 'fast-check';
import { ids, library } from './searchFixtures';

describe('search ranking (hand-made libraries)', () => {
  it('ranks a paper named by the query above papers that only mention it', () => {
    const lib = library([
      { id: 'mentions', title: 'Comparing attention methods', abstract: 'We compare Gizmo with Gizmo variants; Gizmo, Gizmo and Gizmo again beat baselines.' },
      { id: 'named', title: 'Gizmo: fast sparse attention', abstract: 'A method for sparse attention.', shortName: 'Gizmo' },
      { id: 'other', title: 'Sparse attention survey', abstract: 'Many sparse attention methods exist, including Gizmo.' },
    ]);
    assert.deepStrictEqual(ids(lib.search('gizmo')).slice(0, 1), ['named']);
    assert.deepStrictEqual(ids(lib.search('Gizmo')).slice(0, 1), ['named']);
  });

  it('returns every paper of an ambiguous name first', () => {
    const lib = library([
      { id: 'a', title: 'Whale: a recipe for long video', abstract: 'Video models.', shortName: 'Whale' },
      { id: 'b', title: 'Mentions whale many times', abstract: 'whale whale whale whale whale whale' },
      { id: 'c', title: 'WHALE: Design choices for retrieval', abstract: 'Retrieval choices.', shortName: 'WHALE' },
    ]);
    assert.deepStrictEqual(ids(lib.search('whale')).slice(0, 2).sort(), ['a', 'c']);
  });

  it('ranks papers with every query word above papers with some (AND first, then OR)', () => {
    const lib = library([
      // a name, a title and an abstract full of one query word, none of the other
      { id: 'one-word', title: 'Eviction', abstract: 'Eviction policies; eviction rates; eviction of everything; eviction.', shortName: 'Eviction' },
      // one weak hit on each word, deep in a long abstract
      { id: 'both-words', title: 'A study of systems', abstract: `We look at memory and at the eviction of a cache line, ${'among many other aspects of systems, '.repeat(8)}.` },
      { id: 'neither', title: 'Unrelated', abstract: 'Nothing here.' },
    ]);
    const hits = lib.search('cache eviction', { prefix: false });
    assert.deepStrictEqual(ids(hits), ['both-words', 'one-word']);
    // the AND tier wins although its paper scores lower by itself; scores still read as the order
    assert.ok(hits[1].score <= hits[0].score);
  });

  it('orders papers matching only a common (optional) word by score, after those matching the rare one', () => {
    const lib = library([
      { id: 'weak', title: 'Video', abstract: 'A video model with some context.' },
      { id: 'strong', title: 'Context', abstract: 'Context, context and context.' },
      { id: 'rare', title: 'Eviction', abstract: 'Evicting entries.' },
      { id: 'also', title: 'Context length', abstract: 'Longer context.' },
      { id: 'none', title: 'Protein folding', abstract: 'Amino acids.' },
    ]);
    const hits = lib.search('context eviction', { prefix: false, feedback: false });
    assert.deepStrictEqual(ids(hits), ['rare', 'strong', 'also', 'weak']);
    assert.ok(hits.every(h => h.score > 0));
  });

  it('puts a paper first when the query is its exact title', () => {
    const lib = library([
      { id: 'louder', title: 'Memory retrieval memory retrieval', abstract: 'Memory retrieval. Memory retrieval. Retrieval memory. Retrieval of memory, memory retrieval.' },
      { id: 'exact', title: 'Retrieval Memory', abstract: `A long abstract that ${'says many other things, '.repeat(12)} and once mentions memory and retrieval.` },
    ]);
    assert.deepStrictEqual(ids(lib.search('retrieval memory', { prefix: false })), ['exact', 'louder']);
    assert.deepStrictEqual(ids(lib.search('memory retrieval', { prefix: false })), ['louder', 'exact']);
  });

  it('lets alias and title hits outrank abstract hits', () => {
    const lib = library([
      { id: 'abstract', title: 'Efficient inference systems', abstract: 'Our system uses a rotation trick for quantization and quantization of rotation matrices.' },
      { id: 'title', title: 'Rotation-based quantization', abstract: 'We present a method.' },
    ]);
    assert.deepStrictEqual(ids(lib.search('rotation quantization', { prefix: false })), ['title', 'abstract']);
  });

  it('finds papers despite a typo, but prefers an exact word to a corrected one', () => {
    const lib = library([
      { id: 'transformer', title: 'Transformers for long documents', abstract: 'A transformer reads long documents.' },
      { id: 'other', title: 'Recurrent networks', abstract: 'A recurrent network reads documents.' },
    ]);
    assert.deepStrictEqual(ids(lib.search('transfromer', { prefix: false })), ['transformer']);
    assert.deepStrictEqual(ids(lib.search('long docuemnts', { prefix: false })), ['transformer', 'other']);
  });

  it('matches acronyms and their spelled-out forms both ways', () => {
    const lib = library([
      { id: 'acronym', title: 'Faster RAG pipelines', abstract: 'RAG with caching.' },
      { id: 'spelled', title: 'Retrieval-augmented generation at scale', abstract: 'Scaling retrieval augmented generation.' },
      { id: 'neither', title: 'Generation of images', abstract: 'Diffusion.' },
    ]);
    assert.deepStrictEqual(ids(lib.search('RAG', { prefix: false })).sort(), ['acronym', 'spelled']);
    assert.deepStrictEqual(ids(lib.search('retrieval augmented generation', { prefix: false })).slice(0, 2).sort(), ['acronym', 'spelled']);
  });

  it('completes the last word as it is typed, and only then', () => {
    const lib = library([
      { id: 'q', title: 'Quantization of caches', abstract: 'We quantize.' },
      { id: 'p', title: 'Pruning of caches', abstract: 'We prune.' },
    ]);
    assert.deepStrictEqual(ids(lib.search('quanti')), ['q']);
    assert.deepStrictEqual(ids(lib.search('quanti', { prefix: false })), []);
    assert.deepStrictEqual(ids(lib.search('caches quanti')), ['q', 'p']);
  });

  it('finds a CamelCase name by its words, its lowercase and its hyphenated spelling', () => {
    const lib = library([
      { id: 'name', title: 'FlashRetriever: fast retrieval heads', abstract: 'We present FlashRetriever.', shortName: 'FlashRetriever' },
      { id: 'flash', title: 'Flash memory for retrieval', abstract: 'Flash storage and retrieval.' },
    ]);
    for (const q of ['flashretriever', 'flash retriever', 'Flash-Retriever', 'FlashRetriever', 'flashretr']) {
      assert.strictEqual(ids(lib.search(q))[0], 'name', q);
    }
  });

  it('respects the limit, returns [] for an empty query, and scores never increase down the list', () => {
    const lib = library(Array.from({ length: 30 }, (_, i) => ({ id: String(i), title: `Attention variant ${i}`, abstract: `attention ${'memory '.repeat(i % 5)}` })));
    assert.strictEqual(lib.search('attention').length, 20);
    assert.strictEqual(lib.search('attention', { limit: 5 }).length, 5);
    assert.strictEqual(lib.search('attention', { limit: 0 }).length, 0);
    for (const q of ['', '   ', '\n\t']) assert.deepStrictEqual(lib.search(q), []);
    const hits = lib.search('attention memory', { limit: 30 });
    for (let i = 1; i < hits.length; i++) assert.ok(hits[i].score <= hits[i - 1].score);
  });

  it('gives the same answer every time, ties broken by library order', () => {
    const lib = library(Array.from({ length: 10 }, (_, i) => ({ id: `p${i}`, title: 'Identical title', abstract: 'Identical abstract.' })));
    const first = ids(lib.search('identical'));
    assert.deepStrictEqual(first, ['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8', 'p9']);
    assert.deepStrictEqual(ids(lib.search('identical')), first);
  });

  it('says which words matched, for highlighting', () => {
    const lib = library([{ id: 'a', title: 'Sequence parallelism', abstract: 'KV cache sharding.' }]);
    const [hit] = lib.search('sequnce kv', { prefix: false });
    assert.deepStrictEqual(hit.matches, ['sequence', 'kv']);
  });

  it('never throws on odd input and keeps its contract', () => {
    const lib = library([
      { id: 'a', title: 'E²-LLM: extreme length', abstract: 'Long context at 128K.' },
      { id: 'b', title: 'Qwen2.5-1M', abstract: 'One million tokens.' },
    ]);
    for (const q of ['\uD800', '🦒🦒', '‮‭', '\u0000', '^^^', '---', '"', '\\', '(', '*', '.'.repeat(10000), 'a'.repeat(100000), 'E²'.repeat(5000)]) {
      assert.ok(Array.isArray(lib.search(q)), q.slice(0, 10));
    }
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.integer({ min: 1, max: 5 }), fc.boolean(), (q, limit, prefix) => {
        const hits = lib.search(q, { limit, prefix });
        assert.ok(hits.length <= limit);
        for (let i = 1; i < hits.length; i++) assert.ok(hits[i].score <= hits[i - 1].score);
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same ranking on either index engine', () => {
    const specs = [
      { id: 'a', title: 'KV cache eviction with retaining heads', abstract: 'Evict KV entries from the key-value cache.', shortName: 'Evictor' },
      { id: 'b', title: 'Sequence parallelism for training', abstract: 'Parallel training over GPUs with long sequences.' },
      { id: 'c', title: 'Needle in a haystack', abstract: 'NIAH tests of long context models.', topics: ['memory'] },
      { id: 'd', title: 'Positional encodings', abstract: 'RoPE and rotary position embedding.', topics: ['vision'] },
    ];
    const compact = library(specs, 'compact');
    const mini = library(specs, 'minisearch');
    for (const q of ['kv cache', 'evictor', 'parallel seq', 'niah', 'rotary', 'long context models', 'sequnce']) {
      const a = compact.search(q);
      const b = mini.search(q);
      assert.deepStrictEqual(ids(a), ids(b), q);
      a.forEach((h, i) => assert.ok(Math.abs(h.score - b[i].score) < 1e-4 * Math.max(1, h.score), q));
    }
  });
});

describe('search ranking: ties break by evidence', () => {
  // One paper has every query word, once each in a long abstract; two others lack the rare word
  // ("trim") but say the rest in their titles, so their partial-match scores exceed the full
  // match's. The weaker of the two reads like the top paper, so feedback alone would lift it.
  const filler = Array.from({ length: 12 }, (_, i) => ({ id: `f${i}`, title: `Protein folding ${i}`, abstract: 'Amino acids, rain, gambits and pictures.' }));
  const study = 'We study serving systems for decoders under load, with schedulers, batching and queues';
  const lib = library([
    { id: 'all-words', title: 'A study of serving systems', abstract: `${study}; we trim what we can, look at a key, a cache and memory once each, ${'and many other aspects of serving systems, '.repeat(6)}.` },
    { id: 'strong', title: 'Key cache memory', abstract: 'The key cache holds memory; a cache of keys saves memory.' },
    { id: 'reads-alike', title: 'Key cache memory for serving systems', abstract: `${study}: a key cache in memory.` },
    ...filler,
  ]);

  it('orders the papers below the AND tier by their own evidence, each at its own score', () => {
    for (const feedback of [false, true]) {
      const hits = lib.search('trim key cache memory', { prefix: false, feedback });
      assert.deepStrictEqual(ids(hits), ['all-words', 'strong', 'reads-alike'], `feedback ${feedback}`);
      // scaled below the tier above, not clamped to it: the two partial matches keep their gap
      assert.ok(hits[2].score < hits[1].score && hits[1].score < hits[0].score, `${hits.map(h => h.score)}`);
    }
  });
});

describe('search ranking: an acronym and its spelled-out form are one concept', () => {
  // Every paper has search phrases, as in the corpus. One paper only says it evaluates beyond NIAH
  // (the acronym in its abstract and a phrase); two benchmarks are about it and spell it out; five
  // more mention needle-in-a-haystack tests in passing, so the spelled-out words are common and the
  // acronym rare.
  const lib = library([
    { id: 'avoids', title: 'Training long-context models', abstract: 'We evaluate on real tasks instead of simple needle-in-a-haystack (NIAH) tests.', searchPhrases: ['how to train long-context models', 'evaluating beyond NIAH', 'long-context data mix'] },
    { id: 'bench-a', title: 'A needle-in-a-haystack benchmark', abstract: 'A benchmark of long inputs for models.', searchPhrases: ['needle in a haystack benchmark', 'finding a fact in long inputs', 'long-context retrieval test'] },
    { id: 'bench-b', title: 'Multimodal needle in a haystack', abstract: 'A benchmark of many images for models.', searchPhrases: ['multimodal needle in a haystack', 'finding one image among many', 'long-context test for images'] },
    ...Array.from({ length: 5 }, (_, i) => ({ id: `aside${i}`, title: `Memory layers ${i}`, abstract: 'Our long memory passes needle in a haystack tests.', searchPhrases: ['memory layers for long inputs', 'remembering long documents'] })),
    ...Array.from({ length: 8 }, (_, i) => ({ id: `f${i}`, title: `Protein folding ${i}`, abstract: 'Amino acids and chains.', searchPhrases: ['protein structure', 'amino acid chains'] })),
  ]);

  it('ranks the papers about it above one that merely uses the rarer spelling, whichever is typed', () => {
    for (const q of ['NIAH', 'needle in a haystack']) {
      assert.deepStrictEqual(ids(lib.search(q, { prefix: false })).slice(0, 3), ['bench-b', 'bench-a', 'avoids'], q);
    }
  });
});
