// The command line as CI systems use it (cli.md): output formats and exit codes.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../support/paths';

const cli = path.join(repoRoot, 'out', 'src', 'cli', 'cli.js');
const example = (name: string): string => path.join(repoRoot, 'examples', name);

function tcpflow(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const WRONG_ACK = `flow "mistake"
seed 1
endpoint client 10.0.0.1:49152
endpoint server 10.0.0.2:80
server listen
client connect server
client -> server SYN seq=x
server -> client SYN,ACK seq=y ack=x+2
client -> server ACK seq=x+1 ack=y+1
`;

describe('tcpflow CLI', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'tcpflow-cli-'));
  });

  it('check: a correct script prints nothing and exits 0', () => {
    const r = tcpflow('check', example('01-three-way-handshake.tcpflow'));
    assert.equal(r.stdout, '');
    assert.equal(r.code, 0);
  });

  it('check: a wrong ack prints file:line:col: error ID: message [RFC] and exits 1', () => {
    const file = path.join(dir, 'mistake.tcpflow');
    writeFileSync(file, WRONG_ACK);
    const r = tcpflow('check', file);
    assert.equal(r.code, 1);
    assert.match(r.stdout, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:8:32: error TCP-SYN-CONSUMES-SEQ: .*x\\+1.* \\[RFC 9293 §3\\.4\\]$`, 'm'));
  });

  it('check --lang zh-cn prints the Chinese message', () => {
    const file = path.join(dir, 'mistake-zh.tcpflow');
    writeFileSync(file, WRONG_ACK);
    const r = tcpflow('check', '--lang', 'zh-cn', file);
    assert.match(r.stdout, /[\u4e00-\u9fff]/);
  });

  it('run --json prints the trace in the shape cli.md fixes', () => {
    const r = tcpflow('run', example('04-four-way-close.tcpflow'), '--json');
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout) as {
      file: string;
      diagnostics: unknown[];
      packets: { time: number; src: string; dst: string; flags: string[]; seq: number; ack: number; len: number; win: number; options: string[]; line: number; dropped: boolean; tls: unknown[] }[];
      states: { time: number; endpoint: string; from: string; to: string; line: number }[];
      endpoints: Record<string, { state: string }>;
      durationVirtual: number;
    };
    assert.deepEqual(j.diagnostics, []);
    assert.deepEqual(j.packets[0]!.flags, ['SYN']);
    assert.equal(j.packets[0]!.line, 14);
    assert.equal(j.packets[1]!.ack, (j.packets[0]!.seq + 1) >>> 0);
    assert.deepEqual(j.packets.map((p) => p.flags.join(',')), ['SYN', 'SYN,ACK', 'ACK', 'FIN,ACK', 'ACK', 'FIN,ACK', 'ACK']);
    assert.deepEqual(j.endpoints, { client: { state: 'CLOSED', address: '10.0.0.1:49152', kind: 'stack' }, server: { state: 'CLOSED', address: '10.0.0.2:80', kind: 'stack' } });
    const client = j.states.filter((s) => s.endpoint === 'client').map((s) => s.to);
    assert.deepEqual(client, ['SYN_SENT', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'TIME_WAIT', 'CLOSED']);
    assert.ok(Math.abs(j.durationVirtual - 60.07) < 0.001, `duration ${j.durationVirtual}`);
  });

  it('run prints a ladder with one arrow per packet, labelled like the script', () => {
    const r = tcpflow('run', example('01-three-way-handshake.tcpflow'));
    assert.equal(r.code, 0);
    assert.match(r.stdout, /SYN seq=x /);
    assert.match(r.stdout, /SYN,ACK seq=y ack=x\+1/);
    assert.match(r.stdout, /\[ESTABLISHED\]/);
  });

  it('run draws an ICMP error as a ~~~ arrow with its kind; run --json adds an icmp object to that packet only', () => {
    const r = tcpflow('run', example('55-icmp-unreachable.tcpflow'));
    assert.equal(r.code, 0, r.stderr);
    const row = r.stdout.split('\n').find((l) => l.includes('ICMP unreachable host seq=z+5000'))!;
    assert.match(row, /<~+ ICMP unreachable host seq=z\+5000 ~+/);
    const j = JSON.parse(tcpflow('run', example('55-icmp-unreachable.tcpflow'), '--json').stdout) as { packets: { flags: string[]; icmp?: { type: number; code: number; kind: string; quoted: { seq: number } } }[] };
    const icmp = j.packets.filter((p) => p.icmp);
    assert.deepEqual(icmp.map((p) => [p.icmp!.type, p.icmp!.code, p.icmp!.kind]), [[3, 3, 'port'], [3, 1, 'host'], [3, 1, 'host']]);
    assert.equal(icmp[0]!.icmp!.quoted.seq, (j.packets[0] as unknown as { seq: number }).seq);
    assert.ok(j.packets.filter((p) => !p.icmp).every((p) => !('icmp' in p)), 'TCP packets are unchanged');
  });

  it('run shows each TLS handshake state change under its endpoint, in the order it happened', () => {
    const r = tcpflow('run', example('11-tls13.tcpflow'));
    assert.equal(r.code, 0);
    const rows = r.stdout.split('\n');
    const header = rows.find((l) => l.startsWith('time(s)'))!;
    const column = (name: string): number => header.indexOf(name) - (header.indexOf(name) % 30) + 10 + 2;
    const tlsRows = rows.filter((l) => l.includes('[TLS '));
    assert.deepEqual(tlsRows.map((l) => l.trim().split(/\s+/).slice(1).join(' ')), [
      '[TLS WAIT_SERVER_HELLO]', '[TLS WAIT_FINISHED]', '[TLS WAIT_ENCRYPTED_EXTENSIONS]', '[TLS WAIT_CERTIFICATE]',
      '[TLS WAIT_CERTIFICATE_VERIFY]', '[TLS WAIT_FINISHED]', '[TLS ESTABLISHED]', '[TLS ESTABLISHED]',
    ]);
    const server = tlsRows[tlsRows.length - 1]!;
    assert.equal(server.indexOf('['), column('server'), 'the server\'s ESTABLISHED under the server');
    assert.equal(tlsRows[0]!.indexOf('['), column('client'));
    const at = (text: string): number => rows.findIndex((l) => l.includes(text));
    assert.ok(at('[TLS WAIT_SERVER_HELLO]') < at('TLS ClientHello'), 'the handshake starts, then the ClientHello goes');
    assert.ok(rows.lastIndexOf(server) > at('TLS Finished'), 'the server is ESTABLISHED after the client\'s Finished');
    assert.match(r.stdout, /\[ESTABLISHED\]/);
  });

  it('export --pcap writes a pcapng whose first block is a Section Header Block', () => {
    const out = path.join(dir, 'handshake.pcapng');
    const r = tcpflow('export', example('01-three-way-handshake.tcpflow'), '--pcap', out);
    assert.equal(r.code, 0, r.stderr);
    const bytes = readFileSync(out);
    assert.equal(bytes.readUInt32LE(0), 0x0a0d0d0a);
    assert.equal(bytes.readUInt32LE(8), 0x1a2b3c4d);
  });

  it('misuse exits 2 with one line on stderr', () => {
    for (const args of [['frobnicate'], ['check'], ['run', '--bogus', 'x'], ['check', path.join(dir, 'missing.tcpflow')]]) {
      const r = tcpflow(...args);
      assert.equal(r.code, 2, `${args.join(' ')} → ${r.code}`);
      assert.equal(r.stderr.trim().split('\n').length, 1);
      assert.match(r.stderr, /^tcpflow: /);
    }
  });
});
