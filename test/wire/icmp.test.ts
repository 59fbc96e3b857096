// src/wire/icmp.ts: an ICMPv4 Destination Unreachable written and read back, checksums that
// verify, and the 576-byte cap on what is quoted.
import * as assert from 'node:assert/strict';
import { checksum } from '../../src/wire/checksum';
import { ICMP_QUOTE_LIMIT, icmpPacketLength, parseIcmpUnreachable, writeIcmpUnreachable } from '../../src/wire/icmp';
import { ACK, PSH } from '../../src/wire/packet';
import { ICMP6_QUOTE_LIMIT } from '../../src/wire/icmp6';
import { serialize } from '../../src/wire/write';

const ip = (...b: number[]): Uint8Array => new Uint8Array(b);

function quotedSegment(payload: number): Uint8Array {
  return serialize({
    src: ip(10, 0, 0, 1), dst: ip(10, 0, 0, 2), id: 7, ttl: 64, srcPort: 49152, dstPort: 80,
    seq: 0xdeadbeef, ack: 1, flags: PSH | ACK, window: 502, urgent: 0, options: [], payload: new Uint8Array(payload).fill(0x41),
  });
}

describe('wire/icmp: Destination Unreachable', () => {
  it('writes type 3, the code, the next-hop MTU and the quoted datagram, with checksums that verify', () => {
    const quoted = quotedSegment(10);
    const p = { src: ip(10, 0, 0, 254), dst: ip(10, 0, 0, 1), id: 1, ttl: 64, code: 4, mtu: 1400, quoted };
    const out = new Uint8Array(icmpPacketLength(p));
    assert.equal(writeIcmpUnreachable(p, out, 0), 28 + quoted.length);
    assert.deepEqual([out[0], out[9], out[20], out[21], (out[26]! << 8) | out[27]!], [0x45, 1, 3, 4, 1400]);
    assert.equal(checksum(out.subarray(0, 20)), 0, 'IPv4 header checksum');
    assert.equal(checksum(out.subarray(20)), 0, 'ICMP checksum over the whole message');
    assert.deepEqual(out.subarray(28), quoted);
    const back = parseIcmpUnreachable(out)!;
    assert.deepEqual([back.code, back.mtu, back.quoted.srcPort, back.quoted.dstPort, back.quoted.seq], [4, 1400, 49152, 80, 0xdeadbeef]);
    assert.deepEqual([...back.src], [10, 0, 0, 254]);
    assert.deepEqual([...back.quoted.dst], [10, 0, 0, 2]);
  });

  it('quotes at most 548 bytes (576 in all, as Linux icmp_send) and leaves the unused field 0 for other codes', () => {
    const p = { src: ip(10, 0, 0, 2), dst: ip(10, 0, 0, 1), id: 2, ttl: 64, code: 3, mtu: 1400, quoted: quotedSegment(1400) };
    const out = new Uint8Array(icmpPacketLength(p));
    writeIcmpUnreachable(p, out, 0);
    assert.equal(out.length, 576);
    assert.equal(ICMP_QUOTE_LIMIT, 548);
    assert.deepEqual([...out.subarray(24, 28)], [0, 0, 0, 0]);
    assert.equal(checksum(out.subarray(20)), 0);
  });

  it('reads nothing from a TCP packet, another ICMP type, or a quote shorter than 8 TCP bytes', () => {
    assert.equal(parseIcmpUnreachable(quotedSegment(0)), null);
    const p = { src: ip(1, 1, 1, 1), dst: ip(2, 2, 2, 2), id: 0, ttl: 1, code: 1, mtu: 0, quoted: quotedSegment(0) };
    const out = new Uint8Array(icmpPacketLength(p));
    writeIcmpUnreachable(p, out, 0);
    const echo = out.slice();
    echo[20] = 8;
    assert.equal(parseIcmpUnreachable(echo), null);
    assert.equal(parseIcmpUnreachable(out.subarray(0, 28 + 20 + 4)), null);
  });
});

describe('wire/icmp6: ICMPv6 Destination Unreachable (RFC 4443 §3.1)', () => {
  const v6 = (last: number): Uint8Array => {
    const a = new Uint8Array(16);
    a.set([0x20, 0x01, 0x0d, 0xb8]);
    a[15] = last;
    return a;
  };
  const quoted6 = (payload: number): Uint8Array => serialize({
    src: v6(1), dst: v6(2), id: 7, ttl: 64, srcPort: 49152, dstPort: 80,
    seq: 0xdeadbeef, ack: 1, flags: PSH | ACK, window: 502, urgent: 0, options: [], payload: new Uint8Array(payload).fill(0x41),
  });

  it('writes IPv6 next header 58, type 1, the code, 32 unused bits and the quote; the checksum covers the IPv6 pseudo-header', () => {
    const quoted = quoted6(10);
    const p = { src: v6(0xfe), dst: v6(1), id: 1, ttl: 64, code: 4, mtu: 1400, quoted };
    const out = new Uint8Array(icmpPacketLength(p));
    assert.equal(writeIcmpUnreachable(p, out, 0), 48 + quoted.length);
    assert.deepEqual([out[0]! >> 4, (out[4]! << 8) | out[5]!, out[6], out[40], out[41]], [6, 8 + quoted.length, 58, 1, 4]);
    assert.deepEqual([...out.subarray(44, 48)], [0, 0, 0, 0], 'unused: no MTU in a Destination Unreachable');
    // RFC 8200 §8.1: source, destination, upper-layer length (32 bits), 3 zero bytes, next header
    const pseudo = new Uint8Array(40 + out.length - 40);
    pseudo.set(out.subarray(8, 40), 0);
    const len = out.length - 40;
    pseudo.set([len >>> 24, (len >>> 16) & 0xff, (len >>> 8) & 0xff, len & 0xff, 0, 0, 0, 58], 32);
    pseudo.set(out.subarray(40), 40);
    assert.equal(checksum(pseudo), 0, 'ICMPv6 checksum with the pseudo-header');
    assert.notEqual(checksum(out.subarray(40)), 0, 'not a bare ICMPv4-style checksum');
    assert.deepEqual(out.subarray(48), quoted);
    const back = parseIcmpUnreachable(out)!;
    assert.deepEqual([back.type, back.code, back.quoted.srcPort, back.quoted.dstPort, back.quoted.seq], [1, 4, 49152, 80, 0xdeadbeef]);
    assert.deepEqual([...back.src], [...v6(0xfe)]);
    assert.deepEqual([...back.quoted.dst], [...v6(2)]);
  });

  it('quotes at most 1,232 bytes so the packet fits the IPv6 minimum MTU of 1,280', () => {
    const p = { src: v6(2), dst: v6(1), id: 2, ttl: 64, code: 0, mtu: 0, quoted: quoted6(1400) };
    const out = new Uint8Array(icmpPacketLength(p));
    writeIcmpUnreachable(p, out, 0);
    assert.equal(out.length, 1280);
    assert.equal(ICMP6_QUOTE_LIMIT, 1232);
    assert.equal(parseIcmpUnreachable(out)?.type, 1);
  });
});
