// Every example, run for real and drawn: the ladder has one arrow per packet, the state diagram
// draws every state change the engine made as an edge of its own machine, playback can reach
// the start, and Mermaid writes one arrow per packet. Catches any drift between the engine, the
// runner's trace and the panel.
import assert from 'node:assert/strict';
import { toMermaid } from '../../src/export/mermaid';
import { connectionStateGraph } from '../../src/export/state-graph';
import { openPanel, startHarness, type Harness, type PanelPage } from './harness';
import { exampleNames, realRun } from './real-traces';

describe('every example drawn in the panel (Chromium)', function () {
  this.timeout(60000);
  let h: Harness;
  let panel: PanelPage;
  const graph = connectionStateGraph();
  const edges = new Set(graph.edges.map((e) => `${e.from}>${e.to}`));
  before(async () => {
    h = await startHarness();
    panel = await openPanel(h, { width: 1100, height: 900 });
  });
  after(async () => {
    await panel?.close();
    await h?.close();
  });

  for (const name of exampleNames()) {
    it(name, async () => {
      const run = realRun(name);
      for (const s of run.states) assert.ok(edges.has(`${s.from}>${s.to}`), `${s.endpoint}: ${s.from} → ${s.to} is not an edge of the machine`);
      const mermaid = toMermaid(run);
      assert.equal(mermaid.split('\n').filter((l) => /^ {4}\S+-(-)?(>>|x)\S+: /.test(l)).length, run.packets.length);

      const previous = await panel.page.$('#ladder');
      await panel.post({ type: 'trace', uri: `file:///${name}.tcpflow`, fileName: `${name}.tcpflow`, result: run, locale: name.endsWith('zh') ? 'zh-cn' : 'en', stateGraph: graph });
      if (previous) await previous.waitForElementState('hidden');
      await panel.page.waitForSelector('#ladder[data-render-ms]', { state: 'attached' });
      assert.equal(await panel.page.locator('#ladder g.packet').count(), run.packets.length);
      assert.equal(await panel.page.locator('#ladder g.state-box:not(.initial)').count(), run.states.length);
      assert.equal(await panel.page.locator('#ladder g.tls-state').count(), (run.tlsStates ?? []).length);
      assert.equal(await panel.page.locator('#state-diagram path.sd-taken').count(), run.states.length);
      await panel.page.focus('#timeline');
      await panel.page.keyboard.press('Home');
      assert.equal(await panel.page.locator('#ladder g.packet:not(.future)').count(), 0);
      await panel.page.keyboard.press('End');
      assert.equal(await panel.page.locator('#ladder .future').count(), 0);
      assert.deepEqual(panel.problems, []);
    });
  }
});
