// Stack settings and the two profiles. A profile is only a table of settings, so `set` can
// change any of them. Linux values: Documentation/networking/ip-sysctl.rst and
// include/net/tcp.h of Linux 6.18 (tcp-rules.md §5.1); RFC values: RFC 9293 and RFC 6298.
import { seconds } from '../net/event-queue';

export type ProfileName = 'linux' | 'rfc9293';

export interface StackSettings {
  readonly profile: ProfileName;
  tcp_syn_retries: number;
  tcp_syn_linear_timeouts: number;
  tcp_synack_retries: number;
  tcp_orphan_retries: number;
  /** µs: lifetime of an orphaned FIN_WAIT_2 socket (Linux only). */
  tcp_fin_timeout: number;
  tcp_max_tw_buckets: number;
  tcp_tw_reuse: number;
  tcp_syncookies: number;
  tcp_max_syn_backlog: number;
  tcp_timestamps: boolean;
  tcp_sack: boolean;
  tcp_window_scaling: boolean;
  /** min, default, max receive buffer in bytes. */
  tcp_rmem: [number, number, number];
  mss: number;
  backlog: number;
  /** SO_LINGER seconds, or null when off. */
  linger: number | null;
  nodelay: boolean;
  /** µs. */
  msl: number;
  /** SO_KEEPALIVE: keep-alive probes on an idle connection (off by default, RFC 9293 MUST-24/25). */
  keepalive: boolean;
  /** µs of idleness before the first keep-alive probe (RFC 9293 MUST-28: default ≥ 2 h). */
  tcp_keepalive_time: number;
  /** µs between unanswered keep-alive probes. */
  tcp_keepalive_intvl: number;
  /** Unanswered probes after which the connection is reset (ETIMEDOUT). */
  tcp_keepalive_probes: number;
  /** listen()'s backlog is capped at this (net.core.somaxconn). */
  somaxconn: number;
  /** 1: a full accept queue answers the handshake's final ACK with RST; 0: drops it. */
  tcp_abort_on_overflow: boolean;
  /** TCP Fast Open (RFC 7413) as Linux's bit mask: 1 = client, 2 = server (takes data on a SYN with a valid cookie). */
  tcp_fastopen: number;
  /** µs that sent data may stay unacknowledged before the connection is aborted (TCP_USER_TIMEOUT, RFC 9293 USER TIMEOUT); 0 = off. */
  user_timeout: number;
  // Not sysctls: timer constants of the profile (µs).
  readonly initialRto: number;
  readonly minRto: number;
  readonly maxRto: number;
  /** TIME_WAIT length in µs; null = 2·MSL. Linux fixes it at 60 s (TCP_TIMEWAIT_LEN). */
  readonly timeWaitFixed: number | null;
  readonly delayedAck: boolean;
  readonly delayedAckMin: number;
  /** Options on SYN and SYN,ACK: Linux sends mss, sackOK, TS, nop, wscale; the RFC profile MSS only. */
  readonly synOptions: 'linux' | 'mss-only';
  /** Linux answers a simultaneous-open SYN,ACK with an ACK; RFC 9293 Fig. 7 does not. */
  readonly simultaneousOpenAck: boolean;
  /** Receive window announced on a SYN / on a SYN,ACK (unscaled). */
  readonly synWindow: number;
  readonly synAckWindow: number;
}

/**
 * Keep-alive, accept-queue and user-timeout defaults, the same in both profiles. ip-sysctl.rst:
 * tcp_keepalive_time 7200, _intvl 75, _probes 9; somaxconn 4096 (since 5.4); tcp_abort_on_overflow
 * 0. SO_KEEPALIVE is off unless the application sets it (socket(7); RFC 9293 §3.8.4 MUST-24/25),
 * and RFC 9293 gives only the idle time (≥ 2 h), so the RFC profile probes as Linux does; somaxconn
 * and tcp_abort_on_overflow have no RFC counterpart. The USER TIMEOUT is optional (RFC 9293
 * §3.10.1; Linux TCP_USER_TIMEOUT 0: the retries decide).
 */
const SOCKET_DEFAULTS = {
  keepalive: false,
  tcp_keepalive_time: seconds(7200),
  tcp_keepalive_intvl: seconds(75),
  tcp_keepalive_probes: 9,
  somaxconn: 4096,
  tcp_abort_on_overflow: false,
  user_timeout: 0,
} as const;

export function profileSettings(profile: ProfileName): StackSettings {
  if (profile === 'rfc9293') {
    return {
      profile,
      tcp_syn_retries: 6,
      tcp_syn_linear_timeouts: 0,
      tcp_synack_retries: 5,
      tcp_orphan_retries: 8,
      tcp_fin_timeout: 0, // no FIN_WAIT_2 timeout in the RFC
      tcp_max_tw_buckets: Number.MAX_SAFE_INTEGER,
      tcp_tw_reuse: 0,
      tcp_syncookies: 0,
      tcp_max_syn_backlog: 128,
      tcp_timestamps: false,
      tcp_sack: false,
      tcp_window_scaling: false,
      tcp_rmem: [4096, 65535, 65535],
      mss: 1460,
      backlog: 128,
      linger: null,
      nodelay: true,
      msl: seconds(120),
      ...SOCKET_DEFAULTS,
      tcp_fastopen: 0, // RFC 7413 is Experimental and not part of RFC 9293
      initialRto: seconds(1),
      minRto: seconds(1),
      // RFC 6298 (2.5) allows any maximum of at least 60 s; 120 s gives the textbook series
      // 1, 3, 7, 15, 31, 63 s and connect() failing at 127 s with 6 retries.
      maxRto: seconds(120),
      timeWaitFixed: null,
      delayedAck: false,
      delayedAckMin: seconds(0.2),
      synOptions: 'mss-only',
      simultaneousOpenAck: false,
      synWindow: 65535,
      synAckWindow: 65535,
    };
  }
  return {
    profile,
    tcp_syn_retries: 6,
    tcp_syn_linear_timeouts: 4,
    tcp_synack_retries: 5,
    tcp_orphan_retries: 0,
    tcp_fin_timeout: seconds(60),
    tcp_max_tw_buckets: 262144,
    tcp_tw_reuse: 2,
    tcp_syncookies: 1,
    tcp_max_syn_backlog: 4096,
    tcp_timestamps: true,
    tcp_sack: true,
    tcp_window_scaling: true,
    tcp_rmem: [4096, 131072, 33554432],
    mss: 1460,
    backlog: 4096,
    linger: null,
    nodelay: false,
    msl: seconds(30),
    ...SOCKET_DEFAULTS,
    tcp_fastopen: 1, // ip-sysctl.rst: default 0x1, client only; a server needs 0x2
    initialRto: seconds(1),
    minRto: seconds(0.2),
    maxRto: seconds(120),
    timeWaitFixed: seconds(60),
    delayedAck: true,
    delayedAckMin: seconds(0.04),
    synOptions: 'linux',
    simultaneousOpenAck: true,
    synWindow: 64240,
    synAckWindow: 65160,
  };
}

/** TIME_WAIT length: Linux's fixed 60 s, else 2·MSL. */
export function timeWaitLength(s: StackSettings): number {
  return s.timeWaitFixed ?? 2 * s.msl;
}

/** The window scale Linux derives from the largest receive buffer (tcp_rmem max): 32 MiB → 10. */
export function windowScaleFor(s: StackSettings): number {
  let shift = 0;
  while (shift < 14 && s.tcp_rmem[2] >>> shift > 65535) shift++;
  return shift;
}

/** `tcp_orphan_retries` 0 means 8 (tcp_orphan_retries() in tcp_timer.c). */
/**
 * When a SYN (or SYN,ACK) is retransmitted and when the handshake gives up, in µs after the first
 * send, as the engine's RTO timer does it: the RTO doubles after each retransmission (RFC 6298
 * §5.5) up to the profile's maximum, except Linux keeps it flat for the first
 * tcp_syn_linear_timeouts SYN retransmissions (Linux 6.5+).
 */
export function handshakeSchedule(s: StackSettings, synAck: boolean): { readonly retransmits: readonly number[]; readonly giveUp: number } {
  const limit = synAck ? s.tcp_synack_retries : s.tcp_syn_retries + (s.profile === 'linux' ? s.tcp_syn_linear_timeouts : 0);
  const retransmits: number[] = [];
  let rto = s.initialRto;
  let t = 0;
  for (let k = 1; k <= limit; k++) {
    t += rto;
    retransmits.push(t);
    const linear = !synAck && s.profile === 'linux' && k <= s.tcp_syn_linear_timeouts;
    if (!linear) rto = Math.min(rto * 2, s.maxRto);
  }
  return { retransmits, giveUp: t + rto };
}

export function orphanRetries(s: StackSettings): number {
  return s.tcp_orphan_retries === 0 ? 8 : s.tcp_orphan_retries;
}

// ---------------------------------------------------------------------------------------------
// What `set` accepts: each key's kind of value and range. The runner validates against this.

export type SettingKind = 'count' | 'bool' | 'duration' | 'size' | 'rmem' | 'linger';

export interface SettingSpec {
  readonly kind: SettingKind;
  readonly min: number;
  readonly max: number;
}

export const SETTING_SPECS: Readonly<Record<string, SettingSpec>> = {
  tcp_syn_retries: { kind: 'count', min: 1, max: 127 },
  tcp_syn_linear_timeouts: { kind: 'count', min: 0, max: 127 },
  tcp_synack_retries: { kind: 'count', min: 0, max: 127 },
  tcp_orphan_retries: { kind: 'count', min: 0, max: 127 },
  tcp_fin_timeout: { kind: 'duration', min: 0, max: 3600 },
  tcp_max_tw_buckets: { kind: 'count', min: 0, max: 2_147_483_647 },
  tcp_tw_reuse: { kind: 'count', min: 0, max: 2 },
  tcp_syncookies: { kind: 'count', min: 0, max: 2 },
  tcp_max_syn_backlog: { kind: 'count', min: 1, max: 2_147_483_647 },
  tcp_timestamps: { kind: 'bool', min: 0, max: 1 },
  tcp_sack: { kind: 'bool', min: 0, max: 1 },
  tcp_window_scaling: { kind: 'bool', min: 0, max: 1 },
  tcp_rmem: { kind: 'rmem', min: 1, max: 2_147_483_647 },
  mss: { kind: 'size', min: 88, max: 65495 },
  backlog: { kind: 'count', min: 0, max: 65535 },
  linger: { kind: 'linger', min: 0, max: 3600 },
  nodelay: { kind: 'bool', min: 0, max: 1 },
  msl: { kind: 'duration', min: 0, max: 3600 },
  // Linux caps the per-socket values at MAX_TCP_KEEPIDLE / MAX_TCP_KEEPINTVL 32767 s and
  // MAX_TCP_KEEPCNT 127 (include/net/tcp.h).
  keepalive: { kind: 'bool', min: 0, max: 1 },
  tcp_keepalive_time: { kind: 'duration', min: 1, max: 32767 },
  tcp_keepalive_intvl: { kind: 'duration', min: 1, max: 32767 },
  tcp_keepalive_probes: { kind: 'count', min: 1, max: 127 },
  somaxconn: { kind: 'count', min: 0, max: 2_147_483_647 },
  tcp_abort_on_overflow: { kind: 'bool', min: 0, max: 1 },
  // TCP_USER_TIMEOUT takes milliseconds up to INT_MAX (tcp(7)).
  user_timeout: { kind: 'duration', min: 0, max: 2_147_483 },
  tcp_fastopen: { kind: 'count', min: 0, max: 3 },
};

/**
 * A setting's valid values in the script's own notation (`0 | 1`, `0s–3600s`, `88–65495`), for
 * messages and hovers; `words` supplies the two phrases that need a language.
 */
export function settingRangeText(spec: SettingSpec, words = { rmem: 'MIN DEFAULT MAX (bytes)', seconds: 'seconds' }): string {
  switch (spec.kind) {
    case 'bool':
      return '0 | 1';
    case 'duration':
      return `${spec.min}s–${spec.max}s`;
    case 'rmem':
      return words.rmem;
    case 'linger':
      return `off | ${spec.min}–${spec.max} (${words.seconds})`;
    default:
      return `${spec.min}–${spec.max}`;
  }
}
