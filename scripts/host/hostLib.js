// Shared pieces of the offline VS Code host: find the installed code-server, start it in an isolated
// per-run folder, open its workbench in headless Debian Chromium (playwright-core, no browser
// download) and build workbench URLs that load an extension in development mode.
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const http = require('http');
const net = require('net');
const path = require('path');

const PROJECT_DIR = path.resolve(__dirname, '../..');
const HOST_DIR = process.env.PAPER_LENS_HOST_DIR || path.join(PROJECT_DIR, '.vscode-test', 'offline');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** Runs setup.sh when the host is missing (it is idempotent, but skipping it saves a second). */
function ensureHost() {
  const marker = path.join(HOST_DIR, 'code-server-home');
  if (fs.existsSync(marker)) {
    const csHome = fs.readFileSync(marker, 'utf8').trim();
    if (fs.existsSync(path.join(csHome, 'out/node/entry.js')) && fs.existsSync(CHROMIUM)) return csHome;
  }
  console.log('[host] offline VS Code host missing: running scripts/host/setup.sh');
  const r = spawnSync('bash', [path.join(__dirname, 'setup.sh')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('host setup failed (see the messages above)');
  return fs.readFileSync(marker, 'utf8').trim();
}

function vscodeVersion(csHome) {
  return JSON.parse(fs.readFileSync(path.join(csHome, 'lib/vscode/package.json'), 'utf8')).version;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

function waitForHttp(url, ms) {
  const end = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const tick = () => {
      http.get(url, res => { res.resume(); resolve(res.statusCode); })
        .on('error', () => (Date.now() > end ? reject(new Error(`server did not come up: ${url}`)) : setTimeout(tick, 250)));
    };
    tick();
  });
}

const liveChildren = new Set();
process.on('exit', () => {
  for (const p of liveChildren) { try { p.kill('SIGTERM'); } catch { /* already gone */ } }
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    for (const p of liveChildren) { try { p.kill('SIGTERM'); } catch { /* already gone */ } }
    process.exit(130);
  });
}

/**
 * Starts code-server on 127.0.0.1 with its profile, extensions, HOME, XDG folders and TMPDIR all inside
 * a fresh folder under <host>/runs, so runs never share state and nothing lands in the user's home.
 */
async function startServer({ csHome, port, extensionsDir, logLevel = 'info' }) {
  port = port || await freePort();
  const runsDir = path.join(HOST_DIR, 'runs');
  fs.mkdirSync(runsDir, { recursive: true });
  const work = fs.mkdtempSync(path.join(runsDir, 'run-'));
  const hostport = `127.0.0.1:${port}`;
  fs.writeFileSync(path.join(work, 'config.yaml'), 'auth: none\ncert: false\n');
  const args = [
    path.join(csHome, 'out/node/entry.js'),
    '--config', path.join(work, 'config.yaml'),
    '--auth', 'none', '--bind-addr', hostport,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', path.join(work, 'user-data'),
    '--extensions-dir', extensionsDir || path.join(work, 'extensions'),
    '--log', logLevel,
  ];
  const env = {
    ...process.env,
    HOME: path.join(work, 'home'),
    XDG_CONFIG_HOME: path.join(work, 'xdg-config'),
    XDG_DATA_HOME: path.join(work, 'xdg-data'),
    XDG_CACHE_HOME: path.join(work, 'xdg-cache'),
    TMPDIR: path.join(work, 'tmp'),
  };
  for (const d of [env.HOME, env.TMPDIR]) fs.mkdirSync(d, { recursive: true });
  // Seed user settings: no telemetry prompts, no welcome page, no auto-updates of anything.
  const settingsDir = path.join(work, 'user-data', 'User');
  fs.mkdirSync(settingsDir, { recursive: true });
  fs.writeFileSync(path.join(settingsDir, 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'telemetry.telemetryLevel': 'off',
    'security.workspace.trust.enabled': false,
    'git.openRepositoryInParentFolders': 'never',
  }, null, 2));

  const proc = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = fs.createWriteStream(path.join(work, 'server.log'));
  proc.stdout.pipe(log);
  proc.stderr.pipe(log);
  liveChildren.add(proc);
  let exitCode = null;
  proc.on('exit', c => { exitCode = c; liveChildren.delete(proc); });
  try {
    await waitForHttp(`http://${hostport}/healthz`, 60000);
  } catch (e) {
    proc.kill('SIGTERM');
    throw new Error(`${e.message} (exit=${exitCode}); see ${path.join(work, 'server.log')}`);
  }
  return {
    proc, work, hostport,
    stop: () => { try { proc.kill('SIGTERM'); } catch { /* already gone */ } },
    /** Stops the server and deletes the run folder (profiles, logs): for runs that need no post-mortem. */
    discard: async () => {
      try { proc.kill('SIGTERM'); } catch { /* already gone */ }
      if (exitCode === null) await new Promise(resolve => { proc.once('exit', resolve); setTimeout(resolve, 3000); });
      fs.rmSync(work, { recursive: true, force: true });
    },
  };
}

/** Headless Debian Chromium. The flags keep it from dialling out on a machine with a closed network. */
async function launchBrowser(work, viewport = { width: 1400, height: 900 }) {
  const { chromium } = require('playwright-core');
  const home = path.join(work, 'chrome-home');
  fs.mkdirSync(home, { recursive: true });
  return chromium.launchPersistentContext(path.join(work, 'chrome-profile'), {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_CACHE_HOME: path.join(home, '.cache') },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * code-server's command line rejects --extensionDevelopmentPath; the workbench URL `payload` is the
 * mechanism VS Code's own remote integration tests use, with vscode-remote:// URIs.
 */
function workbenchUrl(hostport, folder, { extensionPath, testsPath } = {}) {
  const payload = [];
  if (extensionPath) payload.push(['extensionDevelopmentPath', `vscode-remote://${hostport}${extensionPath}`]);
  if (testsPath) payload.push(['extensionTestsPath', `vscode-remote://${hostport}${testsPath}`]);
  payload.push(['skipWelcome', 'true']);
  return `http://${hostport}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

module.exports = { PROJECT_DIR, HOST_DIR, ensureHost, vscodeVersion, startServer, launchBrowser, workbenchUrl };
