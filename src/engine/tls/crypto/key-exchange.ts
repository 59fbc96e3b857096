// Ephemeral (EC)DHE key pairs whose private keys come from the engine's RandomSource, so the
// same seed gives the same key_share. X25519 (RFC 7748) and P-256 (secp256r1, uncompressed
// points as TLS sends them, RFC 8446 §4.2.8.2); the shared secret is the X25519 output or the
// P-256 x-coordinate. Node 20 has no 'raw' key format: X25519 keys go through fixed DER prefixes.
import { createECDH, createPrivateKey, createPublicKey, diffieHellman } from 'node:crypto';
import type { RandomSource } from '../random-source';

export type NamedGroup = 'x25519' | 'secp256r1';

export const NAMED_GROUP_CODES: Record<NamedGroup, number> = { secp256r1: 0x0017, x25519: 0x001d };

const X25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');
const X25519_SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');

export interface KeyShare {
  readonly group: NamedGroup;
  readonly privateKey: Buffer;
  /** The bytes TLS sends: 32 for X25519, 65 (04‖x‖y) for P-256. */
  readonly publicKey: Buffer;
}

export function keyShareFromPrivate(group: NamedGroup, privateKey: Uint8Array): KeyShare {
  if (group === 'x25519') {
    const key = createPrivateKey({ key: Buffer.concat([X25519_PKCS8_PREFIX, privateKey]), format: 'der', type: 'pkcs8' });
    const spki = createPublicKey(key).export({ format: 'der', type: 'spki' });
    return { group, privateKey: Buffer.from(privateKey), publicKey: spki.subarray(spki.length - 32) };
  }
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(Buffer.from(privateKey));
  return { group, privateKey: Buffer.from(privateKey), publicKey: ecdh.getPublicKey() };
}

export function generateKeyShare(group: NamedGroup, random: RandomSource): KeyShare {
  for (;;) {
    try {
      return keyShareFromPrivate(group, random.bytes(32));
    } catch {
      // A P-256 scalar ≥ n (probability ~2^-32): draw again.
    }
  }
}

/** Throws when the peer's public value is malformed (→ illegal_parameter). */
export function sharedSecret(own: KeyShare, peerPublic: Uint8Array): Buffer {
  if (own.group === 'x25519') {
    if (peerPublic.length !== 32) throw new RangeError('X25519 key_share must be 32 bytes');
    const privateKey = createPrivateKey({ key: Buffer.concat([X25519_PKCS8_PREFIX, own.privateKey]), format: 'der', type: 'pkcs8' });
    const publicKey = createPublicKey({ key: Buffer.concat([X25519_SPKI_PREFIX, peerPublic]), format: 'der', type: 'spki' });
    return diffieHellman({ privateKey, publicKey });
  }
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(own.privateKey);
  return ecdh.computeSecret(Buffer.from(peerPublic));
}
