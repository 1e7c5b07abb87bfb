import * as assert from 'assert';
import { parseSeed, SeedParseError } from '../../src/core/sources/dailyListing';
import { readData } from './testCorpus';

const ABSTRACT = 'We study a thing. It works well on many benchmarks, and we release everything so that others can build on it and check the numbers we report here in detail.';

describe('seed parser', () => {
  it('skips the page chrome before the first paper', () => {
    const text = `new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\nDaily Papers\n\nbyAK and the research community\n\nSep 15\n\nFoo: A Title\n\n${ABSTRACT}\n`;
    const entries = parseSeed(text);
    assert.deepStrictEqual(entries.map(e => e.title), ['Foo: A Title']);
    assert.strictEqual(entries[0].abstract, ABSTRACT);
    assert.strictEqual(entries[0].line, 13);
  });

  it('keeps titles with LaTeX, \\&, colons and question marks exactly', () => {
    const titles = [
      'ALR$^2$: A Retrieve-then-Reason Framework',
      'TPLA: Tensor Parallel Latent Attention for Efficient Disaggregated Prefill \\& Decode Inference',
      'Is It Really Long Context if All You Need Is Retrieval? Towards Genuinely Difficult Long Context NLP',
      'E^2-LLM: Efficient and Extreme Length Extension of Large Language Models',
      'Needle Threading: Can LLMs Follow Threads through Near-Million-Scale Haystacks?',
    ];
    const text = titles.map(t => `${t}\n\n${ABSTRACT}\n`).join('\n');
    assert.deepStrictEqual(parseSeed(text).map(e => e.title), titles);
  });

  it('accepts CRLF line endings and a byte-order mark', () => {
    const entries = parseSeed(`\uFEFFDaily Papers\r\n\r\nA Title\r\n\r\n${ABSTRACT}\r\n`);
    assert.deepStrictEqual(entries.map(e => [e.title, e.abstract]), [['A Title', ABSTRACT]]);
  });

  it('fails with the line number when a title has no abstract', () => {
    assert.throws(() => parseSeed(`A Title\n\n${ABSTRACT}\n\nAnother Title\n`), (e: unknown) =>
      e instanceof SeedParseError && e.line === 5 && /Another Title.*no abstract/.test(e.message));
  });

  it('fails when two titles follow each other', () => {
    assert.throws(() => parseSeed(`A Title\n\n${ABSTRACT}\n\nSecond\n\nThird\n\n${ABSTRACT}\n`), /"Second" is followed by "Third", not an abstract/);
  });

  it('fails clearly on text without papers', () => {
    assert.throws(() => parseSeed('new\n\nSubscribe\n'), /no paper found/);
    assert.throws(() => parseSeed(''), /no paper found/);
  });

  it('parses the bundled listing into 129 papers', () => {
    const entries = parseSeed(readData().seed);
    assert.strictEqual(entries.length, 129);
    assert.strictEqual(entries[0].title, 'Dolphin: Long Context as a New Modality for Energy-Efficient On-Device Language Models');
    assert.ok(entries.every(e => !['new', 'Subscribe', 'Daily Papers', 'Sep 15'].includes(e.title)));
  });
});
