// Bundles the extension and the CLI into dist/. `vscode` stays external (the host provides it).
//   node esbuild.js               development build (source maps, not minified)
//   node esbuild.js --production  minified, no source maps (used by `npm run package`)
//   node esbuild.js --watch       rebuild on change
// Prints one line per bundle and build ("[esbuild] dist/cli.js built, 180 KB, 95 ms"). Required as a
// module it only exports the build options (bench/sizeBench.ts measures the production bundles).
const esbuild = require('esbuild');
const fs = require('fs');

/**
 * Reports each bundle's builds under its own name: with two bundles, unlabelled "build started /
 * finished" lines came in pairs and said nothing about which one.
 */
function reportPlugin(label, watch) {
  return {
    name: 'report',
    setup(build) {
      let started = 0;
      let builds = 0;
      build.onStart(() => { started = Date.now(); });
      build.onEnd(result => {
        // esbuild has printed the errors already; watch mode repeats them in the short form of the
        // esbuild problem-matcher template, for a watch task that uses one.
        if (watch) {
          for (const { text, location } of result.errors) {
            console.error(`✘ [ERROR] ${text}`);
            if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
          }
        }
        const verb = builds++ ? 'rebuilt' : 'built';
        if (result.errors.length) {
          console.log(`[esbuild] ${label} failed with ${result.errors.length} error(s)`);
          return;
        }
        const size = build.initialOptions.write === false ? '' : (() => {
          try { return `, ${Math.round(fs.statSync(build.initialOptions.outfile).size / 1024)} KB`; } catch { return ''; }
        })();
        console.log(`[esbuild] ${label} ${verb}${size}, ${Date.now() - started} ms`);
      });
    },
  };
}

/** The two bundles' esbuild options; `report: false` leaves the console alone (for the bench). */
function buildOptions({ production = false, watch = false, report = true } = {}) {
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    logLevel: 'warning',
    // ES module builds first: jsonc-parser's UMD build requires its parts at run time, which a bundle cannot.
    mainFields: ['module', 'main'],
  };
  const bundles = [
    { entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
    { entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
    // Reads users' library files off the extension host's thread (src/node/libraryLoader.ts starts it).
    { entryPoints: ['src/node/libraryWorker.ts'], outfile: 'dist/libraryWorker.js' },
    // Lists, reads and scans the workspace's notes off the extension host's thread (src/node/workspaceScanner.ts starts it).
    { entryPoints: ['src/node/workspaceWorker.ts'], outfile: 'dist/workspaceWorker.js' },
  ];
  return bundles.map(b => ({ ...common, ...b, plugins: report ? [reportPlugin(b.outfile, watch)] : [] }));
}

async function main() {
  const production = process.argv.includes('--production');
  const watch = process.argv.includes('--watch');
  const builds = buildOptions({ production, watch });
  if (watch) {
    const contexts = await Promise.all(builds.map(b => esbuild.context(b)));
    await Promise.all(contexts.map(c => c.watch()));
    return;
  }
  await Promise.all(builds.map(b => esbuild.build(b)));
}

if (require.main === module) {
  main().catch(err => {
    // Build errors are on the console already (esbuild's log and the report line): no stack.
    if (!Array.isArray(err.errors)) console.error(`[esbuild] ${err.message || err}`);
    process.exit(1);
  });
}

module.exports = { buildOptions };
