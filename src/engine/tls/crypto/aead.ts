// The AEADs TLS records use: AES-GCM (RFC 5116 AEAD_AES_128_GCM / AEAD_AES_256_GCM) and
// ChaCha20-Poly1305 (RFC 8439, `chacha.ts`), and the ways TLS builds their nonce:
// TLS 1.2 AES-GCM (RFC 5288 §3): nonce = salt(4, from the key block) ‖ explicit(8, in the record);
// TLS 1.2 ChaCha20-Poly1305 (RFC 7905 §2) and TLS 1.3 (RFC 8446 §5.3): nonce = iv(12) XOR the
// 64-bit record sequence number, left-padded (`xorNonce`).
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { chachaOpen, chachaSeal } from './chacha';

export type AeadName = 'aes-gcm' | 'chacha20-poly1305';

/** Both AEADs have a 16-byte tag. */
export const GCM_TAG_LENGTH = 16;
export const AEAD_TAG_LENGTH = 16;

export class AuthenticationError extends Error {
  constructor() {
    super('AEAD tag did not verify (bad_record_mac)');
  }
}

function cipherName(key: Uint8Array): 'aes-128-gcm' | 'aes-256-gcm' {
  if (key.length === 16) return 'aes-128-gcm';
  if (key.length === 32) return 'aes-256-gcm';
  throw new RangeError(`AES-GCM key of ${key.length} bytes`);
}

/** Returns ciphertext ‖ tag. */
export function gcmSeal(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): Buffer {
  const cipher = createCipheriv(cipherName(key), key, nonce, { authTagLength: GCM_TAG_LENGTH });
  cipher.setAAD(aad);
  return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

/** Opens ciphertext ‖ tag; throws `AuthenticationError` when the tag fails. */
export function gcmOpen(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, sealed: Uint8Array): Buffer {
  if (sealed.length < GCM_TAG_LENGTH) throw new AuthenticationError();
  const body = sealed.subarray(0, sealed.length - GCM_TAG_LENGTH);
  const tag = sealed.subarray(sealed.length - GCM_TAG_LENGTH);
  const decipher = createDecipheriv(cipherName(key), key, nonce, { authTagLength: GCM_TAG_LENGTH });
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    throw new AuthenticationError();
  }
}

/** Returns ciphertext ‖ tag. */
export function aeadSeal(aead: AeadName, key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): Buffer {
  return aead === 'aes-gcm' ? gcmSeal(key, nonce, aad, plaintext) : chachaSeal(key, nonce, aad, plaintext);
}

/** Opens ciphertext ‖ tag; throws `AuthenticationError` when the tag fails. */
export function aeadOpen(aead: AeadName, key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, sealed: Uint8Array): Buffer {
  if (aead === 'aes-gcm') return gcmOpen(key, nonce, aad, sealed);
  const opened = chachaOpen(key, nonce, aad, sealed);
  if (!opened) throw new AuthenticationError();
  return opened;
}

export function sequenceBytes(seq: bigint): Buffer {
  const out = Buffer.alloc(8);
  out.writeBigUInt64BE(seq);
  return out;
}

export function tls12Nonce(salt: Uint8Array, explicit: Uint8Array): Buffer {
  return Buffer.concat([salt, explicit]);
}

/** RFC 8446 §5.3 and RFC 7905 §2: the 12-byte IV XOR the sequence number, left-padded. */
export function xorNonce(iv: Uint8Array, seq: bigint): Buffer {
  const nonce = Buffer.from(iv);
  const s = sequenceBytes(seq);
  for (let i = 0; i < 8; i++) {
    const at = nonce.length - 8 + i;
    nonce[at] = (nonce[at] ?? 0) ^ (s[i] ?? 0);
  }
  return nonce;
}

/** TLS 1.3's per-record nonce (RFC 8446 §5.3). */
export const tls13Nonce = xorNonce;
