// An IPv4 or IPv6 packet carrying a TCP segment as plain numbers and bytes: what the exporter
// writes (write.ts) and the importer reads (parse.ts). No strings: addresses are their 4 or 16
// bytes, flags are the TCP flag bits, options are objects.

export type TcpOption =
  | { readonly kind: 'eol' }
  | { readonly kind: 'nop' }
  | { readonly kind: 'mss'; readonly value: number }
  | { readonly kind: 'wscale'; readonly value: number }
  | { readonly kind: 'sackOK' }
  | { readonly kind: 'sack'; readonly blocks: readonly (readonly [number, number])[] }
  | { readonly kind: 'ts'; readonly val: number; readonly ecr: number }
  /** Any other kind, or a known kind with an unusual length: its bytes after kind and length. */
  | { readonly kind: 'other'; readonly code: number; readonly data: Uint8Array };

export const FIN = 0x01;
export const SYN = 0x02;
export const RST = 0x04;
export const PSH = 0x08;
export const ACK = 0x10;
export const URG = 0x20;
export const ECE = 0x40;
export const CWR = 0x80;

/** A packet to write. IPv4 when the addresses are 4 bytes (DF set, TOS 0), IPv6 when 16. */
export interface TcpPacket {
  readonly src: Uint8Array;
  readonly dst: Uint8Array;
  /** IPv4 identification (not in IPv6). */
  readonly id: number;
  /** TTL or hop limit. */
  readonly ttl: number;
  readonly srcPort: number;
  readonly dstPort: number;
  readonly seq: number;
  readonly ack: number;
  /** TCP flag bits (FIN 0x01 … CWR 0x80). */
  readonly flags: number;
  readonly window: number;
  readonly urgent: number;
  readonly options: readonly TcpOption[];
  readonly payload: Uint8Array;
}

/** A packet read back: every IP and TCP header field, options, payload (views into the input). */
export interface ParsedTcpPacket extends TcpPacket {
  readonly version: 4 | 6;
  /** IP header length in bytes, extension headers included for IPv6. */
  readonly ipHeaderLength: number;
  /** IPv4 TOS or IPv6 traffic class. */
  readonly tos: number;
  /** IPv6 flow label (0 for IPv4). */
  readonly flowLabel: number;
  /** IPv4 total length or IPv6 payload length, as in the header. */
  readonly ipLength: number;
  /** IPv4 flags (0x2 DF, 0x1 MF); 0 for IPv6. */
  readonly ipFlags: number;
  /** IPv4 header checksum as in the header (not verified); 0 for IPv6. */
  readonly ipChecksum: number;
  /** TCP header length in bytes (data offset × 4). */
  readonly tcpHeaderLength: number;
  /** The 4 reserved bits after the data offset. */
  readonly reserved: number;
  /** TCP checksum as in the header (not verified). */
  readonly tcpChecksum: number;
}
