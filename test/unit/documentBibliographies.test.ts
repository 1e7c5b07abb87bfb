import * as assert from 'assert';
import { documentBibliographies, documentKind } from '../../src/core/sources/documentBibliographies';

describe('documentBibliographies', () => {
  it('reads a markdown front matter bibliography, a string or a list, paths as written', () => {
    assert.deepStrictEqual(documentBibliographies('---\ntitle: Notes\nbibliography: refs.bib\n---\n# Notes\n', 'notes.md'), {
      bibliographies: [{ path: 'refs.bib', line: 3 }],
      problems: [],
    });
    const list = documentBibliographies('---\r\ntitle: x\r\nbibliography:\r\n  - a.bib\r\n  - ../lib/b.json\r\n...\r\nText\r\n', 'n.qmd');
    assert.deepStrictEqual(list, { bibliographies: [{ path: 'a.bib', line: 4 }, { path: '../lib/b.json', line: 5 }], problems: [] });
    assert.deepStrictEqual(documentBibliographies('---\nbibliography: [x.bib, "y z.yaml"]\n---\n', 'n.md').bibliographies, [
      { path: 'x.bib', line: 2 },
      { path: 'y z.yaml', line: 2 },
    ]);
  });

  it('reports a malformed front matter as a problem at its line, without throwing', () => {
    const r = documentBibliographies('---\ntitle: "unclosed\nbibliography: a.bib\n---\n', 'n.md');
    assert.deepStrictEqual(r.bibliographies, []);
    assert.strictEqual(r.problems.length, 1);
    assert.strictEqual(r.problems[0].severity, 'error');
    assert.ok(r.problems[0].line >= 2 && r.problems[0].line <= 4, JSON.stringify(r.problems[0]));
    assert.match(r.problems[0].message, /^front matter is not valid YAML/);
    const odd = documentBibliographies('---\nbibliography:\n  - 3\n  - ok.bib\n---\n', 'n.md');
    assert.deepStrictEqual(odd.bibliographies, [{ path: 'ok.bib', line: 4 }]);
    assert.deepStrictEqual(odd.problems.map(p => p.line), [3]);
  });

  it('ignores front matter that does not open the file, and documents without one', () => {
    assert.deepStrictEqual(documentBibliographies('Intro\n---\nbibliography: a.bib\n---\n', 'n.md'), { bibliographies: [], problems: [] });
    assert.deepStrictEqual(documentBibliographies('# Just notes\n', 'n.md'), { bibliographies: [], problems: [] });
    assert.deepStrictEqual(documentBibliographies('---\ntitle: x\n---\n', 'n.md'), { bibliographies: [], problems: [] });
  });

  it('reads \\bibliography (adding .bib) and \\addbibresource in LaTeX, skipping commented-out lines', () => {
    const tex = [
      '\\documentclass{article}',
      '% \\bibliography{old}',
      '\\addbibresource[location=local]{lib.bib} % main library',
      'Costs 5\\% \\bibliography{refs, more.bib ,',
      '  third}',
      '\\\\% \\addbibresource{commented.bib}',
    ].join('\n');
    assert.deepStrictEqual(documentBibliographies(tex, 'paper.tex'), {
      bibliographies: [
        { path: 'lib.bib', line: 3 },
        { path: 'refs.bib', line: 4 },
        { path: 'more.bib', line: 4 },
        { path: 'third.bib', line: 5 },
      ],
      problems: [],
    });
  });

  it('tells markdown from LaTeX by file name, and an explicit kind wins', () => {
    assert.deepStrictEqual([documentKind('a.md'), documentKind('a.Rmd'), documentKind('a.tex'), documentKind('a.txt')], ['markdown', 'markdown', 'latex', undefined]);
    assert.deepStrictEqual(documentBibliographies('\\bibliography{x}', 'untitled', 'latex').bibliographies, [{ path: 'x.bib', line: 1 }]);
    assert.deepStrictEqual(documentBibliographies('\\bibliography{x}', 'notes.txt').bibliographies, []);
  });
});
