// Found by the fuzzer (runner target, grammar generator): `send N` builds N bytes of filler
// before anything else happens, with no limit on payload bytes. `client send 4294967296` takes
// ~40 s and ~4.3 GB of memory even though the send fails at once (ENOTCONN, state CLOSED); in the
// language server this freezes or kills the editor's run on one typed line. Expected: a
// `maxPayloadBytes`-style limit checked before allocating (a LIMIT or SETTING-RANGE diagnostic on
// the size), and filler that is not materialised up front. The bug is in src/runner/runner.ts
// (`filler(stmt.payload.value)`), owned by the lead.
import * as assert from 'node:assert/strict';
import { runScript } from '../../../src/runner/index';

const SCRIPT = 'endpoint client 10.0.0.1:49152\nendpoint server 10.0.0.2:80\nclient send 4294967296\n';

describe('fuzz regression: runner, a huge send', () => {
  it('`client send 4294967296` ends quickly without allocating 4 GB', function () {
    this.timeout(120_000);
    const started = Date.now();
    const result = runScript(SCRIPT);
    const ms = Date.now() - started;
    // ~40–60 s today; a run that allocates nothing ends in milliseconds.
    assert.ok(ms < 5000, `the run took ${ms} ms`);
    assert.ok(result.diagnostics.length > 0);
  });
});
