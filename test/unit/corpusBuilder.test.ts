import * as assert from 'assert';
import { buildCorpus, CorpusBuildError, type Curation, type MetadataEntry, type SearchPhrases } from '../../scripts/build/corpusBuilder';
import { englishLexicon } from './testCorpus';

const ABSTRACT = (name: string) => `We propose ${name}, a method for long inputs. It is evaluated on several benchmarks and beats the baselines we compare with by a wide margin.`;

function fixture() {
  const papers = [
    { title: 'AlphaKV: Compressing Caches', id: '2401.00001' },
    { title: 'BetaKV: Evicting Caches', id: '2401.00002' },
    { title: 'GammaKV: Sharing Caches', id: '2401.00003' },
  ];
  const seed = ['Daily Papers', 'Sep 15', ...papers.map(p => `${p.title}\n\n${ABSTRACT(p.title.split(':')[0])}`)].join('\n\n');
  const metadata: MetadataEntry[] = papers.map(p => ({ title: p.title, arxiv: p.id, year: 2024, month: 1, first_author: 'Doe' }));
  const curation: Curation = {
    topics: [{ id: 'kv', label: 'KV cache', description: 'Caches.' }],
    papers: Object.fromEntries(papers.map(p => [p.id, { title: p.title.slice(0, 7), topics: ['kv'] }])),
  };
  const phrases: SearchPhrases = {};
  return { seed, metadata, curation, phrases };
}

function problems(f: ReturnType<typeof fixture>): string[] {
  try {
    buildCorpus(f.seed, f.metadata, f.curation, englishLexicon(), f.phrases);
    return [];
  } catch (e) {
    assert.ok(e instanceof CorpusBuildError, String(e));
    return e.problems;
  }
}

describe('corpus builder validation', () => {
  it('builds a valid fixture', () => {
    const f = fixture();
    const corpus = buildCorpus(f.seed, f.metadata, f.curation, englishLexicon());
    assert.deepStrictEqual(corpus.papers.map(p => p.shortName), ['AlphaKV', 'BetaKV', 'GammaKV']);
    assert.deepStrictEqual(problems(f), []);
  });

  it('reports a paper without a topic', () => {
    const f = fixture();
    f.curation.papers['2401.00002'].topics = [];
    assert.ok(problems(f).some(p => p === '2401.00002 "BetaKV: Evicting Caches" has no topic'), problems(f).join('\n'));
    delete f.curation.papers['2401.00003'];
    assert.ok(problems(f).some(p => /2401\.00003 .* has no curation entry \(it needs at least a topic\)/.test(p)));
  });

  it('reports an unknown topic', () => {
    const f = fixture();
    f.curation.papers['2401.00001'].topics = ['kv', 'nope'];
    assert.ok(problems(f).includes('2401.00001 has unknown topic "nope"'), problems(f).join('\n'));
  });

  it('reports duplicate ids', () => {
    const f = fixture();
    f.metadata[1].arxiv = '2401.00001';
    assert.ok(problems(f).some(p => p.startsWith('duplicate id 2401.00001: "AlphaKV: Compressing Caches" and "BetaKV: Evicting Caches"')), problems(f).join('\n'));
  });

  it('reports an alias claimed by two papers unless both mark it ambiguous', () => {
    const f = fixture();
    f.curation.papers['2401.00002'].aliases = ['AlphaKV'];
    assert.ok(problems(f).some(p => /^alias "AlphaKV" is claimed by 2401\.00001 \(AlphaKV\) and 2401\.00002 \(AlphaKV\)/.test(p)), problems(f).join('\n'));
    f.curation.papers['2401.00001'].ambiguous = ['AlphaKV'];
    f.curation.papers['2401.00002'].ambiguous = ['AlphaKV'];
    assert.deepStrictEqual(problems(f), []);
  });

  it('treats case and hyphen spellings as the same name', () => {
    const f = fixture();
    f.curation.papers['2401.00002'].aliases = ['ALPHA-KV'];
    assert.ok(problems(f).some(p => p.startsWith('alias "AlphaKV" is claimed by')), problems(f).join('\n'));
  });

  it('reports a metadata title that matches no paper', () => {
    const f = fixture();
    f.metadata[2].title = 'GammaKV: Sharing Caches (v2)';
    const ps = problems(f);
    assert.ok(ps.includes('metadata title matches no paper in the listing: "GammaKV: Sharing Caches (v2)"'), ps.join('\n'));
    assert.ok(ps.some(p => /paper "GammaKV: Sharing Caches" has no metadata entry/.test(p)));
  });

  it('reports curation for the wrong paper, stale exclusions and thin topics', () => {
    const f = fixture();
    f.curation.papers['2401.00001'].title = 'BetaKV';
    f.curation.papers['2401.00001'].excludeAliases = ['NotAName'];
    f.curation.topics.push({ id: 'empty', label: 'Empty', description: 'Nothing.' });
    const ps = problems(f);
    assert.ok(ps.includes('curation for 2401.00001 says "BetaKV…" but the paper is "AlphaKV: Compressing Caches"'), ps.join('\n'));
    assert.ok(ps.some(p => p.startsWith('2401.00001: excludeAliases names "NotAName"')));
    assert.ok(ps.includes('topic "empty" is the primary topic of 0 paper(s); at least 3 needed'));
  });

  it('attaches search phrases, trimmed, to their papers and none to the others', () => {
    const f = fixture();
    f.phrases['2401.00002'] = { title: 'BetaKV', phrases: ['  drop old cache   entries ', 'which tokens to forget'] };
    const corpus = buildCorpus(f.seed, f.metadata, f.curation, englishLexicon(), f.phrases);
    assert.deepStrictEqual(corpus.papers[1].searchPhrases, ['drop old cache entries', 'which tokens to forget']);
    assert.strictEqual(corpus.papers[0].searchPhrases, undefined);
  });

  it('reports search phrases for an unknown or wrong paper, and empty, long or repeated phrases', () => {
    const f = fixture();
    f.phrases['2401.09999'] = { title: 'Nope', phrases: ['x'] };
    f.phrases['2401.00001'] = { title: 'BetaKV', phrases: ['ok', ''] };
    f.phrases['2401.00003'] = { title: 'GammaKV', phrases: ['share caches', 'Share  caches', 'y'.repeat(161)] };
    const found = problems(f);
    const expected = [
      'search phrases have an entry for 2401.09999, which is not in the metadata',
      'search phrases for 2401.00001 say "BetaKV…" but the paper is "AlphaKV: Compressing Caches"',
      'search phrases for 2401.00001: an empty or non-text phrase',
      'search phrases for 2401.00003: "Share caches" is listed twice',
    ];
    for (const e of expected) assert.ok(found.includes(e), `missing "${e}" in:\n${found.join('\n')}`);
    assert.ok(found.some(p => /^search phrases for 2401\.00003: "y{40}…" is longer than 160 characters$/.test(p)), found.join('\n'));
  });

  it('reports every problem at once, in one error message', () => {
    const f = fixture();
    f.curation.papers['2401.00001'].topics = [];
    f.curation.papers['2401.00002'].topics = ['nope'];
    assert.throws(() => buildCorpus(f.seed, f.metadata, f.curation, englishLexicon()), (e: unknown) =>
      e instanceof CorpusBuildError && /corpus build failed with \d+ problem/.test(e.message) && e.problems.length >= 2);
  });
});
