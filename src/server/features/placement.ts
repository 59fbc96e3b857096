// Where a packet no line expected belongs in the script. The run records, for every packet and
// state change, its place in the order of events and the (1-based) line being executed; a packet
// goes after the statement that was running when it left — or before it, when that statement
// lets time pass (`wait`, `expect nothing`, a packet line still waiting for a later packet).
import type { Script, Statement } from '../../language/ast';
import { statementOnLine } from '../../language/locate';
import type { RunResult, TracePacket } from '../../runner/trace';

/** Insert before 0-based `line`, or after it. */
export interface Placement {
  readonly line: number;
  readonly before: boolean;
}

export function placementOf(packet: TracePacket, run: RunResult, script: Script): Placement {
  const events = [
    ...run.packets.map((p) => ({ order: p.order, line: p.line })),
    ...run.states.map((s) => ({ order: s.order, line: s.line })),
  ].filter((e) => e.line > 0 && e.order < packet.order);
  const last = events.reduce<{ order: number; line: number } | undefined>((a, e) => (a === undefined || e.order > a.order ? e : a), undefined);
  if (last === undefined) return { line: headerEnd(script), before: false };
  const line = last.line - 1;
  const stmt = statementOnLine(script, line);
  return { line, before: stmt !== undefined && letsTimePass(stmt, packet, run) };
}

function letsTimePass(stmt: Statement, packet: TracePacket, run: RunResult): boolean {
  if (stmt.type === 'wait') return true;
  if (stmt.type === 'expect') return stmt.expect === 'nothing';
  if (stmt.type === 'packet' || stmt.type === 'tlsPacket') {
    const own = run.packets.find((p) => p.line === stmt.range.start.line + 1);
    return own !== undefined && own.order > packet.order;
  }
  return false;
}

const HEADER_TYPES = new Set(['flow', 'profile', 'seed', 'endpoint', 'link', 'set', 'ignore']);

/** The 0-based line of the last statement of the header (flow, profile, seed, endpoints, links, settings). */
export function headerEnd(script: Script): number {
  let end = -1;
  for (const s of script.statements) {
    if (!HEADER_TYPES.has(s.type)) break;
    end = s.range.start.line;
  }
  return end;
}
