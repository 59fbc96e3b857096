// Packet building, serializing and parsing: the wire/ codec that export and import use, against
// Scapy. The same packet both ways: IPv4 (DF, TTL 64, id = i) / TCP PSH,ACK, options mss 1460,
// sackOK, ts val=i ecr=0, nop, wscale 7, and a 100-byte payload (160 bytes on the wire).
//   build     ours: a TcpPacket object (numbers; the two 4-byte addresses, the payload and the
//             four constant options shared by every packet, the ts option and the options list
//             new for each); Scapy: IP()/TCP(options=[…])/Raw() (its constant option tuples are
//             shared by CPython too, the Timestamp tuple and the list are new).
//   serialize ours: serialize() into a new exact-size array, IPv4 and TCP checksums computed;
//             Scapy: bytes(pkt), which computes both too.
//   parse     ours: parsePacket(), every IP and TCP header field, the options as objects and
//             the payload as a view; Scapy: IP(raw), every field, options as tuples, payload
//             copied into a Raw layer. Neither verifies checksums. Both sides work on batches of
//             N packets, keep a batch's built packets and byte strings until it is parsed, count
//             each parsed packet's options and keep no parsed packet.
// The trace path (TracePacket → packetBytes(), decodeFrame() with options as script text) is
// timed too, for reference: it reads and writes strings, which the export loop avoids.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { packetBytes } from '../src/export/packet-bytes';
import { decodeFrame } from '../src/import/decode';
import type { TracePacket } from '../src/runner/trace';
import { ACK, PSH, type TcpOption, type TcpPacket } from '../src/wire/packet';
import { parsePacket } from '../src/wire/parse';
import { serialize } from '../src/wire/write';

export interface PhaseCosts {
  /** µs per packet. */
  readonly build: number;
  readonly serialize: number;
  readonly parse: number;
  readonly total: number;
  readonly count: number;
}

const PAYLOAD = Uint8Array.from({ length: 100 }, (_, i) => i & 0xff);
const PAYLOAD_HEX = Array.from(PAYLOAD, (b) => b.toString(16).padStart(2, '0')).join('');
const SRC = Uint8Array.of(10, 0, 0, 1);
const DST = Uint8Array.of(10, 0, 0, 2);
const MSS: TcpOption = { kind: 'mss', value: 1460 };
const SACK_OK: TcpOption = { kind: 'sackOK' };
const NOP: TcpOption = { kind: 'nop' };
const WSCALE: TcpOption = { kind: 'wscale', value: 7 };

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

function wirePacket(i: number): TcpPacket {
  return {
    src: SRC,
    dst: DST,
    id: i & 0xffff,
    ttl: 64,
    srcPort: 49152,
    dstPort: 80,
    seq: (1000 + i * 100) >>> 0,
    ack: 5000,
    flags: PSH | ACK,
    window: 502,
    urgent: 0,
    options: [MSS, SACK_OK, { kind: 'ts', val: i, ecr: 0 }, NOP, WSCALE],
    payload: PAYLOAD,
  };
}

/**
 * Per-phase µs per packet over batches of `count` packets: each round builds, serializes and
 * parses `batches` batches in turn (each batch's packets and bytes kept until its parse is done,
 * then dropped), and the median round is reported. A batch is the N of the comparison; several
 * per round only make each phase long enough to time on a shared machine. One round more runs
 * first, untimed, for V8 to compile the codec (CPython has no compiler to wait for).
 */
function phases<P>(count: number, rounds: number, batches: number, build: (i: number) => P, write: (p: P) => Uint8Array, read: (b: Uint8Array) => number): PhaseCosts {
  const b: number[] = [];
  const s: number[] = [];
  const p: number[] = [];
  let check = 0;
  for (let r = -1; r < rounds; r++) {
    let tb = 0;
    let ts = 0;
    let tp = 0;
    for (let k = 0; k < batches; k++) {
      let t0 = performance.now();
      const packets = buildAll(k * count, count, build);
      tb += performance.now() - t0;
      t0 = performance.now();
      const bytes = writeAll(packets, write);
      ts += performance.now() - t0;
      t0 = performance.now();
      check += readAll(bytes, read);
      tp += performance.now() - t0;
    }
    if (r < 0) continue;
    b.push(tb);
    s.push(ts);
    p.push(tp);
  }
  const expected = (rounds + 1) * batches * count * 5;
  if (check !== expected) throw new Error(`parsed ${check} options, expected ${expected}`);
  const per = (xs: number[]): number => (median(xs) * 1000) / (count * batches);
  return { build: per(b), serialize: per(s), parse: per(p), total: per(b) + per(s) + per(p), count };
}

// One function per phase, so V8 optimizes each as a whole rather than its loop on the fly (on-
// stack replacement), which it threw away every round when the round's arrays died.
function buildAll<P>(first: number, count: number, build: (i: number) => P): P[] {
  const packets = new Array<P>(count);
  for (let i = 0; i < count; i++) packets[i] = build(first + i);
  return packets;
}

function writeAll<P>(packets: readonly P[], write: (p: P) => Uint8Array): Uint8Array[] {
  const bytes = new Array<Uint8Array>(packets.length);
  for (let i = 0; i < packets.length; i++) bytes[i] = write(packets[i]!);
  return bytes;
}

function readAll(bytes: readonly Uint8Array[], read: (b: Uint8Array) => number): number {
  let n = 0;
  for (const b of bytes) n += read(b);
  return n;
}

/** The wire/ codec: what the comparison with Scapy is about. */
export function ours(count: number, batches: number, rounds = 5): PhaseCosts {
  return phases(count, rounds, batches, wirePacket, serialize, (bytes) => parsePacket(bytes)?.options.length ?? 0);
}

/** The trace path, for reference: script-spelled options and hex payload in, option text out. */
export function oursFromTrace(count: number, batches: number, rounds = 5): PhaseCosts {
  const decode = (data: Uint8Array): number => decodeFrame({ time: 0, linkType: 101, data, offset: 0 })?.options.length ?? 0;
  return phases(count, rounds, batches, tracePacket, packetBytes, decode);
}

function tracePacket(i: number): TracePacket {
  return {
    id: i,
    order: i,
    time: i * 1e-3,
    arrival: i * 1e-3 + 0.005,
    src: 'client',
    dst: 'server',
    srcAddr: '10.0.0.1:49152',
    dstAddr: '10.0.0.2:80',
    flags: ['PSH', 'ACK'],
    seq: (1000 + i * 100) >>> 0,
    ack: 5000,
    len: 100,
    win: 502,
    options: ['mss 1460', 'sackOK', `ts val=${i} ecr=0`, 'nop', 'wscale 7'],
    payloadHex: PAYLOAD_HEX,
    line: 0,
    label: '',
    dropped: false,
    retransmission: false,
    tls: [],
  };
}

const SCAPY = String.raw`
import json, sys, time
from scapy.all import IP, TCP, Raw, conf
conf.verb = 0
n = int(sys.argv[1]); rounds = int(sys.argv[2])
payload = bytes(i & 0xff for i in range(100))
b, s, p = [], [], []
for r in range(rounds):
    t0 = time.perf_counter()
    pkts = [IP(src='10.0.0.1', dst='10.0.0.2', id=i, flags='DF', ttl=64) /
            TCP(sport=49152, dport=80, seq=1000 + i * 100, ack=5000, flags='PA', window=502,
                options=[('MSS', 1460), ('SAckOK', b''), ('Timestamp', (i, 0)), ('NOP', None), ('WScale', 7)]) /
            Raw(payload) for i in range(n)]
    t1 = time.perf_counter()
    raw = [bytes(x) for x in pkts]
    t2 = time.perf_counter()
    opts = sum(len(IP(x)[TCP].options) for x in raw)
    t3 = time.perf_counter()
    assert opts == 5 * n, opts
    b.append(t1 - t0); s.append(t2 - t1); p.append(t3 - t2)
med = lambda xs: sorted(xs)[len(xs) // 2] * 1e6 / n
import scapy
print(json.dumps({'build': med(b), 'serialize': med(s), 'parse': med(p), 'version': scapy.__version__, 'python': sys.version.split()[0], 'length': len(raw[0])}))
`;

/** Debian's interpreter, which python3-scapy installs into (a pyenv python3 on PATH would not see it). */
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

export interface ScapyCosts extends PhaseCosts {
  readonly version: string;
  readonly python: string;
  readonly length: number;
}

/** Installs Debian's python3-scapy when missing (as root); a reason string when it cannot. */
export function ensureScapy(): string | null {
  const probe = (): boolean => spawnSync(PYTHON, ['-c', 'import scapy.all'], { stdio: 'ignore' }).status === 0;
  if (probe()) return null;
  if (process.getuid?.() !== 0) return 'python3-scapy is not installed and the bench is not running as root to apt-get it';
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'python3-scapy'], { stdio: 'ignore', env, timeout: 300_000 });
  if (r.status !== 0) {
    spawnSync('apt-get', ['update'], { stdio: 'ignore', env, timeout: 300_000 });
    r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'python3-scapy'], { stdio: 'ignore', env, timeout: 300_000 });
  }
  return probe() ? null : `apt-get install python3-scapy failed (exit ${r.status ?? r.signal})`;
}

export function scapy(count: number, rounds = 3): ScapyCosts | string {
  const r = spawnSync(PYTHON, ['-c', SCAPY, String(count), String(rounds)], { encoding: 'utf8', timeout: 240_000 });
  if (r.status !== 0) return `Scapy run failed: ${(r.stderr || String(r.error)).trim().split('\n').pop() ?? ''}`;
  const j = JSON.parse(r.stdout) as { build: number; serialize: number; parse: number; version: string; python: string; length: number };
  return { ...j, total: j.build + j.serialize + j.parse, count };
}
