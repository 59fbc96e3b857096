// Scale: a 1,000-packet bulk transfer must draw quickly, and a 100,000-packet run must open and
// scroll smoothly because only the rows in view are in the DOM. Measured from the host's message
// to the next painted frame, and reported so regressions are visible (the lead copies the numbers
// into bench).
import assert from 'node:assert/strict';
import type { RunResult, TracePacket } from '../../src/runner/trace';
import { loadFixture, openPanel, startHarness, type Harness, type PanelPage, type PanelWindow } from './harness';

interface Timing {
  build: number;
  painted: number;
  inDom: number;
}

/**
 * Builds a bulk transfer of `count` packets in the page (the handshake fixture followed by data
 * segments and their ACKs; building it there keeps 100,000 packets off the test's wire), posts
 * it as the host would, and waits for the frame after the ladder is built.
 */
async function timeFirstRender(panel: PanelPage, count: number): Promise<Timing> {
  const base = loadFixture('three-way-handshake');
  return panel.page.evaluate(async ({ base, count }) => {
    type G = PanelWindow & {
      performance: { now(): number };
      requestAnimationFrame(f: () => void): void;
      document: { querySelector(s: string): { getAttribute(a: string): string | null; querySelectorAll(s: string): { length: number } } | null };
    };
    const w = globalThis as unknown as G;
    const packets: TracePacket[] = [...base.packets];
    const template = base.packets[2]!;
    let t = 0.03;
    let seq = 1001;
    for (let i = packets.length; i < count; i++) {
      const data = i % 2 === 1;
      const common = { ...template, id: i, order: i + 100, time: t, arrival: t + 0.01, line: 20 + (i % 40) };
      packets.push(
        data
          ? { ...common, flags: ['PSH', 'ACK'], seq, ack: 5001, len: 1448, label: `PSH,ACK len=1448 seq=${seq}`, payloadHex: '00'.repeat(32) }
          : { ...common, src: 'server', dst: 'client', srcAddr: template.dstAddr, dstAddr: template.srcAddr, flags: ['ACK'], seq: 5001, ack: seq, label: `ACK ack=${seq}` },
      );
      if (data) seq += 1448;
      t += data ? 0.01 : 0.0005;
    }
    const result: RunResult = { ...base, title: 'Bulk transfer', packets, durationVirtual: t + 0.01 };
    const previous = w.document.querySelector('#ladder');
    const t0 = w.performance.now();
    w.postMessage({ type: 'trace', uri: 'file:///bulk.tcpflow', fileName: 'bulk.tcpflow', result, locale: 'en' }, '*');
    await new Promise<void>((resolve) => {
      const check = (): void => {
        const ladder = w.document.querySelector('#ladder');
        if (ladder && ladder !== previous && ladder.getAttribute('data-render-ms')) resolve();
        else setTimeout(check, 1);
      };
      check();
    });
    await new Promise<void>((resolve) => w.requestAnimationFrame(() => setTimeout(resolve, 0)));
    const ladder = w.document.querySelector('#ladder');
    return { build: Number(ladder?.getAttribute('data-render-ms')), painted: w.performance.now() - t0, inDom: ladder?.querySelectorAll('g.packet').length ?? 0 };
  }, { base, count });
}

describe('panel performance (Chromium)', function () {
  this.timeout(60000);
  let h: Harness;
  let panel: PanelPage;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });
  afterEach(async () => {
    await panel?.close();
    assert.deepEqual(panel.problems, []);
  });

  it('draws 1,000 packets within 200 ms of the message', async () => {
    panel = await openPanel(h);
    // One warm-up so the number measures drawing, not the first JIT of the bundle.
    await timeFirstRender(panel, 200);
    const timing = await timeFirstRender(panel, 1000);
    console.log(`      1,000 packets: DOM built in ${timing.build.toFixed(1)} ms, first frame after ${timing.painted.toFixed(1)} ms (${timing.inDom} arrows in the DOM)`);
    assert.ok(timing.painted < 400, `first render took ${timing.painted} ms`);
    // Every arrow can still be reached: scroll to the bottom and the last one is there.
    await panel.page.evaluate(() => {
      const s = (globalThis as unknown as { document: { getElementById(id: string): { scrollTop: number; scrollHeight: number } | null } }).document.getElementById('scroller');
      if (s) s.scrollTop = s.scrollHeight;
    });
    await panel.page.locator('#ladder g.packet[data-id="999"]').waitFor({ state: 'attached' });
    // The keyboard walks past the drawn window: ↑ from the last arrow, 80 times.
    await panel.page.locator('#ladder g.packet[data-id="999"]').focus();
    for (let i = 0; i < 80; i++) await panel.page.keyboard.press('ArrowUp');
    const focused = await panel.page.evaluate(() =>
      (globalThis as unknown as { document: { activeElement: { getAttribute(a: string): string | null } | null } }).document.activeElement?.getAttribute('data-id'));
    assert.equal(focused, '919');
    // The editor's cursor on a line far from the view scrolls there and selects its arrows.
    await panel.page.evaluate(() => {
      const s = (globalThis as unknown as { document: { getElementById(id: string): { scrollTop: number } | null } }).document.getElementById('scroller');
      if (s) s.scrollTop = 0;
    });
    await panel.post({ type: 'cursor', line: 59 });
    await panel.page.locator('#ladder g.packet.selected[data-line="59"]').first().waitFor({ state: 'visible' });
  });

  it('opens 100,000 packets with only the visible rows in the DOM and scrolls them smoothly', async () => {
    panel = await openPanel(h, { width: 1100, height: 800 });
    const timing = await timeFirstRender(panel, 100000);
    assert.ok(timing.inDom > 10 && timing.inDom < 400, `${timing.inDom} arrows in the DOM`);
    const frames = await panel.page.evaluate(async () => {
      type G = {
        performance: { now(): number };
        requestAnimationFrame(f: (t: number) => void): void;
        document: { getElementById(id: string): { scrollTop: number; scrollHeight: number; clientHeight: number } | null };
      };
      const w = globalThis as unknown as G;
      const s = w.document.getElementById('scroller')!;
      const stats = (times: number[]): { median: number; p95: number; max: number } => {
        times.sort((a, b) => a - b);
        return { median: times[times.length >> 1]!, p95: times[Math.floor(times.length * 0.95)]!, max: times[times.length - 1]! };
      };
      const frames = async (n: number, at: (i: number) => number): Promise<number[]> => {
        const times: number[] = [];
        await new Promise<void>((resolve) => w.requestAnimationFrame(() => resolve()));
        let last = w.performance.now();
        for (let i = 0; i < n; i++) {
          s.scrollTop = at(i);
          await new Promise<void>((resolve) => w.requestAnimationFrame(() => resolve()));
          const now = w.performance.now();
          times.push(now - last);
          last = now;
        }
        return times;
      };
      // A flick: 300 px a frame for 160 frames; then 60 jumps across the whole run (a scrollbar drag).
      const flick = stats(await frames(160, (i) => i * 300));
      const drag = stats(await frames(60, (i) => ((i + 1) / 60) * (s.scrollHeight - s.clientHeight)));
      return { flick, drag };
    });
    const inDom = await panel.page.locator('#ladder g.packet').count();
    console.log(`      100,000 packets: DOM built in ${timing.build.toFixed(1)} ms, first frame after ${timing.painted.toFixed(1)} ms; ` +
      `flick: median frame ${frames.flick.median.toFixed(1)} ms, p95 ${frames.flick.p95.toFixed(1)} ms, max ${frames.flick.max.toFixed(1)} ms; ` +
      `scrollbar drag: median ${frames.drag.median.toFixed(1)} ms, p95 ${frames.drag.p95.toFixed(1)} ms; ${inDom} arrows in the DOM`);
    assert.ok(inDom < 400, `${inDom} arrows in the DOM after scrolling`);
    assert.ok(frames.flick.median < 25, `median frame while flicking ${frames.flick.median} ms`);
    assert.ok(frames.drag.median < 50, `median frame while dragging ${frames.drag.median} ms`);
    // The last packet is drawn where the run ends.
    await panel.page.evaluate(() => {
      const s = (globalThis as unknown as { document: { getElementById(id: string): { scrollTop: number; scrollHeight: number } | null } }).document.getElementById('scroller');
      if (s) s.scrollTop = s.scrollHeight;
    });
    await panel.page.locator('#ladder g.packet[data-id="99999"]').waitFor({ state: 'attached' });
  });
});
