// A run that throws is a bug in tcpflow, not in the user's script: it becomes one diagnostic
// on line 1 asking to report it, and the server keeps serving.
import type { Diagnostic } from '../language/diagnostics/diagnostic';
import { makeDiagnostic } from '../language/diagnostics/make';
import type { RunResult } from '../runner/trace';
import { emptyRun } from '../runner/index';

export function internalErrorDiagnostic(error: unknown, firstLineLength: number): Diagnostic {
  const detail = error instanceof Error ? error.message : String(error);
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: Math.max(firstLineLength, 1) } };
  return makeDiagnostic('INTERNAL-ERROR', range, { detail });
}

/** An empty run carrying only the internal-error diagnostic. */
export function internalErrorResult(error: unknown, source: string): RunResult {
  const firstLine = source.split(/\r?\n/, 1)[0] ?? '';
  return emptyRun([internalErrorDiagnostic(error, firstLine.length)]);
}
