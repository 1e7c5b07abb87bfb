import * as assert from 'assert';
import { citeContext } from '../../src/core/references/citeContext';

describe('citation context', () => {
  it('finds the key being typed inside \\cite-like commands', () => {
    assert.deepStrictEqual(citeContext('as shown by \\cite{'), { partial: '', keyStart: 18 });
    assert.deepStrictEqual(citeContext('\\citep[p.~3]{xiao2024duo'), { partial: 'xiao2024duo', keyStart: 13 });
    assert.deepStrictEqual(citeContext('\\textcite{a, hoop'), { partial: 'hoop', keyStart: 13 });
    assert.deepStrictEqual(citeContext('\\autocite*[see][]{'), { partial: '', keyStart: 18 });
  });

  it('is undefined outside a citation', () => {
    assert.strictEqual(citeContext('plain text {'), undefined);
    assert.strictEqual(citeContext('\\cite{a} and then'), undefined);
    assert.strictEqual(citeContext('\\section{Intro'), undefined);
  });
});
