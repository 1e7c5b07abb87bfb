// Bundles the extension and the CLI into dist/. `vscode` stays external (the host provides it).
//   node esbuild.js               development build (source maps, not minified)
//   node esbuild.js --production  minified, no source maps (used by `npm run package`)
//   node esbuild.js --watch       rebuild on change
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints build errors in the `file:line:col: error: text` form that VS Code's problem matchers read. */
const problemMatcherPlugin = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log(`[esbuild] ${watch ? 'watch ' : ''}build started`));
    build.onEnd(result => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log(`[esbuild] build finished${result.errors.length ? ` with ${result.errors.length} error(s)` : ''}`);
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  // ES module builds first: jsonc-parser's UMD build requires its parts at run time, which a bundle cannot.
  mainFields: ['module', 'main'],
  logLevel: 'warning',
  plugins: [problemMatcherPlugin],
};

const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // Reads users' library files off the extension host's thread (src/node/libraryLoader.ts starts it).
  { ...common, entryPoints: ['src/node/libraryWorker.ts'], outfile: 'dist/libraryWorker.js' },
];

async function main() {
  if (watch) {
    const contexts = await Promise.all(builds.map(b => esbuild.context(b)));
    await Promise.all(contexts.map(c => c.watch()));
    return;
  }
  await Promise.all(builds.map(b => esbuild.build(b)));
}

main().catch(err => {
  console.error(err);
  process.exit(1);
});
