// `tcpflow run FILE`: the run as a ladder in the terminal — one column per endpoint, one row per
// packet (an arrow from sender to receiver labelled like the script), TCP state change
// (`[ESTABLISHED]`) or TLS handshake state change (`[TLS WAIT_FINISHED]`), under its endpoint.
// An ICMP error is drawn `~~~>` with its kind (`ICMP unreachable port`).
import type { RunResult, TracePacket } from '../runner/trace';

const COLUMN = 30;

export function ladder(r: RunResult): string {
  const names = r.endpoints.map((e) => e.name);
  const col = new Map(names.map((n, i) => [n, i]));
  const width = Math.max(1, names.length) * COLUMN;
  const out: string[] = [];
  if (r.title) out.push(r.title, '');
  out.push('time(s)   ' + names.map((n) => center(n, COLUMN)).join(''));
  out.push('          ' + names.map((n) => center(r.endpoints.find((e) => e.name === n)?.address ?? '', COLUMN)).join(''));

  // Packets and state changes in the order they happened.
  const stateRow = (endpoint: string, label: string): string => place(blank(width), (col.get(endpoint) ?? 0) * COLUMN + 2, `[${label}]`);
  const rows = [
    ...r.packets.map((p) => ({ time: p.time, order: p.order, text: packetRow(p, col, width) })),
    ...r.states.map((s) => ({ time: s.time, order: s.order, text: stateRow(s.endpoint, s.to) })),
    ...(r.tlsStates ?? []).map((s) => ({ time: s.time, order: s.order, text: stateRow(s.endpoint, `TLS ${s.to}`) })),
  ].sort((a, b) => a.order - b.order);
  for (const row of rows) out.push(`${row.time.toFixed(3).padStart(8)}  ${row.text.trimEnd()}`);
  out.push('', `end ${r.durationVirtual.toFixed(3)}s: ` + r.endpoints.map((e) => `${e.name} ${e.state}`).join(', '));
  return out.join('\n');
}

function packetRow(p: TracePacket, col: ReadonlyMap<string, number>, width: number): string {
  const a = col.get(p.src) ?? 0;
  const b = col.get(p.dst) ?? a;
  const from = a * COLUMN + COLUMN / 2;
  const to = b * COLUMN + COLUMN / 2;
  const lo = Math.min(from, to);
  const hi = Math.max(from, to);
  const chars = blank(width).split('');
  const shaft = p.icmp ? '~' : '-'; // an ICMP error is not a TCP segment: a wavy arrow
  for (let x = lo; x <= hi; x++) chars[x] = shaft;
  if (p.dropped) chars[Math.floor((lo + hi) / 2)] = 'x';
  if (to >= from) chars[hi] = '>';
  else chars[lo] = '<';
  const label = ` ${p.label}${p.dropped ? ' (dropped)' : ''}${p.retransmission ? ' (retransmission)' : ''} `;
  const text = place(chars.join(''), lo + Math.max(1, Math.floor((hi - lo - label.length) / 2)), label);
  return text + (p.line ? `  line ${p.line}` : '');
}

function blank(n: number): string {
  return ' '.repeat(n);
}

function center(s: string, w: number): string {
  const t = s.length > w - 2 ? s.slice(0, w - 2) : s;
  const left = Math.floor((w - t.length) / 2);
  return ' '.repeat(left) + t + ' '.repeat(w - left - t.length);
}

function place(line: string, at: number, text: string): string {
  const start = Math.max(0, Math.min(at, line.length));
  return line.slice(0, start) + text + line.slice(start + text.length);
}
