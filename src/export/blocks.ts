// Little building blocks of the pcapng format (IETF draft-ietf-opsawg-pcapng): a block with its
// two length fields, an option with its padding, byte concatenation. Everything little-endian.
import { concatBytes } from '../engine/bytes';

export function block(type: number, body: Uint8Array): Uint8Array {
  const total = 12 + body.length;
  const out = new Uint8Array(total);
  const v = new DataView(out.buffer);
  v.setUint32(0, type, true);
  v.setUint32(4, total, true);
  out.set(body, 8);
  v.setUint32(total - 4, total, true);
  return out;
}

export function option(code: number, value: Uint8Array): Uint8Array {
  const padded = (value.length + 3) & ~3;
  const out = new Uint8Array(4 + padded);
  const v = new DataView(out.buffer);
  v.setUint16(0, code, true);
  v.setUint16(2, value.length, true);
  out.set(value, 4);
  return out;
}

export const END_OF_OPTIONS = new Uint8Array(4);

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Blocks and options laid end to end. */
export const concatAll = concatBytes;
