// One rule of tcp-rules.md §4 as a pair of scripts: `trigger` breaks it (the rule must be
// reported), `clean` is the same conversation written right (no error or warning at all).
import type { DiagnosticId } from '../../src/language/diagnostics/table';

export interface RuleCase {
  readonly id: DiagnosticId;
  /** Header lines (seed, endpoints, links, settings, ignores) shared by both scripts. */
  readonly header: string;
  readonly trigger: string;
  readonly clean: string;
  /** What the trigger's message must say (beyond the rule's id). */
  readonly message?: RegExp;
}
