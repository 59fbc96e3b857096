// The simulated network: nodes at addresses, links with one-way delay and seeded loss, and the
// script's impairments (drop, duplicate, reorder). Every segment put on the wire is logged with
// its send and arrival time and whether it was dropped — that log is what the runner matches
// packet lines against. A measure that reads no log (the engine bench) turns it off with
// `keepWire = false`; onTransmit still sees every packet.
import type { SeededRandom } from '../random';
import { EventQueue } from './event-queue';
import { unreachableSegment, unreachableTypeFor } from '../tcp/icmp';
import { addressText, type Segment, type SocketAddress } from '../tcp/segment';

export interface NetworkNode {
  /** The script's name for this node (an endpoint name). */
  readonly name: string;
  /** Receives a segment addressed to it; raw nodes ignore everything. */
  segmentArrives(seg: Segment): void;
}

export interface WirePacket {
  readonly id: number;
  readonly segment: Segment;
  /** Endpoint names; a packet to an address no endpoint owns carries the owner's name of the IP, or the address. */
  readonly src: string;
  readonly dst: string;
  readonly sentAt: number;
  /** When it reaches its destination; a reordered packet's arrival moves later. */
  arrival: number;
  dropped: boolean;
  /** Set by the runner: which script line expected or injected it. */
  line: number;
  matched: boolean;
  duplicate: boolean;
  /** Whether its arrival is still to come, has been processed, or never will (dropped, held). */
  delivery: 'none' | 'scheduled' | 'delivered';
}

/** A rule the script put on the network: `drop`, `duplicate next`, `reorder next N`. */
export interface Impairment {
  readonly action: 'drop' | 'duplicate' | 'reorder';
  /** One-shot (`next`) impairments are removed after their first match. */
  readonly once: boolean;
  readonly count: number;
  /**
   * `unreachable A -> B KIND`: a dropped packet is answered, when it would have arrived, by an
   * ICMP Destination Unreachable with this code from the destination's address (never an ICMP
   * about an ICMP: RFC 1122 §3.2.2): `code` for an IPv4 packet, `code6` (ICMPv6) for an IPv6
   * one; a kind with no ICMPv6 code (`code6` null) drops IPv6 packets unanswered.
   */
  readonly answer?: UnreachableAnswer;
  matches(packet: { readonly segment: Segment; readonly src: string; readonly dst: string }): boolean;
}

export interface UnreachableAnswer {
  readonly code: number;
  readonly code6: number | null;
  readonly mtu: number;
}

export interface LinkProperties {
  delay: number;
  lossPercent: number;
}

/** A link nobody configured: no delay, no loss. */
const NO_LINK: Readonly<LinkProperties> = Object.freeze({ delay: 0, lossPercent: 0 });

export class Network {
  readonly queue = new EventQueue();
  readonly wire: WirePacket[] = [];
  /** Whether transmitted packets are appended to `wire` (the runner matches against it). */
  keepWire = true;
  private readonly nodes = new Map<string, NetworkNode>();
  private readonly ipOwners = new Map<string, string>();
  /** Spoofed source addresses and the endpoint that used them: replies are drawn to it. */
  private readonly spoofers = new Map<string, string>();
  /** Directed links by source name, then destination name (no key string built per packet). */
  private readonly links = new Map<string, Map<string, LinkProperties>>();
  /** Packets transmitted, including those not kept in `wire`: the next packet's id. */
  private transmitted = 0;
  private impairments: Impairment[] = [];
  private held: { packet: WirePacket; remaining: number; delay: number } | null = null;
  /** Called whenever a packet goes on the wire (for limits and live observers). */
  onTransmit: ((p: WirePacket) => void) | null = null;

  constructor(private readonly random: SeededRandom) {}

  get now(): number {
    return this.queue.now;
  }

  attach(address: SocketAddress, node: NetworkNode): void {
    this.nodes.set(addressText(address), node);
    if (!this.ipOwners.has(address.ip)) this.ipOwners.set(address.ip, node.name);
  }

  /** Sets properties of the directed link a → b (by endpoint name). */
  link(a: string, b: string): LinkProperties {
    let from = this.links.get(a);
    if (!from) {
      from = new Map();
      this.links.set(a, from);
    }
    let props = from.get(b);
    if (!props) {
      props = { delay: 0, lossPercent: 0 };
      from.set(b, props);
    }
    return props;
  }

  impair(rule: Impairment): void {
    this.impairments.push(rule);
  }

  /** `heal A -> B`: lifts every standing impairment on that direction. */
  heal(matches: (i: Impairment) => boolean): void {
    this.impairments = this.impairments.filter((i) => !matches(i));
  }

  nameOf(address: SocketAddress): string {
    const key = addressText(address);
    return this.nodes.get(key)?.name ?? this.spoofers.get(key) ?? this.ipOwners.get(address.ip) ?? key;
  }

  /** Puts a segment on the wire from the node called `srcName`. */
  transmit(segment: Segment, srcName: string, dstName?: string): WirePacket {
    const src = srcName;
    const srcKey = addressText(segment.src);
    if (this.nodes.get(srcKey)?.name !== srcName) this.spoofers.set(srcKey, srcName);
    const dst = dstName ?? this.nameOf(segment.dst);
    const props = this.links.get(src)?.get(dst) ?? NO_LINK;
    const now = this.queue.now;
    let dropped = props.lossPercent > 0 && this.random.fraction() * 100 < props.lossPercent;
    let duplicate = false;
    let reorder = 0;
    let answer: Impairment['answer'];
    for (const rule of this.impairments.length > 0 ? [...this.impairments] : this.impairments) {
      if (rule.answer && segment.icmp) continue;
      if (!rule.matches({ segment, src, dst })) continue;
      if (rule.action === 'drop') dropped = true;
      if (rule.answer) answer = rule.answer;
      if (rule.action === 'duplicate') duplicate = true;
      if (rule.action === 'reorder') reorder = rule.count;
      if (rule.once) this.impairments.splice(this.impairments.indexOf(rule), 1);
    }
    const packet = this.record(segment, src, dst, now, dropped ? now : now + props.delay, dropped);
    if (answer) this.queue.scheduleCall(now + props.delay, this.answerUnreachable, { packet, answer });
    if (!dropped) {
      if (reorder > 0) this.held = { packet, remaining: reorder, delay: props.delay };
      else this.deliverLater(packet);
      this.releaseHeld(packet);
    }
    if (duplicate && !dropped) {
      const copy = this.record(segment, src, dst, now, now + props.delay, false);
      copy.duplicate = true;
      this.deliverLater(copy);
    }
    return packet;
  }

  private record(segment: Segment, src: string, dst: string, sentAt: number, arrival: number, dropped: boolean): WirePacket {
    const packet: WirePacket = { id: this.transmitted++, segment, src, dst, sentAt, arrival, dropped, line: 0, matched: false, duplicate: false, delivery: 'none' };
    if (this.keepWire) this.wire.push(packet);
    this.onTransmit?.(packet);
    return packet;
  }

  private deliverLater(packet: WirePacket): void {
    packet.delivery = 'scheduled';
    this.queue.scheduleCall(packet.arrival, this.arrive, packet);
  }

  /** A packet reaches its destination (an arrow function: the queue calls it with no `this`). */
  private readonly arrive = (packet: WirePacket): void => {
    packet.delivery = 'delivered';
    this.nodes.get(addressText(packet.segment.dst))?.segmentArrives(packet.segment);
  };

  /** The destination's side of `unreachable A -> B`: its address answers the dropped packet. */
  private readonly answerUnreachable = (a: { readonly packet: WirePacket; readonly answer: UnreachableAnswer }): void => {
    const s = a.packet.segment;
    const code = unreachableTypeFor(s.src.ip) === 1 ? a.answer.code6 : a.answer.code;
    if (code !== null) this.transmit(unreachableSegment(s.dst.ip, s, code, a.answer.mtu), a.packet.dst, a.packet.src);
  };

  private releaseHeld(passing: WirePacket): void {
    const h = this.held;
    if (!h || h.packet === passing) return;
    h.remaining--;
    if (h.remaining <= 0) {
      this.held = null;
      h.packet.arrival = Math.max(passing.arrival, h.packet.arrival);
      this.deliverLater(h.packet);
    }
  }
}
