// TIME_WAIT as Linux runs it (tcp_timewait_state_process, tcp_twsk_unique), and the
// per-socket rate limit on challenge ACKs (tcp_invalid_ratelimit).
import * as assert from 'node:assert/strict';
import { Harness, flagsOf } from './harness';

/** The endpoint under test is a server that closed first and sits in TIME_WAIT. */
function serverInTimeWait(h: Harness): { iss: number; irs: number } {
  h.endpoint.listen(5);
  h.recv({ flags: ['SYN'], seq: 1000, options: [{ kind: 'mss', value: 1460 }] });
  const synAck = h.sent()[0]!;
  const iss = synAck.seq;
  h.recv({ flags: ['ACK'], seq: 1001, ack: iss + 1 });
  h.endpoint.accept();
  h.endpoint.close();
  h.sent();
  h.recv({ flags: ['ACK'], seq: 1001, ack: iss + 2 });
  h.recv({ flags: ['FIN', 'ACK'], seq: 1001, ack: iss + 2 });
  h.sent();
  assert.equal(h.state, 'TIME_WAIT');
  return { iss, irs: 1000 };
}

describe('TIME_WAIT (engine, Linux rules)', () => {
  it('TIME_WAIT_syn_above_rcv_nxt: a listener takes it as a new incarnation, ISS = old SND.NXT + 65537', () => {
    const h = new Harness('linux');
    const { iss } = serverInTimeWait(h);
    h.recv({ flags: ['SYN'], seq: 500_000, options: [{ kind: 'mss', value: 1460 }] });
    const [synAck] = h.sent();
    assert.equal(flagsOf(synAck!), 'ACK,SYN');
    assert.equal(synAck!.seq, (iss + 2 + 65537) >>> 0);
    assert.equal(synAck!.ack, 500_001);
    assert.equal(h.state, 'SYN_RCVD');
    assert.ok(h.transitions.includes('TIME_WAIT->SYN_RCVD'));
  });

  it('TIME_WAIT_old_syn: a SYN below RCV.NXT is not a new incarnation; it gets an ACK', () => {
    const h = new Harness('linux');
    serverInTimeWait(h);
    h.recv({ flags: ['SYN'], seq: 900 });
    const [ack] = h.sent();
    assert.equal(flagsOf(ack!), 'ACK');
    assert.equal(h.state, 'TIME_WAIT');
  });

  it('tcp_max_tw_buckets exceeded: the connection skips TIME_WAIT and is destroyed at once', () => {
    const h = new Harness('linux');
    h.settings.tcp_max_tw_buckets = 0;
    const { iss, irs } = h.established();
    h.endpoint.close();
    h.sent();
    h.recv({ flags: ['FIN', 'ACK'], seq: irs + 1, ack: iss + 2 });
    assert.equal(h.state, 'CLOSED');
    assert.deepEqual(h.transitions.slice(-2), ['FIN_WAIT_1->TIME_WAIT', 'TIME_WAIT->CLOSED']);
  });

  it('connect() to a 4-tuple still in TIME_WAIT fails with EADDRNOTAVAIL under the default tcp_tw_reuse=2', () => {
    const h = new Harness('linux');
    const { iss, irs } = h.established();
    h.endpoint.close();
    h.sent();
    h.recv({ flags: ['FIN', 'ACK'], seq: irs + 1, ack: iss + 2, options: [{ kind: 'ts', val: 5, ecr: 1 }] });
    h.runFor(2);
    assert.deepEqual(h.endpoint.connect({ ip: '10.0.0.2', port: 80 }), { ok: false, errno: 'EADDRNOTAVAIL' });
  });

  it('tcp_tw_reuse=1 with timestamps after 1 s: the new SYN takes over with ISS = old SND.NXT + 65537', () => {
    const h = new Harness('linux');
    h.settings.tcp_tw_reuse = 1;
    h.endpoint.connect({ ip: '10.0.0.2', port: 80 });
    const syn = h.sent()[0]!;
    h.recv({ flags: ['SYN', 'ACK'], seq: 5000, ack: syn.seq + 1, options: [{ kind: 'mss', value: 1460 }, { kind: 'ts', val: 1, ecr: 1 }] });
    h.endpoint.close();
    h.sent();
    h.recv({ flags: ['FIN', 'ACK'], seq: 5001, ack: syn.seq + 2, options: [{ kind: 'ts', val: 5, ecr: 1 }] });
    h.sent();
    assert.equal(h.state, 'TIME_WAIT');
    h.runFor(0.5);
    assert.deepEqual(h.endpoint.connect({ ip: '10.0.0.2', port: 80 }), { ok: false, errno: 'EADDRNOTAVAIL' }, 'before tcp_tw_reuse_delay');
    h.runFor(0.6);
    assert.deepEqual(h.endpoint.connect({ ip: '10.0.0.2', port: 80 }), { ok: true });
    const [newSyn] = h.sent();
    assert.equal(flagsOf(newSyn!), 'SYN');
    assert.equal(newSyn!.seq, (syn.seq + 2 + 65537) >>> 0);
  });

  it('challenge ACKs are rate-limited to one per 500 ms per socket on Linux', () => {
    const h = new Harness('linux');
    const { iss, irs } = h.established();
    h.recv({ flags: ['RST'], seq: irs + 100, ack: iss + 1 });
    h.recv({ flags: ['RST'], seq: irs + 200, ack: iss + 1 });
    assert.equal(h.sent().length, 1);
    h.runFor(0.6);
    h.recv({ flags: ['RST'], seq: irs + 300, ack: iss + 1 });
    assert.equal(h.sent().length, 1);
    assert.equal(h.state, 'ESTABLISHED');
  });

  it('SYN_RCVD_duplicate_syn: Linux resends the same SYN,ACK; the RFC profile ACKs', () => {
    for (const [profile, expected] of [['linux', 'ACK,SYN'], ['rfc9293', 'ACK']] as const) {
      const h = new Harness(profile);
      h.endpoint.listen(5);
      h.recv({ flags: ['SYN'], seq: 1000 });
      const first = h.sent()[0]!;
      h.recv({ flags: ['SYN'], seq: 1000 });
      const [again] = h.sent();
      assert.equal(flagsOf(again!), expected, profile);
      if (profile === 'linux') assert.equal(again!.seq, first.seq, 'the same ISS');
    }
  });
});
