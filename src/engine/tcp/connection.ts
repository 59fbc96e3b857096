// One TCP connection: the TCB of RFC 9293 §3.3.1 with its variable names, the SEGMENT ARRIVES
// pipeline of §3.10.7 in the RFC's order, output (segmentation, PSH, FIN, ACK policy) and the
// timers (RTO with backoff, delayed ACK, TIME_WAIT, FIN_WAIT_2, keep-alive). State changes go through the
// xstate machine in connection-machine.ts, always via setState so every transition is recorded.
//
// A connection is either played by the engine (a `stack` endpoint) or a shadow model of a
// `scripted` endpoint: the shadow processes what it receives exactly like a stack but never
// transmits or retransmits on its own — the script sends for it (see noteScriptedSend).
import type { FlagName } from '../../language/ast';
import type { TcpStateName } from '../../runner/trace';
import type { SeededRandom } from '../random';
import type { ScheduledEvent } from '../net/event-queue';
import { US_PER_SECOND } from '../net/event-queue';
import {
  initialConnectionSnapshot,
  nextConnectionSnapshot,
  stateOf,
  type ConnectionEvent,
  type ConnectionEventType,
  type ConnectionSnapshot,
} from './connection-machine';
import { orphanRetries, timeWaitLength, windowScaleFor, type StackSettings } from './profile';
import {
  NO_OPTIONS,
  NOP_OPTION,
  segmentLength,
  sharedFlags,
  timestampOf,
  timestampOptionOf,
  type Segment,
  type SocketAddress,
  type TcpOption,
  type TimestampOption,
} from './segment';
import type { IcmpUnreachable } from './icmp';
import { icmpOutcome } from './icmp-outcome';
import { backedOffRto, revertsBackoff } from './rto-revert';
import { ReassemblyQueue } from './reassembly';
import { seqAdd, seqGe, seqGt, seqInWindow, seqLe, seqLt, seqSub } from './seq';
import type { ReactionRule, Verdict, VerdictFacts } from './verdict';

/** What a connection needs from the world around it (its endpoint and the network). */
export interface ConnectionHost {
  readonly settings: StackSettings;
  readonly random: SeededRandom;
  now(): number;
  schedule(at: number, run: () => void): ScheduledEvent;
  cancel(event: ScheduledEvent | undefined): void;
  transmit(segment: Segment): void;
  stateChanged(connection: Connection, from: TcpStateName, to: TcpStateName, event?: ConnectionEventType): void;
  timerRan(connection: Connection, kind: string, start: number, end: number, fired: boolean): void;
  /** A child of a listener completed its handshake (or was reset back to LISTEN). */
  established?(connection: Connection): void;
  removed?(connection: Connection): void;
  /** In-order bytes reached the receive queue (an application layer such as TLS may read them). */
  delivered?(connection: Connection): void;
  /** May this connection enter TIME_WAIT? No when the host's TIME_WAIT table is full (tcp_max_tw_buckets). */
  admitTimeWait?(connection: Connection): boolean;
  /** A SYN that may start a new incarnation of a TIME_WAIT connection (RFC 9293 §3.6.1 MAY-2); true if taken. */
  synInTimeWait?(connection: Connection, syn: Segment, iss: number): boolean;
  /** A decision a tcp-rules.md rule governs (a drop, a reset, a challenge ACK …), for the runner's diagnostics. */
  decided?(connection: Connection, verdict: Verdict): void;
  /**
   * A passive connection's handshake-completing ACK is valid: may it become ESTABLISHED? A full
   * accept queue says `drop` (the ACK is ignored) or `reset` (tcp_abort_on_overflow).
   */
  admitChild?(connection: Connection): 'accept' | 'drop' | 'reset';
}

type TimerKind = 'rto' | 'syn-rto' | 'synack-rto' | 'delack' | 'time-wait' | 'fin-wait-2' | 'persist' | 'keepalive';

interface Timer {
  readonly kind: TimerKind;
  readonly start: number;
  readonly event: ScheduledEvent;
}

/** A segment on the retransmission queue. */
interface Unacked {
  readonly seq: number;
  readonly flags: ReadonlySet<FlagName>;
  readonly payload: Uint8Array;
  /** SEG.LEN: the payload plus one for SYN and one for FIN. */
  readonly seqLen: number;
  readonly firstSent: number;
  /** When it last went out (Linux tcp_skb_timestamp_us: the RTO revert of RFC 6069 counts from it). */
  lastSent: number;
  retransmitted: boolean;
}

const EMPTY = new Uint8Array(0);
// The flag combinations a connection sends, one shared set each (not a new Set per segment).
const SYN = sharedFlags('SYN');
const SYN_ACK = sharedFlags('SYN', 'ACK');
const ACK = sharedFlags('ACK');
const PSH_ACK = sharedFlags('PSH', 'ACK');
const FIN_ACK = sharedFlags('FIN', 'ACK');
const RST = sharedFlags('RST');
const RST_ACK = sharedFlags('RST', 'ACK');
const LINUX_QUICKACKS = 16; // TCP_MAX_QUICKACKS

/** What a SYN cookie remembers of the SYN (the MSS in the ISN, the rest in the timestamp). */
export interface CookieOptions {
  readonly seq: number;
  readonly mss: number;
  readonly tsOk: boolean;
  readonly sackOk: boolean;
  readonly wscale: number | null;
}

export class Connection {
  readonly local: SocketAddress;
  readonly remote: SocketAddress;
  readonly shadow: boolean;
  /** Opened from LISTEN (a passive open returns to LISTEN on RST in SYN_RCVD, MUST-11). */
  passive: boolean;
  /** When TIME_WAIT was entered (µs), for tcp_tw_reuse's delay. */
  timeWaitSince = 0;
  /** Last ACK sent for an out-of-window segment or as a challenge (Linux rate-limits these). */
  private lastOutOfWindowAck = Number.NEGATIVE_INFINITY;
  /** Out-of-window / challenge ACKs held back since the last one sent (for TCP-CHALLENGE-ACK-THROTTLE's count). */
  private outOfWindowAcksHeld = 0;

  private snapshot: ConnectionSnapshot = initialConnectionSnapshot();
  /** stateOf(snapshot), kept with it: the state is read many times per segment. */
  private currentState: TcpStateName = stateOf(this.snapshot);

  // Send sequence space (RFC 9293 §3.3.1, Figure 3).
  iss = 0;
  sndUna = 0;
  sndNxt = 0;
  sndWnd = 0;
  sndWl1 = 0;
  sndWl2 = 0;
  maxSndWnd = 0;
  // Receive sequence space (Figure 4).
  irs = 0;
  rcvNxt = 0;
  rcvWnd: number;

  // Negotiated options.
  sndMss = 536;
  /** The MSS option of the peer's SYN, or null if it sent none (RFC 9293 §3.7.1: 536 then). */
  peerMss: number | null = null;
  tsOk = false;
  tsRecent = 0;
  private tsOffset: number;
  sackOk = false;
  wsOk = false;
  sndWscale = 0;
  readonly rcvWscale: number;

  // Queues.
  private sendQueue: Uint8Array[] = [];
  /** Bytes of sendQueue[0] already sent (an offset rather than a new view of the rest per segment). */
  private sendHeadOffset = 0;
  private sendQueued = 0;
  private readonly unacked: Unacked[] = [];
  /** In-order bytes delivered to the application and not yet read. */
  private readonly received: Uint8Array[] = [];
  receivedUnread = 0;
  /** Every in-order byte delivered, for `expect recv`. */
  deliveredTotal = 0;

  // Close bookkeeping.
  finQueued = false;
  finSent = false;
  finSeq = 0;
  rcvFin = false;
  /** The application called close(): no more reads (data that arrives now is answered with RST). */
  orphaned = false;
  readShutdown = false;

  /** The socket error an application would see (ECONNREFUSED, ECONNRESET, ETIMEDOUT). */
  error: string | null = null;
  /**
   * An ICMP error that did not end the connection (Linux sk_err_soft; RFC 9293 SHLD-25): the
   * error reported instead of ETIMEDOUT if the connection later times out (tcp_write_err).
   */
  softError: string | null = null;

  // Timers and retransmission state (RFC 6298).
  private rtoTimer: Timer | undefined;
  private delackTimer: Timer | undefined;
  private timeWaitTimer: Timer | undefined;
  private finWait2Timer: Timer | undefined;
  rto: number;
  /** Doublings of `rto` since it was last computed (Linux icsk_backoff; RFC 6069 undoes one). */
  private rtoBackoff = 0;
  private srtt = 0;
  private rttvar = 0;
  private hasRttSample = false;
  retransmissions = 0;
  private synTimedOut = false;
  private quickAcks = LINUX_QUICKACKS;
  private cwnd: number;
  /** Full-sized segments received since the last ACK we sent (delayed ACK: ACK every second). */
  private unackedFullSegments = 0;
  /** Out-of-order segments held for reassembly (RFC 9293 SHLD-31), by sequence number. */
  private readonly outOfOrder = new ReassemblyQueue();
  /** The newest out-of-order arrival: the first SACK block must report it (RFC 2018 §4). */
  private lastOutOfOrder: number | null = null;
  // Loss recovery (RFC 5681 fast retransmit, NewReno partial ACKs; go-back-N after an RTO).
  private dupAcks = 0;
  /** Linux's interactive mode: no quick-ACKs, ACKs wait for the delayed-ACK timer. */
  private pingpong = false;
  private ssthresh = Number.MAX_SAFE_INTEGER;
  private recover: number | null = null;
  /** Index in the retransmission queue of the next segment to resend after an RTO; -1: none. */
  private resendFrom = -1;
  private persistTimer: Timer | undefined;
  private persistBackoff = 0;
  // Keep-alive (RFC 9293 §3.8.4; Linux tcp_keepalive_timer).
  private keepaliveTimer: Timer | undefined;
  /** When the peer last sent an acceptable ACK (µs): Linux's rcv_tstamp. */
  private lastHeard = 0;
  /** Keep-alive probes sent since the peer was last heard (icsk_probes_out). */
  private keepaliveProbes = 0;
  /** The tcp_keepalive_time the timer was armed with, to notice a `set` that changes it. */
  private keepaliveArmedFor = 0;
  /** dataOptions()'s last result and its ts option (consecutive segments usually share them). */
  private lastTsOption: { readonly kind: 'ts'; readonly val: number; readonly ecr: number } | null = null;
  private lastDataOptions: readonly TcpOption[] = NO_OPTIONS;

  constructor(
    private readonly host: ConnectionHost,
    local: SocketAddress,
    remote: SocketAddress,
    options: { readonly passive: boolean; readonly shadow: boolean },
  ) {
    this.local = local;
    this.remote = remote;
    this.passive = options.passive;
    this.shadow = options.shadow;
    const s = host.settings;
    this.rto = s.initialRto;
    this.rcvWscale = s.tcp_window_scaling ? windowScaleFor(s) : 0;
    this.rcvWnd = options.passive ? s.synAckWindow : s.synWindow;
    this.tsOffset = host.random.uint32();
    this.cwnd = 10 * s.mss;
  }

  get state(): TcpStateName {
    return this.currentState;
  }

  /** Duplicate ACKs received in a row (RFC 5681 §2); the third starts fast retransmit. */
  get duplicateAcks(): number {
    return this.dupAcks;
  }

  get settings(): StackSettings {
    return this.host.settings;
  }

  /** A decision a tcp-rules.md rule governs, reported to the host (the runner explains with it). */
  private decide(rule: ReactionRule, facts: VerdictFacts = {}): void {
    this.host.decided?.(this, { rule, facts });
  }

  /** Every state change goes through here, so the trace records every transition. */
  private setState(event: ConnectionEvent): void {
    const from = this.state;
    const next = nextConnectionSnapshot(this.snapshot, event);
    if (!next) throw new Error(`bug: no transition ${event.type} from ${from}`);
    this.snapshot = next;
    this.currentState = stateOf(next);
    const to = this.state;
    if (to !== from) this.host.stateChanged(this, from, to, event.type);
    this.enteredState(from, to);
  }

  private enteredState(from: TcpStateName, to: TcpStateName): void {
    if (to === 'TIME_WAIT') {
      this.cancelTimer('fin-wait-2');
      this.cancelTimer('rto');
      this.cancelTimer('keepalive');
      this.timeWaitSince = this.host.now();
      // Linux destroys the socket at once when the TIME_WAIT table is full (tcp_max_tw_buckets).
      if (this.host.admitTimeWait && !this.host.admitTimeWait(this)) {
        this.decide('TCP-TIMEWAIT-BYPASS', { mechanism: 'tcp_max_tw_buckets', buckets: this.settings.tcp_max_tw_buckets });
        this.setState({ type: 'TIMEOUT_2MSL' });
        return;
      }
      this.startTimeWait();
    }
    if (to === 'FIN_WAIT_2' && this.orphaned && this.settings.tcp_fin_timeout > 0) {
      this.cancelTimer('keepalive'); // Linux's keep-alive timer now reaps the orphan instead
      this.startFinWait2Timer();
    }
    if (to === 'CLOSED') {
      this.cancelAllTimers();
      this.host.removed?.(this);
    }
    if (to === 'ESTABLISHED' && (from === 'SYN_RCVD' || from === 'SYN_SENT')) {
      if (this.synTimedOut && this.rto < 3 * US_PER_SECOND) this.rto = 3 * US_PER_SECOND; // RFC 6298 (5.7)
      this.heardFromPeer();
      this.keepaliveSettingChanged();
      this.host.established?.(this);
    }
  }

  // -------------------------------------------------------------------------------------------
  // User calls (RFC 9293 §3.10.1–§3.10.6)

  /** Active OPEN: choose an ISN and send <SEQ=ISS><CTL=SYN>. */
  activeOpen(iss?: number): void {
    this.setState({ type: 'ACTIVE_OPEN' });
    if (this.shadow) return; // the script sends the SYN
    this.iss = iss ?? this.host.random.uint32();
    this.sndUna = this.iss;
    this.sndNxt = this.iss;
    this.sendControl(SYN, this.synOptions(false));
  }

  /** A listener's child answering a SYN: RCV.NXT = SEG.SEQ+1, send <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>. */
  passiveOpen(syn: Segment, iss: number | null, fastOpen: { readonly cookie: string; readonly accepted: boolean } | null = null): void {
    this.setState({ type: 'PASSIVE_OPEN' });
    this.setState({ type: 'RCV_SYN' });
    this.acceptSyn(syn);
    this.updateWindow(syn, true);
    // A valid Fast Open cookie: the SYN's data is taken now and acknowledged by the SYN,ACK (RFC 7413 §4.2.2).
    if (fastOpen?.accepted && syn.payload.length > 0) this.deliver(syn.payload);
    if (this.shadow || iss === null) return;
    this.iss = iss;
    this.sndUna = iss;
    this.sndNxt = iss;
    const options = this.synOptions(true);
    // A cookie request or an invalid cookie gets this server's cookie back (RFC 7413 §4.1.2, §4.2.2).
    this.sendControl(SYN_ACK, fastOpen && !fastOpen.accepted ? [...options, { kind: 'tfo', cookie: fastOpen.cookie }, { kind: 'nop' }, { kind: 'nop' }] : options);
  }

  /** The ACK that completes a SYN-cookie handshake: the connection is created already established. */
  cookieOpen(syn: CookieOptions, ack: Segment): void {
    this.setState({ type: 'PASSIVE_OPEN' });
    this.setState({ type: 'RCV_SYN' });
    this.irs = syn.seq;
    this.rcvNxt = seqAdd(syn.seq, 1);
    this.sndMss = Math.min(syn.mss, this.settings.mss);
    // What the cookie's timestamp carried (Linux cookie_decode_options): SACK and the peer's wscale.
    this.tsOk = syn.tsOk;
    this.sackOk = syn.sackOk;
    this.wsOk = syn.wscale !== null && this.settings.tcp_window_scaling;
    this.sndWscale = syn.wscale ?? 0;
    if (this.tsOk) this.tsRecent = timestampOf(ack) ?? 0;
    // The cookie SYN,ACK's TSval was the clock itself (TcpEndpoint.cookieOptions): go on from it,
    // or the peer's PAWS check would drop everything we send as older.
    this.tsOffset = 0;
    this.iss = seqSub(ack.ack, 1) >>> 0;
    this.sndUna = ack.ack;
    this.sndNxt = ack.ack;
    // Measured (test/fixtures/kernel/syncookies): a cookie connection starts from the SYN
    // window (64240), not the SYN,ACK's 65160: it is built afresh from the ACK.
    this.rcvWnd = this.settings.synWindow;
    this.updateWindow(ack, false, true);
    this.setState({ type: 'RCV_ACK_OF_SYN' });
  }

  send(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.sendQueue.push(bytes);
    this.sendQueued += bytes.length;
    if (!this.shadow) this.output();
  }

  /** Reads up to `max` bytes (all when undefined) from the receive queue. */
  recv(max?: number): Uint8Array {
    const want = Math.min(max ?? this.receivedUnread, this.receivedUnread);
    if (want === 0) return this.finishRecv(0, EMPTY); // nothing to read: no new empty array
    const first = this.received[0];
    if (first && first.length === want) {
      // One segment's worth: hand it over without copying.
      this.received.shift();
      return this.finishRecv(want, first);
    }
    const out = new Uint8Array(want);
    let filled = 0;
    while (filled < want) {
      const head = this.received[0]!;
      const take = Math.min(head.length, want - filled);
      out.set(head.subarray(0, take), filled);
      filled += take;
      if (take === head.length) this.received.shift();
      else this.received[0] = head.subarray(take);
    }
    return this.finishRecv(want, out);
  }

  private finishRecv(want: number, out: Uint8Array): Uint8Array {
    const before = this.receiveWindow();
    this.receivedUnread -= want;
    // A window that was too small for a segment has reopened: say so (RFC 9293 §3.8.6.2.2).
    if (!this.shadow && want > 0 && before < this.sndMss && this.receiveWindow() >= this.sndMss && this.state !== 'CLOSED') this.sendAck();
    return out;
  }

  /** CLOSE: FIN after the queued data (SYN_SENT and LISTEN just go away), RST if unread data (SHLD-3). */
  close(): void {
    this.orphaned = true;
    this.readShutdown = true;
    const state = this.state;
    if (state === 'SYN_SENT') {
      this.setState({ type: 'CLOSE' });
      return;
    }
    if (this.receivedUnread > 0 && (state === 'ESTABLISHED' || state === 'CLOSE_WAIT')) {
      // RFC 9293 §3.6.1 SHLD-3, as Linux does (TCPAbortOnClose): data was lost, say so with RST.
      this.decide('TCP-CLOSE-UNREAD-RST', { n: this.receivedUnread });
      this.abort();
      return;
    }
    this.shutdownWrite();
  }

  /** SHUT_WR: queue a FIN after the data (half-close). */
  shutdownWrite(): void {
    const state = this.state;
    if (this.finQueued || !(state === 'ESTABLISHED' || state === 'CLOSE_WAIT' || state === 'SYN_RCVD')) return;
    this.finQueued = true;
    this.setState({ type: 'CLOSE' });
    if (!this.shadow) this.output();
  }

  /** Gone without a word: a half-open request dropped with its listener (no RST is sent). */
  discard(): void {
    if (this.state !== 'CLOSED') this.setState({ type: 'ABORT' });
  }

  /** ABORT (or close with SO_LINGER 0): <SEQ=SND.NXT><CTL=RST> from synchronized states, then CLOSED. */
  abort(): void {
    const state = this.state;
    const sendsRst = state === 'SYN_RCVD' || state === 'ESTABLISHED' || state === 'FIN_WAIT_1' || state === 'FIN_WAIT_2' || state === 'CLOSE_WAIT';
    if (sendsRst && !this.shadow) this.transmitSegment({ seq: this.sndNxt, ack: this.rcvNxt, flags: RST_ACK, payload: EMPTY, options: this.dataOptions() });
    if (state !== 'CLOSED') this.setState({ type: 'ABORT' });
  }

  // -------------------------------------------------------------------------------------------
  // SEGMENT ARRIVES (RFC 9293 §3.10.7.3 for SYN-SENT, §3.10.7.4 for the other states)

  segmentArrives(seg: Segment): void {
    switch (this.state) {
      case 'CLOSED':
      case 'LISTEN':
        return; // the endpoint handles these (closed port, listener)
      case 'SYN_SENT':
        this.synSentArrives(seg);
        return;
      default:
        this.synchronizedArrives(seg);
    }
  }

  private synSentArrives(seg: Segment): void {
    const f = seg.flags;
    // First: check the ACK bit.
    if (f.has('ACK') && (seqLe(seg.ack, this.iss) || seqGt(seg.ack, this.sndNxt))) {
      this.decide('TCP-SYNSENT-BAD-ACK', { ack: seg.ack, iss: this.iss, sndNxt: this.sndNxt, rst: f.has('RST') });
      if (!f.has('RST')) this.sendReset(seg.ack);
      return;
    }
    const ackAcceptable = f.has('ACK') && seqLt(this.sndUna, seg.ack) && seqLe(seg.ack, this.sndNxt);
    // Second: the RST bit.
    if (f.has('RST')) {
      this.decide('TCP-SYNSENT-RST', { accepted: ackAcceptable, expectedAck: this.sndNxt });
      if (ackAcceptable) {
        this.error = 'ECONNREFUSED';
        this.setState({ type: 'RCV_RST' });
      }
      return;
    }
    // Fourth: the SYN bit.
    if (!f.has('SYN')) {
      this.decide('TCP-SYNSENT-ACK-WITHOUT-SYN'); // fifth: neither SYN nor RST, drop
      return;
    }
    this.acceptSyn(seg);
    if (ackAcceptable) {
      this.sndUna = seg.ack;
      this.ackRetransmissionQueue();
      this.updateWindow(seg, true);
      this.setState({ type: 'RCV_SYN_ACK' });
      // "continue processing at the sixth step": text and a FIN on the SYN,ACK (RFC 9293
      // §3.10.7.3; T031). Linux takes neither without Fast Open, so only the RFC profile does.
      if (this.settings.profile === 'rfc9293' && (seg.payload.length > 0 || f.has('FIN'))) {
        if (seg.payload.length > 0) this.deliver(seg.payload);
        if (f.has('FIN')) this.receiveFin(false);
      }
      if (!this.shadow) {
        this.sendAck();
        this.output();
      }
      return;
    }
    // Simultaneous open: <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>, same ISS (§3.10.7.3, MUST-10).
    this.decide('TCP-SIMOPEN-SYN', { iss: this.iss, expectedAck: this.rcvNxt });
    this.setState({ type: 'RCV_SYN' });
    this.updateWindow(seg, true);
    if (!this.shadow) this.retransmitSynAsSynAck();
  }

  private synchronizedArrives(seg: Segment): void {
    const f = seg.flags;
    const len = segmentLength(seg);
    // Linux passes a simultaneous-open SYN,ACK in SYN_RCVD (the RFC 5961 §4.2 exception).
    const simultaneousSynAck =
      this.state === 'SYN_RCVD' && f.has('SYN') && f.has('ACK') && seg.seq === this.irs && seg.ack === this.sndNxt;

    if (this.state === 'TIME_WAIT' && this.timeWaitArrives(seg)) return;
    // Linux's request socket answers a repeated SYN with the same SYN,ACK (RFC 9293 would ACK).
    if (this.state === 'SYN_RCVD' && f.has('SYN') && !f.has('ACK') && seg.seq === this.irs && this.settings.profile === 'linux') {
      this.decide('TCP-SYNRCVD-DUP-SYN');
      if (!this.shadow) this.retransmitSynAsSynAck();
      return;
    }
    // PAWS (RFC 7323 §5.3 R1): an older timestamp marks an old duplicate — ACK and drop. Linux
    // does not apply it to a RST (tcp_validate_incoming) or in TIME_WAIT (its own rules).
    // The timestamps option is looked up once here for PAWS, TS.Recent and the RTT echo.
    const ts = this.tsOk ? timestampOptionOf(seg) : null;
    const tsVal = ts !== null && !f.has('RST') && this.state !== 'TIME_WAIT' ? ts.val : null;
    if (tsVal !== null && ((tsVal - this.tsRecent) | 0) < 0) {
      this.decide('TCP-PAWS-REJECT', { tsval: tsVal >>> 0, tsRecent: this.tsRecent >>> 0 });
      this.sendOutOfWindowAck();
      return;
    }
    // First: sequence number acceptability (Table 6).
    if (!simultaneousSynAck && !this.acceptable(seg.seq, len)) {
      if (f.has('RST')) this.decide('TCP-RST-OUT-OF-WINDOW', { seq: seg.seq, rcvNxt: this.rcvNxt, windowEnd: seqAdd(this.rcvNxt, this.rcvWnd) });
      else if (this.state === 'TIME_WAIT' && f.has('FIN')) {
        this.decide('TCP-TIMEWAIT-FIN-RETRANS', { sndNxt: this.sndNxt, rcvNxt: this.rcvNxt });
        this.startTimeWait(); // T145: re-ACK and restart 2MSL
        if (!this.shadow) this.sendAck();
      } else {
        const keepalive = f.has('ACK') && len <= 1 && seg.seq === seqSub(this.rcvNxt, 1) >>> 0;
        if (keepalive) this.decide('TCP-KEEPALIVE-NO-ACK', { sndNxt: this.sndNxt, rcvNxt: this.rcvNxt });
        else this.decide('TCP-SEQ-UNACCEPTABLE', { seq: seg.seq, len, rcvNxt: this.rcvNxt, rcvWnd: this.rcvWnd, sndNxt: this.sndNxt });
        this.sendOutOfWindowAck();
      }
      return;
    }
    // Second: RST (RFC 5961 §3.2: exact → reset, in window → challenge ACK).
    if (f.has('RST')) {
      if (seg.seq !== this.rcvNxt) {
        this.decide('TCP-RST-CHALLENGE-ACK', { seq: seg.seq, rcvNxt: this.rcvNxt });
        this.sendOutOfWindowAck(); // challenge ACK
        return;
      }
      if (this.state === 'SYN_RCVD' && this.passive) this.decide('TCP-SYNRCVD-RST');
      else this.decide('TCP-RST-EXACT', { state: this.state, next: 'CLOSED' });
      this.reset();
      return;
    }
    // Fourth, in a passively opened SYN-RECEIVED: the SYN (not a duplicate of the first) ends the
    // embryonic connection, which returns to LISTEN (RFC 9293 §3.10.7.4); Linux's request socket
    // also answers it with a RST (tcp_check_req → embryonic_reset). T050.
    if (f.has('SYN') && !simultaneousSynAck && this.state === 'SYN_RCVD' && this.passive) {
      if (!this.shadow && this.settings.profile === 'linux') {
        this.transmitSegment({ seq: 0, ack: seqAdd(seg.seq, len), flags: RST_ACK, payload: EMPTY, options: [] });
      }
      this.reset();
      return;
    }
    // Fourth: a SYN in a synchronized state → challenge ACK (RFC 5961 §4.2).
    if (f.has('SYN') && !simultaneousSynAck) {
      if (this.state === 'TIME_WAIT') this.decide('TCP-TIMEWAIT-SYN', { taken: false, seq: seg.seq, rcvNxt: this.rcvNxt });
      else this.decide('TCP-SYN-IN-SYNCHRONIZED', { sndNxt: this.sndNxt, rcvNxt: this.rcvNxt });
      this.sendOutOfWindowAck();
      return;
    }
    // Fifth: the ACK field.
    if (!f.has('ACK')) {
      this.decide('TCP-ACK-BIT-MISSING', { state: this.state });
      return;
    }
    if (this.state === 'SYN_RCVD') {
      if (!(seqLt(this.sndUna, seg.ack) && seqLe(seg.ack, this.sndNxt))) {
        this.decide('TCP-SYNRCVD-BAD-ACK', { ack: seg.ack, expectedAck: this.sndNxt });
        if (!this.shadow) this.sendReset(seg.ack);
        return;
      }
      if (this.passive && !this.shadow && this.acceptQueueOverflow(seg)) return;
      this.sndUna = seg.ack;
      this.ackRetransmissionQueue();
      // "set SND.WND <- SEG.WND, SND.WL1 <- SEG.SEQ, SND.WL2 <- SEG.ACK" (§3.10.7.4, SYN-RECEIVED).
      this.updateWindow(seg, simultaneousSynAck, true);
      this.setState({ type: 'RCV_ACK_OF_SYN' });
      if (simultaneousSynAck) {
        // Linux acknowledges the repeated SYN with a D-SACK block (RFC 2883); RFC 9293 Fig. 7 sends nothing.
        if (!this.shadow && this.settings.simultaneousOpenAck) this.sendAck([[this.irs, seqAdd(this.irs, 1)]]);
        return;
      }
      if (this.tsOk) this.noteTimestamp(seg, ts);
    } else {
      if (seqGt(seg.ack, this.sndNxt)) {
        this.decide('TCP-ACK-UNACCEPTABLE', { ack: seg.ack, sndNxt: this.sndNxt });
        if (!this.shadow) this.sendAck();
        return;
      }
      if (this.tsOk) this.noteTimestamp(seg, ts);
      if (!seqLt(seg.ack, this.sndUna)) this.heardFromPeer();
      const previousWindow = this.sndWnd;
      if (seqLt(this.sndUna, seg.ack)) {
        this.sndUna = seg.ack;
        this.ackRetransmissionQueue(this.tsOk ? this.echoedRtt(seg, ts) : null);
        this.newAckInRecovery();
      } else if (this.isDuplicateAck(seg, len, previousWindow)) {
        if (++this.dupAcks <= 3) this.decide('TCP-FASTRETX-TRIGGER', { n: this.dupAcks });
        if (this.dupAcks === 3 && !this.shadow) this.fastRetransmit();
      }
      this.updateWindow(seg);
      if (this.sndWnd > 0) {
        if (this.persistTimer) this.cancelTimer('persist'); // (the check saves a call per ACK)
        this.persistBackoff = 0;
      }
      // TS.Recent was noted above, before the ACK was processed; nothing since changed it or RCV.NXT.
    }
    const ourFinAcked = this.finSent && seqGt(this.sndUna, this.finSeq);
    const finInOrder = f.has('FIN') && seg.seq === this.rcvNxt;
    const state = this.state;
    if (ourFinAcked && !finInOrder) {
      if (state === 'FIN_WAIT_1' || state === 'CLOSING' || state === 'LAST_ACK') this.setState({ type: 'RCV_ACK_OF_FIN' });
      if (this.state === 'CLOSED') return;
    }
    // Seventh and eighth: segment text and FIN, in sequence order through the reassembly queue.
    let mustAck = false;
    let ackNow = false;
    const receiving = this.state === 'ESTABLISHED' || this.state === 'FIN_WAIT_1' || this.state === 'FIN_WAIT_2';
    const end = seqAdd(seg.seq, seg.payload.length);
    if (seg.payload.length > 0 && (this.state === 'FIN_WAIT_1' || this.state === 'FIN_WAIT_2') && !this.orphaned) this.decide('TCP-HALFCLOSE-DATA', { state: this.state });
    if (seg.payload.length > 0 && receiving && this.orphaned && seqGt(end, this.rcvNxt)) {
      // New data for an application that closed: RST (SHLD-3; Linux TCPAbortOnData).
      if (!this.shadow) this.transmitSegment({ seq: this.sndNxt, ack: 0, flags: RST, payload: EMPTY, options: NO_OPTIONS });
      this.error = null;
      this.setState({ type: 'ABORT' });
      return;
    }
    if (seg.payload.length > 0 || f.has('FIN')) {
      if (seqGt(seg.seq, this.rcvNxt)) {
        // A hole before it: hold it and send a duplicate ACK at once (RFC 5681 §4.2).
        this.decide('TCP-OOO-IMMEDIATE-DUPACK', { seq: seg.seq, rcvNxt: this.rcvNxt });
        if (receiving && !this.outOfOrder.has(seg.seq)) this.outOfOrder.add(seg.seq, { payload: seg.payload, fin: f.has('FIN') });
        this.lastOutOfOrder = seg.seq;
        mustAck = ackNow = true;
      } else {
        // In order (or overlapping what we have: take only the new part).
        const skip = seqSub(this.rcvNxt, seg.seq);
        const fresh = skip === 0 ? seg.payload : seg.payload.subarray(skip); // no new view when all of it is new
        if (fresh.length === 0 && !(f.has('FIN') && end === this.rcvNxt)) ackNow = true; // an old duplicate
        if (fresh.length > 0) {
          if (receiving) {
            this.deliver(fresh);
            if (fresh.length >= this.sndMss) this.unackedFullSegments++;
          }
          // In CLOSE_WAIT, CLOSING, LAST_ACK and TIME_WAIT the text is ignored (a FIN came first).
        }
        mustAck = true;
        if (f.has('FIN') && seqAdd(seg.seq, seg.payload.length) === this.rcvNxt) {
          const wasEstablished = this.state === 'ESTABLISHED';
          this.receiveFin(ourFinAcked);
          // Linux enters pingpong mode and delays this ACK (tcp_fin), so a quick close() can carry it.
          if (wasEstablished && this.settings.profile === 'linux') this.pingpong = true;
          else ackNow = true;
        }
        if (this.pullReassembled()) ackNow = true; // a hole was filled: ACK at once
      }
    }
    if (this.shadow) return;
    this.output();
    if (mustAck) this.scheduleAck(ackNow);
  }

  /**
   * TIME_WAIT's own rules (Linux tcp_timewait_state_process): a SYN above RCV.NXT or with a newer
   * timestamp may open a new incarnation with ISS = old SND.NXT + 65537 (RFC 9293 §3.6.1 MAY-2,
   * RFC 6191 §2); on Linux an ACK reschedules the TIME_WAIT timer. True if the segment was consumed.
   */
  private timeWaitArrives(seg: Segment): boolean {
    const f = seg.flags;
    if (f.has('SYN') && !f.has('ACK') && !f.has('RST')) {
      let newerTimestamp = false;
      for (const o of seg.options) if (o.kind === 'ts' && this.tsOk && ((o.val - this.tsRecent) | 0) > 0) newerTimestamp = true;
      if (seqGt(seg.seq, this.rcvNxt) || newerTimestamp) {
        const iss = seqAdd(this.sndNxt, 65537);
        if (this.host.synInTimeWait?.(this, seg, iss)) {
          this.decide('TCP-TIMEWAIT-SYN', { taken: true, seq: seg.seq, rcvNxt: this.rcvNxt, newerTimestamp });
          return true;
        }
      }
      return false;
    }
    if (f.has('ACK') && !f.has('RST') && this.settings.profile === 'linux' && !f.has('FIN')) this.startTimeWait();
    return false;
  }

  /** A new incarnation taken over from TIME_WAIT by a listener: answer the SYN with SYN,ACK. */
  reincarnate(syn: Segment, iss: number): void {
    this.cancelTimer('time-wait'); // the old incarnation's 2MSL must not end the new one
    this.setState({ type: 'RCV_SYN_IN_TIME_WAIT' });
    this.passive = true;
    this.unacked.length = 0;
    this.sendQueue = [];
    this.sendHeadOffset = 0;
    this.sendQueued = 0;
    this.received.length = 0;
    this.receivedUnread = 0;
    this.outOfOrder.clear();
    this.finQueued = this.finSent = this.rcvFin = this.orphaned = this.readShutdown = false;
    this.error = null;
    this.acceptSyn(syn);
    this.iss = iss;
    this.sndUna = iss;
    this.sndNxt = iss;
    this.sendControl(SYN_ACK, this.synOptions(true));
  }

  /** The ACK for an unacceptable segment or a challenge ACK; Linux sends at most one per 500 ms (tcp_invalid_ratelimit). */
  private sendOutOfWindowAck(): void {
    if (this.shadow) return;
    const now = this.host.now();
    if (this.settings.profile === 'linux' && now - this.lastOutOfWindowAck < 500_000) {
      this.outOfWindowAcksHeld++;
      this.decide('TCP-CHALLENGE-ACK-THROTTLE', { n: this.outOfWindowAcksHeld + 1, sinceMs: Math.round((now - this.lastOutOfWindowAck) / 1000) });
      return;
    }
    this.lastOutOfWindowAck = now;
    this.outOfWindowAcksHeld = 0;
    this.sendAck();
  }

  /** The FIN step (§3.10.7.4, eighth): RCV.NXT passes the FIN, and the state moves on. */
  private receiveFin(ourFinAcked: boolean): void {
    this.rcvNxt = seqAdd(this.rcvNxt, 1);
    this.rcvFin = true;
    const st = this.state;
    if (st === 'SYN_RCVD' || st === 'ESTABLISHED') this.setState({ type: 'RCV_FIN' });
    else if (st === 'FIN_WAIT_1') {
      this.decide('TCP-FINWAIT1-FIN', { ackOfFin: ourFinAcked, next: ourFinAcked ? 'TIME_WAIT' : 'CLOSING' });
      this.setState({ type: ourFinAcked ? 'RCV_FIN_AND_ACK_OF_FIN' : 'RCV_FIN' });
    }
    else if (st === 'FIN_WAIT_2') this.setState({ type: 'RCV_FIN' });
    else if (st === 'TIME_WAIT') {
      this.decide('TCP-TIMEWAIT-FIN-RETRANS', { sndNxt: this.sndNxt, rcvNxt: this.rcvNxt });
      this.startTimeWait();
    }
  }

  /** Delivers held segments that now begin at RCV.NXT; true if any did. */
  private pullReassembled(): boolean {
    if (this.outOfOrder.size === 0) {
      this.lastOutOfOrder = null; // (as below: nothing to pull or sweep, the usual case)
      return false;
    }
    let pulled = false;
    for (let next = this.outOfOrder.get(this.rcvNxt); next; next = this.outOfOrder.get(this.rcvNxt)) {
      this.outOfOrder.delete(this.rcvNxt);
      this.deliver(next.payload);
      pulled = true;
      if (next.fin) this.receiveFin(this.finSent && seqGt(this.sndUna, this.finSeq));
    }
    this.outOfOrder.dropEndingBy(this.rcvNxt); // anything now entirely below RCV.NXT is stale
    if (this.outOfOrder.size === 0) this.lastOutOfOrder = null;
    return pulled;
  }

  /** SACK blocks for what is held (RFC 2018 §4): the newest arrival's block first, at most three. */
  private sackBlocks(): [number, number][] {
    const blocks = this.outOfOrder.ranges();
    const newest = this.lastOutOfOrder;
    const first = newest === null ? -1 : blocks.findIndex(([l, r]) => seqLe(l, newest) && seqLt(newest, r));
    if (first > 0) blocks.unshift(...blocks.splice(first, 1));
    return blocks.slice(0, 3);
  }

  /** Table 6 of RFC 9293. */
  private acceptable(seq: number, len: number): boolean {
    const wnd = this.receiveWindow();
    const hi = seqAdd(this.rcvNxt, wnd);
    if (len === 0) return wnd === 0 ? seq === this.rcvNxt : seqInWindow(seq, this.rcvNxt, hi);
    if (wnd === 0) return false;
    return seqInWindow(seq, this.rcvNxt, hi) || seqInWindow(seqAdd(seq, len - 1), this.rcvNxt, hi);
  }

  private reset(): void {
    if (this.state === 'SYN_RCVD' && this.passive) {
      this.returnToListen();
      return;
    }
    const st = this.state;
    this.error = st === 'SYN_RCVD' ? 'ECONNREFUSED' : st === 'TIME_WAIT' ? null : 'ECONNRESET';
    this.setState({ type: 'RCV_RST' });
  }

  /** A passive child in SYN_RCVD is deleted; the listener is unaffected (T047, MUST-11). */
  private returnToListen(): void {
    this.setState({ type: 'RCV_RST_PASSIVE' });
    this.cancelAllTimers();
    this.host.removed?.(this);
  }

  // -------------------------------------------------------------------------------------------
  // ICMP Destination Unreachable about one of our segments (T036; icmp.ts has the sources)

  icmpUnreachableArrives(icmp: IcmpUnreachable): void {
    const state = this.state;
    const quotedSeq = icmp.quoted.seq;
    const outcome = icmpOutcome({
      profile: this.settings.profile, state, passive: this.passive, type: icmp.type, code: icmp.code,
      quotedSeq, iss: this.iss, sndUna: this.sndUna, sndNxt: this.sndNxt,
    });
    const facts = { type: icmp.type, code: icmp.code, state, seq: quotedSeq, sndUna: this.sndUna, sndNxt: this.sndNxt, profile: this.settings.profile };
    switch (outcome.action) {
      case 'ignore':
        this.decide('ICMP-UNREACHABLE', { ...facts, outcome: outcome.reason, errno: '' });
        return;
      case 'soft': {
        const revert = revertsBackoff({ ...facts, quotedSeq, retransmissions: this.retransmissions, backoff: this.rtoBackoff });
        this.decide('ICMP-UNREACHABLE', { ...facts, outcome: 'soft', errno: outcome.errno, reverted: revert });
        this.softError = outcome.errno;
        if (revert) this.revertRtoBackoff();
        return;
      }
      case 'drop-request':
        this.decide('ICMP-UNREACHABLE', { ...facts, outcome: 'drop-request', errno: '' });
        this.returnToListen();
        return;
      case 'abort':
        this.decide('ICMP-UNREACHABLE', { ...facts, outcome: 'abort', errno: outcome.errno });
        this.error = outcome.errno;
        this.setState({ type: 'RCV_ICMP_ERROR' });
    }
  }

  private acceptSyn(seg: Segment): void {
    this.irs = seg.seq;
    this.rcvNxt = seqAdd(seg.seq, 1);
    const s = this.settings;
    let mss = 536; // RFC 9293 §3.7.1: default when no MSS option
    let wscale: number | null = null;
    let sackOk = false;
    let ts: number | null = null;
    for (const o of seg.options) {
      if (o.kind === 'mss') mss = o.value;
      else if (o.kind === 'wscale') wscale = Math.min(o.value, 14);
      else if (o.kind === 'sackOK') sackOk = true;
      else if (o.kind === 'ts') ts = o.val;
    }
    this.sndMss = Math.min(mss, s.mss);
    this.peerMss = seg.options.some((o) => o.kind === 'mss') ? mss : null;
    this.wsOk = s.tcp_window_scaling && wscale !== null;
    this.sndWscale = this.wsOk ? (wscale ?? 0) : 0;
    this.sackOk = s.tcp_sack && sackOk;
    this.tsOk = s.tcp_timestamps && ts !== null;
    if (ts !== null) this.tsRecent = ts;
  }

  /**
   * TS.Recent takes a segment's TSval only when the segment starts at or before the left edge of
   * the window (RFC 7323 §4.3: SEG.SEQ =< Last.ACK.sent) and the TSval is not older — so an
   * out-of-order segment cannot move it, and PAWS does not reject the reordered ones.
   */
  private noteTimestamp(seg: Segment, ts: TimestampOption | null): void {
    if (ts === null || !seqLe(seg.seq, this.rcvNxt)) return;
    const val = ts.val;
    if (((val - this.tsRecent) | 0) >= 0) this.tsRecent = val;
  }

  /** Send-window update (§3.10.7.4 fifth check); a SYN's window is never scaled (RFC 7323 §2.2). */
  private updateWindow(seg: Segment, isSyn = false, force = false): void {
    if (force || isSyn || seqLt(this.sndWl1, seg.seq) || (this.sndWl1 === seg.seq && seqLe(this.sndWl2, seg.ack))) {
      this.sndWnd = isSyn || !this.wsOk ? seg.win : seg.win << this.sndWscale;
      this.sndWl1 = seg.seq;
      this.sndWl2 = seg.ack;
      this.maxSndWnd = Math.max(this.maxSndWnd, this.sndWnd);
    }
  }

  /** RCV.WND: the initial window, less what the application has not read (so it closes to 0). */
  receiveWindow(): number {
    const buffer = this.settings.tcp_rmem[1];
    return Math.max(0, Math.min(this.rcvWnd, buffer - this.receivedUnread - this.outOfOrder.bytes));
  }

  private deliver(payload: Uint8Array): void {
    this.rcvNxt = seqAdd(this.rcvNxt, payload.length);
    if (this.readShutdown) return;
    this.received.push(payload);
    this.receivedUnread += payload.length;
    this.deliveredTotal += payload.length;
    if (!this.shadow) this.host.delivered?.(this);
  }

  // -------------------------------------------------------------------------------------------
  // Output

  /** Sends what the window, Nagle and the congestion window allow; then the FIN if it is due. */
  private output(): void {
    const st = this.state;
    if (st === 'SYN_SENT' || st === 'SYN_RCVD' || st === 'CLOSED' || st === 'LISTEN') return;
    this.resendLost();
    if (this.sendQueued > 0 && this.sndWnd === 0 && this.unacked.length === 0 && !this.persistTimer) this.startPersistTimer();
    while (this.sendQueued > 0) {
      const inFlight = seqSub(this.sndNxt, this.sndUna);
      const window = Math.min(this.sndWnd, this.cwnd);
      const room = window - inFlight;
      const size = Math.min(this.sndMss, this.sendQueued, room);
      if (size <= 0) break;
      const nagle = !this.settings.nodelay && size < this.sndMss && inFlight > 0;
      if (nagle) break;
      const payload = this.takeFromSendQueue(size);
      this.sendData(this.sendQueued === 0 ? PSH_ACK : ACK, payload); // PSH: the segment that empties the send queue
    }
    if (this.finQueued && !this.finSent && this.sendQueued === 0) {
      this.finSent = true;
      this.finSeq = this.sndNxt;
      this.sendData(FIN_ACK, EMPTY);
    }
  }

  private takeFromSendQueue(size: number): Uint8Array {
    const head = this.sendQueue[0]!;
    const start = this.sendHeadOffset;
    if (head.length - start >= size) {
      // The common case: a view into the application's buffer, no copy.
      this.takenFromHead(head, size);
      this.sendQueued -= size;
      return head.subarray(start, start + size);
    }
    const out = new Uint8Array(size);
    let filled = 0;
    while (filled < size) {
      const head = this.sendQueue[0]!;
      const from = this.sendHeadOffset;
      const take = Math.min(head.length - from, size - filled);
      out.set(head.subarray(from, from + take), filled);
      filled += take;
      this.takenFromHead(head, take);
    }
    this.sendQueued -= size;
    return out;
  }

  private takenFromHead(head: Uint8Array, n: number): void {
    this.sendHeadOffset += n;
    if (this.sendHeadOffset === head.length) {
      this.sendQueue.shift();
      this.sendHeadOffset = 0;
    }
  }

  private sendData(flags: ReadonlySet<FlagName>, payload: Uint8Array): void {
    const seq = this.sndNxt;
    const now = this.host.now();
    const seqLen = payload.length + (flags.has('FIN') ? 1 : 0);
    this.unacked.push({ seq, flags, payload, seqLen, firstSent: now, lastSent: now, retransmitted: false });
    this.sndNxt = seqAdd(this.sndNxt, seqLen);
    this.transmitFields(seq, this.rcvNxt, flags, payload, this.dataOptions(now));
    this.armRto();
  }

  /** SYN or SYN,ACK: goes on the retransmission queue like data (it occupies a sequence number). */
  private sendControl(flags: ReadonlySet<FlagName>, options: readonly TcpOption[]): void {
    const seq = this.sndNxt;
    this.unacked.push({ seq, flags, payload: EMPTY, seqLen: 1, firstSent: this.host.now(), lastSent: this.host.now(), retransmitted: false });
    this.sndNxt = seqAdd(this.sndNxt, 1);
    this.transmitSegment({ seq, ack: flags.has('ACK') ? this.rcvNxt : 0, flags, payload: EMPTY, options });
    this.armRto();
  }

  private retransmitSynAsSynAck(): void {
    const head = this.unacked[0];
    if (head) head.retransmitted = true;
    this.transmitSegment({ seq: this.iss, ack: this.rcvNxt, flags: SYN_ACK, payload: EMPTY, options: this.synOptions(true) });
    this.armRto();
  }

  private sendAck(dsack?: readonly (readonly [number, number])[]): void {
    const data = this.dataOptions();
    const sackBlocks = dsack ?? (this.outOfOrder.size > 0 && this.sackOk ? this.sackBlocks() : undefined);
    const options = sackBlocks && this.sackOk ? [...data, NOP_OPTION, NOP_OPTION, { kind: 'sack', blocks: sackBlocks } as const] : data;
    this.transmitFields(this.sndNxt, this.rcvNxt, ACK, EMPTY, options);
  }

  /** <SEQ=SEG.ACK><CTL=RST> (RFC 9293 §3.10.7.3 first check, §3.10.7.4 SYN-RECEIVED). */
  private sendReset(seq: number): void {
    this.host.transmit({ src: this.local, dst: this.remote, seq, ack: 0, flags: RST, win: 0, options: NO_OPTIONS, payload: EMPTY });
  }

  private transmitSegment(parts: { seq: number; ack: number; flags: ReadonlySet<FlagName>; payload: Uint8Array; options: readonly TcpOption[] }): void {
    this.transmitFields(parts.seq, parts.ack, parts.flags, parts.payload, parts.options);
  }

  /** transmitSegment without the parts object, for the callers that run once per segment (data, ACKs). */
  private transmitFields(seq: number, ack: number, flags: ReadonlySet<FlagName>, payload: Uint8Array, options: readonly TcpOption[]): void {
    if (flags.has('ACK')) {
      if (this.delackTimer) this.cancelTimer('delack'); // (the check saves a call per segment)
      this.unackedFullSegments = 0;
    }
    const isSyn = flags.has('SYN');
    const wnd = this.receiveWindow();
    const shift = this.wsOk ? this.rcvWscale : 0;
    // Linux aligns the window up to a multiple of 2^wscale so it is not scaled away (__tcp_select_window).
    // (1 << shift equals 2 ** shift for a window scale, at most 14, and is far cheaper per segment.)
    const scaled = shift > 0 && this.settings.profile === 'linux' ? Math.ceil(wnd / (1 << shift)) : wnd >>> shift;
    const win = flags.has('RST') && !flags.has('ACK') ? 0 : isSyn ? Math.min(wnd, 65535) : Math.min(scaled, 65535);
    this.host.transmit({ src: this.local, dst: this.remote, seq, ack, flags, win, options, payload });
  }

  /** SYN options: Linux's order `mss, sackOK, TS, nop, wscale`; the RFC profile sends MSS only. */
  private synOptions(isSynAck: boolean): TcpOption[] {
    const s = this.settings;
    const options: TcpOption[] = [{ kind: 'mss', value: s.mss }];
    if (s.synOptions === 'mss-only') return options;
    const sack = s.tcp_sack && (!isSynAck || this.sackOk);
    const ts = s.tcp_timestamps && (!isSynAck || this.tsOk);
    const ws = s.tcp_window_scaling && (!isSynAck || this.wsOk);
    if (sack && ts) options.push({ kind: 'sackOK' }, { kind: 'ts', val: this.tsVal(), ecr: isSynAck ? this.tsRecent : 0 });
    else if (ts) options.push({ kind: 'nop' }, { kind: 'nop' }, { kind: 'ts', val: this.tsVal(), ecr: isSynAck ? this.tsRecent : 0 });
    else if (sack) options.push({ kind: 'nop' }, { kind: 'nop' }, { kind: 'sackOK' });
    if (ws) options.push({ kind: 'nop' }, { kind: 'wscale', value: this.rcvWscale });
    return options;
  }

  /** `nop, nop, ts` with timestamps, else none; shared with the previous segment's when TSval and TSecr are the same. */
  private dataOptions(now = this.host.now()): readonly TcpOption[] {
    if (!this.tsOk) return NO_OPTIONS;
    const val = this.tsVal(now);
    const ecr = this.tsRecent;
    const last = this.lastTsOption;
    if (last === null || last.val !== val || last.ecr !== ecr) {
      this.lastTsOption = Object.freeze({ kind: 'ts', val, ecr });
      this.lastDataOptions = Object.freeze([NOP_OPTION, NOP_OPTION, this.lastTsOption]);
    }
    return this.lastDataOptions;
  }

  /** Linux's TS clock ticks in milliseconds from a per-connection random offset. */
  private tsVal(now = this.host.now()): number {
    return (Math.floor(now / 1000) + this.tsOffset) >>> 0;
  }

  // -------------------------------------------------------------------------------------------
  // ACK policy: immediately on the RFC profile; on Linux quick-ACKs at connection start, then
  // delayed ACK (40 ms minimum) or every second full-sized segment.

  private scheduleAck(now: boolean): void {
    const s = this.settings;
    if (now || !s.delayedAck || (this.quickAcks > 0 && !this.pingpong) || this.unackedFullSegments >= 2) {
      if (this.quickAcks > 0) this.quickAcks--;
      this.sendAck();
      return;
    }
    if (!this.delackTimer) this.startTimer('delack', this.host.now() + s.delayedAckMin, () => this.sendAck());
  }

  // -------------------------------------------------------------------------------------------
  // Retransmission (RFC 6298) and the handshake retry limits

  private ackRetransmissionQueue(echoedRtt: number | null = null): void {
    const now = this.host.now();
    let sampled = false;
    if (echoedRtt !== null) {
      this.rttSample(echoedRtt); // timestamps give a sample even for retransmissions (RFC 7323 §4)
      sampled = true;
    }
    let shifted = 0;
    while (this.unacked.length > 0) {
      const head = this.unacked[0]!;
      const end = seqAdd(head.seq, head.seqLen);
      if (!seqLe(end, this.sndUna)) break;
      this.unacked.shift();
      shifted++;
      if (!head.retransmitted && !sampled) {
        this.rttSample(now - head.firstSent); // Karn: never from a retransmitted segment
        sampled = true;
      }
      // Slow start below ssthresh, then about one segment per round trip (RFC 5681 §3.1).
      this.cwnd += this.cwnd < this.ssthresh ? this.sndMss : Math.max(1, Math.floor((this.sndMss * this.sndMss) / this.cwnd));
    }
    if (this.resendFrom >= 0) this.resendFrom = Math.max(0, this.resendFrom - shifted);
    this.dupAcks = 0;
    this.retransmissions = 0;
    this.cancelTimer('rto');
    if (this.unacked.length > 0) this.armRto();
  }

  private rttSample(r: number): void {
    if (!this.hasRttSample) {
      this.srtt = r;
      this.rttvar = r / 2;
      this.hasRttSample = true;
    } else {
      this.rttvar = 0.75 * this.rttvar + 0.25 * Math.abs(this.srtt - r);
      this.srtt = 0.875 * this.srtt + 0.125 * r;
    }
    this.rto = this.baseRto();
    this.rtoBackoff = 0;
  }

  /** The RTO before any backoff: from SRTT and RTTVAR, or the initial RTO before a sample (Linux __tcp_set_rto / TCP_TIMEOUT_INIT). */
  private baseRto(): number {
    const s = this.settings;
    if (!this.hasRttSample) return s.initialRto;
    const variance = s.profile === 'linux' ? Math.max(4 * this.rttvar, s.minRto) : Math.max(1000, 4 * this.rttvar);
    return Math.min(s.maxRto, Math.max(s.minRto, Math.round(this.srtt + variance)));
  }

  /**
   * RFC 6069 as Linux tcp_ld_RTO_revert (rto-revert.ts): one backoff step undone; the timer is
   * rearmed for what is left of the reverted RTO since the head last went out, or, if nothing
   * is left, the head is retransmitted now.
   */
  private revertRtoBackoff(): void {
    const head = this.unacked[0];
    if (!head) return;
    this.rtoBackoff--;
    this.rto = backedOffRto(this.baseRto(), this.rtoBackoff, this.settings.maxRto);
    const remaining = this.rto - (this.host.now() - head.lastSent);
    if (remaining > 0) this.startTimer('rto', this.host.now() + remaining, () => this.retransmitTimeout());
    else this.retransmitTimeout();
  }

  private armRto(): void {
    if (this.shadow || this.rtoTimer) return;
    const kind: TimerKind = this.state === 'SYN_SENT' ? 'syn-rto' : this.state === 'SYN_RCVD' ? 'synack-rto' : 'rto';
    this.startTimer(kind, this.rtoDue(), () => this.retransmitTimeout());
  }

  /**
   * When the retransmission timer fires: one RTO from now, but no later than the user timeout
   * after the head was first sent (Linux tcp_clamp_rto_to_user_timeout), so the abort is on time.
   */
  private rtoDue(): number {
    const due = this.host.now() + this.rto;
    const head = this.unacked[0];
    const limit = this.settings.user_timeout;
    return limit > 0 && head ? Math.min(due, Math.max(this.host.now(), head.firstSent + limit)) : due;
  }

  private retransmitTimeout(): void {
    const head = this.unacked[0];
    if (!head) return;
    const s = this.settings;
    const st = this.state;
    // USER TIMEOUT (RFC 9293 §3.10.1, T152; Linux TCP_USER_TIMEOUT): data unacknowledged that long ends the connection.
    if (s.user_timeout > 0 && this.host.now() - head.firstSent >= s.user_timeout) {
      this.decide(st === 'SYN_SENT' || st === 'SYN_RCVD' ? 'TCP-HANDSHAKE-RETRIES' : 'TCP-RETRIES-EXHAUSTED', { state: st, k: this.retransmissions, orphaned: this.orphaned, userTimeout: s.user_timeout / US_PER_SECOND });
      this.error = this.softError ?? 'ETIMEDOUT'; // tcp_write_err: sk_err_soft ? : ETIMEDOUT
      this.setState({ type: 'TIMEOUT' });
      return;
    }
    const limit =
      st === 'SYN_SENT'
        ? s.tcp_syn_retries + (s.profile === 'linux' ? s.tcp_syn_linear_timeouts : 0)
        : st === 'SYN_RCVD'
          ? s.tcp_synack_retries
          : this.orphaned
            ? orphanRetries(s)
            : 15; // tcp_retries2
    if (this.retransmissions >= limit) {
      const handshake = st === 'SYN_SENT' || st === 'SYN_RCVD';
      this.decide(handshake ? 'TCP-HANDSHAKE-RETRIES' : 'TCP-RETRIES-EXHAUSTED', { state: st, k: this.retransmissions, orphaned: this.orphaned, firstSent: head.firstSent });
      this.error = this.softError ?? 'ETIMEDOUT'; // tcp_write_err: sk_err_soft ? : ETIMEDOUT
      this.setState({ type: 'TIMEOUT' });
      return;
    }
    this.retransmissions++;
    if (st === 'SYN_SENT') this.synTimedOut = true;
    head.retransmitted = true;
    // Linux keeps a SYN's RTO flat for the first tcp_syn_linear_timeouts retransmissions.
    const linear = st === 'SYN_SENT' && s.profile === 'linux' && this.retransmissions <= s.tcp_syn_linear_timeouts;
    if (!linear) {
      this.rto = Math.min(this.rto * 2, s.maxRto);
      this.rtoBackoff++;
    }
    head.lastSent = this.host.now();
    this.ssthresh = Math.max(Math.floor(seqSub(this.sndNxt, this.sndUna) / 2), 2 * this.sndMss);
    this.cwnd = this.sndMss;
    this.recover = null;
    this.resendFrom = this.unacked.length > 1 ? 1 : -1; // the rest follow as ACKs open the window
    const options = head.flags.has('SYN') ? this.synOptions(head.flags.has('ACK')) : this.dataOptions();
    this.transmitSegment({ seq: head.seq, ack: head.flags.has('ACK') ? this.rcvNxt : 0, flags: head.flags, payload: head.payload, options });
    this.startTimer(st === 'SYN_SENT' ? 'syn-rto' : st === 'SYN_RCVD' ? 'synack-rto' : 'rto', this.rtoDue(), () => this.retransmitTimeout());
  }

  /** RFC 5681 §2: an ACK that acknowledges nothing new, carries nothing, and keeps the window. */
  private isDuplicateAck(seg: Segment, len: number, previousWindow: number): boolean {
    const window = this.wsOk ? seg.win << this.sndWscale : seg.win;
    return this.unacked.length > 0 && len === 0 && seg.ack === this.sndUna && window === previousWindow;
  }

  /** Third duplicate ACK: retransmit the first unacknowledged segment (RFC 5681 §3.2). */
  private fastRetransmit(): void {
    if (this.recover !== null) return;
    this.ssthresh = Math.max(Math.floor(seqSub(this.sndNxt, this.sndUna) / 2), 2 * this.sndMss);
    this.cwnd = this.ssthresh + 3 * this.sndMss;
    this.recover = this.sndNxt;
    this.resend(this.unacked[0]);
  }

  /** NewReno (RFC 6582): a partial ACK resends the next hole; a full ACK ends recovery. */
  private newAckInRecovery(): void {
    if (this.recover === null) return;
    if (seqGe(this.sndUna, this.recover)) {
      this.recover = null;
      this.cwnd = this.ssthresh;
    } else if (!this.shadow) this.resend(this.unacked[0]);
  }

  /** After an RTO, the rest of the queue goes out again as the congestion window allows. */
  private resendLost(): void {
    while (this.resendFrom >= 0 && this.resendFrom < this.unacked.length) {
      const next = this.unacked[this.resendFrom]!;
      if (seqSub(next.seq, this.sndUna) >= this.cwnd) return;
      this.resend(next);
      this.resendFrom++;
    }
    this.resendFrom = -1;
  }

  private resend(segment: Unacked | undefined): void {
    if (!segment) return;
    segment.retransmitted = true;
    segment.lastSent = this.host.now();
    const options = segment.flags.has('SYN') ? this.synOptions(segment.flags.has('ACK')) : this.dataOptions();
    this.transmitSegment({ seq: segment.seq, ack: segment.flags.has('ACK') ? this.rcvNxt : 0, flags: segment.flags, payload: segment.payload, options });
    this.armRto();
  }

  /** The RTT a timestamp echo proves: now minus the TSval it echoes (Linux's TS clock is ms). */
  private echoedRtt(seg: Segment, first: TimestampOption | null): number | null {
    if (first === null) return null;
    if (first.ecr !== 0) return Math.max(1000, (((this.tsVal() - first.ecr) >>> 0) % 0x1000000) * 1000);
    for (const o of seg.options) { // a later ts option (a script may send two) may echo
      if (o.kind === 'ts' && o.ecr !== 0) return Math.max(1000, (((this.tsVal() - o.ecr) >>> 0) % 0x1000000) * 1000);
    }
    return null;
  }

  /** Zero window: probe with <SEQ=SND.UNA-1>, no data, as Linux does, backing off (RFC 9293 §3.8.6.1). */
  private startPersistTimer(): void {
    const interval = Math.min(this.settings.maxRto, this.rto * 2 ** this.persistBackoff);
    this.startTimer('persist', this.host.now() + interval, () => {
      if (this.sndWnd > 0 || this.state === 'CLOSED') return;
      this.persistBackoff++;
      this.transmitSegment({ seq: seqSub(this.sndUna, 1) >>> 0, ack: this.rcvNxt, flags: ACK, payload: EMPTY, options: this.dataOptions() });
      this.startPersistTimer();
    });
  }

  /**
   * The listener's accept queue is full (Linux tcp_check_req → listen_overflow, checked in
   * torvalds/linux net/ipv4/tcp_minisocks.c): with tcp_abort_on_overflow 0 the ACK is ignored and
   * the request stays, so the SYN,ACK timer keeps retransmitting; with 1 the ACK is answered
   * with a RST (send_reset: <SEQ=SEG.ACK><CTL=RST>) and the request is dropped
   * (inet_csk_reqsk_queue_drop). True if the ACK was consumed.
   */
  private acceptQueueOverflow(seg: Segment): boolean {
    const admit = this.host.admitChild?.(this) ?? 'accept';
    if (admit === 'accept') return false;
    if (admit === 'reset') {
      this.sendReset(seg.ack);
      this.setState({ type: 'ABORT' });
    }
    return true;
  }

  // -------------------------------------------------------------------------------------------
  // Keep-alive (RFC 9293 §3.8.4), as Linux's tcp_keepalive_timer (net/ipv4/tcp_timer.c, checked
  // in torvalds/linux): the timer is armed for tcp_keepalive_time when the connection is
  // established or SO_KEEPALIVE is set; when it fires with data outstanding or queued it just
  // waits another tcp_keepalive_time; otherwise, once the peer has been silent (no acceptable
  // ACK, tcp_ack's rcv_tstamp) for tcp_keepalive_time, it sends a probe (tcp_write_wakeup →
  // tcp_xmit_probe_skb: <SEQ=SND.UNA-1><ACK=RCV.NXT><CTL=ACK>, no data) every
  // tcp_keepalive_intvl; tcp_ack zeroes icsk_probes_out. When the timer finds tcp_keepalive_probes
  // probes unanswered it sends a RST (tcp_send_active_reset: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=RST,ACK>)
  // and the socket fails with ETIMEDOUT (tcp_write_err) — keepalive_time + probes × intvl after
  // the peer was last heard. A single lost probe never kills the connection (MUST-29).

  /** SO_KEEPALIVE or a keep-alive sysctl changed (or the connection was established): (re)arm the timer. */
  keepaliveSettingChanged(): void {
    if (this.shadow || !this.keepaliveApplies()) {
      this.cancelTimer('keepalive');
      return;
    }
    const time = this.settings.tcp_keepalive_time;
    // SO_KEEPALIVE going on arms the timer for tcp_keepalive_time (tcp_set_keepalive); a new
    // idle time re-arms it for what is left of it, as TCP_KEEPIDLE does (tcp_sock_set_keepidle_locked).
    if (!this.keepaliveTimer) this.startKeepaliveTimer(time);
    else if (time !== this.keepaliveArmedFor) this.startKeepaliveTimer(Math.max(0, time - (this.host.now() - this.lastHeard)));
    this.keepaliveArmedFor = time;
  }

  private keepaliveApplies(): boolean {
    const st = this.state;
    if (!this.settings.keepalive || st === 'CLOSED' || st === 'LISTEN' || st === 'SYN_SENT' || st === 'SYN_RCVD' || st === 'TIME_WAIT') return false;
    return !(st === 'FIN_WAIT_2' && this.orphaned);
  }

  private heardFromPeer(): void {
    this.lastHeard = this.host.now();
    this.keepaliveProbes = 0;
  }

  private startKeepaliveTimer(after: number): void {
    this.startTimer('keepalive', this.host.now() + after, () => this.keepaliveTimeout());
  }

  private keepaliveTimeout(): void {
    if (!this.keepaliveApplies()) return;
    const s = this.settings;
    if (this.unacked.length > 0 || this.sendQueued > 0) {
      this.startKeepaliveTimer(s.tcp_keepalive_time); // "It is alive without keepalive 8)"
      return;
    }
    const idle = this.host.now() - this.lastHeard;
    if (idle < s.tcp_keepalive_time) {
      this.startKeepaliveTimer(s.tcp_keepalive_time - idle);
      return;
    }
    if (this.keepaliveProbes >= s.tcp_keepalive_probes) {
      this.transmitSegment({ seq: this.sndNxt, ack: this.rcvNxt, flags: RST_ACK, payload: EMPTY, options: this.dataOptions() });
      this.error = this.softError ?? 'ETIMEDOUT'; // tcp_write_err: sk_err_soft ? : ETIMEDOUT
      this.setState({ type: 'TIMEOUT' });
      return;
    }
    this.keepaliveProbes++;
    this.transmitSegment({ seq: seqSub(this.sndUna, 1) >>> 0, ack: this.rcvNxt, flags: ACK, payload: EMPTY, options: this.dataOptions() });
    this.startKeepaliveTimer(s.tcp_keepalive_intvl);
  }

  // -------------------------------------------------------------------------------------------
  // TIME_WAIT and FIN_WAIT_2

  private startTimeWait(): void {
    this.startTimer('time-wait', this.host.now() + timeWaitLength(this.settings), () => this.setState({ type: 'TIMEOUT_2MSL' }));
  }

  private startFinWait2Timer(): void {
    this.startTimer('fin-wait-2', this.host.now() + this.settings.tcp_fin_timeout, () => {
      this.decide('TCP-FINWAIT2-TIMEOUT', { n: this.settings.tcp_fin_timeout / US_PER_SECOND });
      this.setState({ type: 'TIMEOUT' });
    });
  }

  // -------------------------------------------------------------------------------------------
  // Timer bookkeeping: one slot per kind; each start or stop is reported for the trace.

  private slot(kind: TimerKind): 'rtoTimer' | 'delackTimer' | 'timeWaitTimer' | 'finWait2Timer' | 'persistTimer' | 'keepaliveTimer' {
    if (kind === 'delack') return 'delackTimer';
    if (kind === 'keepalive') return 'keepaliveTimer';
    if (kind === 'persist') return 'persistTimer';
    if (kind === 'time-wait') return 'timeWaitTimer';
    if (kind === 'fin-wait-2') return 'finWait2Timer';
    return 'rtoTimer';
  }

  private startTimer(kind: TimerKind, at: number, run: () => void): void {
    this.cancelTimer(kind);
    const start = this.host.now();
    const slot = this.slot(kind);
    const event = this.host.schedule(at, () => {
      this[slot] = undefined;
      this.host.timerRan(this, kind, start, this.host.now(), true);
      run();
    });
    this[slot] = { kind, start, event };
  }

  private cancelTimer(kind: TimerKind): void {
    const slot = this.slot(kind);
    const timer = this[slot];
    if (!timer) return;
    this.host.cancel(timer.event);
    this.host.timerRan(this, timer.kind, timer.start, this.host.now(), false);
    this[slot] = undefined;
  }

  private cancelAllTimers(): void {
    for (const kind of ['rto', 'delack', 'time-wait', 'fin-wait-2', 'persist', 'keepalive'] as const) this.cancelTimer(kind);
  }

  /** Timers that are running, for "what is the endpoint doing" messages. */
  pendingTimers(): { kind: string; at: number }[] {
    return [this.rtoTimer, this.delackTimer, this.timeWaitTimer, this.finWait2Timer, this.persistTimer, this.keepaliveTimer]
      .filter((t): t is Timer => t !== undefined)
      .map((t) => ({ kind: t.kind, at: t.event.at }));
  }

  // -------------------------------------------------------------------------------------------
  // Shadow model: what a scripted endpoint sent, applied to its TCB as a correct stack would.

  /** Applies a segment the script sent for this (shadow) connection. */
  noteScriptedSend(seg: Segment): void {
    const f = seg.flags;
    if (f.has('RST')) {
      if (this.state !== 'CLOSED') this.setState({ type: 'ABORT' });
      return;
    }
    if (f.has('SYN')) {
      this.iss = seg.seq;
      this.sndUna = seg.seq;
      this.sndNxt = seqAdd(seg.seq, 1);
      if (this.state === 'CLOSED') this.setState({ type: 'ACTIVE_OPEN' });
      return;
    }
    const end = seqAdd(seg.seq, seg.payload.length + (f.has('FIN') ? 1 : 0));
    if (seqGt(end, this.sndNxt)) this.sndNxt = end;
    if (f.has('FIN')) {
      this.finSent = true;
      this.finSeq = seqAdd(seg.seq, seg.payload.length);
      const st = this.state;
      if (st === 'ESTABLISHED' || st === 'CLOSE_WAIT' || st === 'SYN_RCVD') this.setState({ type: 'CLOSE' });
    }
  }

  /** True when the peer's SYN is the last thing this connection received (handshake still fresh). */
  get handshakeOnly(): boolean {
    return seqSub(this.rcvNxt, this.irs) === 1 && seqSub(this.sndNxt, this.iss) <= 1;
  }
}
