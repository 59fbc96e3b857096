// What a connection does with an ICMP Destination Unreachable about one of its segments, per
// profile (the sources are in icmp.ts): ignore it, abort with the error, drop a half-open
// request, or keep the error as a soft error that a later timeout reports.
import type { TcpStateName } from '../../runner/trace';
import type { ProfileName } from './profile';
import { errnoOfUnreachable, isFatalIcmp6Unreachable, isHardUnreachable, MAX_UNREACHABLE_CODE, type IcmpUnreachableType } from './icmp';
import { seqGe, seqLe } from './seq';

export type IcmpOutcome =
  /** Nothing changes: the quoted segment is not in flight, PMTU discovery, an unknown code, a state with nothing to abort. */
  | { readonly action: 'ignore'; readonly reason: 'out-of-window' | 'frag-needed' | 'unknown-code' | 'state' | 'request' }
  /** The connection ends (CLOSED) and the socket reports `errno`. */
  | { readonly action: 'abort'; readonly errno: string }
  /** A listener's half-open child is removed silently (Linux tcp_req_err; the listener is unaffected). */
  | { readonly action: 'drop-request' }
  /** The connection goes on; `errno` is reported if it later times out. */
  | { readonly action: 'soft'; readonly errno: string };

export interface IcmpContext {
  readonly profile: ProfileName;
  readonly state: TcpStateName;
  /** The connection was opened from LISTEN (a Linux request socket while in SYN_RCVD). */
  readonly passive: boolean;
  /** 3 (ICMPv4) or 1 (ICMPv6). */
  readonly type: IcmpUnreachableType;
  readonly code: number;
  /** The sequence number in the quoted TCP header. */
  readonly quotedSeq: number;
  readonly iss: number;
  readonly sndUna: number;
  readonly sndNxt: number;
}

const NOTHING_TO_ABORT: ReadonlySet<TcpStateName> = new Set(['CLOSED', 'LISTEN', 'TIME_WAIT']);

export function icmpOutcome(c: IcmpContext): IcmpOutcome {
  // tcp_v4_err: a TIME_WAIT socket ignores ICMP; closed and listening sockets have no segment in flight.
  if (NOTHING_TO_ABORT.has(c.state)) return { action: 'ignore', reason: 'state' };
  if (c.state === 'SYN_RCVD' && c.passive) return requestOutcome(c);
  // between(seq, snd_una, snd_nxt) (Linux); RFC 5927 §4.1 for the rfc9293 profile.
  if (!(seqGe(c.quotedSeq, c.sndUna) && seqLe(c.quotedSeq, c.sndNxt))) return { action: 'ignore', reason: 'out-of-window' };
  if (c.type === 1) return icmp6Outcome(c);
  if (c.code > MAX_UNREACHABLE_CODE) return { action: 'ignore', reason: 'unknown-code' };
  // Code 4 is path-MTU discovery's signal (RFC 1191; Linux tcp_v4_mtu_reduced). RFC 9293 lists it
  // among the hard errors (from RFC 1122), but §3.7.2 makes PMTUD the SHOULD (SHLD-6) and under
  // PMTUD it means "send smaller segments". The engine models no path MTU: nothing changes.
  if (c.code === 4) return { action: 'ignore', reason: 'frag-needed' };
  const errno = errnoOfUnreachable(c.code);
  if (c.profile === 'linux') {
    // tcp_v4_err: any Destination Unreachable ends a connection that is still being set up.
    if (c.state === 'SYN_SENT' || c.state === 'SYN_RCVD') return { action: 'abort', errno };
    return { action: 'soft', errno }; // sk_err_soft, reported by tcp_write_err on timeout
  }
  // RFC 9293 §3.9.2.2: hard errors SHOULD abort (SHLD-26); soft errors MUST NOT (MUST-56).
  return isHardUnreachable(c.code) ? { action: 'abort', errno } : { action: 'soft', errno };
}

/**
 * ICMPv6 type 1 in a state with a segment in flight. Linux tcp_v6_err: any code aborts SYN_SENT /
 * SYN_RECV (errno from icmpv6_err_convert, EPROTO past its table), later states keep a soft
 * error. rfc9293: only port unreachable is taken as hard (icmp.ts isHardUnreachable). ICMPv6 has
 * no path-MTU code here (that is Packet Too Big, type 2).
 */
function icmp6Outcome(c: IcmpContext): IcmpOutcome {
  const errno = errnoOfUnreachable(c.code, 1);
  if (c.profile === 'linux') return c.state === 'SYN_SENT' || c.state === 'SYN_RCVD' ? { action: 'abort', errno } : { action: 'soft', errno };
  return isHardUnreachable(c.code, 1) ? { action: 'abort', errno } : { action: 'soft', errno };
}

/**
 * Linux tcp_req_err: the quoted seq must be the SYN,ACK's ISN; then ICMPv4 codes 0 and 1 drop the
 * request (tcp_v4_err), ICMPv6 codes icmpv6_err_convert calls fatal (tcp_v6_err) — 1, 4, 5, 6
 * and those past its table. rfc9293: the hard errors drop it.
 */
function requestOutcome(c: IcmpContext): IcmpOutcome {
  if (c.quotedSeq !== c.iss) return { action: 'ignore', reason: 'out-of-window' };
  const drop = c.profile === 'linux'
    ? c.type === 1 ? isFatalIcmp6Unreachable(c.code) : c.code === 0 || c.code === 1
    : isHardUnreachable(c.code, c.type) && !(c.type === 3 && c.code === 4);
  return drop ? { action: 'drop-request' } : { action: 'ignore', reason: 'request' };
}
