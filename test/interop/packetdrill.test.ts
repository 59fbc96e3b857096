// packetdrill scripts, written here in packetdrill's syntax: converted to `.tcpflow`, the
// scripts parse, the handshake ones run on the engine with no error, and lines outside the
// subset become UNSUPPORTED diagnostics on their .pkt line ranges.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkPacketdrill } from '../../src/import/index';
import { parse } from '../../src/language/parser';
import { runScript } from '../../src/runner/index';
import { repoRoot } from '../support/paths';

const fixture = (name: string): string => readFileSync(path.join(repoRoot, 'test', 'interop', 'packetdrill', name), 'utf8');

function errors(script: string): string[] {
  return runScript(script).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.range.start.line + 1}: ${d.id} ${d.message}`);
}

describe('packetdrill .pkt → .tcpflow', () => {
  it('passive open + data + close (tcp_basic_server shape): the server is a stack, the client raw, and it runs clean', () => {
    const { script, diagnostics } = checkPacketdrill(fixture('passive-open.pkt'), 'passive-open');
    assert.deepEqual(diagnostics, []);
    assert.match(script, /^endpoint server 192\.168\.0\.1:8080 stack$/m);
    assert.match(script, /^endpoint client 192\.0\.2\.1:40000 raw$/m);
    assert.match(script, /^set \* tolerance 10000us$/m, '--tolerance_usecs carries over');
    assert.match(script, /^server listen backlog 1 {2}# \.pkt 9$/m);
    assert.match(script, /^\+0ms client -> server SYN seq=x win=65535 <mss 1460, sackOK, nop, nop, nop, wscale 7> {2}# \.pkt 11$/m);
    assert.match(script, /^\+0ms server -> client SYN,ACK seq=y ack=x\+1 {2}# \.pkt 12$/m, '<...> leaves the options unchecked');
    assert.match(script, /^\+10ms client -> server ACK seq=x\+1 ack=y\+1 win=514/m);
    assert.match(script, /^server -> client ACK seq=y\+1 ack=x\+101 {2}# \.pkt 19$/m, '`*` asserts no time');
    assert.match(script, /^server recv 100/m);
    assert.match(script, /^server close/m);
    assert.deepEqual(parse(script).errors, []);
    assert.deepEqual(errors(script), []);
    const run = runScript(script);
    assert.equal(run.endpoints.find((e) => e.name === 'server')?.state, 'CLOSED');
  });

  it('active open + write (tcp_basic_client shape): the client is a stack and it runs clean', () => {
    const { script, diagnostics } = checkPacketdrill(fixture('active-open.pkt'), 'active-open');
    assert.deepEqual(diagnostics, []);
    assert.match(script, /^endpoint client 192\.168\.0\.1:40000 stack$/m);
    assert.match(script, /^endpoint server 192\.0\.2\.1:8080 raw$/m);
    assert.match(script, /^client connect server/m);
    assert.match(script, /^\+0ms client -> server SYN seq=x <mss 1460, sackOK, ts, nop, wscale 10>/m, 'outbound TS val is not checked, as in packetdrill');
    assert.match(script, /^\+10ms server -> client SYN,ACK seq=y ack=x\+1 win=65535/m);
    assert.match(script, /^client send 1000/m);
    assert.match(script, /^\+0ms client -> server PSH,ACK seq=x\+1 ack=y\+1 len=1000/m);
    assert.deepEqual(parse(script).errors, []);
    assert.deepEqual(errors(script), []);
  });

  it('unsupported lines: comments in the script, UNSUPPORTED warnings on their .pkt line ranges', () => {
    const { script, diagnostics } = checkPacketdrill(fixture('unsupported.pkt'), 'unsupported');
    assert.deepEqual(
      diagnostics.map((d) => [d.id, d.severity, d.range.start.line + 1, d.range.end.line + 1]),
      [
        ['UNSUPPORTED', 'warning', 3, 3],
        ['UNSUPPORTED', 'warning', 6, 6],
        ['UNSUPPORTED', 'warning', 7, 7],
        ['UNSUPPORTED', 'warning', 8, 10],
        ['UNSUPPORTED', 'warning', 11, 11],
        ['UNSUPPORTED', 'warning', 12, 12],
      ],
    );
    assert.match(diagnostics[0]!.message, /packetdrill setsockopt\(SO_RCVBUF\) is not supported yet/);
    assert.match(diagnostics[0]!.messageZh, /暂不支持 packetdrill setsockopt\(SO_RCVBUF\)/);
    assert.match(diagnostics[1]!.message, /TCP option 'FO'/);
    assert.match(diagnostics[3]!.message, /python code/);
    assert.match(script, /^# UNSUPPORTED \(\.pkt 6\): < S 0:0\(0\) win 65535 <mss 1460,FO abcd1234,nop,nop>$/m);
    assert.match(script, /^server listen backlog 1/m);
    assert.deepEqual(parse(script).errors, []);
  });

  it('times: absolute, relative, ranges, blocking calls; socket options and shutdown', () => {
    const { script, diagnostics } = checkPacketdrill(
      [
        '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
        '+0 setsockopt(3, SOL_TCP, TCP_NODELAY, [1], 4) = 0',
        '+0 setsockopt(3, SOL_SOCKET, SO_LINGER, {onoff=1, linger=0}, 8) = 0',
        '+0...0.1 connect(3, ..., ...) = 0',
        '0 > S 0:0(0) <...>',
        '0.1 < S. 0:0(0) ack 1 win 1000',
        '+0~+0.04 > . 1:1(0) ack 1',
        '+.2 shutdown(3, SHUT_WR) = 0',
        '+0 > F. 1:1(0) ack 1',
      ].join('\n'),
    );
    assert.deepEqual(diagnostics, []);
    assert.match(script, /^set client nodelay 1/m);
    assert.match(script, /^set client linger 0/m);
    assert.match(script, /^client connect server {2}# \.pkt 4 \(blocking call; returns at 0\.1 in packetdrill\)$/m);
    assert.match(script, /^\+100ms server -> client SYN,ACK seq=y ack=x\+1 win=1000/m, 'absolute 0.1 after 0 is +100ms');
    assert.match(script, /^client -> server ACK seq=x\+1 ack=y\+1 {2}# \.pkt 7 \(packetdrill time range 0~\+0\.04\)$/m);
    assert.match(script, /^wait 200ms\nclient shutdown write/m);
    assert.match(script, /^\+0ms client -> server FIN,ACK seq=x\+1 ack=y\+1/m);
    assert.deepEqual(parse(script).errors, []);
  });

  it('tcpflow import x.pkt prints the script and the diagnostics (file:line:col)', () => {
    const cli = path.join(repoRoot, 'out', 'src', 'cli', 'cli.js');
    const file = path.join(repoRoot, 'test', 'interop', 'packetdrill', 'unsupported.pkt');
    const r = spawnSync(process.execPath, [cli, 'import', file], { encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^flow "unsupported"$/m);
    assert.match(r.stderr, /unsupported\.pkt:3:1: warning UNSUPPORTED: packetdrill setsockopt\(SO_RCVBUF\) is not supported yet/);
  });
});
