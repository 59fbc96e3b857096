// The panel in headless Debian Chromium, through test/webview/harness.ts (the real bundle, the
// real CSP): first render of a 1,000-packet bulk transfer (after one 200-packet warm-up), and
// frame times while flicking through 100,000 packets. Prints one JSON line.
import { openPanel, startHarness } from '../test/webview/harness';
import { scrollFrames, timeFirstRender, type Timing } from '../test/webview/measure';

async function main(): Promise<void> {
  const h = await startHarness();
  try {
    const renders: Timing[] = [];
    for (let i = 0; i < 5; i++) {
      const panel = await openPanel(h);
      await timeFirstRender(panel, 200);
      renders.push(await timeFirstRender(panel, 1000));
      await panel.close();
    }
    const big = await openPanel(h, { width: 1100, height: 800 });
    const open100k = await timeFirstRender(big, 100_000);
    const frames = await scrollFrames(big);
    await big.close();
    const med = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
    process.stdout.write(`${JSON.stringify({
      render1k: med(renders.map((r) => r.painted)),
      build1k: med(renders.map((r) => r.build)),
      renders1k: renders.map((r) => r.painted),
      open100k: open100k.painted,
      inDom100k: open100k.inDom,
      ...frames,
    })}\n`);
  } finally {
    await h.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
