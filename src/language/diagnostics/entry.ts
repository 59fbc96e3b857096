// The shape of one row of the diagnostics table (./table.ts): what every diagnostic id means.
import type { Severity } from './diagnostic';

export interface DiagnosticEntry {
  readonly severity: Severity;
  /** Short name for hovers and the docs' index ("SYN consumes a sequence number"). */
  readonly title?: string;
  /** The primary reference in short form: `RFC 9293 §3.4`. Absent for runner ids. */
  readonly rfc?: string;
  /** English message template; `{name}` placeholders are filled from MessageParams. */
  readonly en: string;
  /**
   * Simplified Chinese template with the same placeholders. Where the caller passes an English
   * fragment `{x}`, the Chinese template uses `{xZh}` instead (the caller passes both).
   */
  readonly zh: string;
  /** 2–4 sentences for learners: why the rule holds, with its RFC reasoning (hover, docs). */
  readonly explain?: string;
  readonly explainZh?: string;
}
