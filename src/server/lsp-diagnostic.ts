// tcpflow's Diagnostic → the LSP Diagnostic the editor shows. Ranges are already 0-based on
// both sides; the fix rides along in `data` so that code actions can apply it.
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { Diagnostic, Fix, Severity } from '../language/diagnostics/diagnostic';
import { diagnosticHref } from './docs-link';
import type { MessageLanguage } from './locale';

export interface ConversionContext {
  readonly language: MessageLanguage;
  /** `file:///…/docs/diagnostics.md` */
  readonly docUri: string;
}

const SEVERITY: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The message a user reads: their language, then the RFC section when the rule has one. */
export function diagnosticMessage(d: Diagnostic, language: MessageLanguage): string {
  const text = language === 'zh' ? d.messageZh : d.message;
  return d.rfc !== undefined ? `${text} [${d.rfc}]` : text;
}

export function toLspDiagnostic(d: Diagnostic, ctx: ConversionContext): LspDiagnostic {
  return {
    range: {
      start: { line: d.range.start.line, character: d.range.start.character },
      end: { line: d.range.end.line, character: d.range.end.character },
    },
    severity: SEVERITY[d.severity],
    code: d.id,
    codeDescription: { href: diagnosticHref(ctx.docUri, d.id) },
    source: 'tcpflow',
    message: diagnosticMessage(d, ctx.language),
    ...(d.fix !== undefined ? { data: d.fix } : {}),
  };
}

/** The fix carried in an LSP diagnostic's `data`, if it is one (data comes back from the client untyped). */
export function fixFromData(data: unknown): Fix | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const fix = data as { readonly replace?: unknown };
  return typeof fix.replace === 'string' ? (data as Fix) : undefined;
}
