// tcp-rules.md §7.9 CLOSE-WAIT, §7.10 CLOSING and §7.11 LAST-ACK.
import * as assert from 'node:assert/strict';
import { abortQuietly, abortWithRst, closingCalls, failsTable6, finRetransmitted, retriesExhausted, rstExact, rstInWindow, synChallenge } from './common';
import { type Start, type TableRow, IRS, bytes, isAckOf, isSeg, none, one, reach, settle, text } from './fixtures';

/** The peer's FIN again (its ACK was lost): the segment that failed Table 6 is re-ACKed, state kept. */
function peerFinAgain(id: string, start: Start, withData: boolean): TableRow {
  return {
    id,
    title: `the peer's FIN retransmitted${withData ? ' with its data' : ''} in ${start}: ACKed again, state kept, nothing delivered twice`,
    run: () => {
      const { h, c } = reach(start);
      const rcvNxt = c.rcvNxt;
      if (withData) h.recv({ flags: ['FIN', 'ACK'], seq: rcvNxt - 4, ack: c.sndUna, data: 'abc' });
      else h.recv({ flags: ['FIN', 'ACK'], seq: rcvNxt - 1, ack: c.sndUna });
      isAckOf(one(h), c);
      assert.equal(c.rcvNxt, rcvNxt);
      assert.equal(h.endpoint.recv(10).data.length, 0);
      assert.equal(h.state, start);
    },
  };
}

export const CLOSE_WAIT_ROWS: readonly TableRow[] = [
  {
    id: 'T108',
    title: 'SEND in CLOSE_WAIT: the data goes out (the half-closed peer still receives)',
    run: () => {
      const { h, c } = reach('CLOSE_WAIT');
      h.endpoint.send(bytes('reply'));
      const s = one(h);
      isSeg(s, 'ACK,PSH', c.iss + 1, IRS + 2);
      assert.equal(text(s.payload), 'reply');
    },
  },
  {
    id: 'T109',
    title: 'RECEIVE in CLOSE_WAIT: the buffered data, then end of stream (sockets: a 0-byte read, not an error)',
    run: () => {
      const { h, c } = reach('ESTABLISHED');
      h.recv({ flags: ['FIN', 'ACK', 'PSH'], seq: IRS + 1, ack: c.sndNxt, data: 'last' });
      assert.equal(h.state, 'CLOSE_WAIT');
      assert.equal(text(h.endpoint.recv(10).data), 'last');
      assert.deepEqual(h.endpoint.recv(10), { result: { ok: true }, data: new Uint8Array(0) });
    },
  },
  {
    id: 'T110',
    title: 'CLOSE in CLOSE_WAIT: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=FIN,ACK>, LAST_ACK',
    run: () => {
      const { h, c } = reach('CLOSE_WAIT');
      h.endpoint.close();
      isSeg(one(h), 'ACK,FIN', c.iss + 1, IRS + 2);
      assert.equal(h.state, 'LAST_ACK');
    },
  },
  abortWithRst('T111', 'CLOSE_WAIT'),
  peerFinAgain('T112', 'CLOSE_WAIT', false),
  rstInWindow('T113', 'CLOSE_WAIT'),
  rstExact('T114', 'CLOSE_WAIT', 'ECONNRESET'),
  synChallenge('T115', 'CLOSE_WAIT'),
  {
    id: 'T116',
    title: 'ACKs in CLOSE_WAIT are processed as in ESTABLISHED: a new ACK ends retransmission, one beyond SND.NXT is answered',
    run: () => {
      const { h, c } = reach('CLOSE_WAIT');
      h.endpoint.send(bytes('abc'));
      h.sent();
      h.recv({ flags: ['ACK'], seq: IRS + 2, ack: c.iss + 4 });
      assert.equal(c.sndUna, c.iss + 4);
      assert.deepEqual(settle(h, 5), []);
      h.recv({ flags: ['ACK'], seq: IRS + 2, ack: c.iss + 500 });
      isAckOf(one(h), c);
      assert.equal(h.state, 'CLOSE_WAIT');
    },
  },
  {
    id: 'T117',
    title: 'text after the peer\'s FIN in CLOSE_WAIT: ignored (not delivered, RCV.NXT unchanged), CLOSE_WAIT kept',
    run: () => {
      const { h, c } = reach('CLOSE_WAIT');
      const rcvNxt = c.rcvNxt;
      h.recv({ flags: ['ACK'], seq: rcvNxt, ack: c.sndNxt, data: 'after fin' });
      settle(h);
      assert.equal(c.rcvNxt, rcvNxt);
      assert.equal(h.endpoint.recv(100).data.length, 0);
      assert.equal(h.state, 'CLOSE_WAIT');
    },
  },
  peerFinAgain('T118', 'CLOSE_WAIT', true),
  retriesExhausted('T119', 'CLOSE_WAIT', ({ h }) => h.endpoint.send(bytes('never acked'))),
];

export const CLOSING_ROWS: readonly TableRow[] = [
  closingCalls('T120', 'CLOSING'),
  abortQuietly('T121', 'CLOSING'),
  failsTable6('T122', 'CLOSING'),
  rstInWindow('T123', 'CLOSING'),
  rstExact('T124', 'CLOSING', null),
  synChallenge('T125', 'CLOSING'),
  {
    id: 'T126',
    title: 'ACK of our FIN in CLOSING: TIME_WAIT, nothing sent',
    run: () => {
      const { h, c } = reach('CLOSING');
      h.recv({ flags: ['ACK'], seq: c.rcvNxt, ack: c.sndNxt });
      none(h);
      assert.equal(h.state, 'TIME_WAIT');
    },
  },
  {
    id: 'T127',
    title: 'ACK not covering our FIN in CLOSING: ignored, CLOSING kept',
    run: () => {
      const { h, c } = reach('CLOSING');
      h.recv({ flags: ['ACK'], seq: c.rcvNxt, ack: c.sndNxt - 1 });
      none(h);
      assert.equal(h.state, 'CLOSING');
    },
  },
  peerFinAgain('T128', 'CLOSING', false),
  finRetransmitted('T129', 'CLOSING'),
  retriesExhausted('T130', 'CLOSING'),
];

export const LAST_ACK_ROWS: readonly TableRow[] = [
  closingCalls('T131', 'LAST_ACK'),
  abortQuietly('T132', 'LAST_ACK'),
  failsTable6('T133', 'LAST_ACK'),
  rstInWindow('T134', 'LAST_ACK'),
  rstExact('T135', 'LAST_ACK', null),
  synChallenge('T136', 'LAST_ACK'),
  {
    id: 'T137',
    title: 'ACK of our FIN in LAST_ACK: CLOSED directly (no TIME_WAIT on this side), nothing sent',
    run: () => {
      const { h, c } = reach('LAST_ACK');
      h.recv({ flags: ['ACK'], seq: c.rcvNxt, ack: c.sndNxt });
      none(h);
      assert.equal(h.state, 'CLOSED');
      assert.ok(!h.transitions.includes('LAST_ACK->TIME_WAIT'));
    },
  },
  peerFinAgain('T138', 'LAST_ACK', false),
  finRetransmitted('T139', 'LAST_ACK'),
  retriesExhausted('T140', 'LAST_ACK'),
];
