import * as assert from 'assert';
import { Library, type PaperSource } from '../../src/core/library/library';
import type { Paper, Topic } from '../../src/core/library/model';
import { createPaperLens } from '../../src/core/paperLens';

const TOPICS: Topic[] = [{ id: 'memory', label: 'Memory', description: 'Memory for long context' }];

function paper(id: string, fields: Partial<Paper> = {}): Paper {
  return { id, title: `Title of ${id}`, abstract: '', firstAuthor: 'Doe', shortName: null, aliases: [], topics: ['memory'], links: [], year: 2024, month: 1, ...fields };
}

function source(id: string, papers: Paper[], extra: Partial<PaperSource> = {}): PaperSource {
  return { id, kind: id === 'bundled' ? 'bundled' : 'bibliography', label: id, papers, ...extra };
}

const BUNDLED = source('bundled', [
  paper('2401.00001', { arxiv: '2401.00001', title: 'Zebrafish: Striped Memory for Long Context', shortName: 'Zebrafish', aliases: [{ name: 'Zebrafish', origin: 'title' }], abstract: 'We propose Zebrafish, a striped memory.' }),
  paper('2402.00002', { arxiv: '2402.00002', doi: '10.1000/ABC', title: 'Quokka Attention', shortName: 'Quokka', aliases: [{ name: 'Quokka', origin: 'title' }] }),
], { topics: TOPICS });

describe('library', () => {
  it('answers lookups by id, arXiv id in any form, name, title, DOI and citation key', () => {
    const snap = new Library([BUNDLED]).snapshot();
    assert.strictEqual(snap.size, 2);
    assert.strictEqual(snap.lookup('zebrafish')[0].id, '2401.00001');
    assert.strictEqual(snap.lookup('arXiv:2401.00001v3')[0].id, '2401.00001');
    assert.strictEqual(snap.lookup('https://arxiv.org/abs/2402.00002')[0].id, '2402.00002');
    assert.strictEqual(snap.paperByDoi('https://doi.org/10.1000/abc')?.id, '2402.00002');
    assert.strictEqual(snap.lookup('Quokka Attention')[0].id, '2402.00002');
    assert.deepStrictEqual(snap.lookup('nothing like this'), []);
    assert.deepStrictEqual(snap.lookup('   '), []);
    assert.strictEqual(snap.topic('memory')?.label, 'Memory');
    assert.deepStrictEqual(snap.papersInTopic('memory').map(p => p.id), ['2401.00001', '2402.00002']);
  });

  it('makes a new snapshot when a source is added, and an old snapshot still answers as before', () => {
    const library = new Library([BUNDLED]);
    const before = library.snapshot();
    const seen: number[] = [];
    const listener = library.onDidChange(s => seen.push(s.version));
    const after = library.setSource(source('mine.bib', [paper('lee2025walrus', { title: 'Walrus: Tusked Retrieval', shortName: 'Walrus', aliases: [{ name: 'Walrus', origin: 'title' }], citationKey: 'lee2025walrus' })]));
    assert.notStrictEqual(before, after);
    assert.strictEqual(library.snapshot(), after);
    assert.deepStrictEqual(seen, [after.version]);
    assert.ok(after.version > before.version);
    assert.strictEqual(after.lookup('Walrus')[0].id, 'lee2025walrus');
    assert.strictEqual(after.paperByKey('lee2025walrus')?.title, 'Walrus: Tusked Retrieval');
    assert.deepStrictEqual(before.lookup('Walrus'), [], 'the old snapshot is unchanged');
    assert.strictEqual(before.size, 2);
    listener.dispose();
    library.removeSource('mine.bib');
    assert.deepStrictEqual(seen, [after.version], 'a disposed listener hears nothing');
    assert.deepStrictEqual(library.snapshot().lookup('Walrus'), []);
  });

  it('replaces a reloaded source in place, keeping the source order', () => {
    const library = new Library([BUNDLED, source('a.bib', [paper('k1', { citationKey: 'k1' })]), source('b.bib', [paper('k2', { citationKey: 'k2' })])]);
    library.setSource(source('a.bib', [paper('k3', { citationKey: 'k3' })]));
    assert.deepStrictEqual(library.snapshot().papers.map(p => p.id), ['2401.00001', '2402.00002', 'k3', 'k2']);
  });

  it('merges the same work from two sources (same arXiv id or DOI) into one paper that remembers both', () => {
    const mine = source('mine.bib', [
      paper('chen2024zebra', { arxiv: 'arXiv:2401.00001v2', citationKey: 'chen2024zebra', title: 'Zebrafish: striped memory', authors: ['Ada Chen', 'Bo Li'], origins: [{ source: 'mine.bib', key: 'chen2024zebra', file: '/notes/mine.bib', line: 12 }] }),
      paper('q', { doi: '10.1000/abc', citationKey: 'quokkaKey', abstract: 'An abstract the bundled entry lacks.' }),
    ]);
    const snap = new Library([BUNDLED, mine]).snapshot();
    assert.strictEqual(snap.size, 2, 'no duplicates');
    const zebra = snap.paper('2401.00001')!;
    assert.strictEqual(zebra.title, 'Zebrafish: Striped Memory for Long Context', 'the bundled (first) fields win');
    assert.deepStrictEqual(zebra.authors, ['Ada Chen', 'Bo Li'], 'the later source fills what the first lacks');
    assert.strictEqual(zebra.citationKey, 'chen2024zebra');
    assert.ok(zebra.aliases.some(a => a.name === 'chen2024zebra' && a.origin === 'key'));
    assert.deepStrictEqual(zebra.origins?.map(o => [o.source, o.key, o.line]), [['bundled', '2401.00001', undefined], ['mine.bib', 'chen2024zebra', 12]]);
    assert.strictEqual(snap.paperByKey('chen2024zebra'), zebra);
    assert.strictEqual(snap.lookup('chen2024zebra')[0], zebra);
    const quokka = snap.paper('2402.00002')!;
    assert.strictEqual(quokka.abstract, 'An abstract the bundled entry lacks.');
    assert.strictEqual(quokka.citationKey, 'quokkaKey');
  });

  it('keeps the first of two entries with the same key and reports the other with its file and line', () => {
    const a = source('a.bib', [paper('dup', { citationKey: 'dup', title: 'First', origins: [{ source: 'a.bib', key: 'dup', file: 'a.bib', line: 3 }] })], { file: 'a.bib' });
    const b = source('b.bib', [paper('dup', { citationKey: 'dup', title: 'Second', origins: [{ source: 'b.bib', key: 'dup', file: 'b.bib', line: 7 }] })], { file: 'b.bib' });
    const snap = new Library([a, b]).snapshot();
    assert.strictEqual(snap.size, 1);
    assert.strictEqual(snap.paper('dup')?.title, 'First');
    assert.deepStrictEqual(snap.problems.map(p => [p.file, p.line]), [['b.bib', 7]]);
    assert.match(snap.problems[0].message, /duplicate key 'dup' \(first in a\.bib:3\)/);
  });

  it('never lets a source change the papers it handed over', () => {
    const papers = [paper('2401.00001', { arxiv: '2401.00001' })];
    const frozen = JSON.stringify(papers);
    new Library([source('bundled', papers), source('x.bib', [paper('x', { arxiv: '2401.00001', citationKey: 'x' })])]).snapshot();
    assert.strictEqual(JSON.stringify(papers), frozen);
  });
});

describe('the core factory', () => {
  it('swaps the library at run time: search, mentions and lookup find a new paper; an old core answers as before', () => {
    const lens = createPaperLens({ sources: [BUNDLED] });
    const before = lens.current();
    assert.strictEqual(lens.current(), before, 'the same core until the library changes');
    assert.deepStrictEqual(before.search.search('walrus tusked').map(h => h.paper.id), []);
    assert.deepStrictEqual(before.mentions.detect('We compare Walrus with Zebrafish.').map(m => m.text), ['Zebrafish']);

    lens.library.setSource(source('mine.bib', [paper('lee2025walrus', {
      title: 'Walrus: Tusked Retrieval for Long Documents', shortName: 'Walrus', aliases: [{ name: 'Walrus', origin: 'title', strict: true }],
      abstract: 'We introduce Walrus, tusked retrieval over long documents.', citationKey: 'lee2025walrus',
    })]));
    const after = lens.current();
    assert.notStrictEqual(after, before);
    assert.strictEqual(after.search.search('walrus tusked')[0]?.paper.id, 'lee2025walrus');
    assert.deepStrictEqual(after.mentions.detect('We compare Walrus tusked retrieval with Zebrafish.').map(m => [m.text, m.papers[0]]), [['Walrus', 'lee2025walrus'], ['Zebrafish', '2401.00001']]);
    assert.strictEqual(after.snapshot.lookup('walrus')[0].id, 'lee2025walrus');
    assert.match(after.references.bibtex(after.snapshot.paper('lee2025walrus')!), /^@misc\{lee2025walrus,/);

    // The old core keeps answering from its own snapshot.
    assert.deepStrictEqual(before.search.search('walrus tusked').map(h => h.paper.id), []);
    assert.deepStrictEqual(before.mentions.detect('We compare Walrus tusked retrieval with Zebrafish.').map(m => m.text), ['Zebrafish']);
    assert.deepStrictEqual(before.snapshot.lookup('walrus'), []);
    assert.strictEqual(lens.over(before.snapshot), before);
  });
});
