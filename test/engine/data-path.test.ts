// Data transfer: reassembly with SACK, fast retransmit, go-back-N after an RTO, a receive window
// that closes when the application does not read, and zero-window probes.
import * as assert from 'node:assert/strict';
import { Harness, flagsOf } from './harness';

const MSS = 1460;
const chunk = (n: number): string => 'a'.repeat(n);

describe('TCP data path (engine)', () => {
  it('ESTABLISHED_out_of_order: holds the segment, dup-ACKs with a SACK block, then ACKs both at once', () => {
    const h = new Harness('linux');
    const { iss, irs } = h.established(5000, true);
    h.recv({ flags: ['ACK'], seq: irs + 1 + 100, ack: iss + 1, data: chunk(100) });
    const [dup] = h.sent();
    assert.equal(dup!.ack, irs + 1, 'duplicate ACK for the hole');
    const sack = dup!.options.find((o) => o.kind === 'sack');
    assert.deepEqual(sack, { kind: 'sack', blocks: [[irs + 101, irs + 201]] });
    h.recv({ flags: ['ACK'], seq: irs + 1, ack: iss + 1, data: chunk(100) });
    const [ack] = h.sent();
    assert.equal(ack!.ack, irs + 201, 'the filled hole releases the held segment');
    assert.equal(h.endpoint.recv(undefined).data.length, 200);
  });

  it('ESTABLISHED_three_duplicate_acks: fast retransmit before the RTO (RFC 5681 §3.2)', () => {
    const h = new Harness('rfc9293');
    const { iss, irs } = h.established();
    h.endpoint.send(new Uint8Array(5 * MSS));
    const sent = h.sent();
    assert.equal(sent.length, 5);
    for (let i = 0; i < 3; i++) h.recv({ flags: ['ACK'], seq: irs + 1, ack: iss + 1 });
    const [retransmit] = h.sent();
    assert.equal(retransmit!.seq, (iss + 1) >>> 0, 'the first unacknowledged segment again');
    assert.equal(retransmit!.payload.length, MSS);
    assert.ok(h.network.now < 1_000_000, 'well before the 1 s RTO');
  });

  it('RTO: the head goes first, the rest follow as ACKs reopen the congestion window (go-back-N)', () => {
    const h = new Harness('rfc9293');
    const { iss, irs } = h.established();
    h.endpoint.send(new Uint8Array(3 * MSS));
    h.sent(); // all three lost
    h.runFor(1.0);
    const afterRto = h.sent();
    assert.equal(afterRto.length, 1);
    assert.equal(afterRto[0]!.seq, (iss + 1) >>> 0);
    h.recv({ flags: ['ACK'], seq: irs + 1, ack: iss + 1 + MSS });
    const resent = h.sent().filter((s) => s.payload.length > 0).map((s) => (s.seq - iss - 1) / MSS);
    assert.deepEqual(resent, [1, 2]);
  });

  it('the receive window closes to zero when the application does not read, and reopens with a window update', () => {
    const h = new Harness('rfc9293');
    const { iss, irs } = h.established();
    let seq = irs + 1;
    let last = h.sent();
    for (let i = 0; i < 45; i++) {
      h.recv({ flags: ['ACK'], seq, ack: iss + 1, data: chunk(MSS) });
      seq += MSS;
      last = h.sent();
    }
    assert.equal(last[last.length - 1]!.win, 0, 'nothing read: window 0');
    h.endpoint.recv(undefined);
    const [update] = h.sent();
    assert.equal(flagsOf(update!), 'ACK');
    assert.ok(update!.win >= MSS, `window update after the read: ${update!.win}`);
  });

  it('a zero window from the peer: probes at SND.UNA-1 with no data, backing off, until the window opens', () => {
    const h = new Harness('linux');
    const { iss, irs } = h.established();
    h.recv({ flags: ['ACK'], seq: irs + 1, ack: iss + 1, win: 0 });
    h.sent();
    h.endpoint.send(new TextEncoder().encode('waiting'));
    assert.equal(h.sent().length, 0, 'nothing fits in a zero window');
    h.runFor(10);
    const probes = h.out.length;
    const all = h.sent();
    assert.ok(probes >= 2, `${probes} probes in 10 s`);
    for (const p of all) {
      assert.equal(p.payload.length, 0);
      assert.equal(p.seq, iss >>> 0, 'SND.UNA - 1');
    }
    h.recv({ flags: ['ACK'], seq: irs + 1, ack: iss + 1, win: 1000 });
    const [data] = h.sent();
    assert.equal(new TextDecoder().decode(data!.payload), 'waiting');
  });
});
