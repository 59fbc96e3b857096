// Builds a Diagnostic from the table: the only way runner and language code create one.
import type { Range } from '../ast';
import type { Diagnostic, Fix, MessageParams, Severity } from './diagnostic';
import { DIAGNOSTICS, type DiagnosticEntry, type DiagnosticId } from './table';

function fill(template: string, params: MessageParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = params[key];
    return value === undefined ? whole : String(value);
  });
}

export function makeDiagnostic(
  id: DiagnosticId,
  range: Range,
  params: MessageParams = {},
  extra: { readonly fix?: Fix; readonly severity?: Severity } = {},
): Diagnostic {
  const entry: DiagnosticEntry = DIAGNOSTICS[id];
  return {
    id,
    severity: extra.severity ?? entry.severity,
    range,
    // Trimmed, so that an optional trailing placeholder left empty (EXPECT-STATE's {explain}) leaves no space.
    message: fill(entry.en, params).trim(),
    messageZh: fill(entry.zh, params).trim(),
    ...(entry.rfc !== undefined ? { rfc: entry.rfc } : {}),
    ...(extra.fix !== undefined ? { fix: extra.fix } : {}),
  };
}
