// A bulk transfer of 1,000 packets must draw quickly: measured from the host's message to the
// next painted frame, and reported so regressions are visible.
import assert from 'node:assert/strict';
import type { RunResult, TracePacket, TraceStateChange } from '../../src/runner/trace';
import { loadFixture, openPanel, startHarness, type Harness, type PanelPage, type PanelWindow } from './harness';

/** The handshake fixture followed by data segments and their ACKs up to `count` packets. */
function bulkTransfer(count: number): RunResult {
  const base = loadFixture('three-way-handshake');
  const packets: TracePacket[] = [...base.packets];
  const template = base.packets[2]!;
  let t = 0.03;
  let seq = 1001;
  for (let i = packets.length; i < count; i++) {
    const data = i % 2 === 1;
    const common = { ...template, id: i, time: t, arrival: t + 0.01, line: 20 + (i % 40) };
    packets.push(
      data
        ? { ...common, flags: ['PSH', 'ACK'], seq, ack: 5001, len: 1448, label: `PSH,ACK len=1448 seq=${seq}`, payloadHex: '00'.repeat(32) }
        : { ...common, src: 'server', dst: 'client', srcAddr: template.dstAddr, dstAddr: template.srcAddr, flags: ['ACK'], seq: 5001, ack: seq, label: `ACK ack=${seq}` },
    );
    if (data) seq += 1448;
    t += data ? 0.01 : 0.0005;
  }
  const states: TraceStateChange[] = [...base.states];
  return { ...base, title: 'Bulk transfer', packets, states, durationVirtual: t + 0.01 };
}

describe('panel performance (Chromium)', function () {
  this.timeout(20000);
  let h: Harness;
  let panel: PanelPage;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await panel?.close();
    await h?.close();
  });

  it('draws 1,000 packets in well under a second', async () => {
    panel = await openPanel(h);
    const trace = bulkTransfer(1000);
    const timing = await panel.page.evaluate(async (result) => {
      type G = PanelWindow & {
        performance: { now(): number };
        requestAnimationFrame(f: () => void): void;
        document: { querySelector(s: string): { getAttribute(a: string): string | null; querySelectorAll(s: string): { length: number } } | null };
      };
      const w = globalThis as unknown as G;
      const t0 = w.performance.now();
      w.postMessage({ type: 'trace', uri: 'file:///bulk.tcpflow', fileName: 'bulk.tcpflow', result, locale: 'en' }, '*');
      await new Promise<void>((resolve) => {
        const check = (): void => {
          if (w.document.querySelector('#ladder')?.querySelectorAll('g.packet').length === 1000) resolve();
          else setTimeout(check, 1);
        };
        check();
      });
      await new Promise<void>((resolve) => w.requestAnimationFrame(() => setTimeout(resolve, 0)));
      const build = Number(w.document.querySelector('#ladder')?.getAttribute('data-render-ms'));
      return { build, painted: w.performance.now() - t0 };
    }, trace);
    console.log(`      1,000 packets: DOM built in ${timing.build.toFixed(1)} ms, first frame after ${timing.painted.toFixed(1)} ms`);
    assert.equal(await panel.page.locator('g.packet').count(), 1000);
    assert.ok(timing.painted < 1500, `first render took ${timing.painted} ms`);
    assert.deepEqual(panel.problems, []);
  });
});
