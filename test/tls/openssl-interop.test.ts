// Interop with OpenSSL (node:tls) over an in-memory Duplex: our TlsClient against a real
// OpenSSL server, TLS 1.3 and TLS 1.2 (RSA and ECDHE). Not deterministic (OpenSSL draws its own
// randoms), so only the outcome is checked. Bytes are delivered a few event-loop turns later,
// never re-entrantly (see shared/research/tls.md §1d).
import { strict as assert } from 'node:assert';
import { Duplex } from 'node:stream';
import * as tls from 'node:tls';
import { selfSignedCredential } from '../../src/engine/tls/certificate';
import { TlsClient, type TlsClientOptions } from '../../src/engine/tls/client';
import { SeededRandomSource } from '../../src/engine/tls/random-source';

const turn = (): Promise<void> => new Promise((r) => setImmediate(r));

async function againstOpenSslServer(options: Omit<TlsClientOptions, 'random' | 'serverName'>, serverConfig: tls.SecureContextOptions): Promise<string> {
  const credential = selfSignedCredential({ name: 'localhost', kind: 'rsa', random: new SeededRandomSource(9), notBeforeMs: Date.now() - 86_400_000, notAfterMs: Date.now() + 86_400_000 });
  const certPem = `-----BEGIN CERTIFICATE-----\n${credential.chain[0]?.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`;
  const fromServer: Buffer[] = [];
  const wire = new Duplex({ read() {}, write: (chunk: Buffer, _e, cb) => { fromServer.push(chunk); cb(); } });
  const context = tls.createSecureContext({ key: credential.privateKey.export({ format: 'pem', type: 'pkcs8' }), cert: certPem, ...serverConfig });
  const server = new tls.TLSSocket(wire, { isServer: true, secureContext: context });
  let received = '';
  server.on('data', (d: Buffer) => {
    received += d.toString();
    server.write('pong:' + d.toString());
  });
  server.on('error', () => undefined);
  const client = new TlsClient({ random: new SeededRandomSource(1), serverName: 'localhost', ...options });
  let reply = '';
  const deliver = async (bytes: Buffer): Promise<void> => {
    for (let i = 0; i < 3; i++) await turn();
    wire.push(bytes);
  };
  await deliver(client.start().send);
  for (let i = 0; i < 200 && reply === ''; i++) {
    await turn();
    const chunk = Buffer.concat(fromServer.splice(0));
    if (chunk.length === 0) continue;
    const out = client.receive(chunk);
    for (const e of out.events) if (e.type === 'applicationData') reply += e.data.toString();
    const alert = out.events.find((e) => e.type === 'alert');
    if (alert && alert.type === 'alert') throw new Error(`alert ${alert.alert.description} ${alert.reason ?? ''}`);
    if (out.send.length > 0) await deliver(out.send);
    if (client.established && received === '' && !out.events.some((e) => e.type === 'applicationData')) {
      if (!sent) await deliver(client.write(Buffer.from('ping')).send);
      sent = true;
    }
  }
  server.destroy();
  return reply;
}
let sent = false;

describe('TLS engine vs OpenSSL (node:tls server)', () => {
  beforeEach(() => {
    sent = false;
  });
  it('TLS 1.3 TLS_AES_128_GCM_SHA256 over X25519', async () => {
    assert.equal(await againstOpenSslServer({ version: '1.3' }, { minVersion: 'TLSv1.3' }), 'pong:ping');
  });
  it('TLS 1.2 TLS_RSA_WITH_AES_128_GCM_SHA256', async () => {
    assert.equal(
      await againstOpenSslServer({ version: '1.2', cipherSuites: ['TLS_RSA_WITH_AES_128_GCM_SHA256'] }, { maxVersion: 'TLSv1.2', ciphers: 'AES128-GCM-SHA256' }),
      'pong:ping',
    );
  });
  it('TLS 1.2 TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 over X25519', async () => {
    assert.equal(
      await againstOpenSslServer({ version: '1.2', cipherSuites: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'], groups: ['x25519'] }, { maxVersion: 'TLSv1.2', ciphers: 'ECDHE-RSA-AES128-GCM-SHA256' }),
      'pong:ping',
    );
  });
});
