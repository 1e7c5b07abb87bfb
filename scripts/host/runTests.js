// Runs test/integration (compiled to out/test/integration) inside a real VS Code extension host:
// code-server serves VS Code, headless Chromium opens its workbench with extensionDevelopmentPath and
// extensionTestsPath, and the workbench reports the suite's result through codeAutomationExit.
//
//   node scripts/host/runTests.js [--timeout 300] [--folder samples] [--verbose]
// Relays the suite's report and the host's errors; --verbose or RUNNER_VERBOSE=1 relays
// everything, the workbench's routine start-up lines included.
// Exit codes: 0 passed, 1 tests failed, 2 timeout, 3 infrastructure error.
const path = require('path');
const util = require('util');
const fs = require('fs');
const { PROJECT_DIR, isHostNoise, ensureHost, vscodeVersion, startServer, launchBrowser, workbenchUrl } = require('./hostLib');

const argv = process.argv.slice(2);
const opt = (name, dflt) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : dflt; };
const TIMEOUT_S = Number(opt('timeout', process.env.TEST_TIMEOUT || '300'));
const VERBOSE = argv.includes('--verbose') || /^(1|true|yes)$/i.test(process.env.RUNNER_VERBOSE || '');
const TESTS_DIR = path.join(PROJECT_DIR, 'out', 'test', 'integration');
const FOLDER = path.resolve(PROJECT_DIR, opt('folder', 'test/fixtures/workspace'));
const T0 = Date.now();
const log = (...a) => console.log(`[runner +${((Date.now() - T0) / 1000).toFixed(1)}s]`, ...a);


async function main() {
  for (const f of ['index.js']) {
    if (!fs.existsSync(path.join(TESTS_DIR, f))) throw new Error(`${TESTS_DIR}/${f} missing: run 'npm run build' first`);
  }
  if (!fs.existsSync(path.join(PROJECT_DIR, 'dist', 'extension.js'))) throw new Error("dist/extension.js missing: run 'npm run build' first");
  const csHome = ensureHost();
  log(`VS Code ${vscodeVersion(csHome)} (code-server ${require(path.join(csHome, 'package.json')).version})`);

  const server = await startServer({ csHome });
  let browser;
  let passed = false;
  try {
    log('server up; logs and profile in', server.work);
    browser = await launchBrowser(server.work);
    const page = browser.pages()[0] || await browser.newPage();

    // The extension host's console (mocha's reporter) reaches the page as "%c"-styled messages.
    let chain = Promise.resolve();
    page.on('console', m => {
      chain = chain.then(async () => {
        let vals = await Promise.all(m.args().map(a => a.jsonValue().catch(() => '<?>')));
        if (!vals.length) vals = [m.text()];
        if (typeof vals[0] === 'string' && vals[0].startsWith('%c')) {
          const level = vals[0].replace(/^%c\s*/, '').trim();
          vals = vals.slice(2);
          if (!VERBOSE && level !== 'INFO' && level !== 'ERR') return;
        } else if (!VERBOSE) {
          return;
        }
        const text = util.format(...vals);
        if (!VERBOSE && isHostNoise(text)) return;
        console.log('[exthost]', text);
      });
    });
    page.on('pageerror', e => console.log('[pageerror]', e.message));

    const result = new Promise(resolve => {
      page.exposeFunction('codeAutomationExit', code => resolve(code));
    });
    await page.goto(workbenchUrl(server.hostport, FOLDER, { extensionPath: PROJECT_DIR, testsPath: TESTS_DIR }));
    let timer;
    const res = await Promise.race([
      result,
      new Promise(r => { timer = setTimeout(() => r('timeout'), TIMEOUT_S * 1000); }),
    ]);
    clearTimeout(timer);
    await chain;
    if (res === 'timeout') {
      const shot = path.join(server.work, 'timeout.png');
      await page.screenshot({ path: shot }).catch(() => {});
      log(`TIMEOUT after ${TIMEOUT_S}s (screenshot: ${shot}; server log: ${server.work}/server.log)`);
      return 2;
    }
    passed = Number(res) === 0;
    return Number(res);
  } finally {
    try { if (browser) await browser.close(); } catch { /* closing anyway */ }
    // A passing run leaves nothing behind; a failing one keeps its logs and profile to look at.
    if (passed && !process.env.PAPER_LENS_KEEP_RUNS) await server.discard();
    else server.stop();
  }
}

main().then(
  code => {
    log(code === 0 ? 'integration tests PASSED' : `integration tests FAILED (exit code ${code})`);
    process.exit(code);
  },
  err => {
    console.error('[runner] infrastructure error:', err.message || err);
    process.exit(3);
  },
);
