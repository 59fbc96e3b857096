// The script's `tls connect` / `tls accept` arguments as node:tls settings for the OpenSSL worker,
// and the server's certificate: self-signed here, at run time, and valid both at virtual time 0
// (where the engine peer checks it) and by the wall clock (where OpenSSL lives).
import { selfSignedCredential } from '../../engine/tls/certificate';
import type { CipherSuiteName } from '../../engine/tls/messages/cipher-suites';
import type { NamedGroup } from '../../engine/tls/crypto/key-exchange';
import { SeededRandomSource } from '../../engine/tls/random-source';
import type { WorkerConfig } from './protocol';

const DAY_MS = 86_400_000;

/** The engine's TLS 1.2 suite names in OpenSSL's spelling (TLS 1.3 names are the same in both). */
const OPENSSL_TLS12_NAMES: Partial<Record<CipherSuiteName, string>> = {
  TLS_RSA_WITH_AES_128_GCM_SHA256: 'AES128-GCM-SHA256',
  TLS_RSA_WITH_AES_256_GCM_SHA384: 'AES256-GCM-SHA384',
  TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256: 'ECDHE-RSA-AES128-GCM-SHA256',
  TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256: 'ECDHE-ECDSA-AES128-GCM-SHA256',
  TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384: 'ECDHE-RSA-AES256-GCM-SHA384',
  TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256: 'ECDHE-RSA-CHACHA20-POLY1305',
  TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256: 'ECDHE-ECDSA-CHACHA20-POLY1305',
};

const OPENSSL_GROUPS: Record<NamedGroup, string> = { x25519: 'X25519', secp256r1: 'P-256' };

export interface OpenSslArgs {
  readonly role: 'client' | 'server';
  /** `version 1.2|1.3`; a server without one accepts both. */
  readonly version: '1.2' | '1.3' | undefined;
  readonly suites: readonly CipherSuiteName[];
  readonly groups: readonly NamedGroup[] | undefined;
  readonly serverName: string | undefined;
  /** A server's certificate: its name and validity in virtual time. */
  readonly certificate?: { readonly name: string; readonly notBeforeMs: number; readonly notAfterMs: number; readonly nowMs: number };
}

export function workerConfig(args: OpenSslArgs): WorkerConfig {
  const v = (version: '1.2' | '1.3'): 'TLSv1.2' | 'TLSv1.3' => (version === '1.2' ? 'TLSv1.2' : 'TLSv1.3');
  const tls13 = args.suites.filter((s) => s.startsWith('TLS_') && !s.includes('_WITH_'));
  const tls12 = args.suites.flatMap((s) => OPENSSL_TLS12_NAMES[s] ?? []);
  // Named suites of one version only narrow a server that would take both to that version.
  const only = args.suites.length === 0 ? undefined : tls12.length === 0 ? '1.3' : tls13.length === 0 ? '1.2' : undefined;
  const version = args.version ?? (args.role === 'client' ? '1.3' : only);
  return {
    role: args.role,
    minVersion: v(version ?? '1.2'),
    maxVersion: v(version ?? '1.3'),
    // TLS 1.2 with only TLS 1.3 suites: a list that matches nothing, which OpenSSL refuses.
    ...(args.suites.length > 0 ? { ciphers: tls12.length > 0 ? tls12.join(':') : version === '1.2' ? '!ALL' : undefined, ciphersuites: tls13.join(':') } : {}),
    ...(args.groups ? { groups: args.groups.map((g) => OPENSSL_GROUPS[g]).join(':') } : {}),
    ...(args.serverName !== undefined ? { serverName: args.serverName } : {}),
    ...(args.certificate ? certificatePem(args.certificate) : {}),
  };
}

/** An RSA certificate (the engine's test key) valid from its virtual notBefore to a year past today. */
function certificatePem(cert: NonNullable<OpenSslArgs['certificate']>): { keyPem: string; certPem: string } {
  const validNow = cert.notBeforeMs <= cert.nowMs && cert.nowMs <= cert.notAfterMs;
  const notAfterMs = validNow ? Math.max(cert.notAfterMs, Date.now() + 365 * DAY_MS) : cert.notAfterMs;
  const credential = selfSignedCredential({ name: cert.name, kind: 'rsa', random: new SeededRandomSource(Date.now() >>> 0), notBeforeMs: cert.notBeforeMs, notAfterMs });
  const der = credential.chain[0] ?? Buffer.alloc(0);
  return {
    keyPem: String(credential.privateKey.export({ format: 'pem', type: 'pkcs8' })),
    certPem: `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`,
  };
}
