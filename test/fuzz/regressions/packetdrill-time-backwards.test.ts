// Found by the fuzzer (packetdrill importer, mutated active-open.pkt): an absolute event time
// earlier than the previous event (`+.01 …` then `0 > P. …`) is written as a negative relative
// time, `+-10ms client -> server …`, which the .tcpflow parser rejects. Expected: `@t`, a
// clamped `+0ms`, or an UNSUPPORTED diagnostic on that .pkt line. The bug is in src/import/.
import * as assert from 'node:assert/strict';
import { checkPacketdrill } from '../../../src/import/index';
import { parse } from '../../../src/language/parser';

describe('fuzz regression: packetdrill importer, time going backwards', () => {
  it('an absolute time before the previous event never becomes `+-…`', () => {
    const pkt = '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 4\n+0 connect(4, ..., ...) = -1 EINPROGRESS\n+0 > S 0:0(0)\n+.01 < S. 0:0(0) ack 1 win 65535\n0 > . 1:1(0) ack 1\n';
    const { script } = checkPacketdrill(pkt, 'backwards.pkt');
    assert.deepEqual(parse(script).errors.map((e) => e.message), []);
  });
});
