// Found by `npm run fuzz` (runner target, seed 7, mutated examples and the grammar). Bugs in
// src/runner/** (or engine), owned by the lead.
import * as assert from 'node:assert/strict';
import { runScript } from '../../../src/runner/index';

const LIMITS = { maxEvents: 20_000, maxVirtualSeconds: 3_600, maxPackets: 2_000, maxRepeat: 500 };

describe('fuzz regression: runner limits and field ranges', () => {
  // A link delay of 49 days puts arrivals far past maxVirtualSeconds; the run ends at virtual
  // time 4,294,969 s with no LIMIT diagnostic (the cap is checked in runUntil, not on arrivals).
  it('a huge link delay stops at maxVirtualSeconds with a LIMIT diagnostic', () => {
    const source = 'seed 1\nendpoint client 10.0.0.1:49152\nendpoint server 10.0.0.2:80\nlink client server delay 4294967295ms\nserver listen\nclient connect server\nclient -> server SYN seq=x\n';
    const r = runScript(source, { limits: LIMITS });
    assert.ok(r.durationVirtual <= LIMITS.maxVirtualSeconds || r.diagnostics.some((d) => d.id === 'LIMIT'), `durationVirtual ${r.durationVirtual}`);
  });

  // A scripted packet's win= is put on the wire as written: win=1e+40 in the trace (and the
  // panel, and the pcapng's 16-bit window field). Expected: a diagnostic on win= (0–65535, or
  // 0–2^30 with window scaling) and a sane value on the wire.
  it('a scripted packet with win=9999999999999999999999999999999999999999 gets a diagnostic, not win=1e+40 on the wire', () => {
    const source = 'seed 0\nendpoint client 10.0.0.1:49152 stack\nendpoint server 10.0.0.2:80 scripted\n@0.0 server -> client SYN win=9999999999999999999999999999999999999999\n';
    const r = runScript(source, { limits: LIMITS });
    for (const p of r.packets) assert.ok(Number.isInteger(p.win) && p.win <= 0xffffffff, `win=${p.win}`);
    assert.ok(r.diagnostics.some((d) => d.range.start.line === 3));
  });
});
