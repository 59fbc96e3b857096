// A trace packet as the bytes that were on the wire: an IPv4 or IPv6 header and a TCP header
// with its options and a correct checksum (RFC 9293 §3.1), followed by the payload.
import { concatBytes } from '../engine/bytes';
import type { TracePacket } from '../runner/trace';

const concat = (...parts: Uint8Array[]): Uint8Array => concatBytes(parts);

const FLAG_BITS: Readonly<Record<string, number>> = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10, URG: 0x20, ECE: 0x40, CWR: 0x80 };

export function packetBytes(p: TracePacket): Uint8Array {
  const src = splitAddress(p.srcAddr);
  const dst = splitAddress(p.dstAddr);
  // The trace may keep only the start of a huge payload; the rest is zeros, so the length on the
  // wire is still exactly `len`.
  const payload = new Uint8Array(p.len);
  payload.set(fromHex(p.payloadHex).subarray(0, p.len));
  const tcp = tcpSegment(p, src.port, dst.port, payload);
  const v6 = src.ip.includes(':');
  const srcIp = v6 ? ipv6Bytes(src.ip) : ipv4Bytes(src.ip);
  const dstIp = v6 ? ipv6Bytes(dst.ip) : ipv4Bytes(dst.ip);
  // TCP checksum over the pseudo-header.
  const pseudo = v6 ? concat(srcIp, dstIp, u32(tcp.length), Uint8Array.of(0, 0, 0, 6)) : concat(srcIp, dstIp, Uint8Array.of(0, 6), u16(tcp.length));
  const sum = checksum(concat(pseudo, tcp));
  tcp[16] = sum >> 8;
  tcp[17] = sum & 0xff;
  if (v6) {
    const h = new Uint8Array(40);
    h[0] = 0x60;
    h.set(u16(tcp.length), 4);
    h[6] = 6;
    h[7] = 64;
    h.set(srcIp, 8);
    h.set(dstIp, 24);
    return concat(h, tcp);
  }
  const h = new Uint8Array(20);
  h[0] = 0x45;
  h.set(u16(20 + tcp.length), 2);
  h.set(u16(p.id & 0xffff), 4);
  h[6] = 0x40; // DF
  h[8] = 64;
  h[9] = 6;
  h.set(srcIp, 12);
  h.set(dstIp, 16);
  const ipSum = checksum(h);
  h[10] = ipSum >> 8;
  h[11] = ipSum & 0xff;
  return concat(h, tcp);
}

function tcpSegment(p: TracePacket, sport: number, dport: number, payload: Uint8Array): Uint8Array {
  const options = optionBytes(p.options);
  const header = 20 + options.length;
  const seg = new Uint8Array(header + payload.length);
  seg.set(u16(sport), 0);
  seg.set(u16(dport), 2);
  seg.set(u32(p.seq), 4);
  seg.set(u32(p.ack), 8);
  seg[12] = (header / 4) << 4;
  seg[13] = p.flags.reduce((bits, f) => bits | (FLAG_BITS[f] ?? 0), 0);
  seg.set(u16(p.win & 0xffff), 14);
  seg.set(options, 20);
  seg.set(payload, header);
  return seg;
}

/** The encoding of one option written the script's way; all but ts and sack repeat, so they are kept. */
const optionCache = new Map<string, readonly number[]>();

/** Options from their script spelling (`mss 1460`, `ts val=1 ecr=0`, …), padded to 4 bytes. */
function optionBytes(options: readonly string[]): Uint8Array {
  const out: number[] = [];
  for (const o of options) {
    const cached = optionCache.get(o);
    if (cached) {
      for (const b of cached) out.push(b);
      continue;
    }
    const start = out.length;
    encodeOption(o, out);
    if (!o.startsWith('ts') && !o.startsWith('sack ') && optionCache.size < 256) optionCache.set(o, out.slice(start));
  }
  while (out.length % 4 !== 0) out.push(0);
  return Uint8Array.from(out);
}

function encodeOption(o: string, out: number[]): void {
  const [kind, ...rest] = o.split(' ');
  if (kind === 'nop') out.push(1);
  else if (kind === 'eol') out.push(0);
  else if (kind === 'mss') out.push(2, 4, ...u16(Number(rest[0])));
  else if (kind === 'wscale') out.push(3, 3, Number(rest[0]));
  else if (kind === 'sackOK') out.push(4, 2);
  else if (kind === 'sack') {
    const blocks = rest.map((b) => b.split(':').map(Number) as [number, number]);
    out.push(5, 2 + 8 * blocks.length);
    for (const [l, r] of blocks) out.push(...u32(l), ...u32(r));
  } else if (kind === 'ts') {
    const val = Number(/val=(\d+)/.exec(o)?.[1] ?? 0);
    const ecr = Number(/ecr=(\d+)/.exec(o)?.[1] ?? 0);
    out.push(8, 10, ...u32(val), ...u32(ecr));
  }
}

export function checksum(bytes: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) sum += (bytes[i]! << 8) | (bytes[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

function splitAddress(a: string): { ip: string; port: number } {
  const m = /^\[(.+)\]:(\d+)$/.exec(a) ?? /^(.+):(\d+)$/.exec(a);
  return { ip: m?.[1] ?? '0.0.0.0', port: Number(m?.[2] ?? 0) };
}

function ipv4Bytes(ip: string): Uint8Array {
  return Uint8Array.from(ip.split('.').map((x) => Number(x) & 0xff));
}

function ipv6Bytes(ip: string): Uint8Array {
  const [head = '', tail = ''] = ip.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t] : h;
  const out = new Uint8Array(16);
  groups.forEach((g, i) => out.set(u16(parseInt(g || '0', 16)), i * 2));
  return out;
}

function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = (nibble(hex.charCodeAt(2 * i)) << 4) | nibble(hex.charCodeAt(2 * i + 1));
  return out;
}

/** '0'–'9', 'a'–'f', 'A'–'F' → 0–15 (anything else 0). */
function nibble(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return 0;
}

export function u16(n: number): Uint8Array {
  return Uint8Array.of((n >>> 8) & 0xff, n & 0xff);
}

export function u32(n: number): Uint8Array {
  return Uint8Array.of((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
}

