// Rows that read the same in many states (the §3.10.7.4 checks every synchronized state makes,
// ABORT, and the calls a closing connection refuses), as one test maker each.
import * as assert from 'node:assert/strict';
import { type Start, type TableRow, bytes, isAbortRst, isAckOf, isSeg, none, one, reach, settle } from './fixtures';

const named = (start: Start): string => start.replace(/_HALF$/, '');

/** First check: an old duplicate gets <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>; an out-of-window RST is dropped. */
export function failsTable6(id: string, start: Start): TableRow {
  return {
    id,
    title: `segment failing Table 6 in ${named(start)}: RST=1 dropped silently, RST=0 answered with <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>`,
    run: () => {
      const { h, c } = reach(start);
      h.recv({ flags: ['RST'], seq: c.rcvNxt + 1_000_000 });
      none(h);
      h.recv({ flags: ['ACK'], seq: c.rcvNxt - 100, ack: c.sndNxt, data: 'old' });
      isAckOf(one(h), c);
      assert.equal(h.state, named(start));
    },
  };
}

/** Second check, RFC 5961 §3.2: a RST in the window but not at RCV.NXT gets a challenge ACK. */
export function rstInWindow(id: string, start: Start): TableRow {
  return {
    id,
    title: `RST in the window but not at RCV.NXT in ${named(start)} (RFC 5961): challenge ACK, state kept`,
    run: () => {
      const { h, c } = reach(start);
      h.recv({ flags: ['RST'], seq: c.rcvNxt + 10 });
      isAckOf(one(h), c);
      assert.equal(h.state, named(start));
    },
  };
}

/** Second check: a RST at RCV.NXT resets the connection, and nothing answers it. */
export function rstExact(id: string, start: Start, error: string | null): TableRow {
  return {
    id,
    title: `RST at RCV.NXT in ${named(start)}: CLOSED, nothing sent${error ? `, the socket reports ${error}` : ''}`,
    run: () => {
      const { h, c } = reach(start);
      h.recv({ flags: ['RST'], seq: c.rcvNxt });
      none(h);
      assert.equal(h.state, 'CLOSED');
      if (error) assert.equal(h.endpoint.error, error);
      assert.deepEqual(settle(h, 300), [], 'no timer sends anything after the reset');
    },
  };
}

/** Fourth check, RFC 5961 §4.2: any SYN in a synchronized state gets a challenge ACK. */
export function synChallenge(id: string, start: Start): TableRow {
  return {
    id,
    title: `SYN in ${named(start)} (RFC 5961): challenge ACK, state kept`,
    run: () => {
      const { h, c } = reach(start);
      h.recv({ flags: ['SYN'], seq: c.rcvNxt });
      isAckOf(one(h), c);
      assert.equal(h.state, named(start));
    },
  };
}

/** Fifth check: a segment without ACK is dropped (its data is not taken). */
export function noAckBit(id: string, start: Start): TableRow {
  return {
    id,
    title: `segment without ACK in ${named(start)}: dropped, no reply, nothing delivered`,
    run: () => {
      const { h, c } = reach(start);
      const rcvNxt = c.rcvNxt;
      h.recv({ flags: ['PSH'], seq: rcvNxt, data: 'nope' });
      none(h);
      assert.equal(c.rcvNxt, rcvNxt);
      assert.equal(h.state, named(start));
    },
  };
}

/** Fifth check: SEG.ACK > SND.NXT gets an ACK and the segment is dropped. */
export function ackTooFar(id: string, start: Start): TableRow {
  return {
    id,
    title: `ACK beyond SND.NXT in ${named(start)}: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>, the segment dropped`,
    run: () => {
      const { h, c } = reach(start);
      const rcvNxt = c.rcvNxt;
      h.recv({ flags: ['ACK'], seq: rcvNxt, ack: c.sndNxt + 1000, data: 'x' });
      isAckOf(one(h), c);
      assert.equal(c.rcvNxt, rcvNxt, 'its data is not taken');
      assert.equal(h.state, named(start));
    },
  };
}

/** ABORT where RFC 9293 §3.10.5 sends <SEQ=SND.NXT><CTL=RST>. */
export function abortWithRst(id: string, start: Start): TableRow {
  return {
    id,
    title: `ABORT in ${named(start)}: <SEQ=SND.NXT><CTL=RST>, CLOSED`,
    run: () => {
      const { h, c } = reach(start);
      const sndNxt = c.sndNxt;
      h.endpoint.abort();
      isAbortRst(one(h), sndNxt);
      assert.equal(h.state, 'CLOSED');
    },
  };
}

/** ABORT in CLOSING, LAST-ACK, TIME-WAIT: "ok", delete the TCB, no RST. */
export function abortQuietly(id: string, start: Start): TableRow {
  return {
    id,
    title: `ABORT in ${named(start)}: CLOSED with no RST`,
    run: () => {
      const { h } = reach(start);
      assert.ok(h.endpoint.abort().ok);
      assert.deepEqual(settle(h, 300), []);
      assert.equal(h.state, 'CLOSED');
    },
  };
}

/** SEND and CLOSE after our FIN: "connection closing" (EPIPE), never data or a second FIN. */
export function closingCalls(id: string, start: Start): TableRow {
  return {
    id,
    title: `SEND/CLOSE in ${named(start)}: SEND fails with EPIPE, CLOSE sends no second FIN, state kept`,
    run: () => {
      const { h } = reach(start);
      assert.deepEqual(h.endpoint.send(bytes('late')), { ok: false, errno: 'EPIPE' });
      h.endpoint.close();
      none(h);
      assert.equal(h.state, named(start));
    },
  };
}

/** Retransmission timeout with our FIN unacknowledged: the FIN goes out again. */
export function finRetransmitted(id: string, start: Start): TableRow {
  return {
    id,
    title: `retransmission timeout in ${named(start)}: our FIN is retransmitted, state kept`,
    run: () => {
      const { h, c } = reach(start);
      const again = settle(h, 1.5);
      assert.ok(again.length >= 1, 'something is retransmitted');
      isSeg(again[0]!, 'ACK,FIN', c.sndNxt - 1, c.rcvNxt);
      assert.equal(h.state, named(start));
    },
  };
}

/** Retries exhausted (R2, tcp_orphan_retries for a closed socket): CLOSED. */
export function retriesExhausted(id: string, start: Start, prepare: (f: ReturnType<typeof reach>) => void = () => undefined): TableRow {
  return {
    id,
    title: `retries exhausted in ${named(start)}: the connection is aborted, CLOSED`,
    run: () => {
      const f = reach(start);
      prepare(f);
      f.h.runFor(4000);
      assert.equal(f.h.state, 'CLOSED');
    },
  };
}
