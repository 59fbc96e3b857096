// A two-host network for engine tests, in smoltcp's style: build a connection in a given state,
// feed it segments with `recv`, read what it sent with `sent`.
import type { FlagName } from '../../src/language/ast';
import { Network } from '../../src/engine/net/network';
import { SeededRandom } from '../../src/engine/random';
import { TcpEndpoint } from '../../src/engine/tcp/endpoint';
import { unreachableSegment } from '../../src/engine/tcp/icmp';
import { profileSettings, type ProfileName, type StackSettings } from '../../src/engine/tcp/profile';
import type { Segment, SocketAddress, TcpOption } from '../../src/engine/tcp/segment';
import type { TcpStateName } from '../../src/runner/trace';

export const LOCAL: SocketAddress = { ip: '10.0.0.1', port: 49152 };
export const REMOTE: SocketAddress = { ip: '10.0.0.2', port: 80 };

export class Harness {
  readonly network: Network;
  readonly settings: StackSettings;
  readonly endpoint: TcpEndpoint;
  readonly transitions: string[] = [];
  /** Segments the endpoint under test sent, with their send time in seconds. */
  readonly out: { at: number; seg: Segment }[] = [];

  constructor(profile: ProfileName = 'linux', seed = 1) {
    const random = new SeededRandom(seed);
    this.network = new Network(random);
    this.settings = profileSettings(profile);
    this.endpoint = new TcpEndpoint(
      LOCAL,
      {
        settings: this.settings,
        random,
        cookieSecret: 42,
        now: () => this.network.now,
        schedule: (at, run) => this.network.queue.schedule(at, run),
        cancel: (e) => this.network.queue.cancel(e),
        transmit: (seg) => this.out.push({ at: this.network.now / 1e6, seg }),
        stateChanged: (_c, from, to) => this.transitions.push(`${from}->${to}`),
        timerRan: () => undefined,
        isNamed: () => true,
      },
      false,
    );
  }

  get state(): TcpStateName {
    return this.endpoint.state;
  }

  /** Delivers a segment from REMOTE to the endpoint under test. */
  recv(parts: { flags: FlagName[]; seq: number; ack?: number; win?: number; data?: string; options?: TcpOption[] }): void {
    this.endpoint.segmentArrives({
      src: REMOTE,
      dst: LOCAL,
      seq: parts.seq >>> 0,
      ack: (parts.ack ?? 0) >>> 0,
      flags: new Set(parts.flags),
      win: parts.win ?? 65535,
      options: parts.options ?? [],
      payload: new TextEncoder().encode(parts.data ?? ''),
    });
  }

  /**
   * Delivers an ICMP Destination Unreachable from `from` (default: REMOTE's address) about a
   * segment the endpoint under test sent to REMOTE with sequence number `seq`.
   */
  icmp(code: number, seq: number, from = REMOTE.ip): void {
    const quoted: Segment = { src: LOCAL, dst: REMOTE, seq: seq >>> 0, ack: 0, flags: new Set(['SYN']), win: 0, options: [], payload: new Uint8Array(0) };
    this.endpoint.segmentArrives(unreachableSegment(from, quoted, code));
  }

  /** Takes the segments sent since the last call. */
  sent(): Segment[] {
    return this.out.splice(0).map((o) => o.seg);
  }

  runFor(seconds: number): void {
    const until = this.network.now + Math.round(seconds * 1e6);
    while (this.network.queue.step(until));
    this.network.queue.advanceTo(until);
  }

  /** An active open that completed: the endpoint is ESTABLISHED with ISS/IRS known. */
  established(irs = 5000, sack = false): { iss: number; irs: number } {
    this.endpoint.connect(REMOTE);
    const syn = this.sent()[0]!;
    this.recv({ flags: ['SYN', 'ACK'], seq: irs, ack: syn.seq + 1, options: [{ kind: 'mss', value: 1460 }, ...(sack ? [{ kind: 'sackOK' } as const] : [])] });
    this.sent();
    return { iss: syn.seq, irs };
  }
}

export const flagsOf = (s: Segment): string => [...s.flags].sort().join(',');
