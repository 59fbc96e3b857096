// Every script in ../shared/spec/examples gives exactly the outcome in its header
// (`# outcome: pass`, or `# outcome: error ID at LINE`): no other error or warning.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { runScript } from '../../src/runner/index';
import { contractExamples } from '../support/paths';

/** Examples a later capability delivers, each naming it. Everything else must pass now. */
export const PENDING: Readonly<Record<string, string>> = {};

interface Outcome {
  readonly severity: 'error' | 'warning';
  readonly id: string;
  readonly line: number;
}

export function expectedOutcomes(source: string): Outcome[] | 'pass' {
  const out: Outcome[] = [];
  for (const m of source.matchAll(/^# outcome: (.*)$/gm)) {
    const text = m[1]!.trim();
    if (text === 'pass') return 'pass';
    const o = /^(error|warning) (\S+) at (\d+)$/.exec(text);
    if (!o) throw new Error(`unreadable outcome header: ${text}`);
    out.push({ severity: o[1] as 'error' | 'warning', id: o[2]!, line: Number(o[3]) });
  }
  if (out.length === 0) throw new Error('no outcome header');
  return out;
}

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
      const expected = expectedOutcomes(source);
      const result = runScript(source, { fileName: file });
      const got = result.diagnostics
        .filter((d) => d.severity === 'error' || d.severity === 'warning')
        .map((d) => `${d.severity} ${d.id} at ${d.range.start.line + 1}: ${d.message}`);
      if (expected === 'pass') {
        assert.deepEqual(got, [], `${file} should pass`);
      } else {
        const want = expected.map((o) => `${o.severity} ${o.id} at ${o.line}`);
        assert.deepEqual(got.map((g) => g.replace(/:.*$/, '')), want);
      }
    });
  }
});
