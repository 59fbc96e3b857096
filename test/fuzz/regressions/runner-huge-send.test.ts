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
  it('`client send 4294967296` is a LIMIT on the size, before anything is allocated', function () {
    this.timeout(120_000);
    const result = runScript(SCRIPT);
    // The limit is checked before the filler is built: the diagnostic names the setting.
    const limit = result.diagnostics.find((d) => d.id === 'LIMIT');
    assert.ok(limit, result.diagnostics.map((d) => d.id).join());
    assert.match(limit.message, /maxPayloadBytes/);
    assert.equal(limit.range.start.line, 2);
  });
});
