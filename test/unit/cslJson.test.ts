import * as assert from 'assert';
import { cslDate, cslText, parseCslJson } from '../../src/core/sources/cslJson';
import { parseCslYaml } from '../../src/core/sources/cslYaml';

/** A Zotero / Better BibTeX export: pretty-printed with two spaces, like theirs. */
const exportOf = (items: unknown[]) => JSON.stringify(items, null, 2);

describe('parseCslJson', () => {
  it('reads items as Zotero and Better BibTeX export them, each at its line', () => {
    const text = exportOf([
      {
        id: 'http://zotero.org/users/1/items/ABCD',
        'citation-key': 'xiao2024duoattention',
        type: 'article',
        title: '<i>DuoAttention</i>: Efficient Long-Context LLM Inference',
        author: [{ family: 'Xiao', given: 'Guangxuan' }, { literal: 'The Long Context Team' }, { family: 'Beethoven', given: 'Ludwig', 'non-dropping-particle': 'van' }],
        abstract: 'Deploying long-context LLMs &amp; more.',
        issued: { 'date-parts': [['2024', '10', '14']] },
        DOI: 'https://doi.org/10.48550/arXiv.2410.10819',
        URL: 'http://arxiv.org/abs/2410.10819',
        number: 'arXiv:2410.10819',
        publisher: 'arXiv',
      },
      { id: 'plain', type: 'paper-conference', title: 'Second', 'container-title': 'Proc. of <span style="font-variant:small-caps;">ACL</span>', issued: { 'date-parts': [[2019]] } },
    ]);
    const r = parseCslJson(text, 'lib.json');
    assert.deepStrictEqual(r.problems, []);
    assert.deepStrictEqual(r.entries[0], {
      key: 'xiao2024duoattention',
      type: 'article',
      line: 2,
      title: 'DuoAttention: Efficient Long-Context LLM Inference',
      authors: [
        { display: 'Guangxuan Xiao', family: 'Xiao' },
        { display: 'The Long Context Team', family: 'The Long Context Team' },
        { display: 'Ludwig van Beethoven', family: 'van Beethoven' },
      ],
      abstract: 'Deploying long-context LLMs & more.',
      year: 2024,
      month: 10,
      doi: '10.48550/arxiv.2410.10819',
      url: 'http://arxiv.org/abs/2410.10819',
      arxiv: '2410.10819',
    });
    assert.deepStrictEqual([r.entries[1].key, r.entries[1].line, r.entries[1].venue, r.entries[1].year], ['plain', 36, 'Proc. of ACL', 2019]);
  });

  it('strips markup from titles to plain text, keeping superscripts as characters', () => {
    assert.strictEqual(cslText('ALR<sup>2</sup>: <b>bold</b> and <span class="nocase">iPhone</span>'), 'ALR²: bold and iPhone');
    assert.strictEqual(cslText('H<sub>2</sub>O &lt;script&gt;alert(1)&lt;/script&gt;'), 'H₂O <script>alert(1)</script>');
    assert.strictEqual(cslText('a < b and c > d'), 'a < b and c > d');
    assert.strictEqual(cslText('<script>x</script>'), '<script>x</script>'); // not CSL markup: left as text, never interpreted
    assert.strictEqual(cslText(42), '42');
    assert.strictEqual(cslText({ not: 'text' }), '');
  });

  it('reads issued in all its shapes', () => {
    assert.deepStrictEqual(cslDate({ 'date-parts': [[2020, 5, 1]] }), { year: 2020, month: 5 });
    assert.deepStrictEqual(cslDate({ 'date-parts': [['2020', '05']] }), { year: 2020, month: 5 });
    assert.deepStrictEqual(cslDate({ 'date-parts': [[2020, 1], [2021, 2]] }), { year: 2020, month: 1 });
    assert.deepStrictEqual(cslDate({ 'date-parts': [[2021]], season: 1 }), { year: 2021 });
    assert.deepStrictEqual(cslDate({ raw: '2020-05-17' }), { year: 2020, month: 5 });
    assert.deepStrictEqual(cslDate({ raw: 'May 2020' }), { year: 2020, month: 5 });
    assert.deepStrictEqual(cslDate({ literal: 'Spring 2019' }), { year: 2019 });
    assert.deepStrictEqual(cslDate('2018-11'), { year: 2018, month: 11 });
    assert.deepStrictEqual(cslDate([{ year: 2017, month: 3 }]), { year: 2017, month: 3 });
    assert.deepStrictEqual(cslDate({ 'date-parts': [['']] }), {});
    assert.deepStrictEqual(cslDate(undefined), {});
  });

  it('finds arXiv ids in DOI, URL, number and note', () => {
    const arxiv = (item: object) => parseCslJson(exportOf([{ id: 'k', ...item }]), 'a.json').entries[0].arxiv;
    assert.strictEqual(arxiv({ DOI: '10.48550/arXiv.2404.02060' }), '2404.02060');
    assert.strictEqual(arxiv({ URL: 'https://arxiv.org/pdf/2404.15574v2' }), '2404.15574');
    assert.strictEqual(arxiv({ number: '2403.04652', publisher: 'arXiv' }), '2403.04652');
    assert.strictEqual(arxiv({ note: 'arXiv:2407.00402 [cs]' }), '2407.00402');
    assert.strictEqual(arxiv({ note: 'arXiv: 2305.19466' }), '2305.19466');
    assert.strictEqual(arxiv({ number: '2403.04652' }), undefined); // a report number, for all we know
  });

  it('falls back from citation-key to id, and reports items without either', () => {
    const r = parseCslJson(exportOf([{ id: 7, title: 'Numeric id' }, { title: 'No key' }, { id: 7, title: 'Again' }]), 'k.json');
    assert.deepStrictEqual(r.entries.map(e => e.key), ['7']);
    assert.deepStrictEqual(
      r.problems.map(p => [p.line, p.message, p.severity]),
      [
        [6, "item 2 has no 'id' or 'citation-key'; it is ignored", 'error'],
        [9, "duplicate key '7' (first at line 2); this item is ignored", 'warning'],
      ],
    );
  });

  it('reports a JSON syntax error once, with its line and column', () => {
    const r = parseCslJson('[\n  {"id": "a",\n   "title": }\n]', 'bad.json');
    assert.deepStrictEqual(r, {
      entries: [],
      problems: [{ file: 'bad.json', line: 3, column: 13, message: 'JSON syntax error at line 3, column 13: a value was expected', severity: 'error' }],
    });
    const trailing = parseCslJson('[{"id": "a"},\n]', 'bad.json').problems;
    assert.deepStrictEqual([trailing.length, trailing[0].line, trailing[0].column], [1, 2, 1]);
  });

  it('reports a document that is not an array, and items that are not objects', () => {
    assert.deepStrictEqual(parseCslJson('{"items": []}', 'o.json').problems, [
      { file: 'o.json', line: 1, message: 'expected a JSON array of CSL items, found an object', severity: 'error' },
    ]);
    const r = parseCslJson('[\n  "text",\n  3,\n  null,\n  [],\n  {"id": "ok"}\n]', 'i.json');
    assert.deepStrictEqual(r.entries.map(e => [e.key, e.line]), [['ok', 6]]);
    assert.deepStrictEqual(
      r.problems.map(p => [p.line, p.message]),
      [
        [2, 'item 1 is a string, not an object; it is ignored'],
        [3, 'item 2 is a number, not an object; it is ignored'],
        [4, 'item 3 is null, not an object; it is ignored'],
        [5, 'item 4 is an array, not an object; it is ignored'],
      ],
    );
  });

  it('finds item lines past strings holding brackets, quotes and escapes', () => {
    const text = '[{"id":"a","title":"x [[{ \\" , \\\\"},\n\n{"id":"b"}]';
    assert.deepStrictEqual(parseCslJson(text, 'e.json').entries.map(e => [e.key, e.line]), [['a', 1], ['b', 3]]);
  });

  it('is quiet for an empty file and survives binary garbage', () => {
    assert.deepStrictEqual(parseCslJson('', 'e.json'), { entries: [], problems: [] });
    const garbage = String.fromCharCode(...Array.from({ length: 300 }, (_, i) => (i * 53) % 256));
    const r = parseCslJson(garbage, 'g.json');
    assert.strictEqual(r.entries.length, 0);
    assert.strictEqual(r.problems.length, 1);
    assert.ok(r.problems[0].line >= 1);
  });
});

describe('parseCslYaml', () => {
  it('reads a pandoc references block and a bare list, each item at its line', () => {
    const pandoc = '---\nreferences:\n- id: foo\n  title: Hello <i>World</i>\n  issued: 2020-05-01\n  author:\n    - family: Doe\n      given: Jane\n- id: bar\n  issued:\n    date-parts:\n    - [2019, 3]\n...\n';
    const r = parseCslYaml(pandoc, 'refs.yaml');
    assert.deepStrictEqual(r.problems, []);
    assert.deepStrictEqual(r.entries.map(e => [e.key, e.line, e.title, e.year, e.month]), [['foo', 3, 'Hello World', 2020, 5], ['bar', 9, '', 2019, 3]]);
    assert.deepStrictEqual(parseCslYaml('- id: x\n  title: T\n', 'l.yaml').entries.map(e => e.key), ['x']);
  });

  it('reports a YAML syntax error with its line, and a document that is not a list', () => {
    const r = parseCslYaml('- id: foo\n  title: "unclosed\n- id: bar\n', 'bad.yaml');
    assert.strictEqual(r.entries.length, 0);
    assert.strictEqual(r.problems.length, 1);
    assert.match(r.problems[0].message, /^YAML syntax error at line \d+, column \d+/);
    assert.ok(r.problems[0].line >= 2);
    assert.match(parseCslYaml('title: not a list\n', 'm.yaml').problems[0].message, /expected a YAML list of CSL items/);
  });
});
