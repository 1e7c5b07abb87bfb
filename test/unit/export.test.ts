// From notes to a bibliography: which papers a set of mentions cites, their stable keys, and the
// BibTeX and CSL-JSON files — each read back by our own parsers, as a user's tools would read them.
import * as assert from 'assert';
import type { Paper } from '../../src/core/library/model';
import { cslName } from '../../src/core/references/cslJson';
import { bibliographyFormatOf, bibtexSafeKey, citedPapers, formatBibliography, stableKeys } from '../../src/core/references/export';
import { citeKey } from '../../src/core/references/formats';
import { parseBibtex } from '../../src/core/sources/bibtex';
import { parseCslJson } from '../../src/core/sources/cslJson';
import { corpusData } from './testCorpus';

function paper(id: string, fields: Partial<Paper> = {}): Paper {
  return { id, title: `Title of ${id}`, abstract: '', firstAuthor: 'Doe', shortName: null, aliases: [], topics: [], links: [], year: 2024, ...fields };
}

describe('export: the papers a set of mentions cites', () => {
  it('keeps each paper once, in order of first mention, and leaves out ambiguous names and unknown ids', () => {
    const cited = citedPapers([
      { papers: ['b'], ambiguous: false, text: 'B' },
      { papers: ['a'], ambiguous: false, text: 'A' },
      { papers: ['b'], ambiguous: false, text: 'B again' },
      { papers: ['g1', 'g2'], ambiguous: true, text: 'Giraffe' },
      { papers: [], ambiguous: false, text: 'arXiv:9999.99999' },
      // Several candidates without the flag are still no one paper.
      { papers: ['x', 'y'], ambiguous: false, text: 'XY' },
    ]);
    assert.deepStrictEqual(cited.ids, ['b', 'a']);
    assert.deepStrictEqual(cited.ambiguous, [{ text: 'Giraffe', papers: ['g1', 'g2'] }, { text: 'XY', papers: ['x', 'y'] }]);
  });
});

describe('export: stable keys', () => {
  const duo = paper('2410.10819', { arxiv: '2410.10819', firstAuthor: 'Xiao', shortName: 'DuoAttention', title: 'DuoAttention: Efficient Long-Context LLM Inference' });
  const mine = paper('2401.18079', { arxiv: '2401.18079', firstAuthor: 'Hooper', shortName: 'KVQuant', citationKey: 'hooper2024kv' });

  it('gives a library\'s own key verbatim and the Copy \\cite{} key otherwise', () => {
    const keys = stableKeys([duo, mine]);
    assert.strictEqual(keys.get(mine.id), 'hooper2024kv');
    assert.strictEqual(keys.get(duo.id), citeKey(duo));
    assert.strictEqual(keys.get(duo.id), 'xiao2024duoattention');
  });

  it('tells colliding derived keys apart by paper id, the same whichever subset is exported', () => {
    const a = paper('2401.00002', { firstAuthor: 'Li', shortName: 'Echo' });
    const b = paper('2401.00001', { firstAuthor: 'Li', shortName: 'Echo' });
    const c = paper('2401.00003', { firstAuthor: 'Li', shortName: 'Echo' });
    const universe = [a, b, c, duo];
    const all = stableKeys(universe);
    assert.deepStrictEqual([all.get(b.id), all.get(a.id), all.get(c.id)], ['li2024echoa', 'li2024echob', 'li2024echoc']);
    // Exporting one of them alone, or in another order, gives it the same key.
    assert.strictEqual(stableKeys([c], universe).get(c.id), 'li2024echoc');
    assert.strictEqual(stableKeys([a, c].reverse(), [...universe].reverse()).get(a.id), 'li2024echob');
    assert.strictEqual(all.get(duo.id), 'xiao2024duoattention', 'a key nobody shares stays bare');
  });

  it('never gives a derived key that a library already uses for another paper', () => {
    const bundled = paper('2402.00001', { firstAuthor: 'Lee', shortName: 'Walrus', year: 2025 });
    const users = paper('lee2025walrus', { citationKey: 'lee2025walrus', firstAuthor: 'Lee', title: 'Walrus, theirs' });
    const keys = stableKeys([bundled, users]);
    assert.strictEqual(keys.get(users.id), 'lee2025walrus');
    assert.strictEqual(keys.get(bundled.id), 'lee2025walrusa');
  });

  it('gives every paper of the bundled corpus its Copy \\cite{} key (none collide there)', () => {
    const papers = corpusData().papers;
    const keys = stableKeys(papers);
    for (const p of papers) assert.strictEqual(keys.get(p.id), citeKey(p), p.id);
  });

  it('makes a key BibTeX can read out of a CSL-JSON id with spaces or commas', () => {
    assert.strictEqual(bibtexSafeKey('ITEM 1, part{2}'), 'ITEM_1__part_2_');
    assert.strictEqual(bibtexSafeKey('lee2025walrus'), 'lee2025walrus');
    assert.strictEqual(bibtexSafeKey(''), 'paper');
  });
});

describe('export: BibTeX and CSL-JSON files', () => {
  const corpus = () => corpusData().papers;
  const pick = (...ids: string[]) => ids.map(id => corpus().find(p => p.id === id)!);

  it('writes a .bib our parser reads back with every paper, sorted by key, ids and titles intact', () => {
    const papers = pick('2410.10819', '2401.18079', '2309.12307');
    const { text, keys } = formatBibliography(papers, 'bibtex', { universe: corpus() });
    const parsed = parseBibtex(text, 'refs.bib');
    assert.deepStrictEqual(parsed.problems, []);
    assert.deepStrictEqual(parsed.entries.map(e => e.key), ['chen2023longlora', 'hooper2024kvquant', 'xiao2024duoattention']);
    assert.deepStrictEqual([...keys.values()], ['chen2023longlora', 'hooper2024kvquant', 'xiao2024duoattention']);
    for (const p of papers) {
      const entry = parsed.entries.find(e => e.key === keys.get(p.id))!;
      assert.strictEqual(entry.arxiv, p.arxiv);
      assert.strictEqual(entry.year, p.year);
    }
    assert.ok(text.endsWith('}\n') && !text.endsWith('\n\n'));
  });

  it('reads back a paper whose text has BibTeX\'s special characters', () => {
    const tricky = paper('tricky2024', { citationKey: 'tricky2024', title: '50% of R&D: the #1 way_to cut $O(n^2)$ cost', authors: ['Ada Lee', 'Team Walrus'], venue: 'Proc. A&B', doi: '10.1000/x_y' });
    const { text } = formatBibliography([tricky], 'bibtex');
    const parsed = parseBibtex(text, 'refs.bib');
    assert.deepStrictEqual(parsed.problems, []);
    assert.match(parsed.entries[0].title, /^50% of R&D: the #1 way_to cut .* cost$/);
    assert.strictEqual(parsed.entries[0].doi, '10.1000/x_y');
  });

  it('writes a CSL-JSON id BibTeX cannot read as a key it can', () => {
    const zotero = paper('ITEM 1, part 2', { citationKey: 'ITEM 1, part 2' });
    const parsed = parseBibtex(formatBibliography([zotero], 'bibtex').text, 'refs.bib');
    assert.deepStrictEqual(parsed.problems, []);
    assert.deepStrictEqual(parsed.entries.map(e => e.key), ['ITEM_1__part_2']);
    assert.strictEqual(JSON.parse(formatBibliography([zotero], 'csl-json').text)[0].id, 'ITEM 1, part 2', 'CSL-JSON keeps it as it is');
  });

  it('writes CSL-JSON our reader takes back: ids are the keys, arXiv preprints as Zotero writes them', () => {
    const papers = pick('2410.10819', '2401.18079');
    const { text } = formatBibliography(papers, 'csl-json', { universe: corpus() });
    const items = JSON.parse(text);
    assert.deepStrictEqual(items.map((i: { id: string }) => i.id), ['hooper2024kvquant', 'xiao2024duoattention']);
    assert.strictEqual(items[1].number, 'arXiv:2410.10819');
    assert.strictEqual(items[1].publisher, 'arXiv');
    assert.strictEqual(items[1].type, 'article');
    assert.deepStrictEqual(items[1].issued, { 'date-parts': [[2024, 10]] });
    assert.deepStrictEqual(items[1].author, [{ family: 'Xiao' }], 'the bundled corpus knows the first author\'s surname only');
    const parsed = parseCslJson(text, 'refs.json');
    assert.deepStrictEqual(parsed.problems, []);
    assert.deepStrictEqual(parsed.entries.map(e => [e.key, e.arxiv]), [['hooper2024kvquant', '2401.18079'], ['xiao2024duoattention', '2410.10819']]);
  });

  it('writes the displayed text, not the listing\'s TeX, into CSL-JSON', () => {
    const tex = paper('2401.06951', { title: 'E$^2$-LLM: Efficient and Extreme Length Extension', abstract: 'Cuts 50\\% of the cost.' });
    const item = JSON.parse(formatBibliography([tex], 'csl-json').text)[0];
    assert.strictEqual(item.title, 'E²-LLM: Efficient and Extreme Length Extension');
    assert.strictEqual(item.abstract, 'Cuts 50% of the cost.');
  });

  it('writes names as CSL wants them: people split, organisations literal', () => {
    assert.deepStrictEqual(cslName('Guangxuan Xiao'), { family: 'Xiao', given: 'Guangxuan' });
    assert.deepStrictEqual(cslName('Xiao, Guangxuan'), { family: 'Xiao', given: 'Guangxuan' });
    assert.deepStrictEqual(cslName('The Walrus Team'), { literal: 'The Walrus Team' });
    assert.deepStrictEqual(cslName('Hooper'), { literal: 'Hooper' });
  });

  it('writes an empty file for no papers, and tells .json from .bib', () => {
    assert.strictEqual(formatBibliography([], 'bibtex').text, '');
    assert.strictEqual(formatBibliography([], 'csl-json').text, '[]\n');
    assert.strictEqual(bibliographyFormatOf('/x/references.JSON'), 'csl-json');
    assert.strictEqual(bibliographyFormatOf('/x/references.bib'), 'bibtex');
    assert.strictEqual(bibliographyFormatOf('/x/references'), 'bibtex');
  });
});
