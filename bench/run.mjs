// `node bench/run.mjs server [DIST]`: bundles and runs only bench/server.ts (the language server
// over stdio against a built dist/; see there).
// `npm run bench`: bundles the bench (bench/bench.ts, everything bundled but the Chromium
// driver) and the panel bench (bench/panel.ts with test/webview/harness.ts, whose repoRoot is
// computed from __dirname as if compiled to out/test/webview), then runs it.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'es2022', logLevel: 'warning', absWorkingDir: root };
if (process.argv[2] === 'server') {
  await build({ ...common, entryPoints: ['bench/server.ts'], outfile: 'out/bench/server.js' });
  const r = spawnSync(process.execPath, ['out/bench/server.js', ...process.argv.slice(3)], { cwd: root, stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
await build({ ...common, entryPoints: ['bench/bench.ts'], outfile: 'out/bench/bench.js' });
await build({
  ...common,
  entryPoints: ['bench/panel.ts'],
  outfile: 'out/bench/panel.js',
  packages: 'external',
  define: { __dirname: JSON.stringify(join(root, 'out/test/webview')) },
});
const r = spawnSync(process.execPath, ['out/bench/bench.js', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
