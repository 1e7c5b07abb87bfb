// Three "same name" keys exist, each for its reader (src/core/library/nameKeys.ts says why); this
// pins where they agree and where they differ, so a change to one is a decision, not an accident.
import * as assert from 'assert';
import { normalizeName } from '../../src/core/mentions/chars';
import { aliasKey } from '../../src/core/library/nameKeys';
import { nameKey } from '../../src/core/search';

const asText = (units: number[]) => String.fromCharCode(...units);

describe('name keys', () => {
  it('all fold case: "Giraffe" is "GIRAFFE"', () => {
    assert.strictEqual(aliasKey('Giraffe'), aliasKey('GIRAFFE'));
    assert.strictEqual(nameKey('Giraffe'), nameKey('GIRAFFE'));
    assert.strictEqual(asText(normalizeName('Giraffe')), asText(normalizeName('GIRAFFE')));
  });

  it('aliasKey and nameKey drop the separators people vary; normalizeName keeps them as boundaries', () => {
    assert.strictEqual(aliasKey('Long-LoRA'), aliasKey('LongLoRA'));
    assert.strictEqual(aliasKey('Long LoRA'), aliasKey('long_lora'));
    assert.strictEqual(nameKey('Long-LoRA'), nameKey('long lora'));
    assert.strictEqual(asText(normalizeName('Long–LoRA')), 'long-lora', 'every dash becomes a hyphen');
    assert.strictEqual(asText(normalizeName('Long \n  LoRA')), 'long lora', 'a blank run is one space');
    assert.notStrictEqual(asText(normalizeName('Long-LoRA')), asText(normalizeName('LongLoRA')));
  });

  it('aliasKey keeps dots and superscripts that make a different name; nameKey, for queries, does not', () => {
    assert.notStrictEqual(aliasKey('Qwen2.5'), aliasKey('Qwen25'));
    assert.strictEqual(nameKey('Qwen2.5'), nameKey('Qwen25'));
    assert.strictEqual(aliasKey('E$^2$-LLM'), aliasKey('E²-LLM'), 'LaTeX superscripts fold to the Unicode ones');
    assert.notStrictEqual(aliasKey('E²-LLM'), aliasKey('E2-LLM'));
    assert.strictEqual(nameKey('E²-LLM'), nameKey('e2 llm'));
  });

  it('only nameKey folds diacritics', () => {
    assert.strictEqual(nameKey('Café'), nameKey('cafe'));
    assert.notStrictEqual(aliasKey('Café'), aliasKey('cafe'));
  });
});
