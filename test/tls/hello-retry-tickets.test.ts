// TLS 1.3 HelloRetryRequest (RFC 8446 §4.1.4, transcript per §4.4.1) and NewSessionTicket
// (§4.6.1): between our own client and server, and against OpenSSL (node:tls over an in-memory
// Duplex) both ways.
import { strict as assert } from 'node:assert';
import { Duplex } from 'node:stream';
import * as tls from 'node:tls';
import { selfSignedCredential } from '../../src/engine/tls/certificate';
import { TlsClient, type TlsClientOptions } from '../../src/engine/tls/client';
import type { TlsEndpoint } from '../../src/engine/tls/endpoint';
import type { TlsEvent, TlsOutput } from '../../src/engine/tls/events';
import { alterHandshake } from '../../src/engine/tls/mistakes';
import { findExtension, readClientKeyShares } from '../../src/engine/tls/messages/extensions';
import { decodeHandshakeBody } from '../../src/engine/tls/messages/handshake';
import { SeededRandomSource } from '../../src/engine/tls/random-source';
import { TlsServer, type TlsServerOptions } from '../../src/engine/tls/server';

const now = Date.now();
const rsa = selfSignedCredential({ name: 'localhost', kind: 'rsa', random: new SeededRandomSource(9), notBeforeMs: now - 86_400_000, notAfterMs: now + 86_400_000 });
const toPem = (der: Buffer | undefined): string => `-----BEGIN CERTIFICATE-----\n${der?.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`;
const turn = (): Promise<void> => new Promise((r) => setImmediate(r));

const received = (events: readonly TlsEvent[]): string[] => events.flatMap((e) => (e.type === 'handshake' && e.direction === 'received' ? [...e.messages] : []));
const alerts = (events: readonly TlsEvent[]): string[] => events.flatMap((e) => (e.type === 'alert' && e.direction === 'sent' ? [e.alert.description] : []));

/** Passes bytes back and forth until neither side has anything to send. */
function converse(client: TlsEndpoint, server: TlsEndpoint, first: TlsOutput): { client: TlsEvent[]; server: TlsEvent[]; toServer: Buffer[] } {
  const log = { client: [...first.events], server: [] as TlsEvent[], toServer: [first.send] };
  let toServer = first.send;
  for (let i = 0; i < 10 && toServer.length > 0; i++) {
    const s = server.receive(toServer);
    log.server.push(...s.events);
    const c = client.receive(s.send);
    log.client.push(...c.events);
    toServer = c.send;
    log.toServer.push(c.send);
  }
  return log;
}

function pair(client: Partial<TlsClientOptions>, server: Partial<TlsServerOptions>): { client: TlsClient; server: TlsServer } {
  return {
    client: new TlsClient({ random: new SeededRandomSource(1), version: '1.3', serverName: 'localhost', ...client }),
    server: new TlsServer({ random: new SeededRandomSource(2), credentials: { rsa }, ...server }),
  };
}

describe('TLS 1.3 HelloRetryRequest and NewSessionTicket (engine both sides)', () => {
  it('a key_share the server does not take: HelloRetryRequest, a second ClientHello in the asked group, then the handshake and data', () => {
    const { client, server } = pair({ groups: ['x25519', 'secp256r1'] }, { groups: ['secp256r1'] });
    const log = converse(client, server, client.start());
    assert.deepEqual(received(log.client), ['HelloRetryRequest', 'ServerHello', 'EncryptedExtensions', 'Certificate', 'CertificateVerify', 'Finished']);
    assert.deepEqual(received(log.server), ['ClientHello', 'ClientHello', 'Finished']);
    assert.ok(client.established && server.established);
    // ClientHello2 carries exactly one key_share, in the group the HelloRetryRequest named (P-256 = 0x0017).
    const hello2 = log.toServer[1]!;
    const m = decodeHandshakeBody(hello2[5]!, hello2.subarray(9, 9 + hello2.readUIntBE(6, 3)), { version: '1.3' });
    assert.equal(m.type, 'ClientHello');
    if (m.type === 'ClientHello') assert.deepEqual(readClientKeyShares(findExtension(m.extensions, 'key_share')!).map((s) => s.group), [0x0017]);
    const states = log.client.flatMap((e) => (e.type === 'state' ? [e.to] : []));
    assert.ok(states.includes('WAIT_SERVER_HELLO_AFTER_RETRY'));
    const reply = server.receive(client.write(Buffer.from('after retry')).send);
    assert.equal(reply.events.find((e) => e.type === 'applicationData')?.type, 'applicationData');
  });

  it('a second HelloRetryRequest is unexpected_message (RFC 8446 §4.1.4)', () => {
    const { client, server } = pair({ groups: ['x25519', 'secp256r1'] }, { groups: ['secp256r1'] });
    const hrr = server.receive(client.start().send).send;
    client.receive(hrr);
    const again = client.receive(hrr);
    assert.deepEqual(alerts(again.events), ['unexpected_message']);
    assert.equal(client.state, 'FAILED');
  });

  it('a HelloRetryRequest asking for the group the client already sent a share for is illegal_parameter', () => {
    const { client, server } = pair({ groups: ['x25519', 'secp256r1'] }, { groups: ['secp256r1'], holdRecords: true });
    const out = server.receive(client.start().send);
    const record = out.prepared![0]!;
    record.plaintext = alterHandshake(record.plaintext, { kind: 'keyShareGroup', group: 0x001d }, server.messageContext)!;
    assert.deepEqual(alerts(client.receive(server.sealPrepared(record)).events), ['illegal_parameter']);
  });

  it('the server sends the NewSessionTickets it was asked for after the client Finished; the client keeps them and stays ESTABLISHED', () => {
    const { client, server } = pair({}, { tickets: 2 });
    const log = converse(client, server, client.start());
    assert.deepEqual(received(log.client).slice(-2), ['NewSessionTicket', 'NewSessionTicket']);
    assert.equal(client.sessionTickets.length, 2);
    assert.notDeepEqual(client.sessionTickets[0]!.ticket, client.sessionTickets[1]!.ticket);
    assert.equal(client.state, 'ESTABLISHED');
    const reply = client.receive(server.write(Buffer.from('still here')).send);
    assert.equal(reply.events.find((e) => e.type === 'applicationData')?.type, 'applicationData');
  });
});

describe('TLS 1.3 HelloRetryRequest and NewSessionTicket against OpenSSL', () => {
  it('our client (key_share X25519 only) against an OpenSSL server limited to P-256: OpenSSL sends HelloRetryRequest, our retry completes, and its two tickets are kept', async () => {
    const fromServer: Buffer[] = [];
    const wire = new Duplex({ read() {}, write: (chunk: Buffer, _e, cb) => { fromServer.push(chunk); cb(); } });
    const context = tls.createSecureContext({ key: rsa.privateKey.export({ format: 'pem', type: 'pkcs8' }), cert: toPem(rsa.chain[0]), minVersion: 'TLSv1.3', ecdhCurve: 'P-256' });
    const server = new tls.TLSSocket(wire, { isServer: true, secureContext: context });
    server.on('error', () => undefined);
    server.on('data', (d: Buffer) => server.write('pong:' + d.toString()));
    const client = new TlsClient({ random: new SeededRandomSource(1), version: '1.3', serverName: 'localhost', groups: ['x25519', 'secp256r1'] });
    const events: TlsEvent[] = [];
    let reply = '';
    let sent = false;
    const deliver = async (bytes: Buffer): Promise<void> => {
      for (let i = 0; i < 3; i++) await turn();
      if (bytes.length > 0) wire.push(bytes);
    };
    await deliver(client.start().send);
    for (let i = 0; i < 300 && reply === ''; i++) {
      await turn();
      const chunk = Buffer.concat(fromServer.splice(0));
      if (chunk.length === 0) continue;
      const out = client.receive(chunk);
      events.push(...out.events);
      for (const e of out.events) if (e.type === 'applicationData') reply += e.data.toString();
      await deliver(out.send);
      if (client.established && !sent) {
        sent = true;
        await deliver(client.write(Buffer.from('ping')).send);
      }
    }
    server.destroy();
    assert.equal(received(events)[0], 'HelloRetryRequest');
    assert.deepEqual(alerts(events), []);
    assert.equal(reply, 'pong:ping');
    assert.equal(client.sessionTickets.length, 2, 'OpenSSL sends two tickets by default');
  });

  it('an OpenSSL client (key_share X25519) against our server limited to P-256: we send HelloRetryRequest, OpenSSL retries, and takes our ticket', async () => {
    const server = new TlsServer({ random: new SeededRandomSource(2), credentials: { rsa }, groups: ['secp256r1'], tickets: 1 });
    const fromClient: Buffer[] = [];
    const wire = new Duplex({ read() {}, write: (chunk: Buffer, _e, cb) => { fromClient.push(chunk); cb(); } });
    const client = tls.connect({ socket: wire, servername: 'localhost', ca: toPem(rsa.chain[0]), minVersion: 'TLSv1.3', ecdhCurve: 'X25519:P-256' });
    let failure: Error | undefined;
    let reply = '';
    let session = false;
    client.on('error', (e: Error) => { failure = e; });
    client.on('secureConnect', () => client.write('ping'));
    client.on('session', () => { session = true; });
    client.on('data', (d: Buffer) => { reply += d.toString(); });
    const events: TlsEvent[] = [];
    for (let i = 0; i < 300 && !(reply !== '' && session) && !failure; i++) {
      await turn();
      const chunk = Buffer.concat(fromClient.splice(0));
      if (chunk.length === 0) continue;
      const out = server.receive(chunk);
      events.push(...out.events);
      let answer = out.send;
      for (const e of out.events) if (e.type === 'applicationData') answer = Buffer.concat([answer, server.write(Buffer.from('pong:' + e.data.toString())).send]);
      for (let k = 0; k < 3; k++) await turn();
      if (answer.length > 0) wire.push(answer);
    }
    client.destroy();
    assert.equal(failure, undefined);
    // OpenSSL puts its middlebox-compatibility ChangeCipherSpec before ClientHello2 (RFC 8446 §D.4).
    assert.deepEqual(received(events).filter((m) => m !== 'ChangeCipherSpec').slice(0, 2), ['ClientHello', 'ClientHello']);
    assert.ok(events.some((e) => e.type === 'handshake' && e.direction === 'sent' && e.messages.includes('HelloRetryRequest')));
    assert.equal(reply, 'pong:ping');
    assert.ok(session, "OpenSSL's client accepted our NewSessionTicket (node's 'session' event)");
  });
});
