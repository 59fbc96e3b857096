// The end-to-end checks, in a real VS Code (code-server) driven by Chromium: what a user sees
// when they open a .tcpflow file with a handshake mistake and press "▶ Run flow", then hover a
// flag, complete a packet line, apply the quick fix, type a mistake (timed until its squiggle)
// and run the file from the Test Explorer.
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

/** Screen rectangle of the text `needle` in the editor's rendered lines (Monaco renders spaces as U+00A0);
 *  with `token`, of that token inside the first line containing `needle`. */
function textRect(page, lineNeedle, token) {
  return page.evaluate(([lineNeedle, token]) => {
    for (const line of document.querySelectorAll('.monaco-editor .view-lines .view-line')) {
      const text = (line.textContent || '').replace(/\u00a0/g, ' ');
      const lineAt = text.indexOf(lineNeedle);
      if (lineAt < 0) continue;
      const needle = token || lineNeedle;
      const at = token ? text.indexOf(token, lineAt) : lineAt;
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
  }, [lineNeedle, token || null]);
}

/** The editor's rendered text lines, top to bottom. */
const editorLines = (page) => page.$$eval('.monaco-editor .view-lines .view-line', (els) =>
  els.map((e) => ({ top: e.getBoundingClientRect().top, text: (e.textContent || '').replace(/\u00a0/g, ' ') }))
    .sort((a, b) => a.top - b.top).map((l) => l.text));
const squiggleCount = (page) => page.$$eval('.monaco-editor .squiggly-error', (els) => els.length);
const median = (xs) => { const v = [...xs].sort((a, b) => a - b); return v.length ? v[Math.floor(v.length / 2)] : null; };

/** Runs a command from the Command Palette by its title. */
async function runCommand(page, title) {
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget:not([style*="display: none"]) input', { timeout: 15000 });
  await page.keyboard.type(title);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title });
  await row.first().waitFor({ timeout: 15000 });
  await page.keyboard.press('Enter');
}

const timings = {};

/** Issue 6: a hover over a flag, completion, a quick fix applied, keystroke → squiggle time, a run from the Test Explorer. */
async function issue6Checks(page) {
  const editorText = page.locator('.monaco-editor .view-lines').first();
  await page.keyboard.press('Escape');

  // Hover over the SYN flag of `client -> server SYN seq=x` (no diagnostic there): some text mentioning SYN.
  await page.mouse.move(5, 5);
  await settle(300);
  const syn = await textRect(page, 'client -> server SYN seq=x', 'SYN');
  if (syn) {
    await page.mouse.move((syn.left + syn.right) / 2, (syn.top + syn.bottom) / 2);
    const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'SYN' });
    const ok = await hover.first().waitFor({ state: 'visible', timeout: 8000 }).then(() => true, () => false);
    check('hover on a flag', ok, ok ? (await hover.first().innerText()).replace(/\s+/g, ' ').slice(0, 160) : 'no hover with "SYN" over the SYN flag');
    await shot(page, '06-hover-flag.png');
  } else {
    check('hover on a flag', false, 'the SYN line is not on screen');
  }
  await page.mouse.move(5, 5);
  await page.keyboard.press('Escape');

  // Completion after `client -> server ` on a new last line: a SYN item.
  await editorText.click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+End');
  await page.keyboard.press('End');
  const lastLine = (await editorLines(page)).slice(-1)[0] || '';
  if (lastLine.trim() !== '') await page.keyboard.press('Enter');
  await page.keyboard.type('client -> server ', { delay: 30 });
  // A SYN item from the language server (not VS Code's word-based "abc" suggestion of a word in the file).
  const suggestion = page.locator('.editor-widget.suggest-widget .monaco-list-row:not(:has(.codicon-symbol-text))')
    .filter({ has: page.locator('.label-name', { hasText: /^\s*SYN\s*$/ }) });
  let how = 'as typed';
  let completionOk = await suggestion.first().waitFor({ state: 'visible', timeout: 4000 }).then(() => true, () => false);
  if (!completionOk) {
    how = 'on Ctrl+Space';
    await page.keyboard.press('Control+Space');
    completionOk = await suggestion.first().waitFor({ state: 'visible', timeout: 6000 }).then(() => true, () => false);
  }
  const items = await page.$$eval('.editor-widget.suggest-widget .monaco-list-row', (els) => els.slice(0, 8).map((e) =>
    (e.getAttribute('aria-label') || e.textContent || '').split(',')[0].trim() + (e.querySelector('.codicon-symbol-text') ? ' (word)' : '')));
  check('completion after "client -> server "', completionOk, `${completionOk ? `SYN offered ${how}` : 'no SYN item'}; items: ${items.join(' | ') || 'none'}`);
  await shot(page, '07-completion.png');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Shift+K'); // delete the line typed for the completion
  await page.keyboard.press('Escape');

  // Quick fix on the `ack=x+2` squiggle: Ctrl+. then Enter → the line reads ack=x+1, the squiggle goes.
  const bad = await textRect(page, 'SYN,ACK seq=y', BAD_TOKEN);
  if (bad) {
    await page.mouse.click(bad.right - 2, (bad.top + bad.bottom) / 2);
    await page.keyboard.press('Control+Period');
    const menu = page.locator('.action-widget .monaco-list-row, .context-view .action-widget .action-item');
    const menuOk = await menu.first().waitFor({ state: 'visible', timeout: 10000 }).then(() => true, () => false);
    const offered = menuOk ? (await menu.first().innerText()).replace(/\s+/g, ' ') : '';
    await shot(page, '08-quick-fix-menu.png');
    if (menuOk) await page.keyboard.press('Enter');
    const fixed = await page.waitForFunction(() => {
      // Inlay hints (`= 1001`, `@0.010s`, ✓/✗) are text in the line's DOM: read past them.
      const withoutHints = (l) => l.replace(/ = \d+/g, '').replace(/ ?@\d+(\.\d+)?s/g, '').replace(/ ?[✓✗]/g, '');
      const lines = [...document.querySelectorAll('.monaco-editor .view-lines .view-line')].map((e) => withoutHints((e.textContent || '').replace(/\u00a0/g, ' ')));
      return lines.some((l) => l.includes('SYN,ACK seq=y ack=x+1')) && !lines.some((l) => l.includes('ack=x+2'))
        && document.querySelectorAll('.monaco-editor .squiggly-error').length === 0;
    }, null, { timeout: 15000, polling: 100 }).then(() => true, () => false);
    const line = (await editorLines(page)).find((l) => l.includes('SYN,ACK seq=y')) || '';
    check('quick fix applied', menuOk && fixed, `menu: ${JSON.stringify(offered.slice(0, 80))}; line now: ${JSON.stringify(line.trim())}; squiggles: ${await squiggleCount(page)}`);
    await shot(page, '09-quick-fix-applied.png');
    // The status bar's last run of the now-correct script: "✓ 0 problems · 0.03 s virtual".
    const status = page.locator('.statusbar-item', { hasText: /✓ 0 problems · [\d.]+ s virtual/ });
    const statusOk = await status.first().waitFor({ state: 'visible', timeout: 10000 }).then(() => true, () => false);
    const statusText = statusOk ? await status.first().innerText() : (await page.locator('#workbench\\.parts\\.statusbar').innerText().catch(() => '')).replace(/\s+/g, ' ');
    check('status bar last run', statusOk, JSON.stringify(statusText));
  } else {
    check('quick fix applied', false, `no ${BAD_TOKEN} on screen`);
  }

  // Keystroke → squiggle: type one character into a correct line (ack=y+1 → ack=y+12), poll for the squiggle.
  const samples = [];
  for (let i = 0; i < 3; i++) {
    const target = await textRect(page, 'client -> server ACK seq=x+1', 'ack=y+1');
    if (!target) break;
    await page.mouse.click(target.right + 40, (target.top + target.bottom) / 2); // past the end of the line
    await page.keyboard.press('End');
    await page.waitForFunction(() => document.querySelectorAll('.monaco-editor .squiggly-error').length === 0, null, { timeout: 10000, polling: 'raf' }).catch(() => {});
    const typed = Date.now();
    await page.keyboard.type('2');
    const seen = await page.waitForFunction(() => document.querySelectorAll('.monaco-editor .squiggly-error').length > 0, null, { timeout: 10000, polling: 'raf' }).then(() => true, () => false);
    if (seen) samples.push(Date.now() - typed);
    if (i === 0) await shot(page, '10-typed-mistake.png');
    await page.keyboard.press('Backspace');
  }
  timings.keystroke_to_squiggle_ms = samples;
  check('keystroke → squiggle', samples.length === 3, `ms: ${samples.join(', ')} (median ${median(samples)})`);
  await page.waitForFunction(() => document.querySelectorAll('.monaco-editor .squiggly-error').length === 0, null, { timeout: 10000, polling: 100 }).catch(() => {});

  // Run the file from the Test Explorer: its row gets a passed or failed state icon.
  await runCommand(page, 'Testing: Focus on Test Explorer View').catch(() => {});
  const row = page.locator('.test-explorer .monaco-list-row', { hasText: FILE });
  const listed = await row.first().waitFor({ state: 'visible', timeout: 20000 }).then(() => true, () => false);
  if (listed) {
    await row.first().hover();
    const runButton = row.first().locator('.action-label[aria-label^="Run Test"], .action-label.codicon-testing-run-icon');
    if (await runButton.count()) await runButton.first().click();
    else await runCommand(page, 'Test: Run All Tests');
  }
  const state = row.first().locator('.codicon-testing-passed-icon, .codicon-testing-failed-icon, .codicon-testing-error-icon');
  const ran = listed && (await state.first().waitFor({ state: 'attached', timeout: 20000 }).then(() => true, () => false));
  const icon = ran ? await state.first().getAttribute('class') : '';
  check('run from the Test Explorer', ran && /passed|failed/.test(icon), listed ? `state: ${(icon.match(/testing-(\w+)-icon/) || [])[1] || 'none'}` : `no ${FILE} in the Test Explorer`);
  await shot(page, '11-test-explorer.png');

  // "Export pcap" CodeLens → save dialog (VS Code's own, prefilled with the script's name) → the file is written.
  const exportLens = page.locator('.monaco-editor .codelens-decoration a', { hasText: 'Export pcap' });
  const pcap = path.join(WS, FILE.replace(/\.tcpflow$/, '.pcapng'));
  if (await exportLens.first().waitFor({ timeout: 10000 }).then(() => true, () => false)) {
    await exportLens.first().click();
    const dialog = await page.waitForSelector('.quick-input-widget:not([style*="display: none"]) input', { timeout: 15000 }).then(() => true, () => false);
    const suggested = dialog ? await page.inputValue('.quick-input-widget input').catch(() => '') : '';
    await shot(page, '12-export-dialog.png');
    if (dialog) await page.keyboard.press('Enter');
    const toast = page.locator('.notification-toast', { hasText: 'Saved 3 packets' });
    const saved = await toast.first().waitFor({ state: 'visible', timeout: 15000 }).then(() => true, () => false);
    const bytes = fs.existsSync(pcap) ? fs.readFileSync(pcap) : Buffer.alloc(0);
    const openFolder = saved && (await toast.first().locator('.monaco-button', { hasText: 'Open folder' }).count()) > 0;
    check('export pcap', saved && openFolder && bytes.subarray(0, 4).toString('hex') === '0a0d0d0a',
      `dialog: ${JSON.stringify(suggested)}; notification: ${saved ? JSON.stringify((await toast.first().innerText()).replace(/\s+/g, ' ').slice(0, 120)) : 'none'}; file: ${bytes.length} bytes`);
    await shot(page, '13-exported.png');
  } else {
    check('export pcap', false, 'no "Export pcap" CodeLens');
  }
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
    // The CodeLenses appearing above line 1 shift every line down: let them come first (checked below),
    // then measure until the token and the squiggle agree, for up to 5 s.
    await page.waitForSelector('.monaco-editor .codelens-decoration a', { timeout: 15000 }).catch(() => {});
    await settle(300);
    let token; let squiggles = []; let onToken;
    for (const deadline = Date.now() + 5000; ;) {
      token = await textRect(page, BAD_TOKEN);
      squiggles = await page.$$eval('.monaco-editor .squiggly-error', (els) => els.map((e) => { const r = e.getBoundingClientRect(); return { left: r.left, right: r.right, top: r.top, bottom: r.bottom }; }));
      onToken = token && squiggles.find((s) => s.top >= token.top - 2 && s.bottom <= token.bottom + 2 && s.left >= token.left - 2 && s.right <= token.right + 2 && s.right - s.left > 4);
      if (onToken || Date.now() > deadline) break;
      await settle(200);
    }
    check('squiggle on ack=x+2', !!onToken,
      `token x ${token ? `${token.left.toFixed(0)}–${token.right.toFixed(0)}` : 'not found'}; squiggles x ${squiggles.map((s) => `${s.left.toFixed(0)}–${s.right.toFixed(0)}`).join(', ') || 'none'}`);
    await shot(page, '02-squiggle.png');

    // Hover on the squiggle shows the message.
    if (onToken) {
      const hover = page.locator('.monaco-hover', { hasText: RULE });
      let hoverOk = false;
      for (let attempt = 0; attempt < 3 && !hoverOk; attempt++) {
        const at = (await textRect(page, BAD_TOKEN)) || onToken; // re-measured: the layout may have moved
        await page.mouse.move(5, 5);
        await page.mouse.move((at.left + at.right) / 2, (at.top + at.bottom) / 2 - 4, { steps: 2 });
        hoverOk = await hover.first().waitFor({ timeout: 5000 }).then(() => true, () => false);
      }
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
    const lensTitles = await page.$$eval('.monaco-editor .codelens-decoration a', (els) => els.map((e) => e.textContent.trim()));
    check('codelens show diagram + export pcap', lensTitles.includes('Show diagram') && lensTitles.includes('Export pcap'), JSON.stringify(lensTitles));
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

    await issue6Checks(page);
  } catch (e) {
    check('no exception', false, e.message.split('\n')[0]);
    await shot(page, 'zz-failure.png');
  }

  const firstSquiggle = times['first diagnostic squiggle'];
  const typing = timings.keystroke_to_squiggle_ms;
  const summary = {
    times_from_browser_launch_s: times,
    server_start_to_first_squiggle_s: T_SERVER && firstSquiggle != null ? (t0 + firstSquiggle * 1000 - T_SERVER) / 1000 : null,
    whole_run_s: T_RUN ? (Date.now() - T_RUN) / 1000 : null,
    keystroke_to_squiggle_ms: typing ? { median: median(typing), samples: typing } : null,
    results,
    console_errors: consoleErrors.slice(0, 30),
  };
  fs.writeFileSync(path.join(OUT, 'e2e-result.json'), JSON.stringify(summary, null, 2) + '\n');
  await context.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
  const all = Object.values(results);
  const passed = all.filter((r) => r.ok).length;
  console.log(`server start → first squiggle: ${summary.server_start_to_first_squiggle_s ?? 'n/a'} s; whole run: ${summary.whole_run_s ?? 'n/a'} s`);
  console.log(`keystroke → squiggle: ${typing ? `median ${median(typing)} ms (${typing.join(', ')})` : 'n/a'}`);
  console.log(`${passed} passed, ${all.length - passed} failed`);
  process.exit(all.length - passed === 0 ? 0 : 1);
})();
