// tcp-rules.md §7.12 TIME-WAIT and §7.13 any state.
import * as assert from 'node:assert/strict';
import { Harness, REMOTE } from '../harness';
import { abortQuietly, closingCalls, rstInWindow } from './common';
import { type TableRow, IRS, isAckOf, isSeg, none, one, reach, settle, type Start } from './fixtures';

/** A server that accepted a connection, closed first, and sits in TIME_WAIT with its listener open. */
function serverInTimeWait(): { h: Harness; iss: number } {
  const h = new Harness('linux');
  h.endpoint.listen(5);
  h.recv({ flags: ['SYN'], seq: IRS });
  const iss = h.sent()[0]!.seq;
  h.recv({ flags: ['ACK'], seq: IRS + 1, ack: iss + 1 });
  h.endpoint.accept();
  h.endpoint.close();
  h.recv({ flags: ['FIN', 'ACK'], seq: IRS + 1, ack: iss + 2 });
  h.sent();
  assert.equal(h.state, 'TIME_WAIT');
  return { h, iss };
}

/** TIME_WAIT after a handshake with timestamps (tcp_tw_reuse needs them). */
function timeWaitWithTimestamps(): { h: Harness; sndNxt: number } {
  const h = new Harness('linux');
  h.endpoint.connect(REMOTE);
  const syn = h.sent()[0]!;
  const ts = (val: number): { kind: 'ts'; val: number; ecr: number } => ({ kind: 'ts', val, ecr: 0 });
  h.recv({ flags: ['SYN', 'ACK'], seq: IRS, ack: syn.seq + 1, options: [{ kind: 'mss', value: 1460 }, ts(100)] });
  h.endpoint.close();
  h.recv({ flags: ['FIN', 'ACK'], seq: IRS + 1, ack: syn.seq + 2, options: [ts(101)] });
  h.sent();
  assert.equal(h.state, 'TIME_WAIT');
  return { h, sndNxt: syn.seq + 2 };
}

export const TIME_WAIT_ROWS: readonly TableRow[] = [
  closingCalls('T141', 'TIME_WAIT'),
  abortQuietly('T142', 'TIME_WAIT'),
  {
    id: 'T143',
    title: '[linux] SYN above RCV.NXT in TIME_WAIT through a listener: a new incarnation, SYN,ACK with ISS = old SND.NXT+65537, SYN_RCVD',
    run: () => {
      const { h, iss } = serverInTimeWait();
      h.recv({ flags: ['SYN'], seq: IRS + 100_000 });
      isSeg(one(h), 'ACK,SYN', iss + 2 + 65537, IRS + 100_001);
      assert.equal(h.state, 'SYN_RCVD');
    },
  },
  {
    id: 'T144',
    title: 'SYN without reuse evidence in TIME_WAIT (SEG.SEQ = RCV.NXT, no listener): challenge ACK, TIME_WAIT kept',
    run: () => {
      const { h, c } = reach('TIME_WAIT');
      h.recv({ flags: ['SYN'], seq: c.rcvNxt });
      isAckOf(one(h), c);
      assert.equal(h.state, 'TIME_WAIT');
    },
  },
  {
    id: 'T145',
    title: 'the peer\'s FIN retransmitted in TIME_WAIT: ACKed again and the 2·MSL timer restarts',
    run: () => {
      const { h, c } = reach('TIME_WAIT');
      h.runFor(30);
      h.recv({ flags: ['FIN', 'ACK'], seq: c.rcvNxt - 1, ack: c.sndNxt });
      isAckOf(one(h), c);
      h.runFor(45);
      assert.equal(h.state, 'TIME_WAIT', 'still there 75 s after entering: the timer restarted at 30 s');
      h.runFor(20);
      assert.equal(h.state, 'CLOSED');
    },
  },
  {
    id: 'T146',
    title: 'other segment failing Table 6 in TIME_WAIT (old data): ACKed and dropped, TIME_WAIT kept',
    run: () => {
      const { h, c } = reach('TIME_WAIT');
      h.recv({ flags: ['ACK'], seq: c.rcvNxt - 50, ack: c.sndNxt, data: 'old' });
      isAckOf(one(h), c);
      assert.equal(h.state, 'TIME_WAIT');
    },
  },
  {
    id: 'T147',
    title: 'RST at RCV.NXT in TIME_WAIT (timeWaitRst=close, Linux tcp_rfc1337=0): CLOSED, nothing sent',
    run: () => {
      const { h, c } = reach('TIME_WAIT');
      h.recv({ flags: ['RST'], seq: c.rcvNxt });
      none(h);
      assert.equal(h.state, 'CLOSED');
    },
  },
  rstInWindow('T148', 'TIME_WAIT'),
  {
    id: 'T149',
    title: 'TIME_WAIT timeout (2·MSL; Linux 60 s): CLOSED, nothing sent',
    run: () => {
      const { h } = reach('TIME_WAIT');
      assert.deepEqual(settle(h, 61), []);
      assert.equal(h.state, 'CLOSED');
    },
  },
  {
    id: 'T150',
    title: '[linux] TIME_WAIT table full (tcp_max_tw_buckets=0): the connection goes straight to CLOSED',
    run: () => {
      const h = new Harness('linux');
      h.settings.tcp_max_tw_buckets = 0;
      const { iss } = h.established(IRS);
      h.endpoint.close();
      h.recv({ flags: ['FIN', 'ACK'], seq: IRS + 1, ack: iss + 2 });
      assert.equal(h.state, 'CLOSED', 'at once, not after 60 s');
    },
  },
  {
    id: 'T151',
    title: '[linux] connect() to a 4-tuple in TIME_WAIT with tcp_tw_reuse=1 and timestamps: taken over, SYN with ISS = old SND.NXT+65537',
    run: () => {
      const { h, sndNxt } = timeWaitWithTimestamps();
      h.settings.tcp_tw_reuse = 1;
      h.runFor(2);
      assert.ok(h.endpoint.connect(REMOTE).ok);
      isSeg(one(h), 'SYN', sndNxt + 65537);
      assert.equal(h.state, 'SYN_SENT');
    },
  },
];

const WITH_TCB: Start[] = ['SYN_SENT', 'SYN_RCVD', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSE_WAIT', 'CLOSING', 'LAST_ACK', 'TIME_WAIT'];

export const ANY_STATE_ROWS: readonly TableRow[] = [
  {
    id: 'T153',
    title: 'STATUS in every state with a TCB reports that state',
    run: () => {
      for (const start of WITH_TCB) assert.equal(reach(start).h.state, start);
    },
  },
  {
    id: 'T154',
    title: 'OPEN on an open connection: EALREADY in SYN_SENT, EISCONN from ESTABLISHED to LAST_ACK; nothing sent, state kept',
    run: () => {
      for (const start of ['SYN_SENT', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSE_WAIT', 'CLOSING', 'LAST_ACK'] as const) {
        const { h } = reach(start);
        const r = h.endpoint.connect(REMOTE);
        assert.deepEqual(r, { ok: false, errno: start === 'SYN_SENT' ? 'EALREADY' : 'EISCONN' }, start);
        none(h);
        assert.equal(h.state, start);
      }
    },
  },
];
