// The syntax tree of a .tcpflow script. Every node carries the exact source range of what it
// came from, so that diagnostics can point at the offending token (the `ack=` field, not the
// line). Positions are 0-based (LSP convention); the CLI adds 1 when it prints them.

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

export interface Node {
  readonly range: Range;
}

/** A name as written: an endpoint, a symbol, a keyword argument. */
export interface Name extends Node {
  readonly text: string;
}

// ---------------------------------------------------------------------------------------------
// Values

/** A duration in seconds (`250us`, `40ms`, `1s`, `1.5s`, `2m`). */
export interface Duration extends Node {
  readonly seconds: number;
}

/** A plain integer (decimal or 0x hex). */
export interface NumberLit extends Node {
  readonly value: number;
}

export interface StringLit extends Node {
  /** The decoded bytes (escapes applied, UTF-8 for non-ASCII characters). */
  readonly bytes: Uint8Array;
  /** The decoded text, for display. */
  readonly text: string;
}

/** `x`, `x+1`, `y-3`, or a literal number, in a seq=/ack= field. Arithmetic is modulo 2^32. */
export type SeqExpr =
  | (Node & { readonly kind: 'number'; readonly value: number })
  | (Node & { readonly kind: 'symbol'; readonly name: string; readonly offset: number; readonly nameRange: Range });

/** A setting's value as written; the runner validates it against the key. */
export type SettingValue =
  | (Node & { readonly kind: 'number'; readonly value: number })
  | (Node & { readonly kind: 'duration'; readonly seconds: number })
  | (Node & { readonly kind: 'size'; readonly bytes: number })
  | (Node & { readonly kind: 'percent'; readonly percent: number })
  | (Node & { readonly kind: 'name'; readonly text: string })
  | (Node & { readonly kind: 'string'; readonly text: string })
  | (Node & { readonly kind: 'list'; readonly items: readonly number[] });

/** An endpoint reference in a packet line: a name, or `*` (any address) in patterns. */
export type EndpointRef = (Node & { readonly kind: 'name'; readonly name: string }) | (Node & { readonly kind: 'any' });

/** `IP:PORT` as written after `endpoint` or `connect`. IPv6 is written `[addr]:port`. */
export interface Address extends Node {
  readonly ip: string;
  readonly port: number;
  readonly family: 4 | 6;
}

/** `from 198.51.100.*:*`: a spoofed source; `*` parts are fresh (seeded) values each time. */
export interface SpoofedSource extends Node {
  /** The four octets of an IPv4 source, or the IPv6 text; null octets are `*`. */
  readonly ip: string;
  readonly port: number | '*';
}

// ---------------------------------------------------------------------------------------------
// Packets

export type FlagName = 'SYN' | 'ACK' | 'FIN' | 'RST' | 'PSH' | 'URG' | 'ECE' | 'CWR';

export interface Flags extends Node {
  /** In the order written, upper case, without duplicates. Empty for tcpdump's `[.]`-less forms is impossible: `[.]` is ACK. */
  readonly flags: readonly FlagName[];
}

export type TcpOptionNode =
  | (Node & { readonly kind: 'mss'; readonly value: number })
  | (Node & { readonly kind: 'wscale'; readonly value: number })
  | (Node & { readonly kind: 'sackOK' })
  | (Node & { readonly kind: 'sack'; readonly blocks: readonly { readonly left: SeqExpr; readonly right: SeqExpr }[] })
  | (Node & { readonly kind: 'ts'; readonly val: number | null; readonly ecr: number | null })
  | (Node & { readonly kind: 'nop' })
  | (Node & { readonly kind: 'eol' })
  /** TCP Fast Open (RFC 7413, kind 34): `tfo` asks for a cookie; `tfo HEX` carries one. */
  | (Node & { readonly kind: 'tfo'; readonly cookie: string });

export interface TcpOptions extends Node {
  readonly items: readonly TcpOptionNode[];
}

/** The fields after the flags; any may be absent ("not checked" / "filled in"). */
export interface PacketFields {
  readonly seq?: SeqExpr;
  readonly ack?: SeqExpr;
  readonly win?: NumberLit;
  readonly len?: NumberLit;
  readonly data?: StringLit;
  readonly options?: TcpOptions;
}

export interface TimePrefix extends Node {
  readonly kind: 'absolute' | 'relative';
  readonly seconds: number;
}

/** `[TIME] SRC -> DST FLAGS [fields] [<options>] [from IP:PORT]` */
export interface PacketStmt extends Node {
  readonly type: 'packet';
  readonly time?: TimePrefix;
  readonly src: EndpointRef;
  readonly dst: EndpointRef;
  readonly flags: Flags;
  readonly fields: PacketFields;
  /** The range of each field as written, keyed by field name (`seq`, `ack`, `win`, `len`, `data`, `options`). */
  readonly fieldRanges: Readonly<Partial<Record<keyof PacketFields, Range>>>;
  readonly from?: SpoofedSource;
}

/**
 * `unreachable port`, `unreachable frag-needed mtu 1400`, `unreachable code 9`: an ICMP
 * Destination Unreachable and its ICMPv4 code (RFC 792 type 3). The runner maps the kind to its
 * ICMPv6 code (keywords.ts ICMPV6_UNREACHABLE_CODES) when the connection is IPv6.
 */
export interface IcmpUnreachableNode extends Node {
  /** The kind as written in canonical spelling (`port`, `host`, `frag-needed`, …), or `code` for `code N`. */
  readonly kind: string;
  /** The ICMPv4 code (0–15 for the named kinds; `code N` takes 0–255, and is the code as written for ICMPv6 too). */
  readonly code: number;
  /** Next-hop MTU for `frag-needed` (RFC 1191). */
  readonly mtu?: NumberLit;
}

/** `from 10.0.0.254` on an ICMP line: the ICMP's source address (a port, if written, is ignored). */
export interface IcmpSource extends Node {
  readonly ip: string;
  readonly family: 4 | 6;
}

/**
 * `[TIME] SRC -> DST ICMP unreachable KIND [mtu N] [seq=N] [from IP]`: an ICMP error sent to
 * DST about the last TCP segment DST sent. `seq=` overrides the quoted sequence number.
 */
export interface IcmpPacketStmt extends Node {
  readonly type: 'icmpPacket';
  readonly time?: TimePrefix;
  readonly src: EndpointRef;
  readonly dst: EndpointRef;
  /** The `ICMP` keyword. */
  readonly icmpRange: Range;
  readonly unreachable: IcmpUnreachableNode;
  readonly seq?: SeqExpr;
  /** The whole `seq=…` field. */
  readonly seqRange?: Range;
  readonly from?: IcmpSource;
}

/** `key=value` on a TLS message (`version=1.3`, `suite=TLS_AES_128_GCM_SHA256`, `verify_data=00*12`). */
export interface TlsField extends Node {
  readonly key: string;
  readonly keyRange: Range;
  readonly value: string;
  readonly valueRange: Range;
}

export interface TlsMessageRef extends Node {
  /** As written: `ClientHello`, `ChangeCipherSpec`, `ApplicationData`, `Alert`, … */
  readonly name: string;
  readonly fields: readonly TlsField[];
}

/** `[TIME] SRC -> DST TLS Msg[ fields], Msg, …` */
export interface TlsPacketStmt extends Node {
  readonly type: 'tlsPacket';
  readonly time?: TimePrefix;
  readonly src: EndpointRef;
  readonly dst: EndpointRef;
  readonly messages: readonly TlsMessageRef[];
}

// ---------------------------------------------------------------------------------------------
// Header statements

export interface FlowStmt extends Node {
  readonly type: 'flow';
  readonly title: StringLit;
}

export interface ProfileStmt extends Node {
  readonly type: 'profile';
  readonly profile: Name; // 'linux' | 'rfc9293' checked by the runner
}

export interface SeedStmt extends Node {
  readonly type: 'seed';
  readonly seed: NumberLit;
}

export type EndpointKind = 'stack' | 'scripted' | 'raw';

export interface EndpointStmt extends Node {
  readonly type: 'endpoint';
  readonly name: Name;
  readonly address: Address;
  readonly kind: EndpointKind;
  readonly kindRange?: Range;
}

/**
 * `link A B delay 20ms` (both directions), `link A -> B loss 10%` (one direction).
 * Several properties may be given on one line.
 */
export interface LinkStmt extends Node {
  readonly type: 'link';
  readonly a: Name;
  readonly b: Name;
  readonly directed: boolean;
  readonly delay?: Duration;
  readonly loss?: Node & { readonly percent: number };
}

/** `set NAME KEY VALUE`; NAME may be `*` (every endpoint). */
export interface SetStmt extends Node {
  readonly type: 'set';
  readonly endpoint: EndpointRef;
  readonly key: Name;
  readonly value: SettingValue;
}

// ---------------------------------------------------------------------------------------------
// Socket calls and TLS calls

export type CallStmt =
  | (CallBase & { readonly call: 'listen'; readonly backlog?: NumberLit })
  | (CallBase & { readonly call: 'connect'; readonly target: Name | Address })
  | (CallBase & { readonly call: 'accept' })
  | (CallBase & { readonly call: 'send'; readonly payload: NumberLit | StringLit })
  | (CallBase & { readonly call: 'recv'; readonly count?: NumberLit })
  | (CallBase & { readonly call: 'shutdown'; readonly how: 'read' | 'write' | 'both'; readonly howRange: Range })
  | (CallBase & { readonly call: 'close' })
  | (CallBase & { readonly call: 'abort' });

export interface CallBase extends Node {
  readonly type: 'call';
  readonly endpoint: Name;
  readonly callRange: Range;
}

/** A keyword argument of a TLS call: `version 1.2`, `suites A,B`, `sni "x"`, `cert self-signed "x"`, `peer openssl`. */
export interface TlsArg extends Node {
  readonly key: string;
  readonly keyRange: Range;
  /** One or more values as written (strings decoded). */
  readonly values: readonly { readonly text: string; readonly range: Range }[];
}

/** `client tls connect …`, `server tls accept …`, `client tls send "…"`, `client tls close`. */
export interface TlsCallStmt extends Node {
  readonly type: 'tlsCall';
  readonly endpoint: Name;
  readonly verb: Name; // connect | accept | send | close | keyupdate …
  readonly args: readonly TlsArg[];
  readonly payload?: StringLit;
}

// ---------------------------------------------------------------------------------------------
// Network events

/** A packet pattern, as taken by `drop`, `ignore` and friends: `client -> server SYN len=0`. */
export interface PacketPattern extends Node {
  readonly src: EndpointRef;
  readonly dst: EndpointRef;
  readonly flags?: Flags;
  readonly fields: PacketFields;
}

export interface DropStmt extends Node {
  readonly type: 'drop';
  /** `drop next A -> B` drops one packet; otherwise every match until `heal`. */
  readonly next: boolean;
  readonly pattern: PacketPattern;
}

export interface HealStmt extends Node {
  readonly type: 'heal';
  readonly src: EndpointRef;
  readonly dst: EndpointRef;
}

/**
 * `unreachable A -> B KIND`: every packet from A to B is dropped and answered with an ICMP
 * Destination Unreachable of that kind from B's address, until `heal A -> B`.
 */
export interface UnreachableStmt extends Node {
  readonly type: 'unreachable';
  readonly src: EndpointRef;
  readonly dst: EndpointRef;
  readonly unreachable: IcmpUnreachableNode;
}

export interface DuplicateStmt extends Node {
  readonly type: 'duplicate';
  readonly pattern: PacketPattern;
}

/** `reorder next N A -> B`: hold the next packet back until N more have passed. */
export interface ReorderStmt extends Node {
  readonly type: 'reorder';
  readonly count: NumberLit;
  readonly pattern: PacketPattern;
}

export interface IgnoreStmt extends Node {
  readonly type: 'ignore';
  readonly pattern: PacketPattern;
}

// ---------------------------------------------------------------------------------------------
// Time and assertions

export interface WaitStmt extends Node {
  readonly type: 'wait';
  readonly duration: Duration;
}

export type ExpectStmt =
  | (ExpectBase & { readonly expect: 'state'; readonly endpoint: Name; readonly state: Name })
  | (ExpectBase & { readonly expect: 'queue'; readonly endpoint: Name; readonly queue: 'syn' | 'accept'; readonly queueRange: Range; readonly count: NumberLit })
  | (ExpectBase & { readonly expect: 'error'; readonly endpoint: Name; readonly errno: Name })
  | (ExpectBase & { readonly expect: 'nothing'; readonly duration: Duration })
  | (ExpectBase & { readonly expect: 'recv'; readonly endpoint: Name; readonly data: StringLit })
  | (ExpectBase & { readonly expect: 'tlsState'; readonly endpoint: Name; readonly state: Name })
  | (ExpectBase & { readonly expect: 'tlsRecv'; readonly endpoint: Name; readonly data: StringLit });

export interface ExpectBase extends Node {
  readonly type: 'expect';
}

/** `repeat N LINE`: LINE is any statement (usually a raw packet line). */
export interface RepeatStmt extends Node {
  readonly type: 'repeat';
  readonly count: NumberLit;
  readonly body: Statement;
}

export type Statement =
  | FlowStmt
  | ProfileStmt
  | SeedStmt
  | EndpointStmt
  | LinkStmt
  | SetStmt
  | CallStmt
  | TlsCallStmt
  | PacketStmt
  | TlsPacketStmt
  | IcmpPacketStmt
  | DropStmt
  | UnreachableStmt
  | HealStmt
  | DuplicateStmt
  | ReorderStmt
  | IgnoreStmt
  | WaitStmt
  | ExpectStmt
  | RepeatStmt;

/** A parse problem: one per bad line, on the bad token. */
export interface SyntaxError extends Node {
  readonly message: string;
  readonly messageZh: string;
}

export interface Comment extends Node {
  readonly text: string;
}

export interface Script {
  readonly statements: readonly Statement[];
  readonly errors: readonly SyntaxError[];
  readonly comments: readonly Comment[];
  /** Number of lines in the source. */
  readonly lineCount: number;
}
