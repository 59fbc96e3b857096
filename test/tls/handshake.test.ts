// TlsClient and TlsServer talking over byte streams: full TLS 1.2 (RSA, ECDHE) and TLS 1.3
// handshakes, application data both ways, the message names per flight (as in contract examples
// 10 and 11), determinism per seed, and a few scripted mistakes answered with the right alert.
import { strict as assert } from 'node:assert';
import { selfSignedCredential, type ServerCredential } from '../../src/engine/tls/certificate';
import { TlsClient, type TlsClientOptions } from '../../src/engine/tls/client';
import type { TlsEvent, TlsOutput } from '../../src/engine/tls/events';
import { SeededRandomSource } from '../../src/engine/tls/random-source';
import { TlsServer } from '../../src/engine/tls/server';

const NOW = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;

function credentials(seed: number): { rsa: ServerCredential; ec: ServerCredential } {
  const random = new SeededRandomSource(seed);
  const window = { notBeforeMs: NOW - DAY, notAfterMs: NOW + 365 * DAY, random };
  return { rsa: selfSignedCredential({ name: 'bank.example', kind: 'rsa', ...window }), ec: selfSignedCredential({ name: 'bank.example', kind: 'ec', ...window }) };
}

const flight = (out: TlsOutput): string[] => {
  const e = out.events.find((x): x is Extract<TlsEvent, { type: 'handshake' }> => x.type === 'handshake' && x.direction === 'sent');
  return e ? [...e.messages] : [];
};

interface Run {
  flights: string[][];
  wire: Buffer[];
  client: TlsClient;
  server: TlsServer;
  events: TlsEvent[];
}

function handshake(seed: number, clientOptions: Omit<TlsClientOptions, 'random'>): Run {
  const client = new TlsClient({ random: new SeededRandomSource(seed), serverName: 'bank.example', nowMs: NOW, ...clientOptions });
  const server = new TlsServer({ random: new SeededRandomSource(seed + 1000), credentials: credentials(seed + 2000) });
  const flights: string[][] = [];
  const wire: Buffer[] = [];
  const events: TlsEvent[] = [];
  let out = client.start();
  let to: 'server' | 'client' = 'server';
  for (let i = 0; i < 10 && out.send.length > 0; i++) {
    flights.push(flight(out));
    wire.push(out.send);
    events.push(...out.events);
    out = to === 'server' ? server.receive(out.send) : client.receive(out.send);
    to = to === 'server' ? 'client' : 'server';
  }
  events.push(...out.events);
  return { flights, wire, client, server, events };
}

function exchangeData(run: Run): void {
  const request = run.client.write(Buffer.from('GET /balance'));
  const atServer = run.server.receive(request.send);
  assert.deepEqual(
    atServer.events.filter((e) => e.type === 'applicationData').map((e) => (e.type === 'applicationData' ? e.data.toString() : '')),
    ['GET /balance'],
  );
  const reply = run.server.write(Buffer.from('balance: 42'));
  const atClient = run.client.receive(reply.send);
  assert.ok(atClient.events.some((e) => e.type === 'applicationData' && e.data.toString() === 'balance: 42'));
}

describe('TLS engine: client and server over byte streams', () => {
  it('TLS 1.2 RSA key exchange: the flights of example 10, then application data', () => {
    const run = handshake(10, { version: '1.2', cipherSuites: ['TLS_RSA_WITH_AES_128_GCM_SHA256'] });
    assert.deepEqual(run.flights, [
      ['ClientHello'],
      ['ServerHello', 'Certificate', 'ServerHelloDone'],
      ['ClientKeyExchange', 'ChangeCipherSpec', 'Finished'],
      ['ChangeCipherSpec', 'Finished'],
    ]);
    assert.equal(run.client.state, 'ESTABLISHED');
    assert.equal(run.server.state, 'ESTABLISHED');
    assert.equal(run.client.cipherSuite?.name, 'TLS_RSA_WITH_AES_128_GCM_SHA256');
    const keylog = run.events.filter((e) => e.type === 'keylog').map((e) => (e.type === 'keylog' ? e.line.split(' ')[0] : ''));
    assert.ok(keylog.includes('CLIENT_RANDOM') && keylog.includes('RSA'));
    exchangeData(run);
  });

  it('TLS 1.2 ECDHE (X25519) with an RSA certificate', () => {
    const run = handshake(12, { version: '1.2', cipherSuites: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'], groups: ['x25519'] });
    assert.deepEqual(run.flights[1], ['ServerHello', 'Certificate', 'ServerKeyExchange', 'ServerHelloDone']);
    assert.equal(run.client.state, 'ESTABLISHED');
    assert.equal(run.server.state, 'ESTABLISHED');
    exchangeData(run);
  });

  it('TLS 1.2 ECDHE_ECDSA over P-256 with the seeded EC certificate', () => {
    const run = handshake(13, { version: '1.2', cipherSuites: ['TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256'], groups: ['secp256r1'] });
    assert.equal(run.client.state, 'ESTABLISHED');
    exchangeData(run);
  });

  it('TLS 1.3 over X25519: the flights of example 11, keylog, then application data', () => {
    const run = handshake(11, { version: '1.3' });
    assert.deepEqual(run.flights, [['ClientHello'], ['ServerHello', 'EncryptedExtensions', 'Certificate', 'CertificateVerify', 'Finished'], ['Finished']]);
    assert.equal(run.client.state, 'ESTABLISHED');
    assert.equal(run.server.state, 'ESTABLISHED');
    const labels = run.events.filter((e) => e.type === 'keylog').map((e) => (e.type === 'keylog' ? e.line.split(' ')[0] : ''));
    for (const l of ['CLIENT_HANDSHAKE_TRAFFIC_SECRET', 'SERVER_HANDSHAKE_TRAFFIC_SECRET', 'CLIENT_TRAFFIC_SECRET_0', 'SERVER_TRAFFIC_SECRET_0', 'EXPORTER_SECRET']) assert.ok(labels.includes(l), l);
    const states = run.events.filter((e) => e.type === 'state' && e.machine === 'tls13-client').map((e) => (e.type === 'state' ? e.to : ''));
    assert.deepEqual(states, ['WAIT_SERVER_HELLO', 'WAIT_ENCRYPTED_EXTENSIONS', 'WAIT_CERTIFICATE', 'WAIT_CERTIFICATE_VERIFY', 'WAIT_FINISHED', 'ESTABLISHED']);
    const encrypted = run.events.filter((e) => e.type === 'record' && e.direction === 'sent' && e.record.encrypted).length;
    assert.ok(encrypted >= 5);
    exchangeData(run);
  });

  it('same seed → identical bytes; different seed → different randoms', () => {
    for (const options of [{ version: '1.3' as const }, { version: '1.2' as const, cipherSuites: ['TLS_RSA_WITH_AES_128_GCM_SHA256' as const] }]) {
      const a = handshake(42, options);
      const b = handshake(42, options);
      assert.deepEqual(a.wire, b.wire);
      const c = handshake(43, options);
      assert.notDeepEqual(a.wire[0]?.subarray(11, 43), c.wire[0]?.subarray(11, 43)); // ClientHello.random
    }
  });

  it('a server that can do TLS 1.3 marks a TLS 1.2 ServerHello.random with DOWNGRD 01 (RFC 8446 §4.1.3); one limited to 1.2, or a TLS 1.3 ServerHello, does not', () => {
    const sentinel = Buffer.from('DOWNGRD\x01', 'latin1');
    const serverRandom = (serverFlight: Buffer | undefined): Buffer => serverFlight!.subarray(11, 43); // record 5 + handshake 4 + version 2
    const tls12 = handshake(42, { version: '1.2', cipherSuites: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'] });
    assert.equal(tls12.client.state, 'ESTABLISHED');
    assert.deepEqual(serverRandom(tls12.wire[1]).subarray(24), sentinel);
    const tls13 = handshake(42, { version: '1.3' });
    assert.notDeepEqual(serverRandom(tls13.wire[1]).subarray(24), sentinel);

    const client = new TlsClient({ random: new SeededRandomSource(42), version: '1.2', cipherSuites: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'] });
    const only12 = new TlsServer({ random: new SeededRandomSource(1042), credentials: credentials(2042), versions: ['1.2'] });
    const serverHello = only12.receive(client.start().send).send;
    assert.equal(serverHello[5], 2, 'a ServerHello');
    assert.notDeepEqual(serverRandom(serverHello).subarray(24), sentinel);
  });

  it('records split into 1-byte segments and coalesced flights reassemble', () => {
    const client = new TlsClient({ random: new SeededRandomSource(5), version: '1.3', serverName: 'bank.example' });
    const server = new TlsServer({ random: new SeededRandomSource(6), credentials: credentials(7), coalesceHandshake: true });
    const hello = client.start().send;
    let fromServer = Buffer.alloc(0);
    for (const byte of hello) fromServer = Buffer.concat([fromServer, server.receive(Buffer.from([byte])).send]);
    let fromClient = Buffer.alloc(0);
    for (const byte of fromServer) fromClient = Buffer.concat([fromClient, client.receive(Buffer.from([byte])).send]);
    server.receive(fromClient);
    assert.equal(client.state, 'ESTABLISHED');
    assert.equal(server.state, 'ESTABLISHED');
  });

  it('suite not offered → illegal_parameter; tampered Finished → bad_record_mac; CCS before ClientKeyExchange → unexpected_message', () => {
    // The server's ServerHello rewritten to pick TLS_RSA_WITH_AES_256_GCM_SHA384 (0x009d).
    const client = new TlsClient({ random: new SeededRandomSource(1), version: '1.2', cipherSuites: ['TLS_RSA_WITH_AES_128_GCM_SHA256'] });
    const server = new TlsServer({ random: new SeededRandomSource(2), credentials: credentials(3) });
    const flight2 = Buffer.from(server.receive(client.start().send).send);
    const at = flight2.indexOf(Buffer.from([0x00, 0x9c, 0x00]));
    flight2[at + 1] = 0x9d;
    const answer = client.receive(flight2);
    assert.ok(answer.events.some((e) => e.type === 'alert' && e.direction === 'sent' && e.alert.description === 'illegal_parameter'));
    assert.equal(client.state, 'FAILED');

    const run = handshake(20, { version: '1.2', cipherSuites: ['TLS_RSA_WITH_AES_128_GCM_SHA256'] });
    const data = Buffer.from(run.client.write(Buffer.from('x')).send);
    data[data.length - 1] = (data[data.length - 1] ?? 0) ^ 1;
    assert.ok(run.server.receive(data).events.some((e) => e.type === 'alert' && e.alert.description === 'bad_record_mac'));

    const s2 = new TlsServer({ random: new SeededRandomSource(2), credentials: credentials(3) });
    s2.receive(new TlsClient({ random: new SeededRandomSource(1), version: '1.2', cipherSuites: ['TLS_RSA_WITH_AES_128_GCM_SHA256'] }).start().send);
    const ccs = s2.receive(Buffer.from([20, 3, 3, 0, 1, 1]));
    assert.ok(ccs.events.some((e) => e.type === 'alert' && e.alert.description === 'unexpected_message'));
  });

  it('an expired certificate in virtual time → certificate_expired', () => {
    const client = new TlsClient({ random: new SeededRandomSource(1), version: '1.3', serverName: 'bank.example', nowMs: NOW + 2 * 365 * DAY });
    const server = new TlsServer({ random: new SeededRandomSource(2), credentials: credentials(3) });
    const out = client.receive(server.receive(client.start().send).send);
    assert.ok(out.events.some((e) => e.type === 'alert' && e.alert.description === 'certificate_expired'));
  });
});
