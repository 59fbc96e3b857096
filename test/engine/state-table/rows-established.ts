// tcp-rules.md §7.6 ESTABLISHED.
import * as assert from 'node:assert/strict';
import { Harness, REMOTE } from '../harness';
import { abortWithRst, ackTooFar, failsTable6, noAckBit, retriesExhausted, rstExact, rstInWindow, synChallenge } from './common';
import { type TableRow, IRS, bytes, isAckOf, isSeg, none, one, reach, settle, text } from './fixtures';

/** ESTABLISHED with timestamps on both sides (the handshake carried TS options). */
function establishedWithTimestamps(): Harness {
  const h = new Harness('linux');
  h.endpoint.connect(REMOTE);
  const syn = h.sent()[0]!;
  h.recv({ flags: ['SYN', 'ACK'], seq: IRS, ack: syn.seq + 1, options: [{ kind: 'mss', value: 1460 }, { kind: 'ts', val: 1000, ecr: 0 }] });
  h.sent();
  return h;
}

export const ESTABLISHED_ROWS: readonly TableRow[] = [
  {
    id: 'T058',
    title: 'SEND in ESTABLISHED: a data segment <SEQ=SND.NXT><ACK=RCV.NXT>, state kept',
    run: () => {
      const { h, c } = reach('ESTABLISHED');
      h.endpoint.send(bytes('data'));
      const s = one(h);
      isSeg(s, 'ACK,PSH', c.iss + 1, IRS + 1);
      assert.equal(text(s.payload), 'data');
    },
  },
  {
    id: 'T059',
    title: 'RECEIVE in ESTABLISHED: the queued data is delivered in order',
    run: () => {
      const { h, c } = reach('ESTABLISHED');
      h.recv({ flags: ['ACK'], seq: IRS + 1, ack: c.sndNxt, data: 'ab' });
      h.recv({ flags: ['ACK'], seq: IRS + 3, ack: c.sndNxt, data: 'cd' });
      assert.equal(text(h.endpoint.recv(undefined).data), 'abcd');
    },
  },
  {
    id: 'T060',
    title: 'CLOSE in ESTABLISHED: the FIN after the queued data <SEQ=SND.NXT><ACK=RCV.NXT><CTL=FIN,ACK>, FIN_WAIT_1',
    run: () => {
      const { h, c } = reach('ESTABLISHED');
      h.endpoint.send(bytes('bye'));
      h.endpoint.close();
      const out = h.sent();
      assert.equal(out.length, 2);
      isSeg(out[1]!, 'ACK,FIN', c.iss + 4, IRS + 1);
      assert.equal(h.state, 'FIN_WAIT_1');
    },
  },
  abortWithRst('T061', 'ESTABLISHED'),
  failsTable6('T062', 'ESTABLISHED'),
  {
    id: 'T063',
    title: 'RST failing Table 6 in ESTABLISHED (below RCV.NXT): dropped, no reply, ESTABLISHED',
    run: () => {
      const { h, c } = reach('ESTABLISHED');
      h.recv({ flags: ['RST'], seq: c.rcvNxt - 1 });
      none(h);
      assert.equal(h.state, 'ESTABLISHED');
    },
  },
  {
    id: 'T064',
    title: '[linux] PAWS: a segment with TSval older than TS.Recent is ACKed and dropped, its data not taken',
    run: () => {
      const h = establishedWithTimestamps();
      const c = h.endpoint.primary()!;
      h.recv({ flags: ['ACK'], seq: IRS + 1, ack: c.sndNxt, data: 'old', options: [{ kind: 'ts', val: 900, ecr: 0 }] });
      isAckOf(one(h), c);
      assert.equal(c.rcvNxt, IRS + 1);
      assert.equal(h.state, 'ESTABLISHED');
    },
  },
  rstInWindow('T065', 'ESTABLISHED'),
  rstExact('T066', 'ESTABLISHED', 'ECONNRESET'),
  synChallenge('T067', 'ESTABLISHED'),
  noAckBit('T068', 'ESTABLISHED'),
  ackTooFar('T069', 'ESTABLISHED'),
  {
    id: 'T070',
    title: 'new ACK in ESTABLISHED: SND.UNA advances, the acknowledged data is never retransmitted',
    run: () => {
      const { h, c } = reach('ESTABLISHED');
      h.endpoint.send(bytes('x'.repeat(100)));
      h.sent();
      h.recv({ flags: ['ACK'], seq: IRS + 1, ack: c.iss + 101 });
      assert.equal(c.sndUna, c.iss + 101);
      assert.deepEqual(settle(h, 10), []);
      assert.equal(h.state, 'ESTABLISHED');
    },
  },
  {
    id: 'T071',
    title: 'duplicate ACKs in ESTABLISHED: ignored until the third, which retransmits the segment at SND.UNA',
    run: () => {
      const { h, c } = reach('ESTABLISHED');
      h.endpoint.send(new Uint8Array(1460 * 4));
      assert.equal(h.sent().length, 4);
      const dup = (): void => h.recv({ flags: ['ACK'], seq: IRS + 1, ack: c.iss + 1461 });
      dup();
      dup();
      dup();
      none(h);
      dup();
      const resent = one(h);
      isSeg(resent, 'ACK', c.iss + 1461, IRS + 1);
      assert.equal(resent.payload.length, 1460);
    },
  },
  {
    id: 'T072',
    title: 'in-order text in ESTABLISHED: delivered, RCV.NXT advances, ACKed',
    run: () => {
      const { h, c } = reach('ESTABLISHED');
      h.recv({ flags: ['ACK', 'PSH'], seq: IRS + 1, ack: c.sndNxt, data: 'hello' });
      const acks = settle(h);
      isSeg(acks[0]!, 'ACK', c.sndNxt, IRS + 6);
      assert.equal(text(h.endpoint.recv(10).data), 'hello');
    },
  },
  {
    id: 'T073',
    title: 'out-of-order text in ESTABLISHED: held, an immediate duplicate ACK for RCV.NXT; delivered when the hole fills',
    run: () => {
      const { h, c } = reach('ESTABLISHED');
      h.recv({ flags: ['ACK'], seq: IRS + 4, ack: c.sndNxt, data: 'def' });
      isSeg(one(h), 'ACK', c.sndNxt, IRS + 1);
      assert.equal(h.endpoint.recv(10).data.length, 0);
      h.recv({ flags: ['ACK'], seq: IRS + 1, ack: c.sndNxt, data: 'abc' });
      isSeg(one(h), 'ACK', c.sndNxt, IRS + 7);
      assert.equal(text(h.endpoint.recv(10).data), 'abcdef');
    },
  },
  {
    id: 'T074',
    title: 'FIN in ESTABLISHED: RCV.NXT passes it, it is ACKed, CLOSE_WAIT, the reader sees end of stream',
    run: () => {
      const { h, c } = reach('ESTABLISHED');
      h.recv({ flags: ['FIN', 'ACK'], seq: IRS + 1, ack: c.sndNxt, data: 'end' });
      const acks = settle(h);
      isSeg(acks[0]!, 'ACK', c.sndNxt, IRS + 5);
      assert.equal(h.state, 'CLOSE_WAIT');
      assert.equal(text(h.endpoint.recv(10).data), 'end');
      assert.deepEqual(h.endpoint.recv(10), { result: { ok: true }, data: new Uint8Array(0) });
    },
  },
  {
    id: 'T075',
    title: 'retransmission timeout in ESTABLISHED: the oldest unacknowledged segment goes out again',
    run: () => {
      const { h, c } = reach('ESTABLISHED');
      h.endpoint.send(bytes('lost'));
      h.sent();
      const again = settle(h, 1.5);
      assert.ok(again.length >= 1);
      isSeg(again[0]!, 'ACK,PSH', c.iss + 1, IRS + 1);
      assert.equal(text(again[0]!.payload), 'lost');
      assert.equal(h.state, 'ESTABLISHED');
    },
  },
  retriesExhausted('T076', 'ESTABLISHED', ({ h }) => h.endpoint.send(bytes('never acked'))),
  {
    id: 'T077',
    title: 'persist timer in ESTABLISHED with a zero window and data queued: a window probe ([linux] <SEQ=SND.UNA-1>, no data)',
    run: () => {
      const { h, c } = reach('ESTABLISHED');
      h.recv({ flags: ['ACK'], seq: IRS + 1, ack: c.sndNxt, win: 0 });
      h.endpoint.send(bytes('waiting'));
      none(h);
      const probes = settle(h, 3);
      assert.ok(probes.length >= 1, 'a probe is sent');
      isSeg(probes[0]!, 'ACK', c.sndUna - 1, IRS + 1);
      assert.equal(probes[0]!.payload.length, 0);
      assert.equal(h.state, 'ESTABLISHED');
    },
  },
];
