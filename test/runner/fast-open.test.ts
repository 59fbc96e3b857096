// TCP Fast Open at a server (RFC 7413, tcp_fastopen 2): a SYN asking for a cookie gets one on the
// SYN,ACK; a SYN presenting that cookie has its data taken before the handshake completes; the
// same SYN at a server without TFO, or with a wrong cookie, has only its SYN acknowledged.
import * as assert from 'node:assert/strict';
import { toPcapng } from '../../src/export/pcapng';
import { readCapture } from '../../src/import/capture-reader';
import { decodeFrame } from '../../src/import/decode';
import { runScript } from '../../src/runner/index';
import type { RunResult } from '../../src/runner/trace';
import { problems } from '../support/problems';

const HEADER = `seed 21
endpoint client 10.0.0.1:49152 scripted
endpoint server 10.0.0.2:80
link client server delay 10ms
`;

function synAck(r: RunResult): { readonly ack: number; readonly options: readonly string[] } {
  const p = r.packets.find((q) => q.src === 'server' && q.flags.includes('SYN'))!;
  return { ack: p.ack, options: p.options };
}

describe('runner: TCP Fast Open (server side)', () => {
  it('a cookie request gets the server\'s cookie on the SYN,ACK; presenting it gets the SYN\'s data taken and acknowledged at once', () => {
    const ask = runScript(`${HEADER}set server tcp_fastopen 2\nserver listen\nclient -> server SYN seq=100 <mss 1460, tfo>\n`);
    const offered = synAck(ask).options.find((o) => o.startsWith('tfo '));
    assert.ok(offered, `a cookie on the SYN,ACK: ${synAck(ask).options.join(', ')}`);
    const cookie = offered.slice(4);
    assert.match(cookie, /^[0-9a-f]{16}$/);

    const use = runScript(`${HEADER}set server tcp_fastopen 2
server listen
client -> server SYN seq=500 data "GET /" <mss 1460, tfo ${cookie}>
server -> client SYN,ACK seq=y ack=506
client -> server ACK seq=506 ack=y+1
server accept
expect server recv "GET /"
`);
    assert.deepEqual(problems(use), []);
    assert.ok(!synAck(use).options.some((o) => o.startsWith('tfo')), 'a valid cookie is not sent back');
  });

  it('without tcp_fastopen 2 the option is ignored: only the SYN is acknowledged (TCP-SYN-DATA-NO-TFO if the script says otherwise)', () => {
    const r = runScript(`${HEADER}server listen\nclient -> server SYN seq=100 data "hi" <mss 1460, tfo 0011223344556677>\nserver -> client SYN,ACK seq=y ack=103\n`);
    assert.deepEqual(problems(r), ['TCP-SYN-DATA-NO-TFO@7']);
    assert.ok(!synAck(r).options.some((o) => o.startsWith('tfo')));
  });

  it('the option survives export and import: tfo with its cookie in the pcapng, read back the same', () => {
    const r = runScript(`${HEADER}set server tcp_fastopen 2\nserver listen\nclient -> server SYN seq=100 <mss 1460, tfo>\n`);
    const bytes = toPcapng(r);
    const text = JSON.stringify(readCapture(bytes).map((f) => decodeFrame(f)));
    const offered = synAck(r).options.find((o) => o.startsWith('tfo '))!;
    assert.ok(text.includes(offered), `the imported packets carry "${offered}"`);
  });
});
