// Rows of tcp-rules.md §7 that hinge on a setting: keep-alive (T078) and a full accept queue
// (T057). Driven through a script (`set` is how a user turns them on) and checked on the trace.
import * as assert from 'node:assert/strict';
import { runScript } from '../../../src/runner/index';
import type { RunResult, TracePacket } from '../../../src/runner/trace';
import { ACCEPT_QUEUE_FULL_ACK, ACCEPT_QUEUE_RACE } from '../../runner/rule-cases-react';
import type { TableRow } from './fixtures';

const HEADER = `seed 9
endpoint client 10.0.0.1:49152
endpoint server 10.0.0.2:80
link client server delay 10ms
ignore * -> * ACK len=0
`;

function from(r: RunResult, src: string, after = 0): TracePacket[] {
  return r.packets.filter((p) => p.src === src && p.time > after);
}

export const SETTING_ROWS: readonly TableRow[] = [
  {
    id: 'T078',
    title: 'keep-alive timer (keepalive 1, idle 60 s, 3 probes 10 s apart, none answered): <SEQ=SND.NXT-1><ACK=RCV.NXT><CTL=ACK> with no data, then RST and CLOSED',
    run: () => {
      const r = runScript(`${HEADER}set client keepalive 1
set client tcp_keepalive_time 60s
set client tcp_keepalive_intvl 10s
set client tcp_keepalive_probes 3
server listen
client connect server
client -> server SYN seq=x
server -> client SYN,ACK seq=y ack=x+1
client -> server ACK seq=x+1 ack=y+1
drop server -> client
wait 95s
client -> server RST,ACK
expect client CLOSED
expect client error ETIMEDOUT
`);
      const syn = r.packets.find((p) => p.src === 'client' && p.flags.includes('SYN'))!;
      const probes = from(r, 'client', 1).filter((p) => !p.flags.includes('RST'));
      assert.deepEqual(probes.map((p) => Math.round(p.time)), [60, 70, 80]);
      for (const p of probes) {
        assert.deepEqual([...p.flags].sort(), ['ACK']);
        assert.equal(p.seq, (syn.seq + 1 - 1) >>> 0, 'SND.NXT-1');
        assert.equal(p.len, 0);
      }
      const rst = from(r, 'client', 1).find((p) => p.flags.includes('RST'));
      assert.ok(rst && Math.round(rst.time) === 90, 'RST after the last probe goes unanswered');
      assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.id), []);
    },
  },
  {
    id: 'T057',
    title: '[linux] acceptable ACK with the accept queue full: dropped, the child stays SYN_RCVD and retransmits its SYN,ACK; tcp_abort_on_overflow 1: RST',
    run: () => {
      // client and client3 fill a queue of one (somaxconn 1) while client2's handshake is on its way.
      const script = (abort: number): string => `${ACCEPT_QUEUE_RACE}set server tcp_abort_on_overflow ${abort}\n${ACCEPT_QUEUE_FULL_ACK}wait 2s\n`;
      const toClient2 = (r: RunResult): TracePacket[] => r.packets.filter((p) => p.src === 'server' && p.dst === 'client2');
      const dropped = toClient2(runScript(script(0)));
      assert.ok(dropped.filter((p) => p.flags.includes('SYN')).length >= 2, 'the SYN,ACK is retransmitted: the child is still SYN_RCVD');
      assert.ok(!dropped.some((p) => p.flags.includes('RST')));
      const reset = toClient2(runScript(script(1)));
      assert.ok(reset.some((p) => p.flags.includes('RST')), 'the final ACK is answered with RST');
      assert.equal(reset.filter((p) => p.flags.includes('SYN')).length, 1, 'and the request is gone');
    },
  },
  {
    id: 'T152',
    title: 'USER TIMEOUT (user_timeout 5s, every data segment lost): CLOSED with ETIMEDOUT 5 s after the data first left, not after the 15 retries',
    run: () => {
      const r = runScript(`${HEADER}server listen
client connect server
client -> server SYN seq=x
server -> client SYN,ACK seq=y ack=x+1
client -> server ACK seq=x+1 ack=y+1
set client user_timeout 5s
drop client -> server PSH,ACK
ignore client -> server PSH,ACK
client send 10
wait 20s
expect client CLOSED
expect client error ETIMEDOUT
`);
      assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.id), []);
      const data = r.packets.find((p) => p.src === 'client' && p.len === 10)!;
      const closed = r.states.find((s) => s.endpoint === 'client' && s.to === 'CLOSED')!;
      assert.ok(Math.abs(closed.time - (data.time + 5)) < 0.002, `closed at ${closed.time}, data first sent at ${data.time}`);
    },
  },
];
