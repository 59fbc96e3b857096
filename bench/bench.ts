// `npm run bench`: what users feel, as medians, ratios and per-item costs (never asserted in
// tests). Writes docs/benchmarks.md and prints the same table.
import { writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import { Network } from '../src/engine/net/network';
import { SeededRandom } from '../src/engine/random';
import { TcpEndpoint } from '../src/engine/tcp/endpoint';
import { profileSettings } from '../src/engine/tcp/profile';
import type { SocketAddress } from '../src/engine/tcp/segment';
import { toPcapng } from '../src/export/pcapng';
import { parse } from '../src/language/parser';
import { runScript } from '../src/runner/index';

interface Row {
  readonly what: string;
  readonly median: string;
  readonly perItem: string;
  readonly note: string;
}

function timeIt(runs: number, f: () => void): { median: number; p95: number } {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, p95: times[Math.min(times.length - 1, Math.floor(times.length * 0.95))]! };
}

/** A realistic script of about `lines` lines: a handshake, then ping exchanges. */
function script(lines: number): string {
  const head = `flow "bench"
profile rfc9293
seed 1
endpoint client 10.0.0.1:49152
endpoint server 10.0.0.2:80
link client server delay 1ms
server listen
client connect server
client -> server SYN seq=x
server -> client SYN,ACK seq=y ack=x+1
client -> server ACK seq=x+1 ack=y+1
server accept
`;
  const block = `client send "ping"
client -> server PSH,ACK data "ping"
server -> client ACK
expect server recv "ping"
`;
  const blocks = Math.max(1, Math.round((lines - 12) / 4));
  return head + block.repeat(blocks);
}

function checkAsYouType(rows: Row[]): void {
  for (const n of [200, 10_000, 100_000]) {
    const text = script(n);
    const lineCount = text.split('\n').length - 1;
    const runs = n <= 200 ? 200 : n <= 10_000 ? 15 : 3;
    const t = timeIt(runs, () => runScript(text));
    const parseOnly = timeIt(runs, () => parse(text));
    rows.push({
      what: `check-as-you-type, ${lineCount} lines (parse + run + diagnostics)`,
      median: `${t.median.toFixed(2)} ms (p95 ${t.p95.toFixed(2)})`,
      perItem: `${((t.median * 1000) / lineCount).toFixed(2)} µs/line`,
      note: `parse alone ${parseOnly.median.toFixed(2)} ms; goals: 200 lines ≤ 5 ms, 10,000 ≤ 150 ms`,
    });
  }
}

function engineThroughput(rows: Row[]): void {
  const bytes = 64 * 1024 * 1024;
  const t0 = performance.now();
  const random = new SeededRandom(1);
  const network = new Network(random);
  const a: SocketAddress = { ip: '10.0.0.1', port: 49152 };
  const b: SocketAddress = { ip: '10.0.0.2', port: 80 };
  const make = (addr: SocketAddress, name: string): TcpEndpoint => {
    const settings = profileSettings('linux');
    const ep = new TcpEndpoint(
      addr,
      {
        settings,
        random,
        cookieSecret: 1,
        now: () => network.now,
        schedule: (at, run) => network.queue.schedule(at, run),
        cancel: (e) => network.queue.cancel(e),
        transmit: (seg) => network.transmit(seg, name),
        stateChanged: () => undefined,
        timerRan: () => undefined,
        isNamed: () => true,
      },
      false,
    );
    network.attach(addr, { name, segmentArrives: (s) => ep.segmentArrives(s) });
    return ep;
  };
  const client = make(a, 'client');
  const server = make(b, 'server');
  network.link('client', 'server').delay = 5000;
  network.link('server', 'client').delay = 5000;
  network.link('client', 'server').lossPercent = 1;
  server.listen(128);
  client.connect(b);
  network.queue.step(Number.MAX_SAFE_INTEGER);
  while (network.queue.step(100_000));
  server.accept();
  const chunk = new Uint8Array(1024 * 1024);
  for (let i = 0; i < bytes / chunk.length; i++) client.send(chunk);
  let delivered = 0;
  const limit = 3600 * 1e6;
  while (network.queue.step(limit)) {
    const got = server.recv(undefined).data.length;
    delivered += got;
  }
  const ms = performance.now() - t0;
  const segments = network.wire.length;
  rows.push({
    what: `engine: bulk transfer of ${bytes / 1024 / 1024} MiB, 1% loss, 5 ms links (Linux profile)`,
    median: `${ms.toFixed(0)} ms`,
    perItem: `${((segments / ms) * 1000).toFixed(0)} segments/s`,
    note: `${segments} segments, ${(delivered / 1024 / 1024).toFixed(1)} MiB delivered, virtual ${(network.now / 1e6).toFixed(1)} s; goal ≥ 1,000,000 segments/s`,
  });
}

function virtualTime(rows: Row[]): void {
  const syn = `seed 1
endpoint client 10.0.0.1:49152
endpoint server 10.0.0.2:80
server listen
drop client -> server SYN
ignore client -> server SYN
client connect server
wait 131s
expect client CLOSED
expect client error ETIMEDOUT
`;
  const t = timeIt(50, () => runScript(syn));
  rows.push({
    what: 'virtual time: SYN retries to ETIMEDOUT at 131 s (Linux 6.x defaults)',
    median: `${t.median.toFixed(2)} ms`,
    perItem: `${(131_000 / t.median).toFixed(0)}× faster than real time`,
    note: 'packetdrill or a real kernel needs the full 131 s; goal ≤ 5 ms',
  });
  const tw = `seed 1
endpoint client 10.0.0.1:49152
endpoint server 10.0.0.2:80
ignore * -> * ACK len=0
server listen
client connect server
client -> server SYN
server -> client SYN,ACK
server accept
client close
client -> server FIN,ACK
server close
server -> client FIN,ACK
wait 60s
expect client CLOSED
`;
  const t2 = timeIt(50, () => runScript(tw));
  rows.push({ what: 'virtual time: four-way close and TIME_WAIT 60 s', median: `${t2.median.toFixed(2)} ms`, perItem: `${(60_000 / t2.median).toFixed(0)}× real time`, note: 'goal ≤ 5 ms' });
}

function exportRate(rows: Row[]): void {
  const result = runScript(script(20_000));
  const n = result.packets.length;
  const t = timeIt(5, () => toPcapng(result));
  rows.push({ what: `export: pcapng of ${n} packets`, median: `${t.median.toFixed(1)} ms`, perItem: `${((n / t.median) * 1000).toFixed(0)} packets/s`, note: 'goal: 1,000,000 packets in ≤ 2 s' });
}

const rows: Row[] = [];
checkAsYouType(rows);
virtualTime(rows);
engineThroughput(rows);
exportRate(rows);
const table = ['| measure | median | per item | note |', '|---|---|---|---|', ...rows.map((r) => `| ${r.what} | ${r.median} | ${r.perItem} | ${r.note} |`)].join('\n');
const machine = `${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
const doc = `# Benchmarks\n\nMeasured by \`npm run bench\` on ${machine}, ${new Date().toISOString().slice(0, 10)}.\nMedians over repeated runs; figures are for comparison on one machine, not guarantees.\n\n${table}\n`;
writeFileSync('docs/benchmarks.md', doc);
process.stdout.write(doc);
