import * as assert from 'assert';
import { main } from '../../src/cli';
import { ARXIV_ENDPOINT_ENV } from '../../src/cli/commands/fetch';
import { FakeApiServer, closedPortUrl } from './support/fakeApiServer';
import { testSources } from './testCorpus';

async function runCli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: t => { stdout += `${t}\n`; }, stderr: t => { stderr += `${t}\n`; } }, testSources);
  return { code, stdout, stderr };
}

describe('cli: fetch (against a local arXiv API)', () => {
  let server: FakeApiServer;
  beforeEach(async () => {
    server = await FakeApiServer.start();
  });
  afterEach(async () => {
    delete process.env[ARXIV_ENDPOINT_ENV];
    await server.close();
  });

  it('prints the metadata of a batch of ids as JSON, in the order asked, in one request', async () => {
    const r = await runCli('fetch', 'arXiv:2309.17453', 'https://arxiv.org/abs/1706.03762v5', '--json', '--endpoint', server.arxivEndpoint);
    assert.strictEqual(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { input: string; ok: boolean; id: string; version?: string; record: { title: string; authors: string[]; categories: string[] } }[];
    assert.deepStrictEqual(out.map(o => [o.input, o.ok, o.id, o.version]), [['arXiv:2309.17453', true, '2309.17453', undefined], ['https://arxiv.org/abs/1706.03762v5', true, '1706.03762', 'v5']]);
    assert.strictEqual(out[0].record.title, 'Efficient Streaming Language Models with Attention Sinks');
    assert.ok(out[1].record.authors.includes('Ashish Vaswani'));
    assert.deepStrictEqual(server.requests.map(q => q.query.get('id_list')), ['2309.17453,1706.03762v5']);
  });

  it('prints readable cards, taking the endpoint from the environment', async () => {
    process.env[ARXIV_ENDPOINT_ENV] = server.arxivEndpoint;
    const r = await runCli('fetch', '2309.17453');
    assert.strictEqual(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.strictEqual(lines[0], 'Efficient Streaming Language Models with Attention Sinks');
    assert.match(lines[1], /^ {2}arXiv 2309\.17453v\d · published 2023-09-29/);
    assert.match(r.stdout, /Authors: Guangxuan Xiao, /);
    assert.match(r.stdout, /Categories: cs\.CL/);
  });

  it('exits 1 for an unknown id, printing the papers it found and one line for the one it did not', async () => {
    const r = await runCli('fetch', '2309.17453', '2502.99999', '--endpoint', server.arxivEndpoint);
    assert.strictEqual(r.code, 1);
    assert.match(r.stdout, /^Efficient Streaming/);
    assert.deepStrictEqual(r.stderr.trim().split('\n'), ['paper-lens: 2502.99999: arXiv has no paper 2502.99999']);
    const json = await runCli('fetch', '2502.99999', 'not-an-id', '--json', '--endpoint', server.arxivEndpoint);
    assert.strictEqual(json.code, 1);
    assert.deepStrictEqual((JSON.parse(json.stdout) as { error: { kind: string } }[]).map(o => o.error.kind), ['notFound', 'invalidInput']);
  });

  it('says clearly when the answer is malformed, rate-limited, late, or the server is not there', async () => {
    server.script({ kind: 'malformed' });
    const malformed = await runCli('fetch', '2309.17453', '--endpoint', server.arxivEndpoint);
    assert.strictEqual(malformed.code, 1);
    assert.match(malformed.stderr, /^paper-lens: 2309\.17453: arXiv's answer could not be read: the answer is not well-formed XML/);
    server.script({ kind: 'retryAfter', value: '3600' });
    assert.match((await runCli('fetch', '2309.17453', '--endpoint', server.arxivEndpoint)).stderr, /arXiv asks to retry in 3600 s/);
    server.script({ kind: 'hang' });
    assert.match((await runCli('fetch', '2309.17453', '--endpoint', server.arxivEndpoint, '--timeout', '0.3')).stderr, /arXiv did not answer within 300 ms/);
    const gone = await runCli('fetch', '2309.17453', '--endpoint', await closedPortUrl());
    assert.strictEqual(gone.code, 1);
    assert.match(gone.stderr, /arXiv could not be reached: connection refused by 127\.0\.0\.1/);
  });

  it('rejects a missing id and a bad timeout with exit code 2', async () => {
    assert.strictEqual((await runCli('fetch')).code, 2);
    const bad = await runCli('fetch', '2309.17453', '--timeout', 'soon');
    assert.strictEqual(bad.code, 2);
    assert.match(bad.stderr, /--timeout must be a number of seconds/);
    assert.strictEqual(server.requests.length, 0);
  });

  it('is listed in --help', async () => {
    const r = await runCli('--help');
    assert.match(r.stdout, /\n {2}fetch <arxiv-id>\.\.\./);
    assert.match(r.stdout, /\n {2}import <file\|-> --collection <file>/);
  });
});
