// Segments → TCP connections, grouped by their 4-tuple (either direction), in the order each
// connection first appears in the capture. A connection reused after it closed (same 4-tuple, a
// new SYN after a FIN or RST) is still one group: the generator shows the second handshake too.
import type { Segment } from './decode';

export interface Connection {
  /** 1-based, in order of first appearance: what `--connection N` picks. */
  readonly number: number;
  /** `ip:port` of each side, as the first packet had them: `a` sent it. */
  readonly a: string;
  readonly b: string;
  readonly segments: readonly Segment[];
}

export function endpointText(ip: string, port: number): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

export function groupConnections(segments: readonly Segment[]): Connection[] {
  const byKey = new Map<string, { a: string; b: string; segments: Segment[] }>();
  for (const s of segments) {
    const src = endpointText(s.srcIp, s.srcPort);
    const dst = endpointText(s.dstIp, s.dstPort);
    const key = [src, dst].sort().join(' ');
    let c = byKey.get(key);
    if (!c) {
      c = { a: src, b: dst, segments: [] };
      byKey.set(key, c);
    }
    c.segments.push(s);
  }
  return [...byKey.values()].map((c, i) => ({ number: i + 1, ...c }));
}

/** One line for listings: `2: 127.0.0.1:40000 <-> 127.0.0.1:8080, 10 packets, starts with SYN`. */
export function describeConnection(c: Connection): string {
  const first = c.segments[0];
  const start = first && first.flags.includes('SYN') && !first.flags.includes('ACK') ? 'starts with SYN' : 'starts mid-connection';
  return `${c.number}: ${c.a} <-> ${c.b}, ${c.segments.length} packet${c.segments.length === 1 ? '' : 's'}, ${start}`;
}
