import * as assert from 'assert';
import { locate, type Note, score } from '../../scripts/evalMentions';

describe('mention evaluation scoring', () => {
  it('locates the n-th raw, case-sensitive occurrence, inside longer words too', () => {
    const text = 'PRAG and DyPRAG and PRAG; prag';
    assert.strictEqual(locate(text, 'PRAG', 1), 0);
    assert.strictEqual(locate(text, 'PRAG', 2), text.indexOf('DyPRAG') + 2);
    assert.strictEqual(locate(text, 'PRAG', 3), text.lastIndexOf('PRAG'));
    assert.strictEqual(locate(text, 'PRAG', 4), -1);
    assert.strictEqual(locate('aaa', 'aa', 2), 1); // overlapping occurrences count
  });

  it('scores precision over detections and recall over marked references, as the eval README says', () => {
    const notes: Note[] = [{
      id: 'n',
      text: 'Giraffe one; Titans lost; KVQuant wins; Foo here.',
      mentions: [
        { surface: 'Giraffe', occurrence: 1, title: ['T-Giraffe-A', 'T-Giraffe-B'] },
        { surface: 'Titans', occurrence: 1, title: null },
        { surface: 'KVQuant', occurrence: 1, title: 'T-KVQuant' },
        { surface: 'Foo', occurrence: 1, title: 'T-Foo' },
      ],
    }];
    const ids = new Map([['T-Giraffe-A', 'a'], ['T-Giraffe-B', 'b'], ['T-KVQuant', 'k'], ['T-Foo', 'f']]);
    const text = notes[0].text;
    const at = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length, text: s });
    const s = score(notes, ids, () => [
      { ...at('Giraffe'), papers: ['b'] }, // one of the marked titles: correct
      { ...at('Titans'), papers: ['t'] }, // marked as no corpus paper: false alarm
      { ...at('KVQuant w'), papers: ['k'] }, // overlapping is enough
      { ...at('here'), papers: ['f'] }, // no marked span there: false alarm
    ]);
    assert.deepStrictEqual([s.detected, s.correct, s.references, s.found], [4, 2, 3, 2]);
    assert.strictEqual(s.precision, 0.5);
    assert.strictEqual(s.recall, 2 / 3);
    assert.deepStrictEqual(s.misses.map(m => m.text), ['Foo']);
    assert.deepStrictEqual(s.falseAlarms.map(f => f.text), ['Titans', 'here']);
  });

  it('refuses a marked span or title that does not exist', () => {
    const bad: Note[] = [{ id: 'x', text: 'abc', mentions: [{ surface: 'zzz', occurrence: 1, title: null }] }];
    assert.throws(() => score(bad, new Map(), () => []), /no occurrence 1/);
    const badTitle: Note[] = [{ id: 'y', text: 'abc', mentions: [{ surface: 'abc', occurrence: 1, title: 'Nope' }] }];
    assert.throws(() => score(badTitle, new Map(), () => []), /not a corpus paper/);
  });
});
