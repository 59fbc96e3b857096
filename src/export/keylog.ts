// Trace → TLS key log (NSS key log format, one `LABEL client_random secret` line per secret),
// which Wireshark reads to decrypt. Secrets come from `RunResult.keylog`, which the TLS engine
// fills for every connection (empty for a run without TLS).
import type { RunResult } from '../runner/trace';

/** A run result that may carry the TLS engine's key log lines. */
export type WithKeylog = RunResult;

export function toKeylog(result: WithKeylog): string {
  return (result.keylog ?? []).map((l) => `${l}\n`).join('');
}
