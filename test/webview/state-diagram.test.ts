// The state machine tab: the RFC 9293 diagram drawn from the engine's own xstate machine, with
// each endpoint's path over it, against real runs of the examples.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { connectionEdges } from '../../src/engine/tcp/connection-machine';
import { connectionStateGraph } from '../../src/export/state-graph';
import type { RunResult } from '../../src/runner/trace';
import { loadFixture, repoRoot, type PanelPage, usePanels } from './harness';
import { realRun } from './real-traces';

const graph = connectionStateGraph();
const shots = join(repoRoot, 'test-results/webview');

async function showStates(panel: PanelPage, result: RunResult, locale = 'en'): Promise<void> {
  const previous = await panel.page.$('#ladder');
  await panel.post({ type: 'trace', uri: 'file:///flow.tcpflow', fileName: 'flow.tcpflow', result, locale, stateGraph: graph });
  if (previous) await previous.waitForElementState('hidden');
  await panel.page.waitForSelector('#ladder[data-render-ms]', { state: 'attached' });
  await panel.page.click('vscode-tab-header[data-tab="states"]');
  await panel.page.waitForSelector('#state-diagram', { state: 'visible' });
}

describe('state graph from the engine machine', () => {
  it('has the eleven RFC 9293 states and exactly the machine\'s edges', () => {
    assert.deepEqual([...graph.states].sort(), ['CLOSED', 'CLOSE_WAIT', 'CLOSING', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'LAST_ACK',
      'LISTEN', 'SYN_RCVD', 'SYN_SENT', 'TIME_WAIT']);
    assert.equal(graph.initial, 'CLOSED');
    const fromConfig = connectionEdges().map(([from, event, to]) => `${from} -${event}-> ${to}`).sort();
    assert.deepEqual(graph.edges.map((e) => `${e.from} -${e.event}-> ${e.to}`).sort(), fromConfig);
    assert.ok(graph.edges.some((e) => e.from === 'FIN_WAIT_2' && e.event === 'RCV_FIN' && e.to === 'TIME_WAIT'));
  });
});

describe('panel state diagram (Chromium)', function () {
  this.timeout(30000);
  const panels = usePanels();
  let panel: PanelPage;
  before(() => mkdirSync(shots, { recursive: true }));

  it('lays the states out like RFC 9293 Figure 5 with every edge labelled by its event', async () => {
    panel = await panels.open({ width: 1100, height: 900 });
    await showStates(panel, realRun('04-four-way-close'));
    const box = async (state: string): Promise<{ x: number; y: number }> => {
      const b = await panel.page.locator(`#state-diagram g.sd-state:not(.ghost)[data-state="${state}"] rect`).boundingBox();
      assert.ok(b, state);
      return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
    };
    const [closed, listen, synRcvd, synSent, estab, fw1, fw2, closeWait, lastAck, closing, timeWait] = await Promise.all(
      ['CLOSED', 'LISTEN', 'SYN_RCVD', 'SYN_SENT', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSE_WAIT', 'LAST_ACK', 'CLOSING', 'TIME_WAIT'].map(box),
    );
    assert.ok(closed!.y < listen!.y && listen!.y < synRcvd!.y && synRcvd!.y < estab!.y, 'CLOSED, LISTEN, SYN_*, ESTABLISHED top to bottom');
    assert.ok(Math.abs(synRcvd!.y - synSent!.y) < 1 && synRcvd!.x < estab!.x && estab!.x < synSent!.x, 'SYN_RCVD left, SYN_SENT right');
    assert.ok(fw1!.x < estab!.x && fw2!.x < estab!.x && fw1!.y < fw2!.y, 'active close down the left');
    assert.ok(closeWait!.x > estab!.x && lastAck!.x > estab!.x && closeWait!.y < lastAck!.y, 'passive close down the right');
    assert.ok(fw1!.x < closing!.x && closing!.x < closeWait!.x && timeWait!.y > closing!.y, 'CLOSING between, TIME_WAIT below');
    const labels = await panel.page.locator('#state-diagram g.sd-edge text.sd-label').allTextContents();
    for (const event of ['PASSIVE_OPEN', 'ACTIVE_OPEN', 'RCV_SYN', 'RCV_SYN_ACK', 'RCV_ACK_OF_SYN', 'RCV_FIN', 'TIMEOUT_2MSL', 'RCV_ACK_OF_FIN']) {
      assert.ok(labels.some((l) => l.split(' / ').includes(event)), event);
    }
    await panel.page.screenshot({ path: join(shots, 'state-diagram-four-way-close.png'), fullPage: true });
  });

  it('highlights each endpoint\'s path in its own colour, with a legend', async () => {
    panel = await panels.open({ width: 1100, height: 900, theme: 'dark' });
    const run = realRun('04-four-way-close');
    await showStates(panel, run);
    const legend = await panel.page.locator('#state-legend .legend-name').allTextContents();
    assert.deepEqual(legend, ['client', 'server']);
    const taken = async (endpoint: string): Promise<string[]> =>
      panel.page.locator(`#state-diagram path.sd-taken[data-endpoint="${endpoint}"]`).evaluateAll((els) =>
        els.map((e) => `${e.getAttribute('data-from')}>${e.getAttribute('data-to')}`));
    const client = await taken('client');
    const expected = run.states.filter((s) => s.endpoint === 'client').map((s) => `${s.from}>${s.to}`);
    assert.deepEqual(client, expected);
    assert.ok(client.includes('FIN_WAIT_2>TIME_WAIT') && client.includes('TIME_WAIT>CLOSED'), client.join(' '));
    assert.ok((await taken('server')).includes('CLOSE_WAIT>LAST_ACK'));
    const stroke = (endpoint: string): Promise<string> =>
      panel.page.locator(`path.sd-taken[data-endpoint="${endpoint}"]`).first().evaluate((e) =>
        (globalThis as unknown as { getComputedStyle(e: unknown): { stroke: string } }).getComputedStyle(e).stroke);
    const colours = [await stroke('client'), await stroke('server')];
    assert.notEqual(colours[0], colours[1]);
    // At the end of the run, both endpoints are shown in CLOSED.
    const current = await panel.page.locator('#state-diagram g.sd-current').evaluateAll((els) =>
      els.map((e) => `${e.getAttribute('data-endpoint')}=${e.getAttribute('data-state')}`));
    assert.deepEqual(current.sort(), ['client=CLOSED', 'server=CLOSED']);
    // Both closed from the lower half (TIME_WAIT, LAST_ACK): they are in Figure 5's second CLOSED.
    assert.equal(await panel.page.locator('#state-diagram g.sd-state.ghost.current').count(), 1);
    assert.equal(await panel.page.locator('#state-diagram g.sd-state:not(.ghost).current').count(), 0);
    await panel.page.screenshot({ path: join(shots, 'state-diagram-four-way-close-dark.png'), fullPage: true });
  });

  it('speaks Chinese on the tab and legend', async () => {
    panel = await panels.open();
    await showStates(panel, realRun('01-three-way-handshake'), 'zh-cn');
    assert.equal(await panel.page.locator('vscode-tab-header[data-tab="states"]').textContent(), '状态机');
    assert.equal(await panel.page.locator('#state-legend .legend-title').textContent(), '端点：');
    assert.match((await panel.page.locator('#timeline-label').textContent()) ?? '', /^全部事件/);
    assert.equal(await panel.page.locator('#timeline').getAttribute('aria-label'), '时间轴：逐个事件回放本次运行');
    assert.equal(await panel.page.locator('#export-mermaid').getAttribute('title'), '复制为 Mermaid 时序图');
  });
});

describe('panel state diagram with hostile names (Chromium)', function () {
  this.timeout(30000);
  const panels = usePanels();
  it('shows hostile endpoint names in the legend and tags as text only', async () => {
    const panel = await panels.open();
    const hostile = loadFixture('hostile');
    await showStates(panel, hostile);
    const names = await panel.page.locator('#state-legend .legend-name').allTextContents();
    for (const e of hostile.endpoints) assert.ok(names.includes(e.name), e.name);
    assert.equal(await panel.page.locator('#state-view img, #state-view script, #state-view style, #state-view a').count(), 0);
    assert.equal(await panel.page.evaluate(() => (globalThis as unknown as { __pwned?: unknown }).__pwned), undefined);
  });
});
