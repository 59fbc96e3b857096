// One growing byte buffer that capture files are written into, and the pcapng framing on top of
// it (IETF draft-ietf-opsawg-pcapng): blocks with their two length fields, options with their
// padding. Everything little-endian. The buffer doubles when it fills, so writing N packets
// copies O(N) bytes in all; `bytes()` hands back exactly what was written.

export class ByteWriter {
  private buf: Uint8Array;
  private view: DataView;
  /** Where the next byte goes. */
  at = 0;

  constructor(capacity: number) {
    this.buf = new Uint8Array(Math.max(64, capacity));
    this.view = new DataView(this.buf.buffer);
  }

  /** Room for `n` more bytes; the bytes past `at` are always zero. */
  reserve(n: number): Uint8Array {
    if (this.at + n > this.buf.length) {
      const bigger = new Uint8Array(Math.max(this.buf.length * 2, this.at + n));
      bigger.set(this.buf.subarray(0, this.at));
      this.buf = bigger;
      this.view = new DataView(bigger.buffer);
    }
    return this.buf;
  }

  u16(n: number): void {
    this.reserve(2);
    this.view.setUint16(this.at, n, true);
    this.at += 2;
  }

  u32(n: number): void {
    this.reserve(4);
    this.view.setUint32(this.at, n, true);
    this.at += 4;
  }

  /** A 64-bit value as its high and low 32-bit halves (pcapng timestamps are written this way). */
  u32Pair(high: number, low: number): void {
    this.u32(high);
    this.u32(low);
  }

  /** Rewrites the 32-bit value at `at` (block lengths known only at the end). */
  patch32(at: number, n: number): void {
    this.view.setUint32(at, n, true);
  }

  patch16(at: number, n: number): void {
    this.view.setUint16(at, n, true);
  }

  bytes(b: Uint8Array): void {
    this.reserve(b.length);
    this.buf.set(b, this.at);
    this.at += b.length;
  }

  /** UTF-8 of the text; returns its byte length. ASCII is copied by hand, the rest by TextEncoder. */
  utf8(text: string): number {
    const buf = this.reserve(3 * text.length);
    const start = this.at;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x80) {
        const { written } = encoder.encodeInto(text.slice(i), buf.subarray(start + i));
        this.at = start + i + written;
        return this.at - start;
      }
      buf[start + i] = c;
    }
    this.at = start + text.length;
    return text.length;
  }

  /** Zeros up to the next multiple of 4 (the bytes are already zero). */
  pad4(): void {
    const n = (4 - (this.at & 3)) & 3;
    this.reserve(n);
    this.at += n;
  }

  /** Exactly the bytes written, in a new array. */
  result(): Uint8Array {
    return this.buf.slice(0, this.at);
  }
}

const encoder = new TextEncoder();

/** Starts a block: type and a length patched by `endBlock`; returns where it starts. */
export function startBlock(w: ByteWriter, type: number): number {
  const start = w.at;
  w.u32(type);
  w.u32(0);
  return start;
}

export function endBlock(w: ByteWriter, start: number): void {
  const total = w.at - start + 4;
  w.u32(total);
  w.patch32(start + 4, total);
}

export function option(w: ByteWriter, code: number, value: Uint8Array): void {
  w.u16(code);
  w.u16(value.length);
  w.bytes(value);
  w.pad4();
}

/** An option whose value is UTF-8 text (a comment, a name). */
export function textOption(w: ByteWriter, code: number, text: string): void {
  w.u16(code);
  const lengthAt = w.at;
  w.u16(0);
  w.patch16(lengthAt, w.utf8(text));
  w.pad4();
}

export function endOfOptions(w: ByteWriter): void {
  w.u32(0);
}
