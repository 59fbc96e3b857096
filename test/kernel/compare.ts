// Packet-by-packet comparison of an engine run with a capture of the real Linux kernel
// (test/fixtures/kernel/<scenario>.json, made by tools/kernel-captures/). Used by
// fidelity.test.ts; no root, no namespaces: only the committed fixtures.
import type { RunResult, TracePacket } from '../../src/runner/trace';

export type Dir = 'c>s' | 's>c';

/** One packet as tools/kernel-captures/summarize.py writes it. */
export interface KernelPacket {
  /** Seconds from the first packet. */
  readonly t: number;
  readonly dir: Dir;
  /** Connection index: clients in the order of their first packet. */
  readonly conn: number;
  readonly flags: readonly string[];
  /** Relative to the sender's ISN, or raw when `seqRaw` (the sender's SYN is not in the capture). */
  readonly seq: number;
  readonly seqRaw?: boolean;
  /** Relative to the peer's ISN; null when ACK is not set. */
  readonly ack: number | null;
  readonly ackRaw?: boolean;
  readonly len: number;
  /** Raw window field (unscaled). */
  readonly win: number;
  readonly options: readonly string[];
  /** An ICMP error (then the TCP fields are absent): type, code, and the quoted sequence number relative to its sender's ISN. */
  readonly icmp?: KernelIcmp;
}

export interface KernelIcmp {
  readonly type: number;
  readonly code: number;
  readonly quotedSeq: number;
}

export interface KernelEvent {
  readonly t: number;
  readonly event: string;
  readonly errno?: string;
}

export interface KernelFixture {
  readonly scenario: string;
  readonly description: string;
  readonly kernel: string;
  /** CONFIG_HZ of the captured kernel (timer-wheel granularity). */
  readonly hz: number;
  readonly addresses: { readonly client: string; readonly server: string; readonly clientPorts: readonly string[] };
  readonly sysctlsSet: { readonly client: Record<string, string>; readonly server: Record<string, string> };
  /** veth (delay 0) or the tun delay line (one-way delay in seconds). */
  readonly link: { readonly kind: string; readonly delay: number };
  /** Where tcpdump ran: packets from the other side are stamped on arrival. */
  readonly capturedAt: 'client';
  readonly events: readonly KernelEvent[];
  readonly packets: readonly KernelPacket[];
}

const FLAG_ORDER = ['SYN', 'ACK', 'FIN', 'RST', 'PSH', 'URG', 'ECE', 'CWR'];

function flagText(flags: readonly string[]): string {
  return [...flags].sort((a, b) => FLAG_ORDER.indexOf(a) - FLAG_ORDER.indexOf(b)).join(',');
}

function splitAddr(a: string): { ip: string; port: string } {
  const i = a.lastIndexOf(':');
  return { ip: a.slice(0, i).replace(/^\[|\]$/g, ''), port: a.slice(i + 1) };
}

/** The engine's packets in the fixture's terms (same origin for seq/ack, same connection order,
 *  and stamped where the capture was taken: the client's packets when sent, the server's when
 *  they arrive at the client). */
export function summarizeEngine(result: RunResult, serverIp: string): KernelPacket[] {
  // packets the script drops (nft drops them in the receiving namespace) were still on the wire
  const sent = result.packets;
  const conns = new Map<string, { idx: number; c: number | null; s: number | null }>();
  const sideOf = (p: TracePacket): 'c' | 's' => (splitAddr(p.srcAddr).ip === serverIp ? 's' : 'c');
  // an ICMP belongs to the connection of the segment it quotes
  const clientPort = (p: TracePacket): string => {
    const a = p.icmp ? { src: p.icmp.quoted.srcAddr, dst: p.icmp.quoted.dstAddr } : { src: p.srcAddr, dst: p.dstAddr };
    return splitAddr(a.src).ip === serverIp ? splitAddr(a.dst).port : splitAddr(a.src).port;
  };
  for (const p of sent) {
    const key = clientPort(p);
    let c = conns.get(key);
    if (!c) {
      c = { idx: conns.size, c: null, s: null };
      conns.set(key, c);
    }
    const side = sideOf(p);
    if (p.flags.includes('SYN') && c[side] === null) c[side] = p.seq;
  }
  const stamp = (p: TracePacket): number => (sideOf(p) === 's' ? p.arrival : p.time);
  const stamped = [...sent].sort((a, b) => stamp(a) - stamp(b) || a.id - b.id);
  const t0 = stamped[0] ? stamp(stamped[0]) : 0;
  return stamped.map((p) => {
    const side = sideOf(p);
    if (p.icmp) {
      const c = conns.get(clientPort(p))!;
      const quotedSide = splitAddr(p.icmp.quoted.srcAddr).ip === serverIp ? 's' : 'c';
      const isn = c[quotedSide];
      const icmp: KernelIcmp = { type: p.icmp.type, code: p.icmp.code, quotedSeq: isn === null ? p.icmp.quoted.seq : (p.icmp.quoted.seq - isn) >>> 0 };
      return { t: stamp(p) - t0, dir: side === 'c' ? 'c>s' : 's>c', conn: c.idx, flags: [], seq: 0, ack: null, len: 0, win: 0, options: [], icmp };
    }
    const peer = side === 'c' ? 's' : 'c';
    const c = conns.get(clientPort(p))!;
    const own = c[side];
    const other = c[peer];
    const hasAck = p.flags.includes('ACK');
    const out: KernelPacket = {
      t: stamp(p) - t0,
      dir: side === 'c' ? 'c>s' : 's>c',
      conn: c.idx,
      flags: [...p.flags],
      seq: own === null ? p.seq : (p.seq - own) >>> 0,
      ...(own === null ? { seqRaw: true } : {}),
      ack: !hasAck ? null : other === null ? p.ack : (p.ack - other) >>> 0,
      ...(hasAck && other === null ? { ackRaw: true } : {}),
      len: p.len,
      win: p.win,
      options: [...p.options],
    };
    return out;
  });
}

/** How late a Linux timer of this length may fire: the timer wheel rounds it up to its level's
 *  granularity (HZ 250: 4 ms below 256 ms, 32 ms below 2.048 s, 256 ms below 16.4 s, 2.048 s
 *  after), plus 60 ms for everything else (softirq, jiffies, the driver's own schedule). */
export function timeTolerance(gap: number, hz: number, base = 0.06): number {
  const jiffies = gap * hz;
  let gran = 1;
  for (let level = 0; level < 8; level++) {
    if (jiffies < 64 * 8 ** level) {
      gran = 8 ** level;
      break;
    }
  }
  return base + gran / hz;
}

function optionShape(o: string): string {
  // ts values are per-connection random offsets: compare the kind only; mss and wscale values count
  if (o.startsWith('ts ')) return 'ts';
  if (o.startsWith('sack ')) return 'sack';
  // a Fast Open cookie is the server's keyed hash (its key is random): compare that one is there
  if (o.startsWith('tfo ')) return 'tfo cookie';
  return o;
}

export interface Difference {
  readonly index: number;
  readonly field: string;
  readonly kernel: string;
  readonly engine: string;
}

export interface CompareOptions {
  /** Compare the window of every packet, not only of SYN and SYN,ACK. */
  readonly allWindows: boolean;
  /** Timing tolerance before the timer-wheel granularity is added; 60 ms unless given. */
  readonly baseTolerance?: number;
}

function line(p: KernelPacket | undefined): string {
  if (!p) return '(none)';
  if (p.icmp) return `${p.t.toFixed(3).padStart(8)}s #${p.conn} ${p.dir} ICMP type ${p.icmp.type} code ${p.icmp.code} quoting seq=${p.icmp.quotedSeq}`;
  const seq = `${p.seqRaw ? 'raw ' : ''}${p.seq}`;
  const ack = p.ack === null ? '-' : `${p.ackRaw ? 'raw ' : ''}${p.ack}`;
  return (
    `${p.t.toFixed(3).padStart(8)}s #${p.conn} ${p.dir} ${flagText(p.flags).padEnd(11)} ` +
    `seq=${seq} ack=${ack} len=${p.len} win=${p.win} <${p.options.map(optionShape).join(',')}>`
  );
}

/** Every difference in the compared fields, in packet order. */
export function compare(kernel: readonly KernelPacket[], engine: readonly KernelPacket[], hz: number, opts: CompareOptions): Difference[] {
  const diffs: Difference[] = [];
  const n = Math.max(kernel.length, engine.length);
  for (let i = 0; i < n; i++) {
    const k = kernel[i];
    const e = engine[i];
    if (!k || !e) {
      diffs.push({ index: i, field: 'packet', kernel: line(k), engine: line(e) });
      continue;
    }
    const add = (field: string, kv: unknown, ev: unknown): void => {
      if (String(kv) !== String(ev)) diffs.push({ index: i, field, kernel: String(kv), engine: String(ev) });
    };
    add('dir', k.dir, e.dir);
    add('conn', k.conn, e.conn);
    if (k.icmp || e.icmp) {
      add('icmp', icmpText(k.icmp), icmpText(e.icmp));
      compareGap(i);
      continue;
    }
    add('flags', flagText(k.flags), flagText(e.flags));
    add('seq', `${k.seqRaw ? 'raw ' : ''}${k.seq}`, `${e.seqRaw ? 'raw ' : ''}${e.seq}`);
    if (k.ack !== null || e.ack !== null) add('ack', k.ack === null ? '-' : `${k.ackRaw ? 'raw ' : ''}${k.ack}`, e.ack === null ? '-' : `${e.ackRaw ? 'raw ' : ''}${e.ack}`);
    add('len', k.len, e.len);
    if (k.flags.includes('SYN') || opts.allWindows) add('win', k.win, e.win);
    add('options', k.options.map(optionShape).join(','), e.options.map(optionShape).join(','));
    compareGap(i);
  }
  return diffs;

  function compareGap(i: number): void {
    if (i === 0) return;
    const k = kernel[i]!;
    const e = engine[i]!;
    const kg = k.t - kernel[i - 1]!.t;
    const eg = e.t - engine[i - 1]!.t;
    const tol = timeTolerance(kg, hz, opts.baseTolerance);
    if (Math.abs(kg - eg) > tol) {
      diffs.push({
        index: i,
        field: 'time since previous packet',
        kernel: `${kg.toFixed(3)}s (at ${k.t.toFixed(3)}s)`,
        engine: `${eg.toFixed(3)}s (at ${e.t.toFixed(3)}s; tolerance ±${(tol * 1000).toFixed(0)}ms)`,
      });
    }
  }
}

function icmpText(icmp: KernelIcmp | undefined): string {
  return icmp ? `type ${icmp.type} code ${icmp.code} quoting seq=${icmp.quotedSeq}` : '(a TCP segment)';
}

/** A side-by-side listing with the differing packets marked, for the failure message. */
export function renderDiff(name: string, kernel: readonly KernelPacket[], engine: readonly KernelPacket[], diffs: readonly Difference[]): string {
  const out = [`${name}: ${diffs.length} difference(s) between the kernel capture and the engine`];
  const n = Math.max(kernel.length, engine.length);
  const byIndex = new Map<number, Difference[]>();
  for (const d of diffs) byIndex.set(d.index, [...(byIndex.get(d.index) ?? []), d]);
  for (let i = 0; i < n; i++) {
    const ds = byIndex.get(i);
    out.push(`${ds ? '!' : ' '} [${i}] kernel ${line(kernel[i])}`);
    out.push(`${ds ? '!' : ' '} ${' '.repeat(String(i).length + 2)} engine ${line(engine[i])}`);
    for (const d of ds ?? []) out.push(`      ${d.field}: kernel ${d.kernel} | engine ${d.engine}`);
  }
  return out.join('\n');
}
