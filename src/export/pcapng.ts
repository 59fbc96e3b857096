// Trace → pcapng (the format Wireshark writes): a Section Header Block, one Interface
// Description Block per link (endpoint pair; LINKTYPE_RAW: packets start at the IP header,
// µs timestamps), and an Enhanced Packet Block per packet that was sent, with a comment naming
// its script line. Dropped packets are included (a capture at the sender would show them); their
// comment says so and they carry a "dropped" verdict (epb_verdict, Linux TC_ACT_SHOT).
// When the run has TLS secrets, a Decryption Secrets Block carries the key log, so Wireshark
// decrypts with no setup.
import type { TracePacket } from '../runner/trace';
import { block, concatAll, END_OF_OPTIONS, option, utf8 } from './blocks';
import { toKeylog, type WithKeylog } from './keylog';
import { packetBytes } from './packet-bytes';

const LINKTYPE_RAW = 101;
/** Virtual time 0 is shown as this wall-clock instant, so captures look alike everywhere. */
export const EPOCH_US = 1_700_000_000n * 1_000_000n;
export const DROPPED_NOTE = 'dropped in the simulated network';

export function toPcapng(result: WithKeylog): Uint8Array {
  const links = linkIndex(result.packets);
  const blocks: Uint8Array[] = [sectionHeader(result.title)];
  for (const name of links.keys()) blocks.push(interfaceDescription(name));
  const keylog = toKeylog(result);
  if (keylog) blocks.push(decryptionSecrets(keylog));
  for (const p of result.packets) {
    blocks.push(enhancedPacket(links.get(linkName(p)) ?? 0, timestampUs(p), packetBytes(p), packetComment(p), p.dropped));
  }
  return concatAll(blocks);
}

/** The comment shown in Wireshark's packet list: `line 12: SYN,ACK seq=y ack=x+1`. */
export function packetComment(p: TracePacket): string {
  return `${p.line > 0 ? `line ${p.line}: ` : ''}${p.label}${p.dropped ? ` (${DROPPED_NOTE})` : ''}`;
}

export function timestampUs(p: TracePacket): bigint {
  return BigInt(Math.round(p.time * 1e6)) + EPOCH_US;
}

/** A link is an unordered endpoint pair: `client <-> server`. */
function linkName(p: TracePacket): string {
  return [p.src, p.dst].sort().join(' <-> ');
}

function linkIndex(packets: readonly TracePacket[]): Map<string, number> {
  const links = new Map<string, number>();
  for (const p of packets) if (!links.has(linkName(p))) links.set(linkName(p), links.size);
  if (links.size === 0) links.set('tcpflow simulated network', 0);
  return links;
}

function sectionHeader(title: string): Uint8Array {
  const body = new Uint8Array(16);
  const v = new DataView(body.buffer);
  v.setUint32(0, 0x1a2b3c4d, true);
  v.setUint16(4, 1, true);
  v.setUint16(6, 0, true);
  v.setBigInt64(8, -1n, true); // section length unknown
  const options = [option(4, utf8('tcpflow'))]; // shb_userappl
  if (title) options.push(option(1, utf8(`flow "${title}"`)));
  return block(0x0a0d0d0a, concatAll([body, ...options, END_OF_OPTIONS]));
}

function interfaceDescription(name: string): Uint8Array {
  const body = new Uint8Array(8);
  const v = new DataView(body.buffer);
  v.setUint16(0, LINKTYPE_RAW, true);
  v.setUint32(4, 0, true); // snaplen: no limit
  const opts = [option(2, utf8(name)), option(3, utf8(`tcpflow simulated link ${name}`))];
  return block(0x00000001, concatAll([body, ...opts, END_OF_OPTIONS]));
}

/** Decryption Secrets Block, secrets type TLSK (0x544c534b): the NSS key log text. */
function decryptionSecrets(keylog: string): Uint8Array {
  const data = utf8(keylog);
  const body = new Uint8Array(8 + ((data.length + 3) & ~3));
  const v = new DataView(body.buffer);
  v.setUint32(0, 0x544c534b, true);
  v.setUint32(4, data.length, true);
  body.set(data, 8);
  return block(0x0000000a, body);
}

function enhancedPacket(iface: number, timestampUs: bigint, data: Uint8Array, comment: string, dropped: boolean): Uint8Array {
  const padded = (data.length + 3) & ~3;
  const body = new Uint8Array(20 + padded);
  const v = new DataView(body.buffer);
  v.setUint32(0, iface, true);
  v.setUint32(4, Number(timestampUs >> 32n), true);
  v.setUint32(8, Number(timestampUs & 0xffffffffn), true);
  v.setUint32(12, data.length, true);
  v.setUint32(16, data.length, true);
  body.set(data, 20);
  const options = [option(1, utf8(comment))];
  if (dropped) {
    // epb_verdict: type 1 = Linux eBPF TC, value TC_ACT_SHOT (2) = the packet was dropped.
    const verdict = new Uint8Array(9);
    verdict[0] = 1;
    new DataView(verdict.buffer).setBigUint64(1, 2n, true);
    options.push(option(7, verdict));
  }
  return block(0x00000006, concatAll([body, ...options, END_OF_OPTIONS]));
}


