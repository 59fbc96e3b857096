// Writes docs/diagnostics.md from the diagnostics table (src/language/diagnostics/table.ts).
// Run after compiling:  npx tsc -p tsconfig.test.json && node scripts/gen-diagnostics-doc.mjs
// With --check it writes nothing and exits 1 if the committed doc is out of date.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const compiled = path.join(root, 'out/src/language/diagnostics');
if (!existsSync(path.join(compiled, 'table.js'))) {
  console.error('gen-diagnostics-doc: compile first: npx tsc -p tsconfig.test.json');
  process.exit(2);
}
const require = createRequire(import.meta.url);
const { DIAGNOSTICS } = require(path.join(compiled, 'table.js'));
const { renderDiagnosticsDoc, DIAGNOSTICS_DOC_PATH } = require(path.join(compiled, 'render-doc.js'));

const target = path.join(root, DIAGNOSTICS_DOC_PATH);
const text = renderDiagnosticsDoc(DIAGNOSTICS);
if (process.argv.includes('--check')) {
  const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
  if (current !== text) {
    console.error(`${DIAGNOSTICS_DOC_PATH} is out of date: run node scripts/gen-diagnostics-doc.mjs`);
    process.exit(1);
  }
  console.log(`${DIAGNOSTICS_DOC_PATH} is up to date (${Object.keys(DIAGNOSTICS).length} ids)`);
} else {
  writeFileSync(target, text);
  console.log(`wrote ${DIAGNOSTICS_DOC_PATH} (${Object.keys(DIAGNOSTICS).length} ids)`);
}
