// The words the language knows, in one place: statement keywords, socket calls, flags, packet
// fields, TCP options, TLS words. All of them are case-insensitive; the lists hold the spelling
// used in messages. (The TextMate grammar in syntaxes/ spells the same lists as regexes.)
import type { FlagName } from './ast';

/** Words that start a statement. */
export const STATEMENT_KEYWORDS = [
  'flow', 'profile', 'seed', 'endpoint', 'link', 'set',
  'drop', 'heal', 'duplicate', 'reorder', 'ignore', 'wait', 'expect', 'repeat', 'unreachable',
] as const;

export type StatementKeyword = (typeof STATEMENT_KEYWORDS)[number];

/** Socket calls, written after the endpoint name: `client connect server`. */
export const CALL_WORDS = ['listen', 'connect', 'accept', 'send', 'recv', 'shutdown', 'close', 'abort'] as const;

export type CallWord = (typeof CALL_WORDS)[number];

/** `client shutdown read|write|both`. */
export const SHUTDOWN_HOW = ['read', 'write', 'both'] as const;

/** `expect server queue syn|accept N`. */
export const QUEUE_NAMES = ['syn', 'accept'] as const;

export const FLAG_NAMES: readonly FlagName[] = ['SYN', 'ACK', 'FIN', 'RST', 'PSH', 'URG', 'ECE', 'CWR'];

/** tcpdump's one-letter flags inside `[…]`; `.` is ACK. */
export const TCPDUMP_FLAGS: Readonly<Record<string, FlagName>> = {
  S: 'SYN', F: 'FIN', R: 'RST', P: 'PSH', U: 'URG', E: 'ECE', W: 'CWR', '.': 'ACK',
};

export const PACKET_FIELDS = ['seq', 'ack', 'win', 'len', 'data'] as const;

export const ENDPOINT_KINDS = ['stack', 'scripted', 'raw'] as const;

export const TCP_OPTION_NAMES = ['mss', 'sackOK', 'ts', 'nop', 'wscale', 'sack', 'eol', 'tfo'] as const;

/**
 * ICMPv4 Destination Unreachable kinds and their codes (RFC 792 codes 0–5; RFC 1812 §5.2.7.1
 * code 13), as `ICMP unreachable KIND` and the `unreachable A -> B KIND` event write them.
 */
export const ICMP_UNREACHABLE_KINDS = {
  net: 0,
  host: 1,
  protocol: 2,
  port: 3,
  'frag-needed': 4,
  'source-route-failed': 5,
  'admin-prohibited': 13,
} as const;

export type IcmpUnreachableKind = keyof typeof ICMP_UNREACHABLE_KINDS;

export const ICMP_KIND_NAMES = Object.keys(ICMP_UNREACHABLE_KINDS) as IcmpUnreachableKind[];

/**
 * The ICMPv6 Destination Unreachable code (RFC 4443 §3.1, type 1) of each kind that has one, used
 * when the connection is between IPv6 addresses. `protocol`, `frag-needed` and
 * `source-route-failed` have none: IPv6 reports those with Parameter Problem or Packet Too Big.
 */
export const ICMPV6_UNREACHABLE_CODES: Readonly<Partial<Record<IcmpUnreachableKind, number>>> = {
  net: 0, // no route to destination
  'admin-prohibited': 1, // communication with destination administratively prohibited
  host: 3, // address unreachable
  port: 4, // port unreachable
};

/** `port`, `host`, `code 9`: how a code of ICMP type 3 (ICMPv4) or 1 (ICMPv6) is written. */
export function icmpKindName(code: number, type: 3 | 1 = 3): string {
  const codes: Readonly<Partial<Record<IcmpUnreachableKind, number>>> = type === 1 ? ICMPV6_UNREACHABLE_CODES : ICMP_UNREACHABLE_KINDS;
  for (const name of ICMP_KIND_NAMES) if (codes[name] === code) return name;
  return `code ${code}`;
}

/** Verbs after `NAME tls`. */
export const TLS_VERBS = ['connect', 'accept', 'send', 'recv', 'close', 'keyupdate'] as const;

/** Keyword arguments of a TLS call; every other word after one of these is one of its values. */
export const TLS_ARG_KEYS = ['version', 'suites', 'sni', 'cert', 'peer', 'alpn', 'groups', 'sigalgs', 'ticket', 'verify'] as const;

/** TLS handshake messages and record types a TLS packet line may name (canonical spelling). */
export const TLS_MESSAGES = [
  'ClientHello', 'ServerHello', 'HelloRetryRequest', 'EncryptedExtensions', 'Certificate',
  'CertificateRequest', 'CertificateVerify', 'CertificateStatus', 'ServerKeyExchange',
  'ServerHelloDone', 'ClientKeyExchange', 'ChangeCipherSpec', 'Finished', 'NewSessionTicket',
  'KeyUpdate', 'EndOfEarlyData', 'HelloRequest', 'ApplicationData', 'Alert',
] as const;

export function isOneOf<T extends string>(word: string, list: readonly T[]): word is T {
  return (list as readonly string[]).includes(word);
}

/** Each list's entries by their lower-case spelling, built on first use. */
const byLowerCase = new WeakMap<readonly string[], ReadonlyMap<string, string>>();

/** The list entry equal to `word` ignoring case. */
export function findIgnoringCase<T extends string>(word: string, list: readonly T[]): T | undefined {
  let map = byLowerCase.get(list);
  if (!map) {
    map = new Map(list.map((entry) => [entry.toLowerCase(), entry]));
    byLowerCase.set(list, map);
  }
  return map.get(word.toLowerCase()) as T | undefined;
}
