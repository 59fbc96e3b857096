// What the runner tests compare: every error and warning of a run as `ID@line` (1-based lines).
import type { RunResult } from '../../src/runner/trace';

export function problems(r: RunResult): string[] {
  return r.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning').map((d) => `${d.id}@${d.range.start.line + 1}`);
}
