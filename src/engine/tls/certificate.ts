// Self-signed X.509 v3 certificates (RFC 5280) built with a small DER writer, signed
// deterministically (RSA PKCS#1 v1.5, or ECDSA P-256 with RFC 6979 nonces), valid over a
// window of *virtual* time the caller passes in. The subject CN and one SAN dNSName are the
// SNI name. node:crypto can parse certificates (X509Certificate) but not build them.
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { p256PublicKey } from './crypto/ecdsa-p256';
import { signWith } from './crypto/signature';
import type { RandomSource } from './random-source';
import { RSA_2048_TEST_KEY_PKCS8_DER_BASE64 } from './test-keys/rsa-2048.test-key';

function der(tag: number, ...contents: Uint8Array[]): Buffer {
  const body = Buffer.concat(contents);
  const n = body.length;
  const length = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, body]);
}
const seq = (...c: Uint8Array[]): Buffer => der(0x30, ...c);
const oid = (hexBytes: string): Buffer => der(0x06, Buffer.from(hexBytes, 'hex'));

const SHA256_WITH_RSA = seq(oid('2a864886f70d01010b'), Buffer.from([0x05, 0x00]));
const ECDSA_WITH_SHA256 = seq(oid('2a8648ce3d040302'));

/** UTCTime until 2049, GeneralizedTime after (RFC 5280 §4.1.2.5). */
function time(ms: number): Buffer {
  const iso = new Date(ms).toISOString(); // derived from the virtual time given, not the clock
  const digits = iso.slice(0, 19).replace(/[-T:]/g, '');
  const year = Number(iso.slice(0, 4));
  return year < 2050 ? der(0x17, Buffer.from(digits.slice(2) + 'Z', 'ascii')) : der(0x18, Buffer.from(digits + 'Z', 'ascii'));
}

function name(commonName: string): Buffer {
  return seq(der(0x31, seq(oid('550403'), der(0x0c, Buffer.from(commonName, 'utf8')))));
}

export type CredentialKind = 'rsa' | 'ec';

/** What a server presents: its certificate chain (DER) and the key that signs for it. */
export interface ServerCredential {
  readonly kind: CredentialKind;
  readonly chain: readonly Buffer[];
  readonly privateKey: KeyObject;
}

export interface SelfSignedOptions {
  readonly name: string;
  readonly kind: CredentialKind;
  readonly random: RandomSource;
  /** Virtual time, milliseconds since the Unix epoch. */
  readonly notBeforeMs: number;
  readonly notAfterMs: number;
}

/** The shipped RSA test key (see test-keys/README.md). */
export function rsaTestKey(): KeyObject {
  return createPrivateKey({ key: Buffer.from(RSA_2048_TEST_KEY_PKCS8_DER_BASE64, 'base64'), format: 'der', type: 'pkcs8' });
}

/** An EC P-256 private key whose scalar comes from the RandomSource. */
export function seededP256Key(random: RandomSource): KeyObject {
  for (;;) {
    const d = Buffer.from(random.bytes(32));
    try {
      const point = p256PublicKey(d);
      return createPrivateKey({
        format: 'jwk',
        key: { kty: 'EC', crv: 'P-256', d: d.toString('base64url'), x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33).toString('base64url') },
      });
    } catch {
      // scalar out of range: draw again
    }
  }
}

export function selfSignedCredential(options: SelfSignedOptions): ServerCredential {
  const privateKey = options.kind === 'rsa' ? rsaTestKey() : seededP256Key(options.random);
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  const serial = Buffer.from(options.random.bytes(8));
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x01;
  const algorithm = options.kind === 'rsa' ? SHA256_WITH_RSA : ECDSA_WITH_SHA256;
  const subjectAltName = seq(oid('551d11'), der(0x04, seq(der(0x82, Buffer.from(options.name, 'ascii')))));
  const basicConstraints = seq(oid('551d13'), der(0x04, seq()));
  const tbs = seq(
    der(0xa0, der(0x02, Buffer.from([2]))),
    der(0x02, serial),
    algorithm,
    name(options.name),
    seq(time(options.notBeforeMs), time(options.notAfterMs)),
    name(options.name),
    spki,
    der(0xa3, seq(subjectAltName, basicConstraints)),
  );
  const signature = signWith(options.kind === 'rsa' ? 'rsa_pkcs1_sha256' : 'ecdsa_secp256r1_sha256', privateKey, tbs, options.random);
  const certificate = seq(tbs, algorithm, der(0x03, Buffer.from([0]), signature));
  return { kind: options.kind, chain: [certificate], privateKey };
}
