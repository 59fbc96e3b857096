// ICMP packet lines and the `unreachable` event (tcp-rules.md T036).
//
// `SRC -> DST ICMP unreachable KIND`: from a scripted or raw SRC, or from any SRC with `from IP`,
// the ICMP is injected: it quotes the last TCP segment DST sent (`seq=` overrides the quoted
// sequence number, for RFC 5927's blind ICMP attacks) and goes on the wire at once. From a stack
// SRC without `from`, it is an expectation: the ICMP that the network answered on SRC's behalf
// (`unreachable DST -> SRC KIND`), matched like any stack packet.
import type { IcmpPacketStmt, Range, UnreachableStmt } from '../language/ast';
import { icmp6CodeOf, icmpCodeFor, isIpv6 } from './icmp-family';
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
  // The ICMP is about dst's connection: ICMPv6 when dst is IPv6; its source must be of that family.
  const ipv6 = isIpv6(dst);
  const source = stmt.from ? { family6: stmt.from.family === 6, range: stmt.from.range, what: `'from ${stmt.from.ip}'` } : { family6: isIpv6(sender), range: stmt.src.range, what: sender.spec.name };
  if (source.family6 !== ipv6) {
    const [fam, famDst] = ipv6 ? ['IPv4', 'IPv6'] : ['IPv6', 'IPv4'];
    ctx.report('ICMP-NOT-MODELLED', source.range, {
      detail: `${source.what} is an ${fam} address but ${dst.spec.name} is ${famDst}: an ICMP${ipv6 ? 'v6' : ''} error about its segments comes from an ${famDst} address`,
      detailZh: `${source.what} 是 ${fam} 地址，而 ${dst.spec.name} 是 ${famDst}：关于它的报文段的 ICMP${ipv6 ? 'v6' : ''} 差错来自 ${famDst} 地址`,
    });
    return;
  }
  const code = icmpCodeFor(ctx, stmt.unreachable, ipv6);
  if (code === null) return;
  const line = ctx.lineOf(stmt);
  if (sender.spec.kind === 'stack' && !stmt.from) expectIcmp(ctx, stmt, sender.spec.name, dst.spec.name, line, code);
  else injectIcmp(ctx, stmt, sender, dst, line, code);
}

/** `unreachable A -> B KIND`: a standing drop whose packets B's address answers with ICMP. */
export function runUnreachable(ctx: RunContext, stmt: UnreachableStmt): Impairment | null {
  for (const ref of [stmt.src, stmt.dst]) if (ref.kind === 'name' && !known(ctx, ref.name, ref.range)) return null;
  const endpoints = [stmt.src, stmt.dst].map((r) => (r.kind === 'name' ? ctx.world.endpoints.get(r.name) : undefined));
  // a named IPv6 endpoint needs the kind's ICMPv6 code (reported if it has none); `* -> *` answers each packet in its family
  if (endpoints.some((e) => e && isIpv6(e)) && icmpCodeFor(ctx, stmt.unreachable, true) === null) return null;
  const src = stmt.src.kind === 'name' ? stmt.src.name : null;
  const dst = stmt.dst.kind === 'name' ? stmt.dst.name : null;
  return {
    action: 'drop',
    once: false,
    count: 0,
    answer: { code: stmt.unreachable.code, code6: icmp6CodeOf(stmt.unreachable), mtu: stmt.unreachable.mtu?.value ?? 0 },
    matches: (p) => (src === null || p.src === src) && (dst === null || p.dst === dst),
  };
}

/** `ICMP unreachable port seq=x+1` (`ICMPv6 …` between IPv6 addresses): how the trace labels an ICMP line. */
export function icmpLabel(stmt: IcmpPacketStmt, ipv6 = false): string {
  const u = stmt.unreachable;
  const kind = u.kind === 'code' ? `code ${u.code}` : u.kind;
  return [`ICMP${ipv6 ? 'v6' : ''} unreachable ${kind}`, u.mtu ? `mtu ${u.mtu.value}` : '', stmt.seq ? `seq=${exprText(stmt.seq)}` : ''].filter((s) => s !== '').join(' ');
}

/** `ICMP unreachable port (quotes SYN seq=x)`: an ICMP on the wire, in diagnostics. */
export function describeIcmp(ctx: RunContext, seg: Segment): string {
  const icmp = seg.icmp;
  if (!icmp) return '';
  return `ICMP${icmp.type === 1 ? 'v6' : ''} unreachable ${icmpKindName(icmp.code, icmp.type)} (quotes seq=${ctx.symbols.symbolize(icmp.quoted.seq)})`;
}

// ---------------------------------------------------------------------------------------------

function known(ctx: RunContext, name: string, range: Range): WorldEndpoint | undefined {
  const e = ctx.world.endpoints.get(name);
  if (!e) ctx.report('NAME-UNKNOWN', range, { name, known: [...ctx.world.endpoints.keys()].join(', ') });
  return e;
}

function injectIcmp(ctx: RunContext, stmt: IcmpPacketStmt, sender: WorldEndpoint, dst: WorldEndpoint, line: number, code: number): void {
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
  const packet = ctx.world.network.transmit(unreachableSegment(fromIp, quoted, code, u.mtu?.value ?? 0), sender.spec.name, dst.spec.name);
  packet.matched = true;
  packet.line = line;
  ctx.labels.set(packet.id, icmpLabel(stmt, packet.segment.icmp?.type === 1));
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

function expectIcmp(ctx: RunContext, stmt: IcmpPacketStmt, src: string, dst: string, line: number, code: number): void {
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
  const icmp = packet.segment.icmp!;
  ctx.labels.set(packet.id, icmpLabel(stmt, icmp.type === 1));
  const before = ctx.diagnostics.length;
  if (stmt.time) {
    const expected = stmt.time.kind === 'absolute' ? stmt.time.seconds * 1e6 : ctx.previousTime + stmt.time.seconds * 1e6;
    if (Math.abs(packet.sentAt - expected) > ctx.tolerance) {
      ctx.report('EXPECT-TIMING', stmt.time.range, { sender: src, expected: seconds(expected), actual: seconds(packet.sentAt), tolerance: seconds(ctx.tolerance) });
    }
  }
  if (icmp.code !== code) {
    const actual = icmpKindName(icmp.code, icmp.type);
    ctx.report('EXPECT-PACKET', stmt.unreachable.range, { sender: src, field: 'ICMP kind', expected: icmpKindName(code, icmp.type), actual }, { replace: actual });
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
