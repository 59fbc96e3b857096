// The round trip on real captures: tcpdump records a request/response between a node server and
// client on loopback; `import` turns it into a script that parses and runs; `export` writes it
// back; tshark reads the same number of packets with the same flags as in the original capture.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { toPcapng } from '../../src/export/pcapng';
import { importCapture } from '../../src/import/index';
import { parse } from '../../src/language/parser';
import { runScript } from '../../src/runner/index';
import { skipWithout, tempDir, tshark } from './tools';

function startTcpdump(args: string[]): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const p = spawn('tcpdump', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    const timer = setTimeout(() => reject(new Error(`tcpdump did not start: ${err}`)), 10_000);
    p.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      if (/listening on/.test(err)) {
        clearTimeout(timer);
        // tcpdump prints this a moment before its socket sees packets (noticeable on `any`).
        setTimeout(() => resolve(p), 500);
      }
    });
    p.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`tcpdump exited ${code}: ${err}`));
    });
  });
}

function stopTcpdump(p: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      p.kill('SIGKILL');
      resolve();
    }, 5_000);
    p.removeAllListeners('exit');
    p.on('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    p.kill('SIGINT');
  });
}

/** A server on `host` that answers one request and closes. */
async function startServer(host: string): Promise<net.Server> {
  const server = net.createServer((c) => c.once('data', () => c.end('HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nhello\n')));
  await new Promise<void>((r) => server.listen(0, host, r));
  return server;
}

/** A client that sends one request, reads the answer and closes; then the server closes. */
function requestResponse(server: net.Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const c = net.connect(port, host, () => c.write('GET / HTTP/1.1\r\nHost: test\r\n\r\n'));
    c.on('data', () => undefined);
    c.on('error', reject);
    c.on('end', () => c.end());
    c.on('close', () => server.close(() => resolve()));
  });
}

/** Waits until tcpdump has written every packet: the file stops growing for 600 ms (max 8 s). */
async function settled(file: string): Promise<void> {
  let last = -1;
  let stableSince = Date.now();
  for (const start = Date.now(); Date.now() - start < 8_000; ) {
    await new Promise((r) => setTimeout(r, 100));
    const size = existsSync(file) ? statSync(file).size : 0;
    if (size !== last) [last, stableSince] = [size, Date.now()];
    else if (Date.now() - stableSince >= 600) return;
  }
}

/** Captures one request/response on `host` with tcpdump filtered on the server's port. */
async function capture(dir: string, name: string, host: string, extra: string[]): Promise<{ file: string; port: number }> {
  const file = path.join(dir, `${name}.pcap`);
  const server = await startServer(host);
  const port = (server.address() as net.AddressInfo).port;
  const td = await startTcpdump([...extra, '-n', '-U', '--immediate-mode', '-B', '4096', '-s', '0', '-w', file, `tcp port ${port}`]).catch((e: unknown) => {
    server.close();
    throw e;
  });
  try {
    await requestResponse(server, host, port);
    await settled(file);
    return { file, port };
  } finally {
    await stopTcpdump(td);
  }
}

describe('import: real captures from tcpdump on loopback', function () {
  this.timeout(60_000);
  let dir = '';
  before(function () {
    skipWithout(this, { tcpdump: 'tcpdump', tshark: 'tshark' });
    dir = tempDir('tcpdump');
  });

  const cases: [string, string, string[]][] = [
    ['IPv4 on lo (Ethernet)', '127.0.0.1', ['-i', 'lo']],
    ['IPv4 on any (Linux cooked SLL)', '127.0.0.1', ['-i', 'any']],
    ['IPv4 on any (Linux cooked SLL2)', '127.0.0.1', ['-i', 'any', '-y', 'LINUX_SLL2']],
    ['IPv6 on lo', '::1', ['-i', 'lo']],
  ];
  for (const [title, host, args] of cases) {
    it(`${title}: capture → script → run → export → tshark, same packets and flags`, async () => {
      const { file } = await capture(dir, title.replace(/\W+/g, '-'), host, args);
      const original = tshark(file, ['tcp.flags', 'tcp.srcport', 'tcp.len']);
      assert.ok(original.length >= 8, `tcpdump saw the conversation (${original.length} packets in ${file})`);
      const { script, connections } = importCapture(readFileSync(file), path.basename(file));
      assert.equal(connections.length, 1);
      assert.match(script, /endpoint client .* scripted\nendpoint server .*:\d+ scripted/);
      assert.match(script, /client -> server SYN seq=x /);
      assert.match(script, /server -> client SYN,ACK seq=y ack=x\+1 /);
      assert.match(script, /data "GET \/ HTTP\/1\.1\\r\\nHost: test\\r\\n\\r\\n"/);
      assert.deepEqual(parse(script).errors, [], 'the script parses');
      const run = runScript(script);
      assert.deepEqual(
        run.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.range.start.line + 1}: ${d.id} ${d.message}`),
        [],
        `a clean kernel conversation runs clean:\n${script}`,
      );
      // The same capture rewritten by Wireshark's editcap as pcapng imports to the same packets.
      const ng = `${file}ng`;
      assert.equal(spawnSync('editcap', ['-F', 'pcapng', file, ng]).status, 0);
      const viaPcapng = importCapture(readFileSync(ng), path.basename(ng)).script;
      const packetLines = (t: string): string[] => t.split('\n').filter((l) => l.startsWith('+'));
      assert.deepEqual(packetLines(viaPcapng), packetLines(script));
      const out = path.join(dir, `${path.basename(file)}.roundtrip.pcapng`);
      writeFileSync(out, toPcapng(run));
      const back = tshark(out, ['tcp.flags', 'tcp.srcport', 'tcp.len', 'tcp.checksum.status']);
      assert.equal(back.length, original.length, 'same number of packets');
      assert.deepEqual(back.map((r) => r['tcp.flags']), original.map((r) => r['tcp.flags']), 'same flags, in order');
      assert.deepEqual(back.map((r) => r['tcp.len']), original.map((r) => r['tcp.len']), 'same payload lengths');
      assert.ok(back.every((r) => r['tcp.checksum.status'] === '1'), 'checksums good (the loopback capture had offloaded ones)');
    });
  }
});
