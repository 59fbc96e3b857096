// The simulated world a script runs in: the network, one TCP endpoint per `endpoint` line
// (stack or scripted shadow; raw endpoints only inject), and the recorder that turns what
// happens into the trace (state changes and timers, attributed to the script line running).
import type { EndpointKind } from '../language/ast';
import { Network, type NetworkNode } from '../engine/net/network';
import { SeededRandom } from '../engine/random';
import { TcpEndpoint } from '../engine/tcp/endpoint';
import { profileSettings, type ProfileName, type StackSettings } from '../engine/tcp/profile';
import { addressText, type SocketAddress } from '../engine/tcp/segment';
import type { Verdict } from '../engine/tcp/verdict';
import type { TcpStateName, TraceStateChange, TraceTimer, TraceTlsStateChange } from './trace';

export interface EndpointSpec {
  readonly name: string;
  readonly address: SocketAddress;
  readonly kind: EndpointKind;
  readonly line: number;
}

export interface WorldEndpoint {
  readonly spec: EndpointSpec;
  readonly settings: StackSettings;
  /** Absent for raw endpoints. */
  readonly tcp: TcpEndpoint | null;
  /** States this endpoint has been in, oldest first (for explanations). */
  readonly history: TcpStateName[];
  /** Its rule-governed decisions, oldest first (src/runner/reaction.ts explains mismatches with them). */
  readonly verdicts: RecordedVerdict[];
  /** When (µs) its state last changed: a decision older than that has been overtaken. */
  lastStateChange: number;
}

/** A verdict with when it was made: the virtual time, the script line running, the wire's length then. */
export interface RecordedVerdict {
  readonly verdict: Verdict;
  /** The script has accounted for it (a line matched what it caused, or it was reported). */
  settled: boolean;
  readonly time: number;
  readonly line: number;
  /** Packets on the wire when it was decided: its reply, if any, is the sender's next packet. */
  readonly wireIndex: number;
}

/** How many verdicts per endpoint are kept at least (older ones are dropped in batches). */
const VERDICTS_KEPT = 128;

export class World {
  readonly random: SeededRandom;
  readonly network: Network;
  readonly endpoints = new Map<string, WorldEndpoint>();
  readonly states: TraceStateChange[] = [];
  readonly tlsStates: TraceTlsStateChange[] = [];
  readonly timers: TraceTimer[] = [];
  /** Called when a stack endpoint's connection has new in-order data (TLS reads it). */
  dataArrived: ((endpoint: string) => void) | null = null;
  /**
   * What applications do in reaction to an event (TLS reading what TCP delivered), run right
   * after that event at the same virtual instant, after TCP's own reaction.
   */
  readonly appReactions: (() => void)[] = [];
  /** The 1-based script line being executed; state changes are attributed to it. */
  currentLine = 0;
  /** Order of every packet sent and state change, in the order they happened. */
  private nextOrder = 0;
  readonly packetOrder: number[] = [];

  constructor(
    readonly profile: ProfileName,
    readonly seed: number,
    specs: readonly EndpointSpec[],
  ) {
    this.random = new SeededRandom(seed);
    this.network = new Network(this.random);
    this.network.onTransmit = (p) => {
      this.packetOrder[p.id] = this.nextOrder++;
    };
    const cookieSecret = this.random.uint32();
    const named = new Set(specs.map((s) => addressText(s.address)));
    for (const spec of specs) {
      const settings = profileSettings(profile);
      const shadow = spec.kind === 'scripted';
      const tcp =
        spec.kind === 'raw'
          ? null
          : new TcpEndpoint(
              spec.address,
              {
                settings,
                random: this.random,
                cookieSecret,
                now: () => this.network.now,
                schedule: (at, run) => this.network.queue.schedule(at, run),
                cancel: (e) => this.network.queue.cancel(e),
                transmit: (seg) => {
                  if (!shadow) this.network.transmit(seg, spec.name);
                },
                stateChanged: (_c, from, to, event) => this.stateChanged(spec.name, from, to, event),
                timerRan: (_c, kind, start, end, fired) => this.timers.push({ endpoint: spec.name, kind, start: start / 1e6, end: end / 1e6, fired }),
                isNamed: (a) => named.has(addressText(a)),
                dataArrived: () => this.dataArrived?.(spec.name),
                decided: (_c, verdict) => this.decided(spec.name, verdict),
              },
              shadow,
            );
      const endpoint: WorldEndpoint = { spec, settings, tcp, history: ['CLOSED'], verdicts: [], lastStateChange: 0 };
      this.endpoints.set(spec.name, endpoint);
      const node: NetworkNode = { name: spec.name, segmentArrives: (seg) => tcp?.segmentArrives(seg) };
      this.network.attach(spec.address, node);
    }
  }

  private stateChanged(endpoint: string, from: TcpStateName, to: TcpStateName, event: string | undefined): void {
    this.states.push({ order: this.nextOrder++, time: this.network.now / 1e6, endpoint, from, to, line: this.currentLine });
    const e = this.endpoints.get(endpoint);
    if (e) {
      e.history.push(to);
      e.lastStateChange = this.network.now;
    }
    if (from === 'TIME_WAIT' && event === 'RCV_RST') this.timeWaitAssassinations.push({ endpoint, line: this.currentLine });
  }

  private decided(endpoint: string, verdict: Verdict): void {
    const verdicts = this.endpoints.get(endpoint)?.verdicts;
    if (!verdicts) return;
    // Only recent decisions explain a line; a bulk transfer makes thousands, so keep the newest.
    if (verdicts.length >= VERDICTS_KEPT * 2) verdicts.splice(0, VERDICTS_KEPT);
    verdicts.push({ verdict, settled: false, time: this.network.now, line: this.currentLine, wireIndex: this.network.wire.length });
  }

  /** An endpoint's TLS handshake machine moved (TLS reports it after the engine call that moved it). */
  tlsStateChanged(endpoint: string, machine: string, from: string, to: string): void {
    this.tlsStates.push({ order: this.nextOrder++, time: this.network.now / 1e6, endpoint, machine, from, to, line: this.currentLine });
  }

  /** TIME_WAIT ended by a RST (RFC 1337's hazard), with the line that was running. */
  readonly timeWaitAssassinations: { readonly endpoint: string; readonly line: number }[] = [];

  stateOf(name: string): TcpStateName {
    return this.endpoints.get(name)?.tcp?.state ?? 'CLOSED';
  }
}
