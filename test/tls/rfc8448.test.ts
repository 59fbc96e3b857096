// RFC 8448 §3 (Simple 1-RTT Handshake) reproduced byte for byte: the ECDHE secret, every secret
// of the key schedule, all traffic keys, both Finished values and the protected records.
import { strict as assert } from 'node:assert';
import { createPublicKey, X509Certificate } from 'node:crypto';
import { fromHex, hex } from '../../src/engine/tls/bytes';
import { keyShareFromPrivate, sharedSecret } from '../../src/engine/tls/crypto/key-exchange';
import { verifyWith } from '../../src/engine/tls/crypto/signature';
import { KeySchedule, tls13FinishedVerifyData, tls13TrafficKeys, Transcript } from '../../src/engine/tls/key-schedule';
import { decodeHandshakeBody, encodeHandshake, type HandshakeMessage } from '../../src/engine/tls/messages/handshake';
import { findExtension, readClientKeyShares, readServerName } from '../../src/engine/tls/messages/extensions';
import { CONTENT_TYPES, encodeRecord, RecordReader, Tls13Cipher } from '../../src/engine/tls/record-layer';
import { RFC8448 as V } from './vectors/rfc8448-simple-1rtt';

const decode = (h: string): HandshakeMessage => {
  const raw = fromHex(h);
  return decodeHandshakeBody(raw[0] ?? 0, raw.subarray(4), { version: '1.3' });
};
const record = (text: string) => {
  const reader = new RecordReader();
  reader.push(fromHex(text));
  const r = reader.next();
  assert.ok(r);
  return r;
};

describe('RFC 8448 §3: simple 1-RTT handshake', () => {
  const client = keyShareFromPrivate('x25519', fromHex(V.clientPrivateKey));
  const server = keyShareFromPrivate('x25519', fromHex(V.serverPrivateKey));
  const transcript = new Transcript();
  const ks = new KeySchedule('sha256');

  it('derives both X25519 public keys and the shared secret', () => {
    assert.equal(hex(client.publicKey), V.clientPublicKey);
    assert.equal(hex(server.publicKey), V.serverPublicKey);
    assert.equal(hex(sharedSecret(client, server.publicKey)), V.sharedSecret);
    assert.equal(hex(sharedSecret(server, client.publicKey)), V.sharedSecret);
  });

  it('decodes and re-encodes every handshake message byte for byte', () => {
    for (const h of [V.clientHello, V.serverHello, V.encryptedExtensions, V.certificate, V.certificateVerify, V.serverFinished, V.clientFinished]) {
      assert.equal(hex(encodeHandshake(decode(h), { version: '1.3' })), h);
    }
    const ch = decode(V.clientHello);
    assert.ok(ch.type === 'ClientHello');
    assert.deepEqual(ch.cipherSuites, [0x1301, 0x1303, 0x1302]);
    assert.equal(readServerName(findExtension(ch.extensions, 'server_name') ?? Buffer.alloc(0)), 'server');
    assert.equal(hex(readClientKeyShares(findExtension(ch.extensions, 'key_share') ?? Buffer.alloc(0))[0]?.keyExchange ?? Buffer.alloc(0)), V.clientPublicKey);
  });

  it('derives the early, handshake and handshake traffic secrets and keys', () => {
    assert.equal(hex(ks.earlySecret), V.earlySecret);
    transcript.add(fromHex(V.clientHello));
    transcript.add(fromHex(V.serverHello));
    assert.equal(hex(transcript.hash('sha256')), V.helloHash);
    ks.handshake(fromHex(V.sharedSecret), transcript.hash('sha256'));
    assert.equal(hex(ks.handshakeSecret), V.handshakeSecret);
    assert.equal(hex(ks.clientHandshakeTrafficSecret), V.clientHandshakeTrafficSecret);
    assert.equal(hex(ks.serverHandshakeTrafficSecret), V.serverHandshakeTrafficSecret);
    const s = tls13TrafficKeys('sha256', ks.serverHandshakeTrafficSecret, 16);
    const c = tls13TrafficKeys('sha256', ks.clientHandshakeTrafficSecret, 16);
    assert.deepEqual([hex(s.key), hex(s.iv), hex(c.key), hex(c.iv)], [V.serverHandshakeKey, V.serverHandshakeIv, V.clientHandshakeKey, V.clientHandshakeIv]);
  });

  it('verifies the CertificateVerify against the RFC certificate and computes the server Finished', () => {
    const cert = decode(V.certificate);
    const cv = decode(V.certificateVerify);
    assert.ok(cert.type === 'Certificate' && cv.type === 'CertificateVerify');
    const publicKey = createPublicKey(new X509Certificate(cert.entries[0]?.certificate ?? Buffer.alloc(0)).publicKey.export({ format: 'pem', type: 'spki' }));
    transcript.add(fromHex(V.encryptedExtensions));
    transcript.add(fromHex(V.certificate));
    const signed = Buffer.concat([Buffer.alloc(64, 0x20), Buffer.from('TLS 1.3, server CertificateVerify\0', 'ascii'), transcript.hash('sha256')]);
    assert.ok(verifyWith('rsa_pss_rsae_sha256', publicKey, signed, cv.signature));
    transcript.add(fromHex(V.certificateVerify));
    const verifyData = tls13FinishedVerifyData('sha256', ks.serverHandshakeTrafficSecret, transcript.hash('sha256'));
    assert.equal(hex(verifyData), V.serverFinished.slice(8));
    transcript.add(fromHex(V.serverFinished));
  });

  it('derives master, application traffic, exporter and resumption secrets and the client Finished', () => {
    ks.application(transcript.hash('sha256'));
    assert.equal(hex(ks.masterSecret), V.masterSecret);
    assert.equal(hex(ks.clientApplicationTrafficSecret), V.clientApplicationTrafficSecret);
    assert.equal(hex(ks.serverApplicationTrafficSecret), V.serverApplicationTrafficSecret);
    assert.equal(hex(ks.exporterMasterSecret), V.exporterMasterSecret);
    const verifyData = tls13FinishedVerifyData('sha256', ks.clientHandshakeTrafficSecret, transcript.hash('sha256'));
    assert.equal(hex(verifyData), V.clientFinished.slice(8));
    transcript.add(fromHex(V.clientFinished));
    ks.resumption(transcript.hash('sha256'));
    assert.equal(hex(ks.resumptionMasterSecret), V.resumptionMasterSecret);
    assert.equal(hex(ks.ticketPsk(Buffer.from([0, 0]))), V.ticketPskForNonce0000);
    const s = tls13TrafficKeys('sha256', ks.serverApplicationTrafficSecret, 16);
    const c = tls13TrafficKeys('sha256', ks.clientApplicationTrafficSecret, 16);
    assert.deepEqual([hex(s.key), hex(s.iv), hex(c.key), hex(c.iv)], [V.serverApplicationKey, V.serverApplicationIv, V.clientApplicationKey, V.clientApplicationIv]);
  });

  it('seals the server flight, client Finished and both application records byte for byte', () => {
    const sh = tls13TrafficKeys('sha256', fromHex(V.serverHandshakeTrafficSecret), 16);
    const ch = tls13TrafficKeys('sha256', fromHex(V.clientHandshakeTrafficSecret), 16);
    const sa = tls13TrafficKeys('sha256', fromHex(V.serverApplicationTrafficSecret), 16);
    const ca = tls13TrafficKeys('sha256', fromHex(V.clientApplicationTrafficSecret), 16);
    const flight = fromHex(V.encryptedExtensions + V.certificate + V.certificateVerify + V.serverFinished);
    const seal = (k: { key: Buffer; iv: Buffer }, type: number, data: Buffer, seq: bigint) => hex(encodeRecord(new Tls13Cipher('aes-gcm', k.key, k.iv).seal(type, 0x0303, data, seq)));
    assert.equal(seal(sh, CONTENT_TYPES.handshake, flight, 0n), hex(fromHex(V.serverHandshakeRecord)));
    assert.equal(seal(ch, CONTENT_TYPES.handshake, fromHex(V.clientFinished), 0n), hex(fromHex(V.clientFinishedRecord)));
    const payload = Buffer.from(Array.from({ length: 0x32 }, (_, i) => i));
    assert.equal(seal(ca, CONTENT_TYPES.application_data, payload, 0n), hex(fromHex(V.clientApplicationRecord)));
    assert.equal(seal(sa, CONTENT_TYPES.application_data, payload, 1n), hex(fromHex(V.serverApplicationRecord)));
    const opened = new Tls13Cipher('aes-gcm', sh.key, sh.iv).open(record(V.serverHandshakeRecord), 0n);
    assert.equal(opened.contentType, CONTENT_TYPES.handshake);
    assert.deepEqual(opened.plaintext, flight);
    assert.throws(() => new Tls13Cipher('aes-gcm', sa.key, sa.iv).open(record(V.serverApplicationRecord), 0n));
  });
});
