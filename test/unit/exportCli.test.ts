// The CLI from notes to a bibliography: `mentions <dir>` walks a folder with the extension's own
// file selection, `export <files|dirs…>` writes BibTeX or CSL-JSON of every paper the notes cite.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli';
import { parseBibtex } from '../../src/core/sources/bibtex';
import { parseCslJson } from '../../src/core/sources/cslJson';
import { testSources } from './testCorpus';

async function runCli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: t => { stdout += `${t}\n`; }, stderr: t => { stderr += `${t}\n`; } }, testSources);
  return { code, stdout, stderr };
}

const NOTES: Record<string, string | Uint8Array> = {
  'reading.md': '# Reading\nDuoAttention splits heads; KVQuant quantizes keys.\n',
  // Cited by an arXiv id alone (E2-LLM) and by a \cite{} of an id (KVQuant): both are citations.
  'sub/deeper/related.tex': '\\section{Related}\nLongLoRA extends context; see arXiv:2401.06951 and \\cite{2401.18079}.\n',
  'sub/ambiguous.txt': 'Giraffe extends context length with position interpolation.\n',
  'sub/nothing.md': 'No paper here.\n',
  'node_modules/pkg/README.md': 'LongLoRA in a dependency: the default excludes leave it out.\n',
  'drafts/ignored.md': 'LongLoRA in a git-ignored draft.\n',
  '.gitignore': 'drafts/\n',
  'code.js': '// LongLoRA in a file that is not a note\n',
  'binary.md': Uint8Array.from([0x44, 0x75, 0x6f, 0, 0, 1, 2, 3]),
};

describe('cli: mentions <dir> and export', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-lens-export-cli-'));
    for (const [rel, content] of Object.entries(NOTES)) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), content);
    }
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('mentions <dir> lists every note\'s mentions recursively, path:line:col first, excluded and ignored notes left out', async () => {
    const r = await runCli('mentions', dir);
    assert.strictEqual(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.ok(lines.every(l => l.startsWith(`${dir}/`)), r.stdout);
    const rel = lines.map(l => l.slice(dir.length + 1));
    // Names, arXiv references and citation keys alike (related.tex: LongLoRA, arXiv:…, \cite{…}).
    assert.deepStrictEqual(rel.map(l => l.split('  ')[0]), ['reading.md:2:1', 'reading.md:2:28', 'sub/ambiguous.txt:1:1', 'sub/deeper/related.tex:2:1', 'sub/deeper/related.tex:2:31', 'sub/deeper/related.tex:2:58']);
    assert.match(rel[0], /DuoAttention {2}→ DuoAttention \(2410\.10819\)$/);
    assert.match(rel[2], /\[ambiguous\]$/);
    assert.ok(!/node_modules|drafts|code\.js|binary/.test(r.stdout), 'an excluded, ignored, binary or non-note file was read');
  });

  it('mentions <dir> --json gives one object per note with mentions, its path relative to the folder given', async () => {
    const r = await runCli('mentions', dir, '--json');
    assert.strictEqual(r.code, 0, r.stderr);
    const notes = JSON.parse(r.stdout) as { file: string; mentions: { line: number; column: number; text: string; papers: string[]; titles: string[] }[] }[];
    assert.deepStrictEqual(notes.map(n => path.relative(dir, n.file)), ['reading.md', 'sub/ambiguous.txt', 'sub/deeper/related.tex']);
    assert.deepStrictEqual(notes[0].mentions.map(m => [m.line, m.column, m.text, m.papers]), [[2, 1, 'DuoAttention', ['2410.10819']], [2, 28, 'KVQuant', ['2401.18079']]]);
    assert.match(notes[0].mentions[0].titles[0], /^DuoAttention: /);
  });

  it('mentions <dir> exits 1 when no note mentions a paper, and a missing path is one line', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-lens-empty-'));
    try {
      fs.writeFileSync(path.join(empty, 'a.md'), 'Nothing.\n');
      const r = await runCli('mentions', empty);
      assert.strictEqual(r.code, 1);
      assert.match(r.stderr, /no mentions of corpus papers in the notes under/);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
    const missing = await runCli('mentions', path.join(dir, 'nope.md'));
    assert.strictEqual(missing.code, 1);
    assert.strictEqual(missing.stderr.trim().split('\n').length, 1);
  });

  it('export writes BibTeX of every paper the notes cite (names, citation keys, arXiv ids), each once, and says what it left out', async () => {
    const r = await runCli('export', dir);
    assert.strictEqual(r.code, 0, r.stderr);
    const parsed = parseBibtex(r.stdout, 'out.bib');
    assert.deepStrictEqual(parsed.problems, []);
    assert.deepStrictEqual(parsed.entries.map(e => e.key), ['chen2023longlora', 'hooper2024kvquant', 'liu2024e2llm', 'xiao2024duoattention']);
    assert.match(r.stderr, /^paper-lens: export: left out 1 ambiguous mention \('Giraffe'\)/);
  });

  it('export takes files and folders together, and --format csl-json', async () => {
    const r = await runCli('export', path.join(dir, 'reading.md'), path.join(dir, 'sub', 'deeper'), '--format', 'csl-json');
    assert.strictEqual(r.code, 0, r.stderr);
    const parsed = parseCslJson(r.stdout, 'out.json');
    assert.deepStrictEqual(parsed.problems, []);
    assert.deepStrictEqual(parsed.entries.map(e => e.key), ['chen2023longlora', 'hooper2024kvquant', 'liu2024e2llm', 'xiao2024duoattention']);
    assert.strictEqual(r.stderr, '', 'nothing ambiguous in these');
  });

  it('export: bad usage exits 2, notes citing nothing exit 1, a binary file named on its own is an error', async () => {
    assert.strictEqual((await runCli('export')).code, 2);
    const bad = await runCli('export', dir, '--format', 'ris');
    assert.strictEqual(bad.code, 2);
    assert.match(bad.stderr, /--format must be bibtex or csl-json, not 'ris'/);
    const none = await runCli('export', path.join(dir, 'sub', 'nothing.md'));
    assert.strictEqual(none.code, 1);
    assert.match(none.stderr, /cite no paper/);
    const binary = await runCli('export', path.join(dir, 'binary.md'));
    assert.strictEqual(binary.code, 1);
    assert.match(binary.stderr, /^paper-lens: export: '.*binary\.md' is not a text file/);
  });
});
