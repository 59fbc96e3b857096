// A script can put any text into a trace: titles, endpoint names, labels, payloads, TLS message
// names, diagnostic messages. The panel must show it as text, run none of it, and stay inside
// its Content-Security-Policy.
import assert from 'node:assert/strict';
import { loadFixture, openPanel, startHarness, type Harness, type PanelPage, type PanelWindow } from './harness';

const HOSTILE = [
  '<img src=x onerror=window.__pwned=1>',
  '</script><script>window.__pwned=1</script>',
  'javascript:window.__pwned=1',
  '" onmouseover="window.__pwned=1',
  '</style><style>body{display:none}</style>',
];

describe('panel with hostile strings (Chromium)', function () {
  this.timeout(20000);
  let h: Harness;
  let panel: PanelPage;
  before(async () => {
    h = await startHarness();
    panel = await openPanel(h);
    await panel.show(loadFixture('hostile'));
  });
  after(async () => {
    await panel?.close();
    await h?.close();
  });

  it('runs none of them, even when the user hovers and clicks everything', async () => {
    const { page } = panel;
    for (const el of await page.locator('g.packet, g.state-box, g.lifeline, g.timer, g.tls-badge').all()) {
      await el.hover({ force: true });
    }
    await page.locator('g.packet').first().click({ force: true });
    await page.locator('#problems .problem-line').first().click();
    await page.waitForTimeout(100);
    assert.equal(await page.evaluate(() => (globalThis as unknown as PanelWindow).__pwned), undefined);
    assert.equal(await page.locator('img').count(), 0, 'no <img> created');
    assert.equal(await page.locator('script').count(), 2, 'only the stub and panel.js');
    assert.equal(await page.locator('style').count(), 0, 'no <style> created');
    assert.equal(await page.locator('[onerror], [onmouseover], [href^="javascript"]').count(), 0);
    assert.ok(await page.locator('#ladder').isVisible(), 'the page was not hidden by injected CSS');
    assert.ok(await page.locator('body').isVisible());
  });

  it('shows every string literally as text', async () => {
    const { page } = panel;
    assert.equal(await page.locator('#flow-title').textContent(), HOSTILE.join(' '));
    assert.deepEqual(await page.locator('g.lifeline text.lifeline-name').allTextContents(), [HOSTILE[0], HOSTILE[1]]);
    assert.deepEqual(await page.locator('g.packet text.label').allTextContents(), HOSTILE);
    const badges = await page.locator('g.packet[data-line="7"] g.tls-badge text').allTextContents();
    assert.deepEqual(badges, HOSTILE);
    const tip = (await page.locator('g.packet[data-id="0"] > title').textContent()) ?? '';
    assert.ok(tip.includes(`payload ${HOSTILE[4]}`), 'payload hex shown as text');
    assert.ok(tip.includes(HOSTILE[2]!) && tip.includes(HOSTILE[3]!), 'addresses shown as text');
    const onArrow = (await page.locator('g.packet.diagnostic-error text.diagnostic-message').textContent()) ?? '';
    assert.ok(onArrow.startsWith(`${HOSTILE[1]} ${HOSTILE[0]}`), onArrow);
    assert.equal(await page.locator('g.packet.diagnostic-warning text.diagnostic-message').textContent(), HOSTILE[3]);
    assert.equal(await page.locator('#problems .problem-message').textContent(), `problem ${HOSTILE.join(' ')}`);
    assert.equal(await page.locator('#problems .problem-id').textContent(), HOSTILE[2]);
    const meta = (await page.locator('#flow-meta').textContent()) ?? '';
    assert.ok(meta.includes(HOSTILE[4]!), 'profile shown as text');
    const timers = await page.locator('g.timer text.timer-label').allTextContents();
    assert.deepEqual(timers, [`${HOSTILE[0]} 20ms`, `${HOSTILE[4]} 20ms`]);
  });

  it('keeps the page title escaped and reports no CSP violation or error', async () => {
    assert.equal(await panel.page.title(), 'TCP Flow <test>');
    const csp = await panel.page.evaluate(() => (globalThis as unknown as PanelWindow).__cspViolations);
    assert.deepEqual(csp, []);
    assert.deepEqual(panel.problems, []);
  });

  it('really enforces that policy (an inline style is reported, an inline script never runs)', async () => {
    const { page } = panel;
    await page.evaluate(() => {
      type Doc = { createElement(t: string): { innerHTML: string }; body: { appendChild(n: unknown): void } };
      const doc = (globalThis as unknown as { document: Doc }).document;
      const probe = doc.createElement('div');
      probe.innerHTML = '<span style="color:red">probe</span><img src="data:," onerror="window.__pwned=2">';
      doc.body.appendChild(probe);
    });
    await page.waitForFunction(() => (globalThis as unknown as PanelWindow).__cspViolations.length >= 2);
    const csp = await page.evaluate(() => (globalThis as unknown as PanelWindow).__cspViolations.splice(0));
    assert.ok(csp.some((v) => v.startsWith('style-src')), csp.join('; '));
    assert.ok(csp.some((v) => v.startsWith('script-src')), csp.join('; '));
    assert.equal(await page.evaluate(() => (globalThis as unknown as PanelWindow).__pwned), undefined);
    panel.problems.splice(0); // the probe's console reports are expected
  });
});
