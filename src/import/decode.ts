// A frame → the TCP segment inside it, or null when it carries something else (ARP, UDP, an IP
// fragment). Link types: null/BSD loopback 0, Ethernet 1 (with 802.1Q tags), raw IP 101/228/229,
// OpenBSD loopback 108, Linux cooked SLL 113 and SLL2 276. Then IPv4 or IPv6 (extension headers
// skipped) and TCP, read by wire/parse.ts, with addresses as text and options spelled as scripts
// write them (`mss 1460`, `ts val=1 ecr=0`).
import type { TcpOption } from '../wire/packet';
import { parseIcmpUnreachable } from '../wire/icmp';
import { parsePacket } from '../wire/parse';
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
  /**
   * Set on an ICMP Destination Unreachable about a TCP segment (ICMPv4 type 3, or ICMPv6 type 1
   * between IPv6 addresses). Then the ports and addresses
   * are the quoted segment's, reversed (the ICMP travels back to the quoted sender), `icmpFrom`
   * is the ICMP's own source address, `seq` the quoted sequence number, and there are no flags.
   */
  readonly icmp?: { readonly type: 3 | 1; readonly code: number; readonly mtu: number; readonly from: string };
}

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;

export function decodeFrame(frame: Frame): Segment | null {
  const ip = networkLayer(frame);
  const p = ip && parsePacket(ip);
  if (!p) return ip ? decodeIcmp(ip, frame) : null;
  const text = p.version === 4 ? dotted : colons;
  return {
    time: frame.time,
    srcIp: text(p.src),
    dstIp: text(p.dst),
    srcPort: p.srcPort,
    dstPort: p.dstPort,
    flags: FLAG_ORDER.filter(([, b]) => p.flags & b).map(([f]) => f),
    seq: p.seq,
    ack: p.ack,
    win: p.window,
    options: optionTexts(p.options),
    payload: p.payload,
    offset: frame.offset,
  };
}

/** An ICMP Destination Unreachable quoting a TCP segment, as a Segment of that connection. */
function decodeIcmp(ip: Uint8Array, frame: Frame): Segment | null {
  const icmp = parseIcmpUnreachable(ip);
  if (!icmp) return null;
  const q = icmp.quoted;
  const text = icmp.type === 1 ? colons : dotted;
  return {
    time: frame.time,
    srcIp: text(q.dst),
    dstIp: text(q.src),
    srcPort: q.dstPort,
    dstPort: q.srcPort,
    flags: [],
    seq: q.seq,
    ack: 0,
    win: 0,
    options: [],
    payload: new Uint8Array(0),
    offset: frame.offset,
    icmp: { type: icmp.type, code: icmp.code, mtu: icmp.mtu, from: text(icmp.src) },
  };
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

const FLAG_ORDER: readonly [string, number][] = [['SYN', 0x02], ['FIN', 0x01], ['RST', 0x04], ['PSH', 0x08], ['URG', 0x20], ['ECE', 0x40], ['CWR', 0x80], ['ACK', 0x10]];

/** Options as scripts spell them; eol, unknown kinds and SACK without blocks say nothing a script could write. */
function optionTexts(options: readonly TcpOption[]): string[] {
  const out: string[] = [];
  for (const o of options) {
    const text = optionText(o);
    if (text) out.push(text);
  }
  return out;
}

function optionText(o: TcpOption): string {
  switch (o.kind) {
    case 'nop':
      return 'nop';
    case 'mss':
      return `mss ${o.value}`;
    case 'wscale':
      return `wscale ${o.value}`;
    case 'sackOK':
      return 'sackOK';
    case 'ts':
      return `ts val=${o.val} ecr=${o.ecr}`;
    case 'sack':
      return o.blocks.length > 0 ? `sack ${o.blocks.map(([l, r]) => `${l}:${r}`).join(' ')}` : '';
    case 'other':
      return otherText(o.code, o.data);
    case 'eol':
      return '';
  }
}

/** sackOK with a stray value, and SACK with a partial block, read as they always were. */
function otherText(code: number, data: Uint8Array): string {
  if (code === 4) return 'sackOK';
  if (code === 34) return data.length === 0 ? 'tfo' : `tfo ${Array.from(data, (b) => b.toString(16).padStart(2, '0')).join('')}`;
  if (code !== 5) return '';
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const blocks: string[] = [];
  for (let b = 0; b + 8 <= data.length; b += 8) blocks.push(`${v.getUint32(b)}:${v.getUint32(b + 4)}`);
  return blocks.length > 0 ? `sack ${blocks.join(' ')}` : '';
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
