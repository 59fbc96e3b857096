// Trace → classic libpcap file (for tools older than pcapng): a 24-byte global header with
// LINKTYPE_RAW and one record per packet, µs timestamps. No comments or interfaces: the format
// has no room for them.
import type { RunResult } from '../runner/trace';
import { concatAll } from './blocks';
import { packetBytes } from './packet-bytes';
import { timestampUs } from './pcapng';

const LINKTYPE_RAW = 101;

export function toPcap(result: RunResult): Uint8Array {
  const header = new Uint8Array(24);
  const h = new DataView(header.buffer);
  h.setUint32(0, 0xa1b2c3d4, true);
  h.setUint16(4, 2, true);
  h.setUint16(6, 4, true);
  h.setUint32(16, 262144, true); // snaplen
  h.setUint32(20, LINKTYPE_RAW, true);
  const records = result.packets.map((p) => {
    const data = packetBytes(p);
    const us = timestampUs(p);
    const r = new Uint8Array(16 + data.length);
    const v = new DataView(r.buffer);
    v.setUint32(0, Number(us / 1_000_000n), true);
    v.setUint32(4, Number(us % 1_000_000n), true);
    v.setUint32(8, data.length, true);
    v.setUint32(12, data.length, true);
    r.set(data, 16);
    return r;
  });
  return concatAll([header, ...records]);
}
