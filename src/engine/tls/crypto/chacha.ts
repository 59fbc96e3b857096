// ChaCha20-Poly1305 (RFC 8439 §2.8), from one of two places, chosen once at run time:
// node:crypto's `chacha20-poly1305` when the runtime has it (Node on OpenSSL), else the pure-JS
// `@noble/ciphers` (desktop VS Code runs on Electron, whose BoringSSL does not offer it through
// createCipheriv). Both give the same bytes; tests force either with `setChaChaBackend`.
import { createCipheriv, createDecipheriv, getCiphers } from 'node:crypto';
import type { chacha20poly1305 as NobleChaCha } from '@noble/ciphers/chacha.js' with { 'resolution-mode': 'import' };

export type ChaChaBackend = 'node' | 'noble';

export const CHACHA_TAG_LENGTH = 16;

let detected: ChaChaBackend | undefined;
let forced: ChaChaBackend | undefined;
let noble: typeof NobleChaCha | undefined;

/** Which implementation seals and opens: the test override, else what the runtime offers. */
export function chachaBackend(): ChaChaBackend {
  if (forced) return forced;
  detected ??= getCiphers().includes('chacha20-poly1305') ? 'node' : 'noble';
  return detected;
}

/** Tests: force one implementation (`undefined` returns to detection). */
export function setChaChaBackend(backend: ChaChaBackend | undefined): void {
  forced = backend;
}

function nobleChaCha(): typeof NobleChaCha {
  // @noble/ciphers is ESM-only; Node ≥ 20.19 and the esbuild bundles load it through require.
  noble ??= (require('@noble/ciphers/chacha.js') as { chacha20poly1305: typeof NobleChaCha }).chacha20poly1305;
  return noble;
}

/** Returns ciphertext ‖ tag. */
export function chachaSeal(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): Buffer {
  if (chachaBackend() === 'noble') return Buffer.from(nobleChaCha()(key, nonce, aad).encrypt(plaintext));
  const cipher = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: CHACHA_TAG_LENGTH });
  cipher.setAAD(aad, { plaintextLength: plaintext.length });
  return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

/** Opens ciphertext ‖ tag; returns undefined when the tag does not verify. */
export function chachaOpen(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, sealed: Uint8Array): Buffer | undefined {
  if (sealed.length < CHACHA_TAG_LENGTH) return undefined;
  if (chachaBackend() === 'noble') {
    try {
      return Buffer.from(nobleChaCha()(key, nonce, aad).decrypt(sealed));
    } catch {
      return undefined;
    }
  }
  const body = sealed.subarray(0, sealed.length - CHACHA_TAG_LENGTH);
  const decipher = createDecipheriv('chacha20-poly1305', key, nonce, { authTagLength: CHACHA_TAG_LENGTH });
  decipher.setAAD(aad, { plaintextLength: body.length });
  decipher.setAuthTag(sealed.subarray(sealed.length - CHACHA_TAG_LENGTH));
  try {
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    return undefined;
  }
}
