// The runner's time and matching semantics (language.md §Time, §Scripted endpoints), each on a
// small script: what a user sees as diagnostics and trace.
import * as assert from 'node:assert/strict';
import { runScript } from '../../src/runner/index';
import type { RunResult } from '../../src/runner/trace';
import { problems } from '../support/problems';

const HEADER = `seed 1
endpoint client 10.0.0.1:49152
endpoint server 10.0.0.2:80
link client server delay 10ms
`;

function run(body: string, header = HEADER): RunResult {
  return runScript(header + body);
}

const HANDSHAKE = `server listen
client connect server
client -> server SYN seq=x
server -> client SYN,ACK seq=y ack=x+1
client -> server ACK seq=x+1 ack=y+1
`;

describe('runner: stack expectations', () => {
  it('binds x and y to the ISNs the stacks chose and checks x+1 against them', () => {
    const r = run(HANDSHAKE);
    assert.deepEqual(problems(r), []);
    const [syn, synAck] = r.packets;
    assert.equal(r.symbols['x'], syn!.seq);
    assert.equal(r.symbols['y'], synAck!.seq);
  });

  it('a wrong ack on a stack line is one error on exactly the ack= token, with a quick fix', () => {
    const source = HEADER + HANDSHAKE.replace('ack=x+1\n', 'ack=x+2\n');
    const r = runScript(source);
    assert.deepEqual(problems(r), ['TCP-SYN-CONSUMES-SEQ@8']);
    const d = r.diagnostics[0]!;
    const line = source.split('\n')[7]!;
    assert.equal(line.slice(d.range.start.character, d.range.end.character), 'ack=x+2');
    assert.equal(d.fix?.replace, 'ack=x+1');
    assert.match(d.message, /x\+1/);
    assert.match(d.messageZh, /[\u4e00-\u9fff]/);
    assert.equal(d.rfc, 'RFC 9293 §3.4');
  });

  it('the clock stands at the arrival after a packet line (10 ms link)', () => {
    const r = run(HANDSHAKE + 'expect server ESTABLISHED\n');
    assert.deepEqual(problems(r), []);
    assert.ok(Math.abs(r.durationVirtual - 0.03) < 1e-9, `clock at ${r.durationVirtual}`);
  });

  it('a stack packet no line expects is an error at the end of the flow', () => {
    const r = run(`server listen
client connect server
client -> server SYN seq=x
`);
    assert.deepEqual(problems(r), ['EXPECT-UNEXPECTED@7']);
    assert.match(r.diagnostics[0]!.message, /SYN,ACK/);
  });

  it('ignore lets matching stack packets go unlisted', () => {
    const r = run(`ignore server -> * SYN,ACK
server listen
client connect server
client -> server SYN seq=x
`);
    assert.deepEqual(problems(r), []);
  });

  it('a line whose packet never comes says what the endpoint is doing instead', () => {
    const r = run(`server listen
server -> client SYN,ACK
`);
    assert.deepEqual(problems(r), ['EXPECT-NO-PACKET@6']);
    assert.match(r.diagnostics[0]!.message, /LISTEN/);
  });

  it('a wrong flag is reported on the flags with what the stack sent', () => {
    const r = run(HANDSHAKE + `client send 5
client -> server PSH,ACK seq=x+1 ack=y+1 len=5
server -> client PSH,ACK
`);
    assert.deepEqual(problems(r), ['EXPECT-PACKET@12']);
    assert.match(r.diagnostics[0]!.message, /ACK seq=y\+1 ack=x\+6/);
  });

  it('a wrong flag where a TCP rule decided the reply names the rule (SYN to a closed port → RST,ACK)', () => {
    const r = run(`client connect server
client -> server SYN seq=x
server -> client SYN,ACK
`);
    assert.deepEqual(problems(r), ['TCP-RST-GENERATION@7']);
    const d = r.diagnostics[0]!;
    assert.match(d.message, /<SEQ=0><ACK=x\+1><CTL=RST,ACK>/);
    assert.match(d.message, /script shows SYN,ACK/);
    assert.equal(d.fix?.replace, 'RST,ACK');
    assert.equal(d.rfc, 'RFC 9293 §3.5.2');
  });

  it('timing: @t is checked within the tolerance', () => {
    const r = run(`drop client -> server SYN
client connect server
@0 client -> server SYN seq=x
@2 client -> server SYN seq=x
`);
    assert.deepEqual(problems(r), ['EXPECT-TIMING@8']);
    assert.match(r.diagnostics[0]!.message, /1\.000/);
  });
});

describe('runner: socket calls and expectations', () => {
  it('send in LISTEN is a CALL-STATE error with the errno', () => {
    const r = run(`server listen
server send 10
`);
    assert.deepEqual(problems(r), ['CALL-STATE@6']);
    assert.match(r.diagnostics[0]!.message, /E[A-Z]+/);
  });

  it('expect recv checks the bytes delivered to the application', () => {
    const exchange = `ignore server -> client ACK len=0
${HANDSHAKE}server accept
client send "hello"
client -> server PSH,ACK seq=x+1 ack=y+1 data "hello"
`;
    assert.deepEqual(problems(run(exchange + 'expect server recv "hello"\n')), []);
    assert.deepEqual(problems(run(exchange + 'expect server recv "bye"\n')), ['EXPECT-RECV@14']);
  });

  it('expect nothing fails when a packet leaves in the window', () => {
    const r = run(`drop client -> server SYN
client connect server
client -> server SYN seq=x
expect nothing for 2s
`);
    assert.deepEqual(problems(r), ['EXPECT-NOTHING@8']);
  });

  it('an unknown endpoint name is NAME-UNKNOWN on the name', () => {
    const r = run('expect cleint ESTABLISHED\n');
    assert.deepEqual(problems(r), ['NAME-UNKNOWN@5']);
    assert.match(r.diagnostics[0]!.message, /client/);
  });

  it('set validates keys and values', () => {
    const r = run(`set client tcp_syn_retry 3
set client tcp_syn_retries 500
set client tcp_syn_retries 3
`);
    assert.deepEqual(problems(r), ['SETTING-UNKNOWN@5', 'SETTING-RANGE@6']);
  });
});

describe('runner: scripted endpoints (shadow models)', () => {
  const SCRIPTED = `profile rfc9293
endpoint client 10.0.0.1:49152 scripted
endpoint server 10.0.0.2:80 scripted
`;

  it('omitted fields are filled with what a correct stack would send', () => {
    const r = runScript(`${SCRIPTED}client -> server SYN seq=100
server -> client SYN,ACK seq=300
client -> server ACK
expect client ESTABLISHED
expect server ESTABLISHED
`);
    assert.deepEqual(problems(r), []);
    assert.equal(r.packets[1]!.ack, 101);
    assert.equal(r.packets[2]!.seq, 101);
    assert.equal(r.packets[2]!.ack, 301);
  });

  it('one mistake gives one diagnostic: the model goes on as if it were corrected', () => {
    const r = runScript(`${SCRIPTED}client -> server SYN seq=100
server -> client SYN,ACK seq=300 ack=102
client -> server ACK seq=101 ack=301
client -> server PSH,ACK seq=101 ack=301 data "hi"
expect server ESTABLISHED
`);
    assert.deepEqual(problems(r), ['TCP-SYN-CONSUMES-SEQ@5']);
    assert.equal(r.diagnostics[0]!.fix?.replace, 'ack=101');
  });

  it('data on a seq that skips the SYN is TCP-SYN-CONSUMES-SEQ', () => {
    const r = runScript(`${SCRIPTED}client -> server SYN seq=100
server -> client SYN,ACK seq=300 ack=101
client -> server ACK seq=101 ack=301
client -> server PSH,ACK seq=102 ack=301 data "hi"
`);
    assert.deepEqual(problems(r), ['TCP-SYN-CONSUMES-SEQ@7']);
  });

  it('expecting TIME_WAIT on the passive closer is TCP-TIMEWAIT-PASSIVE-CLOSER', () => {
    const r = runScript(`${SCRIPTED}client -> server SYN seq=1000
server -> client SYN,ACK seq=5000 ack=1001
client -> server ACK seq=1001 ack=5001
client -> server FIN,ACK seq=1001 ack=5001
server -> client FIN,ACK seq=5001 ack=1002
client -> server ACK seq=1002 ack=5002
expect server TIME_WAIT
`);
    assert.deepEqual(problems(r), ['TCP-TIMEWAIT-PASSIVE-CLOSER@10']);
  });

  it('raw endpoints inject unchecked; the stack reacts (RST to an ACK at a listener)', () => {
    const r = runScript(`seed 2
endpoint server 10.0.0.2:80
endpoint attacker 198.51.100.7:6000 raw
server listen
attacker -> server ACK seq=1 ack=777
server -> attacker RST seq=777
`);
    assert.deepEqual(problems(r), []);
  });
});

describe('runner: network events', () => {
  const DATA = `ignore * -> * ACK len=0
ignore * -> * ACK
${HANDSHAKE}server accept
set client nodelay 1
client send "one"
client -> server PSH,ACK data "one"
`;

  it('reorder next 2 holds a packet until two more have passed', () => {
    const r = run(`${HANDSHAKE}server accept
set client nodelay 1
ignore * -> * ACK len=0
reorder next 2 client -> server
client send "a"
wait 1ms
client send "b"
wait 1ms
client send "c"
wait 100ms
expect server recv "abc"
`);
    const data = r.packets.filter((p) => p.src === 'client' && p.len > 0);
    assert.equal(data.length, 3, JSON.stringify(data.map((p) => p.label)));
    assert.ok(data[0]!.arrival >= data[2]!.arrival, 'the first one arrives last');
    assert.ok(!problems(r).some((p) => p.startsWith('EXPECT-RECV')), problems(r).join());
  });

  it('duplicate next delivers a second copy; the receiver answers the duplicate with an ACK', () => {
    const r = run(`${DATA.replace('client send "one"', 'duplicate next client -> server\nclient send "one"')}expect server recv "one"
`);
    const copies = r.packets.filter((p) => p.src === 'client' && p.len === 3);
    assert.equal(copies.length, 2);
    assert.deepEqual(problems(r).filter((p) => !p.startsWith('EXPECT-UNEXPECTED')), []);
  });
});

describe('runner: determinism and limits', () => {
  it('the same script and seed give the same run; another seed other ISNs', () => {
    const a = run(HANDSHAKE);
    const b = run(HANDSHAKE);
    const c = runScript(HEADER.replace('seed 1', 'seed 2') + HANDSHAKE);
    assert.deepEqual(a, b);
    assert.notEqual(a.packets[0]!.seq, c.packets[0]!.seq);
  });

  it('a repeat over the limit is a LIMIT diagnostic, not a hang', () => {
    const r = runScript(`${HEADER}endpoint attacker 198.51.100.7:6000 raw
server listen
repeat 100000000 attacker -> server SYN from 198.51.100.*:*
`);
    assert.ok(problems(r).includes('LIMIT@7'), problems(r).join());
  });
});

describe('runner: script size', () => {
  it('a script over tcpflow.limits.maxScriptBytes is one LIMIT on line 1 and is not run', () => {
    const big = `endpoint client 10.0.0.1:49152\n${'wait 1ms\n'.repeat(1000)}`;
    const r = runScript(big, { limits: { maxScriptBytes: 1000 } });
    assert.deepEqual(r.diagnostics.map((d) => `${d.id}@${d.range.start.line + 1}`), ['LIMIT@1']);
    assert.match(r.diagnostics[0]!.message, /maxScriptBytes/);
    assert.equal(r.packets.length, 0);
  });
});
