// REACT rules (tcp-rules.md §1.3): a stack receives something and reacts as the RFC (and Linux)
// say. Each case is a script whose expectation gets the reaction wrong (`trigger`: the rule is
// reported) and the same script written right (`clean`: no error or warning at all).
import type { RuleCase } from './rule-case';
import { ESTABLISHED, stacks, twin } from './rule-fixtures';

const STACKS = stacks(3);

const SCRIPTED_CLIENT = `seed 3
endpoint client 10.0.0.1:49152 scripted
endpoint server 10.0.0.2:80
endpoint attacker 198.51.100.7:6000 raw
link client server delay 10ms
`;

/** The client's SYN never arrives, so a spoofed "server" can answer it. */
const SYN_SENT = `drop client -> server SYN
client connect server
client -> server SYN seq=x
`;

const HAND_SYN = `server listen
client -> server SYN seq=100
server -> client SYN,ACK seq=y ack=101
`;

/** Client closes first; both ends are stacks. */
const TIME_WAIT = `${ESTABLISHED}client close
client -> server FIN,ACK seq=x+1 ack=y+1
server -> client ACK seq=y+1 ack=x+2
server close
server -> client FIN,ACK seq=y+1 ack=x+2
client -> server ACK seq=x+2 ack=y+2
expect client TIME_WAIT
`;

/** The server's data with the first segment lost: the scripted client holds 3 out of order. */
const DATA_WITH_HOLE = `server listen
client -> server SYN seq=100 <mss 1000>
server -> client SYN,ACK seq=y ack=101
client -> server ACK seq=101 ack=y+1
server accept
drop next server -> client
server send 4000
server -> client ACK seq=y+1 len=1000
server -> client ACK seq=y+1001 len=1000
server -> client ACK seq=y+2001 len=1000
server -> client PSH,ACK seq=y+3001 len=1000
client -> server ACK seq=101 ack=y+1
client -> server ACK seq=101 ack=y+1
`;

/**
 * Three stack clients race to a listener whose backlog somaxconn caps at 1 (Linux counts the
 * accept queue full above it): client and client3 complete first, so client2's final ACK finds
 * the accept queue full while it is still SYN_RCVD.
 */
export const ACCEPT_QUEUE_RACE = `seed 3
endpoint client 10.0.0.1:49152
endpoint server 10.0.0.2:80
endpoint client2 10.0.0.3:49153
endpoint client3 10.0.0.4:49154
link client server delay 10ms
link client3 server delay 50ms
link client2 server delay 100ms
set server somaxconn 1
ignore client -> server SYN
ignore client -> server ACK
ignore server -> client SYN,ACK
ignore client3 -> server SYN
ignore client3 -> server ACK
ignore server -> client3 SYN,ACK
`;

export const ACCEPT_QUEUE_FULL_ACK = `server listen backlog 100
client connect server
client3 connect server
client2 connect server
client2 -> server SYN seq=z
server -> client2 SYN,ACK seq=w ack=z+1
client2 -> server ACK seq=z+1 ack=w+1
`;

export const REACT_CASES: readonly RuleCase[] = [
  {
    id: 'TCP-RST-NO-REPLY',
    header: STACKS,
    trigger: `attacker -> server RST seq=5 from 10.0.0.1:49152\nserver -> client RST,ACK\n`,
    clean: `attacker -> server RST seq=5 from 10.0.0.1:49152\nexpect nothing for 1s\n`,
  },
  {
    id: 'TCP-RST-GENERATION',
    header: STACKS,
    trigger: `client connect server\nclient -> server SYN seq=x\nserver -> client RST seq=0\n`,
    clean: `client connect server\nclient -> server SYN seq=x\nserver -> client RST,ACK seq=0 ack=x+1\nexpect client CLOSED\nexpect client error ECONNREFUSED\n`,
    message: /<SEQ=0><ACK=x\+1><CTL=RST,ACK>/,
  },
  {
    id: 'TCP-LISTEN-IGNORE',
    header: STACKS,
    trigger: `server listen\nattacker -> server RST seq=9\nserver -> attacker RST\n`,
    clean: `server listen\nattacker -> server RST seq=9\nexpect nothing for 1s\nexpect server LISTEN\n`,
  },
  {
    id: 'TCP-LISTEN-ACK-RST',
    header: STACKS,
    trigger: `server listen\nattacker -> server ACK seq=1000 ack=5000\nserver -> attacker ACK seq=5000\n`,
    clean: `server listen\nattacker -> server ACK seq=1000 ack=5000\nserver -> attacker RST seq=5000\n`,
    message: /5000/,
  },
  {
    id: 'TCP-SYNQ-OVERFLOW',
    header: `${STACKS}ignore server -> * SYN,ACK\nset server tcp_syncookies 0\n`,
    trigger: `server listen backlog 1\nrepeat 3 attacker -> server SYN from 198.51.100.*:*\nexpect server queue syn 3\n`,
    clean: `server listen backlog 1\nrepeat 3 attacker -> server SYN from 198.51.100.*:*\nexpect server queue syn 2\n`,
  },
  {
    id: 'TCP-ACCEPTQ-OVERFLOW',
    header: `${ACCEPT_QUEUE_RACE}set server tcp_abort_on_overflow 1\n`,
    trigger: `${ACCEPT_QUEUE_FULL_ACK}expect server queue accept 3\n`,
    clean: `${ACCEPT_QUEUE_FULL_ACK}server -> client2 RST seq=w+1\nexpect server queue accept 2\nexpect server queue syn 0\n`,
    message: /tcp_abort_on_overflow=1.*RST/,
  },
  {
    id: 'TCP-SYNCOOKIE-OPTIONS',
    header: `${STACKS}set server tcp_syncookies 2\nset client tcp_timestamps 0\n`,
    trigger: `server listen\nclient connect server\nclient -> server SYN seq=x\nserver -> client SYN,ACK seq=y ack=x+1 <mss 1460, sackOK, nop, wscale 10>\n`,
    clean: `server listen\nclient connect server\nclient -> server SYN seq=x\nserver -> client SYN,ACK seq=y ack=x+1 <mss 1460>\nclient -> server ACK seq=x+1 ack=y+1\n`,
  },
  {
    id: 'TCP-SYNCOOKIE-VALIDATE',
    header: `${STACKS}set server tcp_syncookies 2\n`,
    trigger: `${ESTABLISHED.replace('server accept\n', '')}expect server SYN_RCVD\n`,
    clean: `${ESTABLISHED.replace('server accept\n', '')}expect server ESTABLISHED\nexpect server queue accept 1\n`,
  },
  {
    id: 'TCP-SYN-DATA-NO-TFO',
    header: SCRIPTED_CLIENT,
    trigger: `server listen\nclient -> server SYN seq=100 data "hi"\nserver -> client SYN,ACK seq=y ack=103\n`,
    clean: `server listen\nclient -> server SYN seq=100 data "hi"\nserver -> client SYN,ACK seq=y ack=101\nclient -> server ACK seq=101 ack=y+1\n`,
  },
  {
    id: 'TCP-TFO-COOKIE',
    // A TFO server (tcp_fastopen 2) and a SYN with data and a cookie it never gave out.
    header: `${SCRIPTED_CLIENT}set server tcp_fastopen 2\n`,
    trigger: `server listen\nclient -> server SYN seq=100 data "hi" <mss 1460, tfo 0011223344556677>\nserver -> client SYN,ACK seq=y ack=103\n`,
    clean: `server listen\nclient -> server SYN seq=100 data "hi" <mss 1460, tfo 0011223344556677>\nserver -> client SYN,ACK seq=y ack=101 <mss 1460, tfo, nop, nop>\nclient -> server ACK seq=101 ack=y+1\n`,
    message: /0011223344556677/,
  },
  {
    id: 'TCP-SYNSENT-BAD-ACK',
    header: STACKS,
    trigger: `${SYN_SENT}attacker -> client SYN,ACK seq=5000 ack=x+100 from 10.0.0.2:80\nclient -> server ACK\n`,
    clean: `${SYN_SENT}attacker -> client SYN,ACK seq=5000 ack=x+100 from 10.0.0.2:80\nclient -> server RST seq=x+100\nexpect client SYN_SENT\n`,
  },
  {
    id: 'TCP-SYNSENT-RST',
    header: STACKS,
    trigger: `${SYN_SENT}attacker -> client RST seq=0 from 10.0.0.2:80\nexpect client CLOSED\n`,
    clean: `${SYN_SENT}attacker -> client RST seq=0 from 10.0.0.2:80\nexpect client SYN_SENT\n`,
  },
  {
    id: 'TCP-SYNSENT-ACK-WITHOUT-SYN',
    header: STACKS,
    trigger: `${SYN_SENT}attacker -> client ACK seq=5000 ack=x+1 from 10.0.0.2:80\nexpect client ESTABLISHED\n`,
    clean: `${SYN_SENT}attacker -> client ACK seq=5000 ack=x+1 from 10.0.0.2:80\nexpect client SYN_SENT\n`,
  },
  {
    id: 'TCP-SIMOPEN-SYN',
    header: `${STACKS}ignore server -> client RST\n`,
    trigger: `${SYN_SENT}attacker -> client SYN seq=7000 from 10.0.0.2:80\nclient -> server ACK seq=x+1 ack=7001\n`,
    clean: `${SYN_SENT}attacker -> client SYN seq=7000 from 10.0.0.2:80\nclient -> server SYN,ACK seq=x ack=7001\nexpect client SYN_RCVD\n`,
  },
  {
    id: 'TCP-SEQ-UNACCEPTABLE',
    header: STACKS,
    ...twin(`${ESTABLISHED}attacker -> server ACK seq=x+100000000 ack=y+1 from 10.0.0.1:49152\n`, `server -> client RST`, `server -> client ACK seq=y+1 ack=x+1`),
  },
  {
    id: 'TCP-KEEPALIVE-NO-ACK',
    header: STACKS,
    ...twin(`${ESTABLISHED}attacker -> server ACK seq=x ack=y+1 from 10.0.0.1:49152\n`, `server -> client RST`, `server -> client ACK seq=y+1 ack=x+1`),
  },
  {
    id: 'TCP-PAWS-REJECT',
    header: SCRIPTED_CLIENT,
    trigger: `server listen\nclient -> server SYN seq=100 <mss 1460, ts val=1000 ecr=0>\nserver -> client SYN,ACK seq=y ack=101\nclient -> server ACK seq=101 ack=y+1 <nop, nop, ts val=1001 ecr=0>\nclient -> server PSH,ACK seq=101 ack=y+1 data "hello" <nop, nop, ts val=500 ecr=0>\nserver -> client ACK seq=y+1 ack=106\n`,
    clean: `server listen\nclient -> server SYN seq=100 <mss 1460, ts val=1000 ecr=0>\nserver -> client SYN,ACK seq=y ack=101\nclient -> server ACK seq=101 ack=y+1 <nop, nop, ts val=1001 ecr=0>\nclient -> server PSH,ACK seq=101 ack=y+1 data "hello" <nop, nop, ts val=500 ecr=0>\nserver -> client ACK seq=y+1 ack=101\n`,
    message: /500/,
  },
  {
    id: 'TCP-SYNRCVD-DUP-SYN',
    header: SCRIPTED_CLIENT,
    // The repeated SYN waits one RTO (else it is TCP-RTO-BOUNDS); the server's own SYN,ACK timer fires just before it.
    trigger: `${HAND_SYN}+1s client -> server SYN seq=100\nserver -> client SYN,ACK seq=y ack=101\nserver -> client ACK\n`,
    clean: `${HAND_SYN}+1s client -> server SYN seq=100\nserver -> client SYN,ACK seq=y ack=101\nserver -> client SYN,ACK seq=y ack=101\n`,
  },
  {
    id: 'TCP-RST-OUT-OF-WINDOW',
    header: STACKS,
    trigger: `${ESTABLISHED}attacker -> server RST seq=x+100000000 from 10.0.0.1:49152\nexpect server CLOSED\n`,
    clean: `${ESTABLISHED}attacker -> server RST seq=x+100000000 from 10.0.0.1:49152\nexpect nothing for 1s\nexpect server ESTABLISHED\n`,
  },
  {
    id: 'TCP-RST-CHALLENGE-ACK',
    header: STACKS,
    trigger: `${ESTABLISHED}attacker -> server RST seq=x+1001 from 10.0.0.1:49152\nexpect server CLOSED\n`,
    clean: `${ESTABLISHED}attacker -> server RST seq=x+1001 from 10.0.0.1:49152\nserver -> client ACK seq=y+1 ack=x+1\nexpect server ESTABLISHED\n`,
  },
  {
    id: 'TCP-RST-EXACT',
    header: STACKS,
    trigger: `${ESTABLISHED}attacker -> server RST seq=x+1 from 10.0.0.1:49152\nexpect server ESTABLISHED\n`,
    clean: `${ESTABLISHED}attacker -> server RST seq=x+1 from 10.0.0.1:49152\nexpect server CLOSED\nexpect server error ECONNRESET\n`,
  },
  {
    id: 'TCP-SYNRCVD-RST',
    header: SCRIPTED_CLIENT,
    trigger: `${HAND_SYN}client -> server RST seq=101\nexpect server CLOSED\n`,
    clean: `${HAND_SYN}client -> server RST seq=101\nexpect server LISTEN\n`,
  },
  {
    id: 'TCP-SYN-IN-SYNCHRONIZED',
    header: STACKS,
    ...twin(`${ESTABLISHED}attacker -> server SYN seq=x+10 from 10.0.0.1:49152\n`, `server -> client SYN,ACK`, `server -> client ACK seq=y+1 ack=x+1`),
  },
  {
    id: 'TCP-CHALLENGE-ACK-THROTTLE',
    header: STACKS,
    trigger: `${ESTABLISHED}attacker -> server RST seq=x+1001 from 10.0.0.1:49152\nserver -> client ACK seq=y+1 ack=x+1\nattacker -> server RST seq=x+2001 from 10.0.0.1:49152\nserver -> client ACK seq=y+1 ack=x+1\n`,
    clean: `${ESTABLISHED}attacker -> server RST seq=x+1001 from 10.0.0.1:49152\nserver -> client ACK seq=y+1 ack=x+1\nattacker -> server RST seq=x+2001 from 10.0.0.1:49152\nexpect nothing for 1s\n`,
    message: /#2 within 10 ms/,
  },
  {
    id: 'TCP-TIMEWAIT-SYN',
    header: STACKS,
    // The challenge ACK is lost: the server, CLOSED by now, would answer it with a RST that ends the TIME_WAIT.
    trigger: `${TIME_WAIT}drop next client -> server\nattacker -> client SYN seq=y+10 from 10.0.0.2:80\nexpect client SYN_RCVD\n`,
    clean: `${TIME_WAIT}drop next client -> server\nattacker -> client SYN seq=y+10 from 10.0.0.2:80\nclient -> server ACK seq=x+2 ack=y+2\nexpect client TIME_WAIT\n`,
  },
  {
    id: 'TCP-ACK-BIT-MISSING',
    header: STACKS,
    ...twin(`${ESTABLISHED}attacker -> server PSH seq=x+1 data "hi" from 10.0.0.1:49152\n`, `expect server recv "hi"`, `expect nothing for 1s`),
  },
  {
    id: 'TCP-ACK-UNACCEPTABLE',
    header: STACKS,
    ...twin(`${ESTABLISHED}attacker -> server ACK seq=x+1 ack=y+1000 from 10.0.0.1:49152\n`, `server -> client RST`, `server -> client ACK seq=y+1 ack=x+1`),
  },
  {
    id: 'TCP-SYNRCVD-BAD-ACK',
    header: SCRIPTED_CLIENT,
    trigger: `${HAND_SYN}attacker -> server ACK seq=101 ack=y+5 from 10.0.0.1:49152\nexpect server ESTABLISHED\n`,
    clean: `${HAND_SYN}attacker -> server ACK seq=101 ack=y+5 from 10.0.0.1:49152\nserver -> client RST seq=y+5\nexpect server SYN_RCVD\n`,
  },
  {
    id: 'TCP-FASTRETX-TRIGGER',
    header: SCRIPTED_CLIENT,
    trigger: `${DATA_WITH_HOLE}+0ms server -> client ACK seq=y+1 len=1000\n`,
    clean: `${DATA_WITH_HOLE}client -> server ACK seq=101 ack=y+1\n+0ms server -> client ACK seq=y+1 len=1000\n`,
  },
  {
    id: 'TCP-FINWAIT1-FIN',
    header: STACKS,
    trigger: `${ESTABLISHED}client close\nserver close\nclient -> server FIN,ACK seq=x+1 ack=y+1\nserver -> client FIN,ACK seq=y+1 ack=x+1\nexpect client FIN_WAIT_2\n`,
    clean: `${ESTABLISHED}client close\nserver close\nclient -> server FIN,ACK seq=x+1 ack=y+1\nserver -> client FIN,ACK seq=y+1 ack=x+1\nexpect client CLOSING\nclient -> server ACK seq=x+2 ack=y+2\nserver -> client ACK seq=y+2 ack=x+2\n`,
  },
  {
    id: 'TCP-TIMEWAIT-FIN-RETRANS',
    header: STACKS,
    trigger: `${TIME_WAIT.replace('server close\n', 'drop next client -> server\nserver close\n')}server -> client FIN,ACK seq=y+1 ack=x+2\nclient -> server RST\n`,
    clean: `${TIME_WAIT.replace('server close\n', 'drop next client -> server\nserver close\n')}server -> client FIN,ACK seq=y+1 ack=x+2\nclient -> server ACK seq=x+2 ack=y+2\nexpect client TIME_WAIT\n`,
  },
  {
    id: 'TCP-HALFCLOSE-DATA',
    header: STACKS,
    trigger: `${ESTABLISHED}client shutdown write\nclient -> server FIN,ACK seq=x+1 ack=y+1\nserver -> client ACK seq=y+1 ack=x+2\nserver send "late"\nserver -> client PSH,ACK seq=y+1 data "late"\nclient -> server RST\n`,
    clean: `${ESTABLISHED}client shutdown write\nclient -> server FIN,ACK seq=x+1 ack=y+1\nserver -> client ACK seq=y+1 ack=x+2\nserver send "late"\nserver -> client PSH,ACK seq=y+1 data "late"\nclient -> server ACK seq=x+2 ack=y+5\nexpect client recv "late"\n`,
  },
  {
    id: 'TCP-OOO-IMMEDIATE-DUPACK',
    header: SCRIPTED_CLIENT,
    trigger: `${HAND_SYN}client -> server ACK seq=101 ack=y+1\ndrop next client -> server\nclient -> server ACK seq=101 ack=y+1 len=100\nclient -> server PSH,ACK seq=201 ack=y+1 len=100\nserver -> client ACK ack=301\n`,
    clean: `${HAND_SYN}client -> server ACK seq=101 ack=y+1\ndrop next client -> server\nclient -> server ACK seq=101 ack=y+1 len=100\nclient -> server PSH,ACK seq=201 ack=y+1 len=100\nserver -> client ACK ack=101\n`,
  },
  {
    id: 'TCP-CLOSE-UNREAD-RST',
    header: STACKS,
    trigger: `${ESTABLISHED}client send "GET /"\nclient -> server PSH,ACK seq=x+1 ack=y+1 data "GET /"\nserver -> client ACK seq=y+1 ack=x+6\nserver close\nserver -> client FIN,ACK seq=y+1 ack=x+6\n`,
    clean: `${ESTABLISHED}client send "GET /"\nclient -> server PSH,ACK seq=x+1 ack=y+1 data "GET /"\nserver -> client ACK seq=y+1 ack=x+6\nserver close\nserver -> client RST,ACK seq=y+1 ack=x+6\nexpect client CLOSED\n`,
  },
  {
    id: 'TCP-TIMEWAIT-BYPASS',
    header: `${STACKS}set client tcp_max_tw_buckets 0\n`,
    trigger: TIME_WAIT,
    clean: TIME_WAIT.replace('expect client TIME_WAIT\n', 'expect client CLOSED\n'),
  },
  {
    id: 'TCP-HANDSHAKE-RETRIES',
    header: `${STACKS}ignore client -> server SYN\n`,
    trigger: `${SYN_SENT}wait 200s\nexpect client SYN_SENT\n`,
    clean: `${SYN_SENT}wait 200s\nexpect client CLOSED\nexpect client error ETIMEDOUT\n`,
    message: /131/,
  },
  {
    id: 'TCP-RETRIES-EXHAUSTED',
    header: `${STACKS}ignore client -> server PSH,ACK\n`,
    trigger: `${ESTABLISHED}drop client -> server PSH,ACK\nclient send 10\nwait 2000s\nexpect client ESTABLISHED\n`,
    clean: `${ESTABLISHED}drop client -> server PSH,ACK\nclient send 10\nwait 2000s\nexpect client CLOSED\nexpect client error ETIMEDOUT\n`,
  },
  {
    id: 'TCP-FINWAIT2-TIMEOUT',
    header: STACKS,
    trigger: `${ESTABLISHED}client close\nclient -> server FIN,ACK seq=x+1 ack=y+1\nserver -> client ACK seq=y+1 ack=x+2\nwait 61s\nexpect client FIN_WAIT_2\n`,
    clean: `${ESTABLISHED}client close\nclient -> server FIN,ACK seq=x+1 ack=y+1\nserver -> client ACK seq=y+1 ack=x+2\nwait 61s\nexpect client CLOSED\n`,
  },
];
