import * as assert from 'assert';
import { type Clause, MAX_CLAUSES } from '../../src/core/search/queryPlan';
import { library } from './searchFixtures';

// A library whose words the planner can look up: completions, corrections and joins are only
// offered towards words that exist.
const lib = library([
  { id: '1', title: 'Key-value cache eviction for streaming LLM inference', abstract: 'We evict KV entries. Sequence parallelism across GPUs.' },
  { id: '2', title: 'Needle in a haystack tests', abstract: 'A needle-in-a-haystack benchmark for long context.' },
  { id: '3', title: 'LongLoRA: efficient fine-tuning', abstract: 'Low-rank adaptation (LoRA) for long context.', shortName: 'LongLoRA' },
  { id: '4', title: 'Quantization of transformers', abstract: 'Quantizing the weights of a transformer model.' },
  { id: '5', title: 'Multimodal models', abstract: 'Large multimodal models (LMMs) read pictures.' },
]);

const alternatives = (c: Clause) => c.alternatives.map(a => a.terms.join('+'));
const clause = (clauses: Clause[], label: string) => {
  const c = clauses.find(x => x.label === label);
  assert.ok(c, `no clause '${label}' in ${clauses.map(x => x.label).join(' | ')}`);
  return c;
};

describe('search query planning', () => {
  it('makes a clause most papers match optional when a rarer one is required', () => {
    const common = library([
      { id: 'a', title: 'Long context eviction', abstract: 'Evicting cache entries for long context.' },
      { id: 'b', title: 'Long context models', abstract: 'Context windows of models.' },
      { id: 'c', title: 'Context in video', abstract: 'Video context.' },
      { id: 'd', title: 'Retrieval or context', abstract: 'Retrieval models.' },
      { id: 'e', title: 'Protein folding', abstract: 'Amino acid models.' },
    ]);
    const required = (q: string) => Object.fromEntries(common.plan(q, { prefix: false }).clauses.map(c => [c.label, c.required]));
    // "context" is in 4 of 5 papers, "eviction" in 1, "models" in 3
    assert.deepStrictEqual(required('context eviction'), { context: false, eviction: true });
    assert.deepStrictEqual(required('models eviction'), { models: false, eviction: true });
    // nothing rarer to require: the common clauses stay required
    assert.deepStrictEqual(required('context models'), { context: true, models: true });
    assert.deepStrictEqual(required('context'), { context: true });
  });


  it('expands an acronym to its spelled-out form and back', () => {
    const kv = clause(lib.plan('kv cache', { prefix: false }).clauses, 'kv');
    assert.deepStrictEqual(alternatives(kv), ['kv', 'key+valu']);
    const niah = lib.plan('NIAH', { prefix: false }).clauses;
    assert.strictEqual(niah.length, 1);
    assert.deepStrictEqual(alternatives(niah[0]), ['needl+haystack']);
    // the phrase as typed is one clause, not three required words
    const phrase = lib.plan('needle in a haystack', { prefix: false }).clauses;
    assert.strictEqual(phrase.length, 1);
    assert.ok(alternatives(phrase[0]).includes('needl+haystack'));
    const lora = clause(lib.plan('low-rank adaptation', { prefix: false }).clauses, 'low rank adaptation');
    assert.ok(alternatives(lora).includes('lora'), alternatives(lora).join());
  });

  it('weighs a spelled-out form like its acronym, not by its number of words', () => {
    const kv = clause(lib.plan('kv', { prefix: false }).clauses, 'kv');
    const spelled = kv.alternatives.find(a => a.terms.length === 2);
    assert.ok(spelled && spelled.weight < 0.5, `weight ${spelled?.weight}`);
  });

  it('drops stop words and keeps request words only as optional clauses', () => {
    const plan = lib.plan('what is the best way to find papers about quantization?', { prefix: false });
    assert.deepStrictEqual(plan.clauses.filter(c => c.required).map(c => c.label), ['quantization']);
    assert.ok(plan.clauses.every(c => !['what', 'is', 'the', 'to', 'about'].includes(c.label)));
    assert.ok(plan.clauses.some(c => c.label === 'papers' && !c.required) || plan.unknown.includes('papers'));
  });

  it('reads "runs out of" as no topic: the particle is dropped, the verb optional', () => {
    const verbs = library([
      { id: 'a', title: 'Training runs out of GPU memory', abstract: 'The run ran out; memory runs short when it runs.' },
      { id: 'b', title: 'GPU memory for long sequences', abstract: 'Sequences and memory.' },
    ]);
    const plan = verbs.plan('training runs out of GPU memory', { prefix: false });
    assert.ok(!plan.clauses.some(c => c.label === 'out'), plan.clauses.map(c => c.label).join());
    assert.strictEqual(clause(plan.clauses, 'runs').required, false);
    assert.strictEqual(clause(plan.clauses, 'gpu').required, true);
  });

  it('completes only the last word, and only while it is being typed', () => {
    const typing = lib.plan('transformer quant');
    assert.ok(clause(typing.clauses, 'quant').alternatives.some(a => a.label === 'quantization'));
    assert.ok(!clause(typing.clauses, 'transformer').alternatives.some(a => a.label === 'transformers'));
    const done = lib.plan('transformer quant ');
    assert.strictEqual(done.clauses.find(c => c.label === 'quant'), undefined);
    const off = lib.plan('quant', { prefix: false });
    assert.strictEqual(off.clauses.length, 0);
    assert.deepStrictEqual(off.unknown, ['quant']);
  });

  it('corrects a misspelt word, but never a word the papers use', () => {
    const typo = clause(lib.plan('sequnce parallelism', { prefix: false }).clauses, 'sequnce');
    assert.deepStrictEqual(typo.alternatives.map(a => a.label), ['sequence']);
    assert.ok(typo.alternatives[0].weight < 1);
    const known = clause(lib.plan('sequence parallelism', { prefix: false }).clauses, 'sequence');
    assert.deepStrictEqual(known.alternatives.map(a => a.label), ['sequence']);
    assert.strictEqual(known.alternatives[0].weight, 1);
  });

  it('joins two typed words that the papers write as one, and splits one they write as two', () => {
    const joined = lib.plan('long lora', { prefix: false }).clauses;
    assert.strictEqual(joined.length, 1);
    assert.deepStrictEqual(alternatives(joined[0]), ['longlora', 'long+lora']);
    const split = clause(lib.plan('streamingllm', { prefix: false }).clauses, 'streamingllm');
    assert.deepStrictEqual(alternatives(split), ['stream+llm']);
    const camel = clause(lib.plan('StreamingLLM', { prefix: false }).clauses, 'streamingllm');
    assert.deepStrictEqual(alternatives(camel), ['stream+llm']);
  });

  it('keys the whole query as a name for exact-name hits', () => {
    assert.strictEqual(lib.plan('Long-LoRA').nameKey, 'longlora');
    assert.strictEqual(lib.plan('E^2-LLM').nameKey, 'e2llm');
  });

  it('caps the number of clauses of a pasted paragraph', () => {
    const words = Array.from({ length: 200 }, (_, i) => `quantization${i % 3 ? 'x' : ''} model${i}`).join(' ');
    assert.ok(lib.plan(words).clauses.length <= MAX_CLAUSES);
  });
});
