// The result of running a script: every packet, state change and timer, with the script line
// that caused or expected it. This is the shape of `tcpflow run --json` (see cli.md) and what
// the panel draws. Everything here is plain JSON data.
//
// Conventions: `time` is virtual seconds from the start of the flow; `line` fields are 1-based
// script lines (0 = caused by no line, e.g. a timer); diagnostics keep their 0-based LSP ranges
// (the CLI converts them to 1-based when it prints).
import type { Diagnostic } from '../language/diagnostics/diagnostic';
import type { EndpointKind, FlagName } from '../language/ast';

/** TCP states with RFC 9293 names, upper case, underscores. */
export type TcpStateName =
  | 'CLOSED'
  | 'LISTEN'
  | 'SYN_SENT'
  | 'SYN_RCVD'
  | 'ESTABLISHED'
  | 'FIN_WAIT_1'
  | 'FIN_WAIT_2'
  | 'CLOSE_WAIT'
  | 'CLOSING'
  | 'LAST_ACK'
  | 'TIME_WAIT';

export interface TlsRecordSummary {
  /** `handshake`, `change_cipher_spec`, `alert`, `application_data`. */
  readonly type: string;
  readonly messages: readonly string[];
}

/**
 * An ICMP Destination Unreachable on the wire: ICMPv4 (RFC 792 type 3), or ICMPv6 (RFC 4443 §3.1
 * type 1) when the quoted segment is between IPv6 addresses. Its packet has no TCP flags,
 * `seq`/`ack`/`len`/`win` 0 and no options; `srcAddr` is the ICMP sender's IP with port 0, and
 * `dstAddr` the socket the quoted segment came from.
 */
export interface TraceIcmp {
  /** 3 (ICMPv4) or 1 (ICMPv6). */
  readonly type: 3 | 1;
  readonly code: number;
  /** `port`, `host`, `frag-needed`, … or `code N`, as scripts write it. */
  readonly kind: string;
  /** Next-hop MTU (ICMPv4 code 4), else 0. */
  readonly mtu: number;
  /** The TCP segment the ICMP quotes (its IP header and TCP header go on the wire). */
  readonly quoted: {
    readonly srcAddr: string;
    readonly dstAddr: string;
    readonly flags: readonly FlagName[];
    readonly seq: number;
    readonly ack: number;
    readonly win: number;
    readonly len: number;
    /** As on TracePacket: what the quoted TCP header carried. */
    readonly options: readonly string[];
    /** The quoted payload bytes as lowercase hex (what fits in the ICMP: at most 508 bytes, 1,172 for ICMPv6). */
    readonly payloadHex: string;
  };
}

export interface TracePacket {
  /** Position in send order, from 0. */
  readonly id: number;
  /** Position among everything that happened (packets sent and state changes), from 0. */
  readonly order: number;
  /** Send time. */
  readonly time: number;
  /** Arrival time at the destination (equal to `time` for a dropped packet). */
  readonly arrival: number;
  readonly src: string;
  readonly dst: string;
  /** Addresses on the wire (a spoofed source shows its spoofed address). */
  readonly srcAddr: string;
  readonly dstAddr: string;
  readonly flags: readonly FlagName[];
  readonly seq: number;
  readonly ack: number;
  readonly len: number;
  readonly win: number;
  /** As written in scripts: `mss 1460`, `sackOK`, `ts val=1 ecr=0`, `nop`, `wscale 7`. */
  readonly options: readonly string[];
  /** Payload bytes as lowercase hex (may be truncated for huge payloads; `len` is exact). */
  readonly payloadHex: string;
  /** The script line that expected or injected it; 0 if no line did. */
  readonly line: number;
  /** How the script named it, in the script's own terms: `SYN,ACK seq=y ack=x+1`. */
  readonly label: string;
  readonly dropped: boolean;
  readonly retransmission: boolean;
  readonly tls: readonly TlsRecordSummary[];
  /** Present only on an ICMP error (additive: TCP packets are unchanged). */
  readonly icmp?: TraceIcmp;
}

export interface TraceStateChange {
  /** Position among everything that happened (packets sent and state changes), from 0. */
  readonly order: number;
  readonly time: number;
  readonly endpoint: string;
  readonly from: TcpStateName;
  readonly to: TcpStateName;
  readonly line: number;
}

/** A move of an endpoint's TLS handshake machine (the engine's state names, as its machine has them). */
export interface TraceTlsStateChange {
  /** Position among everything that happened (packets sent, TCP and TLS state changes), from 0. */
  readonly order: number;
  readonly time: number;
  readonly endpoint: string;
  /** The engine's machine id, e.g. the TLS 1.3 client's or server's handshake machine. */
  readonly machine: string;
  readonly from: string;
  readonly to: string;
  readonly line: number;
}

/** A timer that ran (armed and then fired or was cancelled): drawn as a bracket on a lifeline. */
export interface TraceTimer {
  readonly endpoint: string;
  /** `rto`, `syn-rto`, `delack`, `time-wait`, `fin-wait-2`, `keepalive`, `persist`. */
  readonly kind: string;
  readonly start: number;
  readonly end: number;
  readonly fired: boolean;
}

export interface TraceEndpoint {
  readonly name: string;
  readonly address: string;
  readonly kind: EndpointKind;
  /** State at the end of the run. */
  readonly state: TcpStateName;
}

export interface RunResult {
  readonly title: string;
  readonly profile: string;
  readonly seed: number;
  readonly diagnostics: readonly Diagnostic[];
  readonly packets: readonly TracePacket[];
  readonly states: readonly TraceStateChange[];
  /**
   * TLS handshake state changes, in `order` (shared with packets and TCP states). Absent only
   * from results built without a world (an empty run) or by older versions.
   */
  readonly tlsStates: readonly TraceTlsStateChange[];
  readonly timers: readonly TraceTimer[];
  readonly endpoints: readonly TraceEndpoint[];
  /** Symbolic names bound during the run (`x` → 1000), for hovers and inlay hints. */
  readonly symbols: Readonly<Record<string, number>>;
  /** TLS secrets in NSS key-log format (CLIENT_RANDOM …), for Wireshark; empty without TLS. */
  readonly keylog: readonly string[];
  readonly durationVirtual: number;
}
