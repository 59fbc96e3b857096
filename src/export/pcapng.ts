// Trace → pcapng (the format Wireshark writes): a Section Header Block, one Interface
// Description Block per link (endpoint pair; LINKTYPE_RAW: packets start at the IP header,
// µs timestamps), and an Enhanced Packet Block per packet that was sent, with a comment naming
// its script line. Dropped packets are included (a capture at the sender would show them); their
// comment says so and they carry a "dropped" verdict (epb_verdict, Linux TC_ACT_SHOT).
// When the run has TLS secrets, a Decryption Secrets Block carries the key log, so Wireshark
// decrypts with no setup. Everything is written straight into one growing buffer (blocks.ts).
import type { TracePacket } from '../runner/trace';
import { ByteWriter, endBlock, endOfOptions, option, startBlock, textOption } from './blocks';
import { toKeylog, type WithKeylog } from './keylog';
import { writeCapturedPacket } from './trace-packet';

const LINKTYPE_RAW = 101;
/** Virtual time 0 is shown as this wall-clock instant, so captures look alike everywhere. */
export const EPOCH_US = 1_700_000_000n * 1_000_000n;
const EPOCH_US_NUMBER = 1_700_000_000 * 1_000_000;
export const DROPPED_NOTE = 'dropped in the simulated network';
/** epb_verdict: type 1 = Linux eBPF TC, value TC_ACT_SHOT (2) = the packet was dropped. */
const VERDICT_SHOT = Uint8Array.of(1, 2, 0, 0, 0, 0, 0, 0, 0);

export function toPcapng(result: WithKeylog): Uint8Array {
  const w = new ByteWriter(4096 + result.packets.length * 128);
  const links = new Links(result.packets);
  sectionHeader(w, result.title);
  for (const name of links.names()) interfaceDescription(w, name);
  const keylog = toKeylog(result);
  if (keylog) decryptionSecrets(w, keylog);
  for (const p of result.packets) enhancedPacket(w, links.of(p), p);
  return w.result();
}

export function timestampUs(p: TracePacket): bigint {
  return BigInt(Math.round(p.time * 1e6)) + EPOCH_US;
}

/** The timestamp as a number when it is an exact integer (always, for sane virtual times); else null. */
export function timestampUsNumber(p: TracePacket): number | null {
  const us = Math.round(p.time * 1e6) + EPOCH_US_NUMBER;
  return Number.isSafeInteger(us) && us >= 0 ? us : null;
}

/** Links are unordered endpoint pairs named `client <-> server`, numbered in order of first use. */
class Links {
  private readonly index = new Map<string, number>();
  private readonly bySrc = new Map<string, Map<string, number>>();

  constructor(packets: readonly TracePacket[]) {
    for (const p of packets) this.of(p);
    if (this.index.size === 0) this.index.set('tcpflow simulated network', 0);
  }

  names(): IterableIterator<string> {
    return this.index.keys();
  }

  of(p: TracePacket): number {
    let byDst = this.bySrc.get(p.src);
    if (byDst === undefined) this.bySrc.set(p.src, (byDst = new Map()));
    let i = byDst.get(p.dst);
    if (i === undefined) {
      const name = [p.src, p.dst].sort().join(' <-> ');
      i = this.index.get(name);
      if (i === undefined) this.index.set(name, (i = this.index.size));
      byDst.set(p.dst, i);
    }
    return i;
  }
}

function sectionHeader(w: ByteWriter, title: string): void {
  const start = startBlock(w, 0x0a0d0d0a);
  w.u32(0x1a2b3c4d);
  w.u16(1);
  w.u16(0);
  w.u32Pair(0xffffffff, 0xffffffff); // section length unknown (-1)
  textOption(w, 4, 'tcpflow'); // shb_userappl
  if (title) textOption(w, 1, `flow "${title}"`);
  endOfOptions(w);
  endBlock(w, start);
}

function interfaceDescription(w: ByteWriter, name: string): void {
  const start = startBlock(w, 0x00000001);
  w.u16(LINKTYPE_RAW);
  w.u16(0);
  w.u32(0); // snaplen: no limit
  textOption(w, 2, name);
  textOption(w, 3, `tcpflow simulated link ${name}`);
  endOfOptions(w);
  endBlock(w, start);
}

/** Decryption Secrets Block, secrets type TLSK (0x544c534b): the NSS key log text. */
function decryptionSecrets(w: ByteWriter, keylog: string): void {
  const start = startBlock(w, 0x0000000a);
  w.u32(0x544c534b);
  const lengthAt = w.at;
  w.u32(0);
  w.patch32(lengthAt, w.utf8(keylog));
  w.pad4();
  endBlock(w, start);
}

/**
 * The comment shown in Wireshark's packet list, `line 12: SYN,ACK seq=y ack=x+1` (plus the
 * dropped note), written piece by piece so no string is built per packet.
 */
function commentOption(w: ByteWriter, p: TracePacket): void {
  w.u16(1); // opt_comment
  const lengthAt = w.at;
  w.u16(0);
  const start = w.at;
  if (p.line > 0) {
    w.utf8('line ');
    w.utf8(Number.isInteger(p.line) && p.line < 2 ** 31 ? decimal(p.line) : String(p.line));
    w.utf8(': ');
  }
  w.utf8(p.label);
  if (p.dropped) w.utf8(DROPPED_SUFFIX);
  w.patch16(lengthAt, w.at - start);
  w.pad4();
}

const DROPPED_SUFFIX = ` (${DROPPED_NOTE})`;
/** Line numbers as text, cached: a script has few lines compared with its packets. */
const decimals: string[] = [];
function decimal(n: number): string {
  return n < 65536 ? (decimals[n] ??= String(n)) : String(n);
}

function enhancedPacket(w: ByteWriter, iface: number, p: TracePacket): void {
  const start = startBlock(w, 0x00000006);
  w.u32(iface);
  const us = timestampUsNumber(p);
  if (us !== null) w.u32Pair(Math.floor(us / 2 ** 32), us % 2 ** 32);
  else {
    const big = timestampUs(p);
    w.u32Pair(Number(big >> 32n), Number(big & 0xffffffffn));
  }
  writeCapturedPacket(w, p);
  w.pad4();
  commentOption(w, p);
  if (p.dropped) option(w, 7, VERDICT_SHOT);
  endOfOptions(w);
  endBlock(w, start);
}
