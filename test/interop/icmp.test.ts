// ICMP Destination Unreachable through the real tools: Wireshark decodes what tcpflow exports
// (type 3, the code, a good checksum, the quoted IPv4 + TCP segment), and a kernel capture with
// ICMP errors (test/fixtures/kernel) imports into ICMP lines that run clean.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { toPcap } from '../../src/export/pcap';
import { toPcapng } from '../../src/export/pcapng';
import { importCapture } from '../../src/import/index';
import { runScript } from '../../src/runner/index';
import { repoRoot } from '../support/paths';
import { skipWithout, tempDir, tshark, tsharkVerbose } from './tools';

const SCRIPT = `flow "icmp"
seed 3
endpoint client 10.0.0.1:49152
endpoint server 10.0.0.2:80
endpoint router 10.0.0.254:0 raw
link client server delay 10ms
server listen
client connect server
client -> server SYN seq=x
server -> client SYN,ACK seq=y ack=x+1
client -> server ACK
unreachable client -> server port
client send "hello"
client -> server PSH,ACK seq=x+1 data "hello"
server -> client ICMP unreachable port seq=x+1
router -> client ICMP unreachable frag-needed mtu 1400
`;

const FIELDS = ['ip.src', 'icmp.type', 'icmp.code', 'icmp.checksum.status', 'icmp.mtu', 'tcp.seq', 'tcp.srcport', 'tcp.dstport', '_ws.malformed'];

describe('ICMP → tshark and back', function () {
  let dir = '';
  before(function () {
    skipWithout(this, { tshark: 'tshark' });
    dir = tempDir('icmp');
  });

  it('exports ICMP Destination Unreachable that Wireshark decodes, quoted TCP segment included (pcapng and pcap)', () => {
    const result = runScript(SCRIPT);
    assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.id), []);
    const data = result.packets.find((p) => p.len === 5)!;
    for (const [name, bytes] of [['icmp.pcapng', toPcapng(result)], ['icmp.pcap', toPcap(result)]] as const) {
      const file = path.join(dir, name);
      writeFileSync(file, bytes);
      const rows = tshark(file, FIELDS).filter((r) => r['icmp.type'] !== '');
      assert.equal(rows.length, 2, name);
      const [port, frag] = rows as [Record<string, string>, Record<string, string>];
      assert.deepEqual([port['ip.src'], port['icmp.type'], port['icmp.code'], port['_ws.malformed']], ['10.0.0.2', '3', '3', ''], name);
      assert.equal(port['icmp.checksum.status'], '1', `${name}: ICMP checksum good`);
      // tshark fills tcp.seq (absolute: relative numbers off), not tcp.seq_raw, for a quoted header
      assert.deepEqual([Number(port['tcp.seq']), port['tcp.srcport'], port['tcp.dstport']], [data.seq, '49152', '80'], `${name}: the quoted segment`);
      assert.deepEqual([frag['ip.src'], frag['icmp.code'], frag['icmp.mtu']], ['10.0.0.254', '4', '1400'], name);
    }
    const text = tsharkVerbose(path.join(dir, 'icmp.pcapng'));
    assert.match(text, /Type: 3 \(Destination unreachable\)\s+Code: 3 \(Port unreachable\)/);
    assert.match(text, /Code: 4 \(Fragmentation needed\)/);
  });

  it("imports the kernel's ICMP capture into ICMP lines that run without a diagnostic", () => {
    const bytes = readFileSync(path.join(repoRoot, 'test', 'fixtures', 'kernel', 'icmp-established.pcap'));
    const { script } = importCapture(new Uint8Array(bytes), 'icmp-established.pcap');
    const icmp = script.split('\n').filter((l) => l.includes('ICMP'));
    assert.equal(icmp.length, 4);
    for (const l of icmp) assert.match(l, /^\+\d+us server -> client ICMP unreachable port seq=x\+1$/);
    const r = runScript(script);
    assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.id} ${d.message}`), []);
    assert.equal(r.packets.filter((p) => p.icmp?.code === 3).length, 4);
  });

  it('an ICMP from a router imports with from IP, and re-exports the same bytes Wireshark reads', () => {
    const result = runScript(SCRIPT);
    const { script } = importCapture(toPcap(result), 'icmp.pcap');
    assert.match(script, /client ICMP unreachable frag-needed mtu 1400 seq=x\+1 from 10\.0\.0\.254$/m);
    const again = runScript(script);
    assert.deepEqual(again.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.id} ${d.message}`), []);
  });

  it('exports ICMPv6 Destination Unreachable that Wireshark decodes (type 1, good checksum over the pseudo-header), and imports it back', () => {
    const v6 = SCRIPT.replace('10.0.0.1:49152', '[2001:db8::1]:49152').replace('10.0.0.2:80', '[2001:db8::2]:80').replace('10.0.0.254:0', '[2001:db8::fe]:0')
      .replace('router -> client ICMP unreachable frag-needed mtu 1400', 'router -> client ICMP unreachable admin-prohibited');
    const result = runScript(v6);
    assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.id), []);
    const data = result.packets.find((p) => p.len === 5)!;
    const file = path.join(dir, 'icmp6.pcapng');
    writeFileSync(file, toPcapng(result));
    const rows = tshark(file, ['ipv6.src', 'icmpv6.type', 'icmpv6.code', 'icmpv6.checksum.status', 'tcp.seq', 'tcp.srcport', '_ws.malformed']).filter((r) => r['icmpv6.type'] !== '');
    assert.deepEqual(rows.map((r) => [r['ipv6.src'], r['icmpv6.type'], r['icmpv6.code'], r['icmpv6.checksum.status'], r['_ws.malformed']]), [
      ['2001:db8::2', '1', '4', '1', ''],
      ['2001:db8::fe', '1', '1', '1', ''],
    ]);
    assert.deepEqual([Number(rows[0]!['tcp.seq']), rows[0]!['tcp.srcport']], [data.seq, '49152'], 'the quoted segment');
    assert.match(tsharkVerbose(file), /Type: Destination Unreachable \(1\)\s+Code: 4 \(Port unreachable\)/);
    const { script } = importCapture(toPcap(result), 'icmp6.pcap');
    assert.match(script, /server -> client ICMP unreachable port seq=x\+1$/m);
    assert.match(script, /client ICMP unreachable admin-prohibited seq=x\+1 from \[2001:db8::fe\]$/m);
    const again = runScript(script);
    assert.deepEqual(again.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.id} ${d.message}`), []);
  });
});
