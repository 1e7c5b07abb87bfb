// Structure is evidence (#14): what a note attaches to a name — its own or another paper's link or
// title, an author list, a diagram block, a follow-up's suffix, a denial — changes whether the name
// is a mention. Each case uses invented papers and names and, where it matters, says in the same
// test that the name *is* a mention without the structure: so a test here fails when its mechanism
// is off, not only when the name is rejected for want of words.
import * as assert from 'assert';
import { MentionDetector } from '../../src/core/mentions';
import type { Paper } from '../../src/core/library/model';
import { paper, plainName, strictName } from './mentionFixtures';

/**
 * Real arXiv ids where a test links a paper's own (the fixtures' "2599.…" ids are no arXiv ids on
 * purpose). Zephyrix needs no evidence (an invented word); Quellen is a strict, medium-risk name (it could be
 * a word or a person) with a distinctive abstract; Lantern Heads is a strict concept-like name of
 * several words; Vrk is a short distinctive name, as a diagram's node id might be spelled.
 */
function structureLibrary(): Paper[] {
  return [
    paper({ id: 'zephyrix', arxiv: '2503.01234', title: 'Zephyrix: Sparse Routing for Long Inputs', shortName: 'Zephyrix', aliases: [plainName('Zephyrix')], abstract: 'Zephyrix routes each token of a long input to a sparse set of experts.' }),
    paper({
      id: 'quellen',
      arxiv: '2503.04321',
      title: 'Quellen: Streaming Memory for Agents',
      aliases: [strictName('Quellen')],
      topics: ['memory'],
      abstract: 'Quellen is a streaming memory for agents that evicts stale observations and keeps salient ones in a compact buffer.',
    }),
    paper({
      id: 'lantern',
      title: 'Lantern Heads: Attention Heads that Find Salient Tokens in Long Documents',
      aliases: [strictName('Lantern Heads')],
      abstract: 'Lantern heads are attention heads that find the salient tokens of long documents; evicting the cache of other heads keeps accuracy.',
    }),
    paper({ id: 'vrk', title: 'Vrk: Vectorised Retrieval Kernels', shortName: 'Vrk', aliases: [plainName('Vrk')], abstract: 'Vrk runs retrieval kernels on vectors.' }),
    paper({ title: 'Gated Recurrence at Scale', abstract: 'A gated recurrent layer trained on long documents.' }),
    paper({ title: 'Benchmarks for Long Inputs', abstract: 'A benchmark of long inputs with questions about distant facts.' }),
  ];
}

const papers = structureLibrary();
const detector = new MentionDetector(papers);
const arxivOf = (id: string) => papers.find(p => p.id === id)?.arxiv ?? '';

/** The papers found, as "text→paper" strings, in order. */
function found(text: string): string[] {
  return detector.detect(text).map(m => `${m.text}→${m.papers.join('|')}`);
}

/** Whether `name` is found (as its own span) for paper `id`. */
function finds(text: string, name: string, id: string): boolean {
  return detector.detect(text).some(m => m.text === name && m.papers.includes(id));
}

describe('mention structure: follow-up names', () => {
  it('a suffix that counts a generation or tags a successor names another work', () => {
    for (const followUp of ['Zephyrix-2', 'Zephyrix-v3', 'Zephyrix-R', 'Zephyrix-R1', 'Zephyrix-II', 'Zephyrix-Next', 'Zephyrix++']) {
      assert.deepStrictEqual(found(`We compare against ${followUp} on long inputs.`), [], followUp);
    }
  });

  it('a size, a variant word or a point release is still the paper', () => {
    assert.ok(finds('We compare against Zephyrix on long inputs.', 'Zephyrix', 'zephyrix'));
    for (const variant of ['Zephyrix-7B', 'Zephyrix-Chat', 'Zephyrix-1.5']) {
      assert.ok(found(`We compare against ${variant} on long inputs.`).some(f => f.startsWith(`${variant}→zephyrix`)), variant);
    }
  });

  it('a follow-up is the paper when its own link is attached, and never on its words alone', () => {
    const own = `- [Zephyrix-2](https://arxiv.org/abs/${arxivOf('zephyrix')}) routes tokens to sparse experts.`;
    assert.deepStrictEqual(found(own), ['Zephyrix-2→zephyrix']);
    // The paper's own words do not make a follow-up the paper.
    assert.deepStrictEqual(found('Zephyrix-2 routes each token of a long input to a sparse set of experts.'), []);
  });
});

describe('mention structure: another paper’s link or title on the same item', () => {
  it('a list item whose link and title are another paper’s is not this paper, even for a name that needs no evidence', () => {
    assert.deepStrictEqual(found('- [**Zephyrix: Gradient Checkpointing for Vision Transformers**](https://arxiv.org/abs/2401.98765)'), []);
    // Its own title and link: a mention.
    assert.ok(finds(`- [**Zephyrix**: Sparse Routing for Long Inputs](https://arxiv.org/abs/${arxivOf('zephyrix')})`, 'Zephyrix', 'zephyrix'));
  });

  it('a table row linking another paper is not this paper', () => {
    const row = '| Zephyrix | Gradient Checkpointing for Vision Transformers | [arXiv](https://arxiv.org/abs/2401.98765) |';
    assert.deepStrictEqual(found(row), []);
    const ownRow = `| Zephyrix | Sparse Routing for Long Inputs | [arXiv](https://arxiv.org/abs/${arxivOf('zephyrix')}) |`;
    assert.ok(finds(ownRow, 'Zephyrix', 'zephyrix'));
  });

  it('a name that needs evidence heading another paper’s title loses to the structure, not to a lack of words', () => {
    // A few of its paper's words accept it when nothing is attached…
    assert.ok(finds('- Quellen evicts stale observations.', 'Quellen', 'quellen'));
    // …and not when its item links another paper with another title.
    assert.deepStrictEqual(found('- [**Quellen: Gradient Checkpointing for Vision Transformers**](https://arxiv.org/abs/2401.98765) evicts stale observations.'), []);
  });

  it('a phrase inside another paper’s title is that paper’s concept, not a mention of the paper named after it', () => {
    // In prose the name in capitals is a mention; as the end of another paper's title, linked or
    // not, it is that paper's concept.
    assert.ok(finds('Cache compression for long documents through Lantern Heads.', 'Lantern Heads', 'lantern'));
    assert.deepStrictEqual(found('- [Boxcar: Cache Compression Through Lantern Heads](https://arxiv.org/abs/2402.13579) for long documents'), []);
    assert.deepStrictEqual(found('- Boxcar: Cache Compression Through Lantern Heads in Long Documents.'), []);
  });
});

describe('mention structure: author lists', () => {
  it('a name that needs evidence, as a first name in a comma-separated list of people, is a person', () => {
    const about = 'Evicting stale observations from a streaming memory for agents';
    assert.ok(finds(`Quellen: ${about.toLowerCase()}.`, 'Quellen', 'quellen'));
    assert.deepStrictEqual(found(`- **${about}.** Quellen Marsh, Tomas Ekberg, Ida Vance. 2025`), []);
    assert.deepStrictEqual(found(`- **${about}.** Quellen Marsh et al. 2025`), []);
    // As a surname after a first name or an initial.
    assert.deepStrictEqual(found(`- **${about}.** Ida Quellen, Tomas Ekberg. 2025`), []);
    assert.deepStrictEqual(found(`- **${about}.** Tomas Ekberg and I. Quellen. 2025`), []);
  });
});

describe('mention structure: code and diagram blocks', () => {
  it('a short name as a node id of a diagram block is an identifier; in a label or outside the block it is a name', () => {
    const diagram = '```mermaid\ngraph LR\n  Vrk --> Tesk\n  Tesk --> Vrk\n```';
    assert.deepStrictEqual(found(diagram), []);
    assert.deepStrictEqual(found('```mermaid\ngraph LR\n  A["Vrk kernels"] --> B\n```'), ['Vrk→vrk']);
    assert.deepStrictEqual(found(`${diagram}\nVrk runs retrieval kernels.`), ['Vrk→vrk']);
  });

  it('a distinctive name in inline code is still a mention; one that needs evidence is not', () => {
    assert.deepStrictEqual(found('Set `Zephyrix` as the router.'), ['Zephyrix→zephyrix']);
    const words = 'a streaming memory for agents that evicts stale observations';
    assert.ok(finds(`Quellen is ${words}.`, 'Quellen', 'quellen'));
    assert.deepStrictEqual(found(`\`Quellen\` is ${words}.`), []);
    // A stray backtick far before it on a long line opens no span around it.
    assert.ok(finds(`A \`stray tick, ${'then many words '.repeat(20)}and Quellen is ${words}, then \`another.`, 'Quellen', 'quellen'));
    assert.deepStrictEqual(found(`\`\`\`python\nQuellen = ${JSON.stringify(words)}\n\`\`\``), []);
  });
});

describe('mention structure: negation and contrast', () => {
  it('"the other X", "X is a different project" and "not the paper" deny a name that needs evidence', () => {
    // A few of its paper's words accept it when nothing denies it.
    assert.ok(finds('Quellen evicts stale observations.', 'Quellen', 'quellen'));
    assert.deepStrictEqual(found('The other Quellen evicts stale observations.'), []);
    assert.deepStrictEqual(found("Acme's Quellen library is a different project: it evicts stale observations."), []);
    assert.deepStrictEqual(found('Quellen is an entirely different project; it evicts stale observations.'), []);
    assert.deepStrictEqual(found('Quellen (it evicts stale observations, not the paper).'), []);
  });

  it('deny a name that needs no evidence too, but a comparison is no denial', () => {
    assert.deepStrictEqual(found('Zephyrix is a different project, a weather app.'), []);
    assert.deepStrictEqual(found('Zephyrix is an unrelated company.'), []);
    assert.deepStrictEqual(found('Zephyrix is a different approach to routing.'), ['Zephyrix→zephyrix']);
    assert.deepStrictEqual(found('Unlike Zephyrix, we route densely.'), ['Zephyrix→zephyrix']);
  });
});
