// Packet details (click an arrow) and export (Mermaid, SVG, PNG), against real runs and the
// hostile fixture.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectionStateGraph } from '../../src/export/state-graph';
import type { RunResult } from '../../src/runner/trace';
import { loadFixture, repoRoot, type PanelPage, type PanelWindow, usePanels } from './harness';
import { realRun } from './real-traces';

const shots = join(repoRoot, 'test-results/webview');

async function load(panel: PanelPage, result: RunResult, locale = 'en'): Promise<void> {
  const previous = await panel.page.$('#ladder');
  await panel.post({ type: 'trace', uri: 'file:///flow.tcpflow', fileName: 'flow.tcpflow', result, locale, stateGraph: connectionStateGraph() });
  if (previous) await previous.waitForElementState('hidden');
  await panel.page.waitForSelector('#ladder[data-render-ms]', { state: 'attached' });
}

async function exported(panel: PanelPage, format: string): Promise<string> {
  const handle = await panel.page.waitForFunction((f) => {
    const m = (globalThis as unknown as PanelWindow).__posted.find((p) => p.type === 'export' && p.format === f);
    return m && m.type === 'export' ? m.data : undefined;
  }, format);
  return (await handle.jsonValue()) ?? '';
}

describe('panel packet detail and export (Chromium)', function () {
  this.timeout(30000);
  const panels = usePanels();
  let panel: PanelPage;
  before(() => mkdirSync(shots, { recursive: true }));

  it('opens every field of a clicked packet, its payload as hex and text, and still reveals its line', async () => {
    panel = await panels.open();
    const run = realRun('07-half-close');
    await load(panel, run);
    const p = run.packets.find((x) => x.payloadHex !== '')!;
    await panel.page.click(`#ladder g.packet[data-id="${p.id}"] text.label`);
    const pane = panel.page.locator('#packet-detail');
    await pane.waitFor({ state: 'visible' });
    assert.match((await pane.locator('#detail-title').textContent()) ?? '', new RegExp(`#${p.id}: PSH,ACK`));
    const field = async (k: string): Promise<string> => (await pane.locator(`dd[data-field="${k}"]`).textContent()) ?? '';
    assert.equal(await field('seq'), String(p.seq));
    assert.equal(await field('ack'), String(p.ack));
    assert.equal(await field('len'), String(p.len));
    assert.equal(await field('win'), String(p.win));
    assert.equal(await field('flags'), p.flags.join(','));
    assert.match(await field('from'), new RegExp(`^${p.src} \\(${p.srcAddr.replace(/\./g, '\\.')}\\)$`));
    assert.match((await pane.locator('#detail-hex').textContent()) ?? '', /^0000 {2}73 74 69 6c 6c 20 74 61 6c 6b 69 6e 67 {2}.* {2}still talking$/);
    assert.equal(await pane.locator('#detail-text').textContent(), 'still talking');
    const posted = await panel.posted();
    assert.ok(posted.some((m) => m.type === 'revealLine' && m.line === p.line));
    await panel.page.screenshot({ path: join(shots, 'packet-detail-half-close.png') });
    await panel.page.keyboard.press('Escape');
    await pane.waitFor({ state: 'hidden' });
  });

  it('lists TLS records and the diagnostics on a packet with their explanation', async () => {
    panel = await panels.open();
    const tls = realRun('11-tls13');
    await load(panel, tls);
    const hello = tls.packets.find((x) => x.tls.some((r) => r.messages.includes('ClientHello')))!;
    await panel.page.click(`#ladder g.packet[data-id="${hello.id}"] text.label`);
    assert.match((await panel.page.locator('#packet-detail .detail-tls').textContent()) ?? '', /handshake: ClientHello/);

    const diag = loadFixture('diagnostics');
    await load(panel, diag, 'zh-cn');
    const onArrow = diag.packets.find((x) => diag.diagnostics.some((d) => d.range.start.line + 1 === x.line))!;
    await panel.page.click(`#ladder g.packet[data-id="${onArrow.id}"] text.label`);
    const items = panel.page.locator('#packet-detail .detail-diagnostics li');
    assert.ok((await items.count()) >= 1);
    const d = diag.diagnostics.find((x) => x.range.start.line + 1 === onArrow.line)!;
    assert.equal(await items.first().locator('.problem-id').textContent(), d.id);
    assert.equal(await items.first().locator('.problem-message').textContent(), d.messageZh);
    assert.equal(await panel.page.locator('#packet-detail h3').first().textContent(), `载荷 (${onArrow.len})`);
  });

  it('shows hostile payloads and labels as text in the detail pane, never as markup', async () => {
    panel = await panels.open();
    const hostile = loadFixture('hostile');
    await load(panel, hostile);
    for (const p of hostile.packets) {
      await panel.page.click(`#ladder g.packet[data-id="${p.id}"] line.hit`, { force: true });
      assert.equal(await panel.page.locator('#packet-detail img, #packet-detail script, #packet-detail style, #packet-detail a').count(), 0);
      assert.ok(((await panel.page.locator('#detail-title').textContent()) ?? '').includes(p.label));
    }
    assert.equal(await panel.page.evaluate(() => (globalThis as unknown as PanelWindow).__pwned), undefined);
  });

  it('exports hostile text as text: the SVG file runs nothing when opened on its own', async () => {
    panel = await panels.open();
    await load(panel, loadFixture('hostile'));
    await panel.page.click('#export-svg');
    const svg = await exported(panel, 'svg');
    assert.doesNotMatch(svg, /<(script|img|style|a|foreignObject)[\s>]/i);
    const bare = await panels.newBarePage();
    await bare.goto(`data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`);
    const found = await bare.evaluate(() => {
      const d = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ getAttributeNames(): string[] }> } }).document;
      return {
        pwned: (globalThis as unknown as { __pwned?: unknown }).__pwned,
        handlers: Array.from(d.querySelectorAll('*')).flatMap((e) => e.getAttributeNames().filter((n) => /^on/i.test(n))),
      };
    });
    await bare.close();
    assert.deepEqual(found, { pwned: undefined, handlers: [] });
  });

  it('copies Mermaid text and saves the ladder as a standalone SVG and a PNG', async () => {
    panel = await panels.open({ theme: 'dark' });
    const run = realRun('04-four-way-close');
    await load(panel, run);
    await panel.page.click('#export-mermaid');
    const mermaid = await exported(panel, 'mermaid');
    assert.match(mermaid, /^sequenceDiagram\n/);
    assert.ok(mermaid.includes('client->>server: SYN seq=x'));

    await panel.page.click('#export-svg');
    const svg = await exported(panel, 'svg');
    writeFileSync(join(shots, 'export-four-way-close-dark.svg'), svg);
    assert.match(svg, /^<\?xml[^>]*>\n<svg[^>]* xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.doesNotMatch(svg, /var\(--/);
    assert.ok(svg.includes('SYN,ACK seq=y ack=x+1'));
    assert.equal((svg.match(/class="packet[ "]/g) ?? []).length, run.packets.length);
    // Outside VS Code (a bare page, no stylesheet) it still has the dark theme's colours.
    const bare = await panels.newBarePage();
    await bare.setContent(`<!DOCTYPE html><body style="margin:0;background:white">${svg.replace(/^<\?xml[^>]*>/, '')}</body>`);
    const look = await bare.evaluate(() => {
      const d = (globalThis as unknown as { document: { querySelector(s: string): unknown } }).document;
      const gcs = (globalThis as unknown as { getComputedStyle(e: unknown): { fill: string; stroke: string } }).getComputedStyle;
      return { bg: gcs(d.querySelector('rect.export-background')).fill, shaft: gcs(d.querySelector('g.packet line.shaft')).stroke };
    });
    await bare.screenshot({ path: join(shots, 'export-four-way-close-dark-bare.png') });
    await bare.close();
    assert.equal(look.bg, 'rgb(31, 31, 31)');
    assert.equal(look.shaft, 'rgb(55, 148, 255)');

    await panel.page.click('#export-png');
    const png = await exported(panel, 'png');
    assert.match(png, /^data:image\/png;base64,/);
    const bytes = Buffer.from(png.slice(png.indexOf(',') + 1), 'base64');
    assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG');
    const width = bytes.readUInt32BE(16);
    const height = bytes.readUInt32BE(20);
    writeFileSync(join(shots, 'export-four-way-close-dark.png'), bytes);
    const vb = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg)!;
    assert.equal(width, Math.round(Number(vb[1]) * 2));
    assert.equal(height, Math.round(Number(vb[2]) * 2));
  });
});
