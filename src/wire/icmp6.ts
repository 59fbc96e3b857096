// ICMPv6 Destination Unreachable (RFC 4443 §3.1, type 1) as bytes, both ways: an IPv6 header
// (next header 58, traffic class and flow label 0) and the ICMPv6 message — type 1, the code, the
// checksum, 32 unused bits, then as much of the invoking packet as fits without the ICMPv6
// packet exceeding the minimum IPv6 MTU, 1280 bytes (RFC 4443 §3.1; Linux icmp6_send quotes
// `IPV6_MIN_MTU - sizeof(struct ipv6hdr) - sizeof(struct icmp6hdr)`). The checksum covers the
// IPv6 pseudo-header with next header 58 (RFC 4443 §2.3, RFC 8200 §8.1).
import { get16, get32, put16 } from './be';
import { finish, pseudoHeaderSum, sumWords } from './checksum';
import type { IcmpUnreachablePacket, ParsedIcmpUnreachable } from './icmp';

/** Bytes of the invoking packet an ICMPv6 error quotes at most: 1280 − 40 (IPv6) − 8 (ICMPv6). */
export const ICMP6_QUOTE_LIMIT = 1232;

const NEXT_HEADER_ICMPV6 = 58;

export function icmp6PacketLength(p: IcmpUnreachablePacket): number {
  return 48 + Math.min(p.quoted.length, ICMP6_QUOTE_LIMIT);
}

/** Writes the packet at `at` (the bytes there must be zero); returns its length. */
export function writeIcmp6Unreachable(p: IcmpUnreachablePacket, out: Uint8Array, at: number): number {
  const total = icmp6PacketLength(p);
  const length = total - 40;
  out[at] = 0x60;
  put16(out, at + 4, length);
  out[at + 6] = NEXT_HEADER_ICMPV6;
  out[at + 7] = p.ttl & 0xff;
  out.set(p.src.subarray(0, 16), at + 8);
  out.set(p.dst.subarray(0, 16), at + 24);
  const icmp = at + 40;
  out[icmp] = 1;
  out[icmp + 1] = p.code & 0xff;
  out.set(p.quoted.subarray(0, ICMP6_QUOTE_LIMIT), icmp + 8);
  put16(out, icmp + 2, finish(pseudoHeaderSum(p.src, p.dst, length, NEXT_HEADER_ICMPV6) + sumWords(out, icmp, at + total)));
  return total;
}

/** Bytes from the IPv6 header on → the Destination Unreachable quoting TCP, or null (other types, extension headers, truncated). */
export function parseIcmp6Unreachable(ip: Uint8Array): ParsedIcmpUnreachable | null {
  if (ip.length < 48 || ip[0]! >> 4 !== 6 || ip[6] !== NEXT_HEADER_ICMPV6 || ip[40] !== 1) return null;
  const q = 48;
  if (ip.length < q + 40 + 8 || ip[q]! >> 4 !== 6 || ip[q + 6] !== 6) return null;
  const t = q + 40;
  return {
    type: 1,
    src: ip.subarray(8, 24),
    dst: ip.subarray(24, 40),
    code: ip[41]!,
    mtu: 0,
    quoted: { src: ip.subarray(q + 8, q + 24), dst: ip.subarray(q + 24, q + 40), srcPort: get16(ip, t), dstPort: get16(ip, t + 2), seq: get32(ip, t + 4) },
  };
}
