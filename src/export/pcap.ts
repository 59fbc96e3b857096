// Trace → classic libpcap file (for tools older than pcapng): a 24-byte global header with
// LINKTYPE_RAW and one record per packet, µs timestamps. No comments or interfaces: the format
// has no room for them. Written straight into one growing buffer (blocks.ts).
import type { RunResult } from '../runner/trace';
import { ByteWriter } from './blocks';
import { timestampUs, timestampUsNumber } from './pcapng';
import { writeCapturedPacket } from './trace-packet';

const LINKTYPE_RAW = 101;

export function toPcap(result: RunResult): Uint8Array {
  const w = new ByteWriter(24 + result.packets.length * 96);
  w.u32(0xa1b2c3d4);
  w.u16(2);
  w.u16(4);
  w.u32(0); // thiszone
  w.u32(0); // sigfigs
  w.u32(262144); // snaplen
  w.u32(LINKTYPE_RAW);
  for (const p of result.packets) {
    const us = timestampUsNumber(p);
    if (us !== null) {
      const seconds = Math.floor(us / 1e6);
      w.u32(seconds);
      w.u32(us - seconds * 1e6);
    } else {
      const big = timestampUs(p);
      w.u32(Number(big / 1_000_000n));
      w.u32(Number(big % 1_000_000n));
    }
    writeCapturedPacket(w, p);
  }
  return w.result();
}
