// The virtual clock and its event queue. Time is in integer microseconds. Events run in time
// order; events due at the same time run in the order they were scheduled.

export interface ScheduledEvent {
  readonly at: number;
  readonly order: number;
  readonly run: () => void;
  cancelled: boolean;
}

export class EventQueue {
  private heap: ScheduledEvent[] = [];
  private nextOrder = 0;
  private clock = 0;

  get now(): number {
    return this.clock;
  }

  schedule(at: number, run: () => void): ScheduledEvent {
    const event: ScheduledEvent = { at: Math.max(at, this.clock), order: this.nextOrder++, run, cancelled: false };
    this.heap.push(event);
    this.siftUp(this.heap.length - 1);
    return event;
  }

  cancel(event: ScheduledEvent | undefined): void {
    if (event) event.cancelled = true;
  }

  /** Time of the next live event, or undefined when nothing is pending. */
  peekTime(): number | undefined {
    this.dropCancelled();
    return this.heap[0]?.at;
  }

  /** Runs the next live event if it is due at or before `limit`; returns false otherwise. */
  step(limit: number): boolean {
    this.dropCancelled();
    const top = this.heap[0];
    if (!top || top.at > limit) return false;
    this.pop();
    this.clock = Math.max(this.clock, top.at);
    top.run();
    return true;
  }

  /** Moves the clock forward to `time` (never backwards) without running anything. */
  advanceTo(time: number): void {
    if (time > this.clock) this.clock = time;
  }

  get size(): number {
    return this.heap.length;
  }

  private dropCancelled(): void {
    while (this.heap.length > 0 && this.heap[0]!.cancelled) this.pop();
  }

  private pop(): ScheduledEvent | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  private before(a: ScheduledEvent, b: ScheduledEvent): boolean {
    return a.at < b.at || (a.at === b.at && a.order < b.order);
  }

  private siftUp(i: number): void {
    const heap = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const heap = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && this.before(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && this.before(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  }
}

export const US_PER_SECOND = 1_000_000;
export const seconds = (s: number): number => Math.round(s * US_PER_SECOND);
