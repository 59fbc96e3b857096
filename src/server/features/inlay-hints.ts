// Inlay hints from the latest run: after each packet line the virtual time its packet left
// (`@0.010s`), after each symbolic seq/ack the number behind it (`x+1` `= 1829157764`), and
// after each `expect` whether it held (✓ / ✗).
import { InlayHintKind, type InlayHint, type Range } from 'vscode-languageserver';
import type { PacketFields, SeqExpr, Statement } from '../../language/ast';
import type { RunResult } from '../../runner/trace';
import { type FlowDocument, pick } from './document';

export function inlayHints(doc: FlowDocument, range: Range): InlayHint[] {
  const run = doc.run;
  if (run === undefined) return [];
  const hints: InlayHint[] = [];
  for (const top of doc.script.statements) {
    const line = top.range.start.line;
    if (line < range.start.line || line > range.end.line) continue;
    const stmt = top.type === 'repeat' ? top.body : top;
    if (stmt.type === 'packet' || stmt.type === 'tlsPacket') {
      const packet = run.packets.find((p) => p.line === line + 1);
      if (stmt.type === 'packet') hints.push(...symbolHints(stmt.fields, run));
      if (packet !== undefined) {
        hints.push({ position: top.range.end, label: `@${packet.time.toFixed(3)}s`, kind: InlayHintKind.Type, paddingLeft: true });
      }
    } else if (stmt.type === 'expect') {
      hints.push(expectHint(stmt, run, doc));
    }
  }
  return hints;
}

function symbolHints(fields: PacketFields, run: RunResult): InlayHint[] {
  const out: InlayHint[] = [];
  const add = (e: SeqExpr | undefined): void => {
    if (e === undefined || e.kind !== 'symbol') return;
    const value = run.symbols[e.name];
    if (value === undefined) return;
    out.push({ position: e.range.end, label: `= ${(value + e.offset) >>> 0}`, kind: InlayHintKind.Parameter, paddingLeft: true });
  };
  add(fields.seq);
  add(fields.ack);
  return out;
}

function expectHint(stmt: Statement, run: RunResult, doc: FlowDocument): InlayHint {
  const line = stmt.range.start.line;
  const failed = run.diagnostics.some((d) => d.range.start.line === line && d.severity === 'error');
  return {
    position: stmt.range.end,
    label: failed ? '✗' : '✓',
    paddingLeft: true,
    tooltip: failed ? pick(doc.language, 'did not hold in the latest run', '在最近一次运行中不成立') : pick(doc.language, 'held in the latest run', '在最近一次运行中成立'),
  };
}
