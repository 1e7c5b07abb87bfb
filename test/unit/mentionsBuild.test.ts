// The detector's build structures for large libraries (typed-array trie, topic bit sets, one-pass
// word ids) against the plain computations they replaced, on random and hand-made input.
import * as assert from 'assert';
import fc from 'fast-check';
import { createHits, NameTrie } from '../../src/core/mentions/automaton';
import { normalizeName } from '../../src/core/mentions/chars';
import { TopicPairs } from '../../src/core/mentions/topicPairs';
import { keysOf, PaperWords } from '../../src/core/mentions/wordIds';
import { tokens } from '../../src/core/mentions/words';
import { paper } from './mentionFixtures';

/** Every name (by index) that starts at `start`: the plain definition a walk must agree with. */
function naiveWalk(names: string[], text: string, start: number): string[] {
  const out: string[] = [];
  for (const [i, name] of names.entries()) {
    const units = normalizeName(name);
    if (!units.length) continue;
    // The text's units from `start`, blank runs (without a blank line) as one space.
    let j = start;
    let k = 0;
    while (k < units.length && j < text.length) {
      const c = text.charCodeAt(j);
      if (/\s/.test(text[j]) && ' \t\n\r\u00a0'.includes(text[j])) {
        let newlines = 0;
        while (j < text.length && ' \t\n\r\u00a0'.includes(text[j])) if (text[j++] === '\n') newlines++;
        if (newlines > 1 || units[k] !== 32) break;
        k++;
        continue;
      }
      if (normalizeName(String.fromCharCode(c))[0] !== units[k]) break;
      j++;
      k++;
    }
    if (k === units.length) out.push(`${i}@${j}`);
  }
  return out.sort();
}

describe('mention detector build structures', () => {
  it('the trie finds every name starting at every offset, as a plain comparison does', () => {
    const word = fc.constantFrom('kv', 'KV', 'cache', 'Cache', 'a', 'long', 'lora', 'LoRA', 'x', 'é', 'of', 'the');
    const name = fc.array(word, { minLength: 1, maxLength: 4 }).map(ws => ws.join(' '));
    fc.assert(
      fc.property(fc.array(name, { minLength: 1, maxLength: 40 }), fc.array(word, { maxLength: 30 }), (names, textWords) => {
        const trie = new NameTrie<number>();
        names.forEach((n, i) => trie.add(n, i));
        const text = textWords.join(' ');
        const hits = createHits(2);
        for (let start = 0; start < text.length; start++) {
          trie.walk(text, start, hits);
          const got: string[] = [];
          for (let h = 0; h < hits.count; h++) for (const i of trie.group(hits.groups[h])) got.push(`${i}@${hits.ends[h]}`);
          assert.deepStrictEqual(got.sort(), naiveWalk(names, text, start), `at ${start} of ${JSON.stringify(text)}`);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('the trie makes one node per distinct prefix, however many names share it', () => {
    const trie = new NameTrie<number>();
    const names = Array.from({ length: 500 }, (_, i) => `Attention Title ${i}`);
    names.forEach((n, i) => trie.add(n, i));
    const prefixes = new Set<string>();
    for (const n of names) for (let k = 1; k <= n.length; k++) prefixes.add(n.slice(0, k).toLowerCase());
    assert.strictEqual(trie.size, prefixes.size + 1);
  });

  it('topic bit sets answer as comparing topic lists does, past 32 topics', () => {
    const topics = Array.from({ length: 70 }, (_, i) => `t${i}`);
    const papers = Array.from({ length: 60 }, (_, i) => paper({ title: `P${i}`, topics: [topics[(i * 7) % 70], topics[(i * 13 + 5) % 70]].slice(0, 1 + (i % 2)) }));
    const pairs = new TopicPairs(papers);
    for (let p = 0; p < papers.length; p++) {
      for (let q = 0; q < papers.length; q++) {
        assert.strictEqual(pairs.share(p, q), papers[q].topics.some(t => papers[p].topics.includes(t)), `${p} ${q}`);
      }
    }
  });

  it('word ids: keys, title keys, title pairs and citing papers as the per-paper sets gave them', () => {
    const papers = [
      paper({ title: 'Heron: Streaming Memory for Long Inputs', arxivTitle: 'Heron — the streaming memory', abstract: 'We present Heron, a streaming memory. Otter reads less.' }),
      paper({ title: 'Otter of the River', abstract: 'Otter builds on Heron and streaming heads (SH).' }),
      paper({ title: 'Ünïcode Wörds 𝐱 Model', abstract: 'Téxt with 𝐱 and marks e\u0301 here.' }),
    ];
    const words = new PaperWords(papers);
    papers.forEach((p, i) => {
      const keys = [...new Set(keysOf([p.title, p.arxivTitle ?? '', p.abstract].join('\n')))];
      assert.deepStrictEqual([...words.keys[i]], keys.map(k => words.idOf(k)));
      const titleKeys = new Set(keysOf(`${p.title}\n${p.arxivTitle ?? ''}`));
      assert.deepStrictEqual([...words.inTitle[i]], keys.map(k => (titleKeys.has(k) ? 1 : 0)));
      const pairs: number[] = [];
      for (const title of [p.title, p.arxivTitle ?? '']) {
        const ids = keysOf(title).map(k => words.idOf(k));
        for (let k = 1; k < ids.length; k++) pairs.push(ids[k - 1], ids[k]);
      }
      assert.deepStrictEqual([...words.titlePairs[i]], pairs);
    });
    for (const w of ['Heron', 'Otter', 'streaming', '𝐱', 'e\u0301', 'nothing']) {
      const using = papers.flatMap((p, i) => (tokens([p.title, p.arxivTitle ?? '', p.abstract].join('\n')).some(t => t.text === w) ? [i] : []));
      assert.deepStrictEqual([...words.papersUsing(w)], using, w);
    }
  });
});
