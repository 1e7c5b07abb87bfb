import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { ParseResult } from '../../src/core/sources/bibliographyEntry';
import { parseBibtex, parseName, parseNames } from '../../src/core/sources/bibtex';

// Compiled to out/test/unit, so the project root is three levels up; the real files live beside it.
const ROOT = path.resolve(__dirname, '..', '..', '..');
const REAL = path.resolve(ROOT, '..', 'shared', 'real');

const keys = (r: ParseResult) => r.entries.map(e => e.key);
const only = (text: string) => {
  const r = parseBibtex(text, 'test.bib');
  assert.strictEqual(r.entries.length, 1, JSON.stringify(r.problems));
  return r.entries[0];
};

describe('parseBibtex: bad input costs only the bad entry', () => {
  it('cuts an entry without its closing brace at the next entry, keeping the ones before and after', () => {
    const text = [
      '@article{before, title = {Before}, year = 2020}', // line 1
      '',
      '@article{broken, title = {Broken},', // line 3
      '  year = 2021',
      '',
      '@article{after, title = {After}, year = 2022}', // line 6
    ].join('\n');
    const r = parseBibtex(text, 'lib.bib');
    assert.deepStrictEqual(keys(r), ['before', 'after']);
    assert.deepStrictEqual(r.problems, [
      { file: 'lib.bib', line: 3, message: "entry 'broken' has no closing brace before the entry at line 6", severity: 'error' },
    ]);
  });

  it('cuts a value without its closing brace at the next entry instead of swallowing it', () => {
    const text = [
      '@misc{one, title = {One}}',
      '@misc{two, title = {Never closed,', // line 2
      '  note = {more}',
      '@misc{three, title = {Three}}', // line 4
      '@misc{four, title = {Four}}',
    ].join('\n');
    const r = parseBibtex(text, 'lib.bib');
    assert.deepStrictEqual(keys(r), ['one', 'three', 'four']);
    assert.strictEqual(r.problems.length, 1);
    assert.strictEqual(r.problems[0].line, 2);
    assert.strictEqual(r.problems[0].message, "entry 'two': the value of 'title' at line 2 has no closing brace before the entry at line 4");
  });

  it('reports an unclosed brace at the end of the file, keeping the entries before it', () => {
    const r = parseBibtex('@misc{a, title = {A}}\n\n@misc{last, title = {Last},\n  year = {2020}\n', 'end.bib');
    assert.deepStrictEqual(keys(r), ['a']);
    assert.deepStrictEqual(r.problems, [{ file: 'end.bib', line: 3, message: "entry 'last' has no closing brace (it runs to the end of the file)", severity: 'error' }]);
  });

  it('skips a syntax error to the entry’s own closing brace', () => {
    const text = '@misc{a, title = {A}}\n@misc{b, title = = {B}, year = {2020}}\n@misc{c, title = {C}}';
    const r = parseBibtex(text, 'x.bib');
    assert.deepStrictEqual(keys(r), ['a', 'c']);
    assert.strictEqual(r.problems.length, 1);
    assert.strictEqual(r.problems[0].line, 2);
    assert.match(r.problems[0].message, /^entry 'b': field 'title' at line 2 has no value/);
  });

  it('reads on past a missing comma between fields, with a warning at its line', () => {
    const text = '@article{good, title = {Third good}\n  year = 2023}\n@article{next, title = {Next}}';
    const r = parseBibtex(text, 'x.bib');
    assert.deepStrictEqual(keys(r), ['good', 'next']);
    assert.strictEqual(r.entries[0].year, 2023);
    assert.deepStrictEqual(r.problems, [{ file: 'x.bib', line: 2, message: "entry 'good': missing comma before field 'year'", severity: 'warning' }]);
  });

  it('reports entries without a key', () => {
    const r = parseBibtex('@foo{}\n\n@article(foo=bar)\n@article{, title = {No key}}\n@misc{ok, title = {OK}}', 'k.bib');
    assert.deepStrictEqual(keys(r), ['ok']);
    assert.deepStrictEqual(
      r.problems.map(p => [p.line, p.message, p.severity]),
      [
        [1, '@foo entry has no citation key (it is empty)', 'error'],
        [3, "@article entry has no citation key (it starts with the field 'foo')", 'error'],
        [4, '@article entry has no citation key', 'error'],
      ],
    );
  });

  it('keeps the first of duplicate keys and reports each repeat cheaply', () => {
    const n = 5000;
    const text = Array.from({ length: n }, (_, i) => `@misc{same, title = {Copy ${i}}}`).join('\n');
    const r = parseBibtex(text, 'dup.bib');
    assert.strictEqual(r.entries.length, 1);
    assert.strictEqual(r.entries[0].title, 'Copy 0');
    assert.strictEqual(r.problems.length, n - 1);
    assert.deepStrictEqual(r.problems[0], { file: 'dup.bib', line: 2, message: "duplicate key 'same' (first at line 1); this entry is ignored", severity: 'warning' });
    assert.strictEqual(r.problems[n - 2].line, n);
  });

  it('returns nothing, quietly, for an empty file or one with only comments', () => {
    assert.deepStrictEqual(parseBibtex('', 'e.bib'), { entries: [], problems: [] });
    assert.deepStrictEqual(parseBibtex('\n  \n% just a comment\n', 'e.bib'), { entries: [], problems: [] });
  });

  it('refuses binary data with one problem and survives random bytes', () => {
    const binary = String.fromCharCode(...Array.from({ length: 512 }, (_, i) => (i * 37) % 256));
    const r = parseBibtex(binary, 'x.bib');
    assert.deepStrictEqual(r.entries, []);
    assert.deepStrictEqual(r.problems, [{ file: 'x.bib', line: 1, message: 'this is not a BibTeX file: it contains binary data (NUL bytes)', severity: 'error' }]);
    // Garbage without NULs, heavy on the characters the grammar cares about: never throws.
    let x = 7;
    for (let round = 0; round < 200; round++) {
      let s = '';
      for (let i = 0; i < 200; i++) {
        x = (x * 1103515245 + 12345) & 0x7fffffff;
        s += '@{}(),="#%\\ \nab1'[x % 16];
      }
      const g = parseBibtex(s, 'g.bib');
      for (const p of g.problems) assert.ok(Number.isInteger(p.line) && p.line >= 1, JSON.stringify(p));
    }
  });

  it('warns about an undefined @string and a repeated field, keeping the entry', () => {
    const r = parseBibtex('@misc{k,\n  journal = NOPE,\n  title = {First},\n  title = {Second}\n}', 'w.bib');
    assert.strictEqual(r.entries[0].title, 'First');
    assert.deepStrictEqual(
      r.problems.map(p => [p.line, p.message]),
      [
        [2, "entry 'k': undefined @string 'NOPE' in field 'journal'"],
        [4, "entry 'k': field 'title' appears twice (first at line 3); the first is used"],
      ],
    );
  });
});

describe('parseBibtex: file syntax', () => {
  it('expands @string macros (any case) and # concatenation', () => {
    const e = only('@String{pub-FRED = "Freds"}\n@string{ICML = {International Conference on Machine Learning}}\n@misc{k, booktitle = icml, publisher = pub-FRED # { Publishing}, title = "A" # " " # {B}}');
    assert.strictEqual(e.venue, 'International Conference on Machine Learning');
    assert.strictEqual(e.title, 'A B');
  });

  it('reads months as macros, numbers and names', () => {
    for (const [month, expected] of [['jan', 1], ['{4}', 4], ['April', 4], ['"sep"', 9], ['{Dec.}', 12], ['12', 12]] as const) {
      assert.strictEqual(only(`@misc{k, month = ${month}}`).month, expected, month);
    }
    assert.strictEqual(only('@misc{k, month = {13}}').month, undefined);
  });

  it('skips @comment and @preamble, even with braces and % inside', () => {
    const r = parseBibtex('@comment{% DBLP export\n% Total entries: 1}\n@PREAMBLE{"\\makeatletter {x}"}\n@Comment{jabref-meta: databaseType:bibtex;}\n@misc{k, title = {T}}', 'c.bib');
    assert.deepStrictEqual(keys(r), ['k']);
    assert.deepStrictEqual(r.problems, []);
    assert.strictEqual(r.entries[0].line, 5);
  });

  it('reads an unclosed @comment up to the next entry rather than losing the file', () => {
    const r = parseBibtex('@comment{ oops\n@misc{k, title = {T}}\n', 'c.bib');
    assert.deepStrictEqual(keys(r), ['k']);
    assert.strictEqual(r.problems[0].line, 1);
    assert.match(r.problems[0].message, /@comment has no closing brace; reading on from the entry at line 2/);
  });

  it('accepts a byte-order mark, ( ) delimiters, values over several lines and % comments between fields', () => {
    const e = only('\uFEFF@techreport(McDermott:72,\n  title = {The {\\sc CONNIVER}\n     Reference Manual},\n  % a comment line\n  year = 1972\n)');
    assert.strictEqual(e.key, 'McDermott:72');
    assert.strictEqual(e.type, 'techreport');
    assert.strictEqual(e.line, 1);
    assert.strictEqual(e.title, 'The CONNIVER Reference Manual');
    assert.strictEqual(e.year, 1972);
  });

  it('gives each entry the line of its "@"', () => {
    const r = parseBibtex('\n\n@misc{a,\n title = {A}}\n\n\n   @misc{b, title={B}}', 'l.bib');
    assert.deepStrictEqual(r.entries.map(e => [e.key, e.line]), [['a', 3], ['b', 7]]);
  });

  it('reads BibLaTeX date (EDTF), journaltitle and eprinttype', () => {
    const e = only('@article{k, date = {2020-05}, journaltitle = {J. {AI}}, eprint = {2005.14165}, eprinttype = {arxiv}}');
    assert.deepStrictEqual([e.year, e.month, e.venue, e.arxiv], [2020, 5, 'J. AI', '2005.14165']);
    assert.deepStrictEqual([only('@misc{k, date = {2020/2021}}').year, only('@misc{k, date = {2020/2021}}').month], [2020, undefined]);
    assert.strictEqual(only('@misc{k, date = {2019-03-14}}').month, 3);
    assert.strictEqual(only('@misc{k, date = {../2018}}').year, 2018);
    assert.strictEqual(only('@misc{k, date = {2017-21}}').month, undefined); // EDTF season
    const r = parseBibtex('@misc{k, date = {someday}}', 'd.bib');
    assert.strictEqual(r.entries[0].year, undefined);
    assert.match(r.problems[0].message, /date 'someday' is not a date/);
  });

  it('inherits year and venue through crossref', () => {
    const r = parseBibtex('@inproceedings{child, title = {Paper}, crossref = {proc}}\n@proceedings{proc, title = {Proceedings of {X}}, year = 2019}', 'x.bib');
    assert.deepStrictEqual([r.entries[0].year, r.entries[0].venue], [2019, 'Proceedings of X']);
  });
});

describe('parseBibtex: values', () => {
  it('decodes LaTeX in titles, abstracts and venues, removing protective braces', () => {
    const e = only('@misc{k, title = {{DuoAttention}: ALR$^2$ and $\\infty$Bench for {\\"U}ber \\& Co}, abstract = {Uses $O(n^2)$\n  memory -- fast.}, journal = {Trans. {\\L}{\\\'o}d{\\\'z}}}');
    assert.strictEqual(e.title, 'DuoAttention: ALR² and ∞Bench for Über & Co');
    assert.strictEqual(e.abstract, 'Uses O(n²) memory – fast.');
    assert.strictEqual(e.venue, 'Trans. Łódź');
  });

  it('reads names in both orders, team names, particles, "others" and DBLP homonym numbers', () => {
    assert.deepStrictEqual(parseNames('Ningyu Zhang 0001 and Lei Li 0040 and others'), [
      { display: 'Ningyu Zhang', family: 'Zhang' },
      { display: 'Lei Li', family: 'Li' },
    ]);
    assert.deepStrictEqual(parseNames('Kaiser, {\\L}ukasz and Vaswani, Ashish'), [
      { display: 'Łukasz Kaiser', family: 'Kaiser' },
      { display: 'Ashish Vaswani', family: 'Vaswani' },
    ]);
    assert.deepStrictEqual(parseName('{The Long Context Team}'), { display: 'The Long Context Team', family: 'The Long Context Team' });
    assert.deepStrictEqual(parseName('{Barnes and Noble, Inc.}'), { display: 'Barnes and Noble, Inc.', family: 'Barnes and Noble, Inc.' });
    assert.deepStrictEqual(parseName('Ludwig van Beethoven'), { display: 'Ludwig van Beethoven', family: 'van Beethoven' });
    assert.deepStrictEqual(parseName("Ren{\\'e} van den Berg"), { display: 'René van den Berg', family: 'van den Berg' });
    assert.deepStrictEqual(parseName('de la Cruz, Maria'), { display: 'Maria de la Cruz', family: 'de la Cruz' });
    assert.deepStrictEqual(parseName('Smith, Jr., John'), { display: 'John Smith Jr.', family: 'Smith' });
    assert.deepStrictEqual(parseName("Timoth\\'{e}e Lacroix"), { display: 'Timothée Lacroix', family: 'Lacroix' });
    assert.deepStrictEqual(parseName('D.~E. Knuth'), { display: 'D. E. Knuth', family: 'Knuth' });
    assert.deepStrictEqual(parseName('Anna {Della Torre}'), { display: 'Anna Della Torre', family: 'Della Torre' });
    assert.deepStrictEqual(parseName('Aristotle'), { display: 'Aristotle', family: 'Aristotle' });
    // "and" inside braces does not split.
    assert.strictEqual(parseNames('{Barnes and Noble} and Alice Smith').length, 2);
    assert.strictEqual(only('@book{k, editor = {Jane Doe}}').authors[0].family, 'Doe');
  });

  it('finds arXiv ids wherever files put them', () => {
    const arxiv = (fields: string) => only(`@misc{k, ${fields}}`).arxiv;
    assert.strictEqual(arxiv('eprint = {2410.10819}, archivePrefix = {arXiv}'), '2410.10819');
    assert.strictEqual(arxiv('eprint = {arXiv:2410.10819v2}, archiveprefix = {arXiv}'), '2410.10819');
    assert.strictEqual(arxiv('eprint = {2410.10819}'), '2410.10819');
    assert.strictEqual(arxiv('eprint = {hal-01234}, eprinttype = {HAL}'), undefined);
    assert.strictEqual(arxiv('url = {https://arxiv.org/abs/2305.19466v3}'), '2305.19466');
    assert.strictEqual(arxiv('doi = {10.48550/arXiv.2404.02060}'), '2404.02060');
    assert.strictEqual(arxiv('note = {arXiv:2404.15574 [cs.CL]}'), '2404.15574');
    assert.strictEqual(arxiv('journal = {arXiv preprint arXiv:2407.00402}'), '2407.00402');
    assert.strictEqual(arxiv('journal = {CoRR}, volume = {abs/2403.04652}'), '2403.04652');
    assert.strictEqual(arxiv('arxiv = {2410.03943}'), '2410.03943');
    assert.strictEqual(arxiv('note = {Report 2410.10819}'), undefined); // a number in a note that never says arXiv
  });

  it('normalises DOIs and warns about ones that are not', () => {
    assert.strictEqual(only('@misc{k, doi = {https://doi.org/10.18653/v1/P18-1027}}').doi, '10.18653/v1/p18-1027');
    assert.strictEqual(only('@misc{k, doi = {doi:10.1000/ABC\\_def}}').doi, '10.1000/abc_def');
    assert.strictEqual(only('@misc{k, url = {https://dx.doi.org/10.1000/XYZ}}').doi, '10.1000/xyz');
    const r = parseBibtex('@misc{k,\n doi = {not a doi}}', 'd.bib');
    assert.strictEqual(r.entries[0].doi, undefined);
    assert.deepStrictEqual([r.problems[0].line, r.problems[0].message], [2, "entry 'k': doi 'not a doi' is not a DOI (expected 10.prefix/suffix)"]);
  });

  it('keeps only web URLs, from url or howpublished', () => {
    assert.strictEqual(only('@misc{k, url = {https://example.org/a\\_b}}').url, 'https://example.org/a_b');
    assert.strictEqual(only('@misc{k, howpublished = {\\url{https://x.org/}}}').url, 'https://x.org/');
    assert.strictEqual(only('@misc{k, url = {:/home/me/file.pdf}}').url, undefined);
  });
});

describe('parseBibtex: real files', () => {
  // Entries each file yields: every syntactically complete entry with a key. The README's table
  // (other parsers) agrees for all but retorquere-edge-cases.bib, where retorquere and astrocite
  // count 2: "@foo{}" (an empty entry) and "@article(foo=bar)" (a field where the key should be).
  // Neither has a citation key, so neither can be cited: we report both as problems instead.
  const expected: Record<string, { entries: number; problems: number }> = {
    'bib/b-vitamins-iclr2023.bib': { entries: 1573, problems: 0 },
    'bib/b-vitamins-llm.bib': { entries: 187, problems: 0 },
    'bib/b-vitamins-transformers.bib': { entries: 108, problems: 0 },
    'bib/msc_thesis-references.bib': { entries: 121, problems: 0 },
    'fixtures/retorquere-edge-cases.bib': { entries: 0, problems: 2 },
    'fixtures/tidy-bbt-bibdesk-chokes-664.bib': { entries: 1, problems: 0 },
    'fixtures/tidy-bbt-percent-sign-95-preamble-96.bib': { entries: 1, problems: 0 },
    'fixtures/tidy-bbt-round-braces-871.bib': { entries: 1, problems: 0 },
    'fixtures/tidy-bbt-string-substitution-154.bib': { entries: 1, problems: 0 },
    'fixtures/tidy-biblatex-examples.bib': { entries: 92, problems: 0 },
    'fixtures/tidy-orcid-russian.bib': { entries: 7, problems: 0 },
    'fixtures/tidy-pybtp-bom.bib': { entries: 1, problems: 0 },
    'fixtures/tidy-pybtp-missing-comma.bib': { entries: 4, problems: 0 },
    'fixtures/tidy-pybtp-traps.bib': { entries: 1, problems: 0 },
  };

  before(function () {
    if (!fs.existsSync(REAL)) {
      console.log(`      (skipped: real bibliographies not found at ${REAL})`);
      this.skip();
    }
  });

  it('yields every entry the syntax allows from each real file, every problem with a line', () => {
    const files = ['bib', 'fixtures'].flatMap(dir => fs.readdirSync(path.join(REAL, dir)).filter(f => f.endsWith('.bib')).map(f => `${dir}/${f}`));
    assert.deepStrictEqual(files.sort(), Object.keys(expected).sort(), 'a real file was added or removed: give it an expected count');
    for (const file of files) {
      const r = parseBibtex(fs.readFileSync(path.join(REAL, file), 'utf8'), file);
      assert.deepStrictEqual({ entries: r.entries.length, problems: r.problems.length }, expected[file], file);
      for (const p of r.problems) assert.ok(p.file === file && Number.isInteger(p.line) && p.line >= 1, JSON.stringify(p));
      for (const e of r.entries) assert.ok(e.line >= 1 && e.key, `${file}: ${JSON.stringify(e).slice(0, 200)}`);
    }
  });

  it('extracts the arXiv ids of the thesis entries that are bundled papers', () => {
    const bundled = new Set((JSON.parse(fs.readFileSync(path.join(ROOT, 'data', 'arxiv-metadata.json'), 'utf8')) as { arxiv: string }[]).map(m => m.arxiv));
    const r = parseBibtex(fs.readFileSync(path.join(REAL, 'bib', 'msc_thesis-references.bib'), 'utf8'), 'msc_thesis-references.bib');
    assert.strictEqual(r.entries.length, 121);
    const found = r.entries.filter(e => e.arxiv && bundled.has(e.arxiv)).map(e => `${e.key} ${e.arxiv}`);
    assert.deepStrictEqual(found, [
      '2023-12-positional-encoding-length-generalization 2305.19466',
      '2024-03-yi-open-foundation-models 2403.04652',
      '2024-11-genuinely-difficult-long-context 2407.00402',
      '2025-03-longiclbench-long-in-context-learning 2404.02060',
      '2025-04-retrieval-head-long-context-factuality 2404.15574',
    ]);
  });

  it('decodes the thesis file’s LaTeX: {\\L}ukasz, Timoth\\\'{e}e, $\\infty$Bench, @string venues', () => {
    const r = parseBibtex(fs.readFileSync(path.join(REAL, 'bib', 'msc_thesis-references.bib'), 'utf8'), 'm.bib');
    const all = JSON.stringify(r.entries);
    assert.ok(all.includes('Łukasz Kaiser'));
    assert.ok(all.includes('Timothée'));
    assert.ok(r.entries.some(e => e.title.startsWith('∞Bench')), 'an ∞Bench title');
    assert.ok(!/[\\{}]/.test(r.entries.map(e => e.title + e.authors.map(a => a.display).join('')).join('')), 'no LaTeX left in titles or names');
    assert.strictEqual(r.entries.find(e => e.key === '2017-12-attention-is-all-you-need')?.venue, 'Advances in Neural Information Processing Systems');
  });

  it('reads the DBLP export: homonym numbers stripped, the leading @comment skipped', () => {
    const r = parseBibtex(fs.readFileSync(path.join(REAL, 'bib', 'b-vitamins-iclr2023.bib'), 'utf8'), 'iclr.bib');
    const first = r.entries[0];
    assert.strictEqual(first.key, 'p00012023multimodal');
    assert.strictEqual(first.line, 6);
    assert.deepStrictEqual(first.authors.slice(0, 2), [
      { display: 'Ningyu Zhang', family: 'Zhang' },
      { display: 'Lei Li', family: 'Li' },
    ]);
    assert.ok(!r.entries.some(e => e.authors.some(a => /\d{4}$/.test(a.display))), 'no homonym number left');
  });
});
