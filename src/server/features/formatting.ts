// Formatting: packet lines aligned in columns — time, source, `->`, destination, flags, then the
// fields and options as written (and a trailing comment). Widths are taken over the whole
// document, so formatting twice changes nothing; only the spaces between columns change, so the
// script means the same.
import type { TextEdit } from 'vscode-languageserver';
import type { PacketStmt, Range, Statement, TlsPacketStmt } from '../../language/ast';
import { lexLine } from '../../language/lexer';
import { sourceLines } from '../../language/locate';
import type { FlowDocument } from './document';

interface Columns {
  readonly line: number;
  readonly time: string;
  readonly src: string;
  readonly dst: string;
  readonly flags: string;
  readonly rest: string;
  readonly comment: string;
}

export function formatting(doc: FlowDocument): TextEdit[] {
  const lines = sourceLines(doc.source);
  const rows = doc.script.statements.flatMap((s) => (isPacketLine(s) ? [columnsOf(s, lines)] : []));
  const width = (pick: (c: Columns) => string): number => Math.max(0, ...rows.map((r) => pick(r).length));
  const wTime = width((r) => r.time);
  const wSrc = width((r) => r.src);
  const wDst = width((r) => r.dst);
  const wFlags = width((r) => r.flags);
  const edits: TextEdit[] = [];
  for (const r of rows) {
    const cells = [...(wTime > 0 ? [r.time.padEnd(wTime)] : []), r.src.padEnd(wSrc), '->', r.dst.padEnd(wDst), r.rest === '' ? r.flags : r.flags.padEnd(wFlags)];
    if (r.rest !== '') cells.push(r.rest);
    let text = cells.join(' ').trimEnd();
    if (r.comment !== '') text += `  ${r.comment}`;
    const old = lines[r.line] ?? '';
    if (text !== old) edits.push({ range: { start: { line: r.line, character: 0 }, end: { line: r.line, character: old.length } }, newText: text });
  }
  return edits;
}

function isPacketLine(s: Statement): s is PacketStmt | TlsPacketStmt {
  return s.type === 'packet' || s.type === 'tlsPacket';
}

function columnsOf(s: PacketStmt | TlsPacketStmt, lines: readonly string[]): Columns {
  const line = s.range.start.line;
  const text = lines[line] ?? '';
  const slice = (r: Range): string => text.slice(r.start.character, r.end.character);
  const flagsRange: Range | undefined = s.type === 'packet' ? s.flags.range : undefined;
  const afterDst = s.dst.range.end.character;
  const flags = flagsRange !== undefined ? slice(flagsRange) : '';
  const restStart = flagsRange !== undefined ? flagsRange.end.character : afterDst;
  const comment = lexLine(text).comment;
  return {
    line,
    time: s.time !== undefined ? slice(s.time.range) : '',
    src: slice(s.src.range),
    dst: slice(s.dst.range),
    flags,
    rest: text.slice(restStart, s.range.end.character).trim(),
    comment: comment !== undefined ? text.slice(comment.start, comment.end) : '',
  };
}
