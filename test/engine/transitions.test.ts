// Model-based coverage of the connection state machine: every edge of the xstate definition
// (connection-machine.ts, the same one the engine runs and the panel draws) is driven through
// the real engine by a scenario named with its rows of tcp-rules.md §7 (T-ids). The last test
// fails if the machine has an edge no scenario took.
import * as assert from 'node:assert/strict';
import { connectionEdges, observeTransitions } from '../../src/engine/tcp/connection-machine';
import type { TcpStateName } from '../../src/runner/trace';
import { Harness, REMOTE } from './harness';

const taken = new Set<string>();
const key = (from: string, event: string, to: string): string => `${from} -${event}-> ${to}`;

/** Drives a fresh Linux-profile endpoint into `state` (smoltcp's tcbIn fixtures). */
function reach(state: TcpStateName | 'SYN_RCVD_ACTIVE', profile: 'linux' | 'rfc9293' = 'linux'): Harness {
  const h = new Harness(profile);
  const conn = (): NonNullable<ReturnType<typeof h.endpoint.primary>> => h.endpoint.primary()!;
  switch (state) {
    case 'SYN_SENT':
      h.endpoint.connect(REMOTE);
      break;
    case 'SYN_RCVD':
      h.endpoint.listen(5);
      h.recv({ flags: ['SYN'], seq: 1000 });
      break;
    case 'SYN_RCVD_ACTIVE':
      h.endpoint.connect(REMOTE);
      h.recv({ flags: ['SYN'], seq: 1000 });
      break;
    case 'ESTABLISHED':
      h.established();
      break;
    case 'FIN_WAIT_1':
      h.established();
      h.endpoint.close();
      break;
    case 'FIN_WAIT_2': {
      const { iss, irs } = h.established();
      h.endpoint.close();
      h.recv({ flags: ['ACK'], seq: irs + 1, ack: iss + 2 });
      break;
    }
    case 'CLOSE_WAIT': {
      const { iss, irs } = h.established();
      h.recv({ flags: ['FIN', 'ACK'], seq: irs + 1, ack: iss + 1 });
      break;
    }
    case 'CLOSING': {
      const { iss, irs } = h.established();
      h.endpoint.close();
      h.recv({ flags: ['FIN', 'ACK'], seq: irs + 1, ack: iss + 1 });
      break;
    }
    case 'LAST_ACK': {
      const { iss, irs } = h.established();
      h.recv({ flags: ['FIN', 'ACK'], seq: irs + 1, ack: iss + 1 });
      h.endpoint.close();
      break;
    }
    case 'TIME_WAIT': {
      const { iss, irs } = h.established();
      h.endpoint.close();
      h.recv({ flags: ['FIN', 'ACK'], seq: irs + 1, ack: iss + 2 });
      break;
    }
    default:
      throw new Error(`no fixture for ${state}`);
  }
  const expected = state === 'SYN_RCVD_ACTIVE' ? 'SYN_RCVD' : state;
  assert.equal(h.state, expected, `fixture reaches ${state}`);
  h.sent();
  void conn;
  return h;
}

/** An acceptable RST: exact sequence number (RFC 5961 §3.2), with an acceptable ACK in SYN_SENT. */
function exactRst(h: Harness): void {
  const c = h.endpoint.primary()!;
  if (c.state === 'SYN_SENT') h.recv({ flags: ['RST', 'ACK'], seq: 0, ack: c.iss + 1 });
  else h.recv({ flags: ['RST'], seq: c.rcvNxt });
}

const SYNCHRONIZED_AND_OPENING: (TcpStateName | 'SYN_RCVD_ACTIVE')[] = [
  'SYN_SENT', 'SYN_RCVD_ACTIVE', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSE_WAIT', 'CLOSING', 'LAST_ACK', 'TIME_WAIT',
];

describe('connection state machine: every edge driven through the engine (tcp-rules.md §7)', () => {
  before(() => observeTransitions((from, event, to) => taken.add(key(from, event, to))));
  after(() => observeTransitions(null));

  it('T001/T017 passive open: a listener child goes CLOSED → LISTEN → SYN_RCVD on a SYN', () => {
    assert.equal(reach('SYN_RCVD').state, 'SYN_RCVD');
  });

  it('T002 active open, T030 SYN,ACK → ESTABLISHED, T046 ACK of SYN → ESTABLISHED', () => {
    reach('ESTABLISHED');
    const h = reach('SYN_RCVD');
    const c = h.endpoint.primary()!;
    h.recv({ flags: ['ACK'], seq: 1001, ack: c.iss + 1 });
    assert.equal(h.state, 'ESTABLISHED');
  });

  it('T032 simultaneous open: SYN in SYN_SENT → SYN_RCVD', () => {
    assert.equal(reach('SYN_RCVD_ACTIVE').state, 'SYN_RCVD');
  });

  it('T047/T050 RST in a passive SYN_RCVD returns to LISTEN; in an active one to CLOSED (MUST-11)', () => {
    const passive = reach('SYN_RCVD');
    exactRst(passive);
    assert.ok(taken.has(key('SYN_RCVD', 'RCV_RST_PASSIVE', 'LISTEN')));
    assert.equal(passive.state, 'LISTEN', 'the listener survives');
    const active = reach('SYN_RCVD_ACTIVE');
    exactRst(active);
    assert.equal(active.state, 'CLOSED');
    assert.equal(active.endpoint.error, 'ECONNREFUSED');
  });

  it('T024 CLOSE in SYN_SENT → CLOSED; T039 CLOSE in (an active) SYN_RCVD → FIN_WAIT_1; T060 / T110 CLOSE in ESTABLISHED / CLOSE_WAIT', () => {
    const a = reach('SYN_SENT');
    a.endpoint.close();
    assert.equal(a.state, 'CLOSED');
    // A passive child has no descriptor before accept(): close() there closes the listener. The
    // application holds an actively opened SYN_RCVD (simultaneous open), so that is where CLOSE goes.
    const b = reach('SYN_RCVD_ACTIVE');
    b.endpoint.close();
    assert.equal(b.state, 'FIN_WAIT_1');
    assert.equal(reach('FIN_WAIT_1').state, 'FIN_WAIT_1');
    assert.equal(reach('LAST_ACK').state, 'LAST_ACK');
  });

  it('T074 FIN in ESTABLISHED → CLOSE_WAIT; T089 ACK of FIN → FIN_WAIT_2; T092 FIN in FIN_WAIT_1 → CLOSING', () => {
    assert.equal(reach('CLOSE_WAIT').state, 'CLOSE_WAIT');
    assert.equal(reach('FIN_WAIT_2').state, 'FIN_WAIT_2');
    assert.equal(reach('CLOSING').state, 'CLOSING');
  });

  it('T093 FIN,ACK covering our FIN: FIN_WAIT_1 → TIME_WAIT; T106 FIN in FIN_WAIT_2 → TIME_WAIT', () => {
    assert.equal(reach('TIME_WAIT').state, 'TIME_WAIT');
    const h = reach('FIN_WAIT_2');
    const c = h.endpoint.primary()!;
    h.recv({ flags: ['FIN', 'ACK'], seq: c.rcvNxt, ack: c.sndNxt });
    assert.equal(h.state, 'TIME_WAIT');
  });

  it('T126 ACK of FIN in CLOSING → TIME_WAIT; T137 ACK of FIN in LAST_ACK → CLOSED', () => {
    for (const [state, after] of [['CLOSING', 'TIME_WAIT'], ['LAST_ACK', 'CLOSED']] as const) {
      const h = reach(state);
      const c = h.endpoint.primary()!;
      h.recv({ flags: ['ACK'], seq: c.rcvNxt, ack: c.sndNxt });
      assert.equal(h.state, after, state);
    }
  });

  it('T149 the 2·MSL timer (60 s on Linux) ends TIME_WAIT; T143 a new SYN through a listener starts a new incarnation', () => {
    const h = reach('TIME_WAIT');
    h.runFor(59.9);
    assert.equal(h.state, 'TIME_WAIT');
    h.runFor(0.2);
    assert.equal(h.state, 'CLOSED');
    const server = new Harness('linux');
    server.endpoint.listen(5);
    server.recv({ flags: ['SYN'], seq: 1000 });
    const iss = server.sent()[0]!.seq;
    server.recv({ flags: ['ACK'], seq: 1001, ack: iss + 1 });
    server.endpoint.accept();
    server.endpoint.close();
    server.recv({ flags: ['FIN', 'ACK'], seq: 1001, ack: iss + 2 });
    assert.equal(server.state, 'TIME_WAIT');
    server.recv({ flags: ['SYN'], seq: 900_000 });
    assert.equal(server.state, 'SYN_RCVD');
  });

  for (const state of SYNCHRONIZED_AND_OPENING) {
    it(`RST in ${state} (T028, T066, T076, T147 …): an exact RST resets the connection`, () => {
      const h = reach(state);
      exactRst(h);
      assert.equal(h.state, 'CLOSED');
    });

    it(`ABORT in ${state} (T061, T142 …): CLOSED`, () => {
      const h = reach(state);
      h.endpoint.abort();
      assert.equal(h.state, 'CLOSED');
    });
  }

  // T036 and RFC 9293 §3.9.2.2: an ICMP hard error ends SYN_SENT (Linux: any Destination
  // Unreachable) and, on the rfc9293 profile, any synchronized state (SHLD-26).
  for (const state of ['SYN_SENT', 'SYN_RCVD_ACTIVE', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSE_WAIT', 'CLOSING', 'LAST_ACK'] as const) {
    it(`ICMP port unreachable in ${state} (rfc9293, SHLD-26): CLOSED, ECONNREFUSED`, () => {
      const h = reach(state, 'rfc9293');
      h.icmp(3, h.endpoint.primary()!.sndUna);
      assert.equal(h.state, 'CLOSED');
      assert.equal(h.endpoint.error, 'ECONNREFUSED');
    });
  }

  const TIMEOUTS: [TcpStateName | 'SYN_RCVD_ACTIVE', string, (h: Harness) => void][] = [
    ['SYN_SENT', 'T035 tcp_syn_retries exhausted', () => undefined],
    ['SYN_RCVD', 'tcp_synack_retries exhausted', () => undefined],
    ['ESTABLISHED', 'R2 retries exhausted for unacknowledged data (tcp_retries2, RFC 9293 §3.8.3)', (h) => h.endpoint.send(new Uint8Array(100))],
    ['CLOSE_WAIT', 'retries exhausted for unacknowledged data', (h) => h.endpoint.send(new Uint8Array(100))],
    ['FIN_WAIT_1', 'T140 orphan retries (tcp_orphan_retries 0 means 8) for an unacknowledged FIN', () => undefined],
    ['FIN_WAIT_2', 'an orphaned FIN_WAIT_2 reaped after tcp_fin_timeout (60 s)', () => undefined],
    ['CLOSING', 'orphan retries for an unacknowledged FIN', () => undefined],
    ['LAST_ACK', 'T140 orphan retries for an unacknowledged FIN', () => undefined],
  ];
  for (const [state, rows, prepare] of TIMEOUTS) {
    it(`timeout in ${state}: ${rows}`, () => {
      const h = reach(state);
      prepare(h);
      h.runFor(4000);
      // A passive child that gives up leaves its listener listening.
      assert.equal(h.state, state === 'SYN_RCVD' ? 'LISTEN' : 'CLOSED');
      assert.ok(taken.has(key(state === 'SYN_RCVD_ACTIVE' ? 'SYN_RCVD' : state, 'TIMEOUT', 'CLOSED')), `${state} took TIMEOUT`);
    });
  }

  it('every edge of the machine was driven by a scenario above', () => {
    const missing = connectionEdges()
      .map(([from, event, to]) => key(from, event, to))
      .filter((edge) => !taken.has(edge));
    assert.deepEqual(missing, []);
  });
});
