// Fuzzing the runner: it never throws, its diagnostics lie inside the document, every run ends
// (within small limits) and the same input gives the same result.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { runScript } from '../../src/runner/index';
import { grammarScript, mutatedExample, anyScript } from './arbitraries';
import { FUZZ_LIMITS, runnerProperty } from './properties';
import { FUZZ_SEED, runs } from './settings';

const HEADER = 'seed 3\nendpoint client 10.0.0.1:49152\nendpoint server 10.0.0.2:80\nendpoint attacker 198.51.100.7:6000 raw\n';

describe('fuzz: runner', () => {
  it('grammar-generated scripts', () => {
    fc.assert(fc.property(grammarScript, (s) => void runnerProperty(s)), { seed: FUZZ_SEED, numRuns: runs(400) });
  });

  it('mutated examples', () => {
    fc.assert(fc.property(mutatedExample, (s) => void runnerProperty(s)), { seed: FUZZ_SEED, numRuns: runs(300) });
  });

  it('any script, another seed', () => {
    fc.assert(fc.property(anyScript, (s) => void runnerProperty(s)), { seed: FUZZ_SEED + 1, numRuns: runs(200) });
  });

  describe('a run that would go on and on stops at a limit with a LIMIT diagnostic', () => {
    const cases: [string, string][] = [
      ['a huge repeat', `${HEADER}repeat 1000000 attacker -> server SYN from 198.51.100.*:*`],
      ['a repeat count beyond 2^53', `${HEADER}repeat 99999999999999999999 wait 1ms`],
      ['a very long wait', `${HEADER}server listen\nwait 1000000h`],
      ['SYN retries forever (tcp_syn_retries huge) and a long wait', `${HEADER}set client tcp_syn_retries 1000000\nclient connect 10.0.0.9:1\nwait 100h`],
      ['a flood of packets', `${HEADER}server listen\nrepeat 100000 attacker -> server SYN from 198.51.100.*:*`],
      ['a bulk transfer the receiver keeps reading', `${HEADER}server listen\nclient connect server\nserver accept\nignore * -> *\nrepeat 100000 client send 64KB\nrepeat 100000 server recv`],
    ];
    for (const [name, script] of cases) {
      it(name, () => {
        const result = runScript(script, { limits: FUZZ_LIMITS });
        const limit = result.diagnostics.find((d) => d.id === 'LIMIT');
        assert.ok(limit, `no LIMIT diagnostic; got ${result.diagnostics.map((d) => d.id).join(', ') || 'none'}`);
        runnerProperty(script);
      });
    }
  });
});
