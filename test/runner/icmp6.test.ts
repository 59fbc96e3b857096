// ICMPv6 Destination Unreachable (RFC 4443 §3.1, type 1) between IPv6 endpoints: the same kinds as
// ICMPv4 mapped to their ICMPv6 codes, what Linux (tcp_v6_err, icmpv6_err_convert) and RFC 9293
// do with them, the diagnostics for kinds IPv6 has no code for and for mixed address families.
import * as assert from 'node:assert/strict';
import { runScript } from '../../src/runner/index';
import type { RunResult } from '../../src/runner/trace';
import { problems } from '../support/problems';

const HEADER = `seed 1
endpoint client [2001:db8::1]:49152
endpoint server [2001:db8::2]:80
endpoint router [2001:db8::fe]:0 raw
link client server delay 10ms
`;

function run(body: string, profile = 'linux'): RunResult {
  return runScript(`profile ${profile}\n${HEADER}${body}`);
}

const HANDSHAKE = `server listen
client connect server
client -> server SYN seq=x
server -> client SYN,ACK seq=y ack=x+1
client -> server ACK
`;

describe('runner: ICMPv6 Destination Unreachable', () => {
  it('unreachable A -> B port: the SYN is answered by ICMPv6 type 1 code 4 from B; Linux aborts connect() with ECONNREFUSED', () => {
    const r = run(`unreachable client -> server port
client connect server
client -> server SYN seq=x
server -> client ICMP unreachable port seq=x
expect client CLOSED
expect client error ECONNREFUSED
`);
    assert.deepEqual(problems(r), []);
    const icmp = r.packets[1]!;
    assert.deepEqual([icmp.icmp?.type, icmp.icmp?.code, icmp.icmp?.kind], [1, 4, 'port']);
    assert.deepEqual([icmp.srcAddr, icmp.dstAddr, icmp.label], ['[2001:db8::2]:0', '[2001:db8::1]:49152', 'ICMPv6 unreachable port seq=x']);
    assert.equal(icmp.icmp?.quoted.seq, r.packets[0]!.seq);
  });

  it('maps each kind to its ICMPv6 code and Linux errno: net 0 ENETUNREACH, admin-prohibited 1 EACCES, host 3 EHOSTUNREACH, code 9 EPROTO', () => {
    const cases: [string, number, string][] = [['net', 0, 'ENETUNREACH'], ['admin-prohibited', 1, 'EACCES'], ['host', 3, 'EHOSTUNREACH'], ['code 9', 9, 'EPROTO']];
    for (const [kind, code, errno] of cases) {
      const r = run(`drop client -> server
client connect server
client -> server SYN seq=x
router -> client ICMP unreachable ${kind}
expect client CLOSED
expect client error ${errno}
`);
      assert.deepEqual(problems(r), [], kind);
      assert.deepEqual([r.packets[1]!.icmp?.type, r.packets[1]!.icmp?.code], [1, code], kind);
    }
  });

  it('on rfc9293, ICMPv6 address unreachable (code 3) is soft — the SYN is retried — and port unreachable is hard', () => {
    const soft = run(`drop client -> server
client connect server
client -> server SYN seq=x
router -> client ICMP unreachable host
expect client SYN_SENT
`, 'rfc9293');
    assert.deepEqual(problems(soft), []);
    const hard = run(`drop client -> server
client connect server
client -> server SYN seq=x
router -> client ICMP unreachable port
expect client CLOSED
expect client error ECONNREFUSED
`, 'rfc9293');
    assert.deepEqual(problems(hard), []);
  });

  it('Linux in ESTABLISHED keeps an ICMPv6 port unreachable as a soft error: the connection stays, and the wrong expectation is explained with type 1', () => {
    const r = run(`${HANDSHAKE}drop client -> server
client send "hi"
client -> server PSH,ACK seq=x+1 data "hi"
router -> client ICMP unreachable port
expect client CLOSED
`);
    assert.deepEqual(problems(r), ['ICMP-UNREACHABLE@16']);
    const d = r.diagnostics.find((x) => x.id === 'ICMP-UNREACHABLE')!;
    assert.match(d.message, /port unreachable \(type 1 code 4\) in ESTABLISHED on the linux profile: the stack keeps the connection and retransmits; ECONNREFUSED is kept as a soft error/);
    assert.match(d.messageZh, /类型 1 代码 4/);
  });

  it('a listener drops a half-open child on a fatal ICMPv6 code (port), not on address unreachable — the reverse of IPv4 (tcp_req_err)', () => {
    const body = (kind: string): string => `server listen
client -> server SYN seq=x
server -> client SYN,ACK seq=y ack=x+1
router -> server ICMP unreachable ${kind} seq=y
expect server queue syn ${kind === 'port' ? 0 : 1}
`;
    const sock = `endpoint client [2001:db8::1]:49152 raw\n`;
    for (const kind of ['port', 'host']) {
      const r = runScript(`profile linux\nseed 1\n${sock}endpoint server [2001:db8::2]:80\nendpoint router [2001:db8::fe]:0 raw\n${body(kind)}`);
      assert.deepEqual(problems(r), [], kind);
    }
  });

  it('protocol, frag-needed and source-route-failed have no ICMPv6 code: ICMP-NO-ICMPV6-CODE on the kind, in both languages, and nothing is sent', () => {
    const r = run(`client connect server
client -> server SYN seq=x
router -> client ICMP unreachable protocol
unreachable client -> server frag-needed mtu 1400
router -> client ICMP unreachable source-route-failed
`);
    assert.deepEqual(problems(r).filter((p) => p.startsWith('ICMP')), ['ICMP-NO-ICMPV6-CODE@9', 'ICMP-NO-ICMPV6-CODE@10', 'ICMP-NO-ICMPV6-CODE@11']);
    const [proto, frag] = r.diagnostics.filter((d) => d.id === 'ICMP-NO-ICMPV6-CODE') as [typeof r.diagnostics[0], typeof r.diagnostics[0]];
    assert.equal(proto.range.start.character, 'router -> client ICMP unreachable '.length);
    assert.equal(proto.range.end.character, 'router -> client ICMP unreachable protocol'.length);
    assert.match(proto.message, /'protocol' has no ICMPv6 Destination Unreachable code: IPv6 reports an unrecognized Next Header with a Parameter Problem, code 1 \(RFC 4443 §3\.4\)/);
    assert.match(frag.message, /Packet Too Big/);
    assert.match(proto.messageZh, /参数问题/);
    assert.equal(r.packets.filter((p) => p.icmp).length, 0);
  });

  it('an ICMP source of the other family (an IPv4 router, or from 10.0.0.254) is ICMP-NOT-MODELLED on the source', () => {
    const r = runScript(`profile linux
seed 1
endpoint client [2001:db8::1]:49152
endpoint server [2001:db8::2]:80
endpoint router4 10.0.0.254:0 raw
drop client -> server
client connect server
client -> server SYN seq=x
router4 -> client ICMP unreachable host
server -> client ICMP unreachable host from 10.0.0.254
`);
    assert.deepEqual(problems(r).filter((p) => p.startsWith('ICMP')), ['ICMP-NOT-MODELLED@9', 'ICMP-NOT-MODELLED@10']);
    assert.match(r.diagnostics.find((d) => d.id === 'ICMP-NOT-MODELLED')!.message, /router4 is an IPv4 address but client is IPv6/);
    const ok = run(`drop client -> server
client connect server
client -> server SYN seq=x
server -> client ICMP unreachable host from [2001:db8::99]
expect client error EHOSTUNREACH
`);
    assert.deepEqual(problems(ok), []);
    assert.equal(ok.packets[1]!.srcAddr, '[2001:db8::99]:0');
  });

  it('a wrong kind on an expected ICMPv6 is EXPECT-PACKET naming the ICMPv6 kind', () => {
    const r = run(`unreachable client -> server admin-prohibited
client connect server
client -> server SYN
server -> client ICMP unreachable port
`);
    assert.deepEqual(problems(r), ['EXPECT-PACKET@10']);
    assert.match(r.diagnostics.find((d) => d.id === 'EXPECT-PACKET')!.message, /admin-prohibited/);
  });
});
