// Every script in ../shared/spec/examples gives exactly the outcome in its header
// (`# outcome: pass`, or `# outcome: error ID at LINE`): no other error or warning. The header is
// read by the same code the Test Explorer uses (src/runner/outcome.ts).
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { evaluateOutcome } from '../../src/runner/outcome';
import { runScript } from '../../src/runner/index';
import { contractExamples } from '../support/paths';

/** Examples a later capability delivers, each naming it. Everything else must pass now. */
export const PENDING: Readonly<Record<string, string>> = {};

describe('contract examples (../shared/spec/examples)', () => {
  const files = readdirSync(contractExamples).filter((f) => f.endsWith('.tcpflow')).sort();

  it('finds the contract examples', () => {
    assert.ok(files.length >= 11, `only ${files.length} examples in ${contractExamples}`);
  });

  for (const file of files) {
    const pending = PENDING[file];
    const test = pending ? it.skip : it;
    test(`${file} gives the outcome in its header${pending ? ` (pending: ${pending})` : ''}`, () => {
      const source = readFileSync(path.join(contractExamples, file), 'utf8');
      const verdict = evaluateOutcome(source, runScript(source, { fileName: file }));
      assert.ok(verdict.passed, `${file}: the header promises\n${verdict.expected}\nthe run gave\n${verdict.actual}`);
    });
  }
});
