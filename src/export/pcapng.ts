// Trace → pcapng (the format Wireshark writes): a Section Header Block, one Interface
// Description Block (LINKTYPE_RAW: packets start at the IP header, µs timestamps), and an
// Enhanced Packet Block per packet that was sent, with a comment naming its script line.
// Dropped packets are included: they were sent (a capture at the sender would show them).
import type { RunResult } from '../runner/trace';
import { packetBytes } from './packet-bytes';

const LINKTYPE_RAW = 101;
/** Virtual time 0 is shown as this wall-clock instant, so captures look alike everywhere. */
const EPOCH_US = 1_700_000_000n * 1_000_000n;

export function toPcapng(result: RunResult): Uint8Array {
  const blocks: Uint8Array[] = [sectionHeader(), interfaceDescription()];
  for (const p of result.packets) {
    const comment = `${p.line > 0 ? `line ${p.line}: ` : ''}${p.label}${p.dropped ? ' (dropped)' : ''}`;
    blocks.push(enhancedPacket(BigInt(Math.round(p.time * 1e6)) + EPOCH_US, packetBytes(p), comment));
  }
  const size = blocks.reduce((n, b) => n + b.length, 0);
  const out = new Uint8Array(size);
  let at = 0;
  for (const b of blocks) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}

function block(type: number, body: Uint8Array): Uint8Array {
  const total = 12 + body.length;
  const out = new Uint8Array(total);
  const v = new DataView(out.buffer);
  v.setUint32(0, type, true);
  v.setUint32(4, total, true);
  out.set(body, 8);
  v.setUint32(total - 4, total, true);
  return out;
}

function option(code: number, value: Uint8Array): Uint8Array {
  const padded = (value.length + 3) & ~3;
  const out = new Uint8Array(4 + padded);
  const v = new DataView(out.buffer);
  v.setUint16(0, code, true);
  v.setUint16(2, value.length, true);
  out.set(value, 4);
  return out;
}

const END_OF_OPTIONS = new Uint8Array(4);

function sectionHeader(): Uint8Array {
  const body = new Uint8Array(16);
  const v = new DataView(body.buffer);
  v.setUint32(0, 0x1a2b3c4d, true);
  v.setUint16(4, 1, true);
  v.setUint16(6, 0, true);
  v.setBigInt64(8, -1n, true); // section length unknown
  const app = option(4, new TextEncoder().encode('tcpflow')); // shb_userappl
  return block(0x0a0d0d0a, concatAll(body, app, END_OF_OPTIONS));
}

function interfaceDescription(): Uint8Array {
  const body = new Uint8Array(8);
  const v = new DataView(body.buffer);
  v.setUint16(0, LINKTYPE_RAW, true);
  v.setUint32(4, 0, true); // snaplen: no limit
  const name = option(2, new TextEncoder().encode('tcpflow simulated network'));
  return block(0x00000001, concatAll(body, name, END_OF_OPTIONS));
}

function enhancedPacket(timestampUs: bigint, data: Uint8Array, comment: string): Uint8Array {
  const padded = (data.length + 3) & ~3;
  const body = new Uint8Array(20 + padded);
  const v = new DataView(body.buffer);
  v.setUint32(0, 0, true); // interface 0
  v.setUint32(4, Number(timestampUs >> 32n), true);
  v.setUint32(8, Number(timestampUs & 0xffffffffn), true);
  v.setUint32(12, data.length, true);
  v.setUint32(16, data.length, true);
  body.set(data, 20);
  return block(0x00000006, concatAll(body, option(1, new TextEncoder().encode(comment)), END_OF_OPTIONS));
}

function concatAll(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
