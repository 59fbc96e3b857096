// Fixtures for the state-table tests (tcp-rules.md §7): a fresh endpoint driven into a state
// through its socket calls and the segments it receives, plus short ways to say what it sent.
import * as assert from 'node:assert/strict';
import type { Connection } from '../../../src/engine/tcp/connection';
import type { ProfileName } from '../../../src/engine/tcp/profile';
import type { Segment, SocketAddress } from '../../../src/engine/tcp/segment';
import type { TcpStateName } from '../../../src/runner/trace';
import { Harness, LOCAL, REMOTE, flagsOf } from '../harness';

/** One row of the table: its T-id, what the test shows, and the test. */
export interface TableRow {
  readonly id: string;
  readonly title: string;
  readonly run: () => void;
}

/** The peer's initial sequence number in every fixture. */
export const IRS = 5000;

/**
 * States a fixture can reach. SYN_RCVD is a listener's child (passive open); SYN_RCVD_ACTIVE a
 * simultaneous open, which the application holds (a passive child has no descriptor before
 * accept()). `half` variants close with shutdown(SHUT_WR), so the socket is not orphaned and
 * still reads: what RFC 9293's half-close means.
 */
export type Start =
  | 'SYN_SENT' | 'SYN_RCVD' | 'SYN_RCVD_ACTIVE' | 'ESTABLISHED' | 'FIN_WAIT_1' | 'FIN_WAIT_1_HALF'
  | 'FIN_WAIT_2' | 'FIN_WAIT_2_HALF' | 'CLOSE_WAIT' | 'CLOSING' | 'LAST_ACK' | 'TIME_WAIT';

export interface Fixture {
  readonly h: Harness;
  /** The connection under test (for RCV.NXT, SND.NXT … the segments are built from). */
  readonly c: Connection;
}

export function reach(start: Start, profile: ProfileName = 'linux'): Fixture {
  const h = new Harness(profile);
  drive(h, start);
  const expected = start === 'SYN_RCVD_ACTIVE' ? 'SYN_RCVD' : start.replace(/_HALF$/, '');
  assert.equal(h.state, expected, `fixture reaches ${start}`);
  h.sent();
  return { h, c: h.endpoint.primary() ?? assert.fail('no connection') };
}

function drive(h: Harness, start: Start): void {
  if (start === 'SYN_RCVD') {
    h.endpoint.listen(5);
    h.recv({ flags: ['SYN'], seq: IRS, options: [{ kind: 'mss', value: 1460 }] });
    return;
  }
  if (start === 'SYN_SENT' || start === 'SYN_RCVD_ACTIVE') {
    h.endpoint.connect(REMOTE);
    if (start === 'SYN_RCVD_ACTIVE') h.recv({ flags: ['SYN'], seq: IRS, options: [{ kind: 'mss', value: 1460 }] });
    return;
  }
  const { iss } = h.established(IRS);
  const peerFin = (ack: number): void => h.recv({ flags: ['FIN', 'ACK'], seq: IRS + 1, ack });
  switch (start) {
    case 'ESTABLISHED':
      return;
    case 'FIN_WAIT_1':
      h.endpoint.close();
      return;
    case 'FIN_WAIT_1_HALF':
      h.endpoint.shutdown('write');
      return;
    case 'FIN_WAIT_2':
    case 'FIN_WAIT_2_HALF':
      if (start === 'FIN_WAIT_2') h.endpoint.close();
      else h.endpoint.shutdown('write');
      h.recv({ flags: ['ACK'], seq: IRS + 1, ack: iss + 2 });
      return;
    case 'CLOSE_WAIT':
      peerFin(iss + 1);
      return;
    case 'CLOSING':
      h.endpoint.close();
      peerFin(iss + 1);
      return;
    case 'LAST_ACK':
      peerFin(iss + 1);
      h.endpoint.close();
      return;
    case 'TIME_WAIT':
      h.endpoint.close();
      peerFin(iss + 2);
      return;
  }
}

/** A fresh endpoint listening with backlog 5 (a listener has no connection of its own). */
export function listener(profile: ProfileName = 'linux'): Harness {
  const h = new Harness(profile);
  h.endpoint.listen(5);
  return h;
}

/** The one segment sent since the last look. */
export function one(h: Harness): Segment {
  const out = h.sent();
  assert.equal(out.length, 1, `expected one segment, got ${out.map(show).join(' | ') || 'none'}`);
  return out[0]!;
}

/** Nothing was sent since the last look. */
export function none(h: Harness): void {
  assert.deepEqual(h.sent().map(show), []);
}

/** Asserts a segment's flags (sorted, as flagsOf gives them: `ACK,SYN`), SEQ and ACK. */
export function isSeg(s: Segment, flags: string, seq: number, ack?: number): void {
  assert.equal(flagsOf(s), flags, show(s));
  assert.equal(s.seq, seq >>> 0, `SEQ of ${show(s)}`);
  if (ack !== undefined) assert.equal(s.ack, ack >>> 0, `ACK of ${show(s)}`);
}

/** `<SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>`: the reply to an unacceptable segment and the challenge ACK. */
export function isAckOf(s: Segment, c: Connection): void {
  isSeg(s, 'ACK', c.sndNxt, c.rcvNxt);
  assert.equal(s.payload.length, 0);
}

/** ABORT's RST: `<SEQ=SND.NXT><CTL=RST>` (Linux sets ACK too, tcp_send_active_reset). */
export function isAbortRst(s: Segment, sndNxt: number): void {
  assert.ok(s.flags.has('RST'), show(s));
  assert.equal(s.seq, sndNxt >>> 0);
}

export function show(s: Segment): string {
  return `${flagsOf(s)} seq=${s.seq} ack=${s.ack} len=${s.payload.length}`;
}

/** Lets delayed ACKs and other short timers run, then returns what went out. */
export function settle(h: Harness, seconds = 0.5): Segment[] {
  h.runFor(seconds);
  return h.sent();
}

/** A segment from another client address (a second peer of a listener). */
export function fromPort(h: Harness, port: number, parts: { flags: ('SYN' | 'ACK' | 'FIN')[]; seq: number; ack?: number }): void {
  const src: SocketAddress = { ip: '10.0.0.3', port };
  h.endpoint.segmentArrives({
    src,
    dst: LOCAL,
    seq: parts.seq >>> 0,
    ack: (parts.ack ?? 0) >>> 0,
    flags: new Set(parts.flags),
    win: 65535,
    options: [{ kind: 'mss', value: 1460 }],
    payload: new Uint8Array(0),
  });
}

export const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
export const text = (data: Uint8Array): string => new TextDecoder().decode(data);

export type { TcpStateName };
