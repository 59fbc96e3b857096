// The virtual clock and its event queue. Time is in integer microseconds. Events run in time
// order; events due at the same time run in the order they were scheduled.

export interface ScheduledEvent {
  readonly at: number;
  readonly order: number;
  /** Set by EventQueue.cancel (which also takes the event out of the queue). */
  readonly cancelled: boolean;
}

/**
 * An event as the queue holds it: a function and the one argument it is called with. A caller
 * with a method and an object (the network delivering a packet) then needs no closure per event.
 */
class QueuedEvent implements ScheduledEvent {
  cancelled = false;
  /** Where it is in the heap; -1 once it has run or been cancelled. */
  index = -1;
  constructor(
    readonly at: number,
    readonly order: number,
    readonly fn: (arg: unknown) => void,
    readonly arg: unknown,
  ) {}
}

export class EventQueue {
  /**
   * A binary min-heap by (at, order). A cancelled event leaves it at once: the engine cancels and
   * restarts its retransmission timer on every ACK, and lazily dropped events would pile up
   * (and live long enough to be promoted by the GC) until their time came.
   */
  private readonly heap: QueuedEvent[] = [];
  private nextOrder = 0;
  private clock = 0;

  get now(): number {
    return this.clock;
  }

  schedule(at: number, run: () => void): ScheduledEvent {
    return this.push(new QueuedEvent(Math.max(at, this.clock), this.nextOrder++, run, undefined));
  }

  /** Schedules `fn(arg)`: the same as schedule(at, () => fn(arg)) without a closure per event. */
  scheduleCall<T>(at: number, fn: (arg: T) => void, arg: T): ScheduledEvent {
    // Sound: the queue only ever calls fn with this arg, which is a T.
    return this.push(new QueuedEvent(Math.max(at, this.clock), this.nextOrder++, fn as (arg: unknown) => void, arg));
  }

  cancel(event: ScheduledEvent | undefined): void {
    if (!(event instanceof QueuedEvent)) return;
    event.cancelled = true;
    if (event.index >= 0 && this.heap[event.index] === event) this.removeAt(event.index);
  }

  /** Time of the next pending event, or undefined when nothing is pending. */
  peekTime(): number | undefined {
    return this.heap[0]?.at;
  }

  /** Runs the next event if it is due at or before `limit`; returns false otherwise. */
  step(limit: number): boolean {
    const top = this.heap[0];
    if (!top || top.at > limit) return false;
    this.removeAt(0);
    if (top.at > this.clock) this.clock = top.at;
    top.fn(top.arg);
    return true;
  }

  /** Moves the clock forward to `time` (never backwards) without running anything. */
  advanceTo(time: number): void {
    if (time > this.clock) this.clock = time;
  }

  get size(): number {
    return this.heap.length;
  }

  private push(event: QueuedEvent): QueuedEvent {
    this.heap.push(event);
    this.siftUp(this.heap.length - 1, event);
    return event;
  }

  /** Takes the event at heap index i out; the last event fills the hole, moved up or down. */
  private removeAt(i: number): void {
    const heap = this.heap;
    heap[i]!.index = -1;
    const last = heap.pop()!;
    if (i === heap.length) return; // it was the last
    if (i > 0 && before(last, heap[(i - 1) >> 1]!)) this.siftUp(i, last);
    else this.siftDown(i, last);
  }

  // The sifts move a hole instead of swapping pairs: one write per level, and `moving` is
  // written once where the hole stops. Every write keeps the event's index up to date.

  private siftUp(i: number, moving: QueuedEvent): void {
    const heap = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (!before(moving, p)) break;
      heap[i] = p;
      p.index = i;
      i = parent;
    }
    heap[i] = moving;
    moving.index = i;
  }

  private siftDown(i: number, moving: QueuedEvent): void {
    const heap = this.heap;
    const n = heap.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let child = heap[l]!;
      let c = l;
      if (r < n && before(heap[r]!, child)) {
        child = heap[r]!;
        c = r;
      }
      if (!before(child, moving)) break;
      heap[i] = child;
      child.index = i;
      i = c;
    }
    heap[i] = moving;
    moving.index = i;
  }
}

function before(a: QueuedEvent, b: QueuedEvent): boolean {
  return a.at < b.at || (a.at === b.at && a.order < b.order);
}

export const US_PER_SECOND = 1_000_000;
export const seconds = (s: number): number => Math.round(s * US_PER_SECOND);
