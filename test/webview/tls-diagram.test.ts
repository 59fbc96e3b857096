// The TLS handshake machines in the State machine tab: drawn from the engine's own xstate
// definitions (the graphs the host sends), laid out top-down like RFC 8446 Appendix A / RFC 5246,
// each endpoint's path and current state marked as on the TCP diagram, against real runs.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectionStateGraph, handshakeStateGraph, tlsStateGraphs } from '../../src/export/state-graph';
import { HANDSHAKE_MACHINES } from '../../src/engine/tls/handshake-machines';
import type { RunResult } from '../../src/runner/trace';
import { repoRoot, type PanelPage, type PanelWindow, usePanels } from './harness';
import { realRun } from './real-traces';

const shots = join(repoRoot, 'test-results/webview');

async function showStates(panel: PanelPage, result: RunResult, locale = 'en'): Promise<void> {
  await panel.post({
    type: 'trace', uri: 'file:///flow.tcpflow', fileName: 'flow.tcpflow', result, locale,
    stateGraph: connectionStateGraph(), tlsGraphs: tlsStateGraphs(result),
  });
  await panel.page.waitForSelector('#ladder[data-render-ms]', { state: 'attached' });
  await panel.page.click('vscode-tab-header[data-tab="states"]');
  await panel.page.waitForSelector('#state-diagram', { state: 'visible' });
}

/** The data of the panel's latest export of `format` (the host would save it). */
async function exported(panel: PanelPage, format: string): Promise<string> {
  const handle = await panel.page.waitForFunction((f) => {
    const all = (globalThis as unknown as PanelWindow).__posted.filter((p) => p.type === 'export' && p.format === f);
    const m = all[all.length - 1];
    return m && m.type === 'export' ? m.data : undefined;
  }, format);
  return (await handle.jsonValue()) ?? '';
}

describe('handshake state graphs from the engine machines', () => {
  it('has every state of each machine and its edges, close and fatal alert from every state that is not final', () => {
    for (const id of Object.keys(HANDSHAKE_MACHINES)) {
      const graph = handshakeStateGraph(id)!;
      assert.equal(graph.initial, 'START', id);
      assert.ok(graph.states.includes('ESTABLISHED') && graph.states.includes('CLOSED') && graph.states.includes('FAILED'), id);
      for (const state of graph.states.filter((s) => s !== 'CLOSED' && s !== 'FAILED')) {
        assert.ok(graph.edges.some((e) => e.from === state && e.event === 'CLOSE' && e.to === 'CLOSED'), `${id} ${state} CLOSE`);
        assert.ok(graph.edges.some((e) => e.from === state && e.event === 'FATAL_ALERT' && e.to === 'FAILED'), `${id} ${state} FATAL_ALERT`);
      }
    }
    const tls12 = handshakeStateGraph('tls12-client')!;
    assert.ok(tls12.edges.some((e) => e.from === 'WAIT_CERTIFICATE' && e.to === 'WAIT_SERVER_HELLO_DONE' && e.event === 'RCV_CERTIFICATE'), 'RSA skips ServerKeyExchange');
    assert.ok(tls12.edges.some((e) => e.from === 'WAIT_CERTIFICATE' && e.to === 'WAIT_SERVER_KEY_EXCHANGE'));
    assert.equal(handshakeStateGraph('no-such-machine'), undefined);
    assert.deepEqual(Object.keys(tlsStateGraphs(realRun('11-tls13'))), ['tls13-client', 'tls13-server']);
    assert.deepEqual(Object.keys(tlsStateGraphs(realRun('04-four-way-close'))), []);
  });
});

describe('panel TLS handshake diagrams (Chromium)', function () {
  this.timeout(30000);
  const panels = usePanels();
  let panel: PanelPage;
  before(() => mkdirSync(shots, { recursive: true }));

  it('draws the TLS 1.3 client and server machines below the TCP diagram, top-down, each endpoint\'s path in its colour', async () => {
    panel = await panels.open({ width: 1400, height: 1000 });
    const run = realRun('11-tls13');
    await showStates(panel, run);
    const { page } = panel;
    const machines = await page.locator('#state-view svg.tls-diagram').evaluateAll((els) => els.map((e) => e.getAttribute('data-machine')));
    assert.deepEqual(machines, ['tls13-client', 'tls13-server']);
    const client = page.locator('svg.tls-diagram[data-machine="tls13-client"]');
    assert.equal(await client.locator('text.sd-caption').textContent(), 'TLS 1.3 client handshake state machine (RFC 8446 Appendix A)');
    assert.match((await client.getAttribute('aria-label')) ?? '', /^TLS 1\.3 client handshake state machine/);
    // Every state of the engine's machine, top-down in handshake order.
    const graph = handshakeStateGraph('tls13-client')!;
    const names = await client.locator('g.sd-state').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
    assert.deepEqual([...names].sort(), [...graph.states].sort());
    const y = async (state: string): Promise<number> => {
      const b = await client.locator(`g.sd-state[data-state="${state}"] rect`).boundingBox();
      assert.ok(b, state);
      return b.y;
    };
    const order = ['START', 'WAIT_SERVER_HELLO', 'WAIT_ENCRYPTED_EXTENSIONS', 'WAIT_CERTIFICATE', 'WAIT_CERTIFICATE_VERIFY', 'WAIT_FINISHED', 'ESTABLISHED'];
    const ys = await Promise.all(order.map(y));
    for (let i = 1; i < ys.length; i++) assert.ok(ys[i]! > ys[i - 1]!, `${order[i]} below ${order[i - 1]}`);
    // Below the TCP diagram.
    const tcp = await page.locator('#state-diagram').boundingBox();
    const tls = await client.boundingBox();
    assert.ok(tcp && tls && tls.y >= tcp.y + tcp.height - 1);
    // The loops ESTABLISHED takes (NewSessionTicket, KeyUpdate) are there, labelled by event.
    const labels = await client.locator('g.sd-edge text.sd-label').allTextContents();
    assert.ok(labels.includes('RCV_ENCRYPTED_EXTENSIONS'), labels.join(' | '));
    assert.ok(labels.some((l) => l.split(' / ').includes('RCV_KEY_UPDATE')), labels.join(' | '));
    // Close and fatal-alert edges are not drawn when nobody took them.
    assert.equal(await client.locator('g.sd-edge[data-to="FAILED"], g.sd-edge[data-to="CLOSED"]').count(), 0);

    // The client's path: exactly its recorded moves, in its colour (the TCP diagram's colour for it).
    const taken = await client.locator('path.sd-taken[data-endpoint="client"]').evaluateAll((els) =>
      els.map((e) => `${e.getAttribute('data-from')}>${e.getAttribute('data-to')}`));
    assert.deepEqual(taken, run.tlsStates.filter((s) => s.endpoint === 'client').map((s) => `${s.from}>${s.to}`));
    assert.equal(await client.locator('path.sd-taken[data-endpoint="server"]').count(), 0);
    const stroke = (sel: string): Promise<string> => page.locator(sel).first().evaluate((e) =>
      (globalThis as unknown as { getComputedStyle(e: unknown): { stroke: string } }).getComputedStyle(e).stroke);
    assert.equal(await stroke('svg.tls-diagram path.sd-taken[data-endpoint="client"]'), await stroke('#state-diagram path.sd-taken[data-endpoint="client"]'));
    assert.notEqual(await stroke('svg.tls-diagram path.sd-taken[data-endpoint="server"]'), await stroke('svg.tls-diagram path.sd-taken[data-endpoint="client"]'));
    // At the end both handshakes are ESTABLISHED.
    const current = await page.locator('svg.tls-diagram g.sd-current').evaluateAll((els) =>
      els.map((e) => `${e.closest('svg')?.getAttribute('data-machine')}:${e.getAttribute('data-endpoint')}=${e.getAttribute('data-state')}`));
    assert.deepEqual(current, ['tls13-client:client=ESTABLISHED', 'tls13-server:server=ESTABLISHED']);
    assert.equal(await client.locator('g.sd-state.current').getAttribute('data-state'), 'ESTABLISHED');
    await page.locator('.tls-diagrams').screenshot({ path: join(shots, 'state-diagram-tls13.png') });
  });

  it('lays TLS 1.2 with RSA like RFC 5246: ServerKeyExchange aside, the RSA edge skipping it, the client\'s path through it not taken', async () => {
    panel = await panels.open({ width: 1400, height: 1100, theme: 'dark' });
    const run = realRun('10-tls12-rsa');
    await showStates(panel, run);
    const client = panel.page.locator('svg.tls-diagram[data-machine="tls12-client"]');
    const box = async (state: string): Promise<{ x: number; y: number }> => {
      const b = await client.locator(`g.sd-state[data-state="${state}"] rect`).boundingBox();
      assert.ok(b, state);
      return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
    };
    const [cert, ske, done] = await Promise.all(['WAIT_CERTIFICATE', 'WAIT_SERVER_KEY_EXCHANGE', 'WAIT_SERVER_HELLO_DONE'].map(box));
    assert.ok(cert!.y < ske!.y && ske!.y < done!.y, 'ServerKeyExchange between Certificate and ServerHelloDone');
    assert.ok(Math.abs(cert!.x - done!.x) < 1 && ske!.x > cert!.x + 100, 'the optional step stands aside');
    const taken = await client.locator('path.sd-taken').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-from')}>${e.getAttribute('data-to')}`));
    assert.ok(taken.includes('WAIT_CERTIFICATE>WAIT_SERVER_HELLO_DONE'), taken.join(' '));
    assert.ok(!taken.includes('WAIT_CERTIFICATE>WAIT_SERVER_KEY_EXCHANGE'));
    assert.equal(await client.locator('circle.sd-visited[data-state="WAIT_SERVER_KEY_EXCHANGE"]').count(), 0);
    assert.equal(await client.locator('text.sd-caption').textContent(), 'TLS 1.2 client handshake state machine (RFC 5246 §7.3)');
    await panel.page.locator('.tls-diagrams').screenshot({ path: join(shots, 'state-diagram-tls12-rsa-dark.png') });
  });

  it('marks each endpoint\'s TLS state at the playback step', async () => {
    panel = await panels.open({ width: 1400, height: 1000 });
    const run = realRun('11-tls13');
    await showStates(panel, run);
    const { page } = panel;
    const serverHello = run.tlsStates.find((s) => s.endpoint === 'client' && s.to === 'WAIT_ENCRYPTED_EXTENSIONS')!;
    // Step to just before the client read the server's flight.
    const step = [...run.packets, ...run.states, ...run.tlsStates].filter((e) => e.order < serverHello.order).length;
    await page.locator('#timeline').fill(String(step));
    const tag = (machine: string, endpoint: string): Promise<string | null> =>
      page.locator(`svg.tls-diagram[data-machine="${machine}"] g.sd-current[data-endpoint="${endpoint}"]`).getAttribute('data-state');
    assert.equal(await tag('tls13-client', 'client'), 'WAIT_SERVER_HELLO');
    assert.equal(await tag('tls13-server', 'server'), 'WAIT_FINISHED');
    assert.equal(await page.locator('svg.tls-diagram[data-machine="tls13-client"] g.sd-state.current').getAttribute('data-state'), 'WAIT_SERVER_HELLO');
    assert.equal(await page.locator('svg.tls-diagram[data-machine="tls13-client"] path.sd-taken[data-to="ESTABLISHED"].future').count(), 1);
    assert.equal(await page.locator('svg.tls-diagram[data-machine="tls13-client"] path.sd-taken[data-to="WAIT_SERVER_HELLO"].future').count(), 0);
  });

  it('speaks Chinese in the TLS captions and the legend note', async () => {
    panel = await panels.open({ width: 1400, height: 1000 });
    await showStates(panel, realRun('11-tls13'), 'zh-cn');
    assert.equal(await panel.page.locator('svg.tls-diagram[data-machine="tls13-server"] text.sd-caption').textContent(), 'TLS 1.3 服务器握手状态机（RFC 8446 附录 A）');
    assert.match((await panel.page.locator('#state-legend .legend-note').textContent()) ?? '', /close_notify 和致命告警/);
  });

  it('draws no TLS diagram for a run without TLS', async () => {
    panel = await panels.open();
    await showStates(panel, realRun('04-four-way-close'));
    assert.equal(await panel.page.locator('svg.tls-diagram').count(), 0);
    assert.doesNotMatch((await panel.page.locator('#state-legend .legend-note').textContent()) ?? '', /TLS/);
  });

  it('exports the ladder of a TLS run with its TLS boxes, and the State machine tab as one SVG/PNG with the TLS machines', async () => {
    panel = await panels.open({ width: 1400, height: 1000 });
    const run = realRun('11-tls13');
    await showStates(panel, run);
    const { page } = panel;
    // Mid-playback: the export still shows the whole run.
    await page.locator('#timeline').fill('3');
    await page.click('#export-svg');
    const svg = await exported(panel, 'svg');
    writeFileSync(join(shots, 'export-states-tls13.svg'), svg);
    assert.match(svg, /^<\?xml[^>]*>\n<svg[^>]* xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.match(svg, /<svg[^>]*class="state-export"/);
    assert.doesNotMatch(svg, /var\(--|tabindex=|<(script|foreignObject)[\s>]/);
    for (const machine of ['tls13-client', 'tls13-server']) assert.ok(svg.includes(`data-machine="${machine}"`), machine);
    assert.ok(svg.includes('TLS 1.3 client handshake state machine (RFC 8446 Appendix A)'));
    assert.equal((svg.match(/class="sd-taken /g) ?? []).length, run.states.length + run.tlsStates.length);
    assert.equal((svg.match(/class="sd-taken [^"]*future/g) ?? []).length, 0, 'not dimmed by playback');
    // Outside VS Code it keeps the theme's colours: the client's TLS path in the client's blue.
    const bare = await panels.newBarePage();
    await bare.setContent(`<!DOCTYPE html><body style="margin:0">${svg.replace(/^<\?xml[^>]*>/, '')}</body>`);
    const stroke = await bare.evaluate(() => {
      const d = (globalThis as unknown as { document: { querySelector(s: string): unknown } }).document;
      const gcs = (globalThis as unknown as { getComputedStyle(e: unknown): { stroke: string } }).getComputedStyle;
      return gcs(d.querySelector('g[data-machine="tls13-client"] path.sd-taken[data-endpoint="client"]')).stroke;
    });
    await bare.screenshot({ path: join(shots, 'export-states-tls13-bare.png'), fullPage: true });
    await bare.close();
    assert.equal(stroke, 'rgb(26, 133, 255)');

    await page.click('#export-png');
    const png = await exported(panel, 'png');
    const bytes = Buffer.from(png.slice(png.indexOf(',') + 1), 'base64');
    assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG');
    const vb = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg)!;
    assert.equal(bytes.readUInt32BE(16), Math.round(Number(vb[1]) * 2));
    assert.equal(bytes.readUInt32BE(20), Math.round(Number(vb[2]) * 2));
    assert.ok(Number(vb[2]) > Number(await page.locator('#state-diagram').evaluate((e) => (e as unknown as { viewBox: { baseVal: { height: number } } }).viewBox.baseVal.height)), 'taller than the TCP diagram alone');

    // Back on the ladder tab, SVG is the ladder again, with a padlocked box per TLS state change.
    await page.click('vscode-tab-header[data-tab="ladder"]');
    await page.click('#export-svg');
    await page.waitForFunction(() => (globalThis as unknown as PanelWindow).__posted.filter((p) => p.type === 'export' && p.format === 'svg').length === 2);
    const ladder = await exported(panel, 'svg');
    assert.match(ladder, /<svg[^>]*id="ladder"/);
    assert.equal((ladder.match(/class="tls-state[ "]/g) ?? []).length, run.tlsStates.length);
    assert.equal((ladder.match(/class="tls-lock"/g) ?? []).length, run.tlsStates.length);
    assert.doesNotMatch(ladder, /class="state-export"/);
  });
});
