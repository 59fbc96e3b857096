// HKDF (RFC 5869) with Extract and Expand kept separate, as TLS 1.3's key schedule needs them,
// and TLS 1.3's HKDF-Expand-Label / Derive-Secret (RFC 8446 §7.1).
import { digest, hashLength, hmac, type HashName } from './hash';

export function hkdfExtract(hash: HashName, salt: Uint8Array, ikm: Uint8Array): Buffer {
  return hmac(hash, salt.length > 0 ? salt : Buffer.alloc(hashLength(hash)), ikm);
}

export function hkdfExpand(hash: HashName, prk: Uint8Array, info: Uint8Array, length: number): Buffer {
  const blocks: Buffer[] = [];
  let previous: Buffer = Buffer.alloc(0);
  for (let i = 1; blocks.length * hashLength(hash) < length; i++) {
    previous = hmac(hash, prk, previous, info, Buffer.from([i]));
    blocks.push(previous);
  }
  return Buffer.concat(blocks).subarray(0, length);
}

/** struct { uint16 length; opaque label<7..255> = "tls13 " + Label; opaque context<0..255>; } */
export function hkdfLabel(label: string, context: Uint8Array, length: number): Buffer {
  const fullLabel = Buffer.from('tls13 ' + label, 'ascii');
  return Buffer.concat([
    Buffer.from([length >> 8, length & 0xff, fullLabel.length]),
    fullLabel,
    Buffer.from([context.length]),
    context,
  ]);
}

export function hkdfExpandLabel(hash: HashName, secret: Uint8Array, label: string, context: Uint8Array, length: number): Buffer {
  return hkdfExpand(hash, secret, hkdfLabel(label, context, length), length);
}

/** Derive-Secret(Secret, Label, Messages) = HKDF-Expand-Label(Secret, Label, Transcript-Hash(Messages), Hash.length) */
export function deriveSecret(hash: HashName, secret: Uint8Array, label: string, transcriptHash: Uint8Array): Buffer {
  return hkdfExpandLabel(hash, secret, label, transcriptHash, hashLength(hash));
}

export function emptyHash(hash: HashName): Buffer {
  return digest(hash);
}
