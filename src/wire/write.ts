// A TcpPacket → the bytes on the wire, written in place: the IPv4 (DF, TTL from the packet) or
// IPv6 header, the TCP header with its options padded to 4 bytes, the payload, and both
// checksums. Every field is masked to its width, as the wire would.
import { finish, pseudoHeaderSum, sumWords } from './checksum';
import type { TcpOption, TcpPacket } from './packet';
import { zeroedBytes } from './slab';

/** Bytes of the options without padding. */
export function optionsLength(options: readonly TcpOption[]): number {
  let n = 0;
  for (const o of options) n += optionLength(o);
  return n;
}

function optionLength(o: TcpOption): number {
  switch (o.kind) {
    case 'eol':
    case 'nop':
      return 1;
    case 'mss':
      return 4;
    case 'wscale':
      return 3;
    case 'sackOK':
      return 2;
    case 'sack':
      return 2 + 8 * o.blocks.length;
    case 'ts':
      return 10;
    case 'other':
      return 2 + o.data.length;
  }
}

/** The packet's length on the wire. */
export function packetLength(p: TcpPacket): number {
  return (p.src.length === 16 ? 40 : 20) + tcpHeaderLength(p) + p.payload.length;
}

function tcpHeaderLength(p: TcpPacket): number {
  return 20 + ((optionsLength(p.options) + 3) & ~3);
}

/** Writes the packet at `at` (the bytes there must be zero, as in a new array); returns its length. */
export function writePacket(p: TcpPacket, out: Uint8Array, at: number): number {
  return write(p, out, at, tcpHeaderLength(p));
}

/** A new array holding just the packet (carved from a shared block: see slab.ts). */
export function serialize(p: TcpPacket): Uint8Array {
  const header = tcpHeaderLength(p);
  const out = zeroedBytes((p.src.length === 16 ? 40 : 20) + header + p.payload.length);
  write(p, out, 0, header);
  return out;
}

function write(p: TcpPacket, out: Uint8Array, at: number, header: number): number {
  const v6 = p.src.length === 16;
  const tcpAt = at + (v6 ? 40 : 20);
  const tcpLength = writeTcp(p, out, tcpAt, header);
  const sum = finish(pseudoHeaderSum(p.src, p.dst, tcpLength) + sumWords(out, tcpAt, tcpAt + tcpLength));
  out[tcpAt + 16] = sum >>> 8;
  out[tcpAt + 17] = sum & 0xff;
  if (v6) writeIpv6(p, out, at, tcpLength);
  else writeIpv4(p, out, at, tcpLength);
  return tcpAt - at + tcpLength;
}

function writeIpv4(p: TcpPacket, out: Uint8Array, at: number, tcpLength: number): void {
  const total = 20 + tcpLength;
  out[at] = 0x45;
  out[at + 2] = (total >>> 8) & 0xff;
  out[at + 3] = total & 0xff;
  out[at + 4] = (p.id >>> 8) & 0xff;
  out[at + 5] = p.id & 0xff;
  out[at + 6] = 0x40; // DF
  out[at + 8] = p.ttl & 0xff;
  out[at + 9] = 6;
  copy(p.src, out, at + 12);
  copy(p.dst, out, at + 16);
  const sum = finish(sumWords(out, at, at + 20));
  out[at + 10] = sum >>> 8;
  out[at + 11] = sum & 0xff;
}

function writeIpv6(p: TcpPacket, out: Uint8Array, at: number, tcpLength: number): void {
  out[at] = 0x60;
  out[at + 4] = (tcpLength >>> 8) & 0xff;
  out[at + 5] = tcpLength & 0xff;
  out[at + 6] = 6;
  out[at + 7] = p.ttl & 0xff;
  copy(p.src, out, at + 8);
  copy(p.dst, out, at + 24);
}

/** The TCP header (checksum 0), options and payload at `at`; returns the segment's length. */
function writeTcp(p: TcpPacket, out: Uint8Array, at: number, header: number): number {
  put16(out, at, p.srcPort);
  put16(out, at + 2, p.dstPort);
  put32(out, at + 4, p.seq);
  put32(out, at + 8, p.ack);
  out[at + 12] = ((header / 4) << 4) & 0xff;
  out[at + 13] = p.flags & 0xff;
  put16(out, at + 14, p.window);
  put16(out, at + 18, p.urgent);
  let o = at + 20;
  for (const opt of p.options) o = writeOption(opt, out, o);
  copy(p.payload, out, at + header);
  return header + p.payload.length;
}

function writeOption(o: TcpOption, out: Uint8Array, at: number): number {
  switch (o.kind) {
    case 'eol':
      out[at] = 0;
      return at + 1;
    case 'nop':
      out[at] = 1;
      return at + 1;
    case 'mss':
      out[at] = 2;
      out[at + 1] = 4;
      put16(out, at + 2, o.value);
      return at + 4;
    case 'wscale':
      out[at] = 3;
      out[at + 1] = 3;
      out[at + 2] = o.value & 0xff;
      return at + 3;
    case 'sackOK':
      out[at] = 4;
      out[at + 1] = 2;
      return at + 2;
    case 'sack': {
      out[at] = 5;
      out[at + 1] = (2 + 8 * o.blocks.length) & 0xff;
      let b = at + 2;
      for (const [left, right] of o.blocks) {
        put32(out, b, left);
        put32(out, b + 4, right);
        b += 8;
      }
      return b;
    }
    case 'ts':
      out[at] = 8;
      out[at + 1] = 10;
      put32(out, at + 2, o.val);
      put32(out, at + 6, o.ecr);
      return at + 10;
    case 'other':
      out[at] = o.code & 0xff;
      out[at + 1] = (2 + o.data.length) & 0xff;
      copy(o.data, out, at + 2);
      return at + 2 + o.data.length;
  }
}

/** TypedArray.set() costs tens of ns per call, more than a loop over a few bytes. */
function copy(from: Uint8Array, out: Uint8Array, at: number): void {
  if (from.length > 64) out.set(from, at);
  else for (let i = 0; i < from.length; i++) out[at + i] = from[i]!;
}

function put16(out: Uint8Array, at: number, n: number): void {
  out[at] = (n >>> 8) & 0xff;
  out[at + 1] = n & 0xff;
}

function put32(out: Uint8Array, at: number, n: number): void {
  out[at] = (n >>> 24) & 0xff;
  out[at + 1] = (n >>> 16) & 0xff;
  out[at + 2] = (n >>> 8) & 0xff;
  out[at + 3] = n & 0xff;
}
