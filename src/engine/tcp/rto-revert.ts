// RFC 6069 (TCP-LD, "Making TCP More Robust to Long Connectivity Disruptions") as Linux 6.18
// does it: an ICMP net/host unreachable that quotes SND.UNA while the retransmission timer is
// backed off undoes one backoff step, so a connection whose path is down keeps probing at the
// un-backed-off rate and resumes soon after the path comes back.
//
// Sources, checked for this file:
// - Linux 6.18 net/ipv4/tcp_ipv4.c tcp_ld_RTO_revert(sk, seq): returns unless
//   `seq == tp->snd_una && icsk->icsk_retransmits && icsk->icsk_backoff`; then
//   `icsk_backoff--`, `icsk_rto = tp->srtt_us ? __tcp_set_rto(tp) : TCP_TIMEOUT_INIT`,
//   `icsk_rto = inet_csk_rto_backoff(icsk, tcp_rto_max(sk))` (min(rto << backoff, max)), and
//   `remaining = icsk_rto - (now - tcp_skb_timestamp_us(head of the retransmission queue))`:
//   remaining > 0 rearms the retransmission timer for `remaining`, else tcp_retransmit_timer()
//   retransmits at once ("RTO revert clocked out retransmission").
// - tcp_v4_err() calls it for ICMP_DEST_UNREACH codes ICMP_NET_UNREACH (0) and
//   ICMP_HOST_UNREACH (1) when the socket is not a Fast Open child (`!fastopen`);
//   net/ipv6/tcp_ipv6.c tcp_v6_err() only for ICMPV6_DEST_UNREACH code ICMPV6_NOROUTE (0), in
//   states other than SYN_SENT, SYN_RECV and LISTEN. In SYN_SENT tcp_v4_err aborts right after,
//   so in both families it matters only for a synchronized connection: where the engine's
//   outcome is `soft` (icmp-outcome.ts).
// - RFC 6069 §4 (the algorithm): on an ICMP unreachable for the oldest outstanding segment
//   during backoff, "undo one backoff" and, if the reverted RTO has already expired, retransmit
//   immediately. The rfc9293 profile does not implement it (RFC 9293 does not require it).
import type { ProfileName } from './profile';
import type { IcmpUnreachableType } from './icmp';

export interface RevertContext {
  readonly profile: ProfileName;
  readonly type: IcmpUnreachableType;
  readonly code: number;
  readonly quotedSeq: number;
  readonly sndUna: number;
  /** icsk_retransmits: retransmissions of the head since it was last acknowledged. */
  readonly retransmissions: number;
  /** icsk_backoff: how many times the RTO has been doubled since it was last computed. */
  readonly backoff: number;
}

/** Whether this ICMP reverts one backoff step (the caller has already decided it is a soft error). */
export function revertsBackoff(c: RevertContext): boolean {
  if (c.profile !== 'linux') return false;
  const unreachable = c.type === 1 ? c.code === 0 : c.code === 0 || c.code === 1;
  return unreachable && c.quotedSeq === c.sndUna && c.retransmissions > 0 && c.backoff > 0;
}

/** inet_csk_rto_backoff: the base RTO shifted left by the backoff, capped at the maximum. */
export function backedOffRto(base: number, backoff: number, maxRto: number): number {
  return Math.min(base * 2 ** backoff, maxRto);
}
