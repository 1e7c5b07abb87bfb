// Mention detection over a small invented library (notesLibrary below): every name, word and
// citation a verdict rests on is stated here. A few end-to-end cases on the bundled corpus close.
import * as assert from 'assert';
import { type Mention, MentionDetector } from '../../src/core/mentions';
import type { Paper } from '../../src/core/library/model';
import { paper, plainName, strictName } from './mentionFixtures';
import { corpusData, testCorpus } from './testCorpus';

/**
 * Names of every kind the detector tells apart: distinctive ones in any case with their spelling
 * variants, titles, strict names that are ordinary words (Heron, Squib, Qi, EXIT, M7) and need
 * evidence, multi-word names spelt like prose, acronyms another paper defines differently (APE,
 * MoA), and papers that cite one another (EGRET names Heron) or share a topic (SideMem).
 */
function notesLibrary(): Paper[] {
  return [
    paper({ id: 'splithead', title: 'SplitHead: Retrieval and Streaming Heads for Long-Context Inference', shortName: 'SplitHead', aliases: [plainName('SplitHead'), plainName('Split-Head')], abstract: 'SplitHead keeps a full cache only for retrieval heads and a short window for streaming heads.' }),
    paper({ id: 'looplora', title: 'LoopLoRA: Efficient Fine-tuning of Long-Context Models', shortName: 'LoopLoRA', aliases: [plainName('LoopLoRA'), plainName('Loop-LoRA')], abstract: 'LoopLoRA extends the context of pretrained models with shifted sparse attention during fine-tuning.' }),
    paper({ id: 'kvpress', title: 'KVPress: Towards 10 Million Context Length with Key Quantization', shortName: 'KVPress', aliases: [plainName('KVPress'), plainName('KV-Press')], abstract: 'KVPress quantizes keys before the rotary embedding so that long contexts fit in memory.' }),
    paper({ id: 'e2net', title: 'E²-Net: Extending Context with Split Windows', shortName: 'E²-Net', aliases: [plainName('E²-Net'), plainName('E2-Net')] }),
    paper({ id: 'effect', title: 'The Effect of Rotary Scaling on Length Transfer in Transformers', abstract: 'We study how rotary scaling changes length transfer.' }),
    paper({
      id: 'squib',
      title: 'Squib: Long Context as a New Modality for Energy-Efficient On-Device Language Models',
      arxivTitle: 'Squib: Long Context as a Modality for On-Device Models',
      shortName: 'Squib',
      firstAuthor: 'Chen',
      aliases: [strictName('Squib')],
      abstract: 'Squib encodes long context with a small encoder for energy-efficient on-device language models.',
    }),
    paper({
      id: 'heron',
      arxiv: '2599.10001',
      title: 'Heron: Learning to Remember at Test Time',
      shortName: 'Heron',
      firstAuthor: 'Okafor',
      aliases: [strictName('Heron')],
      topics: ['memory'],
      abstract: 'Heron is a neural long-term memory that learns to remember at test time, with a surprise-driven forgetting gate.',
    }),
    paper({
      id: 'egret',
      title: 'EGRET: Learning to Optimally Remember the Context at Test Time',
      shortName: 'EGRET',
      aliases: [strictName('EGRET')],
      topics: ['memory'],
      abstract: 'EGRET improves on Heron with a memory that optimizes over the context window; it scales to 10M tokens on BABILong.',
    }),
    paper({ id: 'sidemem', title: 'Augmenting Language Models with a Side Memory', shortName: 'SideMem', aliases: [plainName('SideMem')], topics: ['memory'], abstract: 'SideMem stores past context in a side network and retrieves it later.' }),
    paper({ id: 'elastic', title: 'Stretching Language Model Contexts through Elastic Tokenization', shortName: 'Elastic Tokenization', aliases: [plainName('Elastic Tokenization')] }),
    paper({ id: 'prax', title: 'Parametric Retrieval Augmented Answers', shortName: 'PRAX', aliases: [plainName('PRAX')] }),
    paper({ id: 'dyprax', title: 'Dynamic Parametric Retrieval Augmented Answers', shortName: 'DyPRAX', aliases: [plainName('DyPRAX')] }),
    paper({ id: 'qbench', title: 'Q-Bench: A Standard Evaluation for Long Context Models', shortName: 'Q-Bench', aliases: [plainName('Q-Bench'), plainName('QBench')] }),
    paper({ id: 'adaqbench', title: 'Ada-QBench: Length-Adaptable Benchmarks', shortName: 'Ada-QBench', aliases: [plainName('Ada-QBench')] }),
    paper({ id: 'megam2', title: 'Mega-M2: Scaling Hybrid Attention Efficiently', shortName: 'Mega-M2', aliases: [plainName('Mega-M2')] }),
    paper({
      id: 'qi',
      title: 'Qi: Open Foundation Models with 200K Context',
      shortName: 'Qi',
      aliases: [strictName('Qi')],
      abstract: 'The Qi models extend to 200K context with lightweight continual pretraining.',
    }),
    paper({ id: 'vwm', title: 'World Model on Million-Length Video with Ring Attention', shortName: 'VWM', aliases: [plainName('VWM')], abstract: 'VWM trains a world model on million-length video and language.' }),
    paper({ id: 'iranker', title: 'IRanker: Towards Ranking Foundation Models', shortName: 'IRanker', aliases: [plainName('IRanker')] }),
    paper({ id: 'prospan', title: 'ProSpan: How to Train Long-Context Models Effectively', shortName: 'ProSpan', aliases: [plainName('ProSpan')] }),
    paper({ id: 'rethead', title: 'Retrieval Head Explains Long-Context Factuality', shortName: 'Retrieval Head', aliases: [strictName('Retrieval Head')], abstract: 'A few attention heads, the retrieval heads, do the retrieving from long contexts.' }),
    paper({ id: 'little', title: 'A Little Goes a Long Way: Efficient Long Context Training', shortName: 'LongGen', aliases: [strictName('A Little Goes a Long Way'), plainName('LongGen')] }),
    paper({
      id: 'buckets',
      title: 'Bucket Packing: Faster Training with Variable Sequence Length Curriculum',
      shortName: 'Bucket Packing',
      aliases: [plainName('Bucket Packing')],
      abstract: 'Bucket Packing groups documents by length into buckets for variable sequence length training.',
    }),
    paper({
      id: 'exit',
      title: 'EXIT: Dynamic Exit Layers for Self-Speculative Decoding',
      shortName: 'EXIT',
      aliases: [strictName('EXIT')],
      abstract: 'EXIT picks the exit layer and the speculation length for self-speculative decoding on the fly.',
    }),
    paper({
      id: 'm7',
      title: 'M7: Distilled Mamba Reasoning Models',
      shortName: 'M7',
      aliases: [strictName('M7')],
      abstract: 'M7 is a hybrid Mamba reasoning model distilled from a transformer and trained with RL; it generates three times faster under vLLM.',
    }),
    paper({
      id: 'tdw',
      title: 'Long Video Modeling with Temporal Dynamic Windows',
      shortName: 'TDW',
      aliases: [strictName('TDW'), strictName('Temporal Dynamic Windows')],
      abstract: 'Temporal Dynamic Windows (TDW) compress the tokens of similar video frames.',
    }),
    paper({ id: 'pressed', title: 'Pressed Attention: Faster Long-Context Inference', shortName: 'Pressed Attention', aliases: [strictName('Pressed Attention')], abstract: 'Pressed Attention clusters keys offline to speed up inference.' }),
    paper({ id: 'weaving', title: 'Thread Weaving: Can Models Follow Threads through Long Haystacks?', shortName: 'Thread Weaving', aliases: [strictName('Thread Weaving')], abstract: 'We test whether models follow threads of linked facts through long haystacks.' }),
    paper({
      id: 'ape',
      title: 'APE: Faster Context-Augmented Generation via Adaptive Parallel Encoding',
      shortName: 'APE',
      aliases: [strictName('APE'), strictName('Adaptive Parallel Encoding')],
      abstract: 'Adaptive parallel encoding (APE) caches the KV states of each retrieved document independently and realigns their positions, so that the context length extrapolates beyond training.',
    }),
    paper({
      id: 'alibi-study',
      title: 'Position Embeddings and Length Extrapolation',
      abstract: 'The Absolute Position Embedding (APE) of the original Transformer fails to extrapolate beyond the training length, unlike relative position encodings.',
    }),
    paper({
      id: 'moa',
      title: 'MoA: Mixture of Sparse Attention for Long Context Compression',
      shortName: 'MoA',
      aliases: [strictName('MoA')],
      abstract: 'MoA tailors sparse attention configurations to each head and layer, with scaling rules per sequence length.',
    }),
    paper({ id: 'agents', title: 'Layered Agents Improve Model Answers', abstract: 'A mixture-of-agents (MoA) layers several LLMs as proposers and aggregators.' }),
    paper({ id: 'qr', title: 'Q.R. Bench: Event-Level Video Understanding', shortName: 'Q.R. Bench', aliases: [plainName('Q.R. Bench'), plainName('Q.R. Instruct 164K')] }),
    paper({ id: 'lynx', title: 'Lynx-VL 1.5 Technical Report', shortName: 'Lynx-VL 1.5', aliases: [plainName('Lynx-VL 1.5'), plainName('Lynx-VL')] }),
  ];
}

const detector = new MentionDetector(notesLibrary());

/** Mentions as [text, ...paper ids], for short assertions. */
function found(text: string, d = detector): string[][] {
  return d.detect(text).map(m => [m.text, ...m.papers]);
}

function names(text: string): string[] {
  return detector.detect(text).map(m => m.text);
}

function only(text: string, d = detector): Mention {
  const ms = d.detect(text);
  assert.strictEqual(ms.length, 1, `expected one mention in ${JSON.stringify(text)}, got ${JSON.stringify(ms.map(m => m.text))}`);
  return ms[0];
}

describe('mention detection', () => {
  describe('names, variants and titles', () => {
    it('finds short names, aliases and spelling variants in any case when they are distinctive', () => {
      assert.deepStrictEqual(found('SplitHead, looplora, Split-Head, KV-Press and E²-Net'), [
        ['SplitHead', 'splithead'],
        ['looplora', 'looplora'],
        ['Split-Head', 'splithead'],
        ['KV-Press', 'kvpress'],
        ['E²-Net', 'e2net'],
      ]);
    });

    it('finds full titles, the title arXiv shows now, and long title parts', () => {
      const effect = 'The Effect of Rotary Scaling on Length Transfer in Transformers';
      assert.deepStrictEqual(found(`follow ${effect}: compare`), [[effect, 'effect']]);
      const squib = 'Squib: Long Context as a Modality for On-Device Models';
      assert.deepStrictEqual(found(`see ${squib}.`), [[squib, 'squib']]);
      assert.deepStrictEqual(found('Learning to Remember at Test Time is its subtitle'), [['Learning to Remember at Test Time', 'heron']]);
    });

    it('matches a multi-word name across a line break but not across a blank line', () => {
      assert.deepStrictEqual(found('with Elastic\nTokenization the context'), [['Elastic\nTokenization', 'elastic']]);
      assert.deepStrictEqual(found('with Elastic\n\nTokenization the context'), []);
    });
  });

  describe('boundaries', () => {
    it('never matches inside a longer word', () => {
      assert.deepStrictEqual(found('DyPRAX cuts the cost of PRAX'), [['DyPRAX', 'dyprax'], ['PRAX', 'prax']]);
      assert.deepStrictEqual(found('LoopLoRAx and xLoopLoRA and LoopLoRA2'), []);
      assert.deepStrictEqual(found('Elastic Tokenizations of text'), []);
      // Near misses in the last letter of a word of the name.
      assert.deepStrictEqual(found('Elastic Tokenizatiox and Pressed Attentiom and SplitHeaf'), []);
      assert.deepStrictEqual(found('the effect of rotary scaling on length transfer in transformerz'), []);
    });

    it('treats a hyphen compound as one word unless it is a known name', () => {
      assert.deepStrictEqual(found('Ada-QBench differs from QBench'), [['Ada-QBench', 'adaqbench'], ['QBench', 'qbench']]);
      assert.deepStrictEqual(found('pre-SplitHead and SplitHead-free variants'), []);
      assert.deepStrictEqual(found('Mega-M2 is the hybrid one'), [['Mega-M2', 'megam2']]);
    });

    it('matches whole URL path segments but not parts of them', () => {
      assert.deepStrictEqual(found('[Q-Bench](https://github.com/someone/QBench)'), [['Q-Bench', 'qbench'], ['QBench', 'qbench']]);
      assert.deepStrictEqual(found('https://github.com/someone/QBenchSuite and https://example.org/superLoopLoRA'), []);
    });
  });

  describe('possessives and suffixes', () => {
    it('takes possessives, straight and curly', () => {
      assert.deepStrictEqual(found("SplitHead's heads and LoopLoRA’s shifts"), [['SplitHead', 'splithead'], ['LoopLoRA', 'looplora']]);
      const heron = only('Heron’s neural memory learns to remember at test time.');
      assert.deepStrictEqual([heron.text, ...heron.papers], ['Heron', 'heron']);
    });

    it('keeps model-variant suffixes in the mention', () => {
      assert.deepStrictEqual(found('Qi-34B-200K and Qi-6B-200k, VWM-Text, IRanker-3B and ProSpan-8B'), [
        ['Qi-34B-200K', 'qi'],
        ['Qi-6B-200k', 'qi'],
        ['VWM-Text', 'vwm'],
        ['IRanker-3B', 'iranker'],
        ['ProSpan-8B', 'prospan'],
      ]);
    });

    it('reads a dotted version as one suffix, which alone does not prove a strict name', () => {
      assert.deepStrictEqual(found('LoopLoRA-v1.1 and KVPress-2.0 scripts'), [['LoopLoRA-v1.1', 'looplora'], ['KVPress-2.0', 'kvpress']]);
      assert.deepStrictEqual(found('Squib-2.9 was fine.'), []);
      assert.deepStrictEqual(found('Squib-2.9-Llama3-8B is an uncensored chat model.'), []);
    });

    it('takes an attributive suffix without making it part of the name', () => {
      assert.deepStrictEqual(found('a SplitHead-style split of heads'), [['SplitHead', 'splithead']]);
    });
  });

  describe('names that are ordinary words or other things', () => {
    it('needs their exact case', () => {
      assert.deepStrictEqual(found('the retrieval heads keep a full KV cache'), []);
      assert.deepStrictEqual(names('Builds on the Retrieval Head paper: a few attention heads do the retrieving.'), ['Retrieval Head']);
      assert.deepStrictEqual(found('"a little goes a long way", as the saying goes'), []);
      assert.deepStrictEqual(found('the squib fizzled and herons of the lake'), []);
    });

    it('needs evidence for a distinctive multi-word name spelt like prose', () => {
      assert.deepStrictEqual(found('Bucket packing of the household budget.'), []);
      assert.deepStrictEqual(found('Bucket Packing of the household budget.'), [['Bucket Packing', 'buckets']]);
      assert.deepStrictEqual(found('bucket packing groups documents by length for variable sequence length training'), [['bucket packing', 'buckets']]);
    });

    it('needs supporting words in their sentence', () => {
      assert.deepStrictEqual(found('Sun: the Heron blew a 14-point lead (football, not the paper).'), []);
      assert.deepStrictEqual(found('- Heron: neural long-term memory that learns to remember at test time.'), [['Heron', 'heron']]);
      assert.deepStrictEqual(found('Chat w/ Qi from the eval team: "claimed context != usable context".'), []);
      assert.deepStrictEqual(found('The Qi report extends to 200K with lightweight continual pretraining.'), [['Qi', 'qi']]);
      assert.deepStrictEqual(found('Press EXIT to leave the menu.'), []);
      assert.deepStrictEqual(found('EXIT picks the exit layer and speculation length for self-speculative decoding.'), [['EXIT', 'exit']]);
      assert.deepStrictEqual(found('We saw a Heron near the pier.'), []);
    });

    it('reads the section under a heading for a name in the heading', () => {
      assert.deepStrictEqual(names('## Heron\n\nA neural long-term memory that learns to remember at test time.'), ['Heron']);
      assert.deepStrictEqual(names('Heron\n\nA neural long-term memory that learns to remember at test time.'), []);
    });

    it('looks only at the sentence, not at the neighbouring list items', () => {
      // No full stop ends the first item: the list marker alone bounds the second one's context.
      const text = '- M7: Mamba hybrid distilled then trained with RL, 3x faster generation under vLLM\n- ask Tim whether the M7 tower can host the demo';
      assert.deepStrictEqual(names(text), ['M7']);
    });

    it('counts another name of the same paper, or a paper that cites it, as evidence', () => {
      assert.deepStrictEqual(names('We read TDW today.'), []);
      assert.deepStrictEqual(names('We read TDW today, also known as Temporal Dynamic Windows.'), ['TDW', 'Temporal Dynamic Windows']);
      // Given on the spot, the long form is a gloss too.
      assert.deepStrictEqual(names('TDW (Temporal Dynamic Windows) merges frames.'), ['TDW', 'Temporal Dynamic Windows']);
      assert.deepStrictEqual(found('EGRET beats Heron on BABILong at 10M tokens.'), [['EGRET', 'egret'], ['Heron', 'heron']]);
    });

    it('takes a Title Case phrase name after a lower-case word as a proper noun', () => {
      assert.deepStrictEqual(found('- does Pressed Attention compose with quantization?'), [['Pressed Attention', 'pressed']]);
      assert.deepStrictEqual(found('we then read Thread Weaving over lunch'), [['Thread Weaving', 'weaving']]);
      // At a sentence start, or after a capitalised word (a Title Case heading), capitals prove nothing.
      assert.deepStrictEqual(found('Pressed Attention is what we want.'), []);
      assert.deepStrictEqual(found('## Notes On Thread Weaving'), []);
      assert.deepStrictEqual(found('we then read thread weaving tips for sewing'), []);
    });

    it('lets a citing or cited paper on the same line vouch, but not a neighbouring line', () => {
      const sameLine = 'Heron: neural long-term memory that learns to remember at test time. EGRET is the follow-up.';
      assert.deepStrictEqual(names(sameLine), ['Heron', 'EGRET']);
      const nextLine = 'Heron: neural long-term memory that learns to remember at test time.\nEGRET is the follow-up.';
      assert.deepStrictEqual(names(nextLine), ['Heron']);
      // A paper that shares only a topic is not enough across a sentence.
      assert.deepStrictEqual(names('SideMem stores past context in a side network. Heron is the other one.'), ['SideMem']);
    });

    it('counts a link to the paper or a citation of its first author as evidence', () => {
      assert.deepStrictEqual(found('[Heron](https://arxiv.org/abs/2599.10001) to read.'), [['Heron', 'heron']]);
      assert.deepStrictEqual(found('Heron (Okafor et al., 2025) is on my list.'), [['Heron', 'heron']]);
      assert.deepStrictEqual(found('Squib (Chen et al.) is next.'), [['Squib', 'squib']]);
      // Another author, or the surname without a citation's form, says nothing.
      assert.deepStrictEqual(found('Squib (Wang et al.) is next.'), []);
      assert.deepStrictEqual(found('Heron and Okafor are on my list.'), []);
    });

    it('does not count the name itself, in another case, as evidence for it', () => {
      assert.deepStrictEqual(found('The heron at the zoo is tall; a Heron chick hatched.'), []);
      // "energy" is a Squib title word; "squib" would be another, were the name evidence for itself.
      assert.deepStrictEqual(found('A squib uses little energy; the Squib show starts at noon.'), []);
    });

    it('tells a competing sense of an acronym apart', () => {
      assert.deepStrictEqual(found('compare APE (absolute), relative bias, ALiBi and rotary position encodings.'), []);
      assert.deepStrictEqual(found('APE, the absolute position embedding of the original Transformer, fails to extrapolate beyond the training length.'), []);
      assert.deepStrictEqual(names("APE = Adaptive Parallel Encoding: cache each retrieved document's KV independently."), ['APE', 'Adaptive Parallel Encoding']);
      assert.deepStrictEqual(found('MoA (mixture-of-agents) layers several LLMs as proposers and aggregators.'), []);
      assert.deepStrictEqual(found('MoA: per-head sparse attention configurations with scaling rules per sequence length.'), [['MoA', 'moa']]);
    });
  });

  describe('longest match', () => {
    it('prefers the longest name at a position', () => {
      assert.deepStrictEqual(names('Q.R. Instruct 164K and Lynx-VL 1.5'), ['Q.R. Instruct 164K', 'Lynx-VL 1.5']);
      const title = 'LoopLoRA: Efficient Fine-tuning of Long-Context Models';
      assert.deepStrictEqual(names(title), [title]);
    });
  });

  describe('offsets', () => {
    it('are UTF-16 code units, end exclusive, after surrogate pairs and combining marks', () => {
      const text = '🦒🦒 café\u0301 — SplitHead, 長文 KVPress';
      const ms = detector.detect(text);
      assert.deepStrictEqual(ms.map(m => [m.start, m.end]), [[text.indexOf('SplitHead'), text.indexOf('SplitHead') + 9], [text.indexOf('KVPress'), text.indexOf('KVPress') + 7]]);
      for (const m of ms) assert.strictEqual(text.slice(m.start, m.end), m.text);
      assert.strictEqual(ms[0].start, 13); // 2 × 2 (surrogate pairs) + 1 + 5 (é as e + U+0301) + 3
    });

    it('finds the mention at an offset by binary search', () => {
      const text = 'SplitHead vs KVPress vs LoopLoRA';
      const ms = detector.detect(text);
      assert.strictEqual(detector.mentionAt(ms, 0)?.text, 'SplitHead');
      assert.strictEqual(detector.mentionAt(ms, 8)?.text, 'SplitHead');
      assert.strictEqual(detector.mentionAt(ms, 9), undefined);
      assert.strictEqual(detector.mentionAt(ms, text.indexOf('KVPress') + 3)?.text, 'KVPress');
      assert.strictEqual(detector.mentionAt(ms, text.length - 1)?.text, 'LoopLoRA');
      assert.strictEqual(detector.mentionAt(ms, text.length), undefined);
      assert.strictEqual(detector.mentionAt([], 0), undefined);
    });
  });

  describe('robustness', () => {
    it('returns nothing for empty or non-text input and never throws on odd text', () => {
      assert.deepStrictEqual(detector.detect(''), []);
      assert.deepStrictEqual(detector.detect(undefined as unknown as string), []);
      for (const odd of ['\uD800SplitHead\uDC00', '\u0000KVPress\u0000', 'Split\uFEFFHead', '\uDBFF', 'E\u0301.T. Bench']) {
        assert.doesNotThrow(() => detector.detect(odd));
      }
      assert.deepStrictEqual(found('\uD800SplitHead\uDC00'), [['SplitHead', 'splithead']]);
    });

    it('scans a large text in one pass', () => {
      const text = 'KVPress quantizes keys before RoPE. '.repeat(60_000);
      const ms = detector.detect(text);
      assert.strictEqual(ms.length, 60_000);
      assert.deepStrictEqual([ms[59_999].start, ms[59_999].text], [text.lastIndexOf('KVPress'), 'KVPress']);
    });
  });

  describe('papers given as they come', () => {
    it('skips malformed entries and finds nothing with no papers', () => {
      const d = new MentionDetector([null, { title: 'no id' }, ...notesLibrary().slice(0, 1)] as unknown as Paper[]);
      assert.deepStrictEqual(found('SplitHead', d), [['SplitHead', 'splithead']]);
      assert.deepStrictEqual(new MentionDetector([]).detect('SplitHead'), []);
    });
  });
});

describe('mention detection on the bundled corpus (end to end)', () => {
  let corpusDetector: MentionDetector | undefined;
  const d = () => (corpusDetector ??= new MentionDetector(corpusData().papers));
  /** The id of the one paper a name or title means. */
  function id(name: string): string {
    const papers = testCorpus().lookup(name);
    assert.strictEqual(papers.length, 1, `${name} names ${papers.length} papers`);
    return papers[0].id;
  }

  it('finds distinctive names and the variants the corpus builder derives', () => {
    assert.deepStrictEqual(found('DuoAttention, longlora, Duo-Attention, KV-Quant and E²-LLM', d()), [
      ['DuoAttention', id('DuoAttention')],
      ['longlora', id('LongLoRA')],
      ['Duo-Attention', id('DuoAttention')],
      ['KV-Quant', id('KVQuant')],
      ['E²-LLM', id('E2-LLM')],
    ]);
  });

  it('takes Titans, the paper, and leaves the football team', () => {
    assert.deepStrictEqual(found('Sun: the Titans blew a 14-point lead (NFL, not the paper).', d()), []);
    assert.deepStrictEqual(found('- Titans: neural long-term memory that learns to memorize at test time.', d()), [['Titans', id('Titans')]]);
    assert.deepStrictEqual(found('ATLAS beats Titans on BABILong at 10M tokens.', d()), [['ATLAS', id('ATLAS')], ['Titans', id('Titans')]]);
  });

  it('tells the two Giraffes apart when the sentence does, and lists both when it does not', () => {
    const giraffeLLM = '2308.10882';
    const giraffeVLM = '2412.12735';
    const m = only('When someone writes "Giraffe" about extending the context length, ask which one.', d());
    assert.strictEqual(m.ambiguous, true);
    assert.deepStrictEqual([...m.papers].sort(), [giraffeLLM, giraffeVLM]);
    const llm = only('Giraffe: 13B LLaMA models with 4k/16k/32k context and a truncated basis for the position encoding.', d());
    assert.deepStrictEqual([llm.papers, llm.ambiguous], [[giraffeLLM], false]);
    assert.deepStrictEqual(only('GIRAFFE extends VLMs to 128K with a new position scheme and hybrid-resolution training.', d()).papers, [giraffeVLM]);
  });

  it('tells a competing sense of APE apart', () => {
    assert.deepStrictEqual(found('compare APE (absolute), relative bias, ALiBi and rotary position encodings.', d()), []);
    assert.deepStrictEqual(
      d().detect("APE = Adaptive Parallel Encoding: cache each retrieved document's KV independently.").map(x => x.text),
      ['APE', 'Adaptive Parallel Encoding'],
    );
  });
});
