// Post-handshake behaviour between TlsClient and TlsServer: TLS 1.3 KeyUpdate (RFC 8446 §4.6.3)
// and close_notify (RFC 8446 §6.1, RFC 5246 §7.2.1), both directions.
import { strict as assert } from 'node:assert';
import { selfSignedCredential } from '../../src/engine/tls/certificate';
import { TlsClient, type TlsClientOptions } from '../../src/engine/tls/client';
import type { TlsEndpoint } from '../../src/engine/tls/endpoint';
import type { TlsEvent, TlsOutput } from '../../src/engine/tls/events';
import { SeededRandomSource } from '../../src/engine/tls/random-source';
import { TlsServer } from '../../src/engine/tls/server';

const NOW = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;

function connect(seed: number, options: Omit<TlsClientOptions, 'random'>): { client: TlsClient; server: TlsServer } {
  const random = new SeededRandomSource(seed + 2000);
  const rsa = selfSignedCredential({ name: 'bank.example', kind: 'rsa', random, notBeforeMs: NOW - DAY, notAfterMs: NOW + DAY });
  const client = new TlsClient({ random: new SeededRandomSource(seed), serverName: 'bank.example', nowMs: NOW, ...options });
  const server = new TlsServer({ random: new SeededRandomSource(seed + 1000), credentials: { rsa } });
  let out = client.start();
  for (let i = 0, toServer = true; i < 10 && out.send.length > 0; i++, toServer = !toServer) out = toServer ? server.receive(out.send) : client.receive(out.send);
  assert.equal(client.state, 'ESTABLISHED');
  assert.equal(server.state, 'ESTABLISHED');
  return { client, server };
}

const data = (out: TlsOutput): string[] => out.events.flatMap((e) => (e.type === 'applicationData' ? [e.data.toString()] : []));
const alerts = (out: TlsOutput, direction: 'sent' | 'received'): string[] =>
  out.events.flatMap((e) => (e.type === 'alert' && e.direction === direction ? [`${e.alert.level} ${e.alert.description}`] : []));
const flight = (out: TlsOutput, direction: 'sent' | 'received'): string[] =>
  out.events.flatMap((e) => (e.type === 'handshake' && e.direction === direction ? [...e.messages] : []));
const states = (out: TlsOutput): string[] => out.events.flatMap((e: TlsEvent) => (e.type === 'state' ? [`${e.from}->${e.to}`] : []));

/** Sends `text` from `a` to `b`; returns the record bytes. */
function send(a: TlsEndpoint, b: TlsEndpoint, text: string): Buffer {
  const out = a.write(Buffer.from(text));
  assert.deepEqual(data(b.receive(out.send)), [text]);
  return out.send;
}

describe('TLS 1.3 KeyUpdate', () => {
  it('update_requested: both sides move to the next traffic secrets, data flows before and after', () => {
    const { client, server } = connect(31, { version: '1.3' });
    const before = send(client, server, 'ping'); // client write epoch 0, seq 0
    const serverBefore = send(server, client, 'pong'); // server write epoch 0, seq 0

    const update = client.keyUpdate(true); // sent under the old key; then client write epoch 1
    assert.deepEqual(flight(update, 'sent'), ['KeyUpdate']);
    const atServer = server.receive(update.send);
    assert.deepEqual(flight(atServer, 'received'), ['KeyUpdate']);
    assert.deepEqual(flight(atServer, 'sent'), ['KeyUpdate'], 'update_requested is answered with a KeyUpdate');
    assert.deepEqual(alerts(atServer, 'sent'), []);
    const atClient = client.receive(atServer.send);
    assert.deepEqual(flight(atClient, 'received'), ['KeyUpdate']);
    assert.deepEqual(flight(atClient, 'sent'), [], 'update_not_requested is not answered');
    assert.equal(atClient.send.length, 0);

    // Same plaintext, same sequence number (0 in the new epoch), different key → different bytes.
    const after = send(client, server, 'ping');
    const serverAfter = send(server, client, 'pong');
    assert.equal(after.length, before.length);
    assert.notDeepEqual(after, before);
    assert.notDeepEqual(serverAfter, serverBefore);
    assert.equal(client.state, 'ESTABLISHED');
    assert.equal(server.state, 'ESTABLISHED');

    // And again, from the server, without a request: only the server's write key changes.
    const second = server.keyUpdate(false);
    const answer = client.receive(second.send);
    assert.equal(answer.send.length, 0);
    send(server, client, 'pong 2');
    send(client, server, 'ping 2');
  });

  it('a record under the old key after a KeyUpdate no longer opens (bad_record_mac)', () => {
    const { client, server } = connect(32, { version: '1.3' });
    const stale = client.write(Buffer.from('late')); // epoch 0, seq 0
    const update = client.keyUpdate(false); // epoch 0, seq 1; then the client writes with epoch 1
    const atServer = server.receive(Buffer.concat([stale.send, update.send]));
    assert.deepEqual(data(atServer), ['late']);
    assert.deepEqual(flight(atServer, 'received'), ['KeyUpdate']);
    assert.equal(atServer.send.length, 0, 'update_not_requested: no answer');
    const replay = server.receive(stale.send); // epoch 1, seq 0 expected
    assert.deepEqual(alerts(replay, 'sent'), ['fatal bad_record_mac']);
    assert.equal(server.state, 'FAILED');
  });

  it('KeyUpdate is refused in TLS 1.2 and before the handshake completes', () => {
    const { client } = connect(33, { version: '1.2', cipherSuites: ['TLS_RSA_WITH_AES_128_GCM_SHA256'] });
    assert.throws(() => client.keyUpdate(false), /TLS 1\.3/);
    const keyUpdateRecord = Buffer.from([22, 3, 3, 0, 5, 24, 0, 0, 1, 0]);
    for (const version of ['1.3', '1.2'] as const) {
      const fresh = new TlsClient({ random: new SeededRandomSource(1), version });
      fresh.start();
      assert.throws(() => fresh.keyUpdate(false), /TLS 1\.3/);
      // A KeyUpdate during the handshake (or ever, in TLS 1.2) → unexpected_message.
      assert.deepEqual(alerts(fresh.receive(keyUpdateRecord), 'sent'), ['fatal unexpected_message']);
    }
    const server = new TlsServer({ random: new SeededRandomSource(2), credentials: {} });
    assert.deepEqual(alerts(server.receive(keyUpdateRecord), 'sent'), ['fatal unexpected_message']);
  });
});

describe('close_notify', () => {
  for (const version of ['1.3', '1.2'] as const) {
    const options: Omit<TlsClientOptions, 'random'> = version === '1.3' ? { version } : { version, cipherSuites: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'] };

    it(`TLS ${version}: the client closes; the server reports CLOSED and answers with its own close_notify`, () => {
      const { client, server } = connect(40, options);
      send(client, server, 'bye?');
      const close = client.close();
      assert.deepEqual(alerts(close, 'sent'), ['warning close_notify']);
      assert.deepEqual(states(close), ['ESTABLISHED->CLOSED']);
      assert.equal(client.state, 'CLOSED');
      assert.throws(() => client.write(Buffer.from('more')), /after close_notify/);
      assert.equal(client.close().send.length, 0, 'a second close() sends nothing');

      const atServer = server.receive(close.send);
      assert.deepEqual(alerts(atServer, 'received'), ['warning close_notify']);
      assert.deepEqual(states(atServer), ['ESTABLISHED->CLOSED']);
      assert.deepEqual(alerts(atServer, 'sent'), [], 'no fatal alert');
      assert.equal(server.state, 'CLOSED');
      assert.deepEqual(server.closeNotify, { sent: false, received: true });

      // Half-close: the server may still send, then closes too; the client reads both.
      const last = server.write(Buffer.from('last words'));
      const serverClose = server.close();
      assert.deepEqual(alerts(serverClose, 'sent'), ['warning close_notify']);
      assert.deepEqual(states(serverClose), [], 'already CLOSED');
      const atClient = client.receive(Buffer.concat([last.send, serverClose.send]));
      assert.deepEqual(data(atClient), ['last words']);
      assert.deepEqual(alerts(atClient, 'received'), ['warning close_notify']);
      assert.deepEqual(alerts(atClient, 'sent'), []);
      assert.deepEqual(client.closeNotify, { sent: true, received: true });
    });

    it(`TLS ${version}: the server closes; the client reports CLOSED; data after close_notify is ignored`, () => {
      const { client, server } = connect(41, options);
      const close = server.close(); // close_notify at the server's next sequence number, k
      assert.equal(server.state, 'CLOSED');
      // A record that would open fine, appended after the closure alert, is ignored (RFC 8446
      // §6.1). It comes from a twin connection (same seeds → same keys) at sequence number k+1.
      const twin = connect(41, options);
      const atK = twin.server.write(Buffer.from('at k'));
      const trailing = twin.server.write(Buffer.from('ignored'));
      assert.deepEqual(data(twin.client.receive(Buffer.concat([atK.send, trailing.send]))), ['at k', 'ignored']);
      const atClient = client.receive(Buffer.concat([close.send, trailing.send]));
      assert.deepEqual(alerts(atClient, 'received'), ['warning close_notify']);
      assert.deepEqual(states(atClient), ['ESTABLISHED->CLOSED']);
      assert.deepEqual(data(atClient), []);
      assert.deepEqual(alerts(atClient, 'sent'), []);
      assert.equal(client.state, 'CLOSED');
      const reply = client.close();
      assert.deepEqual(alerts(reply, 'sent'), ['warning close_notify']);
      assert.deepEqual(alerts(server.receive(reply.send), 'received'), ['warning close_notify']);
    });
  }
});
