// The engine alone, no script: two Linux-profile endpoints over 5 ms links with 1% seeded loss,
// a bulk transfer of `bytes` sent from one reused 1 MiB chunk (Connection.send keeps views into
// it, so the chunk is never changed) with at most 4 MiB in flight past the receiver, and the
// receiver reading after every event. No wire log is kept (Network.keepWire = false: nothing
// here reads it; onTransmit counts the packets), so memory stays flat.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Network } from '../src/engine/net/network';
import { SeededRandom } from '../src/engine/random';
import { TcpEndpoint } from '../src/engine/tcp/endpoint';
import { profileSettings } from '../src/engine/tcp/profile';
import type { SocketAddress } from '../src/engine/tcp/segment';

export interface BulkResult {
  readonly bytes: number;
  readonly delivered: number;
  readonly segments: number;
  readonly dropped: number;
  readonly ms: number;
  readonly virtualSeconds: number;
  readonly maxRssMiB: number;
}

const CHUNK = 1024 * 1024;
const IN_FLIGHT = 4 * CHUNK;

export function bulkTransfer(bytes: number): BulkResult {
  const t0 = performance.now();
  const random = new SeededRandom(1);
  const network = new Network(random);
  network.keepWire = false;
  let segments = 0;
  let dropped = 0;
  network.onTransmit = (p) => {
    segments++;
    if (p.dropped) dropped++;
  };
  const a: SocketAddress = { ip: '10.0.0.1', port: 49152 };
  const b: SocketAddress = { ip: '10.0.0.2', port: 80 };
  const make = (addr: SocketAddress, name: string): TcpEndpoint => {
    const ep = new TcpEndpoint(
      addr,
      {
        settings: profileSettings('linux'),
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
  while (server.acceptQueueLength === 0 && network.queue.step(Number.MAX_SAFE_INTEGER));
  server.accept();
  const chunk = new Uint8Array(CHUNK);
  for (let i = 0; i < chunk.length; i++) chunk[i] = i & 0xff;
  let sent = 0;
  let delivered = 0;
  const limit = 24 * 3600 * 1e6;
  while (delivered < bytes) {
    while (sent < bytes && sent - delivered < IN_FLIGHT) {
      const n = Math.min(CHUNK, bytes - sent);
      client.send(n === CHUNK ? chunk : chunk.subarray(0, n));
      sent += n;
    }
    if (!network.queue.step(limit)) break;
    delivered += server.recv(undefined).data.length;
  }
  const ms = performance.now() - t0;
  return { bytes, delivered, segments, dropped, ms, virtualSeconds: network.now / 1e6, maxRssMiB: peakRssMiB() };
}

/** This process's peak RSS: VmHWM from /proc/self/status (reset by exec, unlike getrusage's
 * maxrss, which a spawned child inherits from the parent's size at fork), else maxRSS. */
export function peakRssMiB(): number {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m?.[1]) return Number(m[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}
