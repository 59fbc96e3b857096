// The Internet checksum (RFC 1071) over bytes in place, and the TCP pseudo-header's share of it
// (RFC 9293 §3.1, RFC 8200 §8.1), with no intermediate arrays.

/** One's-complement sum of big-endian 16-bit words of bytes[from, to), a lone last byte padded with 0; not folded. */
export function sumWords(bytes: Uint8Array, from: number, to: number): number {
  let sum = 0;
  let i = from;
  for (; i + 1 < to; i += 2) sum += (bytes[i]! << 8) | bytes[i + 1]!;
  if (i < to) sum += bytes[i]! << 8;
  return sum;
}

/** Folds a sum to 16 bits and complements it. */
export function finish(sum: number): number {
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/** The pseudo-header: source and destination addresses, protocol 6, TCP length. */
export function pseudoHeaderSum(src: Uint8Array, dst: Uint8Array, tcpLength: number): number {
  const v6 = src.length === 16;
  let sum = sumWords(src, 0, src.length) + sumWords(dst, 0, dst.length) + 6;
  sum += v6 ? (tcpLength >>> 16) + (tcpLength & 0xffff) : tcpLength & 0xffff;
  return sum;
}

export function checksum(bytes: Uint8Array): number {
  return finish(sumWords(bytes, 0, bytes.length));
}
