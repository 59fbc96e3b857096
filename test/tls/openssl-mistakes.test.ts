// The mistakes of tls-rules.md against OpenSSL (node:tls over an in-memory Duplex): our engine,
// holding its records like a scripted side, makes the mistake with the same alteration the
// runner uses (engine/tls/mistakes.ts), and we read which alert OpenSSL sends back (our engine
// decodes it, encrypted or not). Not deterministic (OpenSSL draws its own randoms); only the
// alert is checked, which is what tls-rules.md claims.
import { strict as assert } from 'node:assert';
import { Duplex } from 'node:stream';
import * as tls from 'node:tls';
import { selfSignedCredential } from '../../src/engine/tls/certificate';
import { TlsClient, type TlsClientOptions } from '../../src/engine/tls/client';
import type { PreparedRecord, TlsEndpoint } from '../../src/engine/tls/endpoint';
import { alterHandshake, flipLastByte, type Alteration } from '../../src/engine/tls/mistakes';
import { EXTENSION_TYPES, alpnExtension } from '../../src/engine/tls/messages/extensions';
import { SeededRandomSource } from '../../src/engine/tls/random-source';
import { NULL_CIPHER } from '../../src/engine/tls/record-layer';
import { TlsServer } from '../../src/engine/tls/server';

const turn = (): Promise<void> => new Promise((r) => setImmediate(r));

/** How our side seals one flight (the records one call prepared); the default seals them as prepared. */
type Mistake = (flight: PreparedRecord[], us: TlsEndpoint) => Buffer;

const seal = (flight: readonly PreparedRecord[], us: TlsEndpoint): Buffer => Buffer.concat(flight.map((r) => us.sealPrepared(r)));

/** Seals the flight with `change` applied to the message named `name`. */
const altering = (name: string, change: Alteration): Mistake => (flight, us) => {
  for (const r of flight) {
    if (!r.names.includes(name)) continue;
    const altered = alterHandshake(r.plaintext, change, us.messageContext);
    if (!altered) throw new Error(`${change.kind} does not fit ${name}`);
    r.plaintext = altered;
  }
  return seal(flight, us);
};

/** Leaves the named message out of the flight. */
const skipping = (name: string): Mistake => (flight, us) => seal(flight.filter((r) => !r.names.includes(name)), us);

function credential(): ReturnType<typeof selfSignedCredential> {
  const now = Date.now();
  return selfSignedCredential({ name: 'localhost', kind: 'rsa', random: new SeededRandomSource(9), notBeforeMs: now - 86_400_000, notAfterMs: now + 86_400_000 });
}

const toPem = (der: Buffer | undefined): string => `-----BEGIN CERTIFICATE-----\n${der?.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`;

/**
 * Runs `us` against OpenSSL until OpenSSL sends a fatal alert; every flight of ours goes through
 * `mistake` once it contains `at`. Returns the alert's description, or 'none'.
 */
async function alertFromOpenSsl(us: TlsEndpoint, wire: Duplex, fromPeer: Buffer[], first: Buffer, at: string, mistake: Mistake): Promise<string> {
  const deliver = async (bytes: Buffer): Promise<void> => {
    for (let i = 0; i < 3; i++) await turn();
    if (bytes.length > 0) wire.push(bytes);
  };
  await deliver(first);
  for (let i = 0; i < 300; i++) {
    await turn();
    const chunk = Buffer.concat(fromPeer.splice(0));
    if (chunk.length === 0) continue;
    const out = us.receive(chunk);
    const alert = out.events.find((e) => e.type === 'alert' && e.direction === 'received');
    if (alert && alert.type === 'alert') return alert.alert.description;
    const flight = [...(out.prepared ?? [])];
    await deliver(flight.some((r) => r.names.includes(at)) ? mistake(flight, us) : seal(flight, us));
  }
  return 'none';
}

/** An OpenSSL client against our server, which makes `mistake` in the flight holding `at`. */
async function openSslClientAlert(config: tls.ConnectionOptions, at: string, mistake: Mistake): Promise<string> {
  const rsa = credential();
  const server = new TlsServer({ random: new SeededRandomSource(2), credentials: { rsa }, holdRecords: true });
  const fromClient: Buffer[] = [];
  const wire = new Duplex({ read() {}, write: (chunk: Buffer, _e, cb) => { fromClient.push(chunk); cb(); } });
  const client = tls.connect({ socket: wire, servername: 'localhost', ca: toPem(rsa.chain[0]), ...config });
  client.on('error', () => undefined);
  client.on('secureConnect', () => client.write('ping'));
  try {
    return await alertFromOpenSsl(server, wire, fromClient, Buffer.alloc(0), at, mistake);
  } finally {
    client.destroy();
  }
}

/** Our client against an OpenSSL server; our client makes `mistake` in the flight holding `at`. */
async function openSslServerAlert(options: Omit<TlsClientOptions, 'random' | 'serverName'>, config: tls.SecureContextOptions, at: string, mistake: Mistake, prepare?: (client: TlsClient) => void): Promise<string> {
  const rsa = credential();
  const fromServer: Buffer[] = [];
  const wire = new Duplex({ read() {}, write: (chunk: Buffer, _e, cb) => { fromServer.push(chunk); cb(); } });
  const context = tls.createSecureContext({ key: rsa.privateKey.export({ format: 'pem', type: 'pkcs8' }), cert: toPem(rsa.chain[0]), ...config });
  const server = new tls.TLSSocket(wire, { isServer: true, secureContext: context });
  server.on('error', () => undefined);
  const client = new TlsClient({ random: new SeededRandomSource(1), serverName: 'localhost', holdRecords: true, ...options });
  prepare?.(client);
  const hello = client.start();
  try {
    return await alertFromOpenSsl(client, wire, fromServer, seal([...(hello.prepared ?? [])], client), at, mistake);
  } finally {
    server.destroy();
  }
}

const TLS13_ONLY: tls.ConnectionOptions = { minVersion: 'TLSv1.3' };
const TLS12_RSA: tls.ConnectionOptions = { maxVersion: 'TLSv1.2', ciphers: 'AES128-GCM-SHA256' };
const TLS12_ECDHE: tls.ConnectionOptions = { maxVersion: 'TLSv1.2', ciphers: 'ECDHE-RSA-AES128-GCM-SHA256' };

describe('tls-rules.md against OpenSSL: our server makes the mistake, the OpenSSL client answers', () => {
  it('TLS-UNEXPECTED-MESSAGE: TLS 1.3 Finished without CertificateVerify → unexpected_message', async () => {
    assert.equal(await openSslClientAlert(TLS13_ONLY, 'CertificateVerify', skipping('CertificateVerify')), 'unexpected_message');
  });
  it('TLS-UNEXPECTED-MESSAGE: TLS 1.2 ServerHelloDone without Certificate → unexpected_message', async () => {
    assert.equal(await openSslClientAlert(TLS12_RSA, 'Certificate', skipping('Certificate')), 'unexpected_message');
  });
  it('TLS-KEX-MISMATCH: ECDHE without ServerKeyExchange → unexpected_message', async () => {
    assert.equal(await openSslClientAlert(TLS12_ECDHE, 'ServerKeyExchange', skipping('ServerKeyExchange')), 'unexpected_message');
  });
  it('TLS-CCS-MISPLACED: TLS 1.2 Finished without ChangeCipherSpec → unexpected_message', async () => {
    assert.equal(await openSslClientAlert(TLS12_RSA, 'Finished', skipping('ChangeCipherSpec')), 'unexpected_message');
  });
  it('TLS-CCS-MISPLACED: ChangeCipherSpec payload 02 → unexpected_message', async () => {
    const mistake: Mistake = (flight, us) => {
      for (const r of flight) if (r.names.includes('ChangeCipherSpec')) r.plaintext = Buffer.from([2]);
      return seal(flight, us);
    };
    assert.equal(await openSslClientAlert(TLS12_RSA, 'ChangeCipherSpec', mistake), 'unexpected_message');
  });
  it('TLS-APPDATA-EARLY: TLS 1.2 server data before its ChangeCipherSpec → unexpected_message', async () => {
    const mistake: Mistake = (flight, us) => seal([us.prepareRecord('application_data', Buffer.from('early'), ['ApplicationData'], flight[0]), ...flight], us);
    assert.equal(await openSslClientAlert(TLS12_RSA, 'ChangeCipherSpec', mistake), 'unexpected_message');
  });
  it('TLS13-PLAINTEXT-HANDSHAKE: EncryptedExtensions in the clear → unexpected_message', async () => {
    const mistake: Mistake = (flight, us) => seal(flight.map((r) => (r.names.includes('EncryptedExtensions') ? { ...r, cipher: NULL_CIPHER } : r)), us);
    assert.equal(await openSslClientAlert(TLS13_ONLY, 'EncryptedExtensions', mistake), 'unexpected_message');
  });
  it('TLS-EXT-NOT-OFFERED: ALPN in EncryptedExtensions the client never asked for → unsupported_extension', async () => {
    const alpn = alpnExtension(['h2']);
    assert.equal(await openSslClientAlert(TLS13_ONLY, 'EncryptedExtensions', altering('EncryptedExtensions', { kind: 'addExtension', extension: alpn })), 'unsupported_extension');
  });
  it('TLS-EXT-NOT-OFFERED: ALPN in a TLS 1.2 ServerHello → unsupported_extension', async () => {
    const alpn = alpnExtension(['h2']);
    assert.equal(await openSslClientAlert(TLS12_RSA, 'ServerHello', altering('ServerHello', { kind: 'addExtension', extension: alpn })), 'unsupported_extension');
  });
  it('TLS13-SESSION-ID-ECHO: a different legacy_session_id_echo → illegal_parameter', async () => {
    assert.equal(await openSslClientAlert(TLS13_ONLY, 'ServerHello', altering('ServerHello', { kind: 'sessionId', value: Buffer.alloc(32) })), 'illegal_parameter');
  });
  it('TLS-VERSION-NOT-OFFERED: supported_versions = TLS 1.2 → illegal_parameter', async () => {
    assert.equal(await openSslClientAlert(TLS13_ONLY, 'ServerHello', altering('ServerHello', { kind: 'supportedVersion', version: 0x0303 })), 'illegal_parameter');
  });
  it('TLS-VERSION-NOT-OFFERED: a key_share group the client sent no share for → illegal_parameter', async () => {
    assert.equal(await openSslClientAlert(TLS13_ONLY, 'ServerHello', altering('ServerHello', { kind: 'keyShareGroup', group: 23 })), 'illegal_parameter');
  });
  it('TLS-MISSING-EXTENSION: TLS 1.3 ServerHello without key_share → missing_extension', async () => {
    assert.equal(await openSslClientAlert(TLS13_ONLY, 'ServerHello', altering('ServerHello', { kind: 'dropExtension', type: EXTENSION_TYPES.key_share })), 'missing_extension');
  });
  it('TLS-MISSING-EXTENSION: supported_versions twice → illegal_parameter', async () => {
    const twice = { type: EXTENSION_TYPES.supported_versions, data: Buffer.from([3, 4]) };
    assert.equal(await openSslClientAlert(TLS13_ONLY, 'ServerHello', altering('ServerHello', { kind: 'addExtension', extension: twice })), 'illegal_parameter');
  });
  it('TLS-FINISHED-MISMATCH: TLS 1.3 server verify_data zeroed → decrypt_error', async () => {
    assert.equal(await openSslClientAlert(TLS13_ONLY, 'Finished', altering('Finished', { kind: 'verifyData', value: Buffer.alloc(32) })), 'decrypt_error');
  });
  it('TLS-BAD-SIGNATURE: CertificateVerify that does not verify → decrypt_error', async () => {
    assert.equal(await openSslClientAlert(TLS13_ONLY, 'CertificateVerify', altering('CertificateVerify', { kind: 'badSignature' })), 'decrypt_error');
  });
  it('TLS-BAD-SIGNATURE: ServerKeyExchange that does not verify → decrypt_error', async () => {
    assert.equal(await openSslClientAlert(TLS12_ECDHE, 'ServerKeyExchange', altering('ServerKeyExchange', { kind: 'badSignature' })), 'decrypt_error');
  });
  it('TLS-BAD-RECORD-MAC: a TLS 1.3 record with a broken tag → bad_record_mac', async () => {
    const mistake: Mistake = (flight, us) => Buffer.concat(flight.map((r) => (r.names.includes('EncryptedExtensions') ? flipLastByte(us.sealPrepared(r)) : us.sealPrepared(r))));
    assert.equal(await openSslClientAlert(TLS13_ONLY, 'EncryptedExtensions', mistake), 'bad_record_mac');
  });
});

describe('tls-rules.md against OpenSSL: our client makes the mistake, the OpenSSL server answers', () => {
  const RSA = { version: '1.2', cipherSuites: ['TLS_RSA_WITH_AES_128_GCM_SHA256'] } as const;
  const RSA_SERVER: tls.SecureContextOptions = { maxVersion: 'TLSv1.2', ciphers: 'AES128-GCM-SHA256' };
  it('TLS-CCS-MISPLACED: ChangeCipherSpec before ClientKeyExchange → unexpected_message', async () => {
    const mistake: Mistake = (flight, us) => seal([flight[1]!, flight[0]!, ...flight.slice(2)], us);
    assert.equal(await openSslServerAlert(RSA, RSA_SERVER, 'ClientKeyExchange', mistake), 'unexpected_message');
  });
  it('TLS-PMS-VERSION: premaster secret of TLS 1.1 → no distinct alert; the Finished fails with bad_record_mac', async () => {
    // The premaster is made when ServerHelloDone arrives: the mistake is set before.
    const premaster11 = (client: TlsClient): void => { client.premasterVersion = 0x0302; };
    assert.equal(await openSslServerAlert(RSA, RSA_SERVER, 'ClientKeyExchange', seal, premaster11), 'bad_record_mac');
  });
  it('TLS-APPDATA-EARLY: TLS 1.3 client data before its Finished → unexpected_message', async () => {
    const mistake: Mistake = (flight, us) => seal([us.prepareRecord('application_data', Buffer.from('early'), ['ApplicationData'], flight[0]), ...flight], us);
    assert.equal(await openSslServerAlert({ version: '1.3' }, { minVersion: 'TLSv1.3' }, 'Finished', mistake), 'unexpected_message');
  });
  it('TLS-FINISHED-MISMATCH: TLS 1.3 client verify_data zeroed → decrypt_error', async () => {
    assert.equal(await openSslServerAlert({ version: '1.3' }, { minVersion: 'TLSv1.3' }, 'Finished', altering('Finished', { kind: 'verifyData', value: Buffer.alloc(32) })), 'decrypt_error');
  });
  it('TLS-CCS-MISPLACED: ChangeCipherSpec after the TLS 1.3 handshake → unexpected_message', async () => {
    const mistake: Mistake = (flight, us) => Buffer.concat([seal(flight, us), us.sealPrepared(us.prepareRecord('change_cipher_spec', Buffer.from([1]), ['ChangeCipherSpec']))]);
    assert.equal(await openSslServerAlert({ version: '1.3' }, { minVersion: 'TLSv1.3' }, 'Finished', mistake), 'unexpected_message');
  });
  it('TLS-RECORD-OVERFLOW: 2^14 + 1 bytes of plaintext in one TLS 1.3 record → record_overflow', async () => {
    const mistake: Mistake = (flight, us) => {
      const big = us.prepareRecord('application_data', Buffer.alloc(16_385, 0x61), ['ApplicationData']);
      const finished = seal(flight, us);
      return Buffer.concat([finished, us.sealPrepared(big, true)]);
    };
    assert.equal(await openSslServerAlert({ version: '1.3' }, { minVersion: 'TLSv1.3' }, 'Finished', mistake), 'record_overflow');
  });
});
