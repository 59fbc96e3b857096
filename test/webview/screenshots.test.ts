// Screenshots of the panel in Light+ and Dark+ for people to look at (test-results/webview/),
// and a check that drawing each fixture in each theme raises no error or CSP violation.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadFixture, openPanel, repoRoot, startHarness, type Harness, type Theme } from './harness';

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
});
