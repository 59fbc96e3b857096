// EMIT and TIME rules (tcp-rules.md §1.3) for what a `scripted` endpoint sends, beyond the
// sequence-space checks of inject.ts: options (SYN-only, negotiated, SACK blocks), sizes (MSS,
// the peer's window), the window it advertises, ISN choice, keep-alives, and when it ACKs and
// retransmits. Each finding is a diagnostic on the token at fault; the packet still goes on the
// wire as written, so the receiving stack's reaction shows what the mistake does.
import type { FlagName, PacketStmt, Range } from '../language/ast';
import type { MessageParams } from '../language/diagnostics/diagnostic';
import type { DiagnosticId } from '../language/diagnostics/table';
import type { Connection } from '../engine/tcp/connection';
import type { Segment } from '../engine/tcp/segment';
import { seqAdd, seqGt, seqLt, seqSub } from '../engine/tcp/seq';
import type { RunContext } from './context';
import type { WorldEndpoint } from './world';

/** What a scripted endpoint has done so far that the timing and ISN rules compare against. */
export class ScriptedHistory {
  /** Literal ISNs of its connections, oldest first. */
  readonly isns: number[] = [];
  /** The connection the fields below are about; a new one starts them afresh. */
  connection: Connection | null = null;
  /** Right edge of the window it last advertised (SEG.ACK + SEG.WND·2^scale), if any. */
  advertisedEdge: number | null = null;
  /** The highest ACK it has sent. */
  lastAck: number | null = null;
  /** Send times (µs) of each segment it sent, by first sequence number and kind. */
  readonly sends = new Map<string, number[]>();
  /**
   * Wire index before which no packet can be data the next ACK is the first to cover (another
   * sender's, empty, dropped, or covered by an ACK already sent), so the ACK-delay check does not
   * rescan the whole wire on every scripted ACK.
   */
  dataCursor = 0;
}

interface Finding {
  readonly id: DiagnosticId;
  readonly range: Range;
  readonly params: MessageParams;
}

const DELACK_LIMIT_US = 500_000; // RFC 9293 MUST-40

/** The first rule the scripted segment breaks, reported; nothing when it is one a correct stack could send. */
export function checkScriptedSegment(ctx: RunContext, stmt: PacketStmt, sender: WorldEndpoint, dst: WorldEndpoint, conn: Connection | null, seg: Segment): void {
  let history = ctx.scripted.get(sender.spec.name);
  if (!history) ctx.scripted.set(sender.spec.name, (history = new ScriptedHistory()));
  if (conn !== history.connection) {
    // A new incarnation starts afresh (the first SYN's shadow is created after it is sent: keep that).
    if (history.connection !== null) {
      history.advertisedEdge = history.lastAck = null;
      history.sends.clear();
    }
    history.connection = conn;
  }
  // What the peer has really sent (a stack peer's SND.NXT): SACK blocks and ACKs may not go beyond it.
  const peerSndNxt = dst.tcp?.connectionTo(sender.spec.address)?.sndNxt ?? null;
  const finding =
    isnRule(stmt, conn, seg, history) ??
    (conn
      ? (optionRules(stmt, conn, seg, peerSndNxt, (n) => ctx.symbols.symbolize(n)) ??
        sizeRules(ctx, stmt, conn, seg) ??
        keepaliveRule(ctx, stmt, conn, seg, sender, dst) ??
        ackRules(ctx, stmt, conn, seg, history, dst) ??
        retransmissionRules(ctx, stmt, conn, seg, history, sender))
      : null);
  remember(ctx, conn, seg, history, dst.spec.name);
  if (finding) ctx.report(finding.id, finding.range, finding.params);
}

// ---------------------------------------------------------------------------------------------
// TCP-ISN-PREDICTABLE (RFC 9293 §3.4.1): 0, an ISN used before, or a constant step.

function isnRule(stmt: PacketStmt, conn: Connection | null, seg: Segment, h: ScriptedHistory): Finding | null {
  const f = seg.flags;
  const written = stmt.fields.seq;
  if (!f.has('SYN') || !written || written.kind !== 'number') return null;
  const opens = f.has('ACK')
    ? conn !== null && conn.iss === 0 && conn.sndNxt === 0
    : conn === null || conn.state === 'CLOSED' || conn.state === 'TIME_WAIT' || (conn.state === 'SYN_SENT' && conn.sndNxt === 0);
  if (!opens) return null;
  const isn = seg.seq;
  const n = h.isns.length;
  const constantStep = n >= 2 && seqSub(isn, h.isns[n - 1]!) === seqSub(h.isns[n - 1]!, h.isns[n - 2]!);
  const reused = h.isns.includes(isn);
  h.isns.push(isn);
  if (isn !== 0 && !reused && !constantStep) return null;
  return { id: 'TCP-ISN-PREDICTABLE', range: stmt.fieldRanges.seq ?? written.range, params: { isn: String(isn) } };
}

// ---------------------------------------------------------------------------------------------
// TCP-OPT-SYN-ONLY, TCP-OPT-NOT-NEGOTIATED, TCP-SACK-BLOCK-INVALID (RFC 9293 §3.2, RFC 7323, RFC 2018).

const SYN_ONLY: Readonly<Partial<Record<string, string>>> = { mss: 'MSS', wscale: 'window scale', sackOK: 'SACK-permitted' };

function optionRules(stmt: PacketStmt, conn: Connection, seg: Segment, peerSndNxt: number | null, sym: (n: number) => string): Finding | null {
  const items = stmt.fields.options?.items ?? [];
  const syn = seg.flags.has('SYN');
  const synchronized = conn.state !== 'SYN_SENT' && conn.state !== 'LISTEN' && conn.state !== 'CLOSED';
  for (const o of items) {
    const name = SYN_ONLY[o.kind];
    if (!syn && name) return { id: 'TCP-OPT-SYN-ONLY', range: o.range, params: { option: name } };
    if (syn && seg.flags.has('ACK') && !conn.passive) continue; // simultaneous open: the SYN,ACK repeats our own offer
    if (syn && seg.flags.has('ACK') && o.kind === 'wscale' && !conn.wsOk) return notNegotiated(o.range, 'window scale', 'the SYN had no window scale option', 'SYN 中没有窗口缩放选项');
    if (syn && seg.flags.has('ACK') && o.kind === 'ts' && !conn.tsOk) return notNegotiated(o.range, 'timestamps', 'the SYN had no timestamps option', 'SYN 中没有时间戳选项');
    if (!syn && synchronized && o.kind === 'ts' && !conn.tsOk) return notNegotiated(o.range, 'timestamps', 'both SYNs must carry TSopt', '双方的 SYN 都必须带 TSopt');
    if (!syn && synchronized && o.kind === 'sack') {
      if (!conn.sackOk) return notNegotiated(o.range, 'SACK blocks', 'no SACK-permitted in both SYNs', '双方的 SYN 中没有都带 SACK-permitted');
      const invalid = sackProblem(o.blocks.length, items.some((i) => i.kind === 'ts'), seg, peerSndNxt, sym);
      if (invalid) return { id: 'TCP-SACK-BLOCK-INVALID', range: o.range, params: invalid };
    }
  }
  return null;
}

function notNegotiated(range: Range, option: string, detail: string, detailZh: string): Finding {
  return { id: 'TCP-OPT-NOT-NEGOTIATED', range, params: { option, detail, detailZh } };
}

/** RFC 2018 §3–§4: at most 4 blocks (3 beside timestamps), left < right, nothing above what the peer sent. */
function sackProblem(count: number, withTs: boolean, seg: Segment, peerSndNxt: number | null, sym: (n: number) => string): MessageParams | null {
  if (count > (withTs ? 3 : 4)) {
    return { problem: `${count} blocks; at most ${withTs ? '3 fit beside timestamps' : '4 fit'} in the 40-byte option space`, problemZh: `${count} 个块；40 字节的选项空间最多容纳 ${withTs ? '3 个（与时间戳同时）' : '4 个'}` };
  }
  for (const o of seg.options) {
    if (o.kind !== 'sack') continue;
    for (const [left, right] of o.blocks) {
      const block = `${sym(left)}:${sym(right)}`;
      if (!seqLt(left, right)) return { problem: `empty or inverted block ${block}`, problemZh: `空的或颠倒的块 ${block}` };
      if (peerSndNxt !== null && seqGt(right, peerSndNxt)) return { problem: `block ${block} reaches above what the peer ever sent`, problemZh: `块 ${block} 超出了对端发送过的数据` };
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// TCP-MSS-EXCEEDED (RFC 9293 §3.7.1), TCP-WND-OVERRUN (§3.8.6), TCP-ZWP (§3.8.6.1).

function sizeRules(ctx: RunContext, stmt: PacketStmt, conn: Connection, seg: Segment): Finding | null {
  const len = seg.payload.length;
  if (len === 0 || seg.flags.has('SYN')) return null;
  const range = stmt.fieldRanges.data ?? stmt.fieldRanges.len ?? stmt.range;
  const mss = conn.sndMss - (conn.tsOk ? 12 : 0);
  if (len > mss) {
    const peer = conn.peerMss === null ? 'the peer sent no MSS option: 536 by default' : `the peer advertised ${conn.peerMss}`;
    const peerZh = conn.peerMss === null ? '对端没有发送 MSS 选项：默认 536' : `对端通告的是 ${conn.peerMss}`;
    const ts = conn.tsOk ? ', less 12 bytes of timestamps' : '';
    return { id: 'TCP-MSS-EXCEEDED', range, params: { len, mss, peerMss: peer + ts, peerMssZh: peerZh + (conn.tsOk ? '，再减去 12 字节的时间戳' : '') } };
  }
  const end = seqAdd(seg.seq, len);
  const edge = seqAdd(conn.sndUna, conn.sndWnd);
  if (conn.sndWnd === 0 && len > 1) {
    return { id: 'TCP-ZWP', range, params: { problem: `${len} bytes sent into a zero window; only a probe of at most one octet may go (RFC 9293 MUST-36)`, problemZh: `向零窗口发送了 ${len} 字节；只允许发送最多一个字节的探测（RFC 9293 MUST-36）` } };
  }
  if (conn.sndWnd > 0 && seqGt(end, edge)) {
    return { id: 'TCP-WND-OVERRUN', range, params: { seqEnd: ctx.symbols.symbolize(end), windowEdge: ctx.symbols.symbolize(edge), win: conn.sndWnd >>> conn.sndWscale, ws: conn.sndWscale } };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// TCP-KEEPALIVE-MISUSE (RFC 9293 §3.8.4): SEG.SEQ = SND.NXT−1 with 0 or 1 octet, judged against
// the sender's own `keepalive` (SO_KEEPALIVE, MUST-24/25: off by default) and
// `tcp_keepalive_time` (MUST-26/28: idle at least that long; default 7200 s).

function keepaliveRule(ctx: RunContext, stmt: PacketStmt, conn: Connection, seg: Segment, sender: WorldEndpoint, dst: WorldEndpoint): Finding | null {
  if (seg.flags.has('SYN') || seg.flags.has('FIN') || seg.flags.has('RST') || seg.payload.length > 1) return null;
  // SND.NXT−1 with one octet is also a retransmission of the last byte when only it is outstanding.
  if (seg.seq !== seqSub(conn.sndNxt, 1) >>> 0 || (conn.sndUna !== conn.sndNxt && !seqGt(seg.seq, conn.sndUna))) return null;
  const range = stmt.fieldRanges.seq ?? stmt.range;
  if (!sender.settings.keepalive) {
    return {
      id: 'TCP-KEEPALIVE-MISUSE',
      range,
      params: {
        problem: `keep-alive was not enabled for this connection (it is off by default, MUST-24/25: set ${sender.spec.name} keepalive 1)`,
        problemZh: `这个连接没有启用保活（默认关闭，MUST-24/25：set ${sender.spec.name} keepalive 1）`,
      },
    };
  }
  if (conn.sndUna !== conn.sndNxt) {
    return { id: 'TCP-KEEPALIVE-MISUSE', range, params: { problem: 'data is outstanding (SND.UNA ≠ SND.NXT); keep-alives are only for an idle connection', problemZh: '还有未确认的数据（SND.UNA ≠ SND.NXT）；保活探测只用于空闲连接' } };
  }
  const idle = ctx.now - lastActivity(ctx, dst.spec.name);
  const time = sender.settings.tcp_keepalive_time;
  if (idle < time) {
    const s = (idle / 1e6).toFixed(0);
    const t = +(time / 1e6).toFixed(3);
    return {
      id: 'TCP-KEEPALIVE-MISUSE',
      range,
      params: {
        problem: `sent after ${s} s idle, before tcp_keepalive_time ${t} s (MUST-26; the default must be no less than two hours, Linux 7200 s)`,
        problemZh: `空闲 ${s} 秒后就发送，早于 tcp_keepalive_time ${t} 秒（MUST-26；默认值不得少于两小时，Linux 为 7200 秒）`,
      },
    };
  }
  return null;
}

/** When the peer last sent anything (µs). */
function lastActivity(ctx: RunContext, peer: string): number {
  const wire = ctx.world.network.wire;
  for (let i = wire.length - 1; i >= 0; i--) if (wire[i]!.src === peer) return wire[i]!.sentAt;
  return 0;
}

// ---------------------------------------------------------------------------------------------
// TCP-WND-SHRINK (§3.8.6 SHLD-14), TCP-DELACK-TOO-LONG (MUST-40).

function ackRules(ctx: RunContext, stmt: PacketStmt, conn: Connection, seg: Segment, h: ScriptedHistory, dst: WorldEndpoint): Finding | null {
  if (!seg.flags.has('ACK') || seg.flags.has('SYN') || seg.flags.has('RST')) return null;
  const ackRange = stmt.fieldRanges.ack ?? stmt.range;
  const edge = advertisedEdge(conn, seg);
  if (h.advertisedEdge !== null && seqLt(edge, h.advertisedEdge)) {
    return { id: 'TCP-WND-SHRINK', range: stmt.fieldRanges.win ?? stmt.range, params: { old: ctx.symbols.symbolize(h.advertisedEdge), new: ctx.symbols.symbolize(edge) } };
  }
  const firstUnacked = firstDataAfter(ctx, dst.spec.name, h, seg.ack);
  if (firstUnacked !== null && ctx.now - firstUnacked > DELACK_LIMIT_US) {
    return { id: 'TCP-DELACK-TOO-LONG', range: stmt.time?.range ?? ackRange, params: { t0: `${(firstUnacked / 1e6).toFixed(3)}s`, delay: Math.round((ctx.now - firstUnacked) / 1000) } };
  }
  return null;
}

/** SEG.ACK + SEG.WND·2^scale: the right edge of the window a segment advertises (scaled only once negotiated). */
function advertisedEdge(conn: Connection, seg: Segment): number {
  return seqAdd(seg.ack, seg.win << (conn.wsOk ? conn.rcvWscale : 0));
}

/** Arrival time of the first data from `peer` that this ACK is the first to cover. */
function firstDataAfter(ctx: RunContext, peer: string, h: ScriptedHistory, ack: number): number | null {
  const wire = ctx.world.network.wire;
  const lastAck = h.lastAck;
  for (let i = h.dataCursor; i < wire.length; i++) {
    const p = wire[i]!;
    if (p.src !== peer || p.dropped || p.segment.payload.length === 0 || p.delivery !== 'delivered') continue;
    const end = seqAdd(p.segment.seq, p.segment.payload.length);
    if (seqGt(end, ack)) continue;
    if (lastAck !== null && !seqGt(end, lastAck)) continue;
    return p.arrival;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// TCP-RTO-BOUNDS, TCP-RTO-BACKOFF, TCP-RTO-EARLY (RFC 6298 §2, §5).

function retransmissionRules(ctx: RunContext, stmt: PacketStmt, conn: Connection, seg: Segment, h: ScriptedHistory, sender: WorldEndpoint): Finding | null {
  const times = h.sends.get(sendKey(seg));
  if (!times || times.length === 0 || !carriesSequence(seg)) return null;
  const s = sender.settings;
  const last = times[times.length - 1]!;
  const dt = ctx.now - last;
  const range = stmt.time?.range ?? stmt.range;
  const k = times.length; // this is retransmission #k
  const syn = seg.flags.has('SYN');
  if (syn && k === 1 && dt < s.initialRto) {
    return { id: 'TCP-RTO-BOUNDS', range, params: { value: `${dt / 1000} ms`, min: `${s.initialRto / 1e6} s`, max: `${s.maxRto / 1e6} s` } };
  }
  if (!syn && dt < s.minRto && conn.duplicateAcks < 3) {
    return { id: 'TCP-RTO-EARLY', range, params: { seq: ctx.symbols.symbolize(seg.seq), dt: Math.round(dt / 1000), rto: Math.round(Math.max(conn.rto, s.minRto) / 1000) } };
  }
  if (k >= 2) {
    const previous = last - times[times.length - 2]!;
    const linear = syn && !seg.flags.has('ACK') && s.profile === 'linux' && k <= s.tcp_syn_linear_timeouts;
    const needed = linear ? previous : Math.min(previous * 2, s.maxRto);
    if (dt + 1000 < needed) {
      return { id: 'TCP-RTO-BACKOFF', range, params: { k, interval: (dt / 1e6).toFixed(3), minInterval: (needed / 1e6).toFixed(3) } };
    }
  }
  return null;
}

function carriesSequence(seg: Segment): boolean {
  return seg.payload.length > 0 || seg.flags.has('SYN') || seg.flags.has('FIN');
}

function sendKey(seg: Segment): string {
  const kind: FlagName[] = (['SYN', 'FIN'] as const).filter((f) => seg.flags.has(f));
  return `${seg.seq}:${kind.join(',')}:${seg.payload.length}`;
}

function remember(ctx: RunContext, conn: Connection | null, seg: Segment, h: ScriptedHistory, peer: string): void {
  if (carriesSequence(seg)) {
    const key = sendKey(seg);
    const times = h.sends.get(key) ?? [];
    times.push(ctx.now);
    h.sends.set(key, times);
  }
  if (seg.flags.has('ACK') && !seg.flags.has('RST')) {
    if (h.lastAck === null || seqGt(seg.ack, h.lastAck)) h.lastAck = seg.ack;
    const wire = ctx.world.network.wire;
    for (; h.dataCursor < wire.length; h.dataCursor++) {
      const p = wire[h.dataCursor]!;
      // Data still to arrive (in flight, or held by a reorder) may be covered by a later ACK: stop there.
      const data = p.src === peer && !p.dropped && p.segment.payload.length > 0;
      if (data && (p.delivery !== 'delivered' || seqGt(seqAdd(p.segment.seq, p.segment.payload.length), h.lastAck))) break;
    }
    if (!seg.flags.has('SYN') && conn) {
      const edge = advertisedEdge(conn, seg);
      if (h.advertisedEdge === null || seqGt(edge, h.advertisedEdge)) h.advertisedEdge = edge;
    }
  }
}

