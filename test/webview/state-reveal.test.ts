// The state diagrams lead back to the script: a click on (or Enter on) an edge or a state the run
// took asks the host to reveal the line of the step that took it, on the TCP diagram and on the
// TLS handshake diagrams alike; what the run never took reveals nothing.
import assert from 'node:assert/strict';
import { connectionStateGraph, tlsStateGraphs } from '../../src/export/state-graph';
import type { RunResult } from '../../src/runner/trace';
import { type PanelPage, usePanels } from './harness';
import { realRun } from './real-traces';

async function showStates(panel: PanelPage, result: RunResult): Promise<void> {
  await panel.post({
    type: 'trace', uri: 'file:///flow.tcpflow', fileName: 'flow.tcpflow', result, locale: 'en',
    stateGraph: connectionStateGraph(), tlsGraphs: tlsStateGraphs(result),
  });
  await panel.page.waitForSelector('#ladder[data-render-ms]', { state: 'attached' });
  await panel.page.click('vscode-tab-header[data-tab="states"]');
  await panel.page.waitForSelector('#state-diagram', { state: 'visible' });
}

async function reveals(panel: PanelPage): Promise<number[]> {
  return (await panel.posted()).flatMap((m) => (m.type === 'revealLine' ? [m.line] : []));
}

describe('state diagrams reveal script lines (Chromium)', function () {
  this.timeout(30000);
  const panels = usePanels();
  let panel: PanelPage;

  it('a click on an endpoint\'s taken TCP edge reveals the line of that step; on an edge or state never taken, nothing', async () => {
    panel = await panels.open({ width: 1100, height: 900 });
    const run = realRun('04-four-way-close');
    await showStates(panel, run);
    const move = run.states.find((s) => s.endpoint === 'client' && s.from === 'FIN_WAIT_2' && s.to === 'TIME_WAIT')!;
    await panel.page.locator('#state-diagram path.sd-taken[data-endpoint="client"][data-from="FIN_WAIT_2"][data-to="TIME_WAIT"]').click();
    assert.deepEqual(await reveals(panel), [move.line]);
    await panel.page.locator('#state-diagram g.sd-state:not(.ghost)[data-state="CLOSING"]').click();
    await panel.page.locator('#state-diagram g.sd-edge[data-from="SYN_SENT"][data-to="SYN_RCVD"] text.sd-label').click();
    assert.deepEqual(await reveals(panel), [move.line], 'CLOSING and simultaneous open were never taken');
    // A state box: the first step that entered it (the client's ESTABLISHED comes before the server's).
    await panel.page.locator('#state-diagram g.sd-state[data-state="ESTABLISHED"]').click();
    const established = run.states.find((s) => s.to === 'ESTABLISHED')!;
    assert.deepEqual(await reveals(panel), [move.line, established.line]);
  });

  it('Enter on the focused edge or state reveals its line, and the arrow keys walk them in run order', async () => {
    panel = await panels.open({ width: 1100, height: 900 });
    const run = realRun('04-four-way-close');
    await showStates(panel, run);
    const { page } = panel;
    const stops = page.locator('#state-diagram [tabindex="0"]');
    assert.equal(await stops.count(), 1, 'one tab stop');
    await stops.focus();
    await page.keyboard.press('Enter');
    const first = run.states[0]!;
    assert.deepEqual(await reveals(panel), [first.line]);
    const focused = (): Promise<string> => page.evaluate(() => {
      const el = (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }).document.activeElement;
      return `${el?.getAttribute('class') ?? ''} ${el?.getAttribute('data-line') ?? ''}`;
    });
    assert.match(await focused(), new RegExp(`sd-edge .*taken revealable ${first.line}$`));
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    // The next stop in run order is the state that first step entered, same line; then the client's first move.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    const second = run.states[1]!;
    assert.deepEqual(await reveals(panel), [first.line, first.line, second.line]);
    assert.match((await page.locator('#state-diagram [tabindex="0"]').getAttribute('aria-label')) ?? '', new RegExp(`\\(line ${second.line}\\)`));
  });

  it('a TLS handshake edge or state reveals the line where that handshake step happened', async () => {
    panel = await panels.open({ width: 1400, height: 1000 });
    const run = realRun('11-tls13');
    await showStates(panel, run);
    const { page } = panel;
    const clientEst = run.tlsStates.find((s) => s.endpoint === 'client' && s.to === 'ESTABLISHED')!;
    const serverEst = run.tlsStates.find((s) => s.endpoint === 'server' && s.to === 'ESTABLISHED')!;
    assert.notEqual(clientEst.line, serverEst.line);
    await page.locator('svg.tls-diagram[data-machine="tls13-client"] g.sd-state[data-state="ESTABLISHED"]').click();
    // A vertical stroke has a zero-width box, which Playwright calls invisible: click its middle anyway.
    await page.locator('svg.tls-diagram[data-machine="tls13-server"] path.sd-taken[data-to="ESTABLISHED"]').click({ force: true });
    assert.deepEqual(await reveals(panel), [clientEst.line, serverEst.line]);
    const hello = run.tlsStates.find((s) => s.endpoint === 'server' && s.from === 'START')!;
    const edge = page.locator('svg.tls-diagram[data-machine="tls13-server"] g.sd-edge[data-from="START"][data-to="WAIT_FINISHED"]');
    assert.equal(await edge.getAttribute('data-line'), String(hello.line));
    await edge.focus();
    await page.keyboard.press('Enter');
    assert.deepEqual(await reveals(panel), [clientEst.line, serverEst.line, hello.line]);
    assert.equal(await edge.getAttribute('role'), 'button');
    assert.match((await edge.getAttribute('aria-label')) ?? '', /^START → WAIT_FINISHED: server \(line \d+\)/);
  });
});
