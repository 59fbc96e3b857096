// The engine's `linux` profile against captures of the real kernel (issue 3, "Fidelity against
// the real kernel"). Each test/fixtures/kernel/<scenario>.json is a tcpdump capture summarized
// by tools/kernel-captures/; <scenario>.tcpflow replays the same socket calls on the engine.
// Compared packet by packet: direction, connection, flags, seq/ack relative to each side's ISN,
// payload length, SYN/SYN,ACK window, option kinds in order (mss and wscale values), ICMP errors
// (direction, type, code, quoted sequence number), the socket errors (errno), and the
// time since the previous packet within 60 ms plus the kernel's timer-wheel granularity. A second
// test per scenario compares the (scaled) window of every other packet.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { runScript } from '../../src/runner/index';
import { repoRoot } from '../support/paths';
import { compare, renderDiff, summarizeEngine, timeTolerance, type KernelFixture } from './compare';

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'kernel');

/** Where the engine knowingly differs from the kernel: `<scenario>` for the packet comparison,
 *  `<scenario> windows` for the window test. Each names the difference (details in
 *  docs/kernel-fidelity.md). Remove an entry when the engine is fixed. */
export const PENDING: Readonly<Record<string, string>> = {};

function load(name: string): { fx: KernelFixture; source: string } {
  const fx = JSON.parse(readFileSync(path.join(fixtures, `${name}.json`), 'utf8')) as KernelFixture;
  const source = readFileSync(path.join(fixtures, `${name}.tcpflow`), 'utf8');
  return { fx, source };
}

function run(name: string, source: string) {
  return runScript(source, { fileName: `${name}.tcpflow` });
}

describe('kernel fidelity (test/fixtures/kernel)', () => {
  const names = readdirSync(fixtures)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();

  it('finds the captured scenarios, each with a pcap and a .tcpflow', () => {
    assert.ok(names.length >= 10, `only ${names.length} fixtures in ${fixtures}`);
    const files = new Set(readdirSync(fixtures));
    for (const n of names) {
      assert.ok(files.has(`${n}.pcap`), `${n}.pcap missing`);
      assert.ok(files.has(`${n}.tcpflow`), `${n}.tcpflow missing`);
    }
  });

  for (const name of names) {
    describe(name, () => {
      const pending = PENDING[name];
      (pending ? it.skip : it)(`matches the kernel packet by packet${pending ? ` (pending: ${pending})` : ''}`, () => {
        const { fx, source } = load(name);
        const result = run(name, source);
        const errors = result.diagnostics
          .filter((d) => d.severity === 'error')
          .map((d) => `line ${d.range.start.line + 1}: ${d.id} ${d.message}`);
        const engine = summarizeEngine(result, fx.addresses.server);
        const diffs = compare(fx.packets, engine, fx.hz, { allWindows: false });
        // when the kernel's connect() failed, the engine's client must close as late after the
        // last packet (the final timer)
        const failed = fx.events.find((e) => e.event === 'connect failed');
        const started = fx.events.find((e) => /connect$/.test(e.event));
        const lastK = fx.packets[fx.packets.length - 1];
        const extra: string[] = [];
        if (failed && started && lastK && failed.errno === 'ETIMEDOUT') {
          const kGap = failed.t - started.t - lastK.t;
          const t0 = result.packets[0]?.time ?? 0;
          const closed = result.states.find((s) => s.from === 'SYN_SENT' && s.to === 'CLOSED');
          const lastE = result.packets[result.packets.length - 1];
          if (!closed || !lastE) extra.push(`connect() fails ${kGap.toFixed(3)}s after the last SYN on the kernel; the engine's client never leaves SYN_SENT`);
          else {
            const eGap = closed.time - lastE.time;
            const tol = timeTolerance(kGap, fx.hz);
            if (Math.abs(eGap - kGap) > tol)
              extra.push(`connect() fails ${kGap.toFixed(3)}s after the last SYN (at ${(failed.t - started.t).toFixed(3)}s) on the kernel, ${eGap.toFixed(3)}s (at ${(closed.time - t0).toFixed(3)}s) on the engine (tolerance ±${(tol * 1000).toFixed(0)}ms)`);
          }
        }
        // every errno the kernel's sockets reported is stated by the script (and held: no diagnostics)
        for (const ev of fx.events) {
          if (!ev.errno) continue;
          const who = ev.event.startsWith('server') ? 'server' : 'client';
          if (!new RegExp(`^expect ${who} error ${ev.errno}\\b`, 'm').test(source)) extra.push(`the kernel's ${who} reported ${ev.errno} (${ev.event}); the script does not expect it`);
        }
        const message = [
          ...(errors.length ? ['script diagnostics:', ...errors.map((e) => `  ${e}`)] : []),
          ...extra,
          diffs.length ? renderDiff(name, fx.packets, engine, diffs) : '',
        ]
          .filter((s) => s !== '')
          .join('\n');
        assert.ok(errors.length === 0 && diffs.length === 0 && extra.length === 0, `${fx.description}\n${message}`);
      });

      const pw = PENDING[`${name} windows`];
      (pw ? it.skip : it)(`advertises the kernel's window in every packet${pw ? ` (pending: ${pw})` : ''}`, () => {
        const { fx, source } = load(name);
        const engine = summarizeEngine(run(name, source), fx.addresses.server);
        const diffs = compare(fx.packets, engine, fx.hz, { allWindows: true }).filter((d) => d.field === 'win');
        assert.ok(diffs.length === 0, renderDiff(`${name} windows`, fx.packets, engine, diffs));
      });
    });
  }
});
