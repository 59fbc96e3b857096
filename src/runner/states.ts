// TCP state names as scripts may write them (RFC 9293 hyphens, Linux/netstat spellings) and
// the canonical trace names.
import type { TcpStateName } from './trace';

const ALIASES: Readonly<Record<string, TcpStateName>> = {
  CLOSED: 'CLOSED',
  LISTEN: 'LISTEN',
  SYN_SENT: 'SYN_SENT',
  SYN_RCVD: 'SYN_RCVD',
  SYN_RECEIVED: 'SYN_RCVD',
  SYN_RECV: 'SYN_RCVD',
  ESTABLISHED: 'ESTABLISHED',
  FIN_WAIT_1: 'FIN_WAIT_1',
  FIN_WAIT1: 'FIN_WAIT_1',
  FIN_WAIT_2: 'FIN_WAIT_2',
  FIN_WAIT2: 'FIN_WAIT_2',
  CLOSE_WAIT: 'CLOSE_WAIT',
  CLOSING: 'CLOSING',
  LAST_ACK: 'LAST_ACK',
  TIME_WAIT: 'TIME_WAIT',
};

export const TCP_STATE_NAMES: readonly TcpStateName[] = [
  'CLOSED', 'LISTEN', 'SYN_SENT', 'SYN_RCVD', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSE_WAIT', 'CLOSING', 'LAST_ACK', 'TIME_WAIT',
];

/** `SYN-RECEIVED`, `syn_recv`, `SYN_RCVD` → `SYN_RCVD`; undefined for anything else. */
export function canonicalState(written: string): TcpStateName | undefined {
  return ALIASES[written.toUpperCase().replace(/-/g, '_')];
}
