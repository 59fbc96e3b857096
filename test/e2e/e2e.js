// The end-to-end checks, in a real VS Code (code-server) driven by Chromium: what a user sees
// when they open a .tcpflow file with a handshake mistake and press "▶ Run flow".
// Usage (from run.sh): node test/e2e/e2e.js <baseUrl> <workspaceDir> <outDir>
// Env: SERVER_T0_MS / RUN_T0_MS (epoch ms when code-server / the whole run started), CHROMIUM.
'use strict';
const { chromium } = require('playwright-core');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const BASE = process.argv[2] || 'http://127.0.0.1:8080';
const WS = process.argv[3] || './workspace';
const OUT = process.argv[4] || '.';
const FILE = 'handshake-mistake.tcpflow';
const RULE = 'TCP-SYN-CONSUMES-SEQ';
const BAD_TOKEN = 'ack=x+2';
const T_SERVER = process.env.SERVER_T0_MS ? Number(process.env.SERVER_T0_MS) : null;
const T_RUN = process.env.RUN_T0_MS ? Number(process.env.RUN_T0_MS) : null;

const t0 = Date.now();
const times = {};
const mark = (k) => { times[k] = (Date.now() - t0) / 1000; console.log(`[${times[k].toFixed(2)}s] ${k}`); };
const results = {};
function check(name, ok, detail) {
  results[name] = { ok: !!ok, detail: detail === undefined ? null : detail };
  console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? ' — ' + detail : ''}`);
}
const shot = (page, name) => page.screenshot({ path: path.join(OUT, name) }).catch(() => {});
const settle = (ms) => new Promise((r) => setTimeout(r, ms));

/** Screen rectangle of the text `needle` in the editor's rendered lines (Monaco renders spaces as U+00A0). */
function textRect(page, needle) {
  return page.evaluate((needle) => {
    for (const line of document.querySelectorAll('.monaco-editor .view-lines .view-line')) {
      const text = (line.textContent || '').replace(/\u00a0/g, ' ');
      const at = text.indexOf(needle);
      if (at < 0) continue;
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      let offset = 0; let started = false; let node;
      while ((node = walker.nextNode())) {
        const len = node.textContent.length;
        if (!started && at < offset + len) { range.setStart(node, at - offset); started = true; }
        if (started && at + needle.length <= offset + len) { range.setEnd(node, at + needle.length - offset); break; }
        offset += len;
      }
      const r = range.getBoundingClientRect();
      const l = line.getBoundingClientRect();
      return { left: r.left, right: r.right, top: l.top, bottom: l.bottom };
    }
    return null;
  }, needle);
}

(async () => {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpflow-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1500, height: 900 },
  });
  const page = context.pages()[0] || (await context.newPage());
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push('pageerror: ' + e.message));
  // The browser may only talk to the local server.
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (/^(https?|wss?):\/\/(127\.0\.0\.1|localhost)(:|\/)/.test(u) || u.startsWith('data:') || u.startsWith('blob:')) return route.continue();
    return route.abort();
  });
  mark('browser launched');

  try {
    await page.goto(`${BASE}/?folder=${encodeURIComponent(WS)}`, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60000 });
    mark('workbench ready');
    await shot(page, '01-workbench.png');

    // Open the script as a user would: Quick Open, type the name, Enter.
    await page.locator('.monaco-workbench').click({ position: { x: 700, y: 450 } }).catch(() => {});
    await page.keyboard.press('Control+P');
    await page.waitForSelector('.quick-input-widget:not([style*="display: none"]) input', { timeout: 15000 });
    await page.keyboard.type(FILE);
    await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${FILE}"]`, { timeout: 15000 });
    await page.keyboard.press('Enter');
    await page.waitForSelector(`.tabs-container .tab[aria-label*="${FILE}"]`, { timeout: 15000 });
    await page.waitForSelector('.monaco-editor .view-lines .view-line', { timeout: 15000 });
    mark('editor opened');

    // Language mode in the status bar.
    const modeItem = page.locator('.statusbar-item[id="status.editor.mode"]');
    await page.waitForFunction(() => /TCP Flow/.test(document.querySelector('.statusbar-item[id="status.editor.mode"]')?.textContent || ''), null, { timeout: 15000 }).catch(() => {});
    const mode = await modeItem.innerText().catch(() => '');
    check('language mode', /TCP Flow/.test(mode), `status bar: ${JSON.stringify(mode)}`);

    // Highlighting: a keyword gets a different token class from a plain name.
    await settle(1000); // let the TextMate grammar tokenize
    const tokens = await page.$$eval('.monaco-editor .view-line span span', (els) => els.map((e) => [e.textContent.replace(/\u00a0/g, ' ').trim(), e.className]));
    const keyword = tokens.find(([t]) => t === 'endpoint') || tokens.find(([t]) => t === 'flow');
    const plain = tokens.find(([t]) => t === 'client');
    check('highlighting', keyword && plain && keyword[1] !== plain[1], `keyword ${keyword && keyword[0]}=${keyword && keyword[1]}, name client=${plain && plain[1]}`);

    // Diagnostics: a red squiggle exactly under `ack=x+2`.
    const squiggleSeen = await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: 30000 }).then(() => true, () => false);
    if (squiggleSeen) mark('first diagnostic squiggle');
    const token = await textRect(page, BAD_TOKEN);
    const squiggles = await page.$$eval('.monaco-editor .squiggly-error', (els) => els.map((e) => { const r = e.getBoundingClientRect(); return { left: r.left, right: r.right, top: r.top, bottom: r.bottom }; }));
    const onToken = token && squiggles.find((s) => s.top >= token.top - 2 && s.bottom <= token.bottom + 2 && s.left >= token.left - 2 && s.right <= token.right + 2 && s.right - s.left > 4);
    check('squiggle on ack=x+2', !!onToken,
      `token x ${token ? `${token.left.toFixed(0)}–${token.right.toFixed(0)}` : 'not found'}; squiggles x ${squiggles.map((s) => `${s.left.toFixed(0)}–${s.right.toFixed(0)}`).join(', ') || 'none'}`);
    await shot(page, '02-squiggle.png');

    // Hover on the squiggle shows the message.
    if (onToken) {
      await page.mouse.move((onToken.left + onToken.right) / 2, (onToken.top + onToken.bottom) / 2 - 4);
      const hover = page.locator('.monaco-hover', { hasText: RULE });
      const hoverOk = await hover.first().waitFor({ timeout: 10000 }).then(() => true, () => false);
      const hoverText = hoverOk ? (await hover.first().innerText()).replace(/\s+/g, ' ') : '';
      check('hover message', hoverOk && /RFC 9293/.test(hoverText), hoverText.slice(0, 200) || 'no hover with ' + RULE);
      await shot(page, '03-hover.png');
      await page.keyboard.press('Escape');
    } else {
      check('hover message', false, 'no squiggle on the token to hover');
    }

    // Problems panel.
    await page.keyboard.press('Control+Shift+M');
    const problemRow = page.locator('.markers-panel .monaco-list-row', { hasText: RULE });
    const problemOk = await problemRow.first().waitFor({ timeout: squiggleSeen ? 15000 : 3000 }).then(() => true, () => false);
    check('problems panel', problemOk, problemOk ? (await problemRow.first().innerText()).replace(/\s+/g, ' ') : `no row with ${RULE}`);
    await shot(page, '04-problems.png');
    await page.keyboard.press('Control+Shift+M'); // toggle the panel closed again
    await page.locator('.monaco-editor .view-lines').first().click({ position: { x: 5, y: 5 } }).catch(() => {});

    // CodeLens "▶ Run flow" → the ladder panel.
    const lens = page.locator('.monaco-editor .codelens-decoration a', { hasText: 'Run flow' });
    const lensOk = await lens.first().waitFor({ timeout: 15000 }).then(() => true, () => false);
    check('codelens', lensOk, lensOk ? JSON.stringify(await lens.first().innerText()) : 'no "Run flow" CodeLens');
    if (lensOk) {
      await lens.first().click();
      mark('codelens clicked');
      const tabOk = await page.waitForSelector(`.tabs-container .tab[aria-label*="Flow: ${FILE}"]`, { timeout: 30000 }).then(() => true, () => false);
      const frameOk = await page.waitForSelector('iframe.webview', { timeout: 30000, state: 'attached' }).then(() => true, () => false);
      check('panel opens', tabOk && frameOk, `tab "Flow: ${FILE}": ${tabOk}, webview iframe: ${frameOk}`);
      const inner = page.frameLocator('iframe.webview').frameLocator('#active-frame');
      const ladder = inner.locator('svg#ladder');
      const ladderOk = await ladder.first().waitFor({ timeout: 30000, state: 'attached' }).then(() => true, () => false);
      if (ladderOk) mark('ladder drawn');
      check('ladder svg', ladderOk);
      // The packets arrive with the run's trace, a moment after the svg.
      await inner.locator('svg#ladder g.packet').nth(2).waitFor({ timeout: ladderOk ? 15000 : 1000, state: 'attached' }).catch(() => {});
      const packets = ladderOk ? await inner.locator('svg#ladder g.packet').count() : 0;
      check('ladder packets', packets >= 3, `${packets} g.packet`);
      const est = inner.locator('svg#ladder g.state-box', { hasText: 'ESTABLISHED' });
      const estOk = ladderOk && (await est.first().waitFor({ timeout: 5000, state: 'attached' }).then(() => true, () => false));
      check('state box ESTABLISHED', estOk);
      await settle(500);
      await shot(page, '05-panel.png');
    }
  } catch (e) {
    check('no exception', false, e.message.split('\n')[0]);
    await shot(page, 'zz-failure.png');
  }

  const firstSquiggle = times['first diagnostic squiggle'];
  const summary = {
    times_from_browser_launch_s: times,
    server_start_to_first_squiggle_s: T_SERVER && firstSquiggle != null ? (t0 + firstSquiggle * 1000 - T_SERVER) / 1000 : null,
    whole_run_s: T_RUN ? (Date.now() - T_RUN) / 1000 : null,
    results,
    console_errors: consoleErrors.slice(0, 30),
  };
  fs.writeFileSync(path.join(OUT, 'e2e-result.json'), JSON.stringify(summary, null, 2) + '\n');
  await context.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
  const all = Object.values(results);
  const passed = all.filter((r) => r.ok).length;
  console.log(`server start → first squiggle: ${summary.server_start_to_first_squiggle_s ?? 'n/a'} s; whole run: ${summary.whole_run_s ?? 'n/a'} s`);
  console.log(`${passed} passed, ${all.length - passed} failed`);
  process.exit(all.length - passed === 0 ? 0 : 1);
})();
