// Hand-made captures for the import tests: a classic pcap of any link type around packets
// tcpflow itself builds, so no tcpdump is needed.
import { packetBytes } from '../../src/export/packet-bytes';
import type { TracePacket } from '../../src/runner/trace';

export function pcapFile(linkType: number, frames: readonly Uint8Array[], nano = false): Uint8Array {
  const parts: Buffer[] = [];
  const h = Buffer.alloc(24);
  h.writeUInt32LE(nano ? 0xa1b23c4d : 0xa1b2c3d4, 0);
  h.writeUInt16LE(2, 4);
  h.writeUInt16LE(4, 6);
  h.writeUInt32LE(65535, 16);
  h.writeUInt32LE(linkType, 20);
  parts.push(h);
  frames.forEach((f, i) => {
    const r = Buffer.alloc(16);
    r.writeUInt32LE(1_700_000_000, 0);
    r.writeUInt32LE(nano ? i * 10_000_000 : i * 10_000, 4); // 10 ms apart
    r.writeUInt32LE(f.length, 8);
    r.writeUInt32LE(f.length, 12);
    parts.push(r, Buffer.from(f));
  });
  return Buffer.concat(parts);
}

/** The IP packet wrapped in the link-layer header of `linkType`. */
export function withLink(linkType: number, p: TracePacket): Uint8Array {
  const ip = Buffer.from(packetBytes(p));
  const v6 = ip[0]! >> 4 === 6;
  const etherType = v6 ? 0x86dd : 0x0800;
  switch (linkType) {
    case 0: {
      const h = Buffer.alloc(4);
      h.writeUInt32LE(v6 ? 30 : 2, 0);
      return Buffer.concat([h, ip]);
    }
    case 1: {
      // Ethernet with one 802.1Q VLAN tag.
      const h = Buffer.alloc(18);
      h.writeUInt16BE(0x8100, 12);
      h.writeUInt16BE(42, 14);
      h.writeUInt16BE(etherType, 16);
      return Buffer.concat([h, ip]);
    }
    case 113: {
      const h = Buffer.alloc(16);
      h.writeUInt16BE(etherType, 14);
      return Buffer.concat([h, ip]);
    }
    case 276: {
      const h = Buffer.alloc(20);
      h.writeUInt16BE(etherType, 0);
      return Buffer.concat([h, ip]);
    }
    default:
      return ip;
  }
}
