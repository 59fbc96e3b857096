// Playback: the scrubber, step and play controls over the run's events, and what both diagrams
// show at each step, on a real run of the four-way close.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { connectionStateGraph } from '../../src/export/state-graph';
import type { RunResult } from '../../src/runner/trace';
import { repoRoot, type PanelPage, usePanels } from './harness';

const shots = join(repoRoot, 'test-results/webview');
import { realRun } from './real-traces';

async function load(panel: PanelPage, result: RunResult): Promise<void> {
  await panel.post({ type: 'trace', uri: 'file:///flow.tcpflow', fileName: 'flow.tcpflow', result, locale: 'en', stateGraph: connectionStateGraph() });
  await panel.page.waitForSelector('#ladder[data-render-ms]', { state: 'attached' });
}

describe('panel playback (Chromium)', function () {
  this.timeout(30000);
  const panels = usePanels();
  let panel: PanelPage;
  const run = realRun('04-four-way-close');
  const events = run.packets.length + run.states.length;

  it('starts at the end of the run with nothing dimmed, and steps back to the start with the keyboard', async () => {
    panel = await panels.open();
    await load(panel, run);
    const page = panel.page;
    assert.equal(await page.locator('#timeline').inputValue(), String(events));
    assert.equal(await page.locator('#ladder .future').count(), 0);
    assert.equal(await page.locator('#ladder .time-cursor').getAttribute('visibility'), 'hidden');
    assert.match((await page.locator('#timeline-label').textContent()) ?? '', /all events \(\d+\)/);

    await page.focus('#timeline');
    await page.keyboard.press('Home');
    assert.equal(await page.locator('#timeline').inputValue(), '0');
    assert.equal(await page.locator('#ladder g.packet.future').count(), run.packets.length, 'no packet has been sent yet');
    assert.equal(await page.locator('#ladder g.state-box.future').count(), run.states.length);
    assert.equal(await page.locator('#ladder g.state-box.initial.future').count(), 0, 'initial states are always there');
    assert.notEqual(await page.locator('#ladder .time-cursor').getAttribute('visibility'), 'hidden');

    // Arrow keys step one event at a time; the ladder's cursor follows, the state diagram too.
    const firstSyn = run.packets[0]!;
    const before = events - run.states.filter((s) => s.order > firstSyn.order).length - run.packets.filter((p) => p.order > firstSyn.order).length;
    for (let i = 0; i < before; i++) await page.keyboard.press('ArrowRight');
    assert.equal(await page.locator('#timeline').inputValue(), String(before));
    assert.equal(await page.locator('#ladder g.packet[data-id="0"]').getAttribute('class'), 'packet', 'the SYN has been sent');
    assert.match((await page.locator('#ladder g.packet[data-id="1"]').getAttribute('class')) ?? '', /future/);
    const cursorY = Number(await page.locator('#ladder .time-cursor line').getAttribute('y1'));
    const synY = Number(await page.locator('#ladder g.packet[data-id="0"] line.shaft').getAttribute('y1'));
    assert.ok(Math.abs(cursorY - synY) < 0.5, `cursor at ${cursorY}, SYN at ${synY}`);
    await page.keyboard.press('ArrowLeft');
    assert.match((await page.locator('#ladder g.packet[data-id="0"]').getAttribute('class')) ?? '', /future/);
  });

  it('moving the editor cursor to a line scrubs playback to that line\'s last event', async () => {
    panel = await panels.open({ width: 1100, height: 900 });
    await load(panel, run);
    const page = panel.page;
    const orders = [...run.packets, ...run.states].map((e) => e.order);
    // The client's close: the line that moved it to FIN_WAIT_1 (and sent its FIN).
    const fw1 = run.states.find((s) => s.endpoint === 'client' && s.to === 'FIN_WAIT_1')!;
    const last = Math.max(...[...run.packets, ...run.states].filter((e) => e.line === fw1.line).map((e) => e.order));
    const step = orders.filter((o) => o <= last).length;
    assert.ok(step < events, 'the line is not the last one');
    await panel.post({ type: 'cursor', line: fw1.line });
    await page.waitForFunction(
      (n) => (globalThis as unknown as { document: { querySelector(s: string): { value: string } | null } }).document.querySelector('#timeline')?.value === String(n),
      step,
    );
    assert.notEqual(await page.locator('#ladder .time-cursor').getAttribute('visibility'), 'hidden');
    const later = run.packets.filter((p) => p.order > last).length + run.states.filter((s) => s.order > last).length;
    assert.equal(await page.locator('#ladder g.packet.future, #ladder g.state-box.future').count(), later, 'what comes after the line is dimmed');
    assert.equal(await page.locator(`#ladder g.state-box[data-order="${fw1.order}"].future`).count(), 0);
    await page.click('vscode-tab-header[data-tab="states"]');
    assert.equal(await page.locator('#state-diagram g.sd-current[data-endpoint="client"]').getAttribute('data-state'), 'FIN_WAIT_1');
    // A line with no events (a comment, the header) leaves playback where it is.
    await panel.post({ type: 'cursor', line: 1 });
    await panel.post({ type: 'cursor', line: 1 });
    assert.equal(await page.locator('#timeline').inputValue(), String(step));
  });

  it('shows every endpoint\'s state at the step in the state diagram, and the buttons step and play', async () => {
    panel = await panels.open({ width: 1100, height: 900 });
    await load(panel, run);
    const page = panel.page;
    await page.click('vscode-tab-header[data-tab="states"]');
    const current = (): Promise<string[]> =>
      page.locator('#state-diagram g.sd-current').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-endpoint')}=${e.getAttribute('data-state')}`).sort());
    await page.focus('#timeline');
    await page.keyboard.press('Home');
    assert.deepEqual(await current(), ['client=CLOSED', 'server=CLOSED']);
    // Step to just after the client's FIN_WAIT_1.
    const fw1 = run.states.find((s) => s.endpoint === 'client' && s.to === 'FIN_WAIT_1')!;
    const step = [...run.packets.map((p) => p.order), ...run.states.map((s) => s.order)].filter((o) => o <= fw1.order).length;
    await page.locator('#timeline').fill(String(step));
    assert.deepEqual(await current(), ['client=FIN_WAIT_1', 'server=ESTABLISHED'].sort());
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(shots, 'playback-states-four-way-close.png') });
    await page.click('vscode-tab-header[data-tab="ladder"]');
    await page.screenshot({ path: join(shots, 'playback-ladder-four-way-close.png') });
    await page.click('vscode-tab-header[data-tab="states"]');
    assert.equal(await page.locator('#state-diagram g.sd-state.current').count(), 2);
    assert.equal(await page.locator('#state-diagram path.sd-taken[data-endpoint="client"][data-to="TIME_WAIT"].future').count(), 1);
    await page.click('#step-forward');
    assert.equal(await page.locator('#timeline').inputValue(), String(step + 1));
    await page.click('#step-back');
    await page.click('#step-back');
    assert.equal(await page.locator('#timeline').inputValue(), String(step - 1));
    // Play runs to the end on its own and stops there.
    await page.locator('#timeline').fill(String(events - 2));
    await page.click('#play');
    assert.equal(await page.locator('#play').getAttribute('aria-pressed'), 'true');
    await page.waitForFunction(
      (n) => (globalThis as unknown as { document: { querySelector(s: string): { value: string } | null } }).document.querySelector('#timeline')?.value === String(n),
      events, { timeout: 15000 },
    );
    await page.waitForFunction(() => (globalThis as unknown as { document: { querySelector(s: string): { getAttribute(a: string): string | null } | null } })
      .document.querySelector('#play')?.getAttribute('aria-pressed') === 'false');
    assert.deepEqual(await current(), ['client=CLOSED', 'server=CLOSED']);
  });
});
