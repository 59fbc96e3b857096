// The server's user settings (`tcpflow.*` in VS Code), read from the client when it can answer
// workspace/configuration, otherwise the defaults.

export const DEFAULT_DIAGNOSTICS_DELAY_MS = 150;

/** A valid `tcpflow.diagnostics.delay` value (ms), or the default. */
export function diagnosticsDelay(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.min(value, 10_000) : DEFAULT_DIAGNOSTICS_DELAY_MS;
}
