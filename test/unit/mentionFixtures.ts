// Small hand-made libraries for the mention tests: invented papers, so a test states every name,
// word and citation its verdict rests on, and no curation change to the bundled corpus moves it.
import type { Alias, Paper } from '../../src/core/library/model';

let next = 0;

/**
 * An invented paper. Its arXiv id is arXiv-shaped and unlike any word ("2599.00001"): a sentence that
 * holds a paper's arXiv id links to it, which is evidence.
 */
export function paper(over: Partial<Paper> & { title: string }): Paper {
  const arxiv = `2599.${String(++next).padStart(5, '0')}`;
  return { id: over.id ?? arxiv, arxiv, abstract: '', year: 2025, month: 1, firstAuthor: 'Nobody', shortName: null, aliases: [], topics: [], links: [], ...over };
}

export function strictName(name: string, ambiguous = false): Alias {
  return { name, origin: 'title', strict: true, ...(ambiguous ? { ambiguous: true } : {}) };
}

export function plainName(name: string): Alias {
  return { name, origin: 'title' };
}

/**
 * Heron and Otter are strict names (a bird, an animal) that need evidence from their sentence;
 * Otter's abstract names Heron, so each vouches for the other; FooBarNet needs none; three more
 * papers give the words weights.
 */
export function birdLibrary(): Paper[] {
  return [
    paper({
      id: 'heron',
      title: 'Heron: Streaming Memory for Agents',
      abstract: 'We present Heron, a streaming memory for agents that evicts stale observations and keeps salient ones in a compact buffer.',
      firstAuthor: 'Okafor',
      aliases: [strictName('Heron')],
      topics: ['memory'],
    }),
    paper({
      id: 'otter',
      title: 'Otter: Retrieval Heads for Long Documents',
      abstract: 'Otter finds the attention heads that retrieve from long documents; unlike Heron it keeps every token but reads few of them.',
      aliases: [strictName('Otter')],
      topics: ['memory'],
    }),
    paper({
      id: 'foobarnet',
      title: 'FooBarNet: Sparse Caches',
      abstract: 'FooBarNet quantizes the key cache to two bits.',
      shortName: 'FooBarNet',
      aliases: [plainName('FooBarNet')],
      topics: ['cache'],
    }),
    paper({ id: 'p4', title: 'Gated Recurrence at Scale', abstract: 'A gated recurrent layer trained on long documents.' }),
    paper({ id: 'p5', title: 'Position Interpolation Revisited', abstract: 'Interpolating rotary positions extends the context window of a pretrained model.' }),
    paper({ id: 'p6', title: 'Benchmarks for Long Inputs', abstract: 'A benchmark of long inputs with questions about distant facts.' }),
  ];
}

/**
 * Two papers called Zebra (a strict, ambiguous name): one a vision model over satellite tiles that
 * names Okapi, the other a long-context method with a truncated rotary basis that names Gnu. Okapi
 * and Gnu need no evidence; two more papers give the words weights.
 */
export function zebraLibrary(): Paper[] {
  return [
    paper({
      id: 'zebra-vision',
      title: 'Zebra: Striped Attention for Satellite Imagery',
      abstract: 'We present Zebra, a vision transformer that segments satellite imagery with striped attention over image tiles; it builds on Okapi.',
      aliases: [strictName('Zebra', true)],
    }),
    paper({
      id: 'zebra-long',
      title: 'Zebra: Truncated Rotary Bases for Long Contexts',
      abstract: 'Zebra extends the context window of a language model to 32K tokens by truncating the rotary basis of its position encoding, unlike Gnu.',
      aliases: [strictName('Zebra', true)],
    }),
    paper({ id: 'okapi', title: 'Okapi: Tiled Image Encoders', abstract: 'Okapi encodes large images tile by tile.', aliases: [plainName('Okapi')] }),
    paper({ id: 'gnu', title: 'Gnu: Quantized Key Caches', abstract: 'Gnu quantizes the key cache to two bits.', aliases: [plainName('Gnu')] }),
    paper({ title: 'Gated Recurrence at Scale', abstract: 'A gated recurrent layer trained on long documents.' }),
    paper({ title: 'Benchmarks for Long Inputs', abstract: 'A benchmark of long inputs with questions about distant facts.' }),
  ];
}
