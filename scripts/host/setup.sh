#!/usr/bin/env bash
# Prepare the offline VS Code host used by `npm test` and `npm start`.
#
# These machines reach only the npm registry and Debian's packages, so @vscode/test-electron cannot
# download VS Code. Instead we install the npm package `code-server` (a real VS Code build: server,
# web workbench and Node extension host) and open it in headless Debian Chromium via playwright-core.
# Everything goes into $PAPER_LENS_HOST_DIR (default: <project>/.vscode-test/offline, git-ignored).
#
# Idempotent: about 1-2 min from scratch (npm download, native modules built from source: 68 s on
# the 2-core dev machine), a few seconds when present (ensureHost does not call it then at all).
set -euo pipefail

PROJECT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HOST_DIR="${PAPER_LENS_HOST_DIR:-$PROJECT_DIR/.vscode-test/offline}"
# code-server 4.100.x (VS Code 1.100.3) is the last line whose engines.node is 20; newer lines need
# Node 22/24. Keep engines.vscode in package.json at or below this VS Code version.
CS_VERSION="4.100.3"
# @vscode/ripgrep version that this VS Code pins, and the release asset its postinstall fetches.
RG_PKG_VERSION="1.15.11"
RG_ASSET="ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"

T0=$(date +%s)
say() { echo "[host-setup +$(( $(date +%s) - T0 ))s] $*"; }
die() { echo "[host-setup] ERROR: $*" >&2; exit 1; }

node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" = "20" ] || die "code-server $CS_VERSION needs Node 20 (found $(node -v)). Install Node 20, or on a machine that can download VS Code use 'npm run test:electron'."

# 1. System packages: the browser, ripgrep for VS Code's search, headers and tools for native modules.
need=()
for p in chromium ripgrep libkrb5-dev g++ make pkg-config python3; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    say "apt-get install ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    die "missing system packages: ${need[*]}. Install them with: sudo apt-get install -y ${need[*]}"
  fi
else
  say "system packages present"
fi

# 2. code-server.
CS_DIR="$HOST_DIR/code-server-$CS_VERSION"
CS_HOME="$CS_DIR/node_modules/code-server"
cs_ok() {
  [ -f "$CS_HOME/out/node/entry.js" ] &&
  [ -x "$CS_HOME/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ] &&
  [ -f "$CS_HOME/lib/vscode/node_modules/node-pty/build/Release/pty.node" ] &&
  [ -f "$CS_HOME/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node" ] &&
  [ "$(node -p "require('$CS_HOME/package.json').version" 2>/dev/null)" = "$CS_VERSION" ]
}
if cs_ok; then
  say "code-server $CS_VERSION present"
else
  say "installing code-server $CS_VERSION (about 1-2 minutes: download, native modules built from source)"
  TMPD="$HOST_DIR/tmp"
  # @vscode/ripgrep's postinstall downloads rg from GitHub unless it finds the release asset in
  # $TMPDIR/vscode-ripgrep-cache-<version>/: hand it Debian's rg in that shape.
  mkdir -p "$TMPD/vscode-ripgrep-cache-$RG_PKG_VERSION"
  if [ ! -s "$TMPD/vscode-ripgrep-cache-$RG_PKG_VERSION/$RG_ASSET" ]; then
    d=$(mktemp -d "$TMPD/rg.XXXX"); cp "$(command -v rg)" "$d/rg"
    tar czf "$TMPD/vscode-ripgrep-cache-$RG_PKG_VERSION/$RG_ASSET" -C "$d" rg; rm -rf "$d"
  fi
  rm -rf "$CS_DIR"; mkdir -p "$CS_DIR"
  echo '{"name":"paper-lens-offline-host","private":true}' > "$CS_DIR/package.json"
  # npm_config_unsafe_perm: code-server's postinstall refuses to run as root otherwise.
  # npm_config_yes: node-pty's postinstall runs `npx node-gyp`, which aborts on a prompt otherwise.
  # npm_config_dangerously_allow_all_scripts: npm >= 11.x skips dependency install scripts unless
  #   allowed; code-server's native modules are built by exactly those scripts. This folder holds
  #   only the host, never project code.
  if ! ( cd "$CS_DIR" && TMPDIR="$TMPD" npm_config_unsafe_perm=true npm_config_yes=true \
        npm_config_dangerously_allow_all_scripts=true \
        npm install "code-server@$CS_VERSION" --no-audit --no-fund --foreground-scripts \
        > "$HOST_DIR/code-server-install.log" 2>&1 ); then
    tail -40 "$HOST_DIR/code-server-install.log"
    die "npm install code-server@$CS_VERSION failed; full log: $HOST_DIR/code-server-install.log"
  fi
  cs_ok || die "code-server install incomplete; see $HOST_DIR/code-server-install.log"
fi

# 3. The driver (playwright-core) is a devDependency of the project: make sure npm ci ran.
[ -f "$PROJECT_DIR/node_modules/playwright-core/package.json" ] ||
  die "playwright-core is missing: run 'npm ci' in $PROJECT_DIR first"

echo "$CS_HOME" > "$HOST_DIR/code-server-home"
say "ready: VS Code $(node -p "require('$CS_HOME/lib/vscode/package.json').version") (code-server $CS_VERSION), $(/usr/bin/chromium --version 2>/dev/null | head -1 | cut -d' ' -f1-2)"
