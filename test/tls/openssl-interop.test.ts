// Interop with OpenSSL (node:tls) over an in-memory Duplex: our TlsClient against a real
// OpenSSL server, TLS 1.3 and TLS 1.2 (RSA and ECDHE). Not deterministic (OpenSSL draws its own
// randoms), so only the outcome is checked. Bytes are delivered a few event-loop turns later,
// never re-entrantly (see shared/research/tls.md §1d).
import { strict as assert } from 'node:assert';
import { Duplex } from 'node:stream';
import * as tls from 'node:tls';
import { selfSignedCredential } from '../../src/engine/tls/certificate';
import { setChaChaBackend } from '../../src/engine/tls/crypto/chacha';
import { TlsClient, type TlsClientOptions } from '../../src/engine/tls/client';
import type { TlsEvent, TlsOutput } from '../../src/engine/tls/events';
import { SeededRandomSource } from '../../src/engine/tls/random-source';
import { TlsServer, type TlsServerOptions } from '../../src/engine/tls/server';

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
  it('TLS 1.3 TLS_CHACHA20_POLY1305_SHA256 (the OpenSSL server allows only ChaCha)', async () => {
    assert.equal(await againstOpenSslServer({ version: '1.3', cipherSuites: ['TLS_CHACHA20_POLY1305_SHA256'] }, { minVersion: 'TLSv1.3', ciphers: 'TLS_CHACHA20_POLY1305_SHA256' }), 'pong:ping');
  });
  it('TLS 1.2 TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256 (RFC 7905 nonces), on node:crypto and on the @noble/ciphers fallback', async () => {
    for (const backend of ['node', 'noble'] as const) {
      sent = false;
      setChaChaBackend(backend);
      try {
        assert.equal(
          await againstOpenSslServer({ version: '1.2', cipherSuites: ['TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256'] }, { maxVersion: 'TLSv1.2', ciphers: 'ECDHE-RSA-CHACHA20-POLY1305' }),
          'pong:ping',
          backend,
        );
      } finally {
        setChaChaBackend(undefined);
      }
    }
  });
});

// --- our TlsServer against an OpenSSL client (node:tls connect over an in-memory Duplex) ---

interface OpenSslClientRun {
  reply: string;
  received: string;
  server: TlsServer;
  authorized: boolean;
  protocol: string | null;
  cipher: string;
}

async function openSslClientAgainstOurServer(clientConfig: tls.ConnectionOptions, serverOptions: Partial<Omit<TlsServerOptions, 'random'>> = {}): Promise<OpenSslClientRun> {
  const now = Date.now();
  const window = { notBeforeMs: now - 86_400_000, notAfterMs: now + 86_400_000 };
  const rsa = selfSignedCredential({ name: 'localhost', kind: 'rsa', random: new SeededRandomSource(9), ...window });
  const server = new TlsServer({ random: new SeededRandomSource(2), credentials: { rsa }, ...serverOptions });
  const fromClient: Buffer[] = [];
  const wire = new Duplex({ read() {}, write: (chunk: Buffer, _e, cb) => { fromClient.push(chunk); cb(); } });
  const client = tls.connect({ socket: wire, servername: 'localhost', ca: toPem(rsa.chain[0]), ...clientConfig });
  let failure: Error | undefined;
  client.on('error', (e: Error) => { failure = e; });
  let reply = '';
  let authorized = false;
  client.on('secureConnect', () => {
    authorized = client.authorized;
    client.write('ping');
  });
  client.on('data', (d: Buffer) => { reply += d.toString(); });
  let received = '';
  const deliver = async (bytes: Buffer): Promise<void> => {
    for (let i = 0; i < 3; i++) await turn();
    if (bytes.length > 0) wire.push(bytes);
  };
  for (let i = 0; i < 300 && reply === '' && !failure; i++) {
    await turn();
    const chunk = Buffer.concat(fromClient.splice(0));
    if (chunk.length === 0) continue;
    const out = server.receive(chunk);
    const alert = out.events.find((e) => e.type === 'alert');
    if (alert && alert.type === 'alert') throw new Error(`our server: alert ${alert.alert.level} ${alert.alert.description} ${alert.reason ?? ''}`);
    let answer = out.send;
    for (const e of out.events) {
      if (e.type !== 'applicationData') continue;
      received += e.data.toString();
      answer = Buffer.concat([answer, server.write(Buffer.from('pong:' + e.data.toString())).send]);
    }
    await deliver(answer);
  }
  const protocol = client.getProtocol();
  const cipher = client.getCipher().standardName;
  client.destroy();
  if (failure) throw failure;
  return { reply, received, server, authorized, protocol, cipher };
}

function toPem(der: Buffer | undefined): string {
  if (!der) throw new Error('no certificate');
  return `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`;
}

describe('TLS engine vs OpenSSL (node:tls client against our TlsServer)', () => {
  it('TLS 1.3 TLS_AES_128_GCM_SHA256', async () => {
    const run = await openSslClientAgainstOurServer({ minVersion: 'TLSv1.3' });
    assert.equal(run.protocol, 'TLSv1.3');
    assert.equal(run.cipher, 'TLS_AES_128_GCM_SHA256');
    assert.ok(run.authorized, 'OpenSSL trusts our self-signed certificate via ca');
    assert.equal(run.received, 'ping');
    assert.equal(run.reply, 'pong:ping');
    assert.equal(run.server.state, 'ESTABLISHED');
  });
  it('TLS 1.2 TLS_RSA_WITH_AES_128_GCM_SHA256', async () => {
    const run = await openSslClientAgainstOurServer({ maxVersion: 'TLSv1.2', ciphers: 'AES128-GCM-SHA256' });
    assert.equal(run.protocol, 'TLSv1.2');
    assert.equal(run.cipher, 'TLS_RSA_WITH_AES_128_GCM_SHA256');
    assert.equal(run.server.cipherSuite?.name, 'TLS_RSA_WITH_AES_128_GCM_SHA256');
    assert.equal(run.reply, 'pong:ping');
  });
  it('TLS 1.2 TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', async () => {
    const run = await openSslClientAgainstOurServer({ maxVersion: 'TLSv1.2', ciphers: 'ECDHE-RSA-AES128-GCM-SHA256' });
    assert.equal(run.protocol, 'TLSv1.2');
    assert.equal(run.cipher, 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256');
    assert.equal(run.reply, 'pong:ping');
  });
  it('TLS 1.3 TLS_CHACHA20_POLY1305_SHA256', async () => {
    const run = await openSslClientAgainstOurServer({ minVersion: 'TLSv1.3', ciphers: 'TLS_CHACHA20_POLY1305_SHA256' });
    assert.equal(run.cipher, 'TLS_CHACHA20_POLY1305_SHA256');
    assert.equal(run.server.cipherSuite?.name, 'TLS_CHACHA20_POLY1305_SHA256');
    assert.equal(run.received, 'ping');
    assert.equal(run.reply, 'pong:ping');
  });
  it('TLS 1.2 TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256', async () => {
    const run = await openSslClientAgainstOurServer({ maxVersion: 'TLSv1.2', ciphers: 'ECDHE-RSA-CHACHA20-POLY1305' });
    assert.equal(run.protocol, 'TLSv1.2');
    assert.equal(run.cipher, 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256');
    assert.equal(run.received, 'ping');
    assert.equal(run.reply, 'pong:ping');
  });
});

// --- KeyUpdate and close_notify with an OpenSSL client ---

/** node:tls as client over an in-memory Duplex; our TlsServer answers in `pump`. */
class OpenSslClientHarness {
  readonly server: TlsServer;
  readonly client: tls.TLSSocket;
  readonly fromClient: Buffer[] = [];
  readonly wire: Duplex;
  /** What OpenSSL's client read, and what our server received. */
  reply = '';
  received = '';
  secure = false;
  ended = false;
  failure: Error | undefined;
  readonly events: TlsEvent[] = [];

  constructor() {
    const now = Date.now();
    const rsa = selfSignedCredential({ name: 'localhost', kind: 'rsa', random: new SeededRandomSource(9), notBeforeMs: now - 86_400_000, notAfterMs: now + 86_400_000 });
    this.server = new TlsServer({ random: new SeededRandomSource(2), credentials: { rsa } });
    this.wire = new Duplex({ read() {}, write: (chunk: Buffer, _e, cb) => { this.fromClient.push(chunk); cb(); } });
    this.client = tls.connect({ socket: this.wire, servername: 'localhost', ca: toPem(rsa.chain[0]), minVersion: 'TLSv1.3' });
    this.client.on('error', (e: Error) => { this.failure = e; });
    this.client.on('secureConnect', () => { this.secure = true; });
    this.client.on('data', (d: Buffer) => { this.reply += d.toString(); });
    this.client.on('end', () => { this.ended = true; });
  }

  async deliver(out: TlsOutput): Promise<void> {
    this.events.push(...out.events);
    for (let i = 0; i < 3; i++) await turn();
    if (out.send.length > 0) this.wire.push(out.send);
  }

  /** Feeds OpenSSL's bytes to our server until `done` (or a failure). */
  async pump(done: () => boolean): Promise<void> {
    for (let i = 0; i < 300 && !done(); i++) {
      if (this.failure) throw this.failure;
      await turn();
      const chunk = Buffer.concat(this.fromClient.splice(0));
      if (chunk.length === 0) continue;
      const out = this.server.receive(chunk);
      for (const e of out.events) if (e.type === 'applicationData') this.received += e.data.toString();
      const fatal = out.events.find((e) => e.type === 'alert' && e.alert.level === 'fatal');
      if (fatal && fatal.type === 'alert') throw new Error(`alert ${fatal.direction} ${fatal.alert.description} ${fatal.reason ?? ''}`);
      await this.deliver(out);
    }
    if (this.failure) throw this.failure;
    assert.ok(done(), 'timed out');
  }
}

describe('TLS engine vs OpenSSL: KeyUpdate and close_notify (node:tls client, our TlsServer)', () => {
  it('TLS 1.3 KeyUpdate from our server with update_requested: OpenSSL answers with its own, data flows after', async () => {
    const h = new OpenSslClientHarness();
    await h.pump(() => h.secure && h.server.established);
    h.client.write('ping');
    await h.pump(() => h.received === 'ping');
    await h.deliver(h.server.write(Buffer.from('pong')));
    await h.pump(() => h.reply === 'pong');

    const before = h.events.length;
    await h.deliver(h.server.keyUpdate(true));
    for (let i = 0; i < 5; i++) await turn();
    h.client.write('ping 2'); // OpenSSL sends its KeyUpdate answer no later than with this data
    await h.pump(() => h.received === 'pingping 2');
    const after = h.events.slice(before);
    const received = after.flatMap((e) => (e.type === 'handshake' && e.direction === 'received' ? [...e.messages] : []));
    assert.deepEqual(received, ['KeyUpdate'], 'OpenSSL answered update_requested');
    const sent = after.flatMap((e) => (e.type === 'handshake' && e.direction === 'sent' ? [...e.messages] : []));
    assert.deepEqual(sent, ['KeyUpdate'], 'ours only: OpenSSL\'s update_not_requested is not answered');
    await h.deliver(h.server.write(Buffer.from('pong 2'))); // under our new write key
    await h.pump(() => h.reply === 'pongpong 2');
    h.client.destroy();
  });

  it('TLS 1.3 close_notify both ways: OpenSSL ends, our server reports CLOSED and answers; OpenSSL sees the end', async () => {
    const h = new OpenSslClientHarness();
    await h.pump(() => h.secure && h.server.established);
    h.client.write('ping');
    await h.pump(() => h.received === 'ping');
    h.client.end(); // SSL_shutdown: close_notify
    await h.pump(() => h.server.state === 'CLOSED');
    assert.ok(h.events.some((e) => e.type === 'alert' && e.direction === 'received' && e.alert.description === 'close_notify'));
    assert.ok(h.events.some((e) => e.type === 'state' && e.to === 'CLOSED'));
    assert.ok(!h.ended);
    await h.deliver(h.server.close());
    for (let i = 0; i < 20 && !h.ended; i++) await turn();
    assert.ok(h.ended, "OpenSSL's client read our close_notify as the end of the stream");
    assert.equal(h.failure, undefined);
    h.client.destroy();
  });
});
