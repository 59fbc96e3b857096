// ICMPv4 Destination Unreachable (RFC 792 type 3) as bytes, both ways: an IPv4 header
// (protocol 1) and the ICMP message — type 3, the code, the checksum over the ICMP message
// (RFC 792), 16 unused bits and the next-hop MTU (RFC 1191 §4, code 4; else 0), then the quoted
// datagram: its IP header and as much of it as fits in 576 bytes in all, as Linux's icmp_send
// quotes (RFC 1812 §4.3.2.3; RFC 792 asks for at least the IP header and 64 bits). A packet with
// 16-byte addresses is ICMPv6 instead (icmp6.ts).
import { get16, get32, put16 } from './be';
import { finish, sumWords } from './checksum';
import { icmp6PacketLength, parseIcmp6Unreachable, writeIcmp6Unreachable } from './icmp6';

/** Bytes of the offending datagram an ICMP error quotes at most: 576 − 20 (IP) − 8 (ICMP). */
export const ICMP_QUOTE_LIMIT = 548;

export interface IcmpUnreachablePacket {
  /** The ICMP's sender (a router or the destination host) and the quoted datagram's source: 4 bytes each (ICMPv4) or 16 (ICMPv6). */
  readonly src: Uint8Array;
  readonly dst: Uint8Array;
  readonly id: number;
  readonly ttl: number;
  readonly code: number;
  /** Next-hop MTU for code 4 (RFC 1191), else 0. */
  readonly mtu: number;
  /** The offending datagram from its IP header on (cut to ICMP_QUOTE_LIMIT, or ICMP6_QUOTE_LIMIT, when written). */
  readonly quoted: Uint8Array;
}

export function icmpPacketLength(p: IcmpUnreachablePacket): number {
  if (p.src.length === 16) return icmp6PacketLength(p);
  return 28 + Math.min(p.quoted.length, ICMP_QUOTE_LIMIT);
}

/** Writes the packet at `at` (the bytes there must be zero); returns its length. */
export function writeIcmpUnreachable(p: IcmpUnreachablePacket, out: Uint8Array, at: number): number {
  if (p.src.length === 16) return writeIcmp6Unreachable(p, out, at);
  const total = icmpPacketLength(p);
  out[at] = 0x45;
  put16(out, at + 2, total);
  put16(out, at + 4, p.id);
  out[at + 8] = p.ttl & 0xff;
  out[at + 9] = 1; // ICMP
  out.set(p.src.subarray(0, 4), at + 12);
  out.set(p.dst.subarray(0, 4), at + 16);
  put16(out, at + 10, finish(sumWords(out, at, at + 20)));
  const icmp = at + 20;
  out[icmp] = 3;
  out[icmp + 1] = p.code & 0xff;
  if (p.code === 4) put16(out, icmp + 6, p.mtu);
  out.set(p.quoted.subarray(0, ICMP_QUOTE_LIMIT), icmp + 8);
  put16(out, icmp + 2, finish(sumWords(out, icmp, at + total)));
  return total;
}

/** What an importer needs from an ICMP (v4 or v6) Destination Unreachable that quotes a TCP segment. */
export interface ParsedIcmpUnreachable {
  /** 3 (ICMPv4, RFC 792) or 1 (ICMPv6, RFC 4443). */
  readonly type: 3 | 1;
  readonly src: Uint8Array;
  readonly dst: Uint8Array;
  readonly code: number;
  readonly mtu: number;
  /** From the quoted IP header and the first 8 bytes of its TCP header. */
  readonly quoted: { readonly src: Uint8Array; readonly dst: Uint8Array; readonly srcPort: number; readonly dstPort: number; readonly seq: number };
}

/** Bytes from the IP header on → the Destination Unreachable, or null for anything else (other ICMP, not about TCP, truncated). */
export function parseIcmpUnreachable(ip: Uint8Array): ParsedIcmpUnreachable | null {
  if (ip.length > 0 && ip[0]! >> 4 === 6) return parseIcmp6Unreachable(ip);
  if (ip.length < 20 || ip[0]! >> 4 !== 4 || ip[9] !== 1) return null;
  const ihl = (ip[0]! & 0x0f) * 4;
  const icmp = ihl;
  if (ihl < 20 || ip.length < icmp + 8 || ip[icmp] !== 3) return null;
  const q = icmp + 8;
  if (ip.length < q + 20 || ip[q]! >> 4 !== 4 || ip[q + 9] !== 6) return null;
  const t = q + (ip[q]! & 0x0f) * 4;
  if (ip.length < t + 8) return null;
  return {
    type: 3,
    src: ip.subarray(12, 16),
    dst: ip.subarray(16, 20),
    code: ip[icmp + 1]!,
    mtu: get16(ip, icmp + 6),
    quoted: { src: ip.subarray(q + 12, q + 16), dst: ip.subarray(q + 16, q + 20), srcPort: get16(ip, t), dstPort: get16(ip, t + 2), seq: get32(ip, t + 4) },
  };
}
