// The Test Explorer's verdict: a script passes when its run gives the outcome its
// `# outcome:` header promises, and a failure points at the diagnostics that broke it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { evaluateOutcome, readOutcomeHeader } from '../../src/runner/outcome';
import { runScript } from '../../src/runner/index';
import type { RunResult } from '../../src/runner/trace';
import { repoRoot } from '../support/paths';
import { PENDING } from '../examples/examples.test';

type Diagnostic = RunResult['diagnostics'][number];

function diagnostic(severity: Diagnostic['severity'], id: string, line: number): Diagnostic {
  const range = { start: { line: line - 1, character: 4 }, end: { line: line - 1, character: 9 } };
  return { id, severity, range, message: `${id} happened`, messageZh: `发生了 ${id}` };
}

const run = (...diagnostics: Diagnostic[]): Pick<RunResult, 'diagnostics'> => ({ diagnostics });

describe('extension: outcome headers (Test Explorer verdicts)', () => {
  it('reads pass, expected diagnostics, no header and an unreadable header', () => {
    assert.deepEqual(readOutcomeHeader('# outcome: pass\nflow "x"'), { kind: 'pass' });
    assert.deepEqual(readOutcomeHeader('flow "x"\n'), { kind: 'none' });
    assert.deepEqual(readOutcomeHeader('# outcome: error TCP-SYN-CONSUMES-SEQ at 12\n# outcome: warning W at 3\n'), {
      kind: 'diagnostics',
      expected: [
        { severity: 'error', id: 'TCP-SYN-CONSUMES-SEQ', line: 12, headerLine: 0 },
        { severity: 'warning', id: 'W', line: 3, headerLine: 1 },
      ],
    });
    assert.deepEqual(readOutcomeHeader('# comment\n# outcome: fails somehow\n'), { kind: 'unreadable', headerLine: 1, text: 'fails somehow' });
  });

  it('"# outcome: pass" passes with no error or warning, and fails on a warning', () => {
    assert.equal(evaluateOutcome('# outcome: pass\n', run(diagnostic('info', 'I', 2))).passed, true);
    const verdict = evaluateOutcome('# outcome: pass\n', run(diagnostic('warning', 'TCP-W', 5)));
    assert.equal(verdict.passed, false);
    assert.equal(verdict.expected, 'pass');
    assert.equal(verdict.actual, 'warning TCP-W at 5');
    assert.deepEqual(verdict.unexpected.map((d) => d.id), ['TCP-W']);
  });

  it('"# outcome: error ID at LINE" passes with exactly that diagnostic', () => {
    const source = '# outcome: error TCP-SYN-CONSUMES-SEQ at 12\n';
    assert.equal(evaluateOutcome(source, run(diagnostic('error', 'TCP-SYN-CONSUMES-SEQ', 12))).passed, true);
    const wrongLine = evaluateOutcome(source, run(diagnostic('error', 'TCP-SYN-CONSUMES-SEQ', 13)));
    assert.equal(wrongLine.passed, false);
    assert.deepEqual(wrongLine.missing.map((e) => e.line), [12]);
    assert.deepEqual(wrongLine.unexpected.map((d) => d.range.start.line + 1), [13]);
    assert.equal(wrongLine.expected, 'error TCP-SYN-CONSUMES-SEQ at 12');
    assert.equal(wrongLine.actual, 'error TCP-SYN-CONSUMES-SEQ at 13');
    const extra = evaluateOutcome(source, run(diagnostic('error', 'TCP-SYN-CONSUMES-SEQ', 12), diagnostic('warning', 'X', 14)));
    assert.equal(extra.passed, false);
    assert.deepEqual(extra.unexpected.map((d) => d.id), ['X']);
    const none = evaluateOutcome(source, run());
    assert.equal(none.passed, false);
    assert.equal(none.actual, 'pass');
    assert.deepEqual(none.missing.map((e) => e.id), ['TCP-SYN-CONSUMES-SEQ']);
  });

  it('without a header passes when there is no error (warnings allowed)', () => {
    assert.equal(evaluateOutcome('flow "x"\n', run(diagnostic('warning', 'W', 1))).passed, true);
    const verdict = evaluateOutcome('flow "x"\n', run(diagnostic('error', 'E', 1), diagnostic('warning', 'W', 2)));
    assert.equal(verdict.passed, false);
    assert.equal(verdict.expected, 'no errors');
    assert.deepEqual(verdict.unexpected.map((d) => d.id), ['E']);
  });

  it('an unreadable header fails and says where it is', () => {
    const verdict = evaluateOutcome('# outcome: maybe\n', run());
    assert.equal(verdict.passed, false);
    assert.deepEqual(verdict.unreadable, { headerLine: 0, text: 'maybe' });
  });

  it('every bundled example passes its own header when run', () => {
    const dir = path.join(repoRoot, 'examples');
    const pending = new Set(Object.keys(PENDING)); // one list of what a later capability delivers
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.tcpflow') && !pending.has(f))) {
      const source = fs.readFileSync(path.join(dir, file), 'utf8');
      const verdict = evaluateOutcome(source, runScript(source, { fileName: file }));
      assert.ok(verdict.passed, `${file}: expected ${verdict.expected}, got ${verdict.actual}`);
    }
  });

  it('a handshake that acknowledges x+2 fails "# outcome: pass" on the ack= token', () => {
    const source = [
      '# outcome: pass',
      'seed 1',
      'endpoint client 10.0.0.1:49152',
      'endpoint server 10.0.0.2:80',
      'server listen',
      'client connect server',
      'client -> server SYN seq=x',
      'server -> client SYN,ACK seq=y ack=x+2',
    ].join('\n');
    const verdict = evaluateOutcome(source, runScript(source));
    assert.equal(verdict.passed, false);
    const first = verdict.unexpected.find((d) => d.id === 'TCP-SYN-CONSUMES-SEQ');
    assert.ok(first, verdict.actual);
    assert.equal(first.range.start.line, 7);
    assert.equal(source.split('\n')[7]?.slice(first.range.start.character, first.range.end.character), 'ack=x+2');
  });
});
