// What the user does with the panel: click an arrow or a state box to jump to its script line,
// follow the editor's cursor, move between arrows with the keyboard, zoom without losing place.
import assert from 'node:assert/strict';
import type { RunResult } from '../../src/runner/trace';
import { loadFixture, type PanelPage, type PanelWindow, usePanels } from './harness';

describe('panel interaction (Chromium)', function () {
  this.timeout(20000);
  const panels = usePanels();
  let panel: PanelPage;

  const reveals = async (): Promise<number[]> =>
    (await panel.posted()).flatMap((m) => (m.type === 'revealLine' ? [m.line] : []));

  it('clicking an arrow or a state box reveals its script line', async () => {
    panel = await panels.open();
    await panel.show(loadFixture('three-way-handshake'));
    await panel.page.locator('g.packet[data-line="13"]').click();
    await panel.page.locator('g.state-box[data-state="SYN_SENT"]').click();
    assert.deepEqual(await reveals(), [13, 11]);
  });

  it('a cursor message selects that line\'s arrow and scrolls it into view', async () => {
    panel = await panels.open({ height: 320 });
    await panel.show(loadFixture('syn-retransmissions'));
    const { page } = panel;
    await panel.post({ type: 'cursor', line: 22 });
    await page.waitForSelector('g.packet.selected');
    assert.deepEqual(
      await Promise.all((await page.locator('g.packet.selected').all()).map((el) => el.getAttribute('data-line'))),
      ['22'],
    );
    assert.ok(await page.locator('g.packet[data-line="22"]').isVisible());
    const scrollTop = await page.locator('#scroller').evaluate((el) => el.scrollTop);
    assert.ok(scrollTop > 0, 'scrolled down to the last ACK');
    const box = await page.locator('g.packet[data-line="22"] line.shaft').boundingBox();
    assert.ok(box && box.y > 0 && box.y + box.height < 320, 'the arrow is on screen');
    // Moving the cursor elsewhere moves the selection; a line with no packet clears it.
    await panel.post({ type: 'cursor', line: 17 });
    await page.waitForSelector('g.packet.selected[data-line="17"]');
    assert.equal(await page.locator('g.packet.selected').count(), 1);
    await panel.post({ type: 'cursor', line: 2 });
    await page.waitForSelector('g.packet.selected', { state: 'detached' });
  });

  it('arrows are focusable; up and down move between them, Enter reveals', async () => {
    panel = await panels.open();
    await panel.show(loadFixture('four-way-close'));
    const { page } = panel;
    assert.equal(await page.locator('g.packet[tabindex="0"]').count(), 1, 'one tab stop');
    await page.locator('g.packet').first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    assert.deepEqual(await reveals(), [16]);
    assert.equal(await page.locator('g.packet[tabindex="0"]').getAttribute('data-id'), '2');
  });

  it('zooms with the toolbar and keeps zoom and scroll when a new trace arrives', async () => {
    panel = await panels.open({ height: 400 });
    const trace = loadFixture('four-way-close');
    await panel.show(trace);
    const { page } = panel;
    const width = async (): Promise<number> => Number(await page.locator('#ladder').getAttribute('width'));
    const natural = await width();
    await page.locator('#zoom-in').click();
    await page.locator('#zoom-in').click();
    assert.ok(Math.abs((await width()) - natural * 1.5625) < 1, 'two steps of 1.25×');
    await page.locator('#zoom-out').click();
    assert.ok(Math.abs((await width()) - natural * 1.25) < 1);
    await page.locator('#scroller').evaluate((el) => el.scrollTo(0, 200));
    await page.waitForFunction(() => ((globalThis as unknown as PanelWindow).__state as { scrollTop?: number } | undefined)?.scrollTop === 200);
    const saved = (await page.evaluate(() => (globalThis as unknown as PanelWindow).__state)) as { zoom: number; scrollTop: number };
    assert.equal(saved.zoom, 1.25);

    await panel.post({ type: 'cursor', line: 20 });
    await page.waitForSelector('g.packet.selected');
    await page.locator('#scroller').evaluate((el) => el.scrollTo(0, 200));
    const edited: RunResult = { ...trace, title: 'Edited' };
    await panel.show(edited);
    assert.equal(await page.locator('g.packet.selected').getAttribute('data-line'), '20', 'selection kept');
    assert.equal(await page.locator('#flow-title').textContent(), 'Edited');
    assert.ok(Math.abs((await width()) - natural * 1.25) < 1, 'zoom kept');
    assert.equal(await page.locator('#scroller').evaluate((el) => el.scrollTop), 200, 'scroll kept');

    await page.locator('#zoom-fit').click();
    const viewport = await page.locator('#scroller').evaluate((el) => el.clientWidth);
    assert.ok((await width()) <= viewport, 'fit makes the diagram as wide as the panel');
  });
});
