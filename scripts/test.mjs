#!/usr/bin/env node
// `npm test`: everything a change must pass, in order, from a fresh clone:
//   1. build (esbuild)            2. typecheck (extension/server/cli + panel)
//   3. unit tests (tsc + mocha)   4. package tcpflow.vsix      5. end-to-end in a real VS Code
// Set TCPFLOW_SKIP_E2E=1 to skip step 5. Missing Debian packages (chromium for the panel tests;
// tshark and tcpdump for the interop tests; libkrb5-dev pkg-config ripgrep g++ make python3 for
// the e2e's code-server) are installed with
// apt-get when running as root. Every step runs even if an earlier one failed (so one run shows
// every problem); the exit code is non-zero if any failed. The last line is `N passed, M failed`
// over mocha tests and e2e checks.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const skipE2e = process.env.TCPFLOW_SKIP_E2E === '1';
const t0 = Date.now();
const steps = [];
const counts = { passed: 0, failed: 0 };

/** Runs a command in the repo, echoing its output as it comes; resolves to its exit code and output. */
function run(command, args, env = {}) {
  console.log(`$ ${[command, ...args].join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let output = '';
    const take = (stream) => (chunk) => {
      output += chunk.toString();
      stream.write(chunk);
    };
    child.stdout.on('data', take(process.stdout));
    child.stderr.on('data', take(process.stderr));
    child.on('error', (error) => resolve({ code: 127, output: output + String(error) }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
  });
}

async function step(title, body) {
  const started = Date.now();
  console.log(`\n=== ${title}`);
  let ok;
  try {
    ok = await body();
  } catch (error) {
    console.error(error);
    ok = false;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  steps.push({ title, ok, seconds });
  console.log(`=== ${ok ? 'ok' : 'FAILED'}: ${title} (${seconds}s)`);
}

function ensureDebianPackages(packages) {
  const missing = packages.filter((p) => spawnSync('dpkg', ['-s', p], { stdio: 'ignore' }).status !== 0);
  if (missing.length === 0) return true;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.log(`missing Debian packages (not root, so not installing): ${missing.join(' ')}`);
    return false;
  }
  if (!ensureDebianPackages.updated) {
    console.log('$ apt-get update');
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    ensureDebianPackages.updated = true;
  }
  // tshark asks whether non-root users may capture: answer no, without a prompt.
  spawnSync('sh', ['-c', 'echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections'], { stdio: 'inherit' });
  console.log(`$ apt-get install -y ${missing.join(' ')}`);
  const r = spawnSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return r.status === 0;
}

await step('0. Debian packages', () => {
  // chromium: the panel tests; tshark + tcpdump: the interop tests (Wireshark's reading of our
  // exports, real loopback captures); the rest builds code-server for the e2e.
  const needed = ['chromium', 'tshark', 'tcpdump', ...(skipE2e ? [] : ['libkrb5-dev', 'pkg-config', 'ripgrep', 'g++', 'make', 'python3'])];
  return ensureDebianPackages(needed);
});

await step('1. build', async () => (await run(process.execPath, ['scripts/build.mjs'])).code === 0);

await step('2. typecheck', async () => {
  const main = await run(bin('tsc'), ['-p', '.', '--noEmit']);
  const webviewConfig = 'src/webview/tsconfig.json';
  if (!existsSync(path.join(root, webviewConfig))) {
    console.log(`${webviewConfig} does not exist`);
    return false;
  }
  const webview = await run(bin('tsc'), ['-p', webviewConfig, '--noEmit']);
  return main.code === 0 && webview.code === 0;
});

await step('3. unit tests (tsc -p tsconfig.test.json + mocha)', async () => {
  const compiled = await run(bin('tsc'), ['-p', 'tsconfig.test.json']);
  const mocha = await run(bin('mocha'), []);
  const passing = Number(/(\d+) passing/.exec(mocha.output)?.[1] ?? 0);
  const failing = Number(/(\d+) failing/.exec(mocha.output)?.[1] ?? 0);
  counts.passed += passing;
  // A mocha that died before reporting still counts as a failure.
  counts.failed += failing || (mocha.code !== 0 ? 1 : 0);
  return compiled.code === 0 && mocha.code === 0;
});

await step('4. package tcpflow.vsix', async () => (await run('npm', ['run', '--silent', 'package'])).code === 0);

if (skipE2e) {
  console.log('\n=== 5. end-to-end: skipped (TCPFLOW_SKIP_E2E=1)');
} else {
  await step('5. end-to-end in VS Code (test/e2e/run.sh)', async () => {
    const e2e = await run('bash', ['test/e2e/run.sh']);
    const tally = [...e2e.output.matchAll(/^(\d+) passed, (\d+) failed$/gm)].pop();
    counts.passed += Number(tally?.[1] ?? 0);
    counts.failed += tally ? Number(tally[2]) : e2e.code !== 0 ? 1 : 0;
    return e2e.code === 0;
  });
}

console.log('\n=== summary');
for (const s of steps) console.log(`${s.ok ? 'ok    ' : 'FAILED'} ${s.title} (${s.seconds}s)`);
console.log(`total ${((Date.now() - t0) / 1000).toFixed(0)}s`);
console.log(`${counts.passed} passed, ${counts.failed} failed`);
process.exit(steps.every((s) => s.ok) ? 0 : 1);
