// What every part of a run shares: the world, the symbols, the diagnostics found so far, and
// the clock helpers that implement the time semantics of language.md §Time.
import type { Range, Statement } from '../language/ast';
import type { Diagnostic, Fix, MessageParams } from '../language/diagnostics/diagnostic';
import { makeDiagnostic } from '../language/diagnostics/make';
import type { DiagnosticId } from '../language/diagnostics/table';
import type { WirePacket } from '../engine/net/network';
import type { ScriptedHistory } from './emit-rules';
import { SymbolTable } from './symbols';
import { patternMatches, type PatternParts } from './patterns';
import type { TlsAttachment } from './tls';
import type { World } from './world';

export interface RunLimits {
  /** Events the event queue may run in one flow. */
  readonly maxEvents: number;
  /** Virtual seconds a flow may last. */
  readonly maxVirtualSeconds: number;
  /** Packets on the wire. */
  readonly maxPackets: number;
  /** Iterations of one `repeat`. */
  readonly maxRepeat: number;
  /** Bytes one `send` may queue. */
  readonly maxPayloadBytes: number;
  /** Diagnostics one run reports (more would drown the editor). */
  readonly maxDiagnostics: number;
  /** Characters of script a run accepts; a larger one is not run at all. */
  readonly maxScriptBytes: number;
}

export const DEFAULT_LIMITS: RunLimits = {
  maxEvents: 2_000_000,
  maxVirtualSeconds: 86_400,
  maxPackets: 200_000,
  maxRepeat: 100_000,
  maxPayloadBytes: 64 * 1024 * 1024,
  maxDiagnostics: 10_000,
  maxScriptBytes: 4 * 1024 * 1024,
};

/** Thrown to stop a run when a resource limit is reached; caught by the runner, never escapes. */
export class LimitReached extends Error {
  constructor(
    readonly limit: keyof RunLimits,
    readonly value: number,
  ) {
    super(`limit ${limit}`);
  }
}

export class RunContext {
  readonly symbols = new SymbolTable();
  readonly diagnostics: Diagnostic[] = [];
  readonly ignores: PatternParts[] = [];
  /** Per sender, the wire index before which every packet is matched (keeps matching linear). */
  private readonly settledUpTo = new Map<string, number>();
  /** TLS endpoints attached to stack endpoints, by endpoint name. */
  readonly tls = new Map<string, TlsAttachment>();
  /** NSS key-log lines of every TLS connection (for Wireshark). */
  readonly keylog: string[] = [];
  /** Labels of packets that a line expected or injected, in the script's own words. */
  readonly labels = new Map<number, string>();
  /** What each scripted endpoint has sent, for the ISN, window, ACK-timing and retransmission rules. */
  readonly scripted = new Map<string, ScriptedHistory>();
  /** How many of the world's TIME_WAIT assassinations have been reported. */
  assassinationsReported = 0;
  /** Tolerance for `@t` / `+d` on stack packets, in µs (`set * tolerance 5ms`). */
  tolerance = 1000;
  /** Clock (µs) after the previous statement, the anchor of `+d`. */
  previousTime = 0;
  private events = 0;

  constructor(
    readonly world: World,
    readonly source: readonly string[],
    readonly limits: RunLimits,
  ) {}

  get now(): number {
    return this.world.network.now;
  }

  report(id: DiagnosticId, range: Range, params: MessageParams = {}, fix?: Fix): void {
    this.diagnostics.push(makeDiagnostic(id, range, params, fix ? { fix } : {}));
  }

  /** 1-based line of a statement. */
  lineOf(stmt: Statement): number {
    return stmt.range.start.line + 1;
  }

  /** Runs every event due at or before `time` (µs), then sets the clock to `time`. */
  runUntil(time: number): void {
    const limit = this.limits.maxVirtualSeconds * 1e6;
    if (time > limit) {
      this.runUntil(limit);
      throw new LimitReached('maxVirtualSeconds', this.limits.maxVirtualSeconds);
    }
    while (this.stepOnce(time));
    this.world.network.queue.advanceTo(time);
  }

  /** Runs one event and the applications' reactions to it; false when nothing is due by `limitUs`. */
  stepOnce(limitUs: number): boolean {
    const next = this.world.network.queue.peekTime();
    // The virtual-time cap holds for every event, packet arrivals on a slow link included.
    if (next !== undefined && next <= limitUs && next > this.limits.maxVirtualSeconds * 1e6) {
      throw new LimitReached('maxVirtualSeconds', this.limits.maxVirtualSeconds);
    }
    const ran = this.world.network.queue.step(limitUs);
    if (ran) {
      this.countEvent();
      this.drainAppReactions();
    }
    return ran;
  }

  drainAppReactions(): void {
    const reactions = this.world.appReactions;
    while (reactions.length > 0) reactions.shift()!();
  }

  /** Runs events until the packet has arrived and been processed (or, if dropped, until its send time). */
  settle(packet: WirePacket): void {
    if (packet.dropped || packet.delivery === 'none') {
      this.runUntil(Math.max(this.now, packet.sentAt));
      return;
    }
    while (packet.delivery !== 'delivered' && this.stepOnce(packet.arrival));
    this.world.network.queue.advanceTo(packet.arrival);
  }

  private countEvent(): void {
    if (++this.events > this.limits.maxEvents) throw new LimitReached('maxEvents', this.limits.maxEvents);
    if (this.world.network.wire.length > this.limits.maxPackets) throw new LimitReached('maxPackets', this.limits.maxPackets);
  }

  /** Wire index from which a sender's unmatched packets start; advances past matched ones. */
  firstUnmatched(sender: string): number {
    const wire = this.world.network.wire;
    let i = this.settledUpTo.get(sender) ?? 0;
    while (i < wire.length && (wire[i]!.matched || wire[i]!.src !== sender)) i++;
    this.settledUpTo.set(sender, i);
    return i;
  }

  /** After a line matched `packet`, every earlier packet of its sender is settled (reported or ignored). */
  settledThrough(packet: WirePacket): void {
    this.settledUpTo.set(packet.src, Math.max(this.settledUpTo.get(packet.src) ?? 0, packet.id + 1));
  }

  isIgnored(p: WirePacket): boolean {
    return this.ignores.some((i) => patternMatches(i, p, this.symbols));
  }
}
