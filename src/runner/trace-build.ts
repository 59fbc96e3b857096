// Turns the world after a run into the RunResult the CLI prints and the panel draws.
import type { Diagnostic } from '../language/diagnostics/diagnostic';
import type { PacketStmt } from '../language/ast';
import { addressText, flagList, optionText } from '../engine/tcp/segment';
import type { RunContext } from './context';
import { describePacket } from './expect-packet';
import type { Header } from './index';
import type { RunResult, TraceIcmp, TracePacket } from './trace';
import type { IcmpUnreachable } from '../engine/tcp/icmp';
import { icmpKindName } from '../language/keywords';

const MAX_PAYLOAD_HEX_BYTES = 4096;
/** An ICMP error quotes 548 bytes of the datagram at most (wire/icmp.ts): 20 IP + 20 TCP + 508. */
const QUOTED_PAYLOAD_BYTES = 508;
/** ICMPv6 quotes 1,232 bytes at most (wire/icmp6.ts): 40 IPv6 + 20 TCP + 1,172. */
const QUOTED_PAYLOAD_BYTES_V6 = 1172;

export function buildTrace(ctx: RunContext, header: Header, diagnostics: Diagnostic[]): RunResult {
  const world = ctx.world;
  const seen = new Map<string, number>();
  const packets: TracePacket[] = world.network.wire.map((p) => {
    const s = p.segment;
    const key = `${p.src}|${s.seq}|${s.payload.length}|${[...s.flags].sort().join()}`;
    const retransmission = (s.payload.length > 0 || s.flags.has('SYN') || s.flags.has('FIN')) && seen.has(key);
    seen.set(key, p.id);
    const packet: TracePacket = {
      id: p.id,
      order: world.packetOrder[p.id] ?? p.id,
      time: p.sentAt / 1e6,
      arrival: p.arrival / 1e6,
      src: p.src,
      dst: p.dst,
      srcAddr: addressText(s.src),
      dstAddr: addressText(s.dst),
      flags: flagList(s.flags),
      seq: s.seq,
      ack: s.ack,
      len: s.payload.length,
      win: s.win,
      options: s.options.map(optionText),
      payloadHex: hex(s.payload.subarray(0, MAX_PAYLOAD_HEX_BYTES)),
      line: p.line,
      label: shorten(ctx.labels.get(p.id) ?? describePacket(ctx, s)),
      dropped: p.dropped,
      retransmission,
      tls: ctx.tls.get(p.src)?.recordsIn(p) ?? [],
    };
    return s.icmp ? { ...packet, icmp: traceIcmp(s.icmp) } : packet;
  });
  return {
    title: header.title,
    profile: header.profile,
    seed: header.seed,
    diagnostics,
    packets,
    states: world.states,
    tlsStates: world.tlsStates,
    timers: world.timers,
    endpoints: header.endpoints.map((e) => ({ name: e.name, address: addressText(e.address), kind: e.kind, state: world.stateOf(e.name) })),
    symbols: ctx.symbols.entries(),
    keylog: ctx.keylog,
    durationVirtual: world.network.now / 1e6,
  };
}

/** A packet line's label in the script's own words: from the flags to the last field. */
export function packetLabel(stmt: PacketStmt, source: readonly string[]): string {
  const line = source[stmt.flags.range.start.line] ?? '';
  let end = stmt.flags.range.end.character;
  for (const r of Object.values(stmt.fieldRanges)) if (r && r.start.line === stmt.flags.range.start.line) end = Math.max(end, r.end.character);
  return line.slice(stmt.flags.range.start.character, end).trim();
}

function traceIcmp(icmp: IcmpUnreachable): TraceIcmp {
  const q = icmp.quoted;
  return {
    type: icmp.type,
    code: icmp.code,
    kind: icmpKindName(icmp.code, icmp.type),
    mtu: icmp.mtu,
    quoted: {
      srcAddr: addressText(q.src),
      dstAddr: addressText(q.dst),
      flags: flagList(q.flags),
      seq: q.seq,
      ack: q.ack,
      win: q.win,
      len: q.payload.length,
      options: q.options.map(optionText),
      payloadHex: hex(q.payload.subarray(0, icmp.type === 1 ? QUOTED_PAYLOAD_BYTES_V6 : QUOTED_PAYLOAD_BYTES)),
    },
  };
}

function hex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** Labels are arrow captions: a 70 KB data string is cut (the packet keeps every byte). */
function shorten(label: string): string {
  return label.length <= MAX_LABEL ? label : `${label.slice(0, MAX_LABEL - 1)}…`;
}

const MAX_LABEL = 240;
