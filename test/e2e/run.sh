#!/usr/bin/env bash
# End-to-end test of tcpflow.vsix in a REAL VS Code (code-server 4.100.3 = VS Code 1.100.3),
# driven by Debian's Chromium through playwright-core. Adapted from
# /work/shared/recipes/vscode-e2e/run-e2e.sh.
#
#   npm run package && bash test/e2e/run.sh
#
# Env: VSIX (default ./tcpflow.vsix), PORT (default: a free port), E2E_CACHE (default
# ./.vscode-e2e: the code-server install, kept between runs), E2E_OUT (default
# ./test-results/e2e: screenshots + e2e-result.json).
# Prints `N passed, M failed`; exit code 0 only if every check passed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
H="${E2E_CACHE:-$ROOT/.vscode-e2e}"
OUT="${E2E_OUT:-$ROOT/test-results/e2e}"
VSIX="${VSIX:-$ROOT/tcpflow.vsix}"
CS_VERSION=4.100.3
RUN_T0_MS=$(date +%s%3N)
step() { echo "=== [e2e $(( ($(date +%s%3N) - RUN_T0_MS) / 1000 ))s] $*"; }
mkdir -p "$H" "$OUT"
rm -f "$OUT"/*.png "$OUT"/e2e-result.json

# npm here: yes=false in ~/.npmrc would make npx refuse (node-pty's install runs `npx node-gyp`).
export npm_config_yes=true npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

step "1. Debian packages: chromium, libkrb5-dev pkg-config g++ make python3 (native modules), ripgrep"
need=""
for p in chromium libkrb5-dev pkg-config ripgrep g++ make python3; do dpkg -s "$p" >/dev/null 2>&1 || need="$need $p"; done
if [ -n "$need" ]; then
  if [ "$(id -u)" != 0 ]; then echo "missing Debian packages:$need (run as root or install them)"; exit 1; fi
  echo "apt-get install$need"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null
fi

CS="$H/cs/node_modules/.bin/code-server"
if [ ! -x "$CS" ] || ! "$CS" --version 2>/dev/null | grep -q "^$CS_VERSION "; then
  step "2. seed @vscode/ripgrep's download cache with Debian's rg (its postinstall would fetch from GitHub)"
  RG_CACHE="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-1.15.11"
  mkdir -p "$RG_CACHE"; tmp=$(mktemp -d); cp "$(command -v rg)" "$tmp/rg"
  tar czf "$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$tmp" rg; rm -rf "$tmp"
  step "3. npm: code-server@$CS_VERSION into $H/cs (once; builds native modules, ~1-2 min)"
  rm -rf "$H/cs"; mkdir -p "$H/cs"; (cd "$H/cs" && npm init -y >/dev/null)
  (cd "$H/cs" && npm_config_unsafe_perm=true npm install "code-server@$CS_VERSION" --foreground-scripts > "$H/cs-install.log" 2>&1) \
    || { tail -40 "$H/cs-install.log"; echo "code-server install FAILED (log: $H/cs-install.log)"; exit 1; }
else
  step "2-3. code-server $CS_VERSION already installed in $H/cs"
fi

[ -f "$VSIX" ] || { echo "no $VSIX: run 'npm run package' first"; exit 1; }

step "4. workspace with handshake-mistake.tcpflow"
WS="$(mktemp -d "${TMPDIR:-/tmp}/tcpflow-e2e-ws.XXXXXX")"
cat > "$WS/handshake-mistake.tcpflow" <<'TCPFLOW'
# A stack-endpoint handshake with one mistake: the SYN,ACK acknowledges x+2.
flow "Handshake mistake"
seed 1
endpoint client 10.0.0.1:49152
endpoint server 10.0.0.2:80
link client server delay 10ms

server listen
expect server LISTEN
client connect server
expect client SYN_SENT
client -> server SYN seq=x
expect server SYN_RCVD
server -> client SYN,ACK seq=y ack=x+2
expect client ESTABLISHED
client -> server ACK seq=x+1 ack=y+1
expect server ESTABLISHED
TCPFLOW

step "5. install $(basename "$VSIX") into an isolated code-server profile"
DATA="$H/data"
rm -rf "$DATA/user" "$DATA/ext"; mkdir -p "$DATA/user/User" "$DATA/ext"
cat > "$DATA/user/User/settings.json" <<'JSON'
{ "workbench.startupEditor": "none", "editor.inlayHints.enabled": "off", "security.workspace.trust.enabled": false, "telemetry.telemetryLevel": "off",
  "update.mode": "none", "extensions.autoCheckUpdates": false, "extensions.autoUpdate": false,
  "workbench.tips.enabled": false, "workbench.enableExperiments": false, "chat.commandCenter.enabled": false,
  "editor.codeLens": true, "editor.hover.delay": 200 }
JSON
CSARGS=(--config "$DATA/config.yaml" --user-data-dir "$DATA/user" --extensions-dir "$DATA/ext")
"$CS" "${CSARGS[@]}" --install-extension "$VSIX" 2>&1 | grep -v '^\[' || true
ls "$DATA/ext" | grep -q '^tcpflow\.tcpflow-' || { echo "the extension did not install"; exit 1; }

PORT="${PORT:-$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')}"
step "6. start code-server on 127.0.0.1:$PORT (no auth)"
SERVER_T0_MS=$(date +%s%3N)
setsid "$CS" "${CSARGS[@]}" --bind-addr "127.0.0.1:$PORT" --auth none --disable-telemetry --disable-update-check \
  --disable-workspace-trust --disable-getting-started-override --ignore-last-opened "$WS" > "$OUT/server.log" 2>&1 < /dev/null &
SERVER_PID=$!
stop_server() { # only what this script started: code-server's own process group (setsid made it the leader)
  kill -TERM -- "-$SERVER_PID" 2>/dev/null || true
  sleep 1
  kill -KILL -- "-$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  rm -rf "$WS"
}
trap stop_server EXIT
for _ in $(seq 1 300); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && break; sleep 0.1; done
echo "server answering after $(( $(date +%s%3N) - SERVER_T0_MS )) ms"

step "7. Playwright + Chromium: highlighting, language mode, squiggle, Problems, hover, CodeLens, panel"
rc=0
SERVER_T0_MS=$SERVER_T0_MS RUN_T0_MS=$RUN_T0_MS node "$ROOT/test/e2e/e2e.js" "http://127.0.0.1:$PORT" "$WS" "$OUT" || rc=$?
# The extension host's log, for diagnosing a failure.
find "$DATA/user/logs" \( -name 'remoteexthost.log' -o -name 'TCP Flow Language Server.log' \) 2>/dev/null | while read -r f; do cp "$f" "$OUT/" 2>/dev/null || true; done
step "done, rc=$rc; screenshots and e2e-result.json in $OUT"
exit $rc
