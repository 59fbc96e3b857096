// Folding ranges: each phase of packet lines (handshake, data, close) and each block of two or
// more comment-only lines.
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver';
import type { FlowDocument } from './document';
import { phases } from './phases';

export function foldingRanges(doc: FlowDocument): FoldingRange[] {
  const out: FoldingRange[] = [];
  for (const phase of phases(doc.script)) {
    if (phase.range.end.line > phase.range.start.line) out.push({ startLine: phase.range.start.line, endLine: phase.range.end.line, kind: FoldingRangeKind.Region });
  }
  const statementLines = new Set(doc.script.statements.map((s) => s.range.start.line));
  const commentLines = doc.script.comments.map((c) => c.range.start.line).filter((l) => !statementLines.has(l));
  let start: number | undefined;
  let previous: number | undefined;
  const close = (): void => {
    if (start !== undefined && previous !== undefined && previous > start) out.push({ startLine: start, endLine: previous, kind: FoldingRangeKind.Comment });
  };
  for (const line of commentLines) {
    if (previous === undefined || line !== previous + 1) {
      close();
      start = line;
    }
    previous = line;
  }
  close();
  return out;
}
