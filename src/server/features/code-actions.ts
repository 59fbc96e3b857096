// Code actions beyond the diagnostics' own quick fixes, built from the latest run:
//  - on EXPECT-UNEXPECTED ("server sent X here; the script expects nothing"): insert that packet
//    as a line before the reported line, or ignore packets like it (an `ignore` after the header);
//  - the source action "Fill in the packets the engine sent": a line for every stack packet no
//    line expected, placed where it happened, with `x`/`y` for the two ISNs.
import { CodeActionKind, type CodeAction, type Diagnostic as LspDiagnostic, type TextEdit } from 'vscode-languageserver';
import { sourceLines } from '../../language/locate';
import type { TracePacket } from '../../runner/trace';
import { quickFixes } from '../quick-fix';
import { type FlowDocument, pick } from './document';
import { occurrences } from './occurrences';
import { ignoreLine, isnSymbols, packetLine } from './packet-text';
import { headerEnd, placementOf, type Placement } from './placement';

export const FILL_IN_PACKETS_KIND = `${CodeActionKind.Source}.tcpflow.fillPackets`;

export function codeActions(doc: FlowDocument, diagnostics: readonly LspDiagnostic[], only?: readonly string[]): CodeAction[] {
  const wants = (kind: string): boolean => only === undefined || only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const actions: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) {
    actions.push(...quickFixes(doc.uri, diagnostics, doc.language));
    for (const d of diagnostics) if (d.source === 'tcpflow' && d.code === 'EXPECT-UNEXPECTED') actions.push(...unexpectedPacketActions(doc, d));
  }
  if (wants(FILL_IN_PACKETS_KIND)) {
    const fill = fillInPackets(doc);
    if (fill !== undefined) actions.push(fill);
  }
  return actions;
}

/** The packet an EXPECT-UNEXPECTED diagnostic is about, from its message (en or zh). */
export function packetOfDiagnostic(doc: FlowDocument, d: LspDiagnostic): TracePacket | undefined {
  const message = typeof d.message === 'string' ? d.message : d.message.value;
  const m = /^(\S+) sent (.+?) here;/.exec(message) ?? /^(\S+) 在这里发送了 (.+?)；/.exec(message);
  if (m === null) return undefined;
  const [, sender, described] = m as unknown as [string, string, string];
  const unmatched = (doc.run?.packets ?? []).filter((p) => p.line === 0 && p.src === sender);
  return unmatched.find((p) => p.label === described) ?? unmatched.find((p) => p.flags.join(',') === described.split(' ')[0]);
}

function unexpectedPacketActions(doc: FlowDocument, d: LspDiagnostic): CodeAction[] {
  const packet = packetOfDiagnostic(doc, d);
  if (packet === undefined || doc.run === undefined) return [];
  const line = packetLine(packet, doc.run.symbols);
  const ignore = ignoreLine(packet);
  return [
    {
      title: pick(doc.language, `Insert the packet the stack sent: ${line}`, `插入协议栈发送的报文：${line}`),
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      isPreferred: true,
      edit: { changes: { [doc.uri]: [insertLines(doc.source, { line: d.range.start.line, before: true }, [line])] } },
    },
    {
      title: pick(doc.language, `Ignore packets like this: ${ignore}`, `忽略这类报文：${ignore}`),
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      edit: { changes: { [doc.uri]: [insertLines(doc.source, { line: headerEnd(doc.script), before: false }, [ignore])] } },
    },
  ];
}

/** Lines for every stack packet that no line expected, each where it happened. */
export function fillInPackets(doc: FlowDocument): CodeAction | undefined {
  const run = doc.run;
  if (run === undefined) return undefined;
  const stacks = new Set(run.endpoints.filter((e) => e.kind === 'stack').map((e) => e.name));
  const missing = run.packets.filter((p) => p.line === 0 && stacks.has(p.src));
  if (missing.length === 0) return undefined;
  const used = new Set(occurrences(doc.script).filter((o) => o.kind === 'symbol').map((o) => o.name));
  const symbols = isnSymbols(run.packets, run.symbols, used);
  const groups = new Map<string, { readonly at: Placement; readonly lines: string[] }>();
  for (const p of [...missing].sort((a, b) => a.order - b.order)) {
    const placed = placementOf(p, run, doc.script);
    // "after line L" and "before line L+1" are the same place: one edit keeps their send order.
    const at: Placement = placed.before ? placed : { line: placed.line + 1, before: true };
    const key = String(at.line);
    const group = groups.get(key) ?? { at, lines: [] };
    group.lines.push(packetLine(p, symbols));
    groups.set(key, group);
  }
  const edits = [...groups.values()].map((g) => insertLines(doc.source, g.at, g.lines));
  return {
    title: pick(doc.language, 'Fill in the packets the engine sent', '补全引擎发送的报文'),
    kind: FILL_IN_PACKETS_KIND,
    edit: { changes: { [doc.uri]: edits } },
  };
}

/** An edit inserting whole lines before or after 0-based `at.line` (-1 after = at the top). */
export function insertLines(source: string, at: Placement, lines: readonly string[]): TextEdit {
  const all = sourceLines(source);
  const text = lines.map((l) => `${l}\n`).join('');
  const target = at.before ? at.line : at.line + 1;
  if (target < all.length) return { range: { start: { line: target, character: 0 }, end: { line: target, character: 0 } }, newText: text };
  const lastLine = all.length - 1;
  const end = { line: lastLine, character: (all[lastLine] ?? '').length };
  return { range: { start: end, end }, newText: `\n${text.slice(0, -1)}` };
}
