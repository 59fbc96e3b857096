// Packet building, serializing and parsing: the engine's exporter and importer against Scapy.
// The same packet both ways: IPv4/TCP, PSH,ACK, options mss 1460, sackOK, ts, nop, wscale 7,
// and a 100-byte payload.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { packetBytes } from '../src/export/packet-bytes';
import { decodeFrame } from '../src/import/decode';
import type { TracePacket } from '../src/runner/trace';

export interface PhaseCosts {
  /** µs per packet. */
  readonly build: number;
  readonly serialize: number;
  readonly parse: number;
  readonly total: number;
  readonly count: number;
}

const PAYLOAD_HEX = Array.from({ length: 100 }, (_, i) => (i & 0xff).toString(16).padStart(2, '0')).join('');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
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

export function ours(count: number, rounds = 5): PhaseCosts {
  const build: number[] = [];
  const serialize: number[] = [];
  const parse: number[] = [];
  let check = 0;
  for (let r = 0; r < rounds; r++) {
    let t0 = performance.now();
    const packets: TracePacket[] = new Array<TracePacket>(count);
    for (let i = 0; i < count; i++) packets[i] = tracePacket(i);
    build.push(performance.now() - t0);
    t0 = performance.now();
    const bytes: Uint8Array[] = new Array<Uint8Array>(count);
    for (let i = 0; i < count; i++) bytes[i] = packetBytes(packets[i]!);
    serialize.push(performance.now() - t0);
    t0 = performance.now();
    for (let i = 0; i < count; i++) {
      const seg = decodeFrame({ time: 0, linkType: 101, data: bytes[i]!, offset: 0 });
      check += seg?.options.length ?? 0;
    }
    parse.push(performance.now() - t0);
  }
  if (check !== rounds * count * 5) throw new Error(`decodeFrame read ${check} options, expected ${rounds * count * 5}`);
  const per = (xs: number[]): number => (median(xs) * 1000) / count;
  const b = per(build);
  const s = per(serialize);
  const p = per(parse);
  return { build: b, serialize: s, parse: p, total: b + s + p, count };
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
    parsed = [IP(x) for x in raw]
    opts = sum(len(x[TCP].options) for x in parsed)
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
