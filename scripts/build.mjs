// Bundles the programs with esbuild: the extension (VS Code host), the language server and its
// run worker (dist/run-worker.js, which the server loads from its own folder), the OpenSSL worker
// of `peer openssl` (dist/openssl-worker.js),
// the CLI (Node), and the panel script (browser). `--production` minifies and drops source maps.
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';

const production = process.argv.includes('--production');
const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'warning', target: 'es2022' };

await Promise.all([
  build({ ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', external: ['vscode'] }),
  build({ ...common, entryPoints: ['src/server/server.ts'], outfile: 'dist/server.js', platform: 'node', format: 'cjs' }),
  build({ ...common, entryPoints: ['src/server/run-worker.ts'], outfile: 'dist/run-worker.js', platform: 'node', format: 'cjs' }),
  build({ ...common, entryPoints: ['src/cli/cli.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', banner: { js: '#!/usr/bin/env node' } }),
  // `peer openssl`: node:tls in a worker thread, found beside the bundles at run time.
  build({ ...common, entryPoints: ['src/runner/openssl/worker.ts'], outfile: 'dist/openssl-worker.js', platform: 'node', format: 'cjs' }),
  build({ ...common, entryPoints: ['src/webview/panel.ts'], outfile: 'media/panel.js', platform: 'browser', format: 'iife' }),
]);
chmodSync('dist/cli.js', 0o755);
