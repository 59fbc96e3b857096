// A hand-driven clock for the run scheduler: timers fire only when the test advances time.
import type { StartTimer } from '../../src/server/run-scheduler';

export class FakeClock {
  private now = 0;
  private timers: { due: number; callback: () => void; live: boolean }[] = [];

  readonly startTimer: StartTimer = (callback, ms) => {
    const timer = { due: this.now + ms, callback, live: true };
    this.timers.push(timer);
    return () => {
      timer.live = false;
    };
  };

  advance(ms: number): void {
    this.now += ms;
    const due = this.timers.filter((t) => t.live && t.due <= this.now).sort((a, b) => a.due - b.due);
    this.timers = this.timers.filter((t) => t.live && t.due > this.now);
    for (const t of due) t.callback();
  }

  get pendingTimers(): number {
    return this.timers.filter((t) => t.live).length;
  }
}
