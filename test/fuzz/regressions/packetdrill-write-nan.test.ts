// Found by the fuzzer (packetdrill importer, mutated active-open.pkt): a `write()` whose length
// argument is not a plain number (`write(4, ..., x) = 1000`, or a control character before the
// number) is converted to `client send NaN`, which the .tcpflow parser rejects. Expected: the
// returned byte count (`= 1000`) or an UNSUPPORTED diagnostic on that .pkt line, never `NaN` in
// the written script. The bug is in src/import/ (not owned by the fuzzing work).
import * as assert from 'node:assert/strict';
import { checkPacketdrill } from '../../../src/import/index';
import { parse } from '../../../src/language/parser';

describe('fuzz regression: packetdrill importer, write() without a numeric length', () => {
  it('`write(4, ..., x) = 1000` never becomes `send NaN`', () => {
    const pkt = '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 4\n+0 connect(4, ..., ...) = -1 EINPROGRESS\n+0 write(4, ..., x) = 1000\n';
    const { script } = checkPacketdrill(pkt, 'write-nan.pkt');
    assert.doesNotMatch(script, /NaN/);
    assert.deepEqual(parse(script).errors.map((e) => e.message), []);
  });

  it('`listen(3, x) = 0` never becomes `listen backlog NaN`', () => {
    const { script } = checkPacketdrill('0 listen(3, x) = 0\n', 'listen-nan.pkt');
    assert.doesNotMatch(script, /NaN/);
    assert.deepEqual(parse(script).errors.map((e) => e.message), []);
  });
});
