import * as assert from 'assert';
import { makeCorpusFrequency, makeTokenFrequency } from '../../src/core/library/nameDerivation';
import { corpusData } from './testCorpus';

describe('corpus frequency of names', () => {
  it('the one-pass token count agrees with the exact scan for the names of the bundled corpus', () => {
    const texts = corpusData().papers.map(p => `${p.title}\n${p.abstract}`);
    const exact = makeCorpusFrequency(texts);
    const fast = makeTokenFrequency(texts);
    const names = [...new Set(corpusData().papers.flatMap(p => p.aliases.map(a => a.name)).filter(n => !/\s/.test(n)))];
    assert.ok(names.length > 150, String(names.length));
    const differ = names.filter(n => exact(n) !== fast(n)).map(n => `${n}: ${exact(n)} vs ${fast(n)}`);
    assert.deepStrictEqual(differ, []);
  });

  it('counts texts, not occurrences, and bounds a multi-word name by its rarest word', () => {
    const f = makeTokenFrequency(['KVQuant and KVQuant.', 'we use KVQuant', 'Ring Attention scales', 'Ring buffers']);
    assert.strictEqual(f('KVQuant'), 2);
    assert.strictEqual(f('Ring Attention'), 1);
    assert.strictEqual(f('Nope'), 0);
    assert.strictEqual(f('KV'), 0, 'not inside a longer token');
  });
});
