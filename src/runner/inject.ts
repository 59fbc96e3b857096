// A packet line whose sender is `scripted` or `raw`: an injection. The packet goes on the wire
// as written, with omitted fields filled in — from the shadow TCB for a scripted sender (what a
// correct stack in its state would send), at random / 0 / 65535 for a raw one. A scripted
// packet that no correct stack could send gets one diagnostic, and the packet that goes on the
// wire is the corrected one, so one mistake gives one diagnostic, not a cascade.
import type { FlagName, PacketStmt, Range, SeqExpr, SpoofedSource, TcpOptionNode } from '../language/ast';
import type { Fix } from '../language/diagnostics/diagnostic';
import type { DiagnosticId } from '../language/diagnostics/table';
import type { WirePacket } from '../engine/net/network';
import type { Connection } from '../engine/tcp/connection';
import type { Segment, SocketAddress, TcpOption } from '../engine/tcp/segment';
import { seqAdd, seqGt, seqLe, seqLt, seqSub } from '../engine/tcp/seq';
import type { RunContext } from './context';
import { checkScriptedSegment } from './emit-rules';
import { exprText, writeLike } from './symbols';
import { packetLabel } from './trace-build';
import type { WorldEndpoint } from './world';

interface Problem {
  readonly id: DiagnosticId;
  readonly field: 'seq' | 'ack' | 'flags';
  readonly correct: number;
  /** Message values beyond field/expected/actual, as the table's entry names them. */
  readonly params?: Readonly<Record<string, string | number>>;
}

export function injectPacket(ctx: RunContext, stmt: PacketStmt, sender: WorldEndpoint, dst: WorldEndpoint, line: number): WirePacket {
  const scripted = sender.spec.kind === 'scripted';
  const src = spoofed(ctx, stmt.from) ?? sender.spec.address;
  const flags = new Set<FlagName>(stmt.flags.flags);
  const conn = scripted ? (sender.tcp?.connectionTo(dst.spec.address) ?? null) : null;
  const f = stmt.fields;

  // What a correct stack would put in each field.
  const fillSeq = conn && conn.state !== 'CLOSED' && !(flags.has('SYN') && !flags.has('ACK') && conn.state === 'SYN_SENT') ? conn.sndNxt : ctx.world.random.uint32();
  const natural = {
    seq: conn && flags.has('SYN') && flags.has('ACK') && conn.iss === 0 && conn.sndNxt === 0 ? ctx.world.random.uint32() : fillSeq,
    ack: conn && flags.has('ACK') ? conn.rcvNxt : 0,
  };
  let seq = valueOf(ctx, f.seq, natural.seq);
  let ack = valueOf(ctx, f.ack, scripted ? natural.ack : 0);

  let legal = true;
  if (scripted && conn) {
    const peerSndNxt = dst.tcp?.connectionTo(sender.spec.address)?.sndNxt ?? null;
    const problem = legality(conn, sender.spec.name, flags, seq, ack, f.data?.bytes.length ?? f.len?.value ?? 0, peerSndNxt, (n) => ctx.symbols.symbolize(n));
    if (problem) {
      const expr = problem.field === 'seq' ? f.seq : problem.field === 'ack' ? f.ack : undefined;
      const range: Range = problem.field === 'flags' ? stmt.flags.range : (stmt.fieldRanges[problem.field] ?? stmt.range);
      const written = expr ? exprText(expr) : '';
      const correct = writeLike(expr, problem.correct, ctx.symbols);
      const fix: Fix | undefined = problem.field === 'flags' ? { replace: [...stmt.flags.flags, 'ACK'].join(',') } : { replace: `${problem.field}=${correct}` };
      ctx.report(problem.id, range, { field: problem.field, expected: correct, actual: written, ...problem.params }, fix);
      if (problem.field === 'seq') seq = problem.correct;
      if (problem.field === 'ack') ack = problem.correct;
      if (problem.field === 'flags') flags.add('ACK');
      legal = false;
    }
  }

  const payload = f.data ? f.data.bytes.subarray(0, MAX_SEGMENT_PAYLOAD) : filler(fieldInRange(ctx, 'len', f.len, MAX_SEGMENT_PAYLOAD) ?? 0);
  if (f.data && f.data.bytes.length > MAX_SEGMENT_PAYLOAD) tooLarge(ctx, 'data', f.data.range, f.data.bytes.length, MAX_SEGMENT_PAYLOAD);
  const segment: Segment = {
    src,
    dst: dst.spec.address,
    seq,
    ack,
    flags,
    win: fieldInRange(ctx, 'win', f.win, 65535) ?? (scripted ? (conn?.rcvWnd ?? sender.settings.synWindow) : 65535),
    options: f.options ? f.options.items.map((o) => toOption(ctx, o)) : flags.has('SYN') && scripted ? [{ kind: 'mss', value: sender.settings.mss }] : [],
    payload,
  };
  // One mistake, one diagnostic: the option, size, window, ISN and timing rules only for a packet whose numbers are right.
  if (scripted && legal) checkScriptedSegment(ctx, stmt, sender, dst, conn, segment);
  if (scripted && sender.tcp) {
    const shadow = conn ?? (flags.has('SYN') && !flags.has('ACK') ? sender.tcp.openShadow(dst.spec.address) : null);
    shadow?.noteScriptedSend(segment);
  }
  const packet = ctx.world.network.transmit(segment, sender.spec.name, dst.spec.name);
  packet.matched = true;
  packet.line = line;
  ctx.labels.set(packet.id, packetLabel(stmt, ctx.source));
  ctx.settle(packet);
  return packet;
}

/** An IPv4 packet holds at most 65,535 bytes: with the IP header and the largest TCP header (60), 65,455 of payload. */
const MAX_SEGMENT_PAYLOAD = 65_535 - 20 - 60;

/** A written len=/win= within what the 16-bit IP/TCP fields can carry, else a diagnostic and the maximum. */
function fieldInRange(ctx: RunContext, key: 'len' | 'win', field: { readonly value: number; readonly range: Range } | undefined, max: number): number | undefined {
  if (!field) return undefined;
  if (Number.isSafeInteger(field.value) && field.value >= 0 && field.value <= max) return field.value;
  tooLarge(ctx, key, field.range, field.value, max);
  return max;
}

/** len=/data beyond 65,455 bytes (an IPv4 packet is 65,535 with its headers) or win= beyond 16 bits. */
function tooLarge(ctx: RunContext, key: string, range: Range, value: number, max: number): void {
  ctx.report('SETTING-RANGE', range, { key, value: String(value), valid: `0–${max}` });
}

/** The value of a written field; an unbound symbol binds to the natural value. */
function valueOf(ctx: RunContext, expr: SeqExpr | undefined, natural: number): number {
  if (!expr) return natural >>> 0;
  const v = ctx.symbols.evaluate(expr);
  if (v !== undefined) return v;
  ctx.symbols.bind(expr, natural);
  return natural >>> 0;
}

/** The first thing a correct stack in the shadow's state could not have sent, if any. */
function legality(
  conn: Connection,
  endpoint: string,
  flags: ReadonlySet<FlagName>,
  seq: number,
  ack: number,
  dataLength: number,
  peerSndNxt: number | null,
  sym: (n: number) => string,
): Problem | null {
  const st = conn.state;
  if (flags.has('RST')) return null; // a reset is always sendable; the receiver decides
  if (flags.has('SYN')) {
    if (flags.has('ACK')) {
      if (ack !== conn.rcvNxt) return { id: 'TCP-SYN-CONSUMES-SEQ', field: 'ack', correct: conn.rcvNxt };
      if (!conn.passive && st === 'SYN_RCVD' && seq !== conn.iss) {
        return { id: 'TCP-SIMOPEN-SYN', field: 'seq', correct: conn.iss, params: { iss: conn.iss, expectedAck: conn.rcvNxt } };
      }
      return null;
    }
    if (st === 'SYN_SENT' && seq !== conn.iss) return { id: 'TCP-SYN-CONSUMES-SEQ', field: 'seq', correct: conn.iss };
    return null;
  }
  if (st === 'CLOSED' || st === 'LISTEN' || st === 'SYN_SENT') return null;
  if (!flags.has('ACK')) return { id: 'TCP-ACK-BIT-MISSING', field: 'flags', correct: 0, params: { state: st } };
  // seq: the next new octet, or a retransmission inside [SND.UNA, SND.NXT].
  // A keep-alive (SND.NXT−1 with at most one octet, nothing outstanding) is legal here; emit-rules.ts judges it.
  const keepalive = dataLength <= 1 && conn.sndUna === conn.sndNxt && seq === seqSub(conn.sndNxt, 1) >>> 0;
  if (seqGt(seq, conn.sndNxt) || (seqLt(seq, conn.sndUna) && dataLength > 0 && !keepalive)) {
    if (seq === seqAdd(conn.iss, 2) && conn.sndNxt === seqAdd(conn.iss, 1)) return { id: 'TCP-SYN-CONSUMES-SEQ', field: 'seq', correct: conn.sndNxt };
    if (conn.finSent && seq === seqAdd(conn.finSeq, 2)) return { id: 'TCP-FIN-CONSUMES-SEQ', field: 'seq', correct: conn.sndNxt };
    return { id: 'TCP-SEQ-SKIPPED', field: 'seq', correct: conn.sndNxt, params: { sndNxt: conn.sndNxt, seq } };
  }
  if (conn.finSent && dataLength > 0 && seqLe(conn.finSeq, seq)) {
    return { id: 'TCP-SEND-AFTER-FIN', field: 'seq', correct: conn.sndNxt, params: { endpoint, finSeq: conn.finSeq } };
  }
  // ack: a correct stack acknowledges exactly what it received (RCV.NXT).
  if (ack !== conn.rcvNxt) {
    if (conn.rcvFin && (ack === seqAdd(conn.rcvNxt, 1) || seqAdd(ack, 1) === conn.rcvNxt)) return { id: 'TCP-FIN-CONSUMES-SEQ', field: 'ack', correct: conn.rcvNxt };
    const beyond = seqGt(ack, conn.rcvNxt);
    // The peer did send up to there, but some of it never arrived: ACKs are cumulative.
    if (beyond && peerSndNxt !== null && !seqGt(ack, peerSndNxt) && seqGt(peerSndNxt, seqAdd(conn.rcvNxt, 1))) {
      return { id: 'TCP-ACK-BEYOND-HOLE', field: 'ack', correct: conn.rcvNxt, params: { ack: sym(ack), holeStart: sym(conn.rcvNxt), holeEnd: sym(seqSub(ack, 1) >>> 0) } };
    }
    if (conn.handshakeOnly) return { id: 'TCP-SYN-CONSUMES-SEQ', field: 'ack', correct: conn.rcvNxt };
    return {
      id: 'TCP-ACK-UNACCEPTABLE',
      field: 'ack',
      correct: conn.rcvNxt,
      params: {
        ack,
        reason: beyond ? `acknowledges data that was never sent (the peer's SND.NXT is ${conn.rcvNxt})` : `is below RCV.NXT=${conn.rcvNxt}: a correct stack acknowledges all it has received`,
        reasonZh: beyond ? `确认了从未发送的数据（对方的 SND.NXT 为 ${conn.rcvNxt}）` : `小于 RCV.NXT=${conn.rcvNxt}：正确的协议栈会确认它已收到的全部数据`,
      },
    };
  }
  return null;
}

function toOption(ctx: RunContext, o: TcpOptionNode): TcpOption {
  switch (o.kind) {
    case 'mss':
    case 'wscale':
      return { kind: o.kind, value: o.value };
    case 'ts':
      return { kind: 'ts', val: o.val ?? 0, ecr: o.ecr ?? 0 };
    case 'sack':
      // SACK edges may be symbolic (`sack x+101:x+201`); an unbound symbol counts from 0.
      return { kind: 'sack', blocks: o.blocks.map((b) => [ctx.symbols.evaluate(b.left) ?? 0, ctx.symbols.evaluate(b.right) ?? 0] as const) };
    case 'tfo':
      return { kind: 'tfo', cookie: o.cookie };
    default:
      return { kind: o.kind };
  }
}

/** `send N` and `len=N` filler: a readable a–z cycle, the same on every run. */
export function filler(length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = 0x61 + (i % 26);
  return out;
}

/** `from 198.51.100.*:*`: each `*` is a fresh seeded value. */
function spoofed(ctx: RunContext, from: SpoofedSource | undefined): SocketAddress | null {
  if (!from) return null;
  const r = ctx.world.random;
  const ip = from.ip.includes(':') ? from.ip : from.ip.split('.').map((part) => (part === '*' ? String(r.between(1, 254)) : part)).join('.');
  const port = from.port === '*' ? r.between(1024, 65535) : from.port;
  return { ip, port };
}
