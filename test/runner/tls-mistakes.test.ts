// Every rule of tls-rules.md as a mistake a scripted side makes on purpose: the validator names
// the rule on the offending token, and the stack peer really sends the alert the rule names
// (visible in the trace). Each mistake has a correct twin that must give no TLS diagnostic.
import * as assert from 'node:assert/strict';
import { runScript } from '../../src/runner/index';
import type { RunResult } from '../../src/runner/trace';
import { TLS_RULES } from '../../src/language/diagnostics/table-tls';

const problems = (r: RunResult): string[] => r.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning').map((d) => d.id);

const TCP = (scripted: 'client' | 'server'): string => `seed 73
endpoint client 10.0.0.1:49152${scripted === 'client' ? ' scripted' : ''}
endpoint server 10.0.0.2:443${scripted === 'server' ? ' scripted' : ''}
link client server delay 10ms
ignore * -> * ACK len=0
${scripted === 'server' ? 'client connect server' : 'server listen'}
client -> server SYN seq=${scripted === 'client' ? '1000' : 'x'}
server -> client SYN,ACK seq=${scripted === 'server' ? '3000 ack=x+1' : 'y ack=1001'}
client -> server ACK seq=${scripted === 'client' ? '1001 ack=y+1' : 'x+1 ack=3001'}
${scripted === 'client' ? 'server accept\n' : ''}`;

/** A scripted server; `lines` continue after the ClientHello. */
const server = (connect: string, lines: string, cert = '"shop.example"'): string =>
  `${TCP('server')}server tls accept cert self-signed ${cert}\nclient tls connect ${connect} sni "shop.example"\nclient -> server TLS ClientHello\n${lines}\n`;

/** A scripted client; `lines` continue after the ClientHello. */
const client = (connect: string, lines: string): string =>
  `${TCP('client')}server tls accept cert self-signed "shop.example"\nclient tls connect ${connect} sni "shop.example"\nclient -> server TLS ClientHello\n${lines}\n`;

const RSA12 = 'version 1.2 suites TLS_RSA_WITH_AES_128_GCM_SHA256';
const ECDHE12 = 'version 1.2 suites TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256';
const V13 = 'version 1.3';
const SH12 = 'server -> client TLS ServerHello, Certificate, ServerHelloDone';
const SH12_ECDHE = 'server -> client TLS ServerHello, Certificate, ServerKeyExchange, ServerHelloDone';
const C12 = 'client -> server TLS ClientKeyExchange, ChangeCipherSpec, Finished';
const SH13 = 'server -> client TLS ServerHello, EncryptedExtensions, Certificate, CertificateVerify, Finished';

interface Case {
  readonly rule: keyof typeof TLS_RULES;
  readonly what: string;
  /** The mistake, and the same script done right. */
  readonly wrong: string;
  readonly right: string;
  /** Who answers, with which alert. */
  readonly peer: 'client' | 'server';
  readonly alert: string;
  /** The text the diagnostic's range covers. */
  readonly token: string;
}

const CASES: readonly Case[] = [
  {
    rule: 'TLS-UNEXPECTED-MESSAGE', what: 'TLS 1.2 ServerHelloDone without Certificate', peer: 'client', alert: 'unexpected_message', token: 'ServerHelloDone',
    wrong: server(RSA12, 'server -> client TLS ServerHello, ServerHelloDone\nclient -> server TLS Alert'),
    right: server(RSA12, `${SH12}\n${C12}\nserver -> client TLS ChangeCipherSpec, Finished\nexpect client tls ESTABLISHED`),
  },
  {
    rule: 'TLS-UNEXPECTED-MESSAGE', what: 'TLS 1.3 Finished without CertificateVerify', peer: 'client', alert: 'unexpected_message', token: 'Finished',
    wrong: server(V13, 'server -> client TLS ServerHello, EncryptedExtensions, Certificate, Finished\nclient -> server TLS Alert'),
    right: server(V13, `${SH13}\nclient -> server TLS Finished\nexpect client tls ESTABLISHED`),
  },
  {
    rule: 'TLS-SUITE-NOT-OFFERED', what: 'a suite the client did not offer', peer: 'client', alert: 'illegal_parameter', token: 'suite=TLS_RSA_WITH_AES_256_GCM_SHA384',
    wrong: server(RSA12, 'server -> client TLS ServerHello suite=TLS_RSA_WITH_AES_256_GCM_SHA384\nclient -> server TLS Alert'),
    right: server(RSA12, `server -> client TLS ServerHello suite=TLS_RSA_WITH_AES_128_GCM_SHA256, Certificate, ServerHelloDone\n${C12}`),
  },
  {
    rule: 'TLS-CCS-MISPLACED', what: 'ChangeCipherSpec before ClientKeyExchange', peer: 'server', alert: 'unexpected_message', token: 'ChangeCipherSpec',
    wrong: client(RSA12, `${SH12}\nclient -> server TLS ChangeCipherSpec, ClientKeyExchange, Finished\nserver -> client TLS Alert`),
    right: client(RSA12, `${SH12}\n${C12}\nserver -> client TLS ChangeCipherSpec, Finished`),
  },
  {
    rule: 'TLS-CCS-MISPLACED', what: 'TLS 1.2 Finished without ChangeCipherSpec', peer: 'client', alert: 'unexpected_message', token: 'Finished',
    wrong: server(RSA12, `${SH12}\n${C12}\nserver -> client TLS Finished\nclient -> server TLS Alert`),
    right: server(RSA12, `${SH12}\n${C12}\nserver -> client TLS ChangeCipherSpec, Finished\nexpect client tls ESTABLISHED`),
  },
  {
    rule: 'TLS-CCS-MISPLACED', what: 'ChangeCipherSpec payload 02', peer: 'client', alert: 'unexpected_message', token: 'payload=02',
    wrong: server(RSA12, `${SH12}\n${C12}\nserver -> client TLS ChangeCipherSpec payload=02, Finished\nclient -> server TLS Alert`),
    right: server(RSA12, `${SH12}\n${C12}\nserver -> client TLS ChangeCipherSpec payload=01, Finished\nexpect client tls ESTABLISHED`),
  },
  {
    rule: 'TLS-CCS-MISPLACED', what: 'ChangeCipherSpec after the TLS 1.3 handshake', peer: 'server', alert: 'unexpected_message', token: 'ChangeCipherSpec',
    wrong: client(V13, `${SH13}\nclient -> server TLS Finished\nclient -> server TLS ChangeCipherSpec\nserver -> client TLS Alert`),
    right: client(V13, `${SH13}\nclient -> server TLS ChangeCipherSpec, Finished\nexpect server tls ESTABLISHED`),
  },
  {
    rule: 'TLS-APPDATA-EARLY', what: 'TLS 1.3 client data before its Finished', peer: 'server', alert: 'unexpected_message', token: 'ApplicationData',
    wrong: client(V13, `${SH13}\nclient -> server TLS ApplicationData data="early", Finished\nserver -> client TLS Alert`),
    right: client(V13, `${SH13}\nclient -> server TLS Finished, ApplicationData data="late"\nexpect server tls recv "late"`),
  },
  {
    rule: 'TLS-APPDATA-EARLY', what: 'TLS 1.2 server data before its ChangeCipherSpec', peer: 'client', alert: 'unexpected_message', token: 'ApplicationData',
    wrong: server(RSA12, `${SH12}\n${C12}\nserver -> client TLS ApplicationData data="early"\nclient -> server TLS Alert`),
    right: server(RSA12, `${SH12}\n${C12}\nserver -> client TLS ChangeCipherSpec, Finished, ApplicationData data="late"\nexpect client tls recv "late"`),
  },
  {
    rule: 'TLS13-PLAINTEXT-HANDSHAKE', what: 'EncryptedExtensions in the clear', peer: 'client', alert: 'unexpected_message', token: 'encrypted=no',
    wrong: server(V13, 'server -> client TLS ServerHello, EncryptedExtensions encrypted=no\nclient -> server TLS Alert'),
    right: server(V13, `${SH13}\nclient -> server TLS Finished`),
  },
  {
    rule: 'TLS-EXT-NOT-OFFERED', what: 'ALPN in a TLS 1.2 ServerHello', peer: 'client', alert: 'unsupported_extension', token: 'add_extension=application_layer_protocol_negotiation',
    wrong: server(RSA12, 'server -> client TLS ServerHello add_extension=application_layer_protocol_negotiation\nclient -> server TLS Alert'),
    right: server(RSA12, `${SH12}\n${C12}`),
  },
  {
    rule: 'TLS-EXT-NOT-OFFERED', what: 'ALPN in TLS 1.3 EncryptedExtensions', peer: 'client', alert: 'unsupported_extension', token: 'add_extension=application_layer_protocol_negotiation',
    wrong: server(V13, 'server -> client TLS ServerHello, EncryptedExtensions add_extension=application_layer_protocol_negotiation\nclient -> server TLS Alert'),
    right: server(V13, `${SH13}\nclient -> server TLS Finished`),
  },
  {
    rule: 'TLS13-SESSION-ID-ECHO', what: 'a different legacy_session_id_echo', peer: 'client', alert: 'illegal_parameter', token: 'session_id=00*32',
    wrong: server(V13, 'server -> client TLS ServerHello session_id=00*32\nclient -> server TLS Alert'),
    right: server(V13, `${SH13}\nclient -> server TLS Finished`),
  },
  {
    rule: 'TLS-VERSION-NOT-OFFERED', what: 'supported_versions says TLS 1.2 to a TLS 1.3 client', peer: 'client', alert: 'illegal_parameter', token: 'version=1.2',
    wrong: server(V13, 'server -> client TLS ServerHello version=1.2\nclient -> server TLS Alert'),
    right: server(V13, `server -> client TLS ServerHello version=1.3, EncryptedExtensions, Certificate, CertificateVerify, Finished\nclient -> server TLS Finished`),
  },
  {
    rule: 'TLS-VERSION-NOT-OFFERED', what: 'a key_share group the client sent no share for', peer: 'client', alert: 'illegal_parameter', token: 'group=secp256r1',
    wrong: server(V13, 'server -> client TLS ServerHello group=secp256r1\nclient -> server TLS Alert'),
    right: server(V13, `server -> client TLS ServerHello group=x25519, EncryptedExtensions, Certificate, CertificateVerify, Finished\nclient -> server TLS Finished`),
  },
  {
    rule: 'TLS-VERSION-NOT-OFFERED', what: 'a HelloRetryRequest asking for the group the client already sent a share for', peer: 'client', alert: 'illegal_parameter', token: 'group=x25519',
    wrong: server(`${V13} groups x25519,secp256r1`, 'server -> client TLS HelloRetryRequest group=x25519\nclient -> server TLS Alert', '"shop.example" groups secp256r1'),
    right: server(`${V13} groups x25519,secp256r1`, `server -> client TLS HelloRetryRequest group=secp256r1\nclient -> server TLS ClientHello\n${SH13}\nclient -> server TLS Finished\nexpect client tls ESTABLISHED`, '"shop.example" groups secp256r1'),
  },
  {
    rule: 'TLS-MISSING-EXTENSION', what: 'TLS 1.3 ServerHello without key_share', peer: 'client', alert: 'missing_extension', token: 'drop_extension=key_share',
    wrong: server(V13, 'server -> client TLS ServerHello drop_extension=key_share\nclient -> server TLS Alert'),
    right: server(V13, `${SH13}\nclient -> server TLS Finished`),
  },
  {
    rule: 'TLS-MISSING-EXTENSION', what: 'key_share twice', peer: 'client', alert: 'illegal_parameter', token: 'add_extension=key_share',
    wrong: server(V13, 'server -> client TLS ServerHello add_extension=key_share\nclient -> server TLS Alert'),
    right: server(V13, `${SH13}\nclient -> server TLS Finished`),
  },
  {
    rule: 'TLS-RECORD-OVERFLOW', what: '2^14 + 1 bytes of plaintext in one record', peer: 'server', alert: 'record_overflow', token: 'size=16385',
    wrong: client(V13, `${SH13}\nclient -> server TLS Finished\nclient -> server TLS ApplicationData size=16385\nserver -> client TLS Alert`),
    right: client(V13, `${SH13}\nclient -> server TLS Finished\nclient -> server TLS ApplicationData size=16384\nexpect server tls ESTABLISHED`),
  },
  {
    rule: 'TLS-KEX-MISMATCH', what: 'ECDHE without ServerKeyExchange', peer: 'client', alert: 'unexpected_message', token: 'ServerHelloDone',
    wrong: server(ECDHE12, 'server -> client TLS ServerHello, Certificate, ServerHelloDone\nclient -> server TLS Alert'),
    right: server(ECDHE12, `${SH12_ECDHE}\n${C12}\nserver -> client TLS ChangeCipherSpec, Finished\nexpect client tls ESTABLISHED`),
  },
  {
    rule: 'TLS-FINISHED-MISMATCH', what: 'TLS 1.2 server verify_data zeroed', peer: 'client', alert: 'decrypt_error', token: 'verify_data=00*12',
    wrong: server(RSA12, `${SH12}\n${C12}\nserver -> client TLS ChangeCipherSpec, Finished verify_data=00*12\nclient -> server TLS Alert`),
    right: server(RSA12, `${SH12}\n${C12}\nserver -> client TLS ChangeCipherSpec, Finished\nexpect client tls ESTABLISHED`),
  },
  {
    rule: 'TLS-FINISHED-MISMATCH', what: 'TLS 1.3 client verify_data zeroed', peer: 'server', alert: 'decrypt_error', token: 'verify_data=00*32',
    wrong: client(V13, `${SH13}\nclient -> server TLS Finished verify_data=00*32\nserver -> client TLS Alert`),
    right: client(V13, `${SH13}\nclient -> server TLS Finished\nexpect server tls ESTABLISHED`),
  },
  {
    rule: 'TLS-BAD-RECORD-MAC', what: 'a TLS 1.2 Finished with a broken tag', peer: 'server', alert: 'bad_record_mac', token: 'tag=bad',
    wrong: client(RSA12, `${SH12}\nclient -> server TLS ClientKeyExchange, ChangeCipherSpec, Finished tag=bad\nserver -> client TLS Alert`),
    right: client(RSA12, `${SH12}\n${C12}\nserver -> client TLS ChangeCipherSpec, Finished`),
  },
  {
    rule: 'TLS-BAD-SIGNATURE', what: 'a TLS 1.3 CertificateVerify that does not verify', peer: 'client', alert: 'decrypt_error', token: 'signature=bad',
    wrong: server(V13, 'server -> client TLS ServerHello, EncryptedExtensions, Certificate, CertificateVerify signature=bad\nclient -> server TLS Alert'),
    right: server(V13, `${SH13}\nclient -> server TLS Finished`),
  },
  {
    rule: 'TLS-BAD-SIGNATURE', what: 'a TLS 1.2 ServerKeyExchange that does not verify', peer: 'client', alert: 'decrypt_error', token: 'signature=bad',
    wrong: server(ECDHE12, 'server -> client TLS ServerHello, Certificate, ServerKeyExchange signature=bad\nclient -> server TLS Alert'),
    right: server(ECDHE12, `${SH12_ECDHE}\n${C12}`),
  },
  {
    rule: 'TLS-PMS-VERSION', what: 'premaster secret of TLS 1.1 in a TLS 1.2 handshake', peer: 'server', alert: 'bad_record_mac', token: 'premaster_version=1.1',
    wrong: client(RSA12, `${SH12}\nclient -> server TLS ClientKeyExchange premaster_version=1.1, ChangeCipherSpec, Finished\nserver -> client TLS Alert`),
    right: client(RSA12, `${SH12}\nclient -> server TLS ClientKeyExchange premaster_version=1.2, ChangeCipherSpec, Finished\nserver -> client TLS ChangeCipherSpec, Finished`),
  },
  {
    rule: 'TLS-CERT-INVALID', what: 'an expired certificate', peer: 'client', alert: 'certificate_expired', token: 'Certificate',
    wrong: server(RSA12, `${SH12}\nclient -> server TLS Alert`, '"shop.example" expired'),
    right: server(RSA12, `${SH12}\n${C12}`, '"shop.example"'),
  },
  {
    rule: 'TLS-CERT-INVALID', what: 'a certificate for another name', peer: 'client', alert: 'bad_certificate', token: 'Certificate',
    wrong: server(RSA12, `${SH12}\nclient -> server TLS Alert`, '"other.example"'),
    right: server(RSA12, `${SH12}\n${C12}`, '"shop.example"'),
  },
];

describe('runner: every tls-rules.md rule as a scripted mistake', () => {
  it('every rule of the table has a case', () => {
    assert.deepEqual([...new Set(CASES.map((c) => c.rule))].sort(), Object.keys(TLS_RULES).sort());
  });

  for (const c of CASES) {
    it(`${c.rule}: ${c.what} — reported on the token, and the stack ${c.peer} sends ${c.alert}`, () => {
      const r = runScript(c.wrong);
      assert.deepEqual(problems(r), [c.rule]);
      const d = r.diagnostics.find((x) => x.id === c.rule)!;
      const line = c.wrong.split('\n')[d.range.start.line]!;
      assert.equal(line.slice(d.range.start.character, d.range.end.character), c.token);
      const alerts = r.packets.filter((p) => p.src === c.peer).flatMap((p) => p.tls.flatMap((t) => t.messages.filter((m) => m.startsWith('Alert('))));
      assert.deepEqual(alerts, [`Alert(fatal, ${c.alert})`]);
      assert.ok((r.tlsStates ?? []).some((s) => s.endpoint === c.peer && s.to === 'FAILED'), `the stack ${c.peer}'s machine fails`);
    });
    it(`${c.rule}: done right (${c.what}) — no diagnostic, no alert`, () => {
      const r = runScript(c.right);
      assert.deepEqual(problems(r), []);
      assert.ok(!r.packets.some((p) => p.tls.some((t) => t.type === 'alert')));
    });
  }
});
