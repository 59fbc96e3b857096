// Found by the fuzzer (runner target, grammar generator): a packet line from a scripted (or raw)
// sender with a huge `len=` makes the runner build that many bytes of filler
// (src/runner/inject.ts `filler(length)`). Beyond 2^32 it throws `RangeError: Invalid typed array
// length` out of runScript (the language server shows INTERNAL-ERROR); at len=4294967295 it
// allocates 4 GB. A TCP segment cannot carry more than 65535 - headers bytes anyway: expected is
// a diagnostic on the `len=` field (SETTING-RANGE/EXPECT-PACKET-style, or LIMIT), no exception,
// no allocation. Owned by the lead (src/runner/**).
import * as assert from 'node:assert/strict';
import { runScript } from '../../../src/runner/index';

const HEADER = 'endpoint client 10.0.0.1:49152 scripted\nendpoint server 10.0.0.2:80\nserver listen\n';

describe('fuzz regression: runner, a huge len=', () => {
  it('`len=18446744073709551616` on a scripted packet is a diagnostic, not a RangeError', () => {
    const source = `${HEADER}client -> server SYN seq=1 len=18446744073709551616\n`;
    let result;
    assert.doesNotThrow(() => {
      result = runScript(source);
    });
    assert.ok(result);
  });

  it('`len=4294967295` on a scripted packet does not allocate 4 GB', () => {
    const before = process.memoryUsage().rss;
    runScript(`${HEADER}client -> server SYN seq=1 len=4294967295\n`);
    const grewMb = (process.memoryUsage().rss - before) / 1e6;
    assert.ok(grewMb < 200, `the run grew memory by ${grewMb.toFixed(0)} MB`);
  });
});
