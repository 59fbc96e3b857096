// Inputs for the importers: capture bytes (arbitrary bytes; real pcapng files written by our own
// export from the examples, and the same packets as classic pcap, then corrupted: bytes flipped,
// lengths broken, truncated, spliced) and packetdrill text (a grammar of .pkt lines, mutations of
// the interop .pkt files).
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { toPcapng } from '../../src/export/pcapng';
import { runScript } from '../../src/runner/index';
import { exampleScripts } from './arbitraries';
import { repoRoot } from '../support/paths';
import { concatBytes } from '../../src/engine/bytes';

let capturesCache: readonly Uint8Array[] | undefined;

/** A pcapng of every example's run, and each also as classic pcap (µs, little endian; ns, big endian). */
export function seedCaptures(): readonly Uint8Array[] {
  if (!capturesCache) {
    const out: Uint8Array[] = [];
    for (const source of exampleScripts()) {
      const pcapng = toPcapng(runScript(source));
      out.push(pcapng, classicPcap(pcapng, false), classicPcap(pcapng, true));
    }
    capturesCache = out;
  }
  return capturesCache;
}

/** The packets of one of our pcapng files (EPBs after one IDB) as a classic pcap file. */
function classicPcap(pcapng: Uint8Array, nanoBigEndian: boolean): Uint8Array {
  const v = new DataView(pcapng.buffer, pcapng.byteOffset, pcapng.byteLength);
  const records: Uint8Array[] = [];
  const le = !nanoBigEndian;
  for (let at = 0; at + 12 <= pcapng.length; at += v.getUint32(at + 4, true)) {
    if (v.getUint32(at, true) !== 6) continue;
    const ts = (BigInt(v.getUint32(at + 12, true)) << 32n) | BigInt(v.getUint32(at + 16, true));
    const len = v.getUint32(at + 20, true);
    const rec = new Uint8Array(16 + len);
    const r = new DataView(rec.buffer);
    r.setUint32(0, Number(ts / 1_000_000n), le);
    r.setUint32(4, Number(ts % 1_000_000n) * (nanoBigEndian ? 1000 : 1), le);
    r.setUint32(8, len, le);
    r.setUint32(12, len, le);
    rec.set(pcapng.subarray(at + 28, at + 28 + len), 16);
    records.push(rec);
  }
  const header = new Uint8Array(24);
  const h = new DataView(header.buffer);
  h.setUint32(0, nanoBigEndian ? 0xa1b23c4d : 0xa1b2c3d4, le);
  h.setUint16(4, 2, le);
  h.setUint16(6, 4, le);
  h.setUint32(16, 65535, le);
  h.setUint32(20, 101, le); // LINKTYPE_RAW
  return concatBytes([header, ...records]);
}


type ByteMutation = (b: Uint8Array) => Uint8Array;

const interesting32 = fc.constantFrom(0, 1, 3, 12, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffff0, 65536, 262145, 0x0a0d0d0a);

const byteMutation: fc.Arbitrary<ByteMutation> = fc.oneof(
  fc.tuple(fc.nat(), fc.nat(255)).map(([r, x]): ByteMutation => (b) => {
    const c = Uint8Array.from(b);
    if (c.length > 0) c[r % c.length] = x;
    return c;
  }),
  fc.tuple(fc.nat(), interesting32, fc.boolean()).map(([r, x, le]): ByteMutation => (b) => {
    const c = Uint8Array.from(b);
    if (c.length >= 4) new DataView(c.buffer).setUint32((r % (c.length - 3)) & ~3, x >>> 0, le);
    return c;
  }),
  fc.nat().map((r): ByteMutation => (b) => b.subarray(0, b.length === 0 ? 0 : r % b.length)),
  fc.tuple(fc.nat(), fc.uint8Array({ maxLength: 64 })).map(([r, ins]): ByteMutation => (b) => {
    const at = r % (b.length + 1);
    return concatBytes([b.subarray(0, at), ins, b.subarray(at)]);
  }),
  fc.tuple(fc.nat(), fc.nat(200)).map(([r, n]): ByteMutation => (b) => {
    const at = r % (b.length + 1);
    return concatBytes([b.subarray(0, at), b.subarray(Math.min(b.length, at + n))]);
  }),
  fc.tuple(fc.nat(), fc.nat(), fc.nat(300)).map(([a, s, n]): ByteMutation => (b) => {
    // Duplicate a stretch (repeated blocks and records).
    const from = b.length === 0 ? 0 : s % b.length;
    const at = a % (b.length + 1);
    return concatBytes([b.subarray(0, at), b.subarray(from, from + n), b.subarray(at)]);
  }),
);

/** Capture bytes: a seed capture with 0–8 mutations, a magic number followed by noise, or noise. */
export const captureBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.nat(), fc.array(byteMutation, { maxLength: 8 })).map(([r, ms]) => {
    const seeds = seedCaptures();
    return ms.reduce((b, m) => m(b), seeds[r % seeds.length] ?? new Uint8Array());
  }) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(0x0a0d0d0a, 0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1), fc.uint8Array({ maxLength: 512 })).map(([magic, rest]) => {
    const head = new Uint8Array(4);
    new DataView(head.buffer).setUint32(0, magic, true);
    return concatBytes([head, rest]);
  }) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 256 }) },
);

// ---------------------------------------------------------------------------------------------
// packetdrill

let pktCache: readonly string[] | undefined;

export function seedPktScripts(): readonly string[] {
  if (!pktCache) {
    const dir = path.join(repoRoot, 'test', 'interop', 'packetdrill');
    pktCache = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.pkt')).sort().map((f) => fs.readFileSync(path.join(dir, f), 'utf8')) : [];
  }
  return pktCache;
}

const pktTime = fc.constantFrom('0', '+0', '+.01', '+0.1', '*', '+0~+.04', '+0...0.2', '1.5', '+1e9', '+', '-1', '99999999999999999999', '.', '+.');
const pktSeq = fc.oneof(fc.tuple(fc.nat(0xffffffff), fc.nat(70000)).map(([s, n]) => `${s}:${s + n}(${n})`), fc.constantFrom('0:0(0)', '1:1001(1000)', '1:1(0)', '5:3(9)', '1:', ':(0)', '0:0(-1)', '4294967296:4294967296(0)'));
const pktFlags = fc.constantFrom('S', 'S.', '.', 'P.', 'F.', 'R', 'R.', 'SEW', 'X', '', '[ect0] S');
const pktOption = fc.constantFrom('mss 1460', 'sackOK', 'TS val 0 ecr 0', 'nop', 'wscale 10', 'sack 1:2', 'FO abcd1234', 'eol', 'mss', 'wscale 99', 'TS val ecr');
const pktPacket = fc
  .tuple(fc.constantFrom('<', '>', '<>'), pktFlags, pktSeq, fc.option(fc.nat(0xffffffff).map((n) => `ack ${n}`), { nil: '' }), fc.option(fc.nat(70000).map((n) => `win ${n}`), { nil: '' }), fc.array(pktOption, { maxLength: 5 }))
  .map(([dir, f, s, a, w, os]) => `${dir} ${f} ${s} ${a} ${w} ${os.length > 0 ? `<${os.join(',')}>` : ''}`);
const pktCall = fc.constantFrom(
  'socket(..., SOCK_STREAM, IPPROTO_TCP) = 3', 'listen(3, 1) = 0', 'accept(3, ..., ...) = 4', 'bind(3, ..., ...) = 0',
  'connect(4, ..., ...) = -1 EINPROGRESS (Operation now in progress)', 'write(4, ..., 1000) = 1000', 'read(4, ..., 99999999999) = 5',
  'close(4) = 0', 'shutdown(4, SHUT_WR) = 0', 'setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0', 'fcntl(4, F_SETFL, O_RDWR|O_NONBLOCK) = 0',
  'listen(', 'accept(3', '%{ assert tcpi_state == 1 }%', '%{', '`tc qdisc`', '`', 'getsockopt(3, SOL_SOCKET, SO_ERROR, [0], [4]) = 0',
);
const pktLine = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(pktTime, fc.oneof(pktPacket, pktCall)).map(([t, x]) => `${t} ${x}`) },
  { weight: 1, arbitrary: fc.constantFrom('--tolerance_usecs=10000', '--ip_version=ipv4', '--mss=1000', '--bogus', '`../common/defaults.sh`', '// comment', '/* open comment', '*/', '', '}%') },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
);

const lineMutation: fc.Arbitrary<(ls: string[]) => string[]> = fc.oneof(
  fc.nat().map((r) => (ls: string[]) => ls.filter((_, i) => i !== r % Math.max(1, ls.length))),
  fc.tuple(fc.nat(), pktLine).map(([r, l]) => (ls: string[]) => {
    const i = r % (ls.length + 1);
    return [...ls.slice(0, i), l, ...ls.slice(i)];
  }),
  fc.tuple(fc.nat(), fc.nat(), fc.string({ unit: 'binary', maxLength: 4 })).map(([r, c, g]) => (ls: string[]) => {
    const i = r % Math.max(1, ls.length);
    const l = ls[i] ?? '';
    const at = c % (l.length + 1);
    return ls.map((x, k) => (k === i ? `${l.slice(0, at)}${g}${l.slice(at + 1)}` : x));
  }),
  fc.tuple(fc.nat(), fc.constantFrom('99999999999999999999', '-1', '1e308', '0xffffffff', '4294967296')).map(([r, n]) => (ls: string[]) => {
    const i = r % Math.max(1, ls.length);
    return ls.map((x, k) => (k === i ? x.replace(/\d+/, n) : x));
  }),
);

/** packetdrill text: a generated .pkt, or a real one mutated. */
export const pktScript: fc.Arbitrary<string> = fc.oneof(
  fc.array(pktLine, { maxLength: 20 }).map((ls) => ls.join('\n')),
  fc.tuple(fc.nat(), fc.array(lineMutation, { minLength: 1, maxLength: 5 })).map(([r, ms]) => {
    const seeds = seedPktScripts();
    const base = (seeds[r % Math.max(1, seeds.length)] ?? '').split('\n');
    return ms.reduce((ls, m) => m(ls), base).join('\n');
  }),
);
