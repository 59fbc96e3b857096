// What a student sees in the ladder: one arrow per packet with the script's label, slanted by
// the link delay; state boxes down each lifeline in order; dropped packets stopping with a ✕;
// retransmissions dashed; TIME_WAIT's 60 s shown as a gap, not a squashed handshake.
import assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runScript } from '../../src/runner/index';
import { repoRoot } from '../support/paths';
import { loadFixture, type PanelPage, usePanels } from './harness';

async function attrs(locator: Locator, name: string): Promise<string[]> {
  const out: string[] = [];
  for (const el of await locator.all()) out.push((await el.getAttribute(name)) ?? '');
  return out;
}

async function numbers(locator: Locator, name: string): Promise<number[]> {
  return (await attrs(locator, name)).map(Number);
}

describe('panel ladder diagram (Chromium)', function () {
  this.timeout(20000);
  const panels = usePanels();
  let panel: PanelPage;
  beforeEach(async () => {
    panel = await panels.open();
  });

  it('says it is ready, then draws the three-way handshake with its labels', async () => {
    assert.deepEqual(await panel.posted(), [{ type: 'ready' }]);
    await panel.show(loadFixture('three-way-handshake'));
    const { page } = panel;
    assert.equal(await page.locator('#flow-title').textContent(), 'Three-way handshake');
    assert.equal(await page.locator('g.packet').count(), 3);
    assert.deepEqual(await page.locator('g.packet text.label').allTextContents(), [
      'SYN seq=x',
      'SYN,ACK seq=y ack=x+1',
      'ACK seq=x+1 ack=y+1',
    ]);
    assert.deepEqual(await attrs(page.locator('g.packet'), 'data-line'), ['12', '13', '14']);
    assert.deepEqual(await page.locator('g.lifeline text.lifeline-name').allTextContents(), ['client', 'server']);
    const meta = (await page.locator('#flow-meta').textContent()) ?? '';
    for (const fact of ['linux', 'seed 1', '30ms', '3 packets']) assert.ok(meta.includes(fact), `header shows ${fact}: ${meta}`);
  });

  it('slants every arrow downwards by the link delay, alternating direction like the textbook', async () => {
    await panel.show(loadFixture('three-way-handshake'));
    const shafts = panel.page.locator('g.packet line.shaft');
    const [x1, y1, x2, y2] = await Promise.all(['x1', 'y1', 'x2', 'y2'].map((a) => numbers(shafts, a)));
    for (let i = 0; i < 3; i++) assert.ok(y2![i]! - y1![i]! >= 20, `arrow ${i} slants down`);
    assert.ok(x2![0]! > x1![0]! && x2![1]! < x1![1]! && x2![2]! > x1![2]!, 'client → server → client → server');
    // Each reply leaves where the previous packet arrived: the zigzag.
    assert.ok(Math.abs(y1![1]! - y2![0]!) < 12 && Math.abs(y1![2]! - y2![1]!) < 12);
    const titles = await panel.page.locator('g.packet > title').allTextContents();
    assert.match(titles[0]!, /seq=1000 ack=0 len=0 win=64240/);
    assert.match(titles[0]!, /mss 1460, sackOK/);
    assert.match(titles[0]!, /sent @0s, arrived @0\.010s/);
    assert.equal(await panel.page.locator('g.packet').first().getAttribute('aria-label'), titles[0]!);
  });

  it('puts state boxes down each lifeline in time order, starting with the initial state', async () => {
    await panel.show(loadFixture('four-way-close'));
    const states = (who: string) => panel.page.locator(`g.state-box[data-endpoint="${who}"] text`).allTextContents();
    assert.deepEqual(await states('client'), [
      'CLOSED', 'SYN_SENT', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'TIME_WAIT', 'CLOSED',
    ]);
    assert.deepEqual(await states('server'), ['CLOSED', 'LISTEN', 'SYN_RCVD', 'ESTABLISHED', 'CLOSE_WAIT', 'LAST_ACK', 'CLOSED']);
    const ys = await numbers(panel.page.locator('g.state-box[data-endpoint="client"] rect'), 'y');
    assert.deepEqual([...ys].sort((a, b) => a - b), ys, 'client states go down the page');
    assert.equal(await panel.page.locator('g.state-box.initial').count(), 2);
  });

  it('shows TIME_WAIT as a 60 s bracket and a gap marker without squashing the handshake', async () => {
    await panel.show(loadFixture('four-way-close'));
    const { page } = panel;
    assert.equal(await page.locator('g.packet').count(), 7);
    assert.equal(await page.locator('g.timer[data-kind="time-wait"] text').textContent(), 'time-wait 60s');
    assert.deepEqual(await page.locator('text.gap-label').allTextContents(), ['+59.99s']);
    const gutter = await page.locator('text.gutter-time').allTextContents();
    assert.deepEqual(gutter.slice(0, 3), ['@0s', '@0.010s', '@0.020s']);
    assert.equal(gutter[gutter.length - 1], '@60.060s');
    const height = Number(await page.locator('#ladder').getAttribute('height'));
    assert.ok(height < 800, `the whole close fits on a screen (${height}px)`);
    const [y1, y2] = await Promise.all(['y1', 'y2'].map((a) => numbers(page.locator('g.packet line.shaft'), a)));
    assert.ok(y2![0]! - y1![0]! >= 20, 'the 10 ms SYN still slants visibly');
  });

  it('stops dropped packets half-way with a ✕ and dashes the retransmissions', async () => {
    await panel.show(loadFixture('syn-retransmissions'));
    const { page } = panel;
    assert.equal(await page.locator('g.packet').count(), 6);
    assert.equal(await page.locator('g.packet.dropped').count(), 3);
    assert.equal(await page.locator('g.packet.dropped path.drop-mark').count(), 3);
    assert.equal(await page.locator('g.packet:not(.dropped) path.drop-mark').count(), 0);
    assert.deepEqual(await attrs(page.locator('g.packet.retransmission'), 'data-id'), ['1', '2', '3']);
    // A dropped arrow ends half-way between the lifelines.
    const axis = await numbers(page.locator('g.lifeline line.lifeline-axis'), 'x1');
    const end = Number(await page.locator('g.packet.dropped line.shaft').first().getAttribute('x2'));
    assert.ok(Math.abs(end - (axis[0]! + axis[1]!) / 2) < 1, 'half-way');
    assert.ok((await page.locator('g.packet.dropped > title').first().textContent())?.includes('dropped'));
    // Backoff of 1, 2, 4 s: quiet stretches drawn as gaps that grow with their length.
    assert.deepEqual(await page.locator('text.gap-label').allTextContents(), ['+1s', '+2s', '+4s']);
    const heights = await numbers(page.locator('rect.gap-band'), 'height');
    assert.ok(heights[0]! < heights[1]! && heights[1]! < heights[2]!, `gaps grow: ${heights.join(', ')}`);
    const gutter = await page.locator('text.gutter-time').allTextContents();
    for (const t of ['@1s', '@3s', '@7s']) assert.ok(gutter.includes(t), `gutter shows ${t}`);
    assert.equal(await page.locator('g.timer[data-kind="syn-rto"]').count(), 4);
  });

  it('draws an ICMP error as its own kind of arrow, with type, code and the quoted segment in its tooltip', async () => {
    const source = readFileSync(join(repoRoot, 'examples', '55-icmp-unreachable.tcpflow'), 'utf8');
    await panel.show(runScript(source));
    const { page } = panel;
    assert.equal(await page.locator('g.packet.icmp').count(), 3);
    assert.deepEqual(await page.locator('g.packet.icmp text.label').allTextContents(), ['ICMP unreachable port seq=x', 'ICMP unreachable host seq=z+5000', 'ICMP unreachable host']);
    const title = (await page.locator('g.packet.icmp > title').first().textContent()) ?? '';
    assert.match(title, /ICMP error: type 3 code 3 \(port unreachable\)/);
    assert.match(title, /quotes: 10\.0\.0\.1:49152 → 10\.0\.0\.2:80 SYN/);
  });

  it('rides TLS records on the arrows as badges', async () => {
    await panel.show(loadFixture('tls13'));
    const badges = await panel.page.locator('g.packet[data-line="21"] g.tls-badge text').allTextContents();
    assert.deepEqual(badges, ['ServerHello', 'ChangeCipherSpec', 'EncryptedExtensions', 'Certificate', 'CertificateVerify', 'Finished']);
    assert.equal(await panel.page.locator('g.packet[data-line="21"] g.tls-application_data').count(), 4);
  });

  it('colours arrows that have diagnostics and lists the rest below the diagram', async () => {
    await panel.show(loadFixture('diagnostics'));
    const { page } = panel;
    assert.equal(await page.locator('g.packet.diagnostic-error').getAttribute('data-line'), '14');
    assert.equal(await page.locator('g.packet.diagnostic-warning').getAttribute('data-line'), '13');
    assert.equal(await page.locator('g.packet[data-line="12"]').getAttribute('class'), 'packet');
    const message = (await page.locator('g.packet.diagnostic-error text.diagnostic-message').textContent()) ?? '';
    assert.ok(message.startsWith('The ACK acknowledges x, but the SYN consumed one sequence number'), message);
    assert.ok(message.includes('(RFC 9293 §3.4)'));
    const tip = (await page.locator('g.packet.diagnostic-error > title').textContent()) ?? '';
    assert.ok(tip.includes('TCP-ACK-MISMATCH: The ACK acknowledges x'), 'the tooltip names the rule');
    assert.deepEqual(await attrs(page.locator('#problems li.problem'), 'data-line'), ['3', '17']);
    assert.deepEqual(await page.locator('#problems .problem-id').allTextContents(), ['UNUSED-SYMBOL', 'EXPECT-STATE']);
    assert.equal(await page.locator('#problems h2').textContent(), 'Problems not tied to a packet');
  });

  it('speaks Simplified Chinese when VS Code does', async () => {
    await panel.show(loadFixture('diagnostics'), 'zh-cn');
    const { page } = panel;
    const message = (await page.locator('g.packet.diagnostic-error text.diagnostic-message').textContent()) ?? '';
    assert.ok(message.includes('该 ACK 确认的是 x'), message);
    assert.equal(await page.locator('#problems h2').textContent(), '与具体报文无关的问题');
    assert.ok((await page.locator('#problems .problem-message').allTextContents()).includes('符号 z 已绑定但从未使用。'));
    assert.equal(await page.locator('#zoom-in').getAttribute('title'), '放大');
    assert.ok(((await page.locator('#flow-meta').textContent()) ?? '').includes('3 个报文'));
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
    await panel.show({ ...loadFixture('three-way-handshake'), packets: [] }, 'zh-hans');
    assert.equal(await page.locator('#empty').textContent(), '本次运行没有发送任何报文。');
    await panel.show({ ...loadFixture('three-way-handshake'), packets: [] }, 'en-us');
    assert.equal(await page.locator('#empty').textContent(), 'No packets were sent in this run.');
    assert.equal(await page.locator('#zoom-in').getAttribute('title'), 'Zoom in');
  });
});
