// AES-GCM (RFC 5116 AEAD_AES_128_GCM / AEAD_AES_256_GCM) and the two ways TLS builds its nonce:
// TLS 1.2 (RFC 5288 §3): nonce = salt(4, from the key block) ‖ explicit(8, sent in the record);
// TLS 1.3 (RFC 8446 §5.3): nonce = iv(12) XOR the 64-bit record sequence number, left-padded.
import { createCipheriv, createDecipheriv } from 'node:crypto';

export const GCM_TAG_LENGTH = 16;

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

export function sequenceBytes(seq: bigint): Buffer {
  const out = Buffer.alloc(8);
  out.writeBigUInt64BE(seq);
  return out;
}

export function tls12Nonce(salt: Uint8Array, explicit: Uint8Array): Buffer {
  return Buffer.concat([salt, explicit]);
}

export function tls13Nonce(iv: Uint8Array, seq: bigint): Buffer {
  const nonce = Buffer.from(iv);
  const s = sequenceBytes(seq);
  for (let i = 0; i < 8; i++) {
    const at = nonce.length - 8 + i;
    nonce[at] = (nonce[at] ?? 0) ^ (s[i] ?? 0);
  }
  return nonce;
}
