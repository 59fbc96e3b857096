// A host's TCP at one address:port, as the script's `endpoint` line declares it: the socket API
// (listen, connect, accept, send, recv, shutdown, close, abort), the listener with its SYN and
// accept queues and SYN cookies, demultiplexing to connections, and the reply to a segment for a
// port nobody listens on (RFC 9293 §3.10.7.1).
import type { FlagName } from '../../language/ast';
import type { TcpStateName } from '../../runner/trace';
import { Connection, type ConnectionHost } from './connection';
import type { ConnectionEventType } from './connection-machine';
import { windowScaleFor } from './profile';
import { flagText, segmentLength, sameAddress, sharedFlags, type Segment, type SocketAddress, type TcpOption } from './segment';
import { seqAdd, seqSub } from './seq';
import type { IcmpUnreachable } from './icmp';
import type { ReactionRule, Verdict, VerdictFacts } from './verdict';

export type CallResult = { readonly ok: true } | { readonly ok: false; readonly errno: string };

const OK: CallResult = { ok: true };
const fail = (errno: string): CallResult => ({ ok: false, errno });
const EMPTY = new Uint8Array(0);

/** What the echoed cookie timestamp says (cookie_decode_options): SACK and the peer's wscale. */
function decodeCookieTimestamp(ack: Segment): { tsOk: boolean; sackOk: boolean; wscale: number | null } {
  const ts = ack.options.find((o) => o.kind === 'ts');
  if (!ts || ts.kind !== 'ts') return { tsOk: false, sackOk: false, wscale: null };
  const bits = ts.ecr & 0x3f;
  return { tsOk: true, sackOk: (bits & 0x10) !== 0, wscale: (bits & 0xf) === 0xf ? null : bits & 0xf };
}

/**
 * What a cookie SYN,ACK cannot keep of the SYN's options: without timestamps there is nowhere to
 * store SACK-permitted and the window scale (RFC 4987 §3.6; Linux cookie_init_timestamp).
 */
function lostCookieOptions(syn: Segment, timestamps: boolean): string | null {
  if (timestamps && syn.options.some((o) => o.kind === 'ts')) return null;
  const lost = syn.options.filter((o) => o.kind === 'sackOK' || o.kind === 'wscale').map((o) => o.kind);
  return lost.length > 0 ? lost.join(', ') : null;
}

/** What a TFO server decided about a SYN's Fast Open option (see TcpEndpoint.fastOpen). */
export interface FastOpen {
  readonly cookie: string;
  readonly presented: string;
  readonly accepted: boolean;
}

/** Linux's SYN-cookie MSS table (net/ipv4/syncookies.c, msstab). */
const COOKIE_MSS_TABLE = [536, 1300, 1440, 1460] as const;

interface Listener {
  backlog: number;
  readonly synQueue: Connection[];
  readonly acceptQueue: Connection[];
}

export interface EndpointEnvironment extends Omit<ConnectionHost, 'established' | 'removed' | 'stateChanged' | 'decided'> {
  /** A rule-governed decision of one of the endpoint's connections, or of the listener / closed port (null). */
  decided?(connection: Connection | null, verdict: Verdict): void;
  /** A state change of one of the endpoint's connections, or of the listener itself (null). */
  stateChanged(connection: Connection | null, from: TcpStateName, to: TcpStateName, event?: ConnectionEventType): void;
  /** Addresses that belong to named endpoints (a connection to one of them is "the" connection). */
  isNamed(address: SocketAddress): boolean;
  /** A secret for SYN cookies, from the seed. */
  readonly cookieSecret: number;
  /** In-order data reached one of the endpoint's connections. */
  dataArrived?(connection: Connection): void;
}

export class TcpEndpoint {
  private listener: Listener | null = null;
  private readonly connections: Connection[] = [];
  /** The connection socket calls act on: the connected or accepted one. */
  private current: Connection | null = null;
  private acceptPending = false;
  private everListened = false;
  /** A SYN cookie went out: an ACK to the listener may return one (else it is a plain stray ACK). */
  private cookiesSent = false;
  lastError: string | null = null;

  constructor(
    readonly address: SocketAddress,
    private readonly env: EndpointEnvironment,
    readonly shadow: boolean,
  ) {}

  // -------------------------------------------------------------------------------------------
  // What `expect` observes

  /** The state of the connection the script talks about, else LISTEN or CLOSED. */
  get state(): TcpStateName {
    const c = this.primary();
    if (c) return c.state;
    return this.listener ? 'LISTEN' : 'CLOSED';
  }

  get synQueueLength(): number {
    return this.listener?.synQueue.length ?? 0;
  }

  get acceptQueueLength(): number {
    return this.listener?.acceptQueue.length ?? 0;
  }

  /** The last call's error, else the async error of the connection (ECONNREFUSED, ETIMEDOUT …). */
  get error(): string | null {
    return this.lastError ?? this.primary()?.error ?? null;
  }

  /**
   * The connection `expect` and unaccepted socket calls talk about: the connected or accepted
   * one; else the newest live connection from a named endpoint; else, for a listener, none (the
   * endpoint is LISTEN); else the newest connection, even if it has closed.
   */
  primary(): Connection | null {
    if (this.current) return this.current;
    const newestFirst = [...this.connections].reverse();
    const live = newestFirst.find((c) => c.state !== 'CLOSED' && this.env.isNamed(c.remote));
    if (live) return live;
    if (this.listener) return null;
    return newestFirst.find((c) => this.env.isNamed(c.remote)) ?? newestFirst[0] ?? null;
  }

  // -------------------------------------------------------------------------------------------
  // Socket calls

  listen(backlog: number | undefined): CallResult {
    if (this.listener) return OK;
    if (this.current && this.current.state !== 'CLOSED') return fail('EINVAL');
    const before = this.state;
    // listen() caps the backlog at net.core.somaxconn (__sys_listen).
    const limit = Math.min(backlog ?? this.env.settings.backlog, this.env.settings.somaxconn);
    this.listener = { backlog: limit, synQueue: [], acceptQueue: [] };
    this.everListened = true;
    if (before === 'CLOSED') this.env.stateChanged(null, 'CLOSED', 'LISTEN');
    return OK;
  }

  connect(remote: SocketAddress): CallResult {
    if (this.listener) return fail('EINVAL');
    const c = this.current;
    if (c && c.state === 'SYN_SENT') return fail('EALREADY');
    if (c && c.state !== 'CLOSED' && c.state !== 'TIME_WAIT') return fail('EISCONN');
    // The same 4-tuple still in TIME_WAIT: only tcp_tw_reuse may take it over (tcp_twsk_unique).
    const timeWait = this.connections.find((x) => sameAddress(x.remote, remote) && x.state === 'TIME_WAIT');
    let iss: number | undefined;
    if (timeWait) {
      if (!this.mayReuse(timeWait)) return fail('EADDRNOTAVAIL');
      this.decide(timeWait, 'TCP-TIMEWAIT-BYPASS', { mechanism: 'tcp_tw_reuse', mode: this.env.settings.tcp_tw_reuse });
      iss = seqAdd(timeWait.sndNxt, 65537);
      timeWait.abort();
    }
    const conn = this.newConnection(remote, false);
    this.current = conn;
    this.lastError = null;
    conn.activeOpen(iss);
    return OK;
  }

  /**
   * tcp_tw_reuse: 1 = on, 2 = only for loopback addresses (the default); the old connection must
   * have used timestamps and be in TIME_WAIT for at least tcp_tw_reuse_delay (1 s).
   */
  private mayReuse(timeWait: Connection): boolean {
    const mode = this.env.settings.tcp_tw_reuse;
    const loopback = (ip: string): boolean => ip.startsWith('127.') || ip === '::1';
    if (mode === 0 || (mode === 2 && !(loopback(this.address.ip) && loopback(timeWait.remote.ip)))) return false;
    return timeWait.tsOk && this.env.now() - timeWait.timeWaitSince >= 1_000_000;
  }

  accept(): CallResult {
    if (!this.listener) return fail('EINVAL');
    const next = this.listener.acceptQueue.shift();
    if (next) this.current = next;
    else this.acceptPending = true; // blocks until a handshake completes
    return OK;
  }

  send(bytes: Uint8Array): CallResult {
    const c = this.current ?? this.primary();
    if (!c || c.state === 'CLOSED' || c.state === 'LISTEN') return fail(c?.error === 'ECONNRESET' ? 'ECONNRESET' : c ? 'EPIPE' : 'ENOTCONN');
    if (c.finQueued) return fail('EPIPE');
    if (c.state === 'SYN_SENT' || c.state === 'SYN_RCVD' || c.state === 'ESTABLISHED' || c.state === 'CLOSE_WAIT') {
      c.send(bytes);
      return OK;
    }
    return fail('EPIPE');
  }

  recv(max: number | undefined): { result: CallResult; data: Uint8Array } {
    const c = this.current ?? this.primary();
    if (!c) return { result: fail('ENOTCONN'), data: EMPTY };
    if (c.receivedUnread === 0 && c.error) return { result: fail(c.error), data: EMPTY };
    return { result: OK, data: c.recv(max) };
  }

  shutdown(how: 'read' | 'write' | 'both'): CallResult {
    const c = this.current ?? this.primary();
    if (!c || c.state === 'CLOSED' || c.state === 'LISTEN' || c.state === 'SYN_SENT') return fail('ENOTCONN');
    if (how === 'read' || how === 'both') c.readShutdown = true;
    if (how === 'write' || how === 'both') c.shutdownWrite();
    return OK;
  }

  close(): CallResult {
    // close() acts on the socket the application holds: the connected or accepted one, else
    // the listening socket; a never-accepted connection has no descriptor of its own.
    const c = this.current ?? (this.listener ? null : this.primary());
    if (c && c.state !== 'CLOSED') {
      const linger0 = this.env.settings.linger === 0;
      if (linger0) c.abort();
      else c.close();
      return OK;
    }
    if (this.listener) this.closeListener(this.listener);
    return OK;
  }

  /**
   * Closing a listener (inet_csk_listen_stop): connections waiting in the accept queue are reset,
   * half-open requests vanish without a word.
   */
  private closeListener(l: Listener): void {
    this.listener = null;
    for (const child of l.acceptQueue.splice(0)) child.abort();
    for (const child of l.synQueue.splice(0)) child.discard();
    this.env.stateChanged(null, 'LISTEN', 'CLOSED');
  }

  abort(): CallResult {
    const c = this.current ?? this.primary();
    if (c) c.abort();
    else this.listener = null;
    return OK;
  }

  // -------------------------------------------------------------------------------------------
  // Segments

  segmentArrives(seg: Segment): void {
    if (seg.icmp) {
      this.icmpArrives(seg.icmp);
      return;
    }
    const conn = this.connections.find((c) => sameAddress(c.remote, seg.src) && c.state !== 'CLOSED' && c.state !== 'LISTEN');
    if (conn) {
      conn.segmentArrives(seg);
      return;
    }
    if (this.listener) {
      this.listenerArrives(this.listener, seg);
      return;
    }
    if (this.shadow) {
      // A scripted endpoint starts listening when its first event is receiving a SYN.
      if (seg.flags.has('SYN') && !seg.flags.has('ACK') && !seg.flags.has('RST') && this.connections.length === 0) {
        const child = this.newConnection(seg.src, true);
        this.current = child;
        child.passiveOpen(seg, null);
      }
      return;
    }
    this.closedPortArrives(seg);
  }

  /**
   * An ICMP error is demultiplexed by the segment it quotes (RFC 9293 §3.9.2.2, MUST-54; Linux
   * looks the socket up by the quoted 4-tuple): the connection that sent it to the quoted
   * destination. An ICMP about no connection of ours is dropped.
   */
  private icmpArrives(icmp: IcmpUnreachable): void {
    const q = icmp.quoted;
    if (!sameAddress(q.src, this.address)) return;
    const conn = this.connections.find((c) => sameAddress(c.remote, q.dst) && c.state !== 'CLOSED');
    conn?.icmpUnreachableArrives(icmp);
  }

  /** RFC 9293 §3.10.7.2 (LISTEN), with Linux's queues and SYN cookies. */
  private listenerArrives(l: Listener, seg: Segment): void {
    const f = seg.flags;
    if (f.has('RST')) {
      this.decide(null, 'TCP-LISTEN-IGNORE', { segment: flagText(f) }); // first: ignore RST
      return;
    }
    if (f.has('ACK')) {
      // second: an ACK for no handshake — unless it returns a SYN cookie we sent.
      if (!f.has('SYN') && this.env.settings.tcp_syncookies > 0 && this.cookiesSent) {
        const mss = this.checkCookie(seg);
        this.decide(null, 'TCP-SYNCOOKIE-VALIDATE', { ack: seg.ack, cookie: seqSub(seg.ack, 1) >>> 0, valid: mss !== null, acceptQueueFull: this.acceptQueueFull(l) });
        if (mss !== null && !this.acceptQueueFull(l)) {
          const child = this.newConnection(seg.src, true);
          child.cookieOpen({ seq: seqSub(seg.seq, 1) >>> 0, mss, ...decodeCookieTimestamp(seg) }, seg);
          // The ACK may carry data (or a FIN): the new connection takes it at once.
          if (seg.payload.length > 0 || seg.flags.has('FIN')) child.segmentArrives(seg);
          return;
        }
        // A valid cookie but no room: Linux's tcp_v4_syn_recv_sock gives no child (exit_overflow),
        // cookie_v4_check returns NULL and tcp_v4_do_rcv discards the ACK: no RST.
        if (mss !== null) return;
      }
      if (!this.cookiesSent || this.env.settings.tcp_syncookies === 0) this.decide(null, 'TCP-LISTEN-ACK-RST', { ack: seg.ack });
      this.sendRst(seg, { seq: seg.ack, ack: 0, flags: ['RST'] });
      return;
    }
    if (!f.has('SYN')) {
      this.decide(null, 'TCP-LISTEN-IGNORE', { segment: flagText(f) }); // fourth: anything else is dropped
      return;
    }
    // third: a SYN.
    const s = this.env.settings;
    const limit = Math.min(l.backlog, s.tcp_max_syn_backlog);
    const synQueueFull = l.synQueue.length > limit;
    const useCookie = s.tcp_syncookies === 2 || (s.tcp_syncookies === 1 && synQueueFull);
    if (this.acceptQueueFull(l) && (useCookie || !synQueueFull)) {
      this.decide(null, 'TCP-ACCEPTQ-OVERFLOW', { n: l.acceptQueue.length, backlog: l.backlog, segment: 'SYN' });
      return; // dropped: the client will retransmit
    }
    if (synQueueFull) this.decide(null, 'TCP-SYNQ-OVERFLOW', { n: l.synQueue.length, limit, cookie: useCookie });
    const fastOpen = this.fastOpen(seg);
    if (seg.payload.length > 0 && !fastOpen?.accepted) {
      if (fastOpen) this.decide(null, 'TCP-TFO-COOKIE', { presented: fastOpen.presented, len: seg.payload.length });
      else this.decide(null, 'TCP-SYN-DATA-NO-TFO', { len: seg.payload.length });
    }
    if (useCookie) {
      const lost = lostCookieOptions(seg, s.tcp_timestamps);
      if (lost) this.decide(null, 'TCP-SYNCOOKIE-OPTIONS', { option: lost });
      this.sendCookieSynAck(seg);
      return;
    }
    if (synQueueFull) return; // dropped: the client will retransmit
    const child = this.newConnection(seg.src, true);
    l.synQueue.push(child);
    child.passiveOpen(seg, this.env.random.uint32(), fastOpen);
  }

  /**
   * A SYN's Fast Open option at a TFO server (tcp_fastopen bit 2): the cookie this server gives
   * the client's address, and whether the SYN presented it (then its data may be taken at once,
   * RFC 7413 §4.2.2). Null when the SYN has no TFO option or the server does not do TFO.
   */
  private fastOpen(seg: Segment): FastOpen | null {
    const option = seg.options.find((o) => o.kind === 'tfo');
    if (!option || option.kind !== 'tfo' || (this.env.settings.tcp_fastopen & 2) === 0) return null;
    const cookie = this.fastOpenCookie(seg.src.ip);
    return { cookie, presented: option.cookie, accepted: option.cookie !== '' && option.cookie === cookie };
  }

  /** 8 bytes (hex) keyed by the seeded secret and the client's address, as Linux's siphash of the source IP. */
  private fastOpenCookie(ip: string): string {
    let a = this.env.cookieSecret ^ 0x85ebca6b;
    let b = this.env.cookieSecret ^ 0xc2b2ae35;
    for (let i = 0; i < ip.length; i++) {
      a = Math.imul(a ^ ip.charCodeAt(i), 0x01000193) >>> 0;
      b = Math.imul(b ^ a, 0x27d4eb2d) >>> 0;
    }
    return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
  }

  /**
   * The handshake of a listener's child completes: Linux refuses it while the accept queue is
   * full (tcp_v4_syn_recv_sock → sk_acceptq_is_full), dropping the ACK or, with
   * tcp_abort_on_overflow, resetting (tcp-rules.md rule 53). RFC 9293 has no accept queue: the
   * rfc9293 profile always admits.
   */
  private admitChild(c: Connection): 'accept' | 'drop' | 'reset' {
    const l = this.listener;
    const s = this.env.settings;
    if (!l || s.profile !== 'linux' || !l.synQueue.includes(c) || !this.acceptQueueFull(l)) return 'accept';
    const abort = s.tcp_abort_on_overflow;
    this.decide(c, 'TCP-ACCEPTQ-OVERFLOW', { n: l.acceptQueue.length, backlog: l.backlog, segment: 'ACK', abort });
    return abort ? 'reset' : 'drop';
  }

  /** Linux counts a queue full only when it holds more than the backlog. */
  private acceptQueueFull(l: Listener): boolean {
    return l.acceptQueue.length > l.backlog;
  }

  private cookieFor(seg: Segment, mssIndex: number): number {
    // A keyed hash of the 4-tuple and the client's ISN; the low bits carry the MSS index.
    let h = this.env.cookieSecret ^ 0x9e3779b9;
    for (const part of [seg.src.ip, String(seg.src.port), seg.dst.ip, String(seg.dst.port), String(seg.seq)]) {
      for (let i = 0; i < part.length; i++) h = Math.imul(h ^ part.charCodeAt(i), 0x01000193) >>> 0;
    }
    return ((h & ~3) | mssIndex) >>> 0;
  }

  private sendCookieSynAck(syn: Segment): void {
    this.cookiesSent = true;
    let peerMss = 536;
    for (const o of syn.options) if (o.kind === 'mss') peerMss = o.value;
    let index = 0;
    COOKIE_MSS_TABLE.forEach((m, i) => {
      if (m <= peerMss) index = i;
    });
    const iss = this.cookieFor(syn, index);
    const s = this.env.settings;
    this.env.transmit({
      src: this.address,
      dst: syn.src,
      seq: iss,
      ack: seqAdd(syn.seq, 1),
      flags: sharedFlags('SYN', 'ACK'),
      win: s.synAckWindow,
      options: this.cookieOptions(syn),
      payload: EMPTY,
    });
  }

  /**
   * A cookie SYN,ACK keeps the options only when timestamps carry them (Linux
   * cookie_init_timestamp: SACK and the peer's wscale in the low 6 bits of TSval); without
   * timestamps it offers MSS alone, and SACK and window scaling are lost (RFC 4987 §3.6).
   */
  private cookieOptions(syn: Segment): TcpOption[] {
    const s = this.env.settings;
    const ts = syn.options.find((o) => o.kind === 'ts');
    if (!ts || !s.tcp_timestamps) return [{ kind: 'mss', value: s.mss }];
    const wscale = syn.options.find((o) => o.kind === 'wscale');
    const sack = s.tcp_sack && syn.options.some((o) => o.kind === 'sackOK');
    const peerScale = wscale && s.tcp_window_scaling && wscale.kind === 'wscale' ? wscale.value & 0xf : 0xf;
    const now = Math.floor(this.env.now() / 1000) >>> 0;
    let val = ((now & ~0x3f) | peerScale | (sack ? 0x10 : 0)) >>> 0;
    if (val > now) val = (val - 0x40) >>> 0; // never ahead of the clock (cookie_init_timestamp)
    const options: TcpOption[] = [{ kind: 'mss', value: s.mss }];
    if (sack) options.push({ kind: 'sackOK' }, { kind: 'ts', val, ecr: ts.kind === 'ts' ? ts.val : 0 });
    else options.push({ kind: 'nop' }, { kind: 'nop' }, { kind: 'ts', val, ecr: ts.kind === 'ts' ? ts.val : 0 });
    if (peerScale !== 0xf) options.push({ kind: 'nop' }, { kind: 'wscale', value: windowScaleFor(s) });
    return options;
  }

  /** The MSS a valid cookie encodes, or null. */
  private checkCookie(ack: Segment): number | null {
    const cookie = seqSub(ack.ack, 1) >>> 0;
    const clientIsn = seqSub(ack.seq, 1) >>> 0;
    const index = cookie & 3;
    const probe: Segment = { ...ack, seq: clientIsn };
    return this.cookieFor(probe, index) === cookie ? COOKIE_MSS_TABLE[index]! : null;
  }

  /** No socket: RST as RFC 9293 §3.10.7.1 says (never in reply to a RST). */
  private closedPortArrives(seg: Segment): void {
    if (seg.flags.has('RST')) {
      this.decide(null, 'TCP-RST-NO-REPLY');
      return;
    }
    if (seg.flags.has('ACK')) {
      this.decide(null, 'TCP-RST-GENERATION', { withAck: false, seq: seg.ack });
      this.sendRst(seg, { seq: seg.ack, ack: 0, flags: ['RST'] });
    } else {
      const ack = seqAdd(seg.seq, segmentLength(seg));
      this.decide(null, 'TCP-RST-GENERATION', { withAck: true, ack, syn: seg.flags.has('SYN') });
      this.sendRst(seg, { seq: 0, ack, flags: ['RST', 'ACK'] });
    }
  }

  private decide(connection: Connection | null, rule: ReactionRule, facts: VerdictFacts = {}): void {
    this.env.decided?.(connection, { rule, facts });
  }

  private sendRst(to: Segment, parts: { seq: number; ack: number; flags: FlagName[] }): void {
    this.env.transmit({ src: this.address, dst: to.src, seq: parts.seq, ack: parts.ack, flags: sharedFlags(...parts.flags), win: 0, options: [], payload: EMPTY });
  }

  // -------------------------------------------------------------------------------------------
  // Shadow models of scripted endpoints

  /** The live connection to `remote`, if any. */
  connectionTo(remote: SocketAddress): Connection | null {
    return this.connections.find((c) => sameAddress(c.remote, remote) && c.state !== 'CLOSED') ?? null;
  }

  /** A scripted endpoint that sends a SYN first opens actively (its shadow starts in CLOSED). */
  openShadow(remote: SocketAddress): Connection {
    const c = this.newConnection(remote, false);
    this.current = c;
    return c;
  }

  // -------------------------------------------------------------------------------------------

  private newConnection(remote: SocketAddress, passive: boolean): Connection {
    const host: ConnectionHost = {
      ...this.env,
      settings: this.env.settings,
      random: this.env.random,
      now: () => this.env.now(),
      schedule: (at, run) => this.env.schedule(at, run),
      cancel: (e) => this.env.cancel(e),
      transmit: (seg) => this.env.transmit(seg),
      stateChanged: (c, from, to, event) => {
        // A listener's child starts in LISTEN (its CLOSED→LISTEN step is internal); children of
        // spoofed or unknown peers (a SYN flood) show in `queue syn`, not as the endpoint's state.
        if (c.passive && (from === 'CLOSED' || !this.env.isNamed(c.remote))) return;
        this.env.stateChanged(c, from, to, event);
      },
      timerRan: (c, kind, start, end, fired) => this.env.timerRan(c, kind, start, end, fired),
      decided: (c, v) => this.env.decided?.(c, v),
      delivered: (c) => this.env.dataArrived?.(c),
      established: (c) => this.childEstablished(c),
      admitChild: (c) => this.admitChild(c),
      removed: (c) => this.childRemoved(c),
      admitTimeWait: (c) => this.connections.filter((x) => x !== c && x.state === 'TIME_WAIT').length < this.env.settings.tcp_max_tw_buckets,
      synInTimeWait: (c, syn, iss) => {
        // Only a listener can take the SYN (tcp_v4_rcv, TCP_TW_SYN); without one it is ACKed.
        if (!this.listener || this.shadow) return false;
        this.listener.synQueue.push(c);
        if (this.current === c) this.current = null;
        c.reincarnate(syn, iss);
        return true;
      },
    };
    const conn = new Connection(host, this.address, remote, { passive, shadow: this.shadow });
    this.connections.push(conn);
    return conn;
  }

  private childEstablished(c: Connection): void {
    const l = this.listener;
    if (!l || !c.passive) return;
    const i = l.synQueue.indexOf(c);
    if (i >= 0) l.synQueue.splice(i, 1);
    if (this.acceptPending) {
      // A blocked accept() returns the first connection that completes.
      this.acceptPending = false;
      this.current = c;
    } else l.acceptQueue.push(c);
  }

  private childRemoved(c: Connection): void {
    // A passive child reset back to LISTEN is gone (Linux drops the request); it must not
    // swallow the next SYN from the same address.
    if (c.state === 'LISTEN') this.connections.splice(this.connections.indexOf(c), 1);
    const l = this.listener;
    if (!l) return;
    for (const q of [l.synQueue, l.acceptQueue]) {
      const i = q.indexOf(c);
      if (i >= 0) q.splice(i, 1);
    }
  }

  /** A `set` changed the stack settings: SO_KEEPALIVE and the keep-alive sysctls act on live connections. */
  settingsChanged(): void {
    for (const c of this.connections) c.keepaliveSettingChanged();
  }

  /** True once listen() was called (for messages). */
  get listened(): boolean {
    return this.everListened;
  }
}
