// Lists every difference between the engine and the kernel captures, including timing
// differences below the test's 60 ms tolerance (base tolerance 10 ms here), for
// docs/kernel-fidelity.md. Not a test: run it after compiling:
//   npx tsc -p tsconfig.test.json && node out/test/kernel/report.js [scenario ...]
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { runScript } from '../../src/runner/index';
import { repoRoot } from '../support/paths';
import { compare, summarizeEngine, type KernelFixture } from './compare';

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'kernel');
const wanted = process.argv.slice(2);
const names = readdirSync(fixtures)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -'.json'.length))
  .filter((n) => wanted.length === 0 || wanted.includes(n))
  .sort();
for (const name of names) {
  const fx = JSON.parse(readFileSync(path.join(fixtures, `${name}.json`), 'utf8')) as KernelFixture;
  const result = runScript(readFileSync(path.join(fixtures, `${name}.tcpflow`), 'utf8'), { fileName: `${name}.tcpflow` });
  const engine = summarizeEngine(result, fx.addresses.server);
  const diffs = compare(fx.packets, engine, fx.hz, { allWindows: true, baseTolerance: 0.01 });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  console.log(`## ${name}: ${diffs.length} difference(s)${errors.length ? `, ${errors.length} script error(s)` : ''}`);
  for (const e of errors) console.log(`  script line ${e.range.start.line + 1}: ${e.id} ${e.message}`);
  for (const d of diffs) console.log(`  packet ${d.index} ${d.field}: kernel ${d.kernel} | engine ${d.engine}`);
}
