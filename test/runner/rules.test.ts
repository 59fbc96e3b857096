// Every TCP rule of tcp-rules.md §4 (the diagnostics table's TCP-* ids): a script that breaks
// it gets that diagnostic, in English and Chinese with its RFC section, and the same script
// written right gets none. A rule with no case fails the coverage test.
import * as assert from 'node:assert/strict';
import { DIAGNOSTICS, type DiagnosticEntry } from '../../src/language/diagnostics/table';
import { runScript } from '../../src/runner/index';
import type { RuleCase } from './rule-case';
import { CLOSE_CASES } from './rule-cases-close';
import { EMIT_CASES } from './rule-cases-emit';
import { REACT_CASES } from './rule-cases-react';
import { problems } from '../support/problems';

const CASES: readonly RuleCase[] = [...REACT_CASES, ...EMIT_CASES, ...CLOSE_CASES];

/**
 * Rules with no case yet, each with why. The coverage test fails if a rule is missing from
 * both, or listed here although it has a case.
 */
const NOT_YET: Readonly<Record<string, string>> = {};

describe('TCP rules (tcp-rules.md §4): each triggered by a mistake, silent on the correct script', () => {
  for (const c of CASES) {
    describe(c.id, () => {
      it('is reported where the script gets it wrong', () => {
        const r = runScript(c.header + c.trigger);
        const hits = r.diagnostics.filter((d) => d.id === c.id);
        assert.ok(hits.length > 0, `${c.id} not reported; got ${problems(r).join(', ') || 'nothing'}`);
        const d = hits[0]!;
        const entry: DiagnosticEntry = DIAGNOSTICS[c.id];
        assert.equal(d.rfc, entry.rfc);
        assert.doesNotMatch(d.message, /\{\w+\}/, `unfilled placeholder in: ${d.message}`);
        assert.doesNotMatch(d.messageZh, /\{\w+\}/, `unfilled placeholder in: ${d.messageZh}`);
        assert.match(d.messageZh, /[\u4e00-\u9fff]/);
        if (c.message) assert.match(d.message, c.message);
      });
      it('is silent when the script is right', () => {
        const r = runScript(c.header + c.clean);
        assert.deepEqual(problems(r), []);
      });
    });
  }
});

describe('TCP rules: coverage', () => {
  it('every TCP rule of the diagnostics table has a trigger and a clean case (or says why not)', () => {
    const tcpIds = Object.keys(DIAGNOSTICS).filter((id) => id.startsWith('TCP-'));
    assert.equal(tcpIds.length, 60, 'tcp-rules.md §4 has 60 rules');
    const covered = new Set<string>(CASES.map((c) => c.id));
    const missing = tcpIds.filter((id) => !covered.has(id) && !(id in NOT_YET));
    assert.deepEqual(missing, [], 'rules with neither a case nor a reason');
    assert.deepEqual(Object.keys(NOT_YET).filter((id) => covered.has(id)), [], 'listed as not yet covered but has a case');
    assert.equal(new Set(CASES.map((c) => c.id)).size, CASES.length, 'one case per rule');
  });
});
