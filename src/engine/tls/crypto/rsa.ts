// RSA as TLS 1.2's RSA key exchange uses it (RFC 5246 §7.4.7.1): the client encrypts a 48-byte
// premaster secret with PKCS#1 v1.5 (RFC 8017 §7.2) under the server's public key.
// Padding is built here from the engine's RandomSource (node:crypto would draw its own, breaking
// determinism), then encrypted with raw RSA. Decryption uses RSA_NO_PADDING and unpads by hand,
// because current Node refuses PKCS#1 v1.5 private decryption (CVE-2023-46809). On a bad block
// the server goes on with a random premaster and no distinct alert (the Bleichenbacher
// countermeasure), so the mistake surfaces as a Finished mismatch.
import { constants, privateDecrypt, publicEncrypt, type KeyObject } from 'node:crypto';
import type { RandomSource } from '../random-source';

function modulusBytes(key: KeyObject): number {
  const bits = key.asymmetricKeyDetails?.modulusLength;
  if (bits === undefined) throw new TypeError('not an RSA key');
  return Math.ceil(bits / 8);
}

function nonZeroBytes(random: RandomSource, n: number): Buffer {
  const out = Buffer.alloc(n);
  let filled = 0;
  while (filled < n) {
    for (const b of random.bytes(n - filled)) if (b !== 0 && filled < n) out[filled++] = b;
  }
  return out;
}

/** EM = 0x00 ‖ 0x02 ‖ PS (non-zero, ≥ 8 bytes) ‖ 0x00 ‖ M, then m^e mod n. */
export function rsaPkcs1Encrypt(publicKey: KeyObject, message: Uint8Array, random: RandomSource): Buffer {
  const k = modulusBytes(publicKey);
  if (message.length > k - 11) throw new RangeError('message too long for PKCS#1 v1.5');
  const em = Buffer.concat([Buffer.from([0, 2]), nonZeroBytes(random, k - 3 - message.length), Buffer.from([0]), message]);
  return publicEncrypt({ key: publicKey, padding: constants.RSA_NO_PADDING }, em);
}

export interface PremasterDecryption {
  /** The premaster to use: the decrypted one, or a random one when anything was wrong. */
  readonly premaster: Buffer;
  /** The block was well-formed PKCS#1 v1.5 holding 48 bytes. */
  readonly paddingOk: boolean;
  /** …and its first two bytes were the ClientHello's client_version. */
  readonly versionOk: boolean;
}

/**
 * RFC 5246 §7.4.7.1: always draw the random premaster first, check the block without early
 * exits, and substitute. `clientVersion` is the ClientHello's legacy_version (0x0303).
 */
export function rsaDecryptPremaster(privateKey: KeyObject, encrypted: Uint8Array, clientVersion: number, random: RandomSource): PremasterDecryption {
  const fallback = Buffer.from(random.bytes(48));
  const k = modulusBytes(privateKey);
  if (encrypted.length !== k) return { premaster: fallback, paddingOk: false, versionOk: false };
  const em = privateDecrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, encrypted);
  let bad = (em[0] ?? 1) | ((em[1] ?? 0) ^ 2);
  // The separator must sit exactly 49 bytes from the end, and no zero may come before it.
  const separatorAt = k - 49;
  for (let i = 2; i < separatorAt; i++) bad |= (em[i] ?? 0) === 0 ? 1 : 0;
  bad |= em[separatorAt] ?? 1;
  const premaster = em.subarray(separatorAt + 1);
  const paddingOk = bad === 0 && separatorAt >= 10;
  const versionOk = paddingOk && premaster.readUInt16BE(0) === clientVersion;
  return { premaster: paddingOk && versionOk ? Buffer.from(premaster) : fallback, paddingOk, versionOk };
}
