// Each evidence signal, pinned to what it is for on invented papers: a test here fails when the
// signal is off, or when its weight leaves the range its purpose allows (evidenceWeights.ts).
import * as assert from 'assert';
import { MentionDetector } from '../../src/core/mentions';
import type { Paper } from '../../src/core/library/model';
import { paper, plainName, strictName } from './mentionFixtures';

/**
 * Plover (a medium-risk strict name) replays memories, with Finch and Robin on the same
 * topic; Yo and Ko are two-letter strict names (high risk), Yo's first author a surname four
 * papers share; CAP is defined by its paper as cache-aware prefill and by another as a context
 * allocation policy.
 */
function signalLibrary(): Paper[] {
  return [
    paper({ id: 'plover', title: 'Plover: Sparse Memory Replay for Agents', firstAuthor: 'Ito', aliases: [strictName('Plover')], topics: ['replay'], abstract: 'Plover replays sparse memories of past episodes to agents with a learned scheduler.' }),
    paper({ id: 'yo', title: 'Yo: Open Bilingual Models', firstAuthor: 'Wang', aliases: [strictName('Yo')], abstract: 'Yo is a family of open bilingual models.' }),
    paper({ id: 'ko', title: 'Ko: Compact Speech Models', firstAuthor: 'Okafor', aliases: [strictName('Ko')], abstract: 'Ko is a family of compact speech models.' }),
    paper({ title: 'Streaming Audio Tokenizers', firstAuthor: 'Wang', abstract: 'Tokenizers for streaming audio.' }),
    paper({ title: 'Graph Retrieval at Scale', firstAuthor: 'Wang', abstract: 'Retrieval over knowledge graphs.' }),
    paper({ title: 'Prompt Compression Survey', firstAuthor: 'Wang', abstract: 'A survey of prompt compression.' }),
    paper({ id: 'finch', title: 'Finch: Episodic Buffers', aliases: [plainName('Finch')], topics: ['replay'], abstract: 'Finch keeps an episodic buffer.' }),
    paper({ id: 'robin', title: 'Robin: Replay Schedules', aliases: [plainName('Robin')], topics: ['replay'], abstract: 'Robin schedules replay.' }),
    paper({ id: 'cap', title: 'CAP: Cache-Aware Prefill for Long Prompts', aliases: [strictName('CAP')], abstract: 'Cache-aware prefill (CAP) reuses the cache of shared prompt prefixes to speed up the prefill of long prompts.' }),
    paper({ title: 'Budgeted Attention for Long Prompts', abstract: 'A Context Allocation Policy (CAP) splits the attention budget of long prompts across segments.' }),
  ];
}

const detector = new MentionDetector(signalLibrary());

function names(text: string): string[] {
  return detector.detect(text).map(m => m.text);
}

describe('mention evidence signals', () => {
  it('a size suffix alone proves even a two-letter name; a variant word proves a longer one only', () => {
    assert.deepStrictEqual(names('We tried Yo yesterday.'), []);
    assert.deepStrictEqual(names('We tried Yo-7B yesterday.'), ['Yo-7B']);
    assert.deepStrictEqual(names('We tried Plover-Chat yesterday.'), ['Plover-Chat']);
    assert.deepStrictEqual(names('We tried Yo-Chat yesterday.'), []);
  });

  it('a citation by a surname many papers share proves less than by a rare one', () => {
    assert.deepStrictEqual(names('Ko (Okafor et al., 2025) is next.'), ['Ko']);
    assert.deepStrictEqual(names('Yo (Wang et al., 2025) is next.'), []);
  });

  it('co-mentioned papers of the same topic add a little each, up to two', () => {
    assert.deepStrictEqual(names('Plover replays.'), []);
    assert.deepStrictEqual(names('Plover replays with Finch.'), ['Finch']);
    assert.deepStrictEqual(names('Plover replays with Finch and Robin.'), ['Plover', 'Finch', 'Robin']);
  });

  it('technical tokens of the field add a little each, up to three', () => {
    assert.deepStrictEqual(names('Plover replays with KV.'), []);
    assert.deepStrictEqual(names('Plover replays with KV 7B.'), ['Plover']);
    assert.deepStrictEqual(names('Plover scheduler with KV 7B 13B RoPE.'), []);
  });

  it('the words of a competing expansion of an acronym count for that sense', () => {
    assert.deepStrictEqual(names('CAP speeds up long prompts.'), ['CAP']);
    // "policy" is a word of "Context Allocation Policy", the other paper's CAP.
    assert.deepStrictEqual(names('CAP is a policy that reuses prefixes of long prompts.'), []);
    assert.deepStrictEqual(names('CAP splits the budget of long prompts.'), []);
  });
});
