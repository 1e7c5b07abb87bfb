// npm run bench:size — what ships: the production bundles (built in memory with esbuild.js's own
// options, dist/ untouched) and the .vsix that `npm run package` writes. Writes
// bench/results/size.json.
//
//   node out/bench/sizeBench.js [--no-vsix]
//
// The .vsix comes from vsce with the flags of the `package` script, written to bench/results/tmp/
// and deleted after it is measured. vsce runs vscode:prepublish, which leaves production bundles in
// dist/; the development build is put back afterwards (`node esbuild.js`), so `npm start` and the
// tests keep their source maps.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
const RESULTS = path.join(ROOT, 'bench', 'results');
const OUT = path.join(RESULTS, 'size.json');

interface BuildOptions { outfile: string; write?: boolean; plugins?: unknown[] }
interface BuildResult { outputFiles?: { path: string; contents: Uint8Array }[] }

async function productionBundleBytes(): Promise<Record<string, number>> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { buildOptions } = require(path.join(ROOT, 'esbuild.js')) as { buildOptions(o: { production: boolean; report: boolean }): BuildOptions[] };
  const esbuild = require('esbuild') as { build(o: BuildOptions): Promise<BuildResult> };
  /* eslint-enable @typescript-eslint/no-require-imports */
  const sizes: Record<string, number> = {};
  const cwd = process.cwd();
  process.chdir(ROOT); // esbuild.js names its entry points relative to the project
  try {
    for (const options of buildOptions({ production: true, report: false })) {
      const result = await esbuild.build({ ...options, write: false });
      const js = result.outputFiles?.find(f => f.path.endsWith('.js'));
      if (!js) throw new Error(`esbuild wrote nothing for ${options.outfile}`);
      sizes[options.outfile] = js.contents.byteLength;
    }
  } finally {
    process.chdir(cwd);
  }
  return sizes;
}

/** Runs vsce as the `package` script does, into a temporary file; its size, or why there is none. */
function vsixBytes(): { bytes?: number; files?: number; error?: string } {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const script = pkg.scripts.package ?? '';
  const m = /^vsce\s+package\s+(.*?)\s*--out\s+\S+(.*)$/.exec(script);
  if (!m) return { error: `unexpected package script: ${script}` };
  const tmp = path.join(RESULTS, 'tmp');
  fs.mkdirSync(tmp, { recursive: true });
  const out = path.join(tmp, 'paper-lens.vsix');
  const vsce = path.join(ROOT, 'node_modules', '.bin', 'vsce');
  const args = [...m[1].split(/\s+/), ...m[2].trim().split(/\s+/)].filter(Boolean);
  const r = spawnSync(vsce, ['package', ...args, '--out', out], { cwd: ROOT, encoding: 'utf8' });
  // Put the development bundles back whatever vsce did.
  const dev = spawnSync(process.execPath, ['esbuild.js'], { cwd: ROOT, encoding: 'utf8' });
  if (dev.status !== 0) console.error(`[bench:size] restoring the development bundles failed: ${dev.stderr.trim().split('\n')[0]}`);
  try {
    if (r.status !== 0) {
      const why = `${r.stderr}\n${r.stdout}`.split('\n').map(l => l.trim()).find(l => /error/i.test(l)) ?? `exit code ${r.status}`;
      return { error: `vsce package failed: ${why}` };
    }
    const files = /\((\d+) files?,/.exec(r.stdout);
    return { bytes: fs.statSync(out).size, ...(files ? { files: Number(files[1]) } : {}) };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const bundles = await productionBundleBytes();
  const vsix = process.argv.includes('--no-vsix') ? { error: 'skipped (--no-vsix)' } : vsixBytes();
  const result = {
    date: new Date().toISOString(),
    extensionJsBytes: bundles['dist/extension.js'],
    cliJsBytes: bundles['dist/cli.js'],
    corpusJsonBytes: fs.statSync(path.join(ROOT, 'dist', 'corpus.json')).size,
    vsixBytes: vsix.bytes,
    ...(vsix.files ? { vsixFiles: vsix.files } : {}),
    ...(vsix.error ? { vsixError: vsix.error } : {}),
  };
  fs.mkdirSync(RESULTS, { recursive: true });
  fs.writeFileSync(OUT, `${JSON.stringify(result, null, 2)}\n`);
  const kb = (n?: number) => (n === undefined ? '—' : `${(n / 1024).toFixed(1)} KiB (${n} bytes)`);
  console.log('production sizes:');
  console.log(`  dist/extension.js  ${kb(result.extensionJsBytes)}`);
  console.log(`  dist/cli.js        ${kb(result.cliJsBytes)}`);
  console.log(`  dist/corpus.json   ${kb(result.corpusJsonBytes)}`);
  console.log(`  paper-lens.vsix    ${vsix.error ? vsix.error : kb(result.vsixBytes)}`);
  console.log(`written to ${path.relative(ROOT, OUT)}`);
}

if (require.main === module) {
  main().catch(e => {
    console.error(`[bench:size] ${(e as Error).message.split('\n')[0]}`);
    process.exit(1);
  });
}
