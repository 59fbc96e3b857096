// A full accept queue (tcp-rules.md rule 53; Linux tcp_check_req listen_overflow): the final ACK
// of a handshake is dropped (tcp_abort_on_overflow 0: the server stays SYN_RCVD and retransmits
// its SYN,ACK) or answered with RST (1); listen()'s backlog is capped at somaxconn.
import * as assert from 'node:assert/strict';
import type { FlagName } from '../../src/language/ast';
import type { ProfileName } from '../../src/engine/tcp/profile';
import type { Segment } from '../../src/engine/tcp/segment';
import { Harness, LOCAL, flagsOf } from './harness';

function from(h: Harness, port: number, flags: FlagName[], seq: number, ack = 0): void {
  const seg: Segment = { src: { ip: '10.0.0.9', port }, dst: LOCAL, seq, ack, flags: new Set(flags), win: 65535, options: [{ kind: 'mss', value: 1460 }], payload: new Uint8Array(0) };
  h.endpoint.segmentArrives(seg);
}

/** SYN from `port`; returns the server's ISN from its SYN,ACK. */
function syn(h: Harness, port: number): number {
  from(h, port, ['SYN'], port * 1000);
  const synAck = h.sent().find((s) => s.dst.port === port)!;
  assert.equal(flagsOf(synAck), 'ACK,SYN');
  return synAck.seq;
}

function ack(h: Harness, port: number, iss: number): void {
  from(h, port, ['ACK'], port * 1000 + 1, iss + 1);
}

/**
 * listen(100) capped to 1 by somaxconn; two handshakes fill the accept queue (Linux counts it
 * full above the backlog) while a third peer is still in SYN_RCVD. Returns that peer's ISN.
 */
function fullAcceptQueue(profile: ProfileName, abortOnOverflow: boolean): { h: Harness; iss3: number } {
  const h = new Harness(profile);
  h.settings.somaxconn = 1;
  h.settings.tcp_abort_on_overflow = abortOnOverflow;
  h.endpoint.listen(100);
  const iss1 = syn(h, 1001);
  const iss2 = syn(h, 1002);
  ack(h, 1001, iss1);
  const iss3 = syn(h, 1003);
  ack(h, 1002, iss2);
  assert.equal(h.endpoint.acceptQueueLength, 2);
  return { h, iss3 };
}

describe('accept queue overflow (Linux)', () => {
  it('somaxconn caps the listen backlog: listen(100) with somaxconn 1 overflows at the third completed handshake', () => {
    const { h, iss3 } = fullAcceptQueue('linux', false);
    ack(h, 1003, iss3);
    assert.equal(h.endpoint.acceptQueueLength, 2);
    assert.equal(h.endpoint.synQueueLength, 1);
  });

  it('tcp_abort_on_overflow=0: the final ACK is dropped silently; the SYN,ACK is retransmitted and a later ACK completes once accept() made room', () => {
    const { h, iss3 } = fullAcceptQueue('linux', false);
    ack(h, 1003, iss3);
    assert.deepEqual(h.sent(), [], 'no reply to the dropped ACK');
    h.runFor(1.5);
    const retransmitted = h.sent().filter((s) => s.dst.port === 1003);
    assert.deepEqual(retransmitted.map((s) => [flagsOf(s), s.seq]), [['ACK,SYN', iss3]]);
    h.endpoint.accept();
    h.endpoint.accept();
    ack(h, 1003, iss3); // the client's ACK of the retransmitted SYN,ACK
    assert.equal(h.endpoint.acceptQueueLength, 1);
    assert.equal(h.endpoint.synQueueLength, 0);
  });

  it('tcp_abort_on_overflow=1: the final ACK is answered with <SEQ=SEG.ACK><CTL=RST> and the request is gone', () => {
    const { h, iss3 } = fullAcceptQueue('linux', true);
    ack(h, 1003, iss3);
    const rst = h.sent();
    assert.deepEqual(rst.map((s) => [flagsOf(s), s.seq, s.ack, s.dst.port]), [['RST', iss3 + 1, 0, 1003]]);
    assert.equal(h.endpoint.synQueueLength, 0);
    assert.equal(h.endpoint.acceptQueueLength, 2);
    h.runFor(5);
    assert.deepEqual(h.sent().filter((s) => s.dst.port === 1003), [], 'no SYN,ACK retransmission after the reset');
  });

  it('the rfc9293 profile has no accept-queue limit on the final ACK (RFC 9293 §3.10.7.4: the ACK leads to ESTABLISHED)', () => {
    const { h, iss3 } = fullAcceptQueue('rfc9293', true);
    ack(h, 1003, iss3);
    assert.deepEqual(h.sent(), []);
    assert.equal(h.endpoint.acceptQueueLength, 3);
  });

  it('defaults: somaxconn 4096 and tcp_abort_on_overflow 0 in both profiles', () => {
    for (const profile of ['linux', 'rfc9293'] as const) {
      const h = new Harness(profile);
      assert.equal(h.settings.somaxconn, 4096);
      assert.equal(h.settings.tcp_abort_on_overflow, false);
    }
  });
});
