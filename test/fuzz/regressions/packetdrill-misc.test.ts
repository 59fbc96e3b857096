// Found by `npm run fuzz` (packetdrill importer, seed 42). Bugs in src/import/ (not owned by the
// fuzzing work); the lead or the importer's engineer fixes them.
import * as assert from 'node:assert/strict';
import { checkPacketdrill } from '../../../src/import/index';
import { parse } from '../../../src/language/parser';

describe('fuzz regression: packetdrill importer, misc', () => {
  // `read(…, 99999999999)` as the first event becomes `client recv -1`, a syntax error.
  it('a read() with a huge count never becomes `recv -1`', () => {
    const pkt = '0 read(4, ..., 99999999999) = 5\n+1e9 connect(4, ..., ...) = -1 EINPROGRESS (Operation now in progress)';
    const { script } = checkPacketdrill(pkt, 'read.pkt');
    assert.deepEqual(parse(script).errors.map((e) => e.message), []);
  });

  // A lone CR is a line break for LSP (and VS Code) but not for splitEvents (it splits on \n
  // only), so an UNSUPPORTED range on such a file points at the wrong line / past its end.
  it('diagnostic ranges count lines as LSP does (a lone \\r breaks a line)', () => {
    const pkt = '\r/ Active open and a write, like the kernel\'s tcp_basic_client.pkt.\n0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 4\n';
    const lines = pkt.split(/\r\n|\r|\n/);
    for (const d of checkPacketdrill(pkt).diagnostics) {
      assert.ok(d.range.end.character <= (lines[d.range.end.line] ?? '').length, JSON.stringify(d.range));
    }
  });
});
