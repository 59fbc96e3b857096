// Screenshots of the panel in Light+ and Dark+ for people to look at (test-results/webview/),
// and a check that drawing each fixture in each theme raises no error or CSP violation.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { connectionStateGraph } from '../../src/export/state-graph';
import { loadFixture, openPanel, repoRoot, startHarness, type Harness, type Theme } from './harness';
import { realRun } from './real-traces';

const outDir = join(repoRoot, 'test-results/webview');

describe('panel screenshots (light and dark themes)', function () {
  this.timeout(30000);
  let h: Harness;
  before(async () => {
    h = await startHarness();
    mkdirSync(outDir, { recursive: true });
  });
  after(async () => h?.close());

  const shots: [string, string, { height?: number }][] = [
    ['three-way-handshake', 'en', {}],
    ['four-way-close', 'en', { height: 760 }],
    ['syn-retransmissions', 'en', { height: 720 }],
    ['tls13', 'en', {}],
    ['diagnostics', 'zh-cn', {}],
  ];
  for (const theme of ['light', 'dark'] as Theme[]) {
    for (const [name, locale, size] of shots) {
      it(`draws ${name} in the ${theme} theme`, async () => {
        const panel = await openPanel(h, { theme, width: 1000, height: size.height ?? 560 });
        await panel.show(loadFixture(name), locale);
        await panel.page.screenshot({ path: join(outDir, `${name}-${theme}.png`), fullPage: false });
        await panel.close();
        assert.deepEqual(panel.problems, []);
      });
    }
  }

  // Real runs of the examples: the ladder and the state machine tab.
  const runs: [string, Theme][] = [['05-rst-closed-port', 'light'], ['06-simultaneous-open', 'light'], ['08-syn-flood-cookies', 'dark'], ['10-tls12-rsa', 'dark']];
  for (const [name, theme] of runs) {
    it(`draws the real run of ${name} as a ladder and a state machine (${theme})`, async () => {
      const panel = await openPanel(h, { theme, width: 1000, height: 820 });
      await panel.post({ type: 'trace', uri: 'file:///flow.tcpflow', fileName: `${name}.tcpflow`, result: realRun(name), locale: 'en', stateGraph: connectionStateGraph() });
      await panel.page.waitForSelector('#ladder[data-render-ms]', { state: 'attached' });
      await panel.page.screenshot({ path: join(outDir, `run-${name}-${theme}.png`) });
      await panel.page.click('vscode-tab-header[data-tab="states"]');
      await panel.page.waitForSelector('#state-diagram', { state: 'visible' });
      await panel.page.screenshot({ path: join(outDir, `run-${name}-states-${theme}.png`) });
      await panel.close();
      assert.deepEqual(panel.problems, []);
    });
  }
});
