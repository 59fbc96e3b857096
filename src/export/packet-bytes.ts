// A trace packet as the bytes that were on the wire: an IPv4 or IPv6 header and a TCP header
// with its options and a correct checksum (RFC 9293 §3.1), followed by the payload; or an ICMPv4
// Destination Unreachable quoting such a packet (wire/icmp.ts).
import type { TracePacket } from '../runner/trace';
import { serialize } from '../wire/write';
import { icmpPacketLength, writeIcmpUnreachable } from '../wire/icmp';
import { traceIcmpToWire, tracePacketToWire } from './trace-packet';

export function packetBytes(p: TracePacket): Uint8Array {
  if (p.icmp) {
    const icmp = traceIcmpToWire(p, p.icmp);
    const out = new Uint8Array(icmpPacketLength(icmp));
    writeIcmpUnreachable(icmp, out, 0);
    return out;
  }
  return serialize(tracePacketToWire(p));
}
