// wire/: what serialize() writes, parsePacket() reads back field for field, with both checksums
// correct on the wire; odd inputs (fragments, truncation, malformed options) give null or stop
// where a reader must.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { checksum, finish, pseudoHeaderSum, sumWords } from '../../src/wire/checksum';
import { ACK, PSH, SYN, type TcpOption, type TcpPacket } from '../../src/wire/packet';
import { parseOptions, parsePacket } from '../../src/wire/parse';
import { optionsLength, packetLength, serialize, writePacket } from '../../src/wire/write';

const u32 = fc.integer({ min: 0, max: 2 ** 32 - 1 });
const u16 = fc.integer({ min: 0, max: 0xffff });
const u8 = fc.integer({ min: 0, max: 0xff });

const option: fc.Arbitrary<TcpOption> = fc.oneof(
  fc.constant<TcpOption>({ kind: 'nop' }),
  u16.map((value): TcpOption => ({ kind: 'mss', value })),
  u8.map((value): TcpOption => ({ kind: 'wscale', value })),
  fc.constant<TcpOption>({ kind: 'sackOK' }),
  fc.array(fc.tuple(u32, u32), { minLength: 1, maxLength: 3 }).map((blocks): TcpOption => ({ kind: 'sack', blocks })),
  fc.tuple(u32, u32).map(([val, ecr]): TcpOption => ({ kind: 'ts', val, ecr })),
  fc.tuple(fc.integer({ min: 9, max: 250 }), fc.uint8Array({ maxLength: 6 })).map(([code, data]): TcpOption => ({ kind: 'other', code, data })),
);

const packet: fc.Arbitrary<TcpPacket> = fc
  .record({
    v6: fc.boolean(),
    a: fc.uint8Array({ minLength: 16, maxLength: 16 }),
    b: fc.uint8Array({ minLength: 16, maxLength: 16 }),
    id: u16,
    ttl: u8,
    srcPort: u16,
    dstPort: u16,
    seq: u32,
    ack: u32,
    flags: u8,
    window: u16,
    urgent: u16,
    options: fc.array(option, { maxLength: 4 }).filter((os) => os.reduce((n, o) => n + (o.kind === 'sack' ? 2 + 8 * o.blocks.length : 10), 0) <= 40),
    payload: fc.uint8Array({ maxLength: 300 }),
  })
  .map(({ v6, a, b, ...rest }) => ({ ...rest, src: v6 ? a : a.subarray(0, 4), dst: v6 ? b : b.subarray(0, 4) }));

/** The TCP checksum over the wire bytes, pseudo-header included: 0 when it is right. */
function tcpChecksumCheck(p: TcpPacket, bytes: Uint8Array): number {
  const from = p.src.length === 16 ? 40 : 20;
  return finish(pseudoHeaderSum(p.src, p.dst, bytes.length - from) + sumWords(bytes, from, bytes.length));
}

describe('wire: serialize and parse', () => {
  it('parsePacket(serialize(p)) gives back every field, and both checksums are right', () => {
    fc.assert(
      fc.property(packet, (p) => {
        const bytes = serialize(p);
        assert.equal(bytes.length, packetLength(p));
        const q = parsePacket(bytes);
        assert.ok(q);
        assert.equal(q.version, p.src.length === 16 ? 6 : 4);
        assert.deepEqual([...q.src], [...p.src]);
        assert.deepEqual([...q.dst], [...p.dst]);
        for (const k of ['srcPort', 'dstPort', 'seq', 'ack', 'flags', 'window', 'urgent', 'ttl'] as const) assert.equal(q[k], p[k], k);
        assert.equal(q.id, q.version === 4 ? p.id : 0);
        // Padding is zeros, which read as an EOL: the end of the list, as Scapy shows it too.
        const padded = optionsLength(p.options) % 4 !== 0 ? [...p.options, { kind: 'eol' } as const] : p.options;
        assert.deepEqual(q.options.map(plain), padded.map(plain));
        assert.deepEqual([...q.payload], [...p.payload]);
        assert.equal(tcpChecksumCheck(p, bytes), 0, 'TCP checksum');
        if (q.version === 4) {
          assert.equal(checksum(bytes.subarray(0, 20)), 0, 'IPv4 header checksum');
          assert.equal(q.ipFlags, 0x2, 'DF');
          assert.equal(q.ipLength, bytes.length);
        } else assert.equal(q.ipLength, bytes.length - 40);
      }),
      { numRuns: 500 },
    );
  });

  it('sums words as RFC 1071 does, at every length and offset', () => {
    // RFC 1071 §3's worked example: 00 01 f2 03 f4 f5 f6 f7 sums to 2ddf0, folded ddf2.
    const example = Uint8Array.of(0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7);
    assert.equal(sumWords(example, 0, 8), 0x2ddf0);
    assert.equal(checksum(example), ~0xddf2 & 0xffff);
    const wordByWord = (b: Uint8Array, from: number, to: number): number => {
      let sum = 0;
      for (let i = from; i < to; i += 2) sum += (b[i]! << 8) | (i + 1 < to ? b[i + 1]! : 0);
      return sum;
    };
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.nat(8), fc.nat(8), (b, head, tail) => {
        const from = Math.min(head, b.length);
        const to = Math.max(from, b.length - tail);
        assert.equal(sumWords(b, from, to), wordByWord(b, from, to));
      }),
    );
  });

  it('writes at any offset of a bigger buffer exactly what serialize() makes', () => {
    fc.assert(
      fc.property(packet, fc.integer({ min: 0, max: 9 }), (p, at) => {
        const out = new Uint8Array(at + packetLength(p) + 3);
        assert.equal(writePacket(p, out, at), packetLength(p));
        assert.deepEqual(out.subarray(at, at + packetLength(p)), serialize(p));
      }),
      { numRuns: 200 },
    );
  });

  it('a known SYN has exactly the expected bytes', () => {
    const p: TcpPacket = { src: Uint8Array.of(10, 0, 0, 1), dst: Uint8Array.of(10, 0, 0, 2), id: 0, ttl: 64, srcPort: 49152, dstPort: 80, seq: 1000, ack: 0, flags: SYN, window: 64240, urgent: 0, options: [{ kind: 'mss', value: 1460 }], payload: new Uint8Array(0) };
    // Checksums worked out independently (Python's struct and RFC 1071 sum).
    assert.equal(Buffer.from(serialize(p)).toString('hex'), '4500002c00004000400626ca0a0000010a000002' + 'c0000050000003e8000000006002faf0c4fa0000020405b4');
  });

  it('reads nothing from fragments, non-TCP and truncated headers', () => {
    const p: TcpPacket = { src: Uint8Array.of(1, 2, 3, 4), dst: Uint8Array.of(5, 6, 7, 8), id: 1, ttl: 64, srcPort: 1, dstPort: 2, seq: 3, ack: 4, flags: PSH | ACK, window: 5, urgent: 0, options: [], payload: Uint8Array.of(1, 2, 3) };
    const bytes = serialize(p);
    const fragment = Uint8Array.from(bytes);
    fragment[6] = fragment[6]! | 0x20; // MF
    assert.equal(parsePacket(fragment), null);
    const udp = Uint8Array.from(bytes);
    udp[9] = 17;
    assert.equal(parsePacket(udp), null);
    assert.equal(parsePacket(bytes.subarray(0, 30)), null);
    assert.equal(parsePacket(new Uint8Array(0)), null);
  });

  it('options stop at EOL (kept) and at a length that runs past the header', () => {
    assert.deepEqual(parseOptions(Uint8Array.of(1, 0, 2, 4, 5, 180), 0, 6).map((o) => o.kind), ['nop', 'eol']);
    assert.deepEqual(parseOptions(Uint8Array.of(2, 4, 5, 180, 8, 10, 0), 0, 7).map(plain), [{ kind: 'mss', value: 1460 }]);
    assert.deepEqual(parseOptions(Uint8Array.of(2, 3, 5), 0, 3).map(plain), [{ kind: 'other', code: 2, data: [5] }]);
  });
});

/** Options with their bytes as plain arrays, for deepEqual. */
function plain(o: TcpOption): unknown {
  return o.kind === 'other' ? { kind: o.kind, code: o.code, data: [...o.data] } : o;
}
