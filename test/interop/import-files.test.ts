// Import without tcpdump: captures made by hand in every supported link type, several
// connections, a capture that starts mid-connection, and broken files. A broken file is one
// clear line with the byte offset, never a stack trace.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { LIMITS } from '../../src/import/capture-reader';
import { CaptureError, importCapture } from '../../src/import/index';
import { parse } from '../../src/language/parser';
import { runScript } from '../../src/runner/index';
import { toPcapng } from '../../src/export/pcapng';
import { contractExamples, repoRoot } from '../support/paths';
import { pcapFile, withLink } from './capture-files';
import { tempDir } from './tools';

const cli = path.join(repoRoot, 'out', 'src', 'cli', 'cli.js');
const close = runScript(readFileSync(path.join(contractExamples, '04-four-way-close.tcpflow'), 'utf8'));
const flood = runScript(readFileSync(path.join(contractExamples, '08-syn-flood-cookies.tcpflow'), 'utf8'));

function packetLines(script: string): string[] {
  return script.split('\n').filter((l) => l.startsWith('+'));
}

function importError(bytes: Uint8Array): CaptureError {
  try {
    importCapture(bytes, 'broken.pcap');
  } catch (e) {
    if (e instanceof CaptureError) return e;
    throw e;
  }
  assert.fail('expected a CaptureError');
}

describe('import: captures made by hand', () => {
  it('the four-way close in every link type gives the same script: symbolic ISNs, relative times', () => {
    const scripts = [0, 1, 101, 113, 228, 276].map((lt) => importCapture(pcapFile(lt, close.packets.map((p) => withLink(lt, p))), `close-${lt}.pcap`).script);
    const lines = packetLines(scripts[0]!);
    for (const s of scripts) assert.deepEqual(packetLines(s), lines);
    assert.equal(lines.length, close.packets.length);
    assert.match(lines[0]!, /^\+0ms client -> server SYN seq=x win=\d+ <mss 1460>$/);
    assert.match(lines[1]!, /^\+10ms server -> client SYN,ACK seq=y ack=x\+1 /);
    assert.match(lines[3]!, /client -> server FIN,ACK seq=x\+1 ack=y\+1/);
    assert.match(scripts[0]!, /endpoint client 10\.0\.0\.1:49152 scripted\nendpoint server 10\.0\.0\.2:80 scripted/);
    assert.match(scripts[0]!, /^flow "close-0"$/m);
    assert.match(scripts[0]!, /^profile linux$/m);
  });

  it('pcapng (as tcpflow and Wireshark write it) imports like pcap', () => {
    const fromPcap = importCapture(pcapFile(101, close.packets.map((p) => withLink(101, p))), 'close.pcap').script;
    const fromPcapng = importCapture(toPcapng(close), 'close.pcapng').script;
    assert.deepEqual(packetLines(fromPcapng), packetLines(fromPcap));
  });

  it('the imported script parses and runs with no error', () => {
    const { script } = importCapture(pcapFile(101, close.packets.map((p) => withLink(101, p))), 'close.pcap');
    assert.deepEqual(parse(script).errors, []);
    const run = runScript(script);
    assert.deepEqual(run.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.range.start.line + 1}: ${d.message}`), []);
    assert.equal(run.packets.length, close.packets.length);
  });

  it('nanosecond pcap and payloads: printable data as data "…"', () => {
    const half = runScript(readFileSync(path.join(contractExamples, '07-half-close.tcpflow'), 'utf8'));
    const { script } = importCapture(pcapFile(101, half.packets.map((p) => withLink(101, p)), true), 'half.pcap');
    assert.match(script, /server -> client PSH,ACK seq=y\+1 ack=x\+2 win=\d+ data "still talking"/);
  });

  it('several connections: the first by default, --connection N picks another, the CLI lists them', () => {
    const bytes = pcapFile(101, flood.packets.map((p) => withLink(101, p)));
    const first = importCapture(bytes, 'flood.pcap');
    assert.equal(first.connections.length, 6);
    assert.match(first.connections[0]!, /^1: 198\.51\.100\.\d+:\d+ <-> 10\.0\.0\.2:80, 2 packets, starts with SYN$/);
    const sixth = importCapture(bytes, 'flood.pcap', 6);
    assert.match(sixth.script, /endpoint client 10\.0\.0\.1:49152 scripted/);
    const dir = tempDir('import');
    const file = path.join(dir, 'flood.pcap');
    writeFileSync(file, bytes);
    const r = spawnSync(process.execPath, [cli, 'import', file, '--connection', '6', '-o', path.join(dir, 'out.tcpflow')], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(readFileSync(path.join(dir, 'out.tcpflow'), 'utf8'), /endpoint client 10\.0\.0\.1:49152/);
    const listed = spawnSync(process.execPath, [cli, 'import', file], { encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
    assert.equal(listed.status, 0);
    assert.match(listed.stderr, /the capture holds 6 TCP connections; imported 1 \(choose with --connection N\)/);
    assert.match(listed.stdout, /^flow "flood"$/m);
    const tooFar = spawnSync(process.execPath, [cli, 'import', file, '--connection', '9'], { encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
    assert.equal(tooFar.status, 2);
    assert.match(tooFar.stderr, /--connection 9: the capture holds 6 TCP connection/);
  });

  it('a capture that starts mid-connection: raw endpoints, absolute numbers, and a comment saying why', () => {
    const { script } = importCapture(pcapFile(101, close.packets.slice(3).map((p) => withLink(101, p))), 'late.pcap');
    assert.match(script, /starts mid-connection/);
    assert.match(script, /endpoint client 10\.0\.0\.1:49152 raw/);
    assert.match(script, /client -> server FIN,ACK seq=\d+ ack=\d+/);
    assert.deepEqual(runScript(script).diagnostics.filter((d) => d.id === 'PARSE-ERROR'), []);
  });

  it('a truncated packet record names its offset', () => {
    const good = pcapFile(101, close.packets.map((p) => withLink(101, p)));
    const cut = good.subarray(0, good.length - 10);
    const e = importError(cut);
    const lastRecord = good.length - (16 + withLink(101, close.packets.at(-1)!).length);
    assert.equal(e.message, `truncated packet record at offset ${lastRecord}`);
    assert.equal(e.offset, lastRecord);
    assert.match(e.messageZh, new RegExp(`偏移 ${lastRecord}`));
  });

  it('corrupt and huge inputs: bad magic, absurd record length, truncated pcapng block, empty file, no TCP', () => {
    assert.match(importError(Buffer.from('hello, this is not a capture')).message, /not a pcap or pcapng file \(magic 0x6c6c6568 at offset 0\)/);
    const huge = Buffer.from(pcapFile(101, [withLink(101, close.packets[0]!)]));
    huge.writeUInt32LE(0x7fffffff, 24 + 8);
    assert.match(importError(huge).message, /record at offset 24 claims 2147483647 bytes \(more than 262144\)/);
    const ng = Buffer.alloc(28);
    ng.writeUInt32LE(0x0a0d0d0a, 0);
    ng.writeUInt32LE(28, 4);
    ng.writeUInt32LE(0x1a2b3c4d, 8);
    ng.writeUInt32LE(28, 24);
    const truncatedNg = Buffer.concat([ng, Buffer.from([6, 0, 0, 0, 64, 0, 0, 0, 0, 0])]);
    assert.equal(importError(truncatedNg).message, 'truncated pcapng block header at offset 28');
    assert.equal(importError(new Uint8Array(0)).message, 'truncated capture header at offset 0');
    assert.match(importError(pcapFile(101, [])).message, /no TCP packets/);
  });

  it('a capture with too many packets stops with advice instead of exhausting memory', () => {
    const saved = LIMITS.maxFrames;
    LIMITS.maxFrames = 5;
    try {
      const e = importError(pcapFile(101, close.packets.map((p) => withLink(101, p))));
      assert.match(e.message, /^capture too large: more than 5 packets \(stopped at offset \d+\); cut it first, e\.g\. editcap -r IN OUT 1-1000$/);
    } finally {
      LIMITS.maxFrames = saved;
    }
  });

  it('the CLI prints one line with the offset and exits 2, no stack trace (English and Chinese)', () => {
    const dir = tempDir('import-bad');
    const file = path.join(dir, 'cut.pcap');
    const good = pcapFile(101, close.packets.map((p) => withLink(101, p)));
    writeFileSync(file, good.subarray(0, 100));
    const en = spawnSync(process.execPath, [cli, 'import', file], { encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
    assert.equal(en.status, 2);
    assert.match(en.stderr, /^tcpflow import: truncated packet record at offset \d+\n$/);
    const zh = spawnSync(process.execPath, [cli, 'import', file, '--lang', 'zh-cn'], { encoding: 'utf8' });
    assert.equal(zh.status, 2);
    assert.match(zh.stderr, /^tcpflow import: 数据包记录在偏移 \d+ 处被截断\n$/);
    const missing = spawnSync(process.execPath, [cli, 'import', path.join(dir, 'nope.pcap')], { encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read .*ENOENT/);
  });
});
