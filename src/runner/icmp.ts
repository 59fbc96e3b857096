// ICMP packet lines and the `unreachable` event (tcp-rules.md T036).
//
// `SRC -> DST ICMP unreachable KIND`: from a scripted or raw SRC, or from any SRC with `from IP`,
// the ICMP is injected: it quotes the last TCP segment DST sent (`seq=` overrides the quoted
// sequence number, for RFC 5927's blind ICMP attacks) and goes on the wire at once. From a stack
// SRC without `from`, it is an expectation: the ICMP that the network answered on SRC's behalf
// (`unreachable DST -> SRC KIND`), matched like any stack packet.
import type { IcmpPacketStmt, Range, UnreachableStmt } from '../language/ast';
import { icmpKindName } from '../language/keywords';
import type { Impairment, WirePacket } from '../engine/net/network';
import { unreachableSegment } from '../engine/tcp/icmp';
import type { Segment } from '../engine/tcp/segment';
import type { RunContext } from './context';
import { reportReaction, settleVerdicts } from './reaction';
import { exprText } from './symbols';
import type { WorldEndpoint } from './world';

export function runIcmpPacket(ctx: RunContext, stmt: IcmpPacketStmt): void {
  if (stmt.src.kind === 'any' || stmt.dst.kind === 'any') return; // the parser reports `*` as a sender
  const sender = known(ctx, stmt.src.name, stmt.src.range);
  const dst = known(ctx, stmt.dst.name, stmt.dst.range);
  if (!sender || !dst) return;
  if (isIpv6(sender) || isIpv6(dst) || stmt.from?.family === 6) {
    ctx.report('ICMP-NOT-MODELLED', stmt.from?.family === 6 ? stmt.from.range : stmt.icmpRange, {
      detail: 'ICMPv6 (IPv6 endpoints; RFC 4443, Linux tcp_v6_err) is not modelled yet',
      detailZh: '尚未模拟 ICMPv6（IPv6 端点；RFC 4443，Linux tcp_v6_err）',
    });
    return;
  }
  const line = ctx.lineOf(stmt);
  if (sender.spec.kind === 'stack' && !stmt.from) expectIcmp(ctx, stmt, sender.spec.name, dst.spec.name, line);
  else injectIcmp(ctx, stmt, sender, dst, line);
}

/** `unreachable A -> B KIND`: a standing drop whose packets B's address answers with ICMP. */
export function runUnreachable(ctx: RunContext, stmt: UnreachableStmt): Impairment | null {
  for (const ref of [stmt.src, stmt.dst]) if (ref.kind === 'name' && !known(ctx, ref.name, ref.range)) return null;
  const endpoints = [stmt.src, stmt.dst].map((r) => (r.kind === 'name' ? ctx.world.endpoints.get(r.name) : undefined));
  if (endpoints.some((e) => e && isIpv6(e))) {
    ctx.report('ICMP-NOT-MODELLED', stmt.range, {
      detail: 'ICMPv6 (IPv6 endpoints; RFC 4443, Linux tcp_v6_err) is not modelled yet',
      detailZh: '尚未模拟 ICMPv6（IPv6 端点；RFC 4443，Linux tcp_v6_err）',
    });
    return null;
  }
  const src = stmt.src.kind === 'name' ? stmt.src.name : null;
  const dst = stmt.dst.kind === 'name' ? stmt.dst.name : null;
  return {
    action: 'drop',
    once: false,
    count: 0,
    answer: { code: stmt.unreachable.code, mtu: stmt.unreachable.mtu?.value ?? 0 },
    matches: (p) => (src === null || p.src === src) && (dst === null || p.dst === dst),
  };
}

/** `ICMP unreachable port seq=x+1`: how the trace labels an ICMP line. */
export function icmpLabel(stmt: IcmpPacketStmt): string {
  const u = stmt.unreachable;
  const kind = u.kind === 'code' ? `code ${u.code}` : u.kind;
  return [`ICMP unreachable ${kind}`, u.mtu ? `mtu ${u.mtu.value}` : '', stmt.seq ? `seq=${exprText(stmt.seq)}` : ''].filter((s) => s !== '').join(' ');
}

/** `ICMP unreachable port (quotes SYN seq=x)`: an ICMP on the wire, in diagnostics. */
export function describeIcmp(ctx: RunContext, seg: Segment): string {
  const icmp = seg.icmp;
  if (!icmp) return '';
  return `ICMP unreachable ${icmpKindName(icmp.code)} (quotes seq=${ctx.symbols.symbolize(icmp.quoted.seq)})`;
}

// ---------------------------------------------------------------------------------------------

function known(ctx: RunContext, name: string, range: Range): WorldEndpoint | undefined {
  const e = ctx.world.endpoints.get(name);
  if (!e) ctx.report('NAME-UNKNOWN', range, { name, known: [...ctx.world.endpoints.keys()].join(', ') });
  return e;
}

function isIpv6(e: WorldEndpoint): boolean {
  return e.spec.address.ip.includes(':');
}

function injectIcmp(ctx: RunContext, stmt: IcmpPacketStmt, sender: WorldEndpoint, dst: WorldEndpoint, line: number): void {
  if (stmt.time) ctx.runUntil(stmt.time.kind === 'absolute' ? Math.round(stmt.time.seconds * 1e6) : ctx.now + Math.round(stmt.time.seconds * 1e6));
  const last = lastTcpSegmentOf(ctx, dst.spec.name);
  if (!last) {
    ctx.report('ICMP-NOT-MODELLED', stmt.icmpRange, {
      detail: `${dst.spec.name} has sent no TCP segment yet, so there is nothing for the ICMP to quote`,
      detailZh: `${dst.spec.name} 还没有发出任何 TCP 报文段，ICMP 没有可以引用的内容`,
    });
    return;
  }
  let quoted = last;
  if (stmt.seq) {
    const seq = ctx.symbols.evaluate(stmt.seq);
    if (seq === undefined) ctx.symbols.bind(stmt.seq, last.seq);
    else quoted = { ...last, seq };
  }
  const fromIp = stmt.from?.ip ?? sender.spec.address.ip;
  const u = stmt.unreachable;
  const packet = ctx.world.network.transmit(unreachableSegment(fromIp, quoted, u.code, u.mtu?.value ?? 0), sender.spec.name, dst.spec.name);
  packet.matched = true;
  packet.line = line;
  ctx.labels.set(packet.id, icmpLabel(stmt));
  ctx.settle(packet);
}

/** The newest TCP segment `name` put on the wire (what an ICMP about its traffic quotes). */
function lastTcpSegmentOf(ctx: RunContext, name: string): Segment | null {
  const wire = ctx.world.network.wire;
  for (let i = wire.length - 1; i >= 0; i--) {
    const p = wire[i]!;
    if (p.src === name && !p.segment.icmp) return p.segment;
  }
  return null;
}

function expectIcmp(ctx: RunContext, stmt: IcmpPacketStmt, src: string, dst: string, line: number): void {
  const packet = findIcmp(ctx, src, dst);
  if (!packet) {
    const what = icmpLabel(stmt);
    if (reportReaction(ctx, src, stmt.range, { en: `${what} from ${src}`, zh: ` ${src} 发出 ${what}` })) return;
    ctx.report('EXPECT-NO-PACKET', stmt.range, {
      sender: src,
      dst,
      doing: `no ICMP: nothing from ${dst} to ${src} was answered with one (write 'unreachable ${dst} -> ${src} KIND' for the network to answer)`,
      doingZh: `没有 ICMP：${dst} 发往 ${src} 的报文都没有得到 ICMP 回复（写 'unreachable ${dst} -> ${src} 类型' 让网络回复）`,
    });
    return;
  }
  packet.matched = true;
  packet.line = line;
  ctx.labels.set(packet.id, icmpLabel(stmt));
  const icmp = packet.segment.icmp!;
  const before = ctx.diagnostics.length;
  if (stmt.time) {
    const expected = stmt.time.kind === 'absolute' ? stmt.time.seconds * 1e6 : ctx.previousTime + stmt.time.seconds * 1e6;
    if (Math.abs(packet.sentAt - expected) > ctx.tolerance) {
      ctx.report('EXPECT-TIMING', stmt.time.range, { sender: src, expected: seconds(expected), actual: seconds(packet.sentAt), tolerance: seconds(ctx.tolerance) });
    }
  }
  if (icmp.code !== stmt.unreachable.code) {
    const actual = icmpKindName(icmp.code);
    ctx.report('EXPECT-PACKET', stmt.unreachable.range, { sender: src, field: 'ICMP kind', expected: icmpKindName(stmt.unreachable.code), actual }, { replace: actual });
  }
  if (stmt.seq) {
    const expected = ctx.symbols.evaluate(stmt.seq);
    if (expected === undefined) ctx.symbols.bind(stmt.seq, icmp.quoted.seq);
    else if (expected !== icmp.quoted.seq) {
      const actual = ctx.symbols.symbolize(icmp.quoted.seq);
      ctx.report('EXPECT-PACKET', stmt.seqRange ?? stmt.seq.range, { sender: src, field: 'quoted seq', expected: exprText(stmt.seq), actual }, { replace: `seq=${actual}` });
    }
  }
  if (ctx.diagnostics.length === before) settleVerdicts(ctx, src, packet);
  ctx.settle(packet);
}

function seconds(us: number): string {
  return `${(us / 1e6).toFixed(3)}s`;
}

/** The earliest unmatched ICMP from src to dst, letting time pass until there is one. */
function findIcmp(ctx: RunContext, src: string, dst: string): WirePacket | null {
  const wire = ctx.world.network.wire;
  let scanned = ctx.firstUnmatched(src);
  for (;;) {
    for (; scanned < wire.length; scanned++) {
      const p = wire[scanned]!;
      if (!p.matched && p.src === src && p.dst === dst && p.segment.icmp) return p;
    }
    if (!ctx.stepOnce(Number.MAX_SAFE_INTEGER)) return null;
  }
}
