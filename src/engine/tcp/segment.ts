// A TCP segment as it travels on the simulated wire, with the IP addresses that carry it.
// An ICMP error travels as a Segment too, with `icmp` set: then `src` is the ICMP sender's
// address (port 0), `dst` the quoted segment's source (the socket it is about), and the TCP
// fields are unused (no flags, empty payload).
import type { FlagName } from '../../language/ast';
import type { IcmpUnreachable } from './icmp';

export type TcpOption =
  | { readonly kind: 'mss'; readonly value: number }
  | { readonly kind: 'wscale'; readonly value: number }
  | { readonly kind: 'sackOK' }
  /** TCP Fast Open (RFC 7413): the cookie as hex, empty for a cookie request. */
  | { readonly kind: 'tfo'; readonly cookie: string }
  | { readonly kind: 'sack'; readonly blocks: readonly (readonly [number, number])[] }
  | { readonly kind: 'ts'; readonly val: number; readonly ecr: number }
  | { readonly kind: 'nop' }
  | { readonly kind: 'eol' };

export interface SocketAddress {
  readonly ip: string;
  readonly port: number;
}

export interface Segment {
  readonly src: SocketAddress;
  readonly dst: SocketAddress;
  readonly seq: number;
  readonly ack: number;
  readonly flags: ReadonlySet<FlagName>;
  readonly win: number;
  readonly options: readonly TcpOption[];
  readonly payload: Uint8Array;
  /** Set on an ICMP Destination Unreachable, never on a TCP segment. */
  readonly icmp?: IcmpUnreachable;
}

/** Flags in the order tcpdump and the script write them. */
export const FLAG_ORDER: readonly FlagName[] = ['SYN', 'FIN', 'RST', 'PSH', 'ACK', 'URG', 'ECE', 'CWR'];

const sharedFlagSets = new Map<string, ReadonlySet<FlagName>>();

/**
 * One set per combination of flags, shared by every segment that carries it: a stack builds
 * the same few combinations for every segment it sends, and a segment's flags are read-only.
 * Never mutate the result (the type says so; nothing casts it back).
 */
export function sharedFlags(...names: FlagName[]): ReadonlySet<FlagName> {
  const key = FLAG_ORDER.filter((f) => names.includes(f)).join(',');
  let set = sharedFlagSets.get(key);
  if (!set) {
    set = new Set(names);
    sharedFlagSets.set(key, set);
  }
  return set;
}

/** Options shared by segments that carry exactly these (frozen: never changed in place). */
export const NO_OPTIONS: readonly TcpOption[] = Object.freeze([]);
export const NOP_OPTION: TcpOption = Object.freeze({ kind: 'nop' });

export function flagList(flags: ReadonlySet<FlagName>): FlagName[] {
  return FLAG_ORDER.filter((f) => flags.has(f));
}

/** `SYN,ACK` */
export function flagText(flags: ReadonlySet<FlagName>): string {
  return flagList(flags).join(',');
}

/** SEG.LEN: data octets, plus one for SYN and one for FIN (RFC 9293 §3.4). */
export function segmentLength(seg: Segment): number {
  return seg.payload.length + (seg.flags.has('SYN') ? 1 : 0) + (seg.flags.has('FIN') ? 1 : 0);
}

/** `mss 1460`, `sackOK`, `ts val=1 ecr=0`, `nop`, `wscale 7`, `sack 1:2 3:4`: the script's own spelling. */
export function optionText(option: TcpOption): string {
  switch (option.kind) {
    case 'mss':
      return `mss ${option.value}`;
    case 'wscale':
      return `wscale ${option.value}`;
    case 'sackOK':
      return 'sackOK';
    case 'tfo':
      return option.cookie === '' ? 'tfo' : `tfo ${option.cookie}`;
    case 'sack':
      return `sack ${option.blocks.map(([l, r]) => `${l}:${r}`).join(' ')}`;
    case 'ts':
      return `ts val=${option.val} ecr=${option.ecr}`;
    case 'nop':
      return 'nop';
    case 'eol':
      return 'eol';
  }
}

const addressTexts = new WeakMap<SocketAddress, string>();

/** `10.0.0.1:80`, `[2001:db8::1]:80` (cached per address object: it is asked for every packet). */
export function addressText(a: SocketAddress): string {
  let text = addressTexts.get(a);
  if (text === undefined) {
    text = a.ip.includes(':') ? `[${a.ip}]:${a.port}` : `${a.ip}:${a.port}`;
    addressTexts.set(a, text);
  }
  return text;
}

export function sameAddress(a: SocketAddress, b: SocketAddress): boolean {
  return a.ip === b.ip && a.port === b.port;
}

export type TimestampOption = Extract<TcpOption, { readonly kind: 'ts' }>;

/** A segment's (first) timestamps option, or null without one. */
export function timestampOptionOf(seg: Segment): TimestampOption | null {
  const options = seg.options;
  for (let i = 0; i < options.length; i++) {
    const o = options[i]!;
    if (o.kind === 'ts') return o;
  }
  return null;
}

/** The TSval of a segment's timestamps option, or null without one. */
export function timestampOf(seg: Segment): number | null {
  return timestampOptionOf(seg)?.val ?? null;
}
