import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli';
import { MAX_SCAN_CHARS } from '../../src/core/text/limits';
import { testCorpus, testSources } from './testCorpus';

async function runCli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: t => { stdout += `${t}\n`; }, stderr: t => { stderr += `${t}\n`; } }, testSources);
  return { code, stdout, stderr };
}

function assertOneLineError(r: { stderr: string }, pattern: RegExp) {
  assert.strictEqual(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, pattern);
}

describe('cli: mentions', () => {
  let dir: string;
  const note = '# Reading\n- DuoAttention: retrieval vs streaming heads.\n- 🦒 Giraffe extends context, but which Giraffe paper? KVQuant too.\n';
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-lens-mentions-'));
    fs.writeFileSync(path.join(dir, 'note.md'), note);
    fs.writeFileSync(path.join(dir, 'plain.md'), 'Nothing to see here.\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints line:col, the text and the paper(s) of every mention', async () => {
    const r = await runCli('mentions', path.join(dir, 'note.md'));
    assert.strictEqual(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.strictEqual(lines[0], '2:3  DuoAttention  → DuoAttention (2410.10819)');
    assert.ok(lines.some(l => /^3:\d+ {2}KVQuant {2}→ KVQuant \(2401\.18079\)$/.test(l)), r.stdout);
  });

  it('--json gives offsets, line and column, ids and titles', async () => {
    const r = await runCli('mentions', path.join(dir, 'note.md'), '--json');
    assert.strictEqual(r.code, 0, r.stderr);
    const mentions = JSON.parse(r.stdout);
    const duo = mentions[0];
    assert.deepStrictEqual(duo, {
      start: note.indexOf('DuoAttention'),
      end: note.indexOf('DuoAttention') + 'DuoAttention'.length,
      line: 2,
      column: 3,
      text: 'DuoAttention',
      ambiguous: false,
      papers: ['2410.10819'],
      titles: [testCorpus().paper('2410.10819')?.title],
      kind: 'name',
    });
    for (const m of mentions) assert.strictEqual(note.slice(m.start, m.end), m.text);
  });

  it('exits 1 with one line when the note mentions no paper', async () => {
    const r = await runCli('mentions', path.join(dir, 'plain.md'));
    assert.strictEqual(r.code, 1);
    assertOneLineError(r, /no mentions of corpus papers/);
  });

  it('rejects a missing file with one line and exit 1 (a directory is walked: exportCli.test.ts)', async () => {
    const missing = await runCli('mentions', path.join(dir, 'nope.md'));
    assert.strictEqual(missing.code, 1);
    assertOneLineError(missing, /no such file/);
    const notDir = await runCli('mentions', path.join(dir, 'note.md', 'x.md'));
    assert.strictEqual(notDir.code, 1);
    assertOneLineError(notDir, /no such file/);
  });

  it('limits a file in characters, the extension\'s unit and number, not in bytes', async () => {
    const over = path.join(dir, 'over.md');
    fs.writeFileSync(over, `DuoAttention ${'a'.repeat(MAX_SCAN_CHARS)}`);
    const tooBig = await runCli('mentions', over);
    assert.strictEqual(tooBig.code, 1);
    assertOneLineError(tooBig, /^paper-lens: mentions: '.*over\.md' has 10,000,013 characters; the limit is 10 million characters\n$/);
    // More bytes than the limit, fewer characters (two bytes each): scanned.
    const wide = path.join(dir, 'wide.md');
    fs.writeFileSync(wide, `DuoAttention ${'é'.repeat(MAX_SCAN_CHARS / 2)}`);
    assert.ok(fs.statSync(wide).size > MAX_SCAN_CHARS);
    const scanned = await runCli('mentions', wide);
    assert.strictEqual(scanned.code, 0, scanned.stderr);
    assert.match(scanned.stdout, /^1:1 {2}DuoAttention/);
    // So large it cannot be under the limit: refused without reading it (sparse, nothing written).
    const huge = path.join(dir, 'huge.md');
    fs.writeFileSync(huge, `# notes\n${'text '.repeat(2000)}`); // text where the check looks, then a hole
    fs.truncateSync(huge, 3 * MAX_SCAN_CHARS + 1);
    const hugeRun = await runCli('mentions', huge);
    assert.strictEqual(hugeRun.code, 1);
    assertOneLineError(hugeRun, /^paper-lens: mentions: '.*huge\.md' is 30\.0 MB, more than 10 million characters; the limit is 10 million characters\n$/);
    for (const f of [over, wide, huge]) fs.rmSync(f);
  });

  it('says a binary file is not a text file instead of scanning it', async () => {
    const binary = path.join(dir, 'ls-copy');
    fs.copyFileSync(process.execPath, binary); // any executable will do: the node binary is always there
    const r = await runCli('mentions', binary);
    assert.strictEqual(r.code, 1);
    assertOneLineError(r, /^paper-lens: mentions: '.*ls-copy' is not a text file \(it contains NUL bytes\)\n$/);
    assert.strictEqual(r.stdout, '');
  });

  it('exits 2 without a file or with two', async () => {
    const none = await runCli('mentions');
    assert.strictEqual(none.code, 2);
    assertOneLineError(none, /missing <file>/);
    const two = await runCli('mentions', 'a.md', 'b.md');
    assert.strictEqual(two.code, 2);
    const help = await runCli('--help');
    assert.match(help.stdout, /\n {2}mentions <file\|dir> \[--json\]/);
  });
});
