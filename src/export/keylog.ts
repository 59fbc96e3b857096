// Trace → TLS key log (NSS key log format, one `LABEL client_random secret` line per secret),
// which Wireshark reads to decrypt. Secrets come from `RunResult.keylog` once the TLS engine
// records them there; until then the file is empty (the `--keylog` flag already works).
import type { RunResult } from '../runner/trace';

/** A run result that may carry the TLS engine's key log lines. */
export type WithKeylog = RunResult & { readonly keylog?: readonly string[] };

export function toKeylog(result: WithKeylog): string {
  return (result.keylog ?? []).map((l) => `${l}\n`).join('');
}
