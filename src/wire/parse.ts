// Bytes from the IP header on → a ParsedTcpPacket: every IPv4/IPv6 and TCP header field, the
// options as objects and the payload, or null when the bytes are not one whole TCP segment
// (not IP, not TCP, a fragment, truncated headers). Checksums are read, not verified.
// IPv4 total length 0 (TSO super-segments in captures) means "what was captured"; IPv6
// hop-by-hop, routing and destination-options headers are skipped.
import type { ParsedTcpPacket, TcpOption } from './packet';

export function parsePacket(ip: Uint8Array): ParsedTcpPacket | null {
  const version = ip.length > 0 ? ip[0]! >> 4 : 0;
  if (version === 4) return ipv4(ip);
  if (version === 6) return ipv6(ip);
  return null;
}

function ipv4(ip: Uint8Array): ParsedTcpPacket | null {
  if (ip.length < 20) return null;
  const ihl = (ip[0]! & 0x0f) * 4;
  const length = get16(ip, 2);
  const total = length === 0 ? ip.length : Math.min(length, ip.length);
  const fragment = get16(ip, 6);
  if (ip[9] !== 6 || (fragment & 0x3fff) !== 0 || ihl < 20 || total < ihl || !tcpFits(ip, ihl, total)) return null;
  const p = new Packet(ip, ihl, total, view(ip, 12, 4), view(ip, 16, 4));
  p.version = 4;
  p.tos = ip[1]!;
  p.ipLength = length;
  p.id = get16(ip, 4);
  p.ipFlags = fragment >>> 13;
  p.ttl = ip[8]!;
  p.ipChecksum = get16(ip, 10);
  return p;
}

function ipv6(ip: Uint8Array): ParsedTcpPacket | null {
  if (ip.length < 40) return null;
  const length = get16(ip, 4);
  const end = Math.min(40 + length, ip.length);
  let next = ip[6]!;
  let at = 40;
  while ((next === 0 || next === 43 || next === 60) && at + 8 <= end) {
    next = ip[at]!;
    at += (ip[at + 1]! + 1) * 8;
  }
  if (next !== 6 || !tcpFits(ip, at, end)) return null;
  const p = new Packet(ip, at, end, view(ip, 8, 16), view(ip, 24, 16));
  p.version = 6;
  p.tos = ((ip[0]! & 0x0f) << 4) | (ip[1]! >> 4);
  p.flowLabel = ((ip[1]! & 0x0f) << 16) | get16(ip, 2);
  p.ipLength = length;
  p.ttl = ip[7]!;
  return p;
}

/** A TCP header with a sane data offset fits in ip[from, end). */
function tcpFits(ip: Uint8Array, from: number, end: number): boolean {
  if (end - from < 20) return false;
  const header = (ip[from + 12]! >> 4) * 4;
  return header >= 20 && header <= end - from;
}

/** The TCP fields are read here; ipv4() and ipv6() fill in the IP ones. */
class Packet implements ParsedTcpPacket {
  version: 4 | 6 = 4;
  readonly ipHeaderLength: number;
  tos = 0;
  flowLabel = 0;
  ipLength = 0;
  id = 0;
  ipFlags = 0;
  ttl = 0;
  ipChecksum = 0;
  readonly srcPort: number;
  readonly dstPort: number;
  readonly seq: number;
  readonly ack: number;
  readonly tcpHeaderLength: number;
  readonly reserved: number;
  readonly flags: number;
  readonly window: number;
  readonly tcpChecksum: number;
  readonly urgent: number;
  readonly options: readonly TcpOption[];
  readonly payload: Uint8Array;

  constructor(ip: Uint8Array, from: number, end: number, readonly src: Uint8Array, readonly dst: Uint8Array) {
    const header = (ip[from + 12]! >> 4) * 4;
    this.ipHeaderLength = from;
    this.srcPort = get16(ip, from);
    this.dstPort = get16(ip, from + 2);
    this.seq = get32(ip, from + 4);
    this.ack = get32(ip, from + 8);
    this.tcpHeaderLength = header;
    this.reserved = ip[from + 12]! & 0x0f;
    this.flags = ip[from + 13]!;
    this.window = get16(ip, from + 14);
    this.tcpChecksum = get16(ip, from + 16);
    this.urgent = get16(ip, from + 18);
    this.options = parseOptions(ip, from + 20, from + header);
    this.payload = view(ip, from + header, end - from - header);
  }
}

const EOL: TcpOption = { kind: 'eol' };
const NOP: TcpOption = { kind: 'nop' };
const SACK_OK: TcpOption = { kind: 'sackOK' };

/** Options in bytes[from, to): up to an EOL (kept; the rest is padding) or a malformed length. */
export function parseOptions(b: Uint8Array, from: number, to: number): TcpOption[] {
  const out: TcpOption[] = [];
  for (let i = from; i < to; ) {
    const kind = b[i]!;
    if (kind === 0) {
      out.push(EOL);
      break;
    }
    if (kind === 1) {
      out.push(NOP);
      i++;
      continue;
    }
    const len = i + 1 < to ? b[i + 1]! : 0;
    if (len < 2 || i + len > to) break;
    if (kind === 2 && len === 4) out.push({ kind: 'mss', value: get16(b, i + 2) });
    else if (kind === 3 && len === 3) out.push({ kind: 'wscale', value: b[i + 2]! });
    else if (kind === 4 && len === 2) out.push(SACK_OK);
    else if (kind === 8 && len === 10) out.push({ kind: 'ts', val: get32(b, i + 2), ecr: get32(b, i + 6) });
    else if (kind === 5 && (len - 2) % 8 === 0) out.push({ kind: 'sack', blocks: sackBlocks(b, i + 2, i + len) });
    else out.push({ kind: 'other', code: kind, data: view(b, i + 2, len - 2) });
    i += len;
  }
  return out;
}

function sackBlocks(b: Uint8Array, from: number, to: number): [number, number][] {
  const blocks: [number, number][] = [];
  for (let at = from; at + 8 <= to; at += 8) blocks.push([get32(b, at), get32(b, at + 4)]);
  return blocks;
}

/**
 * bytes[at, at + n) without copying. The last array's buffer and offset are remembered: their
 * getters cost as much as the view itself, and a packet asks for three or four views.
 */
function view(b: Uint8Array, at: number, n: number): Uint8Array {
  if (b !== lastArray) {
    lastArray = b;
    lastBuffer = b.buffer;
    lastOffset = b.byteOffset;
  }
  return new Uint8Array(lastBuffer, lastOffset + at, n);
}

let lastArray: Uint8Array | null = null;
let lastBuffer: ArrayBufferLike = new ArrayBuffer(0);
let lastOffset = 0;

function get16(b: Uint8Array, at: number): number {
  return (b[at]! << 8) | b[at + 1]!;
}

function get32(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
}
