// Whether a run gives the outcome its script promises (the Test Explorer's pass/fail). Pure.
//
//   # outcome: pass                    → no error and no warning
//   # outcome: error ID at LINE        → exactly these errors/warnings (one header line each;
//   # outcome: warning ID at LINE        LINE is 1-based), no others
//   (no header)                        → no error (warnings are allowed)
import type { RunResult } from './trace';

type Diagnostic = RunResult['diagnostics'][number];

export interface ExpectedDiagnostic {
  readonly severity: 'error' | 'warning';
  readonly id: string;
  /** 1-based script line the diagnostic must be on. */
  readonly line: number;
  /** 0-based line of the `# outcome:` header that states it. */
  readonly headerLine: number;
}

export type OutcomeHeader =
  | { readonly kind: 'none' }
  | { readonly kind: 'pass' }
  | { readonly kind: 'diagnostics'; readonly expected: readonly ExpectedDiagnostic[] }
  /** A header line that says neither `pass` nor `error|warning ID at LINE`. */
  | { readonly kind: 'unreadable'; readonly headerLine: number; readonly text: string };

export interface OutcomeVerdict {
  readonly passed: boolean;
  /** What the header promises, one line per diagnostic: `pass`, `error X at 12`, `no errors`. */
  readonly expected: string;
  /** What the run gave, in the same words. */
  readonly actual: string;
  /** Diagnostics that break the promise (on their own ranges). */
  readonly unexpected: readonly Diagnostic[];
  /** Promised diagnostics the run did not report. */
  readonly missing: readonly ExpectedDiagnostic[];
  /** Set when the header itself cannot be read. */
  readonly unreadable?: { readonly headerLine: number; readonly text: string };
}

const HEADER = /^\s*#\s*outcome:(.*)$/i;
const EXPECTED = /^(error|warning)\s+(\S+)\s+at\s+(\d+)$/i;

export function readOutcomeHeader(source: string): OutcomeHeader {
  const expected: ExpectedDiagnostic[] = [];
  let pass = false;
  const lines = source.split(/\r\n|\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    const m = HEADER.exec(lines[i] ?? '');
    if (!m) continue;
    const text = (m[1] ?? '').trim();
    if (text.toLowerCase() === 'pass') {
      pass = true;
      continue;
    }
    const e = EXPECTED.exec(text);
    if (!e) return { kind: 'unreadable', headerLine: i, text };
    const severity = (e[1] ?? '').toLowerCase() === 'warning' ? 'warning' : 'error';
    expected.push({ severity, id: e[2] ?? '', line: Number(e[3]), headerLine: i });
  }
  if (expected.length > 0) return { kind: 'diagnostics', expected };
  return pass ? { kind: 'pass' } : { kind: 'none' };
}

export function evaluateOutcome(source: string, result: Pick<RunResult, 'diagnostics'>): OutcomeVerdict {
  const header = readOutcomeHeader(source);
  const problems = result.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
  const actual = problems.length === 0 ? 'pass' : problems.map(describe).join('\n');
  switch (header.kind) {
    case 'unreadable':
      return { passed: false, expected: header.text, actual, unexpected: [], missing: [], unreadable: { headerLine: header.headerLine, text: header.text } };
    case 'none': {
      const errors = problems.filter((d) => d.severity === 'error');
      return { passed: errors.length === 0, expected: 'no errors', actual, unexpected: errors, missing: [] };
    }
    case 'pass':
      return { passed: problems.length === 0, expected: 'pass', actual, unexpected: problems, missing: [] };
    case 'diagnostics': {
      const missing = [...header.expected];
      const unexpected: Diagnostic[] = [];
      for (const d of problems) {
        const at = missing.findIndex((e) => e.severity === d.severity && e.id === d.id && e.line === d.range.start.line + 1);
        if (at >= 0) missing.splice(at, 1);
        else unexpected.push(d);
      }
      const expected = header.expected.map((e) => `${e.severity} ${e.id} at ${e.line}`).join('\n');
      return { passed: missing.length === 0 && unexpected.length === 0, expected, actual, unexpected, missing };
    }
  }
}

/** `error TCP-SYN-CONSUMES-SEQ at 12`, as outcome headers say it. */
function describe(d: Diagnostic): string {
  return `${d.severity} ${d.id} at ${d.range.start.line + 1}`;
}
