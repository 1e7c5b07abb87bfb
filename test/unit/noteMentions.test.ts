import * as assert from 'assert';
import { Library } from '../../src/core/library/library';
import type { Paper } from '../../src/core/library/model';
import { createPaperLens } from '../../src/core/paperLens';

function paper(id: string, fields: Partial<Paper> = {}): Paper {
  return { id, title: `Title ${id}`, abstract: '', firstAuthor: 'Doe', shortName: null, aliases: [], topics: [], links: [], year: 2024, ...fields };
}

const lens = createPaperLens({ library: new Library([
  { id: 'bundled', kind: 'bundled', label: 'b', papers: [paper('2401.00001', { arxiv: '2401.00001', title: 'Zebrafish: Striped Memory', shortName: 'Zebrafish', aliases: [{ name: 'Zebrafish', origin: 'title' }] })] },
  { id: 'mine.bib', kind: 'bibliography', label: 'mine.bib', papers: [paper('lee2025walrus', { citationKey: 'lee2025walrus', title: 'Walrus: Tusked Retrieval', shortName: 'Walrus', aliases: [{ name: 'Walrus', origin: 'title', strict: true }] })] },
]) });

describe('note mentions (names, citation keys, arXiv references)', () => {
  const detect = (text: string) => lens.current().notes.detect(text).map(m => [m.kind, m.text, m.papers.join('|'), m.ref ?? '']);

  it('finds citation keys of the library and arXiv references, known or not', () => {
    assert.deepStrictEqual(detect('As [@lee2025walrus] and \\cite{lee2025walrus} show; see arXiv:2401.00001v2 and https://arxiv.org/abs/2502.12345.'), [
      ['citation', 'lee2025walrus', 'lee2025walrus', 'lee2025walrus'],
      ['citation', 'lee2025walrus', 'lee2025walrus', 'lee2025walrus'],
      ['arxiv', 'arXiv:2401.00001v2', '2401.00001', '2401.00001v2'],
      ['arxiv', 'https://arxiv.org/abs/2502.12345', '', '2502.12345'],
    ]);
  });

  it('ignores keys the library does not know, and lets explicit references win over names in the same place', () => {
    assert.deepStrictEqual(detect('[@unknown2020] and Zebrafish (arxiv.org/abs/2401.00001)'), [
      ['name', 'Zebrafish', '2401.00001', ''],
      ['arxiv', 'arxiv.org/abs/2401.00001', '2401.00001', '2401.00001'],
    ]);
    // The key is also a name of the paper; found once, as the citation.
    assert.deepStrictEqual(detect('[@lee2025walrus]').map(m => m[0]), ['citation']);
  });

  it('keeps mentions sorted and non-overlapping', () => {
    const text = 'Zebrafish [@lee2025walrus] 2401.00001 Zebrafish @lee2025walrus';
    const ms = lens.current().notes.detect(text);
    for (let i = 1; i < ms.length; i++) assert.ok(ms[i].start >= ms[i - 1].end);
    for (const m of ms) assert.strictEqual(text.slice(m.start, m.end), m.text);
    assert.deepStrictEqual(ms.map(m => m.kind), ['name', 'citation', 'arxiv', 'name', 'citation']);
  });
});
