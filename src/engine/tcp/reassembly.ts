// Out-of-order segments a receiver holds until the hole before them fills (RFC 9293 SHLD-31),
// by sequence number. Their starts are also kept in sequence order, so SACK blocks and the
// stale sweep (both run per segment while a hole is open) need no sort.
import { seqAdd, seqLe, seqLt } from './seq';

export interface HeldSegment {
  readonly payload: Uint8Array;
  readonly fin: boolean;
}

export class ReassemblyQueue {
  private readonly held = new Map<number, HeldSegment>();
  /** The keys of `held` in sequence order (seqLt: signed distance modulo 2^32)… */
  private readonly starts: number[] = [];
  /** …and their payload lengths, index for index (ranges() reads these, not the map). */
  private readonly lengths: number[] = [];
  /** Payload octets held. */
  bytes = 0;

  get size(): number {
    return this.held.size;
  }

  has(seq: number): boolean {
    return this.held.has(seq);
  }

  get(seq: number): HeldSegment | undefined {
    return this.held.get(seq);
  }

  /** Holds a segment starting at `seq` (the caller checks that none is held there yet). */
  add(seq: number, segment: HeldSegment): void {
    this.held.set(seq, segment);
    this.bytes += segment.payload.length;
    // Arrivals mostly come in ascending order: search from the end.
    let i = this.starts.length;
    while (i > 0 && seqLt(seq, this.starts[i - 1]!)) i--;
    this.starts.splice(i, 0, seq);
    this.lengths.splice(i, 0, segment.payload.length);
  }

  delete(seq: number): void {
    const segment = this.held.get(seq);
    if (!segment) return;
    this.held.delete(seq);
    this.bytes -= segment.payload.length;
    const i = this.starts.indexOf(seq);
    this.starts.splice(i, 1);
    this.lengths.splice(i, 1);
  }

  /**
   * Drops every segment that ends at or before `rcvNxt`. Only segments that start at or before
   * it can (one that starts after it ends after it), and those come first in `starts`.
   */
  dropEndingBy(rcvNxt: number): void {
    let i = 0;
    while (i < this.starts.length && seqLe(this.starts[i]!, rcvNxt)) {
      const seq = this.starts[i]!;
      const length = this.lengths[i]!;
      if (seqLe(seqAdd(seq, length), rcvNxt)) {
        this.held.delete(seq);
        this.bytes -= length;
        this.starts.splice(i, 1);
        this.lengths.splice(i, 1);
      } else i++;
    }
  }

  clear(): void {
    this.held.clear();
    this.starts.length = 0;
    this.lengths.length = 0;
    this.bytes = 0;
  }

  /** The held ranges [start, end) in sequence order, a range joined to the next where it ends exactly at its start. */
  ranges(): [number, number][] {
    const blocks: [number, number][] = [];
    for (let i = 0; i < this.starts.length; i++) {
      const start = this.starts[i]!;
      const end = seqAdd(start, this.lengths[i]!);
      const last = blocks[blocks.length - 1];
      if (last && last[1] === start) last[1] = end;
      else blocks.push([start, end]);
    }
    return blocks;
  }
}
