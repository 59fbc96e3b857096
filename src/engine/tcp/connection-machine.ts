// The connection state machine of RFC 9293 §3.3.2 (Figure 5 and the edges it omits), as one
// xstate v5 definition. It is the engine's logic for state changes, the source of the panel's
// state diagram, and the graph the model-based tests walk. The per-segment work that decides
// *which* event happened is plain TypeScript in tcb.ts; this machine only says where it leads.
import { setup, initialTransition, transition, type SnapshotFrom } from 'xstate';
import type { TcpStateName } from '../../runner/trace';

export type ConnectionEvent =
  | { type: 'PASSIVE_OPEN' } //          T001 CLOSED → LISTEN
  | { type: 'ACTIVE_OPEN' } //           T002 CLOSED → SYN_SENT (snd SYN)
  | { type: 'RCV_SYN' } //               T017 LISTEN → SYN_RCVD; T032 SYN_SENT → SYN_RCVD (simultaneous open)
  | { type: 'RCV_SYN_ACK' } //           T030 SYN_SENT → ESTABLISHED
  | { type: 'RCV_ACK_OF_SYN' } //        T046 SYN_RCVD → ESTABLISHED (T054's ACK+FIN: this, then RCV_FIN)
  | { type: 'CLOSE' } //                 T011, T024, T039, T060, T110
  | { type: 'RCV_FIN' } //               T074 ESTABLISHED → CLOSE_WAIT; T092 FIN_WAIT_1 → CLOSING; T106 FIN_WAIT_2 → TIME_WAIT
  | { type: 'RCV_ACK_OF_FIN' } //        T089 FIN_WAIT_1 → FIN_WAIT_2; T126 CLOSING → TIME_WAIT; T137 LAST_ACK → CLOSED
  | { type: 'RCV_FIN_AND_ACK_OF_FIN' } // T093 FIN_WAIT_1 → TIME_WAIT (Fig. 5 note 2)
  | { type: 'RCV_RST_PASSIVE' } //       T047/T050 SYN_RCVD (passive) → LISTEN
  | { type: 'RCV_RST' } //               T028, T066, T076 …: → CLOSED
  | { type: 'ABORT' } //                 T061, T142 …: → CLOSED
  | { type: 'TIMEOUT' } //               retries exhausted, user timeout, FIN_WAIT_2 reaped: → CLOSED
  | { type: 'RCV_ICMP_ERROR' } //        T036 an ICMP error that aborts (SYN_SENT; a hard error on rfc9293): → CLOSED
  | { type: 'TIMEOUT_2MSL' } //          T149 TIME_WAIT → CLOSED
  | { type: 'RCV_SYN_IN_TIME_WAIT' }; // T143 TIME_WAIT → SYN_RCVD (new incarnation)

export type ConnectionEventType = ConnectionEvent['type'];

const anyToClosed = {
  RCV_RST: 'CLOSED',
  ABORT: 'CLOSED',
  TIMEOUT: 'CLOSED',
  RCV_ICMP_ERROR: 'CLOSED',
} as const;

export const connectionMachine = setup({
  types: { events: {} as ConnectionEvent },
}).createMachine({
  id: 'tcp',
  initial: 'CLOSED',
  states: {
    CLOSED: { on: { PASSIVE_OPEN: 'LISTEN', ACTIVE_OPEN: 'SYN_SENT' } },
    // A connection passes through LISTEN only as a listener's child; the listening socket itself
    // belongs to the endpoint (LISTEN → CLOSED on close there). RFC 9293's SEND in LISTEN (T008)
    // has no sockets-API counterpart.
    LISTEN: { on: { RCV_SYN: 'SYN_RCVD' } },
    SYN_SENT: { on: { RCV_SYN: 'SYN_RCVD', RCV_SYN_ACK: 'ESTABLISHED', CLOSE: 'CLOSED', ...anyToClosed } },
    SYN_RCVD: {
      on: {
        RCV_ACK_OF_SYN: 'ESTABLISHED',
        RCV_RST_PASSIVE: 'LISTEN',
        CLOSE: 'FIN_WAIT_1',
        ...anyToClosed,
      },
    },
    ESTABLISHED: { on: { CLOSE: 'FIN_WAIT_1', RCV_FIN: 'CLOSE_WAIT', ...anyToClosed } },
    FIN_WAIT_1: { on: { RCV_ACK_OF_FIN: 'FIN_WAIT_2', RCV_FIN: 'CLOSING', RCV_FIN_AND_ACK_OF_FIN: 'TIME_WAIT', ...anyToClosed } },
    FIN_WAIT_2: { on: { RCV_FIN: 'TIME_WAIT', ...anyToClosed } },
    CLOSE_WAIT: { on: { CLOSE: 'LAST_ACK', ...anyToClosed } },
    CLOSING: { on: { RCV_ACK_OF_FIN: 'TIME_WAIT', ...anyToClosed } },
    LAST_ACK: { on: { RCV_ACK_OF_FIN: 'CLOSED', ...anyToClosed } },
    TIME_WAIT: { on: { TIMEOUT_2MSL: 'CLOSED', RCV_SYN_IN_TIME_WAIT: 'SYN_RCVD', RCV_RST: 'CLOSED', ABORT: 'CLOSED' } },
  },
});

export type ConnectionSnapshot = SnapshotFrom<typeof connectionMachine>;

export function initialConnectionSnapshot(): ConnectionSnapshot {
  return initialTransition(connectionMachine)[0];
}

/**
 * The state the machine moves to on `event`, or undefined when the machine has no such edge
 * from `snapshot` (which means the caller's per-segment logic has a bug).
 */
export function nextConnectionSnapshot(snapshot: ConnectionSnapshot, event: ConnectionEvent): ConnectionSnapshot | undefined {
  if (!snapshot.can(event)) return undefined;
  const next = transition(connectionMachine, snapshot, event)[0];
  transitionObserver?.(stateOf(snapshot), event.type, stateOf(next));
  return next;
}

/** Every edge of the machine as [from, event, to], read from its definition (for tests and diagrams). */
export function connectionEdges(): [TcpStateName, ConnectionEventType, TcpStateName][] {
  const edges: [TcpStateName, ConnectionEventType, TcpStateName][] = [];
  for (const [from, node] of Object.entries(connectionMachine.config.states ?? {})) {
    for (const [event, target] of Object.entries(node.on ?? {})) edges.push([from as TcpStateName, event as ConnectionEventType, String(target) as TcpStateName]);
  }
  return edges;
}

type TransitionObserver = (from: TcpStateName, event: ConnectionEventType, to: TcpStateName) => void;
let transitionObserver: TransitionObserver | null = null;

/** Model-based tests watch which edges the engine takes; null stops watching. */
export function observeTransitions(observer: TransitionObserver | null): void {
  transitionObserver = observer;
}

export function stateOf(snapshot: ConnectionSnapshot): TcpStateName {
  return snapshot.value as TcpStateName;
}
