// Found by the fuzzer (TLS target): a TLS 1.3 ServerHello whose key_share entry has a corrupted
// length (0x0120 instead of 0x0020) makes TlsClient.receive throw
// `DecodeError: needed 288 bytes, only 32 left`. The extension is read lazily in
// TlsClient.serverHello13 → readServerKeyShare, outside the try that turns a DecodeError into a
// decode_error alert, and receive() only catches TlsAlertError. Expected: a decode_error alert
// event, no exception (a scripted peer or an imported capture can send exactly this). The bug is
// in src/engine/tls/ (endpoint.ts / client.ts), owned by the lead.
import * as assert from 'node:assert/strict';
import { TlsClient } from '../../../src/engine/tls/client';
import { SeededRandomSource } from '../../../src/engine/tls/random-source';

const SERVER_HELLO = Buffer.from('160303007a020000760303592b16d9b000d5b5e4de7985363acc733ac432059b366ea7de4e641d00c6039420c8aba3ca992e349d1160b2809f7d9ac8b0683dd781d2f6b0948a0e4a960ce333130100002e00330024001d0120b46c2206c29aa7d30ed1cebe81a8e52501dd94e4e591c84806851888e16dfd31002b00020304', 'hex');

describe('fuzz regression: TLS, a DecodeError escapes receive()', () => {
  it('a ServerHello with a broken key_share length is a decode_error alert, not an exception', () => {
    const client = new TlsClient({ random: new SeededRandomSource(3), version: '1.3', serverName: 'fuzz.test', nowMs: 1_700_000_000_000 });
    client.start();
    assert.doesNotThrow(() => client.receive(SERVER_HELLO));
  });
});
