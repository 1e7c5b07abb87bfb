import * as assert from 'assert';
import { type Mention, MentionDetector } from '../../src/core/mentions';
import type { Paper } from '../../src/core/library/model';
import { corpusData, testCorpus } from './testCorpus';

let detector: MentionDetector | undefined;
function corpusDetector(): MentionDetector {
  return (detector ??= new MentionDetector(corpusData().papers));
}

/** The id of the one paper a name or title means. */
function id(name: string): string {
  const papers = testCorpus().lookup(name);
  assert.strictEqual(papers.length, 1, `${name} names ${papers.length} papers`);
  return papers[0].id;
}

/** Mentions as [text, ...paper ids], for short assertions. */
function found(text: string, d = corpusDetector()): string[][] {
  return d.detect(text).map(m => [m.text, ...m.papers]);
}

function only(text: string, d = corpusDetector()): Mention {
  const ms = d.detect(text);
  assert.strictEqual(ms.length, 1, `expected one mention in ${JSON.stringify(text)}, got ${JSON.stringify(ms.map(m => m.text))}`);
  return ms[0];
}

describe('mention detection', () => {
  describe('names, variants and titles', () => {
    it('finds short names, aliases and spelling variants in any case when they are distinctive', () => {
      assert.deepStrictEqual(found('DuoAttention, longlora, Duo-Attention, KV-Quant and E²-LLM'), [
        ['DuoAttention', id('DuoAttention')],
        ['longlora', id('LongLoRA')],
        ['Duo-Attention', id('DuoAttention')],
        ['KV-Quant', id('KVQuant')],
        ['E²-LLM', id('E2-LLM')],
      ]);
    });

    it('finds full titles, the title arXiv shows now, and long title parts', () => {
      const impact = 'The Impact of Positional Encoding on Length Generalization in Transformers';
      assert.deepStrictEqual(found(`follow ${impact}: compare`), [[impact, id(impact)]]);
      const squid = 'Squid: Long Context as a New Modality for Energy-Efficient On-Device Language Models';
      assert.deepStrictEqual(found(`see ${squid}.`), [[squid, '2408.15518']]);
      assert.deepStrictEqual(found('Learning to Memorize at Test Time is its subtitle'), [['Learning to Memorize at Test Time', id('Titans: Learning to Memorize at Test Time')]]);
    });

    it('matches a multi-word name across a line break but not across a blank line', () => {
      assert.deepStrictEqual(found('with Extensible\nTokenization the context'), [['Extensible\nTokenization', id('Extensible Tokenization')]]);
      assert.deepStrictEqual(found('with Extensible\n\nTokenization the context'), []);
    });
  });

  describe('boundaries', () => {
    it('never matches inside a longer word', () => {
      assert.deepStrictEqual(found('DyPRAG cuts the cost of PRAG'), [['DyPRAG', id('DyPRAG')], ['PRAG', id('PRAG')]]);
      assert.deepStrictEqual(found('LongLoRAx and xLongLoRA and LongLoRA2'), []);
      assert.deepStrictEqual(found('Extensible Tokenizations of text'), []);
      // Near misses in the last letter of a word of the name.
      assert.deepStrictEqual(found('Extensible Tokenizatiox and Landmark Attentiom and DuoAttentiom'), []);
      assert.deepStrictEqual(found('the impact of positional encoding on length generalization in transformerz'), []);
    });

    it('treats a hyphen compound as one word unless it is a known name', () => {
      assert.deepStrictEqual(found('Ada-LEval differs from LEval'), [['Ada-LEval', id('Ada-LEval')], ['LEval', id('L-Eval')]]);
      assert.deepStrictEqual(found('pre-DuoAttention and DuoAttention-free variants'), []);
      assert.deepStrictEqual(found('MiniMax-M1 is the hybrid one'), [['MiniMax-M1', id('MiniMax-M1')]]);
    });

    it('matches whole URL path segments but not parts of them', () => {
      assert.deepStrictEqual(found('[L-Eval](https://github.com/OpenLMLab/LEval)'), [['L-Eval', id('L-Eval')], ['LEval', id('L-Eval')]]);
      assert.deepStrictEqual(found('https://github.com/someone/LEvalSuite and https://example.org/superLongLoRA'), []);
    });
  });

  describe('possessives and suffixes', () => {
    it('takes possessives, straight and curly', () => {
      assert.deepStrictEqual(found("DuoAttention's heads and LongLoRA’s shifts"), [['DuoAttention', id('DuoAttention')], ['LongLoRA', id('LongLoRA')]]);
      const titans = only('Titans’ neural memory learns to memorize at test time.');
      assert.deepStrictEqual([titans.text, ...titans.papers], ['Titans', id('Titans')]);
    });

    it('keeps model-variant suffixes in the mention', () => {
      assert.deepStrictEqual(found('Yi-34B-200K and Yi-6B-200k, LWM-Text, IRanker-3B and ProLong-8B'), [
        ['Yi-34B-200K', id('Yi')],
        ['Yi-6B-200k', id('Yi')],
        ['LWM-Text', id('LWM')],
        ['IRanker-3B', id('IRanker')],
        ['ProLong-8B', id('ProLong')],
      ]);
    });

    it('reads a dotted version as one suffix, which alone does not prove a strict name', () => {
      assert.deepStrictEqual(found('LongLoRA-v1.1 and KVQuant-2.0 scripts'), [['LongLoRA-v1.1', id('LongLoRA')], ['KVQuant-2.0', id('KVQuant')]]);
      assert.deepStrictEqual(found('Dolphin-2.9 was fine.'), []);
      assert.deepStrictEqual(found('Dolphin-2.9-Llama3-8B is an uncensored chat model.'), []);
    });

    it('takes an attributive suffix without making it part of the name', () => {
      assert.deepStrictEqual(found('a DuoAttention-style split of heads'), [['DuoAttention', id('DuoAttention')]]);
    });
  });

  describe('names that are ordinary words or other things', () => {
    it('needs their exact case', () => {
      assert.deepStrictEqual(found('the retrieval heads keep a full KV cache'), []);
      assert.deepStrictEqual(found('Builds on the Retrieval Head paper: a few attention heads do the retrieving.').map(m => m[0]), ['Retrieval Head']);
      assert.deepStrictEqual(found('"a little goes a long way", as the saying goes'), []);
      assert.deepStrictEqual(found('Aesop\'s fables and titans of industry'), []);
    });

    it('needs evidence for a distinctive multi-word name spelt like prose', () => {
      assert.deepStrictEqual(found('Dataset decomposition of the household budget.'), []);
      assert.deepStrictEqual(found('Dataset Decomposition of the household budget.'), [['Dataset Decomposition', id('Dataset Decomposition')]]);
      assert.deepStrictEqual(found('dataset decomposition buckets documents by length for variable sequence length training'), [['dataset decomposition', id('Dataset Decomposition')]]);
    });

    it('needs supporting words in their sentence', () => {
      assert.deepStrictEqual(found('Sun: the Titans blew a 14-point lead (NFL, not the paper).'), []);
      assert.deepStrictEqual(found('- Titans: neural long-term memory that learns to memorize at test time.'), [['Titans', id('Titans')]]);
      assert.deepStrictEqual(found('Chat w/ Yi from the eval team: "claimed context != usable context".'), []);
      assert.deepStrictEqual(found('The Yi report extends to 200K with lightweight continual pretraining.'), [['Yi', id('Yi')]]);
      assert.deepStrictEqual(found('Press DEL to remove the row.'), []);
      assert.deepStrictEqual(found('DEL picks the exit layer and speculation length for self-speculative decoding.'), [['DEL', id('DEL')]]);
      assert.deepStrictEqual(found('We saw a Dolphin pod near the pier.'), []);
    });

    it('looks only at the sentence, not at the neighbouring list items', () => {
      // No full stop ends the first item: the list marker alone bounds the second one's context.
      const text = '- M1: Mamba hybrid distilled then trained with RL, 3x faster generation under vLLM\n- ask Tim whether the M1 Mac mini can host the demo';
      assert.deepStrictEqual(found(text).map(m => m[0]), ['M1']);
    });

    it('counts another name of the same paper, or a paper that cites it, as evidence', () => {
      assert.deepStrictEqual(found('TDC (Temporal Dynamic Context) compresses tokens.').map(m => m[0]), ['TDC', 'Temporal Dynamic Context']);
      assert.deepStrictEqual(found('ATLAS beats Titans on BABILong at 10M tokens.'), [['ATLAS', id('ATLAS')], ['Titans', id('Titans')]]);
    });

    it('takes a Title Case phrase name after a lower-case word as a proper noun', () => {
      assert.deepStrictEqual(found('- does Squeezed Attention compose with quantization?'), [['Squeezed Attention', id('Squeezed Attention')]]);
      assert.deepStrictEqual(found('we then read Needle Threading over lunch'), [['Needle Threading', id('Needle Threading')]]);
      // At a sentence start, or after a capitalised word (a Title Case heading), capitals prove nothing.
      assert.deepStrictEqual(found('Squeezed Attention is what we want.'), []);
      assert.deepStrictEqual(found('## Notes On Needle Threading'), []);
      assert.deepStrictEqual(found('we then read needle threading tips for sewing'), []);
    });

    it('lets a citing or cited paper on the same line vouch, but not a neighbouring line', () => {
      const sameLine = 'Titans: neural long-term memory that learns to memorize at test time. ATLAS is the follow-up.';
      assert.deepStrictEqual(found(sameLine).map(m => m[0]), ['Titans', 'ATLAS']);
      const nextLine = 'Titans: neural long-term memory that learns to memorize at test time.\nATLAS is the follow-up.';
      assert.deepStrictEqual(found(nextLine).map(m => m[0]), ['Titans']);
      // A paper that shares only a topic is not enough across a sentence.
      assert.deepStrictEqual(found('LongMem stores past context in a side network. Titans is the other one.').map(m => m[0]), ['LongMem']);
    });

    it('counts a link to the paper or a citation of its first author as evidence', () => {
      assert.deepStrictEqual(found('[Titans](https://arxiv.org/abs/2501.00663) to read.'), [['Titans', id('Titans')]]);
      assert.deepStrictEqual(found('Titans (Behrouz et al., 2025) is on my list.'), [['Titans', id('Titans')]]);
      assert.deepStrictEqual(found('Dolphin (Chen et al.) is next.'), [['Dolphin', '2408.15518']]);
      // Another author, or the surname without a citation's form, says nothing.
      assert.deepStrictEqual(found('Dolphin (Wang et al.) is next.'), []);
      assert.deepStrictEqual(found('Titans and Behrouz are on my list.'), []);
    });

    it('does not count the name itself, in another case, as evidence for it', () => {
      assert.deepStrictEqual(found('The giraffe at the zoo is tall; a Giraffe calf was born.'), []);
      // "energy" is a Dolphin title word; "dolphin" would be another, were the name evidence for itself.
      assert.deepStrictEqual(found('A dolphin uses little energy; the Dolphin show starts at noon.'), []);
    });

    it('tells a competing sense of an acronym apart', () => {
      assert.deepStrictEqual(found('compare APE (absolute), relative bias, ALiBi and rotary position encodings.'), []);
      // Words the APE paper uses too (position, length, encoding): the other sense still wins.
      assert.deepStrictEqual(found('APE, the absolute position embedding of the original Transformer, fails to extrapolate beyond the training length, while RoPE and ALiBi encode relative positions.'), []);
      assert.deepStrictEqual(found('APE = Adaptive Parallel Encoding: cache each retrieved document\'s KV independently.').map(m => m[0]), ['APE', 'Adaptive Parallel Encoding']);
      assert.deepStrictEqual(found('MoA (mixture-of-agents) layers several LLMs as proposers and aggregators.'), []);
      assert.deepStrictEqual(found('MoA: per-head sparse attention configurations with scaling rules per sequence length.'), [['MoA', id('MoA')]]);
    });
  });

  describe('ambiguous names', () => {
    const giraffeLLM = '2308.10882';
    const giraffeVLM = '2412.12735';

    it('reports every candidate when the context does not decide', () => {
      const m = only('When someone writes "Giraffe" about extending the context length, ask which one.');
      assert.strictEqual(m.ambiguous, true);
      assert.deepStrictEqual([...m.papers].sort(), [giraffeLLM, giraffeVLM]);
    });

    it('narrows to the paper the context clearly speaks of', () => {
      const llm = only('Giraffe: 13B LLaMA models with 4k/16k/32k context and a truncated basis for the position encoding.');
      assert.deepStrictEqual([llm.papers, llm.ambiguous], [[giraffeLLM], false]);
      const vlm = only('GIRAFFE extends VLMs to 128K with a new position scheme and hybrid-resolution training.');
      assert.deepStrictEqual(vlm.papers, [giraffeVLM]);
    });

    it('orders candidates best first', () => {
      const m = corpusDetector().detect('M1: hybrid reasoning with test-time compute and RL; a Mamba model distilled from transformers, 3x faster under vLLM.')[0];
      assert.strictEqual(m.text, 'M1');
      assert.strictEqual(m.papers[0], id('M1: Towards Scalable Test-Time Compute with Mamba Reasoning Models'));
    });
  });

  describe('longest match', () => {
    it('prefers the longest name at a position', () => {
      assert.deepStrictEqual(found('E.T. Instruct 164K and Keye-VL 1.5').map(m => m[0]), ['E.T. Instruct 164K', 'Keye-VL 1.5']);
      assert.deepStrictEqual(found('LongLoRA: Efficient Fine-tuning of Long-Context Large Language Models').map(m => m[0]), ['LongLoRA: Efficient Fine-tuning of Long-Context Large Language Models']);
    });
  });

  describe('offsets', () => {
    it('are UTF-16 code units, end exclusive, after surrogate pairs and combining marks', () => {
      const text = '🦒🦒 café\u0301 — DuoAttention, 長文 KVQuant';
      const ms = corpusDetector().detect(text);
      assert.deepStrictEqual(ms.map(m => [m.start, m.end]), [[text.indexOf('DuoAttention'), text.indexOf('DuoAttention') + 12], [text.indexOf('KVQuant'), text.indexOf('KVQuant') + 7]]);
      for (const m of ms) assert.strictEqual(text.slice(m.start, m.end), m.text);
      assert.strictEqual(ms[0].start, 13); // 2 × 2 (surrogate pairs) + 1 + 5 (é as e + U+0301) + 3
    });

    it('finds the mention at an offset by binary search', () => {
      const d = corpusDetector();
      const text = 'DuoAttention vs KVQuant vs LongLoRA';
      const ms = d.detect(text);
      assert.strictEqual(d.mentionAt(ms, 0)?.text, 'DuoAttention');
      assert.strictEqual(d.mentionAt(ms, 11)?.text, 'DuoAttention');
      assert.strictEqual(d.mentionAt(ms, 12), undefined);
      assert.strictEqual(d.mentionAt(ms, text.indexOf('KVQuant') + 3)?.text, 'KVQuant');
      assert.strictEqual(d.mentionAt(ms, text.length - 1)?.text, 'LongLoRA');
      assert.strictEqual(d.mentionAt(ms, text.length), undefined);
      assert.strictEqual(d.mentionAt([], 0), undefined);
    });
  });

  describe('robustness', () => {
    it('returns nothing for empty or non-text input and never throws on odd text', () => {
      const d = corpusDetector();
      assert.deepStrictEqual(d.detect(''), []);
      assert.deepStrictEqual(d.detect(undefined as unknown as string), []);
      for (const odd of ['\uD800DuoAttention\uDC00', '\u0000KVQuant\u0000', 'Duo\uFEFFAttention', '\uDBFF', 'E\u0301.T. Bench']) {
        assert.doesNotThrow(() => d.detect(odd));
      }
      assert.deepStrictEqual(found('\uD800DuoAttention\uDC00'), [['DuoAttention', id('DuoAttention')]]);
    });

    it('scans a large text in one pass', () => {
      const text = 'KVQuant quantizes keys before RoPE. '.repeat(60_000);
      const ms = corpusDetector().detect(text);
      assert.strictEqual(ms.length, 60_000);
    });
  });

  describe('papers outside the bundled corpus', () => {
    const paper = (over: Partial<Paper>): Paper => ({
      id: 'x.1', arxiv: 'x.1', title: 'T', abstract: '', year: 2025, month: 1, firstAuthor: 'A', shortName: null, aliases: [], topics: [], links: [], ...over,
    });

    it('uses only what the Paper objects carry', () => {
      const d = new MentionDetector([
        paper({ id: 'u.1', title: 'FooBarNet: Sparse Caches', shortName: 'FooBarNet', aliases: [{ name: 'FooBarNet', origin: 'title' }] }),
        paper({
          id: 'u.2',
          title: 'Heron: Streaming Memory for Agents',
          abstract: 'We present Heron, a streaming memory for agents that evicts stale observations.',
          aliases: [{ name: 'Heron', origin: 'title', strict: true }],
        }),
      ]);
      assert.deepStrictEqual(found('foobarnet beats FooBarNet-7B', d), [['foobarnet', 'u.1'], ['FooBarNet-7B', 'u.1']]);
      assert.deepStrictEqual(found('A Heron stood in the river.', d), []);
      assert.deepStrictEqual(found('Heron evicts stale observations from the streaming memory of agents.', d), [['Heron', 'u.2']]);
      assert.deepStrictEqual(found('Sparse Caches is too short a subtitle to stand for the paper; FooBarNet++ is another name.', d), []);
      assert.deepStrictEqual(new MentionDetector([]).detect('FooBarNet'), []);
    });
  });
});
