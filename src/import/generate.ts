// One connection → a `.tcpflow` script. The side that sent the first SYN is `client`; both sides
// are `scripted`, so running the script holds each packet to what a correct stack could send
// and shows where the capture departs from it. A capture that starts mid-connection has no ISNs
// to anchor on: both sides are `raw` (nothing checked) and numbers stay absolute.
// Times are relative (`+12ms`), sequence numbers symbolic (`x` = the client's ISN, `y` = the
// server's), payloads `data "…"` when printable and `len=N` otherwise.
import type { Connection } from './connections';
import { endpointText } from './connections';
import type { Segment } from './decode';
import { icmpKindName } from '../language/keywords';

const MAX_DATA_TEXT = 2048;

export function generateScript(c: Connection, title: string, source: string): string {
  const first = c.segments[0];
  const opened = c.segments.find((s) => s.flags.includes('SYN') && !s.flags.includes('ACK'));
  const clientAddr = opened ? endpointText(opened.srcIp, opened.srcPort) : c.a;
  const serverAddr = clientAddr === c.a ? c.b : c.a;
  const kind = opened ? 'scripted' : 'raw';
  const isn = new Map<string, { name: string; value: number }>();
  if (opened) {
    isn.set(clientAddr, { name: 'x', value: opened.seq });
    const synAck = c.segments.find((s) => s.flags.includes('SYN') && endpointText(s.srcIp, s.srcPort) === serverAddr);
    if (synAck) isn.set(serverAddr, { name: 'y', value: synAck.seq });
  }
  const lines = [
    `# Imported by tcpflow from ${source}: TCP connection ${c.number}, ${c.segments.length} packets.`,
    opened
      ? '# Both ends are scripted: running it checks every packet against what a correct stack could send.'
      : '# The capture starts mid-connection (no SYN seen), so both ends are raw: packets are replayed',
    ...(opened ? [] : ['# unchecked with absolute sequence numbers. Add the handshake by hand to check them.']),
    `flow "${title.replace(/["\\]/g, '_')}"`,
    'profile linux',
    `endpoint client ${clientAddr} ${kind}`,
    `endpoint server ${serverAddr} ${kind}`,
    '',
  ];
  let previous = first?.time ?? 0;
  for (const s of c.segments) {
    const from = endpointText(s.srcIp, s.srcPort);
    const to = endpointText(s.dstIp, s.dstPort);
    const src = from === clientAddr ? 'client' : 'server';
    const dst = to === clientAddr ? 'client' : 'server';
    const delta = Math.max(0, Math.round((s.time - previous) * 1e6));
    previous = s.time;
    if (s.icmp) lines.push(`${timePrefix(delta)} ${src} -> ${dst} ${icmpFields(s, s.icmp, isn.get(to), from)}`);
    else if (s.flags.length === 0) lines.push(`# ${timePrefix(delta)} ${src} -> ${dst}: a segment with no TCP flags (seq ${s.seq}, ${s.payload.length} bytes) cannot be written as a packet line`);
    else lines.push(`${timePrefix(delta)} ${src} -> ${dst} ${packetFields(s, isn.get(from), isn.get(to))}`);
  }
  return lines.join('\n') + '\n';
}

function timePrefix(us: number): string {
  return us % 1000 === 0 ? `+${us / 1000}ms` : `+${us}us`;
}

type Isn = { name: string; value: number } | undefined;

function packetFields(s: Segment, own: Isn, peer: Isn): string {
  const parts = [s.flags.join(',')];
  parts.push(`seq=${symbolic(s.seq, own)}`);
  if (s.flags.includes('ACK')) parts.push(`ack=${symbolic(s.ack, peer)}`);
  parts.push(`win=${s.win}`);
  if (s.payload.length > 0) parts.push(printable(s.payload) ? `data "${escape(s.payload)}"` : `len=${s.payload.length}`);
  if (s.options.length > 0) parts.push(`<${s.options.join(', ')}>`);
  return parts.join(' ');
}

/** `ICMP unreachable port seq=x [from 10.0.0.254]`: the ICMP quotes a segment of `quotedIsn`'s side. */
function icmpFields(s: Segment, icmp: NonNullable<Segment['icmp']>, quotedIsn: Isn, farEnd: string): string {
  const parts = [`ICMP unreachable ${icmpKindName(icmp.code, icmp.type)}`];
  if (icmp.type === 3 && icmp.code === 4 && icmp.mtu >= 68) parts.push(`mtu ${icmp.mtu}`);
  parts.push(`seq=${symbolic(s.seq, quotedIsn)}`);
  // sent by a router (not the far end's own address): the line spoofs the ICMP's source
  const from = icmp.type === 1 ? `[${icmp.from}]` : icmp.from;
  if (!farEnd.startsWith(`${from}:`)) parts.push(`from ${from}`);
  return parts.join(' ');
}

function symbolic(value: number, isn: Isn): string {
  if (!isn) return String(value);
  const off = (value - isn.value) >>> 0;
  if (off === 0) return isn.name;
  return off < 0x80000000 ? `${isn.name}+${off}` : `${isn.name}-${2 ** 32 - off}`;
}

function printable(b: Uint8Array): boolean {
  return b.length <= MAX_DATA_TEXT && b.every((c) => (c >= 0x20 && c < 0x7f) || c === 0x0d || c === 0x0a || c === 0x09);
}

function escape(b: Uint8Array): string {
  let out = '';
  for (const c of b) {
    if (c === 0x0d) out += '\\r';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x09) out += '\\t';
    else if (c === 0x5c) out += '\\\\';
    else if (c === 0x22) out += '\\"';
    else out += String.fromCharCode(c);
  }
  return out;
}
