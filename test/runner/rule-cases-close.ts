// Sequence-space and teardown rules the runner reported before the REACT/EMIT tables: a SYN or
// FIN occupies a number, a sender never skips or sends after its FIN, and who enters TIME_WAIT
// (or stays in CLOSE_WAIT) for how long.
import type { RuleCase } from './rule-case';
import { ESTABLISHED, stacks } from './rule-fixtures';

const BY_HAND = `profile rfc9293
endpoint client 10.0.0.1:49152 scripted
endpoint server 10.0.0.2:80 scripted
`;

const HAND_HANDSHAKE = `client -> server SYN seq=100
server -> client SYN,ACK seq=300 ack=101
client -> server ACK seq=101 ack=301
`;

const STACKS = stacks(7);

/** The client closes first; after this the client is in TIME_WAIT and the server CLOSED. */
const CLOSED_BY_CLIENT = `${ESTABLISHED}client close
client -> server FIN,ACK seq=x+1 ack=y+1
server -> client ACK seq=y+1 ack=x+2
server close
server -> client FIN,ACK seq=y+1 ack=x+2
client -> server ACK seq=x+2 ack=y+2
`;

/** The client closed; the server's application never does. */
const HALF_CLOSED = `${ESTABLISHED}client close
client -> server FIN,ACK seq=x+1 ack=y+1
server -> client ACK seq=y+1 ack=x+2
`;

export const CLOSE_CASES: readonly RuleCase[] = [
  {
    id: 'TCP-SYN-CONSUMES-SEQ',
    header: BY_HAND,
    trigger: `client -> server SYN seq=100\nserver -> client SYN,ACK seq=300 ack=100\n`,
    clean: HAND_HANDSHAKE,
    message: /101/,
  },
  {
    id: 'TCP-FIN-CONSUMES-SEQ',
    header: BY_HAND,
    trigger: `${HAND_HANDSHAKE}client -> server FIN,ACK seq=101 ack=301\nserver -> client ACK seq=301 ack=101\n`,
    clean: `${HAND_HANDSHAKE}client -> server FIN,ACK seq=101 ack=301\nserver -> client ACK seq=301 ack=102\n`,
    message: /102/,
  },
  {
    id: 'TCP-SEQ-SKIPPED',
    header: BY_HAND,
    trigger: `${HAND_HANDSHAKE}client -> server PSH,ACK seq=201 ack=301 len=10\n`,
    clean: `${HAND_HANDSHAKE}client -> server PSH,ACK seq=101 ack=301 len=10\n`,
  },
  {
    id: 'TCP-SEND-AFTER-FIN',
    header: BY_HAND,
    trigger: `${HAND_HANDSHAKE}client -> server FIN,ACK seq=101 ack=301\nclient -> server PSH,ACK seq=102 ack=301 len=5\n`,
    clean: `${HAND_HANDSHAKE}client -> server PSH,ACK seq=101 ack=301 len=5\nclient -> server FIN,ACK seq=106 ack=301\n`,
  },
  {
    id: 'TCP-TIMEWAIT-PASSIVE-CLOSER',
    header: STACKS,
    trigger: `${CLOSED_BY_CLIENT}expect server TIME_WAIT\n`,
    clean: `${CLOSED_BY_CLIENT}expect server CLOSED\nexpect client TIME_WAIT\n`,
  },
  {
    id: 'TCP-TIMEWAIT-DURATION',
    header: STACKS,
    trigger: `${CLOSED_BY_CLIENT}wait 30s\nexpect client CLOSED\n`,
    clean: `${CLOSED_BY_CLIENT}wait 30s\nexpect client TIME_WAIT\nwait 30s\nexpect client CLOSED\n`,
    message: /60/,
  },
  {
    id: 'TCP-TIMEWAIT-ASSASSINATION',
    header: STACKS,
    trigger: `${CLOSED_BY_CLIENT}attacker -> client RST seq=y+2 from 10.0.0.2:80\n`,
    clean: `${CLOSED_BY_CLIENT}attacker -> client RST seq=y+100000000 from 10.0.0.2:80\nexpect client TIME_WAIT\n`,
  },
  {
    id: 'TCP-CLOSEWAIT-STUCK',
    header: STACKS,
    trigger: `${HALF_CLOSED}wait 10m\nexpect server CLOSE_WAIT\n`,
    clean: `${HALF_CLOSED}wait 10s\nexpect server CLOSE_WAIT\nserver close\nserver -> client FIN,ACK seq=y+1 ack=x+2\nclient -> server ACK seq=x+2 ack=y+2\n`,
    message: /600s/,
  },
];
