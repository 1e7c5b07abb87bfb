// The CLI over a user's own library: --library (repeatable) on list, search, show and mentions;
// problems on stderr with file:line; exit non-zero only when no library could be read at all.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli';
import { ROOT, testSources } from './testCorpus';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'workspace', 'library');
const BIB = path.join(FIXTURES, 'refs.bib');
const CSL = path.join(FIXTURES, 'refs.json');

async function runCli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: t => { stdout += `${t}\n`; }, stderr: t => { stderr += `${t}\n`; } }, testSources);
  return { code, stdout, stderr };
}

describe('CLI --library', () => {
  it('lists, searches and shows papers of a .bib and a CSL-JSON file next to the bundled ones', async () => {
    const list = await runCli('list', '--json', '--library', BIB, `--library=${CSL}`);
    assert.strictEqual(list.code, 0, list.stderr);
    const ids = (JSON.parse(list.stdout) as { id: string }[]).map(p => p.id);
    assert.ok(ids.includes('lee2025walrus') && ids.includes('park2024narwhal') && ids.includes('2410.10819'));
    assert.ok(!ids.includes('xiao2024duo'), 'the .bib entry of a bundled paper merges into it');
    const search = await runCli('search', 'tusked', 'retrieval', '--library', BIB, '--json');
    assert.strictEqual(JSON.parse(search.stdout)[0].id, 'lee2025walrus');
    const show = await runCli('show', 'lee2025walrus', '--library', BIB);
    assert.match(show.stdout, /Walrus — Walrus: Tusked Retrieval for Long Documents/);
  });

  it('prints each problem on stderr with file and line, and still answers', async () => {
    const r = await runCli('show', 'Walrus', '--library', BIB);
    assert.strictEqual(r.code, 0);
    assert.match(r.stderr, new RegExp(`^paper-lens: ${BIB.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:17: error: entry 'broken2024'`, 'm'));
  });

  it('finds citation keys and names of the library in a note', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-lens-cli-'));
    const note = path.join(dir, 'note.md');
    fs.writeFileSync(note, 'Walrus keeps two tusks of memory [@lee2025walrus], unlike arXiv:2502.99999.\n');
    const r = await runCli('mentions', note, '--json', '--library', BIB);
    fs.rmSync(dir, { recursive: true, force: true });
    assert.strictEqual(r.code, 0, r.stderr);
    const found = (JSON.parse(r.stdout) as { text: string; kind: string; papers: string[] }[]).map(m => [m.kind, m.text, m.papers.join()]);
    assert.deepStrictEqual(found, [['name', 'Walrus', 'lee2025walrus'], ['citation', 'lee2025walrus', 'lee2025walrus'], ['arxiv', 'arXiv:2502.99999', '']]);
  });

  it('fails with one line when no library could be read at all, and on a missing value', async () => {
    const missing = await runCli('list', '--library', path.join(FIXTURES, 'nope.bib'));
    assert.strictEqual(missing.code, 1);
    assert.match(missing.stderr, /nope\.bib:1: error: file not found/);
    assert.match(missing.stderr, /paper-lens: no library could be read/);
    const some = await runCli('list', '--library', path.join(FIXTURES, 'nope.bib'), '--library', BIB);
    assert.strictEqual(some.code, 0, 'one readable library is enough');
    const usage = await runCli('list', '--library');
    assert.strictEqual(usage.code, 2);
    assert.match(usage.stderr, /--library needs a file/);
  });
});
