// RFC 6069 on the linux profile (Linux tcp_ld_RTO_revert, engine/tcp/rto-revert.ts): a connection
// in ESTABLISHED whose path is down retransmits; a router answers each retransmission with an
// ICMP net/host unreachable quoting SND.UNA, and each one undoes the backoff step the
// retransmission took, so Linux keeps retransmitting every RTO. rfc9293 backs off as usual.
import * as assert from 'node:assert/strict';
import { runScript } from '../../src/runner/index';
import type { RunResult } from '../../src/runner/trace';

/** ESTABLISHED, every packet to the server dropped from now on, 5 bytes sent (the first data line follows). */
function lostPath(profile: string, v6 = false): string {
  const [c, s, r] = v6 ? ['[2001:db8::1]:49152', '[2001:db8::2]:80', '[2001:db8::fe]:0'] : ['10.0.0.1:49152', '10.0.0.2:80', '10.0.0.254:0'];
  return `profile ${profile}
seed 1
endpoint client ${c}
endpoint server ${s}
endpoint router ${r} raw
link client server delay 10ms
server listen
client connect server
client -> server SYN seq=x
server -> client SYN,ACK seq=y ack=x+1
client -> server ACK
drop client -> server
client send "hello"
`;
}

const DATA = 'client -> server PSH,ACK seq=x+1 data "hello"\n';

function run(profile: string, v6: boolean, kind: string, icmp = true): RunResult {
  return runScript(lostPath(profile, v6) + `${DATA}${icmp ? `router -> client ICMP unreachable ${kind}\n` : ''}`.repeat(4));
}

/** Time between successive transmissions of the data segment, in ms. */
function gaps(r: RunResult): number[] {
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.id}@${d.range.start.line + 1} ${d.message}`), []);
  const sent = r.packets.filter((p) => p.len === 5).map((p) => p.time * 1000);
  assert.equal(sent.length, 4);
  return sent.slice(1).map((t, i) => Math.round(t - sent[i]!));
}

describe('runner: RFC 6069 RTO revert on ICMP unreachable (linux profile)', () => {
  it('linux: each host unreachable quoting SND.UNA undoes the backoff, so retransmissions keep the un-backed-off RTO', () => {
    const [first, ...rest] = gaps(run('linux', false, 'host'));
    assert.ok(first! >= 200 && first! < 400, `first RTO ${first} ms`);
    assert.deepEqual(rest, [first, first]);
  });

  it('linux without the ICMPs, and rfc9293 with them, back off exponentially', () => {
    for (const r of [run('linux', false, 'host', false), run('rfc9293', false, 'host')]) {
      const [a, b, c] = gaps(r) as [number, number, number];
      assert.deepEqual([b, c], [2 * a, 4 * a]);
    }
  });

  it('linux: port unreachable does not revert (only codes 0 and 1, tcp_v4_err)', () => {
    const [a, b, c] = gaps(run('linux', false, 'port')) as [number, number, number];
    assert.deepEqual([b, c], [2 * a, 4 * a]);
  });

  it('ICMPv6: no route (net, code 0) reverts; address unreachable (host, code 3) does not (tcp_v6_err: ICMPV6_NOROUTE only)', () => {
    const [a, ...net] = gaps(run('linux', true, 'net'));
    assert.deepEqual(net, [a, a]);
    const [b, c, d] = gaps(run('linux', true, 'host')) as [number, number, number];
    assert.deepEqual([c, d], [2 * b, 4 * b]);
  });

  it('an ICMP that arrives after the reverted RTO has run out retransmits at once', () => {
    const r = runScript(`${lostPath('linux')}${DATA}${DATA}+300ms router -> client ICMP unreachable net\n${DATA}`);
    assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.id), []);
    const icmp = r.packets.find((p) => p.icmp)!;
    const third = r.packets.filter((p) => p.len === 5)[2]!;
    assert.equal(third.time, icmp.arrival, 'retransmitted when the ICMP arrives');
  });

  it('a wrong expectation after a reverting ICMP says so (ICMP-UNREACHABLE, en and zh)', () => {
    const r = runScript(`${lostPath('linux')}${DATA}${DATA}router -> client ICMP unreachable host\nexpect client CLOSED\n`);
    const d = r.diagnostics.find((x) => x.id === 'ICMP-UNREACHABLE')!;
    assert.match(d.message, /one RTO backoff step is undone: RFC 6069/);
    assert.match(d.messageZh, /撤销一步 RTO 退避/);
  });
});

