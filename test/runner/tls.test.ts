// TLS over the simulated TCP, as scripts use it: stack sides run the engine's TLS; a scripted
// side sends the records its lines name, and fields on a line override them on purpose.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runScript } from '../../src/runner/index';
import { stackTls } from './tls-scripts';
import { problems } from '../support/problems';

const SCRIPTED_SERVER = (serverHello: string): string => `seed 73
endpoint client 10.0.0.1:49152
endpoint server 10.0.0.2:443 scripted
link client server delay 10ms
ignore * -> * ACK len=0
client connect server
client -> server SYN seq=x
server -> client SYN,ACK seq=3000 ack=x+1
client -> server ACK seq=x+1 ack=3001
server tls accept cert self-signed "shop.example"
client tls connect version 1.2 suites TLS_RSA_WITH_AES_128_GCM_SHA256 sni "shop.example"
client -> server TLS ClientHello
${serverHello}
`;

describe('runner: TLS', () => {
  it('contract example 11 (TLS 1.3) records the client\'s and the server\'s TLS states, each ending in ESTABLISHED', () => {
    const source = readFileSync(join(__dirname, '../../../examples/11-tls13.tcpflow'), 'utf8');
    const r = runScript(source, { fileName: '11-tls13.tcpflow' });
    assert.deepEqual(problems(r), []);
    const tls = r.tlsStates ?? [];
    for (const endpoint of ['client', 'server']) {
      const mine = tls.filter((s) => s.endpoint === endpoint);
      assert.ok(mine.length > 0, `${endpoint} has TLS states`);
      assert.equal(mine[0]!.from, 'START');
      assert.equal(mine[mine.length - 1]!.to, 'ESTABLISHED', `${endpoint} ends ESTABLISHED`);
      mine.forEach((s, i) => {
        assert.match(s.machine, new RegExp(`^tls13-${endpoint}$`));
        if (i > 0) assert.equal(s.from, mine[i - 1]!.to, 'each change starts where the last ended');
      });
    }
    assert.ok(tls.some((s) => s.endpoint === 'client' && s.from === 'START' && s.to === 'WAIT_SERVER_HELLO'));
    // One order for everything: TLS states interleave with packets and TCP states, none shared.
    const orders = [...r.packets.map((p) => p.order), ...r.states.map((s) => s.order), ...tls.map((s) => s.order)];
    assert.equal(new Set(orders).size, orders.length);
    for (let i = 1; i < tls.length; i++) assert.ok(tls[i]!.order > tls[i - 1]!.order && tls[i]!.time >= tls[i - 1]!.time);
    // The client's ClientHello leaves after its machine moved to WAIT_SERVER_HELLO.
    const hello = r.packets.find((p) => p.tls.some((t) => t.messages.includes('ClientHello')))!;
    assert.ok(tls.find((s) => s.to === 'WAIT_SERVER_HELLO')!.order < hello.order);
    for (const s of tls) assert.ok(s.line > 0, 'attributed to a script line');
  });

  it('every segment of a TLS 1.3 handshake lists the records it carries', () => {
    const source = `${stackTls(11, 'cert self-signed "example.test"', 'version 1.3 sni "example.test"')}client -> server TLS ClientHello
server -> client TLS ServerHello, EncryptedExtensions, Certificate, CertificateVerify, Finished
client -> server TLS Finished
client tls send "ping"
client -> server TLS ApplicationData
expect server tls recv "ping"
`;
    const r = runScript(source);
    assert.deepEqual(problems(r), []);
    const hello = r.packets.find((p) => p.tls.some((t) => t.messages.includes('ClientHello')));
    assert.ok(hello, 'a segment carries the ClientHello');
    assert.equal(hello.tls[0]!.type, 'handshake');
    assert.ok(r.packets.some((p) => p.tls.some((t) => t.type === 'application_data')));
  });

  it('a scripted server that sends the ServerHello as prepared gets no diagnostic and no alert', () => {
    const r = runScript(SCRIPTED_SERVER('server -> client TLS ServerHello'));
    assert.deepEqual(problems(r), []);
  });

  it('suite= on a scripted ServerHello: TLS-SUITE-NOT-OFFERED on the field, and the stack client really sends illegal_parameter', () => {
    const source = SCRIPTED_SERVER('server -> client TLS ServerHello suite=TLS_RSA_WITH_AES_256_GCM_SHA384\nclient -> server TLS Alert\nexpect client tls FAILED');
    const r = runScript(source);
    assert.deepEqual(problems(r), ['TLS-SUITE-NOT-OFFERED@13']);
    const d = r.diagnostics[0]!;
    assert.equal(source.split('\n')[12]!.slice(d.range.start.character, d.range.end.character), 'suite=TLS_RSA_WITH_AES_256_GCM_SHA384');
    const alert = r.packets.find((p) => p.src === 'client' && p.tls.some((t) => t.type === 'alert'));
    assert.ok(alert);
    assert.deepEqual(alert.tls[0]!.messages, ['Alert(fatal, illegal_parameter)']);
  });

  it('TLS 1.3 HelloRetryRequest and a NewSessionTicket in a script: the client retries in the group the server takes, then data flows', () => {
    const source = `${stackTls(12, 'cert self-signed "example.test" groups secp256r1 ticket 1', 'version 1.3 groups x25519,secp256r1 sni "example.test"')}client -> server TLS ClientHello
server -> client TLS HelloRetryRequest
client -> server TLS ClientHello
server -> client TLS ServerHello, EncryptedExtensions, Certificate, CertificateVerify, Finished
client -> server TLS Finished
server -> client TLS NewSessionTicket
client tls send "ping"
client -> server TLS ApplicationData
expect server tls recv "ping"
expect client tls ESTABLISHED
`;
    const r = runScript(source);
    assert.deepEqual(problems(r), []);
    const tls = r.tlsStates ?? [];
    assert.ok(tls.some((s) => s.endpoint === 'server' && s.to === 'WAIT_SECOND_CLIENT_HELLO'));
    assert.ok(tls.some((s) => s.endpoint === 'client' && s.to === 'WAIT_SERVER_HELLO_AFTER_RETRY'));
  });

  it('without groups the same script gets no HelloRetryRequest: the line that expects one is an EXPECT-PACKET', () => {
    const source = `${stackTls(12, 'cert self-signed "example.test"', 'version 1.3 sni "example.test"')}client -> server TLS ClientHello
server -> client TLS HelloRetryRequest
`;
    assert.ok(problems(runScript(source)).includes('EXPECT-PACKET@14'));
  });

  it('ChaCha20-Poly1305 suites work in scripts: TLS 1.3 (example 72) and TLS 1.2 ECDHE_RSA (example 71) with application data', () => {
    const example = (name: string): string => readFileSync(join(__dirname, '../../../examples', name), 'utf8');
    const tls13 = example('72-tls13-data.tcpflow').replace('tls connect version 1.3', 'tls connect version 1.3 suites TLS_CHACHA20_POLY1305_SHA256');
    const tls12 =
      example('71-tls12-ecdhe.tcpflow').replace('TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256') +
      'client tls send "GET /"\nclient -> server TLS ApplicationData\nexpect server tls recv "GET /"\n';
    for (const source of [tls13, tls12]) {
      const r = runScript(source);
      assert.deepEqual(problems(r), []);
      assert.ok(r.keylog.length > 0, 'the key log has the run\'s secrets');
    }
  });
});
