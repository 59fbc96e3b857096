// Scale: a 1,000-packet run and a 100,000-packet run open with only the rows in view in the DOM,
// every arrow stays reachable by scrolling, the keyboard and the editor's cursor. Times are
// printed for the reader but not asserted: `npm run bench` reports them (bench/panel.ts).
import assert from 'node:assert/strict';
import { type PanelPage, usePanels } from './harness';
import { scrollFrames, timeFirstRender } from './measure';

describe('panel performance (Chromium)', function () {
  this.timeout(60000);
  const panels = usePanels();
  let panel: PanelPage;

  it('draws 1,000 packets and keeps every arrow reachable', async () => {
    panel = await panels.open();
    // One warm-up so the number measures drawing, not the first JIT of the bundle.
    await timeFirstRender(panel, 200);
    const timing = await timeFirstRender(panel, 1000);
    console.log(`      1,000 packets: DOM built in ${timing.build.toFixed(1)} ms, first frame after ${timing.painted.toFixed(1)} ms (${timing.inDom} arrows in the DOM)`);
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

  it('opens 100,000 packets with only the visible rows in the DOM, also while scrolling', async () => {
    panel = await panels.open({ width: 1100, height: 800 });
    const timing = await timeFirstRender(panel, 100000);
    assert.ok(timing.inDom > 10 && timing.inDom < 400, `${timing.inDom} arrows in the DOM`);
    const frames = await scrollFrames(panel);
    const inDom = await panel.page.locator('#ladder g.packet').count();
    console.log(`      100,000 packets: DOM built in ${timing.build.toFixed(1)} ms, first frame after ${timing.painted.toFixed(1)} ms; ` +
      `flick: median frame ${frames.flick.median.toFixed(1)} ms, p95 ${frames.flick.p95.toFixed(1)} ms, max ${frames.flick.max.toFixed(1)} ms; ` +
      `scrollbar drag: median ${frames.drag.median.toFixed(1)} ms, p95 ${frames.drag.p95.toFixed(1)} ms; ${inDom} arrows in the DOM`);
    assert.ok(inDom < 400, `${inDom} arrows in the DOM after scrolling`);
    // The last packet is drawn where the run ends.
    await panel.page.evaluate(() => {
      const s = (globalThis as unknown as { document: { getElementById(id: string): { scrollTop: number; scrollHeight: number } | null } }).document.getElementById('scroller');
      if (s) s.scrollTop = s.scrollHeight;
    });
    await panel.page.locator('#ladder g.packet[data-id="99999"]').waitFor({ state: 'attached' });
  });
});
