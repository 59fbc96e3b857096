// Found by the fuzzer (packetdrill importer, mutated test/interop/packetdrill/active-open.pkt): a
// huge event time is written into the converted script as `wait 1e+26us` (JavaScript's exponent
// notation), which the .tcpflow parser rejects ("expected a duration … found '1e'"), so the
// converted script has a PARSE-ERROR the user did not write. Expected: the importer writes a
// duration the language accepts (or an UNSUPPORTED diagnostic on that .pkt line). The bug is in
// src/import/ (not owned by the fuzzing work); the lead or the importer's engineer fixes it.
import * as assert from 'node:assert/strict';
import { checkPacketdrill } from '../../../src/import/index';
import { parse } from '../../../src/language/parser';

describe('fuzz regression: packetdrill importer, a huge time', () => {
  it('a .pkt event at time 99999999999999999999 converts to a script without syntax errors', () => {
    const pkt = '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n99999999999999999999 listen(3, 1) = 0\n';
    const { script } = checkPacketdrill(pkt, 'huge-time.pkt');
    assert.deepEqual(parse(script).errors.map((e) => e.message), []);
  });
});
