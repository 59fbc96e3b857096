// ICMP in scripts (tcp-rules.md T036): the `unreachable` event, ICMP lines from a router or a
// spoofing attacker, expectations about what the stack did, and what a user sees when a line
// is wrong (ICMP-UNREACHABLE explaining a failed expectation, ICMP-NOT-MODELLED). ICMPv6: icmp6.test.ts.
import * as assert from 'node:assert/strict';
import { runScript } from '../../src/runner/index';
import type { RunResult } from '../../src/runner/trace';
import { problems } from '../support/problems';

const HEADER = `seed 1
endpoint client 10.0.0.1:49152
endpoint server 10.0.0.2:80
endpoint router 10.0.0.254:0 raw
link client server delay 10ms
`;

function run(body: string, profile = 'linux'): RunResult {
  return runScript(`profile ${profile}\n${HEADER}${body}`);
}

describe('runner: ICMP Destination Unreachable', () => {
  it('unreachable A -> B KIND: the SYN is dropped and answered from B; Linux aborts connect() with the errno', () => {
    const r = run(`unreachable client -> server host
client connect server
client -> server SYN seq=x
server -> client ICMP unreachable host seq=x
expect client CLOSED
expect client error EHOSTUNREACH
`);
    assert.deepEqual(problems(r), []);
    const icmp = r.packets[1]!;
    assert.equal(r.packets[0]!.dropped, true);
    assert.deepEqual([icmp.src, icmp.dst, icmp.time, icmp.label], ['server', 'client', 0.01, 'ICMP unreachable host seq=x']);
    assert.equal(icmp.icmp?.code, 1);
    assert.equal(icmp.icmp?.quoted.seq, r.packets[0]!.seq);
    assert.deepEqual(icmp.flags, []);
  });

  it('on rfc9293 a host unreachable is soft: the SYN is retried; heal lets the next one through', () => {
    const r = run(`unreachable client -> server host
server listen
client connect server
client -> server SYN seq=x
server -> client ICMP unreachable host
expect client SYN_SENT
heal client -> server
client -> server SYN seq=x
server -> client SYN,ACK seq=y ack=x+1
client -> server ACK
expect client ESTABLISHED
expect client error none
`, 'rfc9293');
    assert.deepEqual(problems(r), []);
  });

  it('explains a wrong expectation with the rule: expecting SYN_SENT after an ICMP that Linux aborts on', () => {
    const r = run(`unreachable client -> server admin-prohibited
client connect server
client -> server SYN
server -> client ICMP unreachable admin-prohibited
expect client SYN_SENT
`);
    assert.deepEqual(problems(r), ['ICMP-UNREACHABLE@11']);
    const d = r.diagnostics.find((x) => x.id === 'ICMP-UNREACHABLE')!;
    assert.match(d.message, /admin-prohibited unreachable \(type 3 code 13\) in SYN_SENT on the linux profile: the stack aborts the connection: the socket reports EHOSTUNREACH/);
    assert.match(d.messageZh, /中止连接/);
    assert.equal(d.rfc, 'RFC 9293 §3.9.2.2');
  });

  it('a router injects an ICMP; a blind one with an out-of-window seq= is ignored by Linux (RFC 5927)', () => {
    const r = run(`drop client -> server
client connect server
client -> server SYN seq=x
router -> client ICMP unreachable port seq=x+1000
expect client SYN_SENT
router -> client ICMP unreachable port
expect client CLOSED
expect client error ECONNREFUSED
`);
    assert.deepEqual(problems(r), []);
    assert.equal(r.packets[1]!.srcAddr, '10.0.0.254:0');
    assert.equal(r.packets[1]!.src, 'router');
    assert.equal(r.packets[1]!.icmp?.quoted.seq, (r.packets[0]!.seq + 1000) >>> 0);
  });

  it('from IP lets any endpoint spoof the ICMP source', () => {
    const r = run(`drop client -> server
client connect server
client -> server SYN
server -> client ICMP unreachable net from 192.0.2.1
expect client error ENETUNREACH
`);
    assert.deepEqual(problems(r), []);
    assert.equal(r.packets[1]!.srcAddr, '192.0.2.1:0');
  });

  it('Linux in ESTABLISHED: retransmits, reports no error, then times out with the soft error', () => {
    const r = run(`set client user_timeout 2s
ignore * -> *
server listen
client connect server
wait 100ms
unreachable client -> server port
client send 10
wait 1s
expect client ESTABLISHED
expect client error none
wait 2s
expect client CLOSED
expect client error ECONNREFUSED
`);
    assert.deepEqual(problems(r), []);
    assert.ok(r.packets.filter((p) => p.icmp).length >= 3, 'every retransmission draws an ICMP');
  });

  it('a time prefix on an expected ICMP is checked (it leaves one link delay after the SYN)', () => {
    const r = run(`unreachable client -> server port
client connect server
client -> server SYN
+10ms server -> client ICMP unreachable port
`);
    assert.deepEqual(problems(r), []);
    const late = run(`unreachable client -> server port
client connect server
client -> server SYN
+50ms server -> client ICMP unreachable port
`);
    assert.deepEqual(problems(late), ['EXPECT-TIMING@10']);
  });

  it('a wrong kind on an expected ICMP is EXPECT-PACKET on the kind, with a fix', () => {
    const r = run(`unreachable client -> server port
client connect server
client -> server SYN
server -> client ICMP unreachable host
`);
    const d = r.diagnostics.find((x) => x.id === 'EXPECT-PACKET')!;
    assert.equal(d.range.start.line + 1, 10);
    assert.deepEqual(d.fix?.replace, 'port');
  });

  it('an expected ICMP that never comes is EXPECT-NO-PACKET; an unlisted one is EXPECT-UNEXPECTED', () => {
    const missing = run(`drop client -> server
client connect server
client -> server SYN
server -> client ICMP unreachable host
`);
    assert.equal(problems(missing)[0], 'EXPECT-NO-PACKET@10'); // then the SYN retransmissions it waited through
    const unlisted = run(`unreachable client -> server port
client connect server
client -> server SYN
wait 50ms
expect client CLOSED
`);
    assert.deepEqual(problems(unlisted), ['EXPECT-UNEXPECTED@11']);
  });

  it('ICMP with nothing to quote is ICMP-NOT-MODELLED on the line, never a crash', () => {
    const r = run(`router -> client ICMP unreachable host
`);
    assert.deepEqual(problems(r), ['ICMP-NOT-MODELLED@7']);
    assert.deepEqual(r.diagnostics.find((d) => d.id === 'ICMP-NOT-MODELLED')!.range.start.character, 'router -> client '.length);
  });

  it('an unknown endpoint on an ICMP line or event is NAME-UNKNOWN', () => {
    assert.deepEqual(problems(run('nobody -> client ICMP unreachable port\nunreachable client -> nowhere host\n')), ['NAME-UNKNOWN@7', 'NAME-UNKNOWN@8']);
  });
});
