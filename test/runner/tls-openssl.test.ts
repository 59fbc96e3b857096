// `peer openssl`: OpenSSL (node:tls in a worker thread) plays a stack side's TLS over the
// simulated TCP stream. OpenSSL draws its own randoms, so only behaviour is checked: which
// messages each segment carries, what the application reads, which alert OpenSSL sends.
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSslWorkerSettings } from '../../src/runner/openssl/session';
import { runScript } from '../../src/runner/index';
import type { RunResult } from '../../src/runner/trace';
import { stackTls } from './tls-scripts';
import { problems } from '../support/problems';

const ids = (r: RunResult, id: string): number => r.diagnostics.filter((d) => d.id === id).length;
const tlsOf = (r: RunResult): string[] => r.packets.filter((p) => p.tls.length > 0).map((p) => p.tls.flatMap((t) => t.messages).join(', '));

const script = (client: string, server: string, lines: string, clientKind = ''): string =>
  `${stackTls(12, `cert self-signed "shop.example"${server}`, `${client} sni "shop.example"`, { clientKind, delayed: true })}${lines}`;

const DATA = `client tls send "GET /cart"
client -> server TLS ApplicationData
expect server tls recv "GET /cart"
server tls send "3 items"
server -> client TLS ApplicationData
expect client tls recv "3 items"`;

const TLS13_SERVER = `client -> server TLS ClientHello
server -> client TLS ServerHello, ChangeCipherSpec, EncryptedExtensions, Certificate, CertificateVerify, Finished
client -> server TLS Finished
server -> client TLS NewSessionTicket, NewSessionTicket
expect client tls ESTABLISHED
expect server tls ESTABLISHED
${DATA}`;

const TLS13_CLIENT = `client -> server TLS ClientHello
server -> client TLS ServerHello, EncryptedExtensions, Certificate, CertificateVerify, Finished
client -> server TLS ChangeCipherSpec, Finished
expect client tls ESTABLISHED
expect server tls ESTABLISHED
${DATA}`;

const TLS12_RSA = `client -> server TLS ClientHello
server -> client TLS ServerHello, Certificate, ServerHelloDone
client -> server TLS ClientKeyExchange, ChangeCipherSpec, Finished
server -> client TLS ChangeCipherSpec, Finished
expect client tls ESTABLISHED
expect server tls ESTABLISHED
${DATA}`;

const TLS12_ECDHE = TLS12_RSA.replace('Certificate, ServerHelloDone', 'Certificate, ServerKeyExchange, ServerHelloDone');

describe('runner: TLS with peer openssl', function () {
  this.timeout(60_000);

  it('an OpenSSL server completes TLS 1.3 with an engine client, names its encrypted records and carries data both ways', () => {
    const r = runScript(script('version 1.3', ' peer openssl', TLS13_SERVER));
    assert.deepEqual(problems(r), []);
    assert.equal(ids(r, 'OPENSSL-PEER'), 1, 'the run says it is not deterministic');
    assert.ok(tlsOf(r).includes('ServerHello, ChangeCipherSpec, EncryptedExtensions, Certificate, CertificateVerify, Finished'));
    assert.ok(r.keylog.some((l) => l.startsWith('SERVER_TRAFFIC_SECRET_0 ')), "OpenSSL's key log reaches the trace");
  });

  it('an OpenSSL client completes TLS 1.3 with an engine server', () => {
    const r = runScript(script('version 1.3 peer openssl', '', TLS13_CLIENT));
    assert.deepEqual(problems(r), []);
    assert.ok(tlsOf(r).includes('ChangeCipherSpec, Finished'));
  });

  it('an OpenSSL server completes TLS 1.2 with RSA key exchange', () => {
    const r = runScript(script('version 1.2 suites TLS_RSA_WITH_AES_128_GCM_SHA256', ' peer openssl', TLS12_RSA));
    assert.deepEqual(problems(r), []);
    assert.ok(r.keylog.some((l) => l.startsWith('CLIENT_RANDOM ')));
  });

  it('an OpenSSL client completes TLS 1.2 with ECDHE and sends close_notify', () => {
    const r = runScript(script('version 1.2 suites TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 peer openssl', '', `${TLS12_ECDHE}\nclient tls close\nclient -> server TLS Alert\nexpect server tls CLOSED`));
    assert.deepEqual(problems(r), []);
  });

  it("a scripted client's wrong Finished gets OpenSSL's real decrypt_error alert", () => {
    const lines = `client tls connect version 1.2 suites TLS_RSA_WITH_AES_128_GCM_SHA256 sni "shop.example"
client -> server TLS ClientHello
server -> client TLS ServerHello, Certificate, ServerHelloDone
client -> server TLS ClientKeyExchange, ChangeCipherSpec, Finished verify_data=00*12
server -> client TLS Alert`;
    const source = `seed 12
endpoint client 10.0.0.1:49152 scripted
endpoint server 10.0.0.2:443
link client server delay 10ms
ignore * -> * ACK len=0
server listen
client -> server SYN seq=x
server -> client SYN,ACK
client -> server ACK
server accept
server tls accept cert self-signed "shop.example" peer openssl
${lines}`;
    const r = runScript(source);
    assert.deepEqual(problems(r), ['TLS-FINISHED-MISMATCH@15']);
    assert.ok(tlsOf(r).includes('Alert(fatal, decrypt_error)'));
    assert.match(r.diagnostics.find((d) => d.id === 'OPENSSL-ABORTED')?.message ?? '', /ERR_SSL_DIGEST_CHECK_FAILED/);
  });

  it('peer openssl on a scripted side is UNSUPPORTED, and nothing is attached', () => {
    const r = runScript(script('version 1.3 peer openssl', '', 'client -> server TLS ClientHello', ' scripted'));
    const unsupported = r.diagnostics.find((d) => d.id === 'UNSUPPORTED');
    assert.match(unsupported?.message ?? '', /scripted endpoint/);
    assert.equal(ids(r, 'OPENSSL-PEER'), 0);
  });

  it('settings OpenSSL refuses (TLS 1.2 with only a TLS 1.3 suite) give OPENSSL-FAILED', () => {
    const r = runScript(script('version 1.2 suites TLS_AES_128_GCM_SHA256 peer openssl', '', 'expect client tls ESTABLISHED'));
    assert.match(r.diagnostics.find((d) => d.id === 'OPENSSL-FAILED')?.message ?? '', /ERR_SSL_NO_CIPHER_MATCH/);
  });

  describe('a broken worker', () => {
    const saved = { ...openSslWorkerSettings };
    afterEach(() => Object.assign(openSslWorkerSettings, saved));

    it('a missing worker file gives OPENSSL-FAILED', () => {
      openSslWorkerSettings.path = join(tmpdir(), 'no-such-openssl-worker.js');
      const r = runScript(script('version 1.3', ' peer openssl', TLS13_SERVER));
      assert.match(r.diagnostics.find((d) => d.id === 'OPENSSL-FAILED')?.message ?? '', /missing/);
    });

    it('a worker that never answers gives OPENSSL-FAILED after the timeout, not a hang', () => {
      const dir = mkdtempSync(join(tmpdir(), 'tcpflow-openssl-'));
      openSslWorkerSettings.path = join(dir, 'silent.js');
      writeFileSync(openSslWorkerSettings.path, "require('node:worker_threads').parentPort.on('message', () => undefined);\n");
      openSslWorkerSettings.timeoutMs = 300;
      const r = runScript(script('version 1.3', ' peer openssl', TLS13_SERVER));
      const failed = r.diagnostics.filter((d) => d.id === 'OPENSSL-FAILED');
      assert.equal(failed.length, 1, 'reported once');
      assert.match(failed[0]!.message, /no answer/);
    });
  });
});
