// The one table of diagnostic ids: severity, RFC reference, English and Simplified Chinese
// message templates and a short explanation for learners. `{name}` placeholders are filled from
// MessageParams by makeDiagnostic (./make.ts). The rows live in one file per area, in the order
// of tcp-rules.md §4, tls-rules.md and language.md §Diagnostics; docs/diagnostics.md is generated
// from this table (scripts/gen-diagnostics-doc.mjs).
import type { DiagnosticEntry } from './entry';
import { TCP_CLOSE } from './table-tcp-close';
import { TCP_DATA } from './table-tcp-data';
import { TCP_OPEN } from './table-tcp-open';
import { TCP_RST } from './table-tcp-rst';
import { TCP_TIMERS } from './table-tcp-timers';
import { ICMP } from './table-icmp';
import { TLS_RULES } from './table-tls';
import { RUNNER } from './table-runner';

export type { DiagnosticEntry } from './entry';

export const DIAGNOSTICS = {
  ...TCP_OPEN,
  ...TCP_DATA,
  ...TCP_CLOSE,
  ...TCP_RST,
  ...TCP_TIMERS,
  ...ICMP,
  ...TLS_RULES,
  ...RUNNER,
} as const satisfies Record<string, DiagnosticEntry>;

export type DiagnosticId = keyof typeof DIAGNOSTICS;

/** Whether a string (e.g. an LSP diagnostic's `code`) is a known diagnostic id. */
export function isDiagnosticId(id: string): id is DiagnosticId {
  return Object.prototype.hasOwnProperty.call(DIAGNOSTICS, id);
}
