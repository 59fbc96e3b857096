// The signature schemes TLS names (RFC 8446 §4.2.3), signing deterministically:
// RSA PKCS#1 v1.5 is deterministic by nature; RSA-PSS draws its salt (hash length, as TLS 1.3
// requires) from the RandomSource and is encoded here (RFC 8017 §9.1.1) then raw-RSA signed;
// ECDSA P-256 uses RFC 6979 nonces (ecdsa-p256.ts). Verification is node:crypto's.
import { constants, createHash, privateEncrypt, sign, verify, type KeyObject } from 'node:crypto';
import type { RandomSource } from '../random-source';
import { ecdsaP256Sign } from './ecdsa-p256';

export type SignatureScheme =
  | 'rsa_pkcs1_sha256'
  | 'rsa_pkcs1_sha384'
  | 'ecdsa_secp256r1_sha256'
  | 'rsa_pss_rsae_sha256'
  | 'rsa_pss_rsae_sha384';

export const SIGNATURE_SCHEME_CODES: Record<SignatureScheme, number> = {
  rsa_pkcs1_sha256: 0x0401,
  rsa_pkcs1_sha384: 0x0501,
  ecdsa_secp256r1_sha256: 0x0403,
  rsa_pss_rsae_sha256: 0x0804,
  rsa_pss_rsae_sha384: 0x0805,
};

export function schemeFromCode(code: number): SignatureScheme | undefined {
  return (Object.keys(SIGNATURE_SCHEME_CODES) as SignatureScheme[]).find((s) => SIGNATURE_SCHEME_CODES[s] === code);
}

function schemeHash(scheme: SignatureScheme): 'sha256' | 'sha384' {
  return scheme.endsWith('384') ? 'sha384' : 'sha256';
}

function mgf1(hash: 'sha256' | 'sha384', seed: Uint8Array, length: number): Buffer {
  const blocks: Buffer[] = [];
  for (let counter = 0; blocks.length * (hash === 'sha256' ? 32 : 48) < length; counter++) {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(counter);
    blocks.push(createHash(hash).update(seed).update(c).digest());
  }
  return Buffer.concat(blocks).subarray(0, length);
}

function pssSign(key: KeyObject, hash: 'sha256' | 'sha384', data: Uint8Array, random: RandomSource): Buffer {
  const modBits = key.asymmetricKeyDetails?.modulusLength;
  if (modBits === undefined) throw new TypeError('RSA-PSS needs an RSA key');
  const emBits = modBits - 1;
  const emLen = Math.ceil(emBits / 8);
  const mHash = createHash(hash).update(data).digest();
  const hLen = mHash.length;
  const salt = Buffer.from(random.bytes(hLen));
  const h = createHash(hash).update(Buffer.alloc(8)).update(mHash).update(salt).digest();
  const db = Buffer.concat([Buffer.alloc(emLen - 2 * hLen - 2), Buffer.from([1]), salt]);
  const mask = mgf1(hash, h, db.length);
  for (let i = 0; i < db.length; i++) db[i] = (db[i] ?? 0) ^ (mask[i] ?? 0);
  db[0] = (db[0] ?? 0) & (0xff >> (8 * emLen - emBits));
  const em = Buffer.concat([db, h, Buffer.from([0xbc])]);
  const k = Math.ceil(modBits / 8);
  return privateEncrypt({ key, padding: constants.RSA_NO_PADDING }, Buffer.concat([Buffer.alloc(k - emLen), em]));
}

export function signWith(scheme: SignatureScheme, privateKey: KeyObject, data: Uint8Array, random: RandomSource): Buffer {
  const hash = schemeHash(scheme);
  if (scheme.startsWith('rsa_pkcs1')) return sign(hash, data, privateKey);
  if (scheme.startsWith('rsa_pss')) return pssSign(privateKey, hash, data, random);
  const d = privateKey.export({ format: 'jwk' }).d;
  if (d === undefined) throw new TypeError('ECDSA needs an EC private key');
  return ecdsaP256Sign(Buffer.from(d, 'base64url'), createHash('sha256').update(data).digest()).der;
}

export function verifyWith(scheme: SignatureScheme, publicKey: KeyObject, data: Uint8Array, signature: Uint8Array): boolean {
  const hash = schemeHash(scheme);
  try {
    if (scheme.startsWith('rsa_pkcs1')) return verify(hash, data, publicKey, signature);
    if (scheme.startsWith('rsa_pss')) {
      return verify(hash, data, { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: hash === 'sha256' ? 32 : 48 }, signature);
    }
    return verify(hash, data, { key: publicKey, dsaEncoding: 'der' }, signature);
  } catch {
    return false;
  }
}
