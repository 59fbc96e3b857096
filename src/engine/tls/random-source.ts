// Where the TLS engine's randomness comes from: randoms, ephemeral keys, RSA padding, PSS salts
// and session ids are all drawn from one `RandomSource`. The engine's is seeded, so the same
// script and seed give the same bytes.
import { SeededRandom } from '../random';

export interface RandomSource {
  bytes(n: number): Uint8Array;
}

export class SeededRandomSource implements RandomSource {
  private readonly random: SeededRandom;
  constructor(seed: number | SeededRandom) {
    this.random = typeof seed === 'number' ? new SeededRandom(seed) : seed;
  }

  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i += 4) {
      const word = this.random.uint32();
      for (let j = 0; j < 4 && i + j < n; j++) out[i + j] = (word >>> (8 * j)) & 0xff;
    }
    return out;
  }
}
