import * as assert from 'assert';
import { main } from '../../src/cli';
import { testCorpus, testSources } from './testCorpus';

async function runCli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: t => { stdout += `${t}\n`; }, stderr: t => { stderr += `${t}\n`; } }, testSources);
  return { code, stdout, stderr };
}

function assertOneLineError(r: { stdout: string; stderr: string }, pattern: RegExp) {
  assert.strictEqual(r.stdout, '');
  assert.strictEqual(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, pattern);
}

describe('cli', () => {
  it('prints the package version', async () => {
    const r = await runCli('--version');
    assert.strictEqual(r.code, 0);
    assert.match(r.stdout, /^\d+\.\d+\.\d+\n$/);
  });

  it('prints help with --help and exits 0, and without a command exits 2', async () => {
    const help = await runCli('--help');
    assert.strictEqual(help.code, 0);
    assert.match(help.stdout, /Usage: paper-lens <command>/);
    for (const c of ['list', 'topics', 'show']) assert.match(help.stdout, new RegExp(`\\n  ${c}\\b`));
    const none = await runCli();
    assert.strictEqual(none.code, 2);
  });

  it('rejects an unknown command, an unknown option and a missing argument with one line', async () => {
    const unknown = await runCli('frobnicate');
    assert.strictEqual(unknown.code, 2);
    assertOneLineError(unknown, /unknown command 'frobnicate'/);
    const option = await runCli('list', '--bogus');
    assert.strictEqual(option.code, 2);
    assertOneLineError(option, /unknown option '--bogus'/);
    const missing = await runCli('show');
    assert.strictEqual(missing.code, 2);
    assertOneLineError(missing, /missing <id\|alias\|title>/);
  });

  it('list --json gives every paper with the documented fields', async () => {
    const r = await runCli('list', '--json');
    assert.strictEqual(r.code, 0);
    const papers = JSON.parse(r.stdout);
    assert.strictEqual(papers.length, 129);
    for (const key of ['id', 'title', 'aliases', 'topics', 'arxiv', 'year', 'month', 'firstAuthor', 'links', 'abstract']) {
      assert.ok(key in papers[0], key);
    }
    assert.deepStrictEqual(papers.map((p: { title: string }) => p.title), testCorpus().papers.map(p => p.title));
  });

  it('list prints one readable row per paper', async () => {
    const r = await runCli('list');
    assert.strictEqual(r.code, 0);
    assert.match(r.stdout, /^129 papers\n/);
    assert.match(r.stdout, /2410\.10819 +2024 +DuoAttention +DuoAttention: Efficient/);
  });

  it('topics --json lists each topic with its papers, primary ones first', async () => {
    const r = await runCli('topics', '--json');
    const topics = JSON.parse(r.stdout);
    const corpus = testCorpus();
    assert.strictEqual(topics.length, corpus.topics.length);
    for (const t of topics) {
      assert.ok(t.label && t.description);
      const firsts = t.papers.slice(0, t.primaryCount);
      assert.ok(firsts.every((id: string) => corpus.paper(id)?.topics[0] === t.id), t.id);
      assert.ok(t.papers.slice(t.primaryCount).every((id: string) => corpus.paper(id)?.topics.slice(1).includes(t.id)), t.id);
    }
  });

  it('show finds a paper by id, alias or title, and lists every candidate of an ambiguous name', async () => {
    for (const q of ['2410.10819', 'DuoAttention', 'duoattention', 'DuoAttention: Efficient Long-Context LLM Inference with Retrieval and Streaming Heads']) {
      const r = await runCli('show', q, '--json');
      assert.strictEqual(r.code, 0, q);
      assert.deepStrictEqual(JSON.parse(r.stdout).map((p: { id: string }) => p.id), ['2410.10819'], q);
    }
    const giraffe = await runCli('show', 'Giraffe', '--json');
    assert.deepStrictEqual(JSON.parse(giraffe.stdout).map((p: { id: string }) => p.id).sort(), ['2308.10882', '2412.12735']);
    const text = await runCli('show', 'Giraffe');
    assert.match(text.stdout, /'Giraffe' is ambiguous: 2 papers/);
    const words = await runCli('show', 'Lean', 'Attention');
    assert.match(words.stdout, /^Lean Attention — Lean Attention: Hardware-Aware/);
  });

  it('show exits 1 with one line for an unknown paper', async () => {
    const r = await runCli('show', 'NoSuchPaper');
    assert.strictEqual(r.code, 1);
    assertOneLineError(r, /no paper with id, name or title 'NoSuchPaper'/);
  });
});
