// npm run bench:activation — activation of Paper Lens in the real (offline) VS Code host: each run
// starts a fresh code-server, opens its workbench in headless Chromium with Paper Lens loaded from
// this folder and out/bench/activationHost.js as the tests module, which activates the extension
// and records the activationMs its API returns. Medians and ranges go to
// bench/results/activation.json. Timings only: nothing asserts.
//
//   node scripts/host/benchActivation.js [--runs 5] [--timeout 120]
// Measures the bundle in dist/ as it is (the development build after `npm run build`; the result
// says which). Exit 1 when a run fails.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { PROJECT_DIR, oneLine, ensureHost, vscodeVersion, startServer, launchBrowser, workbenchUrl } = require('./hostLib');

const argv = process.argv.slice(2);
const opt = (name, dflt) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : dflt; };
const RUNS = Number(opt('runs', '5'));
const TIMEOUT_S = Number(opt('timeout', '120'));
const MODULE = path.join(PROJECT_DIR, 'out', 'bench', 'activationHost.js');
const OUT = path.join(PROJECT_DIR, 'bench', 'results', 'activation.json');

function spread(xs) {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  const r = x => Math.round(x * 100) / 100;
  return { median: r(mid), min: r(s[0]), max: r(s[s.length - 1]), n: s.length };
}

async function once(csHome, folder, i) {
  const resultFile = path.join(folder, `.activation-${i}.json`);
  // The extension host inherits the server's environment: that is how the module learns where to write.
  process.env.PAPER_LENS_BENCH_OUT = resultFile;
  const server = await startServer({ csHome });
  let browser;
  let ok = false;
  try {
    browser = await launchBrowser(server.work);
    const page = browser.pages()[0] || await browser.newPage();
    const done = new Promise(resolve => { page.exposeFunction('codeAutomationExit', code => resolve(code)); });
    await page.goto(workbenchUrl(server.hostport, folder, { extensionPath: PROJECT_DIR, testsPath: MODULE }));
    let timer;
    const code = await Promise.race([done, new Promise(r => { timer = setTimeout(() => r('timeout'), TIMEOUT_S * 1000); })]);
    clearTimeout(timer);
    if (code === 'timeout') throw new Error(`run ${i + 1}: no result within ${TIMEOUT_S} s; server log ${server.work}/server.log`);
    if (Number(code) !== 0 || !fs.existsSync(resultFile)) throw new Error(`run ${i + 1}: the activation module failed (exit code ${code}); server log ${server.work}/server.log`);
    ok = true;
    return JSON.parse(fs.readFileSync(resultFile, 'utf8'));
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (ok) await server.discard(); else server.stop();
  }
}

async function main() {
  if (!fs.existsSync(MODULE)) throw new Error(`${path.relative(PROJECT_DIR, MODULE)} missing: run 'npm run compile' first`);
  const bundle = path.join(PROJECT_DIR, 'dist', 'extension.js');
  if (!fs.existsSync(bundle)) throw new Error("dist/extension.js missing: run 'npm run build' first");
  const csHome = ensureHost();
  // An empty workspace, so no note of ours is open. The host has usually activated Paper Lens by the
  // time the module runs all the same (a start-up event); activationMs is activate()'s own number
  // either way, and the outside view of the call is kept only for runs where the module made it.
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-lens-activation-'));
  const runs = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const r = await once(csHome, folder, i);
      runs.push(r);
      console.log(`[bench:activation] run ${i + 1}/${RUNS}: activate() ${r.activationMs.toFixed(2)} ms${r.wasActive ? ' (the host had activated it)' : `, extensions.activate() call ${r.activateCallMs.toFixed(1)} ms`}`);
    }
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
  const result = {
    date: new Date().toISOString(),
    vscode: vscodeVersion(csHome),
    // Load average over the last minute: numbers taken on a busy machine say so.
    loadAvg1: Math.round(os.loadavg()[0] * 100) / 100,
    bundle: /\/\/# sourceMappingURL=/.test(fs.readFileSync(bundle, 'utf8').slice(-300)) ? 'development' : 'production',
    bundleBytes: fs.statSync(bundle).size,
    activateMs: spread(runs.map(r => r.activationMs)),
    activateCallMs: spread(runs.filter(r => !r.wasActive).map(r => r.activateCallMs)),
    runs,
  };
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, `${JSON.stringify(result, null, 2)}\n`);
  const s = result.activateMs;
  console.log(`[bench:activation] activate(): median ${s.median} ms (${s.min}–${s.max}) over ${s.n} fresh hosts, ${result.bundle} bundle; written to ${path.relative(PROJECT_DIR, OUT)}`);
}

main().catch(e => {
  console.error(`[bench:activation] ${oneLine(e)}`);
  process.exit(1);
});
