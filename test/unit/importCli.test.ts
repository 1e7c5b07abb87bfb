import * as assert from 'assert';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli';
import { DAILY_PAPERS } from './support/apiFixtures';
import { FakeApiServer } from './support/fakeApiServer';
import { cslSchemaViolations } from '../fixtures/cslSchema';
import { ROOT, testSources } from './testCorpus';

async function runCli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: t => { stdout += `${t}\n`; }, stderr: t => { stderr += `${t}\n`; } }, testSources);
  return { code, stdout, stderr };
}

describe('cli: import', () => {
  let dir: string;
  let server: FakeApiServer;
  let collection: string;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-lens-import-cli-'));
    collection = path.join(dir, 'refs', 'collection.json');
    server = await FakeApiServer.start();
  });
  afterEach(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await server.close();
  });
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };

  it('--dry-run shows what would be added and writes nothing', async () => {
    const ids = write('ids.txt', '2309.17453\n2410.10819\n2502.99999\n');
    const r = await runCli('import', ids, '--collection', collection, '--dry-run', '--endpoint', server.arxivEndpoint);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.deepStrictEqual(r.stdout.trim().split('\n'), [
      '+ xiao2023efficient  Efficient Streaming Language Models with Attention Sinks',
      '+ xiao2024duoattention  DuoAttention: Efficient Long-Context LLM Inference with Retrieval and Streaming Heads  (details from your library)',
      '! 2502.99999  2502.99999  (arXiv has no paper 2502.99999)',
      '2 new, 0 already in your collection, 1 failed (dry run: nothing written)',
    ]);
    assert.ok(!fs.existsSync(collection));
  });

  it('adds to the collection (valid CSL-JSON), and a second import adds nothing', async () => {
    const api = write('day.json', JSON.stringify(DAILY_PAPERS['2025-02-18']));
    const first = await runCli('import', api, '--collection', collection, '--json', '--offline');
    assert.strictEqual(first.code, 0, first.stderr);
    const out = JSON.parse(first.stdout) as { format: string; written: boolean; added: { id: string }[]; failed: unknown[] };
    assert.deepStrictEqual([out.format, out.written, out.added.map(a => a.id), out.failed.length], ['hf-daily-papers', true, ['lin2025sparse', 'xiao2024duoattention'], 5]);
    const items = JSON.parse(fs.readFileSync(collection, 'utf8')) as { id: string }[];
    assert.deepStrictEqual(cslSchemaViolations(items), []);
    assert.deepStrictEqual(items.map(i => i.id), ['lin2025sparse', 'xiao2024duoattention']);
    const again = await runCli('import', api, '--collection', collection, '--offline');
    assert.strictEqual(again.code, 0);
    assert.match(again.stdout, /\n0 new, 2 already in your collection, 5 failed\n$/);
    assert.ok(!fs.existsSync(`${collection}.bak`), 'nothing was written the second time');
  });

  it('never overwrites a collection it cannot read', async () => {
    fs.mkdirSync(path.dirname(collection), { recursive: true });
    fs.writeFileSync(collection, '{ "not": "an array" }');
    const ids = write('ids.txt', '2410.10819\n');
    const r = await runCli('import', ids, '--collection', collection, '--offline');
    assert.strictEqual(r.code, 1);
    assert.match(r.stderr, /is not a CSL-JSON array of items; Paper Lens does not overwrite it/);
    assert.strictEqual(fs.readFileSync(collection, 'utf8'), '{ "not": "an array" }');
  });

  it('exits 1 when nothing could be imported, 2 on bad usage', async () => {
    const ids = write('ids.txt', '2502.99999\n');
    const none = await runCli('import', ids, '--collection', collection, '--offline');
    assert.strictEqual(none.code, 1);
    assert.match(none.stderr, /no paper could be imported \(1 failed\)/);
    assert.strictEqual((await runCli('import', ids)).code, 2);
    assert.strictEqual((await runCli('import', '--collection', collection)).code, 2);
    assert.strictEqual((await runCli('import', ids, '--collection', collection, '--format', 'bib')).code, 2);
    const missing = await runCli('import', path.join(dir, 'nope.txt'), '--collection', collection);
    assert.strictEqual(missing.code, 1);
    assert.match(missing.stderr, /no such file/);
  });

  it('reads standard input for "-"', async function () {
    const cli = path.join(ROOT, 'out', 'src', 'cli.js');
    const corpus = path.join(ROOT, 'dist', 'corpus.json');
    if (!fs.existsSync(corpus)) return this.skip();
    const child = spawn(process.execPath, [cli, 'import', '-', '--collection', collection, '--offline'], { env: { ...process.env, PAPER_LENS_CORPUS: corpus } });
    let stdout = '';
    child.stdout.on('data', d => { stdout += String(d); });
    child.stdin.end('https://arxiv.org/abs/2410.10819\n');
    const code = await new Promise<number | null>(resolve => child.on('close', resolve));
    assert.strictEqual(code, 0);
    assert.match(stdout, /1 new, 0 already in your collection, 0 failed → /);
    assert.ok(fs.existsSync(collection));
  });
});
