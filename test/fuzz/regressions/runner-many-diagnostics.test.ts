// Found by the scale check (a 10 MB script, 638,249 lines): runScript throws
// `RangeError: Maximum call stack size exceeded` from src/runner/index.ts
// `diagnostics.push(...ctx.diagnostics)` — spreading a few hundred thousand diagnostics into
// push's arguments overflows the stack. The language server turns it into INTERNAL-ERROR and the
// user sees none of the real diagnostics. Expected: no exception (concat or a loop), and perhaps
// a cap on published diagnostics. Owned by the lead (src/runner/**).
import * as assert from 'node:assert/strict';
import { runScript } from '../../../src/runner/index';

describe('fuzz regression: runner, hundreds of thousands of diagnostics', () => {
  it('a script whose run reports 300,000 diagnostics does not throw', function () {
    this.timeout(60_000);
    const source = `endpoint client 10.0.0.1:49152\n${'expect nobody LISTEN\n'.repeat(300_000)}`;
    assert.doesNotThrow(() => runScript(source));
  });
});
