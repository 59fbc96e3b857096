// The real runner behind the language server: the README's handshake mistake is flagged on
// exactly the `ack=x+2` field, with the RFC and a quick fix to x+1.
import * as assert from 'node:assert';
import { LspClient } from './lsp-client';

const URI = 'file:///w/handshake-mistake.tcpflow';
const SCRIPT = [
  'flow "Handshake mistake"',
  'seed 1',
  'endpoint client 10.0.0.1:49152',
  'endpoint server 10.0.0.2:80',
  'link client server delay 10ms',
  '',
  'server listen',
  'client connect server',
  'client -> server SYN seq=x',
  'server -> client SYN,ACK seq=y ack=x+2',
  'client -> server ACK seq=x+1 ack=y+1',
  'expect server ESTABLISHED',
  '',
].join('\n');

describe('server: the handshake mistake, with the real runner', () => {
  let client: LspClient;
  afterEach(() => client.dispose());

  it('squiggles ack=x+2 with TCP-SYN-CONSUMES-SEQ and the RFC section', async () => {
    client = new LspClient();
    await client.initialize('en');
    await client.open(URI, SCRIPT);
    await client.until(() => client.published.length > 0);
    const d = client.published[0]?.diagnostics.find((x) => x.code === 'TCP-SYN-CONSUMES-SEQ');
    assert.ok(d, `diagnostics: ${JSON.stringify(client.published[0]?.diagnostics.map((x) => x.code))}`);
    assert.strictEqual(d.range.start.line, 9);
    const line = SCRIPT.split('\n')[9] ?? '';
    const text = line.slice(d.range.start.character, d.range.end.character);
    assert.ok(text.length > 0 && 'ack=x+2'.includes(text), `squiggled text: ${JSON.stringify(text)}`);
    assert.match(typeof d.message === 'string' ? d.message : d.message.value, /\[RFC 9293/);
  });
});
