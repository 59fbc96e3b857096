// The TLS 1.2 pseudo-random function (RFC 5246 §5):
//   P_hash(secret, seed) = HMAC(secret, A(1) + seed) + HMAC(secret, A(2) + seed) + …
//   A(0) = seed, A(i) = HMAC(secret, A(i-1))
//   PRF(secret, label, seed) = P_<hash>(secret, label + seed)
import { hmac, type HashName } from './hash';

export function pHash(hash: HashName, secret: Uint8Array, seed: Uint8Array, length: number): Buffer {
  const out: Buffer[] = [];
  let produced = 0;
  let a: Uint8Array = seed;
  while (produced < length) {
    a = hmac(hash, secret, a);
    const block = hmac(hash, secret, a, seed);
    out.push(block);
    produced += block.length;
  }
  return Buffer.concat(out).subarray(0, length);
}

export function prf12(hash: HashName, secret: Uint8Array, label: string, seed: Uint8Array, length: number): Buffer {
  return pHash(hash, secret, Buffer.concat([Buffer.from(label, 'ascii'), seed]), length);
}
