// A diagnostic that carries a fix becomes a preferred quick fix replacing the fix's range
// (or, without one, the diagnostic's own range) with the corrected text.
import { CodeActionKind, type CodeAction, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { Fix } from '../language/diagnostics/diagnostic';
import { fixFromData } from './lsp-diagnostic';
import type { MessageLanguage } from './locale';

export function quickFixTitle(fix: Fix, language: MessageLanguage): string {
  if (language === 'zh') return fix.titleZh ?? `改为 '${fix.replace}'`;
  return fix.title ?? `Change to '${fix.replace}'`;
}

/** Quick fixes for the diagnostics the client sent in a code-action request (those with a fix). */
export function quickFixes(uri: string, diagnostics: readonly LspDiagnostic[], language: MessageLanguage): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== 'tcpflow') continue;
    const fix = fixFromData(diagnostic.data);
    if (fix === undefined) continue;
    actions.push({
      title: quickFixTitle(fix, language),
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: true,
      edit: { changes: { [uri]: [{ range: fix.range ?? diagnostic.range, newText: fix.replace }] } },
    });
  }
  return actions;
}
