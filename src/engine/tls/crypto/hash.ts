// The hash functions TLS suites name, and HMAC over them.
import { createHash, createHmac } from 'node:crypto';

export type HashName = 'sha256' | 'sha384';

export function hashLength(hash: HashName): number {
  return hash === 'sha256' ? 32 : 48;
}

export function digest(hash: HashName, ...parts: Uint8Array[]): Buffer {
  const h = createHash(hash);
  for (const p of parts) h.update(p);
  return h.digest();
}

export function hmac(hash: HashName, key: Uint8Array, ...parts: Uint8Array[]): Buffer {
  const h = createHmac(hash, key);
  for (const p of parts) h.update(p);
  return h.digest();
}
