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
  console.log('[host] offline VS Code host missing: running scripts/host/setup.sh (once, about 1-2 minutes)');
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

/** One line from any error: Playwright's carry ANSI colours and a multi-line call log. */
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
function oneLine(e) {
  return String((e && e.message) || e).replace(ANSI, '').split('\n')[0].trim();
}

/**
 * Workbench and extension-host lines a test run does not need: gallery lookups on an offline
 * machine, the host's connection chatter, and routine start-up lines of VS Code 1.100 (builtin
 * extension cache, service worker, chat session storage). Relayed anyway with RUNNER_VERBOSE=1.
 */
const HOST_NOISE = /open-vsx|ENOTFOUND|extensionquery|marketplace|^(Resolving|Resolved|Creating a socket)|^Updating additional builtin extensions cache|^\[Service Worker\] registered|^ChatSessionStore: Migrating /;
function isHostNoise(text) {
  return HOST_NOISE.test(text);
}

/** A port someone else holds: callers turn it into advice (start.js suggests --port). */
class PortInUseError extends Error {
  constructor(port) {
    super(`port ${port} is in use`);
    this.port = port;
  }
}

/**
 * Whether 127.0.0.1:port can be bound right now. Binding is the only reliable test: a connect probe
 * misses a server that is starting, and code-server itself binds 127.0.0.1.
 */
function portIsFree(port) {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', e => (e.code === 'EADDRINUSE' ? resolve(false) : reject(new Error(`cannot use port ${port}: ${e.code || e.message}`))));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** GET with a short timeout; resolves { status, body } or undefined when nothing answers. */
function httpGet(url, ms = 2000) {
  return new Promise(resolve => {
    const req = http.get(url, { timeout: ms }, res => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', d => { if (body.length < 4096) body += d; });
      res.on('end', () => resolve({ status: res.statusCode, body }));
      res.on('error', () => resolve(undefined));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
  });
}

/**
 * code-server's /healthz answers {"status":"alive"|"expired","lastHeartbeat":<ms>} (routes/health.js
 * in 4.100.3). Any other answer comes from some other server on the port.
 */
function isCodeServerHealthz(res) {
  if (!res || res.status !== 200) return false;
  try {
    const j = JSON.parse(res.body);
    return (j.status === 'alive' || j.status === 'expired') && typeof j.lastHeartbeat === 'number';
  } catch {
    return false;
  }
}

/**
 * Waits until the server on hostport is provably the child we started: the child is alive, it has
 * logged that it listens on exactly this address (a healthz answer alone could come from another
 * code-server that took the port first) and /healthz gives code-server's answer. Fails fast when the
 * child exits, with PortInUseError when it exited because the port was taken.
 */
async function waitForOurServer(child, hostport, ms) {
  const end = Date.now() + ms;
  let last;
  for (;;) {
    if (child.closed()) {
      if (/EADDRINUSE/.test(child.output())) throw new PortInUseError(Number(hostport.split(':')[1]));
      throw new Error(`code-server exited (${child.signalCode || `code ${child.exitCode}`}) before it answered`);
    }
    last = await httpGet(`http://${hostport}/healthz`);
    if (child.listening() && isCodeServerHealthz(last) && !child.closed()) return;
    if (Date.now() > end) {
      if (isCodeServerHealthz(last)) throw new Error(`a code-server that did not say it listens on ${hostport} answers there`);
      if (last) throw new Error(`something other than code-server answers on ${hostport}`);
      throw new Error(`code-server did not answer on ${hostport} within ${Math.round(ms / 1000)} s`);
    }
    await new Promise(r => setTimeout(r, 250));
  }
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
async function startServer({ csHome, port, extensionsDir, logLevel = 'info', startTimeoutMs = 60000 }) {
  // A taken port is found before anything is created or spawned, so the error is all that happens.
  if (port && !(await portIsFree(port))) throw new PortInUseError(port);
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
  // Kept in memory as well (the first 64 KB) so the start-up check can read it without a file race.
  let output = '';
  const keep = d => { if (output.length < 65536) output += d; };
  proc.stdout.on('data', keep);
  proc.stderr.on('data', keep);
  proc.stdout.pipe(log);
  proc.stderr.pipe(log);
  liveChildren.add(proc);
  proc.on('exit', () => liveChildren.delete(proc));
  // 'close' comes after the child's last output, so its error message (EADDRINUSE) is in `output`.
  let closed = false;
  proc.on('close', () => { closed = true; });
  const child = {
    closed: () => closed,
    get exitCode() { return proc.exitCode; },
    get signalCode() { return proc.signalCode; },
    output: () => output,
    listening: () => output.includes(`HTTP server listening on http://${hostport}/`),
  };
  try {
    await waitForOurServer(child, hostport, startTimeoutMs);
  } catch (e) {
    proc.kill('SIGTERM');
    if (e instanceof PortInUseError) {
      // Nothing to look at afterwards: the message says it all.
      await new Promise(resolve => { if (closed) resolve(); else { proc.once('close', resolve); setTimeout(resolve, 3000); } });
      fs.rmSync(work, { recursive: true, force: true });
      throw e;
    }
    throw new Error(`${e.message}; see ${path.join(work, 'server.log')}`);
  }
  return {
    proc, work, hostport,
    stop: () => { try { proc.kill('SIGTERM'); } catch { /* already gone */ } },
    /** Stops the server and deletes the run folder (profiles, logs): for runs that need no post-mortem. */
    discard: async () => {
      try { proc.kill('SIGTERM'); } catch { /* already gone */ }
      if (proc.exitCode === null && proc.signalCode === null) await new Promise(resolve => { proc.once('exit', resolve); setTimeout(resolve, 3000); });
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

module.exports = { PROJECT_DIR, HOST_DIR, oneLine, isHostNoise, PortInUseError, portIsFree, isCodeServerHealthz, ensureHost, vscodeVersion, startServer, launchBrowser, workbenchUrl };
