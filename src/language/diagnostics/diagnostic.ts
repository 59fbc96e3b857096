// What a diagnostic is, everywhere in tcpflow: the CLI prints it, the language server publishes
// it, the panel draws it. Messages come from the one table in ./table.ts (en + zh-CN).
import type { Range } from '../ast';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** A text edit that corrects the diagnostic: replace `range` (default: the diagnostic's) with `replace`. */
export interface Fix {
  readonly replace: string;
  readonly range?: Range;
  /** How the quick fix is titled in the editor, in both languages. */
  readonly title?: string;
  readonly titleZh?: string;
}

export interface Diagnostic {
  /** Stable id: `TCP-SYN-CONSUMES-SEQ`, `EXPECT-STATE`, `PARSE-ERROR`, … */
  readonly id: string;
  readonly severity: Severity;
  /** 0-based, on the offending token. */
  readonly range: Range;
  readonly message: string;
  readonly messageZh: string;
  /** `RFC 9293 §3.4`, when the rule comes from an RFC. */
  readonly rfc?: string;
  readonly fix?: Fix;
}

/** Values substituted into a message template's `{name}` placeholders. */
export type MessageParams = Readonly<Record<string, string | number>>;
