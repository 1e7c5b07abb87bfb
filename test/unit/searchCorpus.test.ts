// The search over the real bundled corpus: names first, typos, related papers.
import * as assert from 'assert';
import { PaperSearch } from '../../src/core/search';
import { ids, library, shippedSearch } from './searchFixtures';
import { testCorpus } from './testCorpus';

let search: PaperSearch | undefined;
function corpusSearch(): PaperSearch {
  const c = testCorpus();
  return (search ??= new PaperSearch(c.papers, c.topics));
}
const titleOf = (id: string) => testCorpus().paper(id)?.title;

describe('search over the bundled corpus', () => {
  it('puts the paper(s) of an exact name first, for every name in the corpus', () => {
    const c = testCorpus();
    const s = corpusSearch();
    const failures: string[] = [];
    for (const p of c.papers) {
      for (const name of [p.shortName, ...p.aliases.map(a => a.name)]) {
        if (!name) continue;
        const owners = c.lookup(name).map(x => x.id).sort();
        const top = ids(s.search(name, { limit: owners.length })).sort();
        if (JSON.stringify(top) !== JSON.stringify(owners)) failures.push(`${name}: ${top.join(',')} ≠ ${owners.join(',')}`);
      }
    }
    assert.deepStrictEqual(failures, []);
  });

  it('finds LongLoRA as "long lora" and "longlora", DuoAttention in any case, both Giraffes for "giraffe"', () => {
    const s = corpusSearch();
    for (const q of ['long lora', 'longlora', 'Long-LoRA', 'LongLoRA']) assert.strictEqual(titleOf(ids(s.search(q))[0])?.startsWith('LongLoRA'), true, q);
    for (const q of ['DuoAttention', 'duoattention', 'duo attention']) assert.strictEqual(ids(s.search(q))[0], '2410.10819', q);
    assert.deepStrictEqual(ids(s.search('giraffe')).slice(0, 2).sort(), ['2308.10882', '2412.12735']);
    assert.strictEqual(ids(s.search('E²-LLM'))[0], '2401.06951');
    assert.strictEqual(ids(s.search('qwen2.5-1m'))[0], '2501.15383');
  });

  it('finds names while they are typed', () => {
    const s = corpusSearch();
    for (const [typed, id] of [['duoatt', '2410.10819'], ['kvqu', '2401.18079'], ['locr', '2410.01805'], ['hyperatt', '2310.05869']]) {
      assert.strictEqual(ids(s.search(typed))[0], id, typed);
    }
  });

  it('tolerates typos in names and words', () => {
    const s = corpusSearch();
    assert.strictEqual(ids(s.search('duoatention', { prefix: false }))[0], '2410.10819');
    assert.strictEqual(ids(s.search('hyperatention', { prefix: false }))[0], '2310.05869');
    assert.ok(ids(s.search('rotary positon embedding', { prefix: false })).length > 0);
    assert.ok(ids(s.search('kv cahce quantizaton', { prefix: false })).slice(0, 3).includes('2401.18079'));
  });

  it('answers a question by its content words', () => {
    const s = corpusSearch();
    const plain = ids(s.search('retaining heads eviction', { prefix: false }));
    const asked = ids(s.search('which papers are about retaining heads for eviction?', { prefix: false }));
    assert.strictEqual(asked[0], plain[0]);
    assert.strictEqual(asked[0], '2410.01805');
  });

  it('ranks the needle-in-a-haystack benchmarks first for "NIAH", not a paper that only says it goes beyond NIAH', () => {
    const top = ids(shippedSearch().search('NIAH', { prefix: false }));
    // Needle Threading and MMNeedle (spelled out in their titles) first, LongBioBench (a coherent
    // NIAH alternative) soon after; ProLong only evaluates "instead of simple NIAH tests"
    assert.deepStrictEqual(top.slice(0, 2).sort(), ['2406.11230', '2411.05000']);
    assert.ok(top.slice(0, 4).includes('2506.02921'), top.join());
    assert.ok(top.indexOf('2410.02660') > 1, top.join());
  });

  it('answers "how do I cut KV cache memory at inference" with KV cache papers in evidence order, not tied', () => {
    const hits = shippedSearch().search('how do I cut KV cache memory at inference', { prefix: false });
    // KVQuant (KV cache quantization for long-context inference) among the first three
    assert.ok(ids(hits).slice(0, 3).includes('2401.18079'), ids(hits).join());
    const scores = hits.slice(0, 10).map(h => h.score);
    assert.strictEqual(new Set(scores).size, scores.length, `tied scores: ${scores.join(', ')}`);
    assert.ok(hits.slice(0, 5).filter(h => h.paper.topics.includes('kv-cache')).length >= 4, ids(hits).join());
  });

  it('lists related papers: never the paper itself, topic neighbours first, deterministic', () => {
    const s = corpusSearch();
    const c = testCorpus();
    for (const p of c.papers) {
      const related = s.related(p.id, 5);
      assert.ok(related.length > 0, p.id);
      assert.ok(!related.some(h => h.paper.id === p.id), p.id);
    }
    const locret = s.related('2410.01805', 5);
    assert.deepStrictEqual(ids(locret), ids(s.related('2410.01805', 5)));
    assert.ok(locret.every(h => h.paper.topics.includes('kv-cache')), ids(locret).join());
    assert.deepStrictEqual(s.related('no-such-id'), []);
  });
});

describe('related papers (hand-made library)', () => {
  const lib = library([
    { id: 'seed', title: 'Haystack retrieval with needle probes', abstract: 'Needle probes find facts in a haystack of tokens.', topics: ['memory'] },
    // the same text as the next one, and earlier in the library: only the shared topic ranks it lower
    { id: 'other-topic', title: 'Needle probes revisited', abstract: 'We revisit needle probes in a haystack.', topics: ['vision'] },
    { id: 'same-topic', title: 'Needle probes revisited', abstract: 'We revisit needle probes in a haystack.', topics: ['memory'] },
    { id: 'unrelated', title: 'Image generation', abstract: 'Diffusion models draw pictures.', topics: ['memory'] },
  ]);

  it('excludes the paper, prefers the same topic among equally similar papers, skips unrelated ones', () => {
    const related = ids(lib.related('seed'));
    assert.deepStrictEqual(related, ['same-topic', 'other-topic']);
  });

  it('honours the limit', () => {
    assert.deepStrictEqual(ids(lib.related('seed', 1)), ['same-topic']);
    assert.deepStrictEqual(lib.related('seed', 0), []);
  });
});
