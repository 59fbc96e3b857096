// ChaCha20-Poly1305 on both implementations (node:crypto and the @noble/ciphers fallback that
// desktop VS Code's Electron needs): the RFC 8439 §2.8.2 AEAD vector, the same bytes from both,
// and engine-to-engine TLS 1.3 / TLS 1.2 (RFC 7905) handshakes with application data.
import { strict as assert } from 'node:assert';
import { fromHex, hex } from '../../src/engine/tls/bytes';
import { aeadOpen, aeadSeal, AuthenticationError } from '../../src/engine/tls/crypto/aead';
import { chachaBackend, setChaChaBackend, type ChaChaBackend } from '../../src/engine/tls/crypto/chacha';
import { selfSignedCredential } from '../../src/engine/tls/certificate';
import { TlsClient } from '../../src/engine/tls/client';
import type { CipherSuiteName } from '../../src/engine/tls/messages/cipher-suites';
import { SeededRandomSource } from '../../src/engine/tls/random-source';
import { TlsServer } from '../../src/engine/tls/server';

// RFC 8439 §2.8.2
const KEY = fromHex('808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f');
const NONCE = fromHex('070000004041424344454647');
const AAD = fromHex('50515253c0c1c2c3c4c5c6c7');
const PLAINTEXT = Buffer.from("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.", 'ascii');
const CIPHERTEXT =
  'd31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc3ff4def08e4b7a9de576d26586cec64b6116';
const TAG = '1ae10b594f09e26a7e902ecbd0600691';

const NOW = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;
const BACKENDS: readonly ChaChaBackend[] = ['node', 'noble'];

function withBackend<T>(backend: ChaChaBackend, f: () => T): T {
  setChaChaBackend(backend);
  try {
    return f();
  } finally {
    setChaChaBackend(undefined);
  }
}

/** A whole handshake and one request/reply, engine to engine; returns every byte on the wire. */
function converse(version: '1.2' | '1.3', suite: CipherSuiteName): { wire: string; request: string; reply: string; client: TlsClient; server: TlsServer } {
  const random = new SeededRandomSource(77);
  const window = { name: 'bank.example', notBeforeMs: NOW - DAY, notAfterMs: NOW + DAY, random };
  const credentials = { rsa: selfSignedCredential({ kind: 'rsa', ...window }), ec: selfSignedCredential({ kind: 'ec', ...window }) };
  const client = new TlsClient({ random: new SeededRandomSource(5), version, cipherSuites: [suite], serverName: 'bank.example', nowMs: NOW });
  const server = new TlsServer({ random: new SeededRandomSource(6), credentials });
  const wire: Buffer[] = [];
  let out = client.start();
  for (let i = 0, toServer = true; i < 10 && out.send.length > 0; i++, toServer = !toServer) {
    wire.push(out.send);
    out = toServer ? server.receive(out.send) : client.receive(out.send);
  }
  const data = (o: ReturnType<TlsClient['write']>): string => o.events.map((e) => (e.type === 'applicationData' ? e.data.toString() : '')).join('');
  const sent = client.write(Buffer.from('GET /balance')).send;
  const request = data(server.receive(sent));
  const answer = server.write(Buffer.from('balance: 42')).send;
  const reply = data(client.receive(answer));
  wire.push(sent, answer);
  return { wire: hex(Buffer.concat(wire)), request, reply, client, server };
}

describe('ChaCha20-Poly1305', () => {
  it('uses node:crypto where the runtime has chacha20-poly1305 (Node on OpenSSL)', () => {
    assert.equal(chachaBackend(), 'node');
  });

  for (const backend of BACKENDS) {
    it(`${backend}: RFC 8439 §2.8.2 AEAD vector seals and opens`, () =>
      withBackend(backend, () => {
        assert.equal(hex(aeadSeal('chacha20-poly1305', KEY, NONCE, AAD, PLAINTEXT)), CIPHERTEXT + TAG);
        assert.equal(aeadOpen('chacha20-poly1305', KEY, NONCE, AAD, fromHex(CIPHERTEXT + TAG)).toString('ascii'), PLAINTEXT.toString('ascii'));
      }));

    it(`${backend}: a flipped tag bit is an authentication failure (bad_record_mac)`, () =>
      withBackend(backend, () => {
        const sealed = fromHex(CIPHERTEXT + TAG);
        sealed[sealed.length - 1] = (sealed[sealed.length - 1] ?? 0) ^ 1;
        assert.throws(() => aeadOpen('chacha20-poly1305', KEY, NONCE, AAD, sealed), AuthenticationError);
      }));
  }

  it('both implementations give the same bytes, for empty to multi-block plaintexts', () => {
    for (const length of [0, 1, 63, 64, 65, 1000]) {
      const plaintext = Buffer.alloc(length, length & 0xff);
      const [a, b] = BACKENDS.map((backend) => withBackend(backend, () => hex(aeadSeal('chacha20-poly1305', KEY, NONCE, AAD, plaintext))));
      assert.equal(a, b, `length ${length}`);
    }
  });

  const handshakes: ReadonlyArray<[version: '1.2' | '1.3', suite: CipherSuiteName]> = [
    ['1.3', 'TLS_CHACHA20_POLY1305_SHA256'],
    ['1.2', 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256'],
    ['1.2', 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256'],
  ];
  for (const [version, suite] of handshakes) {
    it(`TLS ${version} ${suite}: engine to engine, application data both ways, identical wire bytes on both implementations`, () => {
      const [viaNode, viaNoble] = BACKENDS.map((backend) => withBackend(backend, () => converse(version, suite)));
      if (!viaNode || !viaNoble) throw new Error('no run');
      assert.equal(viaNode.client.cipherSuite?.name, suite);
      assert.equal(viaNode.server.state, 'ESTABLISHED');
      assert.equal(viaNode.request, 'GET /balance');
      assert.equal(viaNode.reply, 'balance: 42');
      assert.equal(viaNoble.reply, 'balance: 42');
      assert.equal(viaNode.wire, viaNoble.wire);
    });
  }
});
