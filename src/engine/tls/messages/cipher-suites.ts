// The cipher suites the engine speaks, with what each one means for the key exchange, the AEAD
// and the hash (RFC 5288, RFC 5289, RFC 7905, RFC 8446 §B.4). Unknown codes pass through
// encoding untouched.
import type { AeadName } from '../crypto/aead';
import type { HashName } from '../crypto/hash';

export type CipherSuiteName =
  | 'TLS_AES_128_GCM_SHA256'
  | 'TLS_AES_256_GCM_SHA384'
  | 'TLS_RSA_WITH_AES_128_GCM_SHA256'
  | 'TLS_RSA_WITH_AES_256_GCM_SHA384'
  | 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'
  | 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256'
  | 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384'
  | 'TLS_CHACHA20_POLY1305_SHA256'
  | 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256'
  | 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256';

export interface CipherSuite {
  readonly name: CipherSuiteName;
  readonly code: number;
  readonly version: '1.2' | '1.3';
  /** TLS 1.2 only: how the premaster is agreed and what signs ServerKeyExchange. */
  readonly keyExchange: 'rsa' | 'ecdhe_rsa' | 'ecdhe_ecdsa' | 'tls13';
  readonly aead: AeadName;
  readonly keyLength: 16 | 32;
  /** TLS 1.2: the write IV from the key block (4-byte GCM salt, or the 12-byte RFC 7905 IV). */
  readonly ivLength: 4 | 12;
  readonly hash: HashName;
}

const GCM = { aead: 'aes-gcm', ivLength: 4 } as const;
const CHACHA = { aead: 'chacha20-poly1305', keyLength: 32, ivLength: 12, hash: 'sha256' } as const;

export const CIPHER_SUITES: readonly CipherSuite[] = [
  { name: 'TLS_AES_128_GCM_SHA256', code: 0x1301, version: '1.3', keyExchange: 'tls13', ...GCM, keyLength: 16, hash: 'sha256' },
  { name: 'TLS_AES_256_GCM_SHA384', code: 0x1302, version: '1.3', keyExchange: 'tls13', ...GCM, keyLength: 32, hash: 'sha384' },
  { name: 'TLS_RSA_WITH_AES_128_GCM_SHA256', code: 0x009c, version: '1.2', keyExchange: 'rsa', ...GCM, keyLength: 16, hash: 'sha256' },
  { name: 'TLS_RSA_WITH_AES_256_GCM_SHA384', code: 0x009d, version: '1.2', keyExchange: 'rsa', ...GCM, keyLength: 32, hash: 'sha384' },
  { name: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', code: 0xc02f, version: '1.2', keyExchange: 'ecdhe_rsa', ...GCM, keyLength: 16, hash: 'sha256' },
  { name: 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', code: 0xc02b, version: '1.2', keyExchange: 'ecdhe_ecdsa', ...GCM, keyLength: 16, hash: 'sha256' },
  { name: 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', code: 0xc030, version: '1.2', keyExchange: 'ecdhe_rsa', ...GCM, keyLength: 32, hash: 'sha384' },
  { name: 'TLS_CHACHA20_POLY1305_SHA256', code: 0x1303, version: '1.3', keyExchange: 'tls13', ...CHACHA },
  { name: 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256', code: 0xcca8, version: '1.2', keyExchange: 'ecdhe_rsa', ...CHACHA },
  { name: 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256', code: 0xcca9, version: '1.2', keyExchange: 'ecdhe_ecdsa', ...CHACHA },
];

export function suiteByName(name: string): CipherSuite | undefined {
  return CIPHER_SUITES.find((s) => s.name === name);
}

export function suiteByCode(code: number): CipherSuite | undefined {
  return CIPHER_SUITES.find((s) => s.code === code);
}

export function suiteLabel(code: number): string {
  return suiteByCode(code)?.name ?? `0x${code.toString(16).padStart(4, '0')}`;
}
