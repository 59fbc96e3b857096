// A packet line whose sender is a stack: an expectation. Find the packet the line stands for
// (advancing the clock until the stack sends it), check each written field against it, bind
// symbols, and leave the clock at its arrival. Field mismatches are explained by the TCP rule
// behind them where one applies (a SYN or FIN consumes a sequence number), else EXPECT-PACKET.
import type { PacketStmt, Range, SeqExpr, TcpOptionNode } from '../language/ast';
import type { WirePacket } from '../engine/net/network';
import { flagText, optionText, type Segment } from '../engine/tcp/segment';
import { seqAdd } from '../engine/tcp/seq';
import type { RunContext } from './context';
import { describeActivity } from './activity';
import { flagsEqual } from './patterns';
import { packetLabel } from './trace-build';
import { exprText, writeLike } from './symbols';
import { describeIcmp } from './icmp';
import { reportReaction, reportReply, settleVerdicts } from './reaction';

export function expectStackPacket(ctx: RunContext, stmt: PacketStmt, src: string, line: number): WirePacket | null {
  const packet = findPacket(ctx, stmt, src);
  if (!packet) {
    const dst = stmt.dst.kind === 'name' ? stmt.dst.name : '*';
    const written = stmt.flags.flags.join(',');
    if (reportReaction(ctx, src, stmt.range, { en: `${written} from ${src}`, zh: ` ${src} 发出 ${written}` })) return null;
    const doing = describeActivity(ctx, src);
    ctx.report('EXPECT-NO-PACKET', stmt.range, { sender: src, dst, doing: doing.en, doingZh: doing.zh });
    return null;
  }
  reportEarlierUnexpected(ctx, src, packet, stmt.range);
  ctx.settledThrough(packet);
  packet.matched = true;
  packet.line = line;
  ctx.labels.set(packet.id, packetLabel(stmt, ctx.source));
  const before = ctx.diagnostics.length;
  checkTiming(ctx, stmt, packet, src);
  checkFields(ctx, stmt, packet, src);
  if (ctx.diagnostics.length === before) settleVerdicts(ctx, src, packet);
  ctx.settle(packet);
  return packet;
}

/** The earliest unmatched packet from src to dst, skipping ignorable ones the line does not name. */
function findPacket(ctx: RunContext, stmt: PacketStmt, src: string): WirePacket | null {
  const wire = ctx.world.network.wire;
  let scanned = ctx.firstUnmatched(src);
  for (;;) {
    for (; scanned < wire.length; scanned++) {
      const p = wire[scanned]!;
      if (p.matched || p.src !== src || p.segment.icmp) continue; // an ICMP is matched by an ICMP line (icmp.ts)
      if (stmt.dst.kind === 'name' && p.dst !== stmt.dst.name) continue;
      if (ctx.isIgnored(p) && !flagsEqual(stmt.flags, p.segment)) continue;
      return p;
    }
    // Nothing yet: let time pass until the stack sends something, or nothing is left to happen.
    if (!ctx.stepOnce(Number.MAX_SAFE_INTEGER)) return null;
    // Rescan from the start of the unscanned part only (new packets are appended).
  }
}

/** Stack packets from the same sender that no line expected and that went out before this one. */
function reportEarlierUnexpected(ctx: RunContext, src: string, packet: WirePacket, range: Range): void {
  const wire = ctx.world.network.wire;
  for (let i = ctx.firstUnmatched(src); i < packet.id; i++) {
    const p = wire[i]!;
    if (p.matched || p.src !== src || ctx.isIgnored(p)) continue;
    p.matched = true; // reported once
    ctx.report('EXPECT-UNEXPECTED', range, { sender: src, packet: describePacket(ctx, p.segment) });
  }
}

export function describePacket(ctx: RunContext, seg: Segment): string {
  if (seg.icmp) return describeIcmp(ctx, seg);
  const parts = [flagText(seg.flags), `seq=${ctx.symbols.symbolize(seg.seq)}`];
  if (seg.flags.has('ACK')) parts.push(`ack=${ctx.symbols.symbolize(seg.ack)}`);
  if (seg.payload.length > 0) parts.push(`len=${seg.payload.length}`);
  return parts.join(' ');
}

function checkTiming(ctx: RunContext, stmt: PacketStmt, packet: WirePacket, src: string): void {
  const t = stmt.time;
  if (!t) return;
  const expected = t.kind === 'absolute' ? t.seconds * 1e6 : ctx.previousTime + t.seconds * 1e6;
  if (Math.abs(packet.sentAt - expected) > ctx.tolerance) {
    const at = `${(expected / 1e6).toFixed(3)}s`;
    if (reportReaction(ctx, src, t.range, { en: `${stmt.flags.flags.join(',')} at ${at}`, zh: `在 ${at} 发出 ${stmt.flags.flags.join(',')}` })) return;
    ctx.report('EXPECT-TIMING', t.range, {
      sender: src,
      expected: `${(expected / 1e6).toFixed(3)}s`,
      actual: `${(packet.sentAt / 1e6).toFixed(3)}s`,
      tolerance: `${(ctx.tolerance / 1e6).toFixed(3)}s`,
    });
  }
}

function checkFields(ctx: RunContext, stmt: PacketStmt, packet: WirePacket, src: string): void {
  const seg = packet.segment;
  const ranges = stmt.fieldRanges;
  if (!flagsEqual(stmt.flags, seg)) {
    const written = stmt.flags.flags.join(',');
    if (reportReply(ctx, packet, stmt.flags.range, { en: written, zh: ` ${written}` }, { replace: flagText(seg.flags) })) return;
    ctx.report('EXPECT-PACKET', stmt.flags.range, { sender: src, field: 'flags', expected: stmt.flags.flags.join(','), actual: describePacket(ctx, seg) }, { replace: flagText(seg.flags) });
    return; // a different packet: its fields say nothing more
  }
  const f = stmt.fields;
  if (f.seq) checkSeqField(ctx, 'seq', f.seq, packet, ranges.seq ?? f.seq.range, src);
  if (f.ack) checkSeqField(ctx, 'ack', f.ack, packet, ranges.ack ?? f.ack.range, src);
  if (f.win && f.win.value !== seg.win) {
    ctx.report('EXPECT-PACKET', ranges.win ?? f.win.range, { sender: src, field: 'win', expected: String(f.win.value), actual: String(seg.win) }, { replace: `win=${seg.win}` });
  }
  if (f.len && f.len.value !== seg.payload.length) {
    ctx.report('EXPECT-PACKET', ranges.len ?? f.len.range, { sender: src, field: 'len', expected: String(f.len.value), actual: String(seg.payload.length) }, { replace: `len=${seg.payload.length}` });
  }
  if (f.data && !bytesEqual(f.data.bytes, seg.payload)) {
    ctx.report('EXPECT-PACKET', ranges.data ?? f.data.range, { sender: src, field: 'data', expected: JSON.stringify(f.data.text), actual: JSON.stringify(latin(seg.payload)) });
  }
  if (f.options) checkOptions(ctx, f.options.items, packet, ranges.options ?? f.options.range, src);
}

function checkSeqField(ctx: RunContext, field: 'seq' | 'ack', expr: SeqExpr, packet: WirePacket, range: Range, src: string): void {
  const seg = packet.segment;
  const actual = seg[field];
  const expected = ctx.symbols.evaluate(expr);
  if (expected === undefined) {
    ctx.symbols.bind(expr, actual);
    return;
  }
  if (expected === actual) return;
  const correct = writeLike(expr, actual, ctx.symbols);
  const fix = { replace: `${field}=${correct}` };
  const written = exprText(expr);
  if (reportReply(ctx, packet, range, { en: `${field}=${written}`, zh: ` ${field}=${written}` }, fix, field)) return;
  const rule = consumedSequenceRule(ctx, src, field, actual, seg);
  if (rule) ctx.report(rule, range, { field, expected: correct, actual: written }, fix);
  else ctx.report('EXPECT-PACKET', range, { sender: src, field, expected: exprText(expr), actual: `${actual} (${correct})` }, fix);
}

/** The sequence-space rule behind a wrong ack/seq: the SYN or the FIN occupies one number. */
function consumedSequenceRule(ctx: RunContext, src: string, field: 'seq' | 'ack', actual: number, seg: Segment): 'TCP-SYN-CONSUMES-SEQ' | 'TCP-FIN-CONSUMES-SEQ' | null {
  const conn = ctx.world.endpoints.get(src)?.tcp?.primary();
  if (field === 'ack') {
    if (seg.flags.has('SYN')) return 'TCP-SYN-CONSUMES-SEQ';
    if (conn && actual === seqAdd(conn.irs, 1)) return 'TCP-SYN-CONSUMES-SEQ';
    if (conn && conn.rcvFin && actual === conn.rcvNxt) return 'TCP-FIN-CONSUMES-SEQ';
    return null;
  }
  if (conn && !seg.flags.has('SYN') && actual === seqAdd(conn.iss, 1)) return 'TCP-SYN-CONSUMES-SEQ';
  if (conn && conn.finSent && actual === seqAdd(conn.finSeq, 1)) return 'TCP-FIN-CONSUMES-SEQ';
  return null;
}

function checkOptions(ctx: RunContext, written: readonly TcpOptionNode[], packet: WirePacket, range: Range, src: string): void {
  const actual = packet.segment.options;
  const same =
    written.length === actual.length &&
    written.every((w, i) => {
      const a = actual[i]!;
      if (w.kind !== a.kind) return false;
      if ((w.kind === 'mss' || w.kind === 'wscale') && (a.kind === 'mss' || a.kind === 'wscale')) return w.value === a.value;
      if (w.kind === 'ts' && a.kind === 'ts') return (w.val === null || w.val === a.val) && (w.ecr === null || w.ecr === a.ecr);
      if (w.kind === 'tfo' && a.kind === 'tfo') return w.cookie === '' || w.cookie === a.cookie;
      return true;
    });
  if (same) return;
  const actualText = actual.map(optionText).join(', ');
  const writtenText = written.map((w) => w.kind).join(', ');
  if (reportReply(ctx, packet, range, { en: `<${writtenText}>`, zh: ` <${writtenText}>` }, { replace: `<${actualText}>` }, 'options')) return;
  ctx.report('EXPECT-PACKET', range, { sender: src, field: 'options', expected: written.map((w) => w.kind).join(', '), actual: `<${actualText}>` }, { replace: `<${actualText}>` });
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function latin(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, 200), (b) => String.fromCharCode(b)).join('');
}
