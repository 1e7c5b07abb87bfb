import * as assert from 'assert';
import { main } from '../../src/cli';

async function runCli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: t => { stdout += `${t}\n`; }, stderr: t => { stderr += `${t}\n`; } });
  return { code, stdout, stderr };
}

describe('cli shell', () => {
  it('prints the package version', async () => {
    const r = await runCli('--version');
    assert.strictEqual(r.code, 0);
    assert.match(r.stdout, /^\d+\.\d+\.\d+\n$/);
  });

  it('prints help with --help and exits 0', async () => {
    const r = await runCli('--help');
    assert.strictEqual(r.code, 0);
    assert.match(r.stdout, /Usage: paper-lens <command>/);
  });

  it('prints help but exits non-zero without a command', async () => {
    const r = await runCli();
    assert.strictEqual(r.code, 2);
    assert.match(r.stdout, /Usage:/);
  });

  it('rejects an unknown command with a one-line message', async () => {
    const r = await runCli('frobnicate');
    assert.strictEqual(r.code, 2);
    assert.strictEqual(r.stdout, '');
    assert.strictEqual(r.stderr.trim().split('\n').length, 1);
    assert.match(r.stderr, /unknown command 'frobnicate'/);
  });
});
