// Byte helpers for TLS's wire format (RFC 8446 §3): big-endian integers and vectors with a
// 1-, 2- or 3-byte length prefix. `ByteWriter` builds, `ByteReader` parses and throws
// `DecodeError` (→ a decode_error alert) when the bytes run out.

export class DecodeError extends Error {}

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/** Parses hex, ignoring whitespace (so RFC dumps can be pasted as they are). */
export function fromHex(text: string): Buffer {
  return Buffer.from(text.replace(/[^0-9a-fA-F]/g, ''), 'hex');
}

export function concat(...parts: Uint8Array[]): Buffer {
  return Buffer.concat(parts);
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

export function uint(value: number, width: 1 | 2 | 3 | 4): Buffer {
  const out = Buffer.alloc(width);
  out.writeUIntBE(value, 0, width);
  return out;
}

/** `width`-byte length prefix followed by the body: TLS's `opaque x<0..2^(8·width)-1>`. */
export function vector(body: Uint8Array, width: 1 | 2 | 3): Buffer {
  if (body.length >= 2 ** (8 * width)) throw new RangeError(`vector of ${body.length} bytes does not fit a ${width}-byte length`);
  return Buffer.concat([uint(body.length, width), body]);
}

export class ByteReader {
  private offset = 0;
  constructor(private readonly data: Uint8Array) {}

  get remaining(): number {
    return this.data.length - this.offset;
  }

  bytes(n: number): Buffer {
    if (n > this.remaining) throw new DecodeError(`needed ${n} bytes, only ${this.remaining} left`);
    const out = Buffer.from(this.data.subarray(this.offset, this.offset + n));
    this.offset += n;
    return out;
  }

  uint(width: 1 | 2 | 3 | 4): number {
    return this.bytes(width).readUIntBE(0, width);
  }

  vector(width: 1 | 2 | 3): Buffer {
    return this.bytes(this.uint(width));
  }

  rest(): Buffer {
    return this.bytes(this.remaining);
  }

  end(): void {
    if (this.remaining !== 0) throw new DecodeError(`${this.remaining} trailing bytes`);
  }
}
