// Which diagnostics belong on an arrow and which go to the problems strip. A diagnostic belongs
// to a packet when it starts on the script line that sent or expected that packet.
import type { Diagnostic, Severity } from '../language/diagnostics/diagnostic';
import type { RunResult } from '../runner/trace';

/** 1-based script line of a diagnostic (its range is 0-based, LSP style). */
export function lineOf(d: Diagnostic): number {
  return d.range.start.line + 1;
}

export function linesWithPacketDiagnostics(result: RunResult): Set<number> {
  const packetLines = new Set(result.packets.map((p) => p.line).filter((l) => l > 0));
  return new Set(result.diagnostics.map(lineOf).filter((l) => packetLines.has(l)));
}

export interface SortedDiagnostics {
  /** By 1-based line, the diagnostics drawn on that line's arrows, most severe first. */
  readonly onPackets: ReadonlyMap<number, readonly Diagnostic[]>;
  /** Everything else, for the problems strip, in script order. */
  readonly elsewhere: readonly Diagnostic[];
}

const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

export function sortDiagnostics(result: RunResult): SortedDiagnostics {
  const flagged = linesWithPacketDiagnostics(result);
  const onPackets = new Map<number, Diagnostic[]>();
  const elsewhere: Diagnostic[] = [];
  for (const d of result.diagnostics) {
    const line = lineOf(d);
    if (flagged.has(line)) {
      const list = onPackets.get(line) ?? [];
      list.push(d);
      onPackets.set(line, list);
    } else {
      elsewhere.push(d);
    }
  }
  for (const list of onPackets.values()) list.sort((a, b) => rank[a.severity] - rank[b.severity]);
  elsewhere.sort((a, b) => lineOf(a) - lineOf(b) || rank[a.severity] - rank[b.severity]);
  return { onPackets, elsewhere };
}

/** The CSS class an arrow gets for its worst diagnostic. */
export function severityClass(severity: Severity): string {
  return severity === 'error' ? 'diagnostic-error' : severity === 'warning' ? 'diagnostic-warning' : 'diagnostic-info';
}
