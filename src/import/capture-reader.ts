// Capture bytes → frames. Reads classic pcap (µs and ns, either byte order) and pcapng (Section
// Header, Interface Description, Enhanced/Simple/obsolete Packet Blocks; other blocks skipped).
// Pure: bytes in, frames out. Every malformed or truncated structure is a CaptureError naming
// its byte offset; sizes are capped so a corrupt length cannot make us allocate gigabytes.
import { CaptureError, truncated } from './capture-error';

export interface Frame {
  /** Seconds since the Unix epoch (µs precision is kept; ns is rounded). */
  readonly time: number;
  readonly linkType: number;
  readonly data: Uint8Array;
  /** Byte offset of the record or block in the file, for error messages. */
  readonly offset: number;
}

export const LIMITS = { maxRecordBytes: 262_144, maxFrames: 200_000 };

export function readCapture(bytes: Uint8Array): Frame[] {
  if (bytes.length < 4) throw truncated('capture header', '抓包文件头', 0);
  const v = view(bytes);
  const magic = v.getUint32(0, true);
  if (magic === 0x0a0d0d0a) return readPcapng(bytes);
  if ([0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1].includes(magic)) return readPcap(bytes);
  throw new CaptureError(
    `not a pcap or pcapng file (magic 0x${magic.toString(16).padStart(8, '0')} at offset 0)`,
    `不是 pcap 或 pcapng 文件（偏移 0 处的魔数为 0x${magic.toString(16).padStart(8, '0')}）`,
    0,
  );
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function readPcap(bytes: Uint8Array): Frame[] {
  if (bytes.length < 24) throw truncated('pcap file header', 'pcap 文件头', 0);
  const v = view(bytes);
  const m = v.getUint32(0, true);
  const le = m === 0xa1b2c3d4 || m === 0xa1b23c4d;
  const nano = m === 0xa1b23c4d || m === 0x4d3cb2a1;
  const linkType = v.getUint32(20, le) & 0x0fffffff;
  const frames: Frame[] = [];
  let at = 24;
  while (at < bytes.length) {
    if (at + 16 > bytes.length) throw truncated('packet record header', '数据包记录头', at);
    const sec = v.getUint32(at, le);
    const frac = v.getUint32(at + 4, le);
    const caplen = v.getUint32(at + 8, le);
    checkSize(caplen, at);
    if (at + 16 + caplen > bytes.length) throw truncated('packet record', '数据包记录', at);
    frames.push({ time: sec + (nano ? Math.round(frac / 1000) : frac) / 1e6, linkType, data: bytes.subarray(at + 16, at + 16 + caplen), offset: at });
    checkCount(frames.length, at);
    at += 16 + caplen;
  }
  return frames;
}

interface Interface {
  readonly linkType: number;
  /** Timestamp units per second. */
  readonly unitsPerSecond: number;
}

function readPcapng(bytes: Uint8Array): Frame[] {
  const v = view(bytes);
  const frames: Frame[] = [];
  let le = true;
  let interfaces: Interface[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (at + 12 > bytes.length) throw truncated('pcapng block header', 'pcapng 块头', at);
    const type = v.getUint32(at, true);
    if (type === 0x0a0d0d0a) {
      const bom = v.getUint32(at + 8, true);
      if (bom !== 0x1a2b3c4d && bom !== 0x4d3c2b1a) {
        throw new CaptureError(`bad byte-order magic in section header at offset ${at}`, `偏移 ${at} 处的节头字节序魔数无效`, at);
      }
      le = bom === 0x1a2b3c4d;
      interfaces = [];
    }
    const length = v.getUint32(at + 4, le);
    if (length < 12 || length % 4 !== 0) {
      throw new CaptureError(`bad pcapng block length ${length} at offset ${at}`, `偏移 ${at} 处的 pcapng 块长度 ${length} 无效`, at);
    }
    checkSize(length - 12, at);
    if (at + length > bytes.length) throw truncated('pcapng block', 'pcapng 块', at);
    const body = bytes.subarray(at + 8, at + length - 4);
    const blockType = v.getUint32(at, le);
    if (blockType === 1) interfaces.push(readInterface(body, le, at));
    else if (blockType === 6 || blockType === 2 || blockType === 3) {
      frames.push(readPacketBlock(blockType, body, le, interfaces, at));
      checkCount(frames.length, at);
    }
    at += length;
  }
  return frames;
}

function readInterface(body: Uint8Array, le: boolean, at: number): Interface {
  if (body.length < 8) throw truncated('interface description block', '接口描述块', at);
  const v = view(body);
  const linkType = v.getUint16(0, le);
  let unitsPerSecond = 1e6;
  for (let o = 8; o + 4 <= body.length; ) {
    const code = v.getUint16(o, le);
    const len = v.getUint16(o + 2, le);
    if (code === 0) break;
    if (code === 9 && len >= 1 && o + 4 < body.length) {
      const r = body[o + 4]!;
      unitsPerSecond = r & 0x80 ? 2 ** (r & 0x7f) : 10 ** (r & 0x7f);
    }
    o += 4 + ((len + 3) & ~3);
  }
  return { linkType, unitsPerSecond };
}

function readPacketBlock(type: number, body: Uint8Array, le: boolean, interfaces: readonly Interface[], at: number): Frame {
  const v = view(body);
  if (type === 3) {
    // Simple Packet Block: original length, then data; interface 0, no timestamp.
    if (body.length < 4) throw truncated('simple packet block', '简单数据包块', at);
    const iface = interfaceAt(interfaces, 0, at);
    const caplen = Math.min(v.getUint32(0, le), body.length - 4);
    return { time: 0, linkType: iface.linkType, data: body.subarray(4, 4 + caplen), offset: at };
  }
  if (body.length < 20) throw truncated('packet block', '数据包块', at);
  const ifaceId = type === 6 ? v.getUint32(0, le) : v.getUint16(0, le);
  const iface = interfaceAt(interfaces, ifaceId, at);
  const ts = (BigInt(v.getUint32(4, le)) << 32n) | BigInt(v.getUint32(8, le));
  const caplen = v.getUint32(12, le);
  if (20 + caplen > body.length) throw truncated('packet data in block', '块内数据包数据', at);
  const time = Number(ts / BigInt(iface.unitsPerSecond)) + Number(ts % BigInt(iface.unitsPerSecond)) / iface.unitsPerSecond;
  return { time, linkType: iface.linkType, data: body.subarray(20, 20 + caplen), offset: at };
}

function interfaceAt(interfaces: readonly Interface[], id: number, at: number): Interface {
  const iface = interfaces[id];
  if (!iface) {
    throw new CaptureError(`packet block at offset ${at} names interface ${id}, which was never described`, `偏移 ${at} 处的数据包块引用了未描述的接口 ${id}`, at);
  }
  return iface;
}

function checkSize(n: number, at: number): void {
  if (n > LIMITS.maxRecordBytes) {
    throw new CaptureError(
      `record at offset ${at} claims ${n} bytes (more than ${LIMITS.maxRecordBytes}): corrupt or not a packet capture`,
      `偏移 ${at} 处的记录声称有 ${n} 字节（超过 ${LIMITS.maxRecordBytes}）：文件已损坏或不是抓包文件`,
      at,
    );
  }
}

function checkCount(n: number, at: number): void {
  if (n > LIMITS.maxFrames) {
    throw new CaptureError(
      `capture too large: more than ${LIMITS.maxFrames} packets (stopped at offset ${at}); cut it first, e.g. editcap -r IN OUT 1-1000`,
      `抓包过大：超过 ${LIMITS.maxFrames} 个数据包（停在偏移 ${at} 处）；请先裁剪，例如 editcap -r IN OUT 1-1000`,
      at,
    );
  }
}
