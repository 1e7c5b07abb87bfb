// `npm start`: serve a real VS Code (code-server) on 127.0.0.1 with Paper Lens loaded from this folder
// in development mode, opened on the sample notes in samples/. Prints the URL to open; Ctrl+C stops.
//
//   node scripts/host/start.js [--port 8123] [--folder samples] [--check]
// --check opens the URL once in headless Chromium, waits for the Paper Lens view container, saves a
// screenshot and exits: a smoke test of exactly what a user gets.
// Exit codes: 0 running (or check passed), 1 it could not start or the check failed, 2 bad usage.
// Every failure is one line on stderr.
const fs = require('fs');
const net = require('net');
const path = require('path');
const { PROJECT_DIR, PortInUseError, portIsFree, oneLine, ensureHost, vscodeVersion, startServer, launchBrowser, workbenchUrl } = require('./hostLib');

class UsageError extends Error {}

const argv = process.argv.slice(2);
const opt = (name, dflt) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : dflt; };
const PORT_TEXT = opt('port', process.env.PAPER_LENS_PORT || '8123');
const FOLDER = path.resolve(PROJECT_DIR, opt('folder', 'samples'));
const CHECK = argv.includes('--check');

function parsePort(text) {
  const port = /^\d+$/.test(text || '') ? Number(text) : NaN;
  if (!(port >= 1 && port <= 65535)) throw new UsageError(`--port must be a number from 1 to 65535, got '${text ?? ''}'`);
  return port;
}

/** A free port to suggest: the next few above the taken one, else any the system hands out. */
async function suggestPort(taken) {
  for (let p = taken + 1; p <= Math.min(taken + 20, 65535); p++) {
    if (await portIsFree(p).catch(() => false)) return p;
  }
  return new Promise(resolve => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}


/** Runs one step of --check, turning a failure into "<what> (<why>)". */
async function step(what, fn) {
  try {
    return await fn();
  } catch (e) {
    throw new Error(`${what} (${oneLine(e)})`);
  }
}

async function check(server, url) {
  const browser = await launchBrowser(server.work);
  const page = browser.pages()[0] || await browser.newPage();
  try {
    await step('the workbench did not load', () => page.goto(url, { timeout: 60000 }));
    const container = page.locator('.activitybar .action-item a[aria-label^="Paper Lens"]').first();
    await step('the Paper Lens icon did not appear in the activity bar within 60 s', () => container.waitFor({ timeout: 60000 }));
    await step('the Paper Lens icon could not be clicked', () => container.click());
    await step('the Paper Lens sidebar did not open within 30 s', () => page.locator('.sidebar .composite.title', { hasText: /paper lens/i }).first().waitFor({ timeout: 30000 }));
    await page.waitForTimeout(1500);
    const shot = path.join(server.work, 'start-check.png');
    await page.screenshot({ path: shot });
    console.log(`check: Paper Lens view container visible; screenshot ${shot}`);
  } catch (e) {
    // The page as it was is the quickest way to see why; the run folder is kept for the same reason.
    const shot = path.join(server.work, 'start-check-failed.png');
    const saved = await page.screenshot({ path: shot }).then(() => true, () => false);
    throw new Error(`check failed: ${e.message}; ${saved ? `screenshot ${shot}, ` : ''}server log ${server.work}/server.log`);
  } finally {
    await browser.close().catch(() => {});
    server.stop();
  }
}

async function main() {
  const port = parsePort(PORT_TEXT);
  // Before anything else (the build check, host setup): a taken port must not cost a set-up run, and
  // must never end in "running" with a URL that points at someone else's server.
  if (!(await portIsFree(port))) throw new PortInUseError(port);
  if (!fs.existsSync(path.join(PROJECT_DIR, 'dist', 'extension.js'))) throw new Error("dist/extension.js missing: run 'npm run build' first");
  const csHome = ensureHost();
  // startServer checks again and then proves that the server answering is the one it started.
  const server = await startServer({ csHome, port });
  const url = workbenchUrl(server.hostport, FOLDER, { extensionPath: PROJECT_DIR });
  console.log(`\nPaper Lens is running in VS Code ${vscodeVersion(csHome)} (code-server), workspace ${path.relative(PROJECT_DIR, FOLDER) || '.'}`);
  console.log('Open this URL in a browser on this machine (it loads Paper Lens from this folder):\n');
  console.log(`  ${url}\n`);
  console.log(`Server log: ${server.work}/server.log — press Ctrl+C to stop.`);

  if (CHECK) return check(server, url);
  // Ctrl+C ends this process (hostLib stops the server); the server ending on its own is a failure.
  const code = await new Promise(resolve => server.proc.on('exit', (c, signal) => resolve(signal || c)));
  throw new Error(`code-server stopped (${typeof code === 'string' ? code : `exit code ${code}`}); see ${server.work}/server.log`);
}

main().catch(async err => {
  if (err instanceof PortInUseError) {
    console.error(`[start] port ${err.port} is in use: try npm start -- --port ${await suggestPort(err.port)}`);
    process.exit(1);
  }
  console.error(`[start] ${oneLine(err)}`);
  process.exit(err instanceof UsageError ? 2 : 1);
});
