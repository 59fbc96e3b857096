// A trace packet (plain JSON: addresses, flags and options as the script spells them, payload as
// hex) → the wire/ TcpPacket that is written out. Each string is read once, by hand, with no
// regular expressions or splitting on the hot path: addresses and the options that repeat
// (`mss 1460`, `nop`, …) are cached; `ts val=… ecr=…` and `sack l:r …` are scanned digit by digit.
import type { TraceIcmp, TracePacket } from '../runner/trace';
import { icmpPacketLength, writeIcmpUnreachable, type IcmpUnreachablePacket } from '../wire/icmp';
import { ACK, CWR, ECE, FIN, PSH, RST, SYN, URG, type TcpOption, type TcpPacket } from '../wire/packet';
import { zeroedBytes } from '../wire/slab';
import { packetLength, serialize, writePacket } from '../wire/write';
import type { ByteWriter } from './blocks';

/** A packet record's captured and original length (the same: nothing is truncated), then its bytes. */
export function writeCapturedPacket(w: ByteWriter, p: TracePacket): void {
  if (p.icmp) {
    const icmp = traceIcmpToWire(p, p.icmp);
    const length = icmpPacketLength(icmp);
    w.u32(length);
    w.u32(length);
    writeIcmpUnreachable(icmp, w.reserve(length), w.at);
    w.at += length;
    return;
  }
  const wire = tracePacketToWire(p);
  const length = packetLength(wire);
  w.u32(length);
  w.u32(length);
  writePacket(wire, w.reserve(length), w.at);
  w.at += length;
}

/** What a TCP packet's bytes are made of (a TracePacket, or the segment an ICMP quotes). */
export type TcpPacketFields = Pick<TracePacket, 'id' | 'srcAddr' | 'dstAddr' | 'seq' | 'ack' | 'flags' | 'win' | 'options' | 'payloadHex' | 'len'>;

/** An ICMP error in the trace → its IPv4 (ICMPv4) or IPv6 (ICMPv6) packet, quoting the IP + TCP bytes of the segment it is about. */
export function traceIcmpToWire(p: TracePacket, icmp: TraceIcmp): IcmpUnreachablePacket {
  const q = icmp.quoted;
  // the quoted IP header keeps the datagram's real length; bytes past the hex (beyond the quote) are never written
  const quoted = serialize(tracePacketToWire({ ...q, id: p.id }));
  const src = address(p.srcAddr);
  const dst = address(p.dstAddr);
  const v6 = icmp.type === 1;
  return { src: v6 ? src.ip6 : src.ip4, dst: v6 ? dst.ip6 : dst.ip4, id: p.id & 0xffff, ttl: 64, code: icmp.code, mtu: icmp.mtu, quoted };
}

export function tracePacketToWire(p: TcpPacketFields): TcpPacket {
  const src = address(p.srcAddr);
  const dst = address(p.dstAddr);
  const v6 = src.v6;
  return {
    src: v6 ? src.ip6 : src.ip4,
    dst: v6 ? dst.ip6 : dst.ip4,
    id: p.id & 0xffff,
    ttl: 64,
    srcPort: src.port,
    dstPort: dst.port,
    seq: p.seq,
    ack: p.ack,
    flags: flagBits(p.flags),
    window: p.win,
    urgent: 0,
    options: options(p.options),
    payload: payload(p.payloadHex, p.len),
  };
}

// ---------------------------------------------------------------- addresses

interface Address {
  readonly v6: boolean;
  readonly ip4: Uint8Array;
  readonly ip6: Uint8Array;
  readonly port: number;
}

const addresses = new Map<string, Address>();

/** `10.0.0.1:80` or `[fd00::1]:80`, cached: a run has a handful of addresses. */
function address(text: string): Address {
  let a = addresses.get(text);
  if (a === undefined) {
    const m = /^\[(.+)\]:(\d+)$/.exec(text) ?? /^(.+):(\d+)$/.exec(text);
    const ip = m?.[1] ?? '0.0.0.0';
    a = { v6: ip.includes(':'), ip4: ipv4Bytes(ip), ip6: ipv6Bytes(ip), port: Number(m?.[2] ?? 0) };
    if (addresses.size < 4096) addresses.set(text, a);
  }
  return a;
}

/** Always 4 bytes: missing parts are 0 (the runner reports malformed addresses). */
function ipv4Bytes(ip: string): Uint8Array {
  const out = new Uint8Array(4);
  ip.split('.').slice(0, 4).forEach((x, i) => (out[i] = Number(x) & 0xff));
  return out;
}

/** Always 16 bytes: groups past the eighth are ignored (the runner reports malformed addresses). */
function ipv6Bytes(ip: string): Uint8Array {
  const [head = '', tail = ''] = ip.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...h, ...Array<string>(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t] : h;
  const out = new Uint8Array(16);
  groups.slice(0, 8).forEach((g, i) => {
    const n = parseInt(g || '0', 16);
    out[i * 2] = (n >>> 8) & 0xff;
    out[i * 2 + 1] = n & 0xff;
  });
  return out;
}

// ---------------------------------------------------------------- flags

function flagBits(flags: readonly string[]): number {
  let bits = 0;
  for (const f of flags) bits |= flagBit(f);
  return bits;
}

/** By first letter (all eight differ), then the whole name. */
function flagBit(f: string): number {
  switch (f.charCodeAt(0)) {
    case 70: // F
      return f === 'FIN' ? FIN : 0;
    case 83: // S
      return f === 'SYN' ? SYN : 0;
    case 82: // R
      return f === 'RST' ? RST : 0;
    case 80: // P
      return f === 'PSH' ? PSH : 0;
    case 65: // A
      return f === 'ACK' ? ACK : 0;
    case 85: // U
      return f === 'URG' ? URG : 0;
    case 69: // E
      return f === 'ECE' ? ECE : 0;
    case 67: // C
      return f === 'CWR' ? CWR : 0;
    default:
      return 0;
  }
}

// ---------------------------------------------------------------- options

const NO_OPTIONS: readonly TcpOption[] = [];
/** Options that repeat across packets (all but ts and sack), by spelling; null = spells nothing. */
const optionCache = new Map<string, TcpOption | null>();

function options(texts: readonly string[]): readonly TcpOption[] {
  if (texts.length === 0) return NO_OPTIONS;
  const out: TcpOption[] = [];
  for (const text of texts) {
    const o = option(text);
    if (o !== null) out.push(o);
  }
  return out;
}

function option(text: string): TcpOption | null {
  const cached = optionCache.get(text);
  if (cached !== undefined) return cached;
  const fast = text.startsWith('ts ') ? timestamp(text) : text.startsWith('sack ') ? sack(text) : undefined;
  if (fast !== undefined) return fast;
  const o = spelledOption(text);
  if (!text.startsWith('ts') && !text.startsWith('sack ') && optionCache.size < 256) optionCache.set(text, o);
  return o;
}

/** Any spelling, the general way (`Number()` of each field, so `mss 0x10` and `mss x` mean what they always did). */
function spelledOption(text: string): TcpOption | null {
  const [kind, ...rest] = text.split(' ');
  if (kind === 'nop') return { kind: 'nop' };
  if (kind === 'eol') return { kind: 'eol' };
  if (kind === 'mss') return { kind: 'mss', value: Number(rest[0]) };
  if (kind === 'wscale') return { kind: 'wscale', value: Number(rest[0]) };
  if (kind === 'sackOK') return { kind: 'sackOK' };
  if (kind === 'sack') return { kind: 'sack', blocks: rest.map((b) => b.split(':').map(Number)).map(([l, r]) => [Number(l), Number(r)] as const) };
  if (kind === 'ts') return { kind: 'ts', val: Number(/val=(\d+)/.exec(text)?.[1] ?? 0), ecr: Number(/ecr=(\d+)/.exec(text)?.[1] ?? 0) };
  // TCP Fast Open (RFC 7413): kind 34, the cookie's bytes (none for a cookie request).
  if (kind === 'tfo') return { kind: 'other', code: 34, data: Uint8Array.from((rest[0] ?? '').match(/../g) ?? [], (h) => parseInt(h, 16)) };
  return null;
}

/** `ts val=N ecr=M` as the runner writes it, or undefined for any other spelling. */
function timestamp(text: string): TcpOption | undefined {
  if (!text.startsWith('val=', 3)) return undefined;
  const val = digits(text, 7);
  if (val === undefined || !text.startsWith(' ecr=', val.end)) return undefined;
  const ecr = digits(text, val.end + 5);
  if (ecr === undefined || ecr.end !== text.length) return undefined;
  return { kind: 'ts', val: val.value, ecr: ecr.value };
}

/** `sack L:R L:R …` as the runner writes it, or undefined for any other spelling. */
function sack(text: string): TcpOption | undefined {
  const blocks: [number, number][] = [];
  let at = 5;
  for (;;) {
    const left = digits(text, at);
    if (left === undefined || text.charCodeAt(left.end) !== 58) return undefined; // ':'
    const right = digits(text, left.end + 1);
    if (right === undefined) return undefined;
    blocks.push([left.value, right.value]);
    if (right.end === text.length) return { kind: 'sack', blocks };
    if (text.charCodeAt(right.end) !== 32) return undefined;
    at = right.end + 1;
  }
}

/** 1–15 decimal digits at `at` (exact in a double), or undefined. */
function digits(text: string, at: number): { value: number; end: number } | undefined {
  let value = 0;
  let i = at;
  for (; i < text.length && i - at < 16; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    value = value * 10 + c;
  }
  return i === at || i - at > 15 ? undefined : { value, end: i };
}

// ---------------------------------------------------------------- payload

const EMPTY = new Uint8Array(0);
const NIBBLE = (() => {
  const t = new Uint8Array(128);
  for (let c = 0; c < 10; c++) t[48 + c] = c;
  for (let c = 0; c < 6; c++) t[97 + c] = t[65 + c] = 10 + c;
  return t;
})();

/** `len` bytes: the hex (the trace may keep only the start of a huge payload), then zeros. */
function payload(hex: string, len: number): Uint8Array {
  if (len <= 0) return EMPTY;
  const out = zeroedBytes(len);
  const n = Math.min(len, hex.length >> 1);
  for (let i = 0; i < n; i++) out[i] = (nibble(hex.charCodeAt(2 * i)) << 4) | nibble(hex.charCodeAt(2 * i + 1));
  return out;
}

function nibble(c: number): number {
  return c < 128 ? NIBBLE[c]! : 0;
}
