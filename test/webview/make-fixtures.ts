// Writes test/fixtures/traces/run-<example>.json: the RunResult of each contract example
// (examples/01-… to 11-…), as the runner produces it now. Run after the engine or runner changes what a run records:
//   npx tsc -p tsconfig.test.json && node out/test/webview/make-fixtures.js
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './harness';
import { exampleNames, realRun } from './real-traces';

for (const name of exampleNames().filter((n) => /^(0\d|1[01])-/.test(n))) {
  const file = join(repoRoot, 'test/fixtures/traces', `run-${name}.json`);
  writeFileSync(file, `${JSON.stringify(realRun(name), null, 2)}\n`);
  console.log(`wrote ${file}`);
}
