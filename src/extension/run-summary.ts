// What the status bar says about a run: how many errors and warnings, how long it lasted in
// virtual time. Pure (the wording, localized, is in status-bar.ts).
import type { RunResult } from '../runner/trace';

export interface RunSummary {
  readonly errors: number;
  readonly warnings: number;
  /** Virtual seconds, as the status bar prints them: `60.07`. */
  readonly seconds: string;
}

export function summarizeRun(result: Pick<RunResult, 'diagnostics' | 'durationVirtual'>): RunSummary {
  let errors = 0;
  let warnings = 0;
  for (const d of result.diagnostics) {
    if (d.severity === 'error') errors++;
    else if (d.severity === 'warning') warnings++;
  }
  const seconds = Number.isFinite(result.durationVirtual) ? (Math.round(result.durationVirtual * 100) / 100).toFixed(2) : '0.00';
  return { errors, warnings, seconds };
}
