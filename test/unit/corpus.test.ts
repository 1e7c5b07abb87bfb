import * as assert from 'assert';
import { readData, testCorpus } from './testCorpus';

describe('bundled corpus', () => {
  const corpus = testCorpus();
  const { seed, metadata } = readData();
  const sourceLines = new Set(seed.split(/\r?\n/));

  it('has the 129 papers of the listing, titles and abstracts exactly as written there', () => {
    assert.strictEqual(corpus.size, 129);
    for (const p of corpus.papers) {
      assert.ok(sourceLines.has(p.title), `title not a source line: ${p.title}`);
      assert.ok(sourceLines.has(p.abstract), `abstract of ${p.id} not a source line`);
    }
    assert.strictEqual(new Set(corpus.papers.map(p => p.title)).size, 129);
  });

  it('gives every paper its arXiv id, date and first author from the metadata', () => {
    for (const m of metadata) {
      const p = corpus.paper(m.arxiv);
      assert.ok(p, m.arxiv);
      assert.match(p.id, /^\d{4}\.\d{4,5}$/);
      assert.deepStrictEqual([p.title, p.year, p.month, p.firstAuthor], [m.title, m.year, m.month, m.first_author]);
    }
  });

  it('gives every paper a primary topic (at most three), and a name or an explicit "no short name"', () => {
    for (const p of corpus.papers) {
      assert.ok(p.topics.length >= 1 && p.topics.length <= 3, p.id);
      assert.ok(corpus.topic(p.topics[0]), `${p.id}: unknown primary topic ${p.topics[0]}`);
      assert.ok(p.aliases.length > 0 || p.shortName === null, `${p.id} has no alias and no "no short name" mark`);
    }
  });

  it('has 8-16 topics, none with fewer than 3 papers', () => {
    assert.ok(corpus.topics.length >= 8 && corpus.topics.length <= 16, String(corpus.topics.length));
    for (const t of corpus.topics) assert.ok(corpus.papersInTopic(t.id).length >= 3, t.id);
  });

  it('has clean links only', () => {
    for (const p of corpus.papers) {
      assert.strictEqual(p.links[0].url, `https://arxiv.org/abs/${p.id}`);
      assert.strictEqual(p.links[1].url, `https://huggingface.co/papers/${p.id}`);
      for (const l of p.links) {
        assert.doesNotThrow(() => new URL(l.url), l.url);
        assert.ok(!/[{}\\]|[.,;:)]$/.test(l.url), `${p.id}: unclean ${l.url}`);
      }
    }
  });

  it('knows the names people write, and which are risky', () => {
    const one = (name: string) => {
      const found = corpus.lookup(name);
      assert.strictEqual(found.length, 1, `${name}: ${found.map(p => p.id).join(', ')}`);
      return found[0];
    };
    assert.strictEqual(one('DuoAttention').id, '2410.10819');
    assert.strictEqual(one('duo-attention').id, '2410.10819');
    assert.strictEqual(one('KVQuant').id, '2401.18079');
    assert.strictEqual(one('LongMem').id, '2306.07174');
    assert.strictEqual(one('CLEX').id, '2310.16450');
    assert.strictEqual(one('arXiv:2410.10819v2').id, '2410.10819');
    assert.strictEqual(corpus.lookup('Giraffe').length, 2);
    assert.strictEqual(corpus.lookup('M1').length, 2);
    for (const [name, id] of [['Dolphin', '2408.15518'], ['Titans', '2501.00663'], ['Yi', '2403.04652'], ['APE', '2502.05431'], ['ATLAS', '2505.23735'], ['Synapse', '2306.07863']]) {
      const alias = corpus.paper(id)?.aliases.find(a => a.name === name);
      assert.ok(alias?.strict, `${name} should be strict`);
    }
    for (const id of ['2412.12735', '2308.10882']) assert.ok(corpus.paper(id)?.aliases.some(a => a.ambiguous && /giraffe/i.test(a.name)));
  });
});
