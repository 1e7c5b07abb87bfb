// `npm start` (scripts/host/start.js) and the host's start-up check (scripts/host/hostLib.js), run
// as real processes against a taken port; and the test runner's filter of host output. A stub stands in for code-server: these tests never start
// the real one, and the stub leaves a mark when it is started where it must not be.
import * as assert from 'assert';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const START = path.join(ROOT, 'scripts', 'host', 'start.js');
const HOST_LIB = path.join(ROOT, 'scripts', 'host', 'hostLib.js');

/**
 * A fake code-server: STUB_MODE decides what it does with the --bind-addr it is given.
 *   mark        record that it ran, then exit 1 (for paths that must not start a server)
 *   codeserver  listen and answer /healthz as code-server 4.100.3 does, log the listening line
 *   eaddrinuse  fail as code-server does when the port is taken
 *   other       listen and log the listening line, but answer like some other server
 *   unannounced answer /healthz as code-server but never log the listening line (as when another
 *               code-server holds the port while ours is still starting)
 */
const STUB = `
const fs = require('fs'), http = require('http');
const [host, port] = process.argv[process.argv.indexOf('--bind-addr') + 1].split(':');
const mode = process.env.STUB_MODE;
if (process.env.STUB_MARK) fs.writeFileSync(process.env.STUB_MARK, mode);
if (mode === 'mark') process.exit(1);
if (mode === 'eaddrinuse') { console.error('error listen EADDRINUSE: address already in use ' + host + ':' + port); process.exit(1); }
http.createServer((req, res) => {
  if ((mode === 'codeserver' || mode === 'unannounced') && req.url === '/healthz') { res.setHeader('content-type', 'application/json'); res.end('{"status":"expired","lastHeartbeat":0}'); }
  else res.end('hello from another server');
}).listen(Number(port), host, () => { if (mode !== 'unannounced') console.log('[info] HTTP server listening on http://' + host + ':' + port + '/'); });
`;

interface Run { code: number | null; stdout: string; stderr: string }

function run(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', d => { stdout += d; });
    p.stderr.on('data', d => { stderr += d; });
    p.on('error', reject);
    p.on('close', code => resolve({ code, stdout, stderr }));
  });
}

function listen(server: http.Server, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function freePort(): Promise<number> {
  const s = http.createServer();
  return listen(s).then(port => new Promise(resolve => s.close(() => resolve(port))));
}

describe('npm start on a taken port', () => {
  let dir: string;
  let hostDir: string;
  let mark: string;
  let other: http.Server;
  let taken: number;
  let env: Record<string, string>;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-lens-start-'));
    // A host install that ensureHost accepts as present, so nothing is ever set up or downloaded.
    const csHome = path.join(dir, 'code-server');
    fs.mkdirSync(path.join(csHome, 'out', 'node'), { recursive: true });
    fs.mkdirSync(path.join(csHome, 'lib', 'vscode'), { recursive: true });
    fs.writeFileSync(path.join(csHome, 'out', 'node', 'entry.js'), STUB);
    fs.writeFileSync(path.join(csHome, 'lib', 'vscode', 'package.json'), '{"version":"0.0.0-stub"}');
    hostDir = path.join(dir, 'host');
    fs.mkdirSync(hostDir);
    fs.writeFileSync(path.join(hostDir, 'code-server-home'), csHome);
    mark = path.join(dir, 'stub-ran');
    env = { PAPER_LENS_HOST_DIR: hostDir, CHROMIUM: process.execPath, STUB_MODE: 'mark', STUB_MARK: mark, PAPER_LENS_PORT: '' };
    other = http.createServer((_req, res) => res.end('hello from another server'));
    taken = await listen(other);
  });
  after(() => {
    other.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => fs.rmSync(mark, { force: true }));

  for (const extra of [[], ['--check']]) {
    it(`${['start', ...extra].join(' ')} says the port is in use in one line, exits 1 and starts no server`, async () => {
      const r = await run([START, '--port', String(taken), ...extra], env);
      assert.strictEqual(r.code, 1, r.stderr);
      assert.doesNotMatch(r.stdout, /running|Open this URL/);
      assert.strictEqual(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, new RegExp(`^\\[start\\] port ${taken} is in use: try npm start -- --port \\d+\\n$`));
      assert.ok(!r.stderr.includes('\u001b'), 'ANSI escape in the message');
      assert.ok(!fs.existsSync(mark), 'the server stub was started');
      const suggested = Number(/--port (\d+)/.exec(r.stderr)![1]);
      assert.notStrictEqual(suggested, taken);
    });
  }

  it('takes the port from PAPER_LENS_PORT too', async () => {
    const r = await run([START], { ...env, PAPER_LENS_PORT: String(taken) });
    assert.strictEqual(r.code, 1, r.stderr);
    assert.match(r.stderr, new RegExp(`port ${taken} is in use`));
  });

  it('rejects a port that is not a number with exit code 2 and one line', async () => {
    for (const port of ['abc', '0', '70000', '--check']) {
      const r = await run([START, '--port', port], env);
      assert.strictEqual(r.code, 2, port);
      assert.match(r.stderr, /^\[start\] --port must be a number from 1 to 65535, got '.*'\n$/, port);
      assert.ok(!fs.existsSync(mark), port);
    }
  });

  it('turns a Playwright error (ANSI colours, call log) into one plain line', async () => {
    const esc = String.fromCharCode(27);
    const message = `locator.waitFor: Timeout 60000ms exceeded.\nCall log:\n  ${esc}[2m- waiting for locator('.activitybar')${esc}[22m\n`;
    const r = await run(['-e', `console.log(JSON.stringify(require(${JSON.stringify(HOST_LIB)}).oneLine(new Error(${JSON.stringify(`${esc}[31m${message}`)}))))`], env);
    assert.strictEqual(JSON.parse(r.stdout), 'locator.waitFor: Timeout 60000ms exceeded.');
  });

  describe('hostLib.startServer', function () {
    // Generous start-up timeouts: on 2 busy shared cores a stub can take seconds to start. The
    // cases that must time out wait the shorter one.
    this.timeout(40000);

    /** Starts the stub through startServer in a child process; prints what came of it as JSON. */
    async function startStub(mode: string, port: number, startTimeoutMs = 15000): Promise<{ ok?: boolean; name?: string; message?: string; port?: number; newRuns?: string[] }> {
      const driver = `
        const h = require(${JSON.stringify(HOST_LIB)});
        const fs = require('fs'), path = require('path');
        const runs = () => fs.existsSync(path.join(h.HOST_DIR, 'runs')) ? fs.readdirSync(path.join(h.HOST_DIR, 'runs')) : [];
        const before = runs();
        h.startServer({ csHome: h.ensureHost(), port: ${port}, startTimeoutMs: ${startTimeoutMs} }).then(
          async s => { await s.discard(); console.log(JSON.stringify({ ok: true })); process.exit(0); },
          e => { console.log(JSON.stringify({ name: e.constructor.name, message: e.message, port: e.port, newRuns: runs().filter(r => !before.includes(r)) })); process.exit(0); });`;
      const r = await run(['-e', driver], { ...env, STUB_MODE: mode });
      assert.strictEqual(r.code, 0, r.stderr);
      return JSON.parse(r.stdout);
    }

    it('accepts a server that is its own child and answers /healthz as code-server', async () => {
      assert.deepStrictEqual(await startStub('codeserver', await freePort()), { ok: true });
    });

    it('refuses a taken port before it spawns anything', async () => {
      const r = await startStub('mark', taken);
      assert.strictEqual(r.name, 'PortInUseError');
      assert.strictEqual(r.port, taken);
      assert.ok(!fs.existsSync(mark), 'the server stub was started');
    });

    it('reports a port lost after the check (the child exits with EADDRINUSE) as in use, and leaves no run folder', async () => {
      const port = await freePort();
      const r = await startStub('eaddrinuse', port);
      assert.strictEqual(r.name, 'PortInUseError', r.message);
      assert.strictEqual(r.port, port);
      assert.deepStrictEqual(r.newRuns, []);
    });

    it('refuses a server whose /healthz is not code-server\'s', async () => {
      const r = await startStub('other', await freePort(), 6000);
      assert.strictEqual(r.name, 'Error');
      assert.match(r.message!, /^something other than code-server answers on 127\.0\.0\.1:\d+; see .*server\.log$/);
    });

    it('refuses a code-server answer when its own child never said it listens there', async () => {
      const r = await startStub('unannounced', await freePort(), 6000);
      assert.strictEqual(r.name, 'Error');
      assert.match(r.message!, /^a code-server that did not say it listens on 127\.0\.0\.1:\d+ answers there; see /);
    });
  });
});

describe('test runner output', () => {
  it('drops routine host start-up lines and keeps the suite\'s report and host trouble', async () => {
    const lines = [
      'Updating additional builtin extensions cache',
      '[Service Worker] registered',
      'ChatSessionStore: Migrating 0 chat sessions from storage service to file system',
      'Resolving connection token (127.0.0.1:4000)...',
      'getaddrinfo ENOTFOUND open-vsx.org',
      '[paper-lens tests] running in VS Code 1.100.3 (code-server, web UI)',
      '    ✔ activates and registers every command it contributes (1027ms)',
      'Extension host (Remote) is unresponsive.',
      '  1) paper commands from the palette (the real picker)',
    ];
    const script = `const h = require(${JSON.stringify(HOST_LIB)}); console.log(JSON.stringify(${JSON.stringify(lines)}.filter(l => !h.isHostNoise(l))));`;
    const r = await run(['-e', script], {});
    assert.deepStrictEqual(JSON.parse(r.stdout), lines.slice(5));
  });
});
