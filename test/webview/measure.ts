// Measuring the panel in Chromium: the time from the host's trace message to the first painted
// frame, and frame times while scrolling. Shared by the scale test (which asserts behaviour, not
// times) and the bench (which reports the times).
import type { RunResult, TracePacket } from '../../src/runner/trace';
import { loadFixture, type PanelPage, type PanelWindow } from './harness';

export interface Timing {
  build: number;
  painted: number;
  inDom: number;
}

/**
 * Builds a bulk transfer of `count` packets in the page (the handshake fixture followed by data
 * segments and their ACKs; building it there keeps 100,000 packets off the test's wire), posts
 * it as the host would, and waits for the frame after the ladder is built.
 */
export async function timeFirstRender(panel: PanelPage, count: number): Promise<Timing> {
  const base = loadFixture('three-way-handshake');
  return panel.page.evaluate(async ({ base, count }) => {
    type G = PanelWindow & {
      performance: { now(): number };
      requestAnimationFrame(f: () => void): void;
      document: { querySelector(s: string): { getAttribute(a: string): string | null; querySelectorAll(s: string): { length: number } } | null };
    };
    const w = globalThis as unknown as G;
    const packets: TracePacket[] = [...base.packets];
    const template = base.packets[2]!;
    let t = 0.03;
    let seq = 1001;
    for (let i = packets.length; i < count; i++) {
      const data = i % 2 === 1;
      const common = { ...template, id: i, order: i + 100, time: t, arrival: t + 0.01, line: 20 + (i % 40) };
      packets.push(
        data
          ? { ...common, flags: ['PSH', 'ACK'], seq, ack: 5001, len: 1448, label: `PSH,ACK len=1448 seq=${seq}`, payloadHex: '00'.repeat(32) }
          : { ...common, src: 'server', dst: 'client', srcAddr: template.dstAddr, dstAddr: template.srcAddr, flags: ['ACK'], seq: 5001, ack: seq, label: `ACK ack=${seq}` },
      );
      if (data) seq += 1448;
      t += data ? 0.01 : 0.0005;
    }
    const result: RunResult = { ...base, title: 'Bulk transfer', packets, durationVirtual: t + 0.01 };
    const previous = w.document.querySelector('#ladder');
    const t0 = w.performance.now();
    w.postMessage({ type: 'trace', uri: 'file:///bulk.tcpflow', fileName: 'bulk.tcpflow', result, locale: 'en' }, '*');
    await new Promise<void>((resolve) => {
      const check = (): void => {
        const ladder = w.document.querySelector('#ladder');
        if (ladder && ladder !== previous && ladder.getAttribute('data-render-ms')) resolve();
        else setTimeout(check, 1);
      };
      check();
    });
    await new Promise<void>((resolve) => w.requestAnimationFrame(() => setTimeout(resolve, 0)));
    const ladder = w.document.querySelector('#ladder');
    return { build: Number(ladder?.getAttribute('data-render-ms')), painted: w.performance.now() - t0, inDom: ladder?.querySelectorAll('g.packet').length ?? 0 };
  }, { base, count });
}


export interface FrameStats {
  readonly median: number;
  readonly p95: number;
  readonly max: number;
}

/** A flick (300 px a frame for 160 frames), then 60 jumps across the whole run (a scrollbar drag). */
export async function scrollFrames(panel: PanelPage): Promise<{ flick: FrameStats; drag: FrameStats }> {
  return panel.page.evaluate(async () => {
      type G = {
        performance: { now(): number };
        requestAnimationFrame(f: (t: number) => void): void;
        document: { getElementById(id: string): { scrollTop: number; scrollHeight: number; clientHeight: number } | null };
      };
      const w = globalThis as unknown as G;
      const s = w.document.getElementById('scroller')!;
      const stats = (times: number[]): { median: number; p95: number; max: number } => {
        times.sort((a, b) => a - b);
        return { median: times[times.length >> 1]!, p95: times[Math.floor(times.length * 0.95)]!, max: times[times.length - 1]! };
      };
      const frames = async (n: number, at: (i: number) => number): Promise<number[]> => {
        const times: number[] = [];
        await new Promise<void>((resolve) => w.requestAnimationFrame(() => resolve()));
        let last = w.performance.now();
        for (let i = 0; i < n; i++) {
          s.scrollTop = at(i);
          await new Promise<void>((resolve) => w.requestAnimationFrame(() => resolve()));
          const now = w.performance.now();
          times.push(now - last);
          last = now;
        }
        return times;
      };
      const flick = stats(await frames(160, (i) => i * 300));
      const drag = stats(await frames(60, (i) => ((i + 1) / 60) * (s.scrollHeight - s.clientHeight)));
      return { flick, drag };
    });
}
