// Runs the real panel bundle in headless Debian Chromium: builds src/webview/panel.ts with
// esbuild, serves it with the HTML from panelHtml() (its real CSP), stubs acquireVsCodeApi
// with a nonce'd script that records what the panel posts, and collects CSP violations,
// console errors and page errors so every test can fail on them.
import { strict as assert } from 'node:assert';
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { panelHtml } from '../../src/extension/panel-html';
import type { RunResult } from '../../src/runner/trace';
import type { HostToPanel, PanelToHost } from '../../src/shared/protocol';

export const repoRoot = resolve(__dirname, '../../..');
export const NONCE = 'TestNonce0123456789abcdef';

/** What the page's globals look like to the functions we evaluate in it. Those functions are
 * serialized into the page, so they must name nothing from this module (casts only). */
export interface PanelWindow {
  __posted: PanelToHost[];
  __state: unknown;
  __cspViolations: string[];
  __pwned?: unknown;
  postMessage(message: unknown, targetOrigin: string): void;
}

export interface Harness {
  readonly browser: Browser;
  readonly origin: string;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'tcpflow-panel-'));
  await build({
    entryPoints: { panel: join(repoRoot, 'src/webview/panel.ts') },
    outdir: dir,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    logLevel: 'silent',
  });
  const files: Record<string, { type: string; body: Buffer }> = {
    '/panel.js': { type: 'text/javascript', body: readFileSync(join(dir, 'panel.js')) },
    '/panel.css': { type: 'text/css', body: readFileSync(join(dir, 'panel.css')) },
  };
  const server = createServer((req, res) => {
    const origin = `http://${req.headers.host ?? '127.0.0.1'}`;
    if (req.url === '/' || req.url?.startsWith('/?')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(pageHtml(origin));
      return;
    }
    if (req.url === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const file = files[req.url ?? ''];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': file.type });
    res.end(file.body);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    browser,
    origin: `http://127.0.0.1:${port}`,
    async close() {
      await browser.close();
      await closeServer(server);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((ok) => server.close(() => ok()));
}

/** The webview page as VS Code would serve it, plus the nonce'd stub of the VS Code API. */
function pageHtml(origin: string): string {
  const html = panelHtml({
    cspSource: origin,
    scriptUri: `${origin}/panel.js`,
    styleUri: `${origin}/panel.css`,
    nonce: NONCE,
    title: 'TCP Flow <test>',
  });
  const stub = `<script nonce="${NONCE}">
window.__posted = [];
window.__state = undefined;
window.acquireVsCodeApi = function () {
  return {
    postMessage: function (m) { window.__posted.push(m); },
    getState: function () { return window.__state; },
    setState: function (s) { window.__state = s; },
  };
};
</script>
`;
  const marker = `<script nonce="${NONCE}" src=`;
  if (!html.includes(marker)) throw new Error('panelHtml no longer loads a nonce\'d script');
  return html.replace(marker, stub + marker);
}

/** A page showing the panel, with everything that went wrong collected in `problems`. */
export interface PanelPage {
  readonly page: Page;
  /** CSP violations, console errors and uncaught exceptions, as text. */
  readonly problems: string[];
  post(message: HostToPanel): Promise<void>;
  show(result: RunResult, locale?: string): Promise<void>;
  posted(): Promise<PanelToHost[]>;
  close(): Promise<void>;
}

export async function openPanel(h: Harness, opts: { width?: number; height?: number; theme?: Theme } = {}): Promise<PanelPage> {
  const context = await h.browser.newContext({ viewport: { width: opts.width ?? 1100, height: opts.height ?? 800 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.addInitScript(() => {
    const w = globalThis as unknown as PanelWindow & { addEventListener(t: string, f: (e: { violatedDirective: string; blockedURI: string }) => void): void };
    w.__cspViolations = [];
    w.addEventListener('securitypolicyviolation', (e) => w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(`${h.origin}/`);
  if (opts.theme) await applyTheme(page, opts.theme);
  await page.waitForFunction(() => (globalThis as unknown as PanelWindow).__posted.some((m) => m.type === 'ready'));

  const panel: PanelPage = {
    page,
    problems,
    async post(message) {
      await page.evaluate((m) => (globalThis as unknown as PanelWindow).postMessage(m, '*'), message);
    },
    async show(result, locale = 'en') {
      const previous = await page.$('#ladder');
      await panel.post({ type: 'trace', uri: 'file:///flow.tcpflow', fileName: 'flow.tcpflow', result, locale });
      if (previous) await previous.waitForElementState('hidden');
      await page.waitForSelector('#ladder[data-render-ms]', { state: 'attached' });
    },
    async posted() {
      return page.evaluate(() => (globalThis as unknown as PanelWindow).__posted);
    },
    async close() {
      const csp = await page.evaluate(() => (globalThis as unknown as PanelWindow).__cspViolations);
      problems.push(...csp.map((v) => `CSP violation: ${v}`));
      await context.close();
    },
  };
  return panel;
}

// ---- themes: the CSS variables VS Code sets on <html>, for Light+ and Dark+ ----

export type Theme = 'light' | 'dark';

const themes: Record<Theme, Record<string, string>> = {
  light: {
    '--vscode-font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif',
    '--vscode-font-size': '13px',
    '--vscode-editor-font-family': '"DejaVu Sans Mono", monospace',
    '--vscode-editor-foreground': '#3b3b3b',
    '--vscode-editor-background': '#ffffff',
    '--vscode-editorWidget-background': '#f8f8f8',
    '--vscode-descriptionForeground': '#717171',
    '--vscode-foreground': '#3b3b3b',
    '--vscode-errorForeground': '#e51400',
    '--vscode-editorWarning-foreground': '#bf8803',
    '--vscode-editorInfo-foreground': '#1a85ff',
    '--vscode-charts-blue': '#1a85ff',
    '--vscode-charts-red': '#e51400',
    '--vscode-charts-orange': '#d18616',
    '--vscode-charts-green': '#388a34',
    '--vscode-charts-purple': '#652d90',
    '--vscode-charts-yellow': '#bf8803',
    '--vscode-panel-border': '#e5e5e5',
    '--vscode-focusBorder': '#005fb8',
    '--vscode-editor-selectionBackground': '#add6ff',
    '--vscode-textLink-foreground': '#005fb8',
    '--vscode-panel-background': '#ffffff',
    '--vscode-panelTitle-activeForeground': '#3b3b3b',
    '--vscode-panelTitle-inactiveForeground': '#717171',
    '--vscode-panelTitle-activeBorder': '#005fb8',
    '--vscode-icon-foreground': '#3b3b3b',
  },
  dark: {
    '--vscode-font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif',
    '--vscode-font-size': '13px',
    '--vscode-editor-font-family': '"DejaVu Sans Mono", monospace',
    '--vscode-editor-foreground': '#cccccc',
    '--vscode-editor-background': '#1f1f1f',
    '--vscode-editorWidget-background': '#202020',
    '--vscode-descriptionForeground': '#9d9d9d',
    '--vscode-foreground': '#cccccc',
    '--vscode-errorForeground': '#f85149',
    '--vscode-editorWarning-foreground': '#cca700',
    '--vscode-editorInfo-foreground': '#3794ff',
    '--vscode-charts-blue': '#3794ff',
    '--vscode-charts-red': '#f14c4c',
    '--vscode-charts-orange': '#d18616',
    '--vscode-charts-green': '#89d185',
    '--vscode-charts-purple': '#b180d7',
    '--vscode-charts-yellow': '#cca700',
    '--vscode-panel-border': '#2b2b2b',
    '--vscode-focusBorder': '#0078d4',
    '--vscode-editor-selectionBackground': '#264f78',
    '--vscode-textLink-foreground': '#4daafc',
    '--vscode-panel-background': '#1f1f1f',
    '--vscode-panelTitle-activeForeground': '#cccccc',
    '--vscode-panelTitle-inactiveForeground': '#9d9d9d',
    '--vscode-panelTitle-activeBorder': '#0078d4',
    '--vscode-icon-foreground': '#cccccc',
  },
};

/** Sets the theme variables through the CSSOM, as VS Code does (allowed by the CSP). */
export async function applyTheme(page: Page, theme: Theme): Promise<void> {
  await page.evaluate((vars) => {
    const root = (globalThis as unknown as { document: { documentElement: { style: { setProperty(k: string, v: string): void } } } }).document
      .documentElement;
    for (const [k, v] of Object.entries(vars)) root.style.setProperty(k, v);
  }, themes[theme]);
}

export function loadFixture(name: string): RunResult {
  return JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/traces', `${name}.json`), 'utf8')) as RunResult;
}

/**
 * The mocha hooks of a panel suite: one Chromium for the whole suite, and each test's panel
 * closed after the test, which fails if the page logged a CSP violation, a console error or a
 * page error. Call it inside `describe`; open panels with `open()`.
 */
export function usePanels(): { open(opts?: Parameters<typeof openPanel>[1]): Promise<PanelPage>; newBarePage(): Promise<Page> } {
  let harness: Harness | undefined;
  let current: PanelPage | undefined;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => {
    await harness?.close();
  });
  afterEach(async () => {
    const panel = current;
    current = undefined;
    if (!panel) return;
    await panel.close();
    assert.deepEqual(panel.problems, [], 'no CSP violations, console errors or page errors');
  });
  return {
    async open(opts) {
      if (!harness) throw new Error('usePanels: open() before the suite started');
      current = await openPanel(harness, opts);
      return current;
    },
    async newBarePage() {
      if (!harness) throw new Error('usePanels: newBarePage() before the suite started');
      return harness.browser.newPage();
    },
  };
}
