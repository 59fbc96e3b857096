// A trace packet as the bytes that were on the wire: an IPv4 or IPv6 header and a TCP header
// with its options and a correct checksum (RFC 9293 §3.1), followed by the payload.
import type { TracePacket } from '../runner/trace';
import { serialize } from '../wire/write';
import { tracePacketToWire } from './trace-packet';

export function packetBytes(p: TracePacket): Uint8Array {
  return serialize(tracePacketToWire(p));
}
