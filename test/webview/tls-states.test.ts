// TLS handshake state beside the TCP state: contract example 11 (TLS 1.3) drawn for real, each
// move of an endpoint's handshake machine a locked box on its lifeline, dimmed by playback and
// followed by the editor's cursor like any other event.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { connectionStateGraph } from '../../src/export/state-graph';
import { repoRoot, type PanelPage, usePanels } from './harness';
import { realRun } from './real-traces';

describe('panel TLS handshake states (Chromium)', function () {
  this.timeout(30000);
  const panels = usePanels();
  let panel: PanelPage;
  const run = realRun('11-tls13');
  const tls = run.tlsStates ?? [];

  async function load(): Promise<void> {
    await panel.post({ type: 'trace', uri: 'file:///11-tls13.tcpflow', fileName: '11-tls13.tcpflow', result: run, locale: 'en', stateGraph: connectionStateGraph() });
    await panel.page.waitForSelector('#ladder[data-render-ms]', { state: 'attached' });
  }

  it('example 11 shows the TLS states on each lifeline, beside the TCP states, ending in ESTABLISHED', async () => {
    panel = await panels.open({ width: 1300, height: 1000 });
    await load();
    const { page } = panel;
    assert.ok(tls.length > 0);
    assert.equal(await page.locator('#ladder g.tls-state').count(), tls.length);
    for (const endpoint of ['client', 'server']) {
      const boxes = page.locator(`#ladder g.tls-state[data-endpoint="${endpoint}"]`);
      const states = await boxes.evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
      assert.deepEqual(states, tls.filter((s) => s.endpoint === endpoint).map((s) => s.to));
      assert.equal(states[states.length - 1], 'ESTABLISHED');
      const last = boxes.last();
      assert.equal(await last.locator('text').textContent(), 'ESTABLISHED');
      assert.equal(await last.locator('g.tls-lock').count(), 1, 'a padlock marks it as TLS');
      assert.match((await last.getAttribute('data-machine')) ?? '', new RegExp(`tls13-${endpoint}`));
      assert.match((await last.locator('title').textContent()) ?? '', /TLS handshake .* → ESTABLISHED/);
    }
    const established = page.locator('#ladder g.tls-state[data-endpoint="client"][data-state="ESTABLISHED"]');
    assert.equal(await established.count(), 1);
    assert.ok(await established.isVisible() || (await established.boundingBox()) !== null);
    // In the TCP state column of its lifeline: same side, same x as the client's TCP boxes.
    const tlsBox = await established.locator(':scope > rect:not(.tls-dot)').boundingBox();
    const tcpBox = await page.locator('#ladder g.state-box[data-endpoint="client"]').first().locator('rect').boundingBox();
    assert.ok(tlsBox && tcpBox && Math.abs(tlsBox.x - tcpBox.x) < 1 && Math.abs(tlsBox.width - tcpBox.width) < 1);
    // After the server's flight reached the client, and after the client's TCP ESTABLISHED.
    const flight = run.packets.find((p) => p.tls.some((t) => t.messages.includes('ServerHello')))!;
    const flightY = Number(await page.locator(`#ladder g.packet[data-id="${flight.id}"] line.shaft`).getAttribute('y2'));
    const tcpEst = page.locator('#ladder g.state-box[data-endpoint="client"][data-state="ESTABLISHED"] rect');
    assert.ok(tlsBox.y > Number(await tcpEst.getAttribute('y')), 'TLS after TCP');
    assert.ok(Number(await established.locator(':scope > rect:not(.tls-dot)').getAttribute('y')) >= flightY - 20, 'after the ServerHello flight arrives');
    // Distinct style from the TCP boxes.
    const stroke = (sel: string): Promise<string> => page.locator(sel).first().evaluate((el) =>
      (globalThis as unknown as { getComputedStyle(e: unknown): { strokeDasharray: string } }).getComputedStyle(el).strokeDasharray);
    assert.notEqual(await stroke('#ladder g.tls-state > rect:not(.tls-dot)'), await stroke('#ladder g.state-box:not(.initial) rect'));
    mkdirSync(join(repoRoot, 'test-results/webview'), { recursive: true });
    await page.screenshot({ path: join(repoRoot, 'test-results/webview/tls-states-11-tls13.png'), fullPage: true });
  });

  it('TLS boxes dim with playback, reveal their line on click, and the cursor on their line scrubs there', async () => {
    panel = await panels.open({ width: 1300, height: 1000 });
    await load();
    const { page } = panel;
    await page.focus('#timeline');
    await page.keyboard.press('Home');
    assert.equal(await page.locator('#ladder g.tls-state.future').count(), tls.length);
    await page.keyboard.press('End');
    assert.equal(await page.locator('#ladder g.tls-state.future').count(), 0);
    const events = run.packets.length + run.states.length + tls.length;
    assert.equal(await page.locator('#timeline').inputValue(), String(events), 'TLS states are playback steps');

    const est = tls.find((s) => s.endpoint === 'client' && s.to === 'ESTABLISHED')!;
    await page.locator(`#ladder g.tls-state[data-order="${est.order}"]`).click();
    const reveals = (await panel.posted()).flatMap((m) => (m.type === 'revealLine' ? [m.line] : []));
    assert.deepEqual(reveals, [est.line]);

    await panel.post({ type: 'cursor', line: est.line });
    const all = [...run.packets, ...run.states, ...tls];
    const last = Math.max(...all.filter((e) => e.line === est.line).map((e) => e.order));
    const step = all.filter((e) => e.order <= last).length;
    await page.waitForFunction(
      (n) => (globalThis as unknown as { document: { querySelector(s: string): { value: string } | null } }).document.querySelector('#timeline')?.value === String(n),
      step,
    );
    assert.equal(await page.locator(`#ladder g.tls-state[data-order="${est.order}"]`).getAttribute('class'), 'tls-state revealable selected');
    const later = tls.filter((s) => s.order > last).length;
    assert.equal(await page.locator('#ladder g.tls-state.future').count(), later);
    assert.ok(later > 0, 'the server\'s ESTABLISHED comes later');
  });
});
