import * as assert from 'assert';
import {
  decodeNote,
  DEFAULT_MAX_FILE_BYTES,
  ExcludeGlobs,
  extensionsForLanguages,
  FileSelection,
  hasNoteExtension,
  IgnoreRules,
  looksBinary,
  VSCODE_DEFAULT_EXCLUDES,
} from '../../src/core/workspace';

describe('workspace file selection', () => {
  it('reads markdown, plain text and LaTeX by default, any case, and only what is configured otherwise', () => {
    const s = new FileSelection();
    for (const p of ['a.md', 'd/b.markdown', 'c.txt', 'deep/er/paper.tex', 'UPPER.MD']) assert.strictEqual(s.skipsFile(p), undefined, p);
    for (const p of ['a.js', 'b.mdx', 'c.md.bak', 'img.png', '.md', 'md']) assert.strictEqual(s.skipsFile(p), 'extension', p);
    const onlyTex = new FileSelection({ extensions: extensionsForLanguages(['latex']) });
    assert.strictEqual(onlyTex.skipsFile('a.md'), 'extension');
    assert.strictEqual(onlyTex.skipsFile('a.tex'), undefined);
    const rst = new FileSelection({ extensions: ['RST'] });
    assert.strictEqual(rst.skipsFile('y.rst'), undefined, 'an extension is taken without its dot and in any case');
    assert.strictEqual(rst.skipsFile('first'), 'extension', 'an extension is a suffix after a dot');
    assert.ok(hasNoteExtension('x/y.Tex', ['.tex']));
  });

  it('maps the language ids of paperLens.hover.languages to extensions', () => {
    assert.deepStrictEqual(extensionsForLanguages(['markdown', 'plaintext', 'latex']), ['.md', '.markdown', '.txt', '.tex']);
    assert.deepStrictEqual(extensionsForLanguages(['markdown', 'python', 'markdown']), ['.md', '.markdown']);
  });

  describe('exclude globs in files.exclude / search.exclude shape', () => {
    it('excludes folders anywhere with **/, dotfiles included, and whole folder contents through ancestors', () => {
      const g = new ExcludeGlobs([VSCODE_DEFAULT_EXCLUDES]);
      assert.ok(g.matches('node_modules'));
      assert.ok(g.matches('a/b/node_modules'));
      assert.ok(g.matches('.git'));
      assert.ok(!g.matches('a/node_modules/x.md'), 'matches checks the path itself');
      assert.ok(g.isExcluded('a/node_modules/pkg/readme.md'), 'isExcluded checks the folders above');
      assert.ok(!g.isExcluded('a/my_node_modules/readme.md'));
      assert.ok(!g.isExcluded('notes/readme.md'));
    });

    it('lets a later setting switch a glob off with false, and ignores null values', () => {
      const g = new ExcludeGlobs([{ '**/drafts': true, '**/tmp': true }, { '**/drafts': false, '**/x': null }]);
      assert.ok(!g.isExcluded('drafts/a.md'));
      assert.ok(g.isExcluded('tmp/a.md'));
      assert.strictEqual(g.size, 1);
    });

    it('matches like VS Code: * includes dotfiles, braces, a top-level-only glob, a trailing slash', () => {
      const g = new ExcludeGlobs([{ '**/*.{log,tmp}.md': true, 'archive': true, 'build/': true, '**/.*.md': true }]);
      assert.ok(g.isExcluded('x/y.log.md') && g.isExcluded('y.tmp.md'));
      assert.ok(new ExcludeGlobs([{ '**/*.md': true, '**/drafts*': true }]).isExcluded('x/.hidden.md'), '* matches a name starting with a dot');
      assert.ok(new ExcludeGlobs([{ '**/*.log': true }]).isExcluded('.cache/a.log'), '** enters folders starting with a dot');
      assert.ok(g.isExcluded('archive/2019/a.md'));
      assert.ok(!g.isExcluded('notes/archive/a.md'), 'a glob without **/ is anchored at the folder root');
      assert.ok(g.isExcluded('build/a.md'));
      assert.ok(g.isExcluded('d/.hidden.md'));
    });

    it('applies { when } only when the sibling exists', () => {
      const g = new ExcludeGlobs([{ '**/*.md': { when: '$(basename).tex' } }]);
      const siblings = new Set(['paper.tex']);
      assert.ok(g.matches('d/paper.md', n => siblings.has(n)));
      assert.ok(!g.matches('d/notes.md', n => siblings.has(n)));
      assert.ok(!g.matches('d/paper.md'), 'without a way to ask, a conditional glob excludes nothing');
    });
  });

  describe('.gitignore files', () => {
    it('follows git: patterns relative to their folder, dir/ patterns, negation, the deepest file deciding', () => {
      const r = new IgnoreRules();
      r.add('', 'drafts/\n*.tmp.md\n/top-only.md\nsecret*.md\n!secret-ok.md\n');
      r.add('sub', '*.md\n!keep.md\n');
      assert.ok(r.ignores('drafts', true) && r.ignores('x/drafts/a.md', false));
      assert.ok(!r.ignores('drafts', false), 'a dir/ pattern does not ignore a file of that name');
      assert.ok(r.ignores('a/b.tmp.md', false));
      assert.ok(r.ignores('top-only.md', false) && !r.ignores('x/top-only.md', false));
      assert.ok(r.ignores('secret1.md', false) && !r.ignores('secret-ok.md', false));
      assert.ok(r.ignores('sub/note.md', false) && !r.ignores('sub/keep.md', false));
      assert.ok(!r.ignores('other/note.md', false), 'a nested .gitignore applies only below its folder');
      assert.ok(r.ignores('sub/deeper/x.md', false));
      const nested = new IgnoreRules();
      nested.add('', '*.log.md\n');
      nested.add('sub', '!keep.log.md\n');
      assert.ok(!nested.ignores('sub/keep.log.md', false), 'a nested negation re-includes what a parent ignores');
      assert.ok(nested.ignores('sub/other.log.md', false) && nested.ignores('keep.log.md', false));
    });

    it('never brings back a file below an ignored folder, as git does', () => {
      const r = new IgnoreRules();
      r.add('', 'build/\n');
      r.add('build', '!keep.md\n');
      assert.ok(r.ignores('build/keep.md', false));
    });

    it('is applied by the file selection unless switched off', () => {
      const on = new FileSelection();
      on.ignoreRules.add('', 'private/\n');
      assert.strictEqual(on.skipsDirectory('private'), 'ignored');
      assert.strictEqual(on.skipsPath('private/a.md'), 'ignored');
      const off = new FileSelection({ useIgnoreFiles: false });
      off.ignoreRules.add('', 'private/\n');
      assert.strictEqual(off.skipsPath('private/a.md'), undefined);
    });
  });

  it('caps the size of a note at 10 MB by default, configurable', () => {
    assert.strictEqual(DEFAULT_MAX_FILE_BYTES, 10 * 1024 * 1024);
    const s = new FileSelection({ maxFileBytes: 100 });
    assert.strictEqual(s.skipsFile('a.md', 100), undefined);
    assert.strictEqual(s.skipsFile('a.md', 101), 'tooLarge');
    assert.strictEqual(new FileSelection().skipsFile('a.md', DEFAULT_MAX_FILE_BYTES + 1), 'tooLarge');
  });

  it('orders the reasons: extension, then excludes, then ignore files, then size', () => {
    const s = new FileSelection({ excludes: [{ '**/out': true }], maxFileBytes: 1 });
    s.ignoreRules.add('', '*.txt\n');
    assert.strictEqual(s.skipsPath('out/a.js', 5), 'extension');
    assert.strictEqual(s.skipsPath('out/a.txt', 5), 'excluded');
    assert.strictEqual(s.skipsPath('in/a.txt', 5), 'ignored');
    assert.strictEqual(s.skipsPath('in/a.md', 5), 'tooLarge');
    assert.strictEqual(s.skipsDirectory('a/out'), 'excluded');
  });

  describe('binary check and decoding', () => {
    const utf8 = (s: string) => new TextEncoder().encode(s);

    it('calls bytes with a NUL in the first 8000 binary, and text otherwise', () => {
      assert.ok(!looksBinary(utf8('# Notes\nDuoAttention ✓ 😀\n')));
      assert.ok(looksBinary(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00])));
      const lateNul = new Uint8Array(9000).fill(0x61);
      lateNul[8500] = 0;
      assert.ok(!looksBinary(lateNul), 'only the first 8000 bytes are sniffed');
      lateNul[7999] = 0;
      assert.ok(looksBinary(lateNul));
      assert.ok(!looksBinary(new Uint8Array(0)));
    });

    it('reads UTF-16 with a byte-order mark as text, and drops a UTF-8 BOM as editors do', () => {
      const le = Uint8Array.from([0xff, 0xfe, 0x41, 0x00, 0x42, 0x00]);
      const be = Uint8Array.from([0xfe, 0xff, 0x00, 0x41, 0x00, 0x42]);
      assert.ok(!looksBinary(le) && !looksBinary(be));
      assert.strictEqual(decodeNote(le), 'AB');
      assert.strictEqual(decodeNote(be), 'AB');
      assert.strictEqual(decodeNote(Uint8Array.from([0xef, 0xbb, 0xbf, 0x41])), 'A');
      assert.strictEqual(decodeNote(utf8('é😀')), 'é😀');
    });
  });
});
