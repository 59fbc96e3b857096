// Keep-alive in scripts: a stack endpoint with `set NAME keepalive 1` probes on its own
// (tcp_keepalive_time / _intvl / _probes), and a scripted endpoint's probe is judged against its
// own settings (TCP-KEEPALIVE-MISUSE, tcp-rules.md rule 28).
import * as assert from 'node:assert/strict';
import { runScript } from '../../src/runner/index';
import { problems } from '../support/problems';

const STACKS = `seed 1
endpoint client 10.0.0.1:49152
endpoint server 10.0.0.2:80
link client server delay 10ms
`;

const SCRIPTED_CLIENT = `seed 5
endpoint client 10.0.0.1:49152 scripted
endpoint server 10.0.0.2:80
link client server delay 10ms
`;

const HANDSHAKE = `server listen
client connect server
client -> server SYN seq=x
server -> client SYN,ACK seq=y ack=x+1
client -> server ACK seq=x+1 ack=y+1
`;

const SCRIPTED_HANDSHAKE = `server listen
client -> server SYN seq=100 <mss 1460>
server -> client SYN,ACK seq=y ack=101 <mss 1460>
client -> server ACK seq=101 ack=y+1
`;

describe('keep-alive in scripts', () => {
  it('a stack probes after tcp_keepalive_time, an answer keeps it ESTABLISHED, 3 lost probes end it with RST and ETIMEDOUT', () => {
    const r = runScript(`${STACKS}set client keepalive 1
set client tcp_keepalive_time 60s
set client tcp_keepalive_intvl 10s
set client tcp_keepalive_probes 3
${HANDSHAKE}@60.02s client -> server ACK seq=x ack=y+1
server -> client ACK seq=y+1 ack=x+1
expect client ESTABLISHED
drop server -> client ACK
ignore server -> client ACK
@120.04s client -> server ACK seq=x ack=y+1
@130.04s client -> server ACK seq=x ack=y+1
@140.04s client -> server ACK seq=x ack=y+1
@150.04s client -> server RST,ACK seq=x+1 ack=y+1
expect client CLOSED
expect client error ETIMEDOUT
`);
    assert.deepEqual(problems(r), []);
    const probes = r.packets.filter((p) => p.src === 'client' && p.seq === r.symbols['x'] && [...p.flags].join() === 'ACK');
    assert.equal(probes.length, 4);
    assert.ok(probes.every((p) => p.len === 0), 'Linux keep-alive probes carry no data');
    const timers = r.timers.filter((t) => t.endpoint === 'client' && t.kind === 'keepalive' && t.fired);
    assert.deepEqual(timers.slice(0, 2).map((t) => [t.start, t.end]), [[0.02, 60.02], [60.02, 70.02]]);
  });

  it('without `keepalive 1` a stack never probes, even after tcp_keepalive_time', () => {
    const r = runScript(`${STACKS}set client tcp_keepalive_time 60s\n${HANDSHAKE}wait 600s\nexpect client ESTABLISHED\n`);
    assert.deepEqual(problems(r), []);
    assert.equal(r.packets.length, 3);
  });

  it('turning keepalive on mid-flow arms the timer for tcp_keepalive_time from that line (tcp_set_keepalive)', () => {
    const r = runScript(`${STACKS}set client tcp_keepalive_time 60s\n${HANDSHAKE}wait 100s\nset client keepalive 1\n@160.03s client -> server ACK seq=x ack=y+1\nserver -> client ACK seq=y+1 ack=x+1\n`);
    assert.deepEqual(problems(r), []);
  });

  it('a shorter tcp_keepalive_time on an idle connection probes at once when it has already passed (as TCP_KEEPIDLE)', () => {
    const r = runScript(`${STACKS}${HANDSHAKE}wait 100s\nset client keepalive 1\nset client tcp_keepalive_time 60s\n@100.03s client -> server ACK seq=x ack=y+1\nserver -> client ACK seq=y+1 ack=x+1\n`);
    assert.deepEqual(problems(r), []);
  });

  it('a scripted probe with keepalive off is TCP-KEEPALIVE-MISUSE case (a), whatever the idle time', () => {
    const r = runScript(`${SCRIPTED_CLIENT}${SCRIPTED_HANDSHAKE}wait 7201s\nclient -> server ACK seq=100 ack=y+1\nserver -> client ACK seq=y+1 ack=101\n`);
    assert.deepEqual(problems(r), ['TCP-KEEPALIVE-MISUSE@10']);
    const d = r.diagnostics.find((x) => x.id === 'TCP-KEEPALIVE-MISUSE')!;
    assert.match(d.message, /not enabled/);
    assert.match(d.messageZh, /没有启用保活/);
  });

  it('a scripted probe is judged against its own tcp_keepalive_time', () => {
    const early = runScript(`${SCRIPTED_CLIENT}set client keepalive 1\nset client tcp_keepalive_time 60s\n${SCRIPTED_HANDSHAKE}wait 30s\nclient -> server ACK seq=100 ack=y+1\nserver -> client ACK seq=y+1 ack=101\n`);
    assert.deepEqual(problems(early), ['TCP-KEEPALIVE-MISUSE@12']);
    assert.match(early.diagnostics.find((x) => x.id === 'TCP-KEEPALIVE-MISUSE')!.message, /tcp_keepalive_time 60 s/);
    const onTime = runScript(`${SCRIPTED_CLIENT}set client keepalive 1\nset client tcp_keepalive_time 60s\n${SCRIPTED_HANDSHAKE}wait 61s\nclient -> server ACK seq=100 ack=y+1\nserver -> client ACK seq=y+1 ack=101\n`);
    assert.deepEqual(problems(onTime), []);
  });
});
