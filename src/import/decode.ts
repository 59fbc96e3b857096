// A frame → the TCP segment inside it, or null when it carries something else (ARP, UDP, an IP
// fragment). Link types: null/BSD loopback 0, Ethernet 1 (with 802.1Q tags), raw IP 101/228/229,
// OpenBSD loopback 108, Linux cooked SLL 113 and SLL2 276. Then IPv4 or IPv6 (extension headers
// skipped) and TCP with its options spelled as scripts write them (`mss 1460`, `ts val=1 ecr=0`).
import { CaptureError } from './capture-error';
import type { Frame } from './capture-reader';

export interface Segment {
  readonly time: number;
  readonly srcIp: string;
  readonly dstIp: string;
  readonly srcPort: number;
  readonly dstPort: number;
  /** Script flag names, ACK last as scripts write them: SYN,ACK  FIN,ACK  PSH,ACK. */
  readonly flags: readonly string[];
  readonly seq: number;
  readonly ack: number;
  readonly win: number;
  readonly options: readonly string[];
  readonly payload: Uint8Array;
  readonly offset: number;
}

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;

export function decodeFrame(frame: Frame): Segment | null {
  const ip = networkLayer(frame);
  if (!ip) return null;
  const version = ip.length > 0 ? ip[0]! >> 4 : 0;
  if (version === 4) return ipv4(frame, ip);
  if (version === 6) return ipv6(frame, ip);
  return null;
}

export const SUPPORTED_LINK_TYPES: readonly number[] = [0, 1, 101, 108, 113, 228, 229, 276];

/** The bytes from the IP header on, or null for a frame that is not IP. */
function networkLayer(frame: Frame): Uint8Array | null {
  const d = frame.data;
  const v = new DataView(d.buffer, d.byteOffset, d.byteLength);
  switch (frame.linkType) {
    case 101:
    case 228:
    case 229:
      return d;
    case 0:
    case 108: {
      if (d.length < 4) return null;
      return d.subarray(4); // the family word (host or network order); the IP version nibble tells
    }
    case 1: {
      let at = 12;
      if (d.length < 14) return null;
      let type = v.getUint16(at);
      while ((type === 0x8100 || type === 0x88a8) && at + 6 <= d.length) {
        at += 4;
        type = v.getUint16(at);
      }
      return type === ETHERTYPE_IPV4 || type === ETHERTYPE_IPV6 ? d.subarray(at + 2) : null;
    }
    case 113: {
      if (d.length < 16) return null;
      const type = v.getUint16(14);
      return type === ETHERTYPE_IPV4 || type === ETHERTYPE_IPV6 ? d.subarray(16) : null;
    }
    case 276: {
      if (d.length < 20) return null;
      const type = v.getUint16(0);
      return type === ETHERTYPE_IPV4 || type === ETHERTYPE_IPV6 ? d.subarray(20) : null;
    }
    default:
      throw new CaptureError(
        `link type ${frame.linkType} at offset ${frame.offset} is not supported (supported: ${SUPPORTED_LINK_TYPES.join(', ')})`,
        `偏移 ${frame.offset} 处的链路类型 ${frame.linkType} 不受支持（支持：${SUPPORTED_LINK_TYPES.join(', ')}）`,
        frame.offset,
      );
  }
}

function ipv4(frame: Frame, ip: Uint8Array): Segment | null {
  if (ip.length < 20) return null;
  const v = new DataView(ip.buffer, ip.byteOffset, ip.byteLength);
  const ihl = (ip[0]! & 0x0f) * 4;
  // A total length of 0 is what TSO super-segments show in captures: take what was captured.
  const total = v.getUint16(2) === 0 ? ip.length : Math.min(v.getUint16(2), ip.length);
  const fragment = v.getUint16(6) & 0x3fff;
  if (ip[9] !== 6 || fragment !== 0 || ihl < 20 || total < ihl) return null;
  return tcp(frame, ip.subarray(ihl, total), dotted(ip.subarray(12, 16)), dotted(ip.subarray(16, 20)));
}

function ipv6(frame: Frame, ip: Uint8Array): Segment | null {
  if (ip.length < 40) return null;
  const v = new DataView(ip.buffer, ip.byteOffset, ip.byteLength);
  const end = Math.min(40 + v.getUint16(4), ip.length);
  let next = ip[6]!;
  let at = 40;
  // Hop-by-hop, routing, destination options: skip. A fragment header: not reassembled.
  while ((next === 0 || next === 43 || next === 60) && at + 8 <= end) {
    next = ip[at]!;
    at += (ip[at + 1]! + 1) * 8;
  }
  if (next !== 6) return null;
  return tcp(frame, ip.subarray(at, end), colons(ip.subarray(8, 24)), colons(ip.subarray(24, 40)));
}

const FLAG_ORDER: readonly [string, number][] = [['SYN', 0x02], ['FIN', 0x01], ['RST', 0x04], ['PSH', 0x08], ['URG', 0x20], ['ECE', 0x40], ['CWR', 0x80], ['ACK', 0x10]];

function tcp(frame: Frame, seg: Uint8Array, srcIp: string, dstIp: string): Segment | null {
  if (seg.length < 20) return null;
  const v = new DataView(seg.buffer, seg.byteOffset, seg.byteLength);
  const header = (seg[12]! >> 4) * 4;
  if (header < 20 || header > seg.length) return null;
  const bits = seg[13]!;
  return {
    time: frame.time,
    srcIp,
    dstIp,
    srcPort: v.getUint16(0),
    dstPort: v.getUint16(2),
    flags: FLAG_ORDER.filter(([, b]) => bits & b).map(([f]) => f),
    seq: v.getUint32(4),
    ack: v.getUint32(8),
    win: v.getUint16(14),
    options: tcpOptions(seg.subarray(20, header)),
    payload: seg.subarray(header),
    offset: frame.offset,
  };
}

function tcpOptions(o: Uint8Array): string[] {
  const out: string[] = [];
  const v = new DataView(o.buffer, o.byteOffset, o.byteLength);
  for (let i = 0; i < o.length; ) {
    const kind = o[i]!;
    if (kind === 0) break; // eol: the rest is padding
    if (kind === 1) {
      out.push('nop');
      i++;
      continue;
    }
    const len = o[i + 1] ?? 0;
    if (len < 2 || i + len > o.length) break;
    if (kind === 2 && len === 4) out.push(`mss ${v.getUint16(i + 2)}`);
    else if (kind === 3 && len === 3) out.push(`wscale ${o[i + 2]!}`);
    else if (kind === 4) out.push('sackOK');
    else if (kind === 8 && len === 10) out.push(`ts val=${v.getUint32(i + 2)} ecr=${v.getUint32(i + 6)}`);
    else if (kind === 5) {
      const blocks: string[] = [];
      for (let b = i + 2; b + 8 <= i + len; b += 8) blocks.push(`${v.getUint32(b)}:${v.getUint32(b + 4)}`);
      // A SACK option without blocks says nothing the script could write: leave it out.
      if (blocks.length > 0) out.push(`sack ${blocks.join(' ')}`);
    }
    i += len;
  }
  return out;
}

function dotted(b: Uint8Array): string {
  return Array.from(b).join('.');
}

/** RFC 5952 text: lower case, the longest run of zero groups shortened to `::`. */
function colons(b: Uint8Array): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((b[i]! << 8) | b[i + 1]!);
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) [best, bestLen] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}
