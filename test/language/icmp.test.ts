// ICMP packet lines and the `unreachable` event: good lines with their ranges, and one syntax
// error with its range for each kind of bad line.
import * as assert from 'node:assert/strict';
import { as, oneError, parseOne, rangeOf } from './helpers';

describe('ICMP packet lines', () => {
  it('reads SRC -> DST ICMP unreachable KIND with the ranges of the keyword and the kind', () => {
    const src = 'router -> client ICMP unreachable host';
    const s = as(parseOne(src), 'icmpPacket');
    assert.deepEqual(s.src, { kind: 'name', name: 'router', range: rangeOf(src, 'router') });
    assert.deepEqual(s.dst, { kind: 'name', name: 'client', range: rangeOf(src, 'client') });
    assert.deepEqual(s.icmpRange, rangeOf(src, 'ICMP'));
    assert.deepEqual(s.unreachable, { kind: 'host', code: 1, range: rangeOf(src, 'host') });
    assert.equal(s.seq, undefined);
  });

  it('knows every kind and its code, case-insensitively, and code N', () => {
    const kinds: [string, number][] = [['net', 0], ['HOST', 1], ['protocol', 2], ['port', 3], ['frag-needed', 4], ['source-route-failed', 5], ['admin-prohibited', 13], ['code 9', 9]];
    for (const [kind, code] of kinds) assert.equal(as(parseOne(`r -> c ICMP unreachable ${kind}`), 'icmpPacket').unreachable.code, code, kind);
  });

  it('reads a time prefix, frag-needed mtu N, seq= (quoted) and from IP', () => {
    const src = '+10ms attacker -> server icmp unreachable frag-needed mtu 1400 seq=y+1 from 10.0.0.254';
    const s = as(parseOne(src), 'icmpPacket');
    assert.equal(s.time?.seconds, 0.01);
    assert.equal(s.unreachable.mtu?.value, 1400);
    assert.deepEqual(s.unreachable.range, rangeOf(src, 'frag-needed mtu 1400'));
    assert.deepEqual(s.seqRange, rangeOf(src, 'seq=y+1'));
    assert.deepEqual(s.from, { ip: '10.0.0.254', family: 4, range: rangeOf(src, 'from 10.0.0.254') });
  });

  it('reads an IPv6 from (the runner says ICMPv6 is not modelled)', () => {
    assert.equal(as(parseOne('r -> c ICMP unreachable port from [2001:db8::1]'), 'icmpPacket').from?.family, 6);
  });

  it('rejects a bad kind with a suggestion, on the kind', () => {
    const src = 'r -> c ICMP unreachable hots';
    const e = oneError(src);
    assert.deepEqual(e.range, rangeOf(src, 'hots'));
    assert.match(e.message, /unreachable kind.*did you mean 'host'/);
    assert.match(e.messageZh, /不可达的类型/);
  });

  it("asks for 'unreachable' after ICMP (only type 3 is modelled)", () => {
    const src = 'r -> c ICMP echo';
    const e = oneError(src);
    assert.deepEqual(e.range, rangeOf(src, 'echo'));
    assert.match(e.message, /only Destination Unreachable/);
  });

  it('rejects mtu on a kind other than frag-needed, an MTU out of range, and a code above 255', () => {
    assert.deepEqual(oneError('r -> c ICMP unreachable port mtu 1400').range, rangeOf('r -> c ICMP unreachable port mtu 1400', 'mtu'));
    assert.match(oneError('r -> c ICMP unreachable frag-needed mtu 20').message, /68 to 65535/);
    assert.match(oneError('r -> c ICMP unreachable code 300').message, /0 to 255/);
  });

  it('rejects TCP fields and flags on an ICMP line, and seq twice', () => {
    const src = 'r -> c ICMP unreachable port ack=5';
    assert.deepEqual(oneError(src).range, rangeOf(src, 'ack'));
    assert.match(oneError('r -> c ICMP unreachable port seq=1 seq=2').message, /twice/);
    assert.match(oneError('r -> c ICMP unreachable port from 300.1.1.1').message, /IP address/);
  });
});

describe('the unreachable event', () => {
  it('reads unreachable A -> B KIND', () => {
    const src = 'unreachable client -> server port';
    const s = as(parseOne(src), 'unreachable');
    assert.deepEqual(s.src, { kind: 'name', name: 'client', range: rangeOf(src, 'client') });
    assert.deepEqual(s.unreachable, { kind: 'port', code: 3, range: rangeOf(src, 'port') });
    assert.deepEqual(s.range, rangeOf(src, src));
  });

  it('an endpoint called unreachable still sends packet lines', () => {
    assert.equal(parseOne('unreachable -> server SYN').type, 'packet');
  });

  it('rejects a missing kind and anything after it', () => {
    assert.match(oneError('unreachable client -> server').message, /unreachable kind/);
    const src = 'unreachable client -> server host now';
    assert.deepEqual(oneError(src).range, rangeOf(src, 'now'));
  });
});
