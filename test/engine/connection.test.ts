// The connection's reactions, state by state (named <state>_<event> as in smoltcp's tests).
import * as assert from 'node:assert/strict';
import { Harness, REMOTE, flagsOf } from './harness';

describe('TCP connection (engine)', () => {
  it('CLOSED_connect: sends SYN with Linux options in Linux order and enters SYN_SENT', () => {
    const h = new Harness('linux');
    h.endpoint.connect(REMOTE);
    const [syn] = h.sent();
    assert.equal(h.state, 'SYN_SENT');
    assert.equal(flagsOf(syn!), 'SYN');
    assert.equal(syn!.win, 64240);
    assert.deepEqual(syn!.options.map((o) => o.kind), ['mss', 'sackOK', 'ts', 'nop', 'wscale']);
    const ws = syn!.options.find((o) => o.kind === 'wscale');
    assert.deepEqual(ws, { kind: 'wscale', value: 10 }, 'tcp_rmem max 32 MiB gives wscale 10');
  });

  it('CLOSED_connect on the rfc9293 profile sends MSS as the only option', () => {
    const h = new Harness('rfc9293');
    h.endpoint.connect(REMOTE);
    assert.deepEqual(h.sent()[0]!.options, [{ kind: 'mss', value: 1460 }]);
  });

  it('SYN_SENT_syn_ack: acknowledges ISN+1 of the peer and becomes ESTABLISHED', () => {
    const h = new Harness('rfc9293');
    h.endpoint.connect(REMOTE);
    const syn = h.sent()[0]!;
    h.recv({ flags: ['SYN', 'ACK'], seq: 7000, ack: syn.seq + 1 });
    const [ack] = h.sent();
    assert.equal(h.state, 'ESTABLISHED');
    assert.equal(flagsOf(ack!), 'ACK');
    assert.equal(ack!.seq, (syn.seq + 1) >>> 0);
    assert.equal(ack!.ack, 7001);
  });

  it('SYN_SENT_bad_ack: a SYN,ACK that does not acknowledge our SYN gets <SEQ=SEG.ACK><CTL=RST>', () => {
    const h = new Harness('rfc9293');
    h.endpoint.connect(REMOTE);
    const syn = h.sent()[0]!;
    h.recv({ flags: ['SYN', 'ACK'], seq: 7000, ack: syn.seq }); // ack = ISS: the classic off-by-one
    const [rst] = h.sent();
    assert.equal(flagsOf(rst!), 'RST');
    assert.equal(rst!.seq, syn.seq);
    assert.equal(h.state, 'SYN_SENT');
  });

  it('SYN_SENT_rst_with_acceptable_ack: connection refused', () => {
    const h = new Harness();
    h.endpoint.connect(REMOTE);
    const syn = h.sent()[0]!;
    h.recv({ flags: ['RST', 'ACK'], seq: 0, ack: syn.seq + 1 });
    assert.equal(h.state, 'CLOSED');
    assert.equal(h.endpoint.error, 'ECONNREFUSED');
  });

  it('SYN_SENT_syn: simultaneous open answers SYN,ACK with the same ISS (RFC 9293 §3.10.7.3)', () => {
    const h = new Harness('rfc9293');
    h.endpoint.connect(REMOTE);
    const syn = h.sent()[0]!;
    h.recv({ flags: ['SYN'], seq: 9000 });
    const [synAck] = h.sent();
    assert.equal(h.state, 'SYN_RCVD');
    assert.equal(flagsOf(synAck!), 'ACK,SYN');
    assert.equal(synAck!.seq, syn.seq);
    assert.equal(synAck!.ack, 9001);
  });

  it('ESTABLISHED_close then FIN,ACK covering our FIN: FIN_WAIT_1 → TIME_WAIT directly', () => {
    const h = new Harness('rfc9293');
    const { iss, irs } = h.established();
    h.endpoint.close();
    const [fin] = h.sent();
    assert.equal(flagsOf(fin!), 'ACK,FIN');
    assert.equal(h.state, 'FIN_WAIT_1');
    h.recv({ flags: ['FIN', 'ACK'], seq: irs + 1, ack: iss + 2 });
    assert.equal(h.state, 'TIME_WAIT');
    assert.deepEqual(h.transitions.slice(-2), ['ESTABLISHED->FIN_WAIT_1', 'FIN_WAIT_1->TIME_WAIT']);
  });

  it('FIN_WAIT_1_fin: simultaneous close goes through CLOSING to TIME_WAIT', () => {
    const h = new Harness('rfc9293');
    const { iss, irs } = h.established();
    h.endpoint.close();
    h.sent();
    h.recv({ flags: ['FIN', 'ACK'], seq: irs + 1, ack: iss + 1 }); // does not ack our FIN
    assert.equal(h.state, 'CLOSING');
    h.recv({ flags: ['ACK'], seq: irs + 2, ack: iss + 2 });
    assert.equal(h.state, 'TIME_WAIT');
  });

  it('TIME_WAIT_fin_retransmitted: re-ACKs and restarts the 2MSL timer (T145)', () => {
    const h = new Harness('linux');
    const { iss, irs } = h.established();
    h.endpoint.close();
    h.sent();
    h.recv({ flags: ['ACK'], seq: irs + 1, ack: iss + 2 });
    h.recv({ flags: ['FIN', 'ACK'], seq: irs + 1, ack: iss + 2 });
    assert.equal(h.state, 'TIME_WAIT');
    h.sent();
    h.runFor(50);
    h.recv({ flags: ['FIN', 'ACK'], seq: irs + 1, ack: iss + 2 }); // our last ACK was lost
    const [ack] = h.sent();
    assert.equal(flagsOf(ack!), 'ACK');
    assert.equal(ack!.ack, irs + 2);
    h.runFor(59);
    assert.equal(h.state, 'TIME_WAIT', 'timer restarted at 50 s: still TIME_WAIT at 109 s');
    h.runFor(1);
    assert.equal(h.state, 'CLOSED');
  });

  it('CLOSE_WAIT_close: the passive closer goes to LAST_ACK, then CLOSED (no TIME_WAIT)', () => {
    const h = new Harness('rfc9293');
    const { iss, irs } = h.established();
    h.recv({ flags: ['FIN', 'ACK'], seq: irs + 1, ack: iss + 1 });
    assert.equal(h.state, 'CLOSE_WAIT');
    h.endpoint.close();
    assert.equal(h.state, 'LAST_ACK');
    h.recv({ flags: ['ACK'], seq: irs + 2, ack: iss + 2 });
    assert.equal(h.state, 'CLOSED');
    assert.ok(!h.transitions.includes('LAST_ACK->TIME_WAIT'));
  });

  it('ESTABLISHED_close_with_unread_data: RST instead of FIN (RFC 9293 §3.6.1 SHLD-3)', () => {
    const h = new Harness('rfc9293');
    const { iss, irs } = h.established();
    h.recv({ flags: ['PSH', 'ACK'], seq: irs + 1, ack: iss + 1, data: 'unread' });
    h.sent();
    h.endpoint.close();
    const [rst] = h.sent();
    assert.ok(rst!.flags.has('RST'));
    assert.equal(h.state, 'CLOSED');
  });

  it('ESTABLISHED_rst_in_window_not_exact: challenge ACK, connection survives (RFC 5961 §3.2)', () => {
    const h = new Harness('linux');
    const { iss, irs } = h.established();
    h.recv({ flags: ['RST'], seq: irs + 100, ack: iss + 1 });
    assert.equal(h.state, 'ESTABLISHED');
    assert.equal(flagsOf(h.sent()[0]!), 'ACK');
    h.recv({ flags: ['RST'], seq: irs + 1 });
    assert.equal(h.state, 'CLOSED');
    assert.equal(h.endpoint.error, 'ECONNRESET');
  });

  it('LISTEN_ack: an ACK for no handshake gets <SEQ=SEG.ACK><CTL=RST>', () => {
    const h = new Harness('linux');
    h.endpoint.listen(5);
    h.recv({ flags: ['ACK'], seq: 100, ack: 777 });
    const [rst] = h.sent();
    assert.equal(flagsOf(rst!), 'RST');
    assert.equal(rst!.seq, 777);
    assert.equal(h.state, 'LISTEN');
  });

  it('CLOSED_port_syn: RST,ACK with seq 0 acknowledging the SYN (RFC 9293 §3.10.7.1)', () => {
    const h = new Harness('linux');
    h.recv({ flags: ['SYN'], seq: 4242 });
    const [rst] = h.sent();
    assert.equal(flagsOf(rst!), 'ACK,RST');
    assert.equal(rst!.seq, 0);
    assert.equal(rst!.ack, 4243);
  });
});

describe('SYN retransmission schedule (virtual time)', () => {
  function schedule(linear: number): { retransmits: number[]; failedAt: number | null } {
    const h = new Harness('linux');
    h.settings.tcp_syn_linear_timeouts = linear;
    h.endpoint.connect(REMOTE);
    let failedAt: number | null = null;
    for (let t = 0; t < 200 && failedAt === null; t++) {
      h.runFor(1);
      if (h.state === 'CLOSED') failedAt = h.network.now / 1e6;
    }
    return { retransmits: h.out.slice(1).map((o) => o.at), failedAt };
  }

  it('classic backoff (tcp_syn_linear_timeouts 0): 1, 3, 7, 15, 31, 63 s, ETIMEDOUT at 127 s', () => {
    const s = schedule(0);
    assert.deepEqual(s.retransmits, [1, 3, 7, 15, 31, 63]);
    assert.equal(s.failedAt, 127);
  });

  it('Linux 6.x default (tcp_syn_linear_timeouts 4): 4 extra 1 s retries, last at 67 s, ETIMEDOUT at 131 s', () => {
    const s = schedule(4);
    assert.deepEqual(s.retransmits, [1, 2, 3, 4, 5, 7, 11, 19, 35, 67]);
    assert.equal(s.failedAt, 131);
  });
});
