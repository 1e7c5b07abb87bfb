import * as assert from 'assert';
import { clipForMessage } from '../../src/core/text/quote';

describe('clipForMessage', () => {
  it('keeps a short text, on one line', () => {
    assert.strictEqual(clipForMessage('kv  cache\n eviction '), 'kv cache eviction');
  });

  it('clips a long text to the limit, ending in an ellipsis', () => {
    const clipped = clipForMessage('word '.repeat(100), 20);
    assert.strictEqual(clipped.length, 20);
    assert.ok(clipped.endsWith('…'));
  });

  it('never splits a surrogate pair', () => {
    const clipped = clipForMessage(`${'a'.repeat(18)}😀😀😀`, 20);
    assert.strictEqual(clipped, `${'a'.repeat(18)}…`);
    assert.doesNotThrow(() => encodeURIComponent(clipped));
  });
});
