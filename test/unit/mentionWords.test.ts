import * as assert from 'assert';
import { evidenceKey, stem } from '../../src/core/mentions/words';

describe('mention evidence words', () => {
  it('give a verb the same stem in every form, "-ied" past tenses too', () => {
    for (const family of [['modify', 'modifies', 'modified', 'modifying'], ['apply', 'applies', 'applied', 'applying'], ['study', 'studies', 'studied', 'studying']]) {
      assert.deepStrictEqual(new Set(family.map(stem)).size, 1, `${family.join(', ')} → ${family.map(stem).join(', ')}`);
    }
    assert.strictEqual(stem('memorize'), stem('memorized'));
  });

  it('keep no key for function words and numbers, and keep sizes as written', () => {
    assert.strictEqual(evidenceKey('the'), undefined);
    assert.strictEqual(evidenceKey('2025'), undefined);
    assert.strictEqual(evidenceKey('32K'), '32k');
  });
});
