// `npm start`: serve a real VS Code (code-server) on 127.0.0.1 with Paper Lens loaded from this folder
// in development mode, opened on the sample notes in samples/. Prints the URL to open; Ctrl+C stops.
//
//   node scripts/host/start.js [--port 8123] [--folder samples] [--check]
// --check opens the URL once in headless Chromium, waits for the Paper Lens view container, saves a
// screenshot and exits: a smoke test of exactly what a user gets.
const fs = require('fs');
const path = require('path');
const { PROJECT_DIR, ensureHost, vscodeVersion, startServer, launchBrowser, workbenchUrl } = require('./hostLib');

const argv = process.argv.slice(2);
const opt = (name, dflt) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : dflt; };
const PORT = Number(opt('port', process.env.PAPER_LENS_PORT || '8123'));
const FOLDER = path.resolve(PROJECT_DIR, opt('folder', 'samples'));
const CHECK = argv.includes('--check');

async function main() {
  if (!fs.existsSync(path.join(PROJECT_DIR, 'dist', 'extension.js'))) throw new Error("dist/extension.js missing: run 'npm run build' first");
  const csHome = ensureHost();
  const server = await startServer({ csHome, port: PORT });
  const url = workbenchUrl(server.hostport, FOLDER, { extensionPath: PROJECT_DIR });
  console.log(`\nPaper Lens is running in VS Code ${vscodeVersion(csHome)} (code-server), workspace ${path.relative(PROJECT_DIR, FOLDER) || '.'}`);
  console.log('Open this URL in a browser on this machine (it loads Paper Lens from this folder):\n');
  console.log(`  ${url}\n`);
  console.log(`Server log: ${server.work}/server.log — press Ctrl+C to stop.`);

  if (CHECK) {
    const browser = await launchBrowser(server.work);
    try {
      const page = browser.pages()[0] || await browser.newPage();
      await page.goto(url);
      const container = page.locator('.activitybar .action-item a[aria-label^="Paper Lens"]').first();
      await container.waitFor({ timeout: 60000 });
      await container.click();
      await page.locator('.sidebar .composite.title', { hasText: /paper lens/i }).first().waitFor({ timeout: 30000 });
      await page.waitForTimeout(1500);
      const shot = path.join(server.work, 'start-check.png');
      await page.screenshot({ path: shot });
      console.log(`check: Paper Lens view container visible; screenshot ${shot}`);
    } finally {
      await browser.close().catch(() => {});
      server.stop();
    }
    return;
  }
  await new Promise(resolve => server.proc.on('exit', resolve));
}

main().catch(err => {
  console.error(`[start] ${err.message || err}`);
  process.exit(1);
});
