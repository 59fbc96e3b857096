// EMIT and TIME rules (tcp-rules.md §1.3) for what a `scripted` endpoint sends: a trigger that a
// correct stack could not have sent, and the same conversation as a correct stack sends it.
import type { RuleCase } from './rule-case';

const SCRIPTED_CLIENT = `seed 5
endpoint client 10.0.0.1:49152 scripted
endpoint server 10.0.0.2:80
link client server delay 10ms
`;

const HANDSHAKE = (synOptions: string): string => `server listen
client -> server SYN seq=100 ${synOptions}
server -> client SYN,ACK seq=y ack=101
client -> server ACK seq=101 ack=y+1
server accept
`;

const PLAIN = HANDSHAKE('<mss 1460>');

/** The server's data with its first segment lost: the client holds three segments out of order. */
const DATA_WITH_HOLE = `${HANDSHAKE('<mss 1000, sackOK>')}drop next server -> client
server send 4000
server -> client ACK seq=y+1 len=1000
server -> client ACK seq=y+1001 len=1000
server -> client ACK seq=y+2001 len=1000
server -> client PSH,ACK seq=y+3001 len=1000
`;

/** The client fills the server's 2 KiB window and waits until the zero window has reached it. */
const FILL_WINDOW = `${PLAIN}client -> server ACK seq=101 ack=y+1 len=1000
client -> server ACK len=1000
client -> server ACK len=48
wait 20ms
`;

/** Every data segment from the client is lost, so it retransmits on its own schedule. */
const LOST_DATA = `${PLAIN}drop client -> server PSH,ACK
client -> server PSH,ACK seq=101 ack=y+1 data "a"
`;

export const EMIT_CASES: readonly RuleCase[] = [
  {
    id: 'TCP-ISN-PREDICTABLE',
    header: SCRIPTED_CLIENT,
    trigger: `server listen\nclient -> server SYN seq=0 <mss 1460>\nserver -> client SYN,ACK seq=y ack=1\n`,
    clean: `server listen\nclient -> server SYN seq=x <mss 1460>\nserver -> client SYN,ACK seq=y ack=x+1\n`,
    message: /ISN 0 /,
  },
  {
    id: 'TCP-OPT-SYN-ONLY',
    header: SCRIPTED_CLIENT,
    trigger: `${PLAIN}client -> server ACK seq=101 ack=y+1 <mss 1460>\n`,
    clean: `${PLAIN}client -> server ACK seq=101 ack=y+1\n`,
    message: /MSS/,
  },
  {
    id: 'TCP-OPT-NOT-NEGOTIATED',
    header: SCRIPTED_CLIENT,
    trigger: `${PLAIN}client -> server ACK seq=101 ack=y+1 <nop, nop, ts val=5 ecr=0>\n`,
    clean: `${HANDSHAKE('<mss 1460, ts val=1 ecr=0>')}client -> server ACK seq=101 ack=y+1 <nop, nop, ts val=5 ecr=0>\n`,
    message: /timestamps/,
  },
  {
    id: 'TCP-SACK-BLOCK-INVALID',
    header: SCRIPTED_CLIENT,
    trigger: `${DATA_WITH_HOLE}client -> server ACK seq=101 ack=y+1 <nop, nop, sack y+4001:y+1001>\n`,
    clean: `${DATA_WITH_HOLE}client -> server ACK seq=101 ack=y+1 <nop, nop, sack y+1001:y+4001>\n`,
    message: /inverted/,
  },
  {
    id: 'TCP-MSS-EXCEEDED',
    header: SCRIPTED_CLIENT,
    trigger: `${PLAIN}client -> server PSH,ACK seq=101 ack=y+1 len=2000\n`,
    clean: `${PLAIN}client -> server PSH,ACK seq=101 ack=y+1 len=1000\nserver -> client ACK seq=y+1 ack=1101\n`,
    message: /2000.*1460/,
  },
  {
    id: 'TCP-WND-OVERRUN',
    header: `${SCRIPTED_CLIENT}ignore server -> client ACK\n`,
    trigger: `${PLAIN}drop server -> client ACK\nrepeat 50 client -> server ACK len=1400\n`,
    clean: `${PLAIN}drop server -> client ACK\nrepeat 40 client -> server ACK len=1400\n`,
  },
  {
    id: 'TCP-WND-SHRINK',
    header: SCRIPTED_CLIENT,
    // The handshake's ACK advertised 64240 (what the client's stack would).
    trigger: `${PLAIN}client -> server ACK seq=101 ack=y+1 win=100\n`,
    clean: `${PLAIN}client -> server ACK seq=101 ack=y+1 win=64240\n`,
  },
  {
    id: 'TCP-ACK-BEYOND-HOLE',
    header: SCRIPTED_CLIENT,
    trigger: `${DATA_WITH_HOLE}client -> server ACK seq=101 ack=y+4001\n`,
    clean: `${DATA_WITH_HOLE}client -> server ACK seq=101 ack=y+1 <nop, nop, sack y+1001:y+4001>\n`,
    message: /y\+1/,
  },
  {
    id: 'TCP-KEEPALIVE-MISUSE',
    header: SCRIPTED_CLIENT,
    // Enabled (SO_KEEPALIVE), but probing long before tcp_keepalive_time (7200 s) of silence.
    trigger: `set client keepalive 1\n${PLAIN}client -> server ACK seq=100 ack=y+1\nserver -> client ACK seq=y+1 ack=101\n`,
    clean: `set client keepalive 1\n${PLAIN}wait 7201s\nclient -> server ACK seq=100 ack=y+1\nserver -> client ACK seq=y+1 ack=101\n`,
    message: /tcp_keepalive_time 7200 s.*two hours/,
  },
  {
    id: 'TCP-DELACK-TOO-LONG',
    header: `${SCRIPTED_CLIENT}ignore server -> client PSH,ACK\n`,
    trigger: `${PLAIN}server send "hi"\nserver -> client PSH,ACK seq=y+1 data "hi"\n+600ms client -> server ACK seq=101 ack=y+3\n`,
    clean: `${PLAIN}server send "hi"\nserver -> client PSH,ACK seq=y+1 data "hi"\n+150ms client -> server ACK seq=101 ack=y+3\n`,
  },
  {
    id: 'TCP-ZWP',
    // A 2 KiB receive buffer that the server's application never reads: the window closes.
    header: `${SCRIPTED_CLIENT}ignore server -> client ACK\nset server tcp_rmem 2048 2048 2048\n`,
    trigger: `${FILL_WINDOW}client -> server ACK len=100\n`,
    clean: `${FILL_WINDOW}client -> server ACK len=1\n`,
    message: /100 bytes.*zero window/,
  },
  {
    id: 'TCP-RTO-BOUNDS',
    header: `${SCRIPTED_CLIENT}ignore server -> client SYN,ACK\n`,
    trigger: `server listen\ndrop next server -> client\nclient -> server SYN seq=100 <mss 1460>\nclient -> server SYN seq=100 <mss 1460>\n`,
    clean: `server listen\ndrop next server -> client\nclient -> server SYN seq=100 <mss 1460>\n+1s client -> server SYN seq=100 <mss 1460>\n`,
  },
  {
    id: 'TCP-RTO-BACKOFF',
    header: SCRIPTED_CLIENT,
    trigger: `${LOST_DATA}+1s client -> server PSH,ACK seq=101 ack=y+1 data "a"\n+1s client -> server PSH,ACK seq=101 ack=y+1 data "a"\n`,
    clean: `${LOST_DATA}+1s client -> server PSH,ACK seq=101 ack=y+1 data "a"\n+2s client -> server PSH,ACK seq=101 ack=y+1 data "a"\n`,
    message: /#2 after 1\.000s.*2\.000s/,
  },
  {
    id: 'TCP-RTO-EARLY',
    header: SCRIPTED_CLIENT,
    trigger: `${LOST_DATA}+50ms client -> server PSH,ACK seq=101 ack=y+1 data "a"\n`,
    clean: `${LOST_DATA}+300ms client -> server PSH,ACK seq=101 ack=y+1 data "a"\n`,
  },
];
