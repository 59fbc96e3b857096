// tcp-rules.md §7.7 FIN-WAIT-1 and §7.8 FIN-WAIT-2. Half-close rows use shutdown(SHUT_WR), so
// the application still reads (after close(), Linux answers new data with RST).
import * as assert from 'node:assert/strict';
import { abortWithRst, ackTooFar, closingCalls, failsTable6, finRetransmitted, noAckBit, retriesExhausted, rstExact, rstInWindow, synChallenge } from './common';
import { type TableRow, IRS, bytes, isSeg, none, one, reach, settle, text } from './fixtures';

export const FIN_WAIT_1_ROWS: readonly TableRow[] = [
  closingCalls('T079', 'FIN_WAIT_1'),
  {
    id: 'T080',
    title: 'RECEIVE in FIN_WAIT_1 (half-close): the data the peer still sends is delivered',
    run: () => {
      const { h, c } = reach('FIN_WAIT_1_HALF');
      h.recv({ flags: ['ACK'], seq: IRS + 1, ack: c.sndNxt - 1, data: 'more' });
      assert.equal(text(h.endpoint.recv(10).data), 'more');
      assert.equal(h.state, 'FIN_WAIT_1');
    },
  },
  {
    id: 'T081',
    title: 'CLOSE again in FIN_WAIT_1: no second FIN, state kept',
    run: () => {
      const { h, c } = reach('FIN_WAIT_1');
      const sndNxt = c.sndNxt;
      h.endpoint.close();
      none(h);
      assert.equal(c.sndNxt, sndNxt);
      assert.equal(h.state, 'FIN_WAIT_1');
    },
  },
  abortWithRst('T082', 'FIN_WAIT_1'),
  failsTable6('T083', 'FIN_WAIT_1'),
  rstInWindow('T084', 'FIN_WAIT_1'),
  rstExact('T085', 'FIN_WAIT_1', null),
  synChallenge('T086', 'FIN_WAIT_1'),
  noAckBit('T087', 'FIN_WAIT_1_HALF'),
  ackTooFar('T088', 'FIN_WAIT_1_HALF'),
  {
    id: 'T089',
    title: 'ACK of our FIN (no FIN) in FIN_WAIT_1: FIN_WAIT_2, nothing sent',
    run: () => {
      const { h, c } = reach('FIN_WAIT_1');
      h.recv({ flags: ['ACK'], seq: IRS + 1, ack: c.sndNxt });
      none(h);
      assert.equal(h.state, 'FIN_WAIT_2');
    },
  },
  {
    id: 'T090',
    title: 'ACK of our data but not our FIN in FIN_WAIT_1: SND.UNA advances, still FIN_WAIT_1',
    run: () => {
      const { h, c } = reach('ESTABLISHED');
      h.endpoint.send(bytes('abc'));
      h.endpoint.close();
      h.sent();
      h.recv({ flags: ['ACK'], seq: IRS + 1, ack: c.iss + 4 });
      none(h);
      assert.equal(c.sndUna, c.iss + 4);
      assert.equal(h.state, 'FIN_WAIT_1');
    },
  },
  {
    id: 'T091',
    title: 'in-order text in FIN_WAIT_1 (half-close): delivered and ACKed',
    run: () => {
      const { h, c } = reach('FIN_WAIT_1_HALF');
      h.recv({ flags: ['ACK', 'PSH'], seq: IRS + 1, ack: c.sndNxt - 1, data: 'data' });
      isSeg(settle(h)[0]!, 'ACK', c.sndNxt, IRS + 5);
      assert.equal(text(h.endpoint.recv(10).data), 'data');
      assert.equal(h.state, 'FIN_WAIT_1');
    },
  },
  {
    id: 'T092',
    title: 'FIN not acknowledging ours in FIN_WAIT_1 (simultaneous close): <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>, CLOSING',
    run: () => {
      const { h, c } = reach('FIN_WAIT_1');
      h.recv({ flags: ['FIN', 'ACK'], seq: IRS + 1, ack: c.sndNxt - 1 });
      isSeg(settle(h)[0]!, 'ACK', c.sndNxt, IRS + 2);
      assert.equal(h.state, 'CLOSING');
    },
  },
  {
    id: 'T093',
    title: 'FIN,ACK acknowledging our FIN in FIN_WAIT_1: the FIN is ACKed, TIME_WAIT',
    run: () => {
      const { h, c } = reach('FIN_WAIT_1');
      h.recv({ flags: ['FIN', 'ACK'], seq: IRS + 1, ack: c.sndNxt });
      isSeg(settle(h)[0]!, 'ACK', c.sndNxt, IRS + 2);
      assert.equal(h.state, 'TIME_WAIT');
    },
  },
  finRetransmitted('T094', 'FIN_WAIT_1'),
  retriesExhausted('T095', 'FIN_WAIT_1'),
];

export const FIN_WAIT_2_ROWS: readonly TableRow[] = [
  closingCalls('T096', 'FIN_WAIT_2'),
  {
    id: 'T097',
    title: 'RECEIVE in FIN_WAIT_2 (half-close): the data the peer still sends is delivered',
    run: () => {
      const { h, c } = reach('FIN_WAIT_2_HALF');
      h.recv({ flags: ['ACK'], seq: IRS + 1, ack: c.sndNxt, data: 'more' });
      assert.equal(text(h.endpoint.recv(10).data), 'more');
      assert.equal(h.state, 'FIN_WAIT_2');
    },
  },
  {
    id: 'T098',
    title: 'CLOSE again in FIN_WAIT_2: no second FIN, state kept',
    run: () => {
      const { h } = reach('FIN_WAIT_2');
      h.endpoint.close();
      none(h);
      assert.equal(h.state, 'FIN_WAIT_2');
    },
  },
  abortWithRst('T099', 'FIN_WAIT_2'),
  failsTable6('T100', 'FIN_WAIT_2'),
  rstInWindow('T101', 'FIN_WAIT_2'),
  rstExact('T102', 'FIN_WAIT_2', null),
  synChallenge('T103', 'FIN_WAIT_2'),
  {
    id: 'T104',
    title: 'a bare ACK in FIN_WAIT_2 (nothing left to acknowledge): no reply, FIN_WAIT_2 kept',
    run: () => {
      const { h, c } = reach('FIN_WAIT_2');
      h.recv({ flags: ['ACK'], seq: IRS + 1, ack: c.sndNxt, win: 1000 });
      assert.deepEqual(settle(h), []);
      assert.equal(h.state, 'FIN_WAIT_2');
    },
  },
  {
    id: 'T105',
    title: 'in-order text in FIN_WAIT_2 (half-close): delivered and ACKed',
    run: () => {
      const { h, c } = reach('FIN_WAIT_2_HALF');
      h.recv({ flags: ['ACK', 'PSH'], seq: IRS + 1, ack: c.sndNxt, data: 'data' });
      isSeg(settle(h)[0]!, 'ACK', c.sndNxt, IRS + 5);
      assert.equal(text(h.endpoint.recv(10).data), 'data');
    },
  },
  {
    id: 'T106',
    title: 'FIN in FIN_WAIT_2: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>, TIME_WAIT',
    run: () => {
      const { h, c } = reach('FIN_WAIT_2');
      h.recv({ flags: ['FIN', 'ACK'], seq: IRS + 1, ack: c.sndNxt });
      isSeg(settle(h)[0]!, 'ACK', c.sndNxt, IRS + 2);
      assert.equal(h.state, 'TIME_WAIT');
    },
  },
  {
    id: 'T107',
    title: '[linux] an orphaned FIN_WAIT_2 is destroyed silently after tcp_fin_timeout; a later FIN gets a RST',
    run: () => {
      const { h, c } = reach('FIN_WAIT_2');
      assert.deepEqual(settle(h, 61), []);
      assert.equal(h.state, 'CLOSED');
      h.recv({ flags: ['FIN', 'ACK'], seq: IRS + 1, ack: c.sndNxt });
      isSeg(one(h), 'RST', c.sndNxt);
    },
  },
];
