// Small zeroed byte arrays carved from shared 64 KiB blocks, the way Node's Buffer pool works:
// a fresh Uint8Array over 64 bytes gets its own off-heap backing store, which costs V8 about a
// microsecond to allocate and track, many times the cost of writing a packet into it. A block is
// freed when no array carved from it is reachable. Arrays from here share their `.buffer`: read
// them through `byteOffset`, as every reader in tcpflow does.

const BLOCK = 64 * 1024;
/** Larger arrays get their own backing store: a few of them would fill a block. */
const LARGEST = 4096;

let block = new ArrayBuffer(BLOCK);
let used = 0;

export function zeroedBytes(n: number): Uint8Array {
  if (n > LARGEST) return new Uint8Array(n);
  if (used + n > BLOCK) {
    block = new ArrayBuffer(BLOCK);
    used = 0;
  }
  const out = new Uint8Array(block, used, n);
  used += (n + 7) & ~7;
  return out;
}
