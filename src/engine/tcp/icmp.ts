// ICMP Destination Unreachable — ICMPv4 (RFC 792 type 3) or ICMPv6 (RFC 4443 §3.1 type 1) — as it
// reaches a TCP stack: which error it means for the socket, and whether a profile aborts the
// connection for it. The network carries
// it as a Segment with `icmp` set (segment.ts); the connection decides (connection.ts
// `icmpUnreachableArrives`).
//
// Sources, checked for this file:
// - RFC 9293 §3.9.2.2 (from RFC 1122 §4.2.3.9): Destination Unreachable codes 0, 1, 5 are soft
//   errors: "a TCP implementation MUST NOT abort the connection (MUST-56)" and "SHOULD make the
//   information available to the application (SHLD-25)"; codes 2-4 are hard errors: "TCP
//   implementations SHOULD abort the connection (SHLD-26)". RFC 1122's DISCUSSION lets TCP
//   report a soft error "only when and if the TCP connection times out".
// - Linux 6.18 net/ipv4/tcp_ipv4.c tcp_v4_err(): the quoted sequence number must lie in
//   [SND.UNA, SND.NXT] (`between(seq, snd_una, tp->snd_nxt)`) or the ICMP is dropped
//   (LINUX_MIB_OUTOFWINDOWICMPS); code > NR_ICMP_UNREACH (15) is ignored; ICMP_FRAG_NEEDED is
//   path-MTU discovery (tcp_v4_mtu_reduced), not an error; otherwise
//   `err = icmp_err_convert[code].errno`. In TCP_SYN_SENT / TCP_SYN_RECV the socket gets
//   `sk->sk_err = err` and `tcp_done(sk)` — whatever the code; in the other states, without
//   IP_RECVERR, only `sk->sk_err_soft = err` ("Only an error on timeout"), and
//   net/ipv4/tcp_timer.c tcp_write_err() later reports `sk_err_soft ? : ETIMEDOUT`. A request
//   socket (a listener's child in SYN_RECV) is dropped by tcp_req_err() only for codes 0 and 1,
//   and only if the quoted sequence number is its ISN.
// - Linux 6.18 net/ipv4/icmp.c icmp_err_convert[]: the errno per code (below).
// - RFC 5927 §4.1: checking the quoted sequence number against the send window blunts blind
//   ICMP attacks; the rfc9293 profile checks it as Linux does.
// - ICMPv6: RFC 9293 §3.9.2.2 "applies to ICMPv6 in addition to IPv4 ICMP"; its soft errors
//   include "Destination Unreachable -- codes 0, 3"; its hard-error list names ICMPv4 codes only.
//   Linux 6.18 net/ipv6/icmp.c icmpv6_err_convert(): type 1 takes errno and `fatal` from
//   tab_unreach[code] (below), a code past the table gives EPROTO, fatal. net/ipv6/tcp_ipv6.c
//   tcp_v6_err(): TIME_WAIT ignores it; a request socket is dropped by tcp_req_err(sk, seq,
//   fatal) — fatal codes, not 0 and 1 as for IPv4; the same [SND.UNA, SND.NXT] check; then
//   SYN_SENT / SYN_RECV abort with err (no code limit, unlike IPv4's NR_ICMP_UNREACH); other
//   states keep it as sk_err_soft.
import { NO_OPTIONS, sharedFlags, type Segment } from './segment';

/** An ICMP Destination Unreachable on the simulated wire. */
export interface IcmpUnreachable {
  /** 3: ICMPv4 (RFC 792); 1: ICMPv6 (RFC 4443 §3.1), about a segment between IPv6 addresses. */
  readonly type: IcmpUnreachableType;
  readonly code: number;
  /** Next-hop MTU (RFC 1191) for code 4, else 0. */
  readonly mtu: number;
  /** The TCP segment the error is about, as its sender sent it (the ICMP quotes its headers). */
  readonly quoted: Segment;
}

/** Linux icmp_err_convert[code].errno (net/ipv4/icmp.c), codes 0–15. */
const ERRNO_OF_CODE: readonly string[] = [
  'ENETUNREACH', //  0 ICMP_NET_UNREACH
  'EHOSTUNREACH', // 1 ICMP_HOST_UNREACH
  'ENOPROTOOPT', //  2 ICMP_PROT_UNREACH
  'ECONNREFUSED', // 3 ICMP_PORT_UNREACH
  'EMSGSIZE', //     4 ICMP_FRAG_NEEDED
  'EOPNOTSUPP', //   5 ICMP_SR_FAILED
  'ENETUNREACH', //  6 ICMP_NET_UNKNOWN
  'EHOSTDOWN', //    7 ICMP_HOST_UNKNOWN
  'ENONET', //       8 ICMP_HOST_ISOLATED
  'ENETUNREACH', //  9 ICMP_NET_ANO
  'EHOSTUNREACH', // 10 ICMP_HOST_ANO
  'ENETUNREACH', // 11 ICMP_NET_UNR_TOS
  'EHOSTUNREACH', // 12 ICMP_HOST_UNR_TOS
  'EHOSTUNREACH', // 13 ICMP_PKT_FILTERED (administratively prohibited)
  'EHOSTUNREACH', // 14 ICMP_PREC_VIOLATION
  'EHOSTUNREACH', // 15 ICMP_PREC_CUTOFF
];

export type IcmpUnreachableType = 3 | 1;

/** Linux tab_unreach[code] (net/ipv6/icmp.c), ICMPv6 codes 0–6: errno and whether icmpv6_err_convert calls it fatal. */
const ICMPV6_OF_CODE: readonly { readonly errno: string; readonly fatal: boolean }[] = [
  { errno: 'ENETUNREACH', fatal: false }, //  0 ICMPV6_NOROUTE
  { errno: 'EACCES', fatal: true }, //        1 ICMPV6_ADM_PROHIBITED
  { errno: 'EHOSTUNREACH', fatal: false }, // 2 beyond scope of source address ("was NOT_NEIGHBOUR")
  { errno: 'EHOSTUNREACH', fatal: false }, // 3 ICMPV6_ADDR_UNREACH
  { errno: 'ECONNREFUSED', fatal: true }, //  4 ICMPV6_PORT_UNREACH
  { errno: 'EACCES', fatal: true }, //        5 ICMPV6_POLICY_FAIL
  { errno: 'EACCES', fatal: true }, //        6 ICMPV6_REJECT_ROUTE
];

/** The largest ICMPv4 code Linux acts on (NR_ICMP_UNREACH); tcp_v6_err has no such limit. */
export const MAX_UNREACHABLE_CODE = 15;

export function errnoOfUnreachable(code: number, type: IcmpUnreachableType = 3): string {
  if (type === 1) return ICMPV6_OF_CODE[code]?.errno ?? 'EPROTO';
  return ERRNO_OF_CODE[code] ?? 'EHOSTUNREACH';
}

/** Linux icmpv6_err_convert's `fatal` for a Destination Unreachable code (codes past tab_unreach: fatal). */
export function isFatalIcmp6Unreachable(code: number): boolean {
  return ICMPV6_OF_CODE[code]?.fatal ?? true;
}

/**
 * RFC 9293 §3.9.2.2: ICMPv4 codes 2–4 are hard errors; 0, 1, 5 soft; the RFC leaves the rest
 * unclassified (treated as soft). For ICMPv6 it names codes 0 and 3 soft and no code hard; the
 * model takes port unreachable (4) as hard, the counterpart of ICMPv4's hard code 3 (the same
 * `port` kind, keywords.ts), and the rest as soft.
 */
export function isHardUnreachable(code: number, type: IcmpUnreachableType = 3): boolean {
  if (type === 1) return code === 4;
  return code >= 2 && code <= 4;
}

/** ICMPv6 (type 1) for a segment between IPv6 addresses, else ICMPv4 (type 3). */
export function unreachableTypeFor(ip: string): IcmpUnreachableType {
  return ip.includes(':') ? 1 : 3;
}

const EMPTY = new Uint8Array(0);

/**
 * The Destination Unreachable that `fromIp` sends about `quoted`: it travels to the quoted
 * segment's source (the socket it is about), as ICMPv6 when that is an IPv6 address. `quoted`
 * keeps the whole segment; what goes on the wire quotes its headers (wire/icmp.ts, icmp6.ts).
 */
export function unreachableSegment(fromIp: string, quoted: Segment, code: number, mtu = 0): Segment {
  return {
    src: { ip: fromIp, port: 0 },
    dst: quoted.src,
    seq: 0,
    ack: 0,
    flags: sharedFlags(),
    win: 0,
    options: NO_OPTIONS,
    payload: EMPTY,
    icmp: { type: unreachableTypeFor(quoted.src.ip), code, mtu, quoted },
  };
}
