// The import layer's public face: capture bytes → one connection as a `.tcpflow` script, and
// packetdrill text → a `.tcpflow` script with diagnostics. Pure; the CLI reads and writes files.
import { CaptureError } from './capture-error';
import { readCapture } from './capture-reader';
import { describeConnection, groupConnections } from './connections';
import { decodeFrame, type Segment } from './decode';
import { generateScript } from './generate';

export { CaptureError } from './capture-error';
export { checkPacketdrill, type PacketdrillResult } from './packetdrill';

export interface CaptureImport {
  readonly script: string;
  /** One line per TCP connection in the capture (`1: a <-> b, 10 packets, starts with SYN`). */
  readonly connections: readonly string[];
  /** The 1-based number of the connection that was converted. */
  readonly chosen: number;
}

/** `source` is the capture's file name (for the title and the header comment). */
export function importCapture(bytes: Uint8Array, source: string, connection?: number): CaptureImport {
  const segments: Segment[] = [];
  for (const frame of readCapture(bytes)) {
    const s = decodeFrame(frame);
    if (s) segments.push(s);
  }
  const connections = groupConnections(segments);
  if (connections.length === 0) {
    throw new CaptureError(`no TCP packets in ${source}`, `${source} 中没有 TCP 数据包`, bytes.length);
  }
  const chosen = connection ?? 1;
  const c = connections[chosen - 1];
  if (!c) {
    throw new CaptureError(
      `--connection ${chosen}: the capture holds ${connections.length} TCP connection(s)`,
      `--connection ${chosen}：抓包中只有 ${connections.length} 个 TCP 连接`,
      0,
    );
  }
  const title = source.replace(/^.*[\\/]/, '').replace(/\.(pcapng|pcap|cap)$/i, '');
  return { script: generateScript(c, title, source.replace(/^.*[\\/]/, '')), connections: connections.map(describeConnection), chosen };
}
