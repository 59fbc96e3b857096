// A .pkt document in the editor: the language server converts it and reports what it cannot
// convert on the .pkt's own lines; a capture import request never throws on bad bytes.
import * as assert from 'node:assert/strict';
import { importCaptureRequest } from '../../src/server/requests';
import { checkPacketdrill } from '../../src/import/index';

describe('language server: packetdrill documents and capture import', () => {
  it('an unsupported packetdrill line is an UNSUPPORTED warning on that line', () => {
    const pkt = ['0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3', '+0 bind(3, ..., ...) = 0', '+0 listen(3, 1) = 0', '+0 `ip link set dev lo mtu 1500`', ''].join('\n');
    const { diagnostics } = checkPacketdrill(pkt);
    assert.ok(diagnostics.some((d) => d.id === 'UNSUPPORTED' && d.range.start.line === 3), JSON.stringify(diagnostics));
  });

  it('a corrupt capture gives an error naming the offset, in both languages', () => {
    const r = importCaptureRequest({ base64: Buffer.from('not a capture at all').toString('base64'), fileName: 'bad.pcap' });
    assert.equal(r.script, '');
    assert.ok(r.error);
    assert.match(r.error.messageZh, /[\u4e00-\u9fff]/);
  });
});
