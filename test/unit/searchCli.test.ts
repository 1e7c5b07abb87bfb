import * as assert from 'assert';
import { main } from '../../src/cli';
import { testSources } from './testCorpus';

async function runCli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: t => { stdout += `${t}\n`; }, stderr: t => { stderr += `${t}\n`; } }, testSources);
  return { code, stdout, stderr };
}

describe('cli search', () => {
  it('prints ranked {id, title, score} with --json, the query taken from all words', async () => {
    const r = await runCli('search', 'long', 'lora', '--json');
    assert.strictEqual(r.code, 0, r.stderr);
    const hits = JSON.parse(r.stdout) as { id: string; title: string; score: number }[];
    assert.strictEqual(hits[0].id, '2309.12307');
    assert.ok(hits[0].title.startsWith('LongLoRA'));
    assert.deepStrictEqual(Object.keys(hits[0]).sort(), ['id', 'score', 'title']);
    for (let i = 1; i < hits.length; i++) assert.ok(hits[i].score <= hits[i - 1].score);
  });

  it('prints one readable row per hit and honours --limit', async () => {
    const r = await runCli('search', 'kv cache eviction', '--limit', '3');
    assert.strictEqual(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.match(lines[0], /^3 results for 'kv cache eviction'$/);
    assert.strictEqual(lines.length, 4);
    assert.match(lines[1], /^ {2}1\. \d{4}\.\d{4,5} +\d+\.\d\d {2}/);
  });

  it('says what --limit wants for every bad value, a negative or missing one included', async () => {
    const cases: [string[], string][] = [
      [['--limit', 'abc'], "got 'abc'"],
      [['--limit', '-1'], "got '-1'"],
      [['--limit=-3'], "got '-3'"],
      [['--limit', '-5', '--json'], "got '-5'"],
      [['--limit'], 'got nothing'],
      [['--limit='], 'got nothing'],
      [['--limit', '--json'], 'got nothing'],
    ];
    for (const [args, got] of cases) {
      const r = await runCli('search', 'kv', 'cache', ...args);
      assert.strictEqual(r.code, 2, args.join(' '));
      assert.strictEqual(r.stdout, '');
      assert.strictEqual(r.stderr, `paper-lens: search: --limit must be a whole number from 1 to 1000, ${got}\n`, args.join(' '));
    }
  });

  it('still reads a value after --limit and an option after it', async () => {
    const r = await runCli('search', 'kv', 'cache', '--limit', '2', '--json');
    assert.strictEqual(r.code, 0, r.stderr);
    assert.strictEqual(JSON.parse(r.stdout).length, 2);
    const dashQuery = await runCli('search', '--limit', '1', '--', '-kv', 'cache');
    assert.strictEqual(dashQuery.code, 0, dashQuery.stderr);
  });

  it('rejects an empty query and a bad --limit with exit code 2 and one line', async () => {
    for (const argv of [['search'], ['search', '  '], ['search', '--json'], ['search', 'x', '--limit', 'abc'], ['search', 'x', '--limit', '0'], ['search', 'x', '--limit', '2.5'], ['search', 'x', '--limit=-3'], ['search', 'x', '--limit']]) {
      const r = await runCli(...argv);
      assert.strictEqual(r.code, 2, argv.join(' '));
      assert.strictEqual(r.stdout, '');
      assert.strictEqual(r.stderr.trim().split('\n').length, 1, r.stderr);
    }
  });

  it('exits 1 when nothing matches', async () => {
    const r = await runCli('search', 'zzqqxxyy');
    assert.strictEqual(r.code, 1);
    assert.match(r.stderr, /no paper matches 'zzqqxxyy'/);
  });

  it('echoes a pasted paragraph as one clipped line, not the whole of it', async () => {
    const long = `${'attention '.repeat(300)}\n\nzzqq`;
    const hit = await runCli('search', long, '--limit', '1');
    assert.match(hit.stdout.split('\n')[0], /^1 result for 'attention attention .{30,50}…'$/);
    const miss = await runCli('search', 'zzqqxxyy '.repeat(50));
    assert.strictEqual(miss.code, 1);
    assert.ok(miss.stderr.length < 120, miss.stderr);
  });

  it('is listed in --help', async () => {
    const r = await runCli('--help');
    assert.match(r.stdout, /\n {2}search <query\.\.\.> \[--limit N\] \[--json\]/);
  });
});
