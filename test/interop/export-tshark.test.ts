// Export, validated by Wireshark's own dissectors: every runnable contract example exported as
// pcapng (and classic pcap) is read by Debian's tshark packet for packet, with nothing
// malformed, every checksum good, and flags/seq/ack/len exactly as the engine's trace has them.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { toPcap } from '../../src/export/pcap';
import { toKeylog } from '../../src/export/keylog';
import { toPcapng } from '../../src/export/pcapng';
import { runScript } from '../../src/runner/index';
import type { RunResult } from '../../src/runner/trace';
import { contractExamples, repoRoot } from '../support/paths';
import { flagBits, skipWithout, tempDir, tshark, tsharkVerbose } from './tools';

const RUNNABLE = [
  '01-three-way-handshake',
  '02-handshake-by-hand',
  '03-syn-retries',
  '04-four-way-close',
  '05-rst-closed-port',
  '06-simultaneous-open',
  '07-half-close',
  '08-syn-flood-cookies',
  '09-close-by-hand',
];

const FIELDS = [
  'frame.number',
  'frame.interface_id',
  'tcp.flags',
  'tcp.seq_raw',
  'tcp.ack_raw',
  'tcp.len',
  'tcp.checksum.status',
  'ip.checksum.status',
  '_ws.malformed',
];

function run(name: string): RunResult {
  return runScript(readFileSync(path.join(contractExamples, `${name}.tcpflow`), 'utf8'), { fileName: name });
}

/** tshark's checksum status: 0 bad, 1 good, 2 unverified. */
const GOOD = '1';

function assertSameAsTrace(file: string, result: RunResult, v6 = false): void {
  const rows = tshark(file, v6 ? FIELDS.filter((f) => f !== 'ip.checksum.status') : FIELDS);
  assert.equal(rows.length, result.packets.length, 'tshark reads every packet');
  rows.forEach((row, i) => {
    const p = result.packets[i]!;
    const where = `packet ${i + 1} (${p.label}, line ${p.line})`;
    assert.equal(row['_ws.malformed'], '', `${where} is not malformed`);
    assert.equal(row['tcp.checksum.status'], GOOD, `${where}: TCP checksum good`);
    if (!v6) assert.equal(row['ip.checksum.status'], GOOD, `${where}: IP checksum good`);
    assert.equal(Number(row['tcp.flags']), flagBits(p.flags), `${where}: flags`);
    assert.equal(Number(row['tcp.seq_raw']), p.seq, `${where}: seq`);
    if (p.flags.includes('ACK')) assert.equal(Number(row['tcp.ack_raw']), p.ack, `${where}: ack`);
    assert.equal(Number(row['tcp.len']), p.len, `${where}: len`);
  });
}

describe('export → tshark (Wireshark reads what tcpflow writes)', function () {
  let dir = '';
  before(function () {
    skipWithout(this, { tshark: 'tshark' });
    dir = tempDir('export');
  });

  for (const name of RUNNABLE) {
    it(`${name}: pcapng read packet for packet, checksums good, fields equal the trace`, () => {
      const result = run(name);
      assert.ok(result.packets.length > 0);
      const file = path.join(dir, `${name}.pcapng`);
      writeFileSync(file, toPcapng(result));
      assertSameAsTrace(file, result);
    });
  }

  it('classic pcap (--format pcap) reads the same', () => {
    const result = run('04-four-way-close');
    const file = path.join(dir, 'close.pcap');
    writeFileSync(file, toPcap(result));
    assertSameAsTrace(file, result);
  });

  it('one interface per link, each packet commented with its script line, drops flagged', () => {
    const flood = run('08-syn-flood-cookies');
    const file = path.join(dir, 'flood.pcapng');
    writeFileSync(file, toPcapng(flood));
    const rows = tshark(file, ['frame.interface_id', 'frame.interface_name']);
    assert.deepEqual([...new Set(rows.map((r) => r['frame.interface_name']))].sort(), ['attacker <-> server', 'client <-> server']);
    const retries = run('03-syn-retries');
    const file3 = path.join(dir, 'retries.pcapng');
    writeFileSync(file3, toPcapng(retries));
    const text = tsharkVerbose(file3);
    assert.match(text, /line 17: SYN seq=x \(dropped in the simulated network\)/);
    assert.match(text, /TC_ACT_SHOT/, 'the dropped verdict is shown');
    assert.match(text, /Arrival Time: Nov 14, 2023 22:13:20\.000000000 UTC/, 'virtual time 0 is a fixed instant');
  });

  it('IPv6 endpoints: tshark reads IPv6 + TCP with good checksums', () => {
    const result = runScript(`flow "v6"
seed 2
endpoint client [fd00::1]:49152
endpoint server [fd00::2]:80
server listen
client connect server
client -> server SYN seq=x
server -> client SYN,ACK seq=y ack=x+1
client -> server ACK seq=x+1 ack=y+1
`);
    assert.equal(result.diagnostics.filter((d) => d.severity === 'error').length, 0);
    const file = path.join(dir, 'v6.pcapng');
    writeFileSync(file, toPcapng(result));
    assertSameAsTrace(file, result, true);
    assert.deepEqual(tshark(file, ['ipv6.src']).map((r) => r['ipv6.src']), ['fd00::1', 'fd00::2', 'fd00::1']);
  });

  it('a payload the trace keeps only the start of still has its full length on the wire', () => {
    const result = run('01-three-way-handshake');
    const last = result.packets[2]!;
    const big = { ...last, len: 6000, payloadHex: '41'.repeat(4096) };
    const file = path.join(dir, 'big.pcapng');
    writeFileSync(file, toPcapng({ ...result, packets: [...result.packets.slice(0, 2), big] }));
    assert.equal(tshark(file, ['tcp.len']).at(-1)?.['tcp.len'], '6000');
  });

  it('TLS secrets: the key log file and a Decryption Secrets Block identical to what editcap injects', function () {
    skipWithout(this, { editcap: 'wireshark-common' });
    const result = run('01-three-way-handshake');
    const line = `CLIENT_RANDOM ${'ab'.repeat(32)} ${'cd'.repeat(48)}`;
    const withSecrets = { ...result, keylog: [line] };
    assert.equal(toKeylog(withSecrets), `${line}\n`);
    assert.equal(toKeylog(result), '', 'no TLS, no secrets');
    const keys = path.join(dir, 'tls.keys');
    writeFileSync(keys, toKeylog(withSecrets));
    const plain = path.join(dir, 'plain.pcapng');
    writeFileSync(plain, toPcapng(result));
    const injected = path.join(dir, 'injected.pcapng');
    const e = spawnSync('editcap', ['--inject-secrets', `tls,${keys}`, plain, injected], { encoding: 'utf8' });
    assert.equal(e.status, 0, e.stderr);
    const ours = Buffer.from(toPcapng(withSecrets));
    const dsb = (b: Buffer): Buffer => {
      const at = b.indexOf('KSLT') - 8; // secrets type 0x544c534b, little-endian, after type + length
      return b.subarray(at, at + b.readUInt32LE(at + 4));
    };
    assert.ok(dsb(ours).length > 12);
    assert.deepEqual(dsb(ours), dsb(readFileSync(injected)));
    const file = path.join(dir, 'secrets.pcapng');
    writeFileSync(file, ours);
    assertSameAsTrace(file, result);
  });

  it('the CLI writes pcapng, classic pcap for a .pcap name, and an (empty) keylog', () => {
    const cli = path.join(repoRoot, 'out', 'src', 'cli', 'cli.js');
    const example = path.join(contractExamples, '01-three-way-handshake.tcpflow');
    const out = path.join(dir, 'cli.pcapng');
    const keys = path.join(dir, 'cli.keys');
    const r = spawnSync(process.execPath, [cli, 'export', example, '--pcap', out, '--keylog', keys], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /wrote 3 packets/);
    assert.equal(readFileSync(out).readUInt32LE(0), 0x0a0d0d0a);
    assert.equal(statSync(keys).size, 0);
    const classic = path.join(dir, 'cli.pcap');
    assert.equal(spawnSync(process.execPath, [cli, 'export', example, '--pcap', classic], { encoding: 'utf8' }).status, 0);
    assert.equal(readFileSync(classic).readUInt32LE(0), 0xa1b2c3d4);
    assert.equal(tshark(classic, ['frame.number']).length, 3);
    const bad = spawnSync(process.execPath, [cli, 'export', example, '--pcap', out, '--format', 'erf'], { encoding: 'utf8' });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--format must be pcap or pcapng/);
  });
});
