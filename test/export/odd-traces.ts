// Hand-made traces that reach the corners of the exporter: IPv6, every option spelling the
// runner writes and some it never does, truncated and odd-length hex, unknown flags, dropped
// packets, non-ASCII comments, a time past 2^53 µs, a key log. Static (no engine run), so their
// export stays byte-for-byte the same while the engine changes.
import type { RunResult, TracePacket } from '../../src/runner/trace';

function packet(i: number, over: Partial<TracePacket>): TracePacket {
  return {
    id: i,
    order: i,
    time: i * 0.001,
    arrival: i * 0.001 + 0.005,
    src: 'client',
    dst: 'server',
    srcAddr: '10.0.0.1:49152',
    dstAddr: '10.0.0.2:80',
    flags: ['ACK'],
    seq: 1000 + i,
    ack: 5000,
    len: 0,
    win: 502,
    options: [],
    payloadHex: '',
    line: i + 1,
    label: `ACK #${i}`,
    dropped: false,
    retransmission: false,
    tls: [],
    ...over,
  };
}

const V4: Partial<TracePacket>[] = [
  { flags: ['SYN'], options: ['mss 1460', 'sackOK', 'ts val=4294967295 ecr=0', 'nop', 'wscale 7'] },
  { flags: ['SYN', 'ACK'], options: ['mss 536', 'nop', 'nop', 'sackOK', 'eol'], src: 'server', dst: 'client', srcAddr: '10.0.0.2:80', dstAddr: '10.0.0.1:49152' },
  { flags: ['PSH', 'ACK'], len: 4, payloadHex: '70696e67', options: ['sack 1:2 3:4 4294967295:0'] },
  { flags: ['FIN', 'PSH', 'URG', 'ECE', 'CWR', 'ACK', 'BOGUS' as 'ACK'], len: 7, payloadHex: 'ABCDEF0', win: 70_000, seq: 2 ** 32 - 1 },
  { len: 3000, payloadHex: 'ff'.repeat(100), label: 'data "…" 数据', dropped: true },
  { options: ['mss 0x10', 'wscale x', 'ts val=12', 'ts  val=3 ecr=4', 'sack 5:6:7 8', 'sack', 'tsopt', 'foo 1', 'mss'], line: 0, label: '' },
  { options: ['ts val=123456789012345678 ecr=1', 'sack 99999999999999999:1'], time: 1e10 },
  { src: 'mallory', dst: 'server', srcAddr: '10.0.0.66:1234', time: 12345.6789 },
];

const V6: Partial<TracePacket>[] = [
  { flags: ['SYN'], options: ['mss 1440', 'sackOK', 'ts val=1 ecr=0', 'nop', 'wscale 7'] },
  { flags: ['SYN', 'ACK'], src: 'server', dst: 'client', srcAddr: '[fd00::2]:80', dstAddr: '[fd00::1]:49152', options: ['mss 1440'] },
  { flags: ['PSH', 'ACK'], len: 5, payloadHex: '68656c6c6f', dropped: true },
];

function run(title: string, packets: TracePacket[], keylog: string[]): RunResult {
  return { title, profile: 'linux', seed: 1, diagnostics: [], packets, states: [], tlsStates: [], timers: [], endpoints: [], symbols: {}, keylog, durationVirtual: 1 };
}

export const ODD_RUNS: Readonly<Record<string, RunResult>> = {
  ipv4: run('odd ipv4 — ✓', V4.map((o, i) => packet(i, o)), ['CLIENT_RANDOM 00 11']),
  ipv6: run('', V6.map((o, i) => packet(i, { srcAddr: '[fd00::1]:49152', dstAddr: '[fd00::2]:80', ...o })), []),
  empty: run('empty', [], []),
};
