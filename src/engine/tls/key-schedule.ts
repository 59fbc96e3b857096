// Key derivation for both versions.
// TLS 1.3 (RFC 8446 §7.1): Early Secret → Handshake Secret → Master Secret, each traffic secret
// = Derive-Secret(stage secret, label, Transcript-Hash), traffic keys by HKDF-Expand-Label.
// TLS 1.2 (RFC 5246 §8.1, §6.3, §7.4.9): master secret, key block, Finished by the PRF.
import { digest, hashLength, hmac, type HashName } from './crypto/hash';
import { deriveSecret, emptyHash, hkdfExpandLabel, hkdfExtract } from './crypto/hkdf';
import { prf12 } from './crypto/prf';

export interface TrafficKeys {
  readonly key: Buffer;
  readonly iv: Buffer;
}

export function tls13TrafficKeys(hash: HashName, secret: Uint8Array, keyLength: number): TrafficKeys {
  return {
    key: hkdfExpandLabel(hash, secret, 'key', Buffer.alloc(0), keyLength),
    iv: hkdfExpandLabel(hash, secret, 'iv', Buffer.alloc(0), 12),
  };
}

export function tls13FinishedVerifyData(hash: HashName, baseKey: Uint8Array, transcriptHash: Uint8Array): Buffer {
  const finishedKey = hkdfExpandLabel(hash, baseKey, 'finished', Buffer.alloc(0), hashLength(hash));
  return hmac(hash, finishedKey, transcriptHash);
}

export function tls13NextTrafficSecret(hash: HashName, secret: Uint8Array): Buffer {
  return hkdfExpandLabel(hash, secret, 'traffic upd', Buffer.alloc(0), hashLength(hash));
}

/** The TLS 1.3 key schedule without PSK, stage by stage. */
export class KeySchedule {
  readonly earlySecret: Buffer;
  handshakeSecret: Buffer = Buffer.alloc(0);
  masterSecret: Buffer = Buffer.alloc(0);
  clientHandshakeTrafficSecret: Buffer = Buffer.alloc(0);
  serverHandshakeTrafficSecret: Buffer = Buffer.alloc(0);
  clientApplicationTrafficSecret: Buffer = Buffer.alloc(0);
  serverApplicationTrafficSecret: Buffer = Buffer.alloc(0);
  exporterMasterSecret: Buffer = Buffer.alloc(0);
  resumptionMasterSecret: Buffer = Buffer.alloc(0);

  constructor(readonly hash: HashName) {
    this.earlySecret = hkdfExtract(hash, Buffer.alloc(0), Buffer.alloc(hashLength(hash)));
  }

  /** After ServerHello: `transcriptHash` = Hash(ClientHello..ServerHello). */
  handshake(sharedSecret: Uint8Array, transcriptHash: Uint8Array): void {
    const derived = deriveSecret(this.hash, this.earlySecret, 'derived', emptyHash(this.hash));
    this.handshakeSecret = hkdfExtract(this.hash, derived, sharedSecret);
    this.clientHandshakeTrafficSecret = deriveSecret(this.hash, this.handshakeSecret, 'c hs traffic', transcriptHash);
    this.serverHandshakeTrafficSecret = deriveSecret(this.hash, this.handshakeSecret, 's hs traffic', transcriptHash);
  }

  /** After the server Finished: `transcriptHash` = Hash(ClientHello..server Finished). */
  application(transcriptHash: Uint8Array): void {
    const derived = deriveSecret(this.hash, this.handshakeSecret, 'derived', emptyHash(this.hash));
    this.masterSecret = hkdfExtract(this.hash, derived, Buffer.alloc(hashLength(this.hash)));
    this.clientApplicationTrafficSecret = deriveSecret(this.hash, this.masterSecret, 'c ap traffic', transcriptHash);
    this.serverApplicationTrafficSecret = deriveSecret(this.hash, this.masterSecret, 's ap traffic', transcriptHash);
    this.exporterMasterSecret = deriveSecret(this.hash, this.masterSecret, 'exp master', transcriptHash);
  }

  /** After the client Finished: `transcriptHash` = Hash(ClientHello..client Finished). */
  resumption(transcriptHash: Uint8Array): void {
    this.resumptionMasterSecret = deriveSecret(this.hash, this.masterSecret, 'res master', transcriptHash);
  }

  ticketPsk(nonce: Uint8Array): Buffer {
    return hkdfExpandLabel(this.hash, this.resumptionMasterSecret, 'resumption', nonce, hashLength(this.hash));
  }
}

export function tls12MasterSecret(hash: HashName, premaster: Uint8Array, clientRandom: Uint8Array, serverRandom: Uint8Array): Buffer {
  return prf12(hash, premaster, 'master secret', Buffer.concat([clientRandom, serverRandom]), 48);
}

/** RFC 7627 §4: the extended master secret, bound to Hash(ClientHello..ClientKeyExchange). */
export function tls12ExtendedMasterSecret(hash: HashName, premaster: Uint8Array, sessionHash: Uint8Array): Buffer {
  return prf12(hash, premaster, 'extended master secret', sessionHash, 48);
}

export interface Tls12KeyBlock {
  readonly clientKey: Buffer;
  readonly serverKey: Buffer;
  /** The fixed write IVs: the 4-byte GCM salt (RFC 5288 §3) or the 12-byte ChaCha20-Poly1305 IV (RFC 7905 §2). */
  readonly clientIv: Buffer;
  readonly serverIv: Buffer;
}

/** AEAD suites have no MAC keys; only keys and fixed IVs. */
export function tls12KeyBlock(hash: HashName, masterSecret: Uint8Array, clientRandom: Uint8Array, serverRandom: Uint8Array, keyLength: number, ivLength: number): Tls12KeyBlock {
  const block = prf12(hash, masterSecret, 'key expansion', Buffer.concat([serverRandom, clientRandom]), 2 * keyLength + 2 * ivLength);
  return {
    clientKey: block.subarray(0, keyLength),
    serverKey: block.subarray(keyLength, 2 * keyLength),
    clientIv: block.subarray(2 * keyLength, 2 * keyLength + ivLength),
    serverIv: block.subarray(2 * keyLength + ivLength, 2 * keyLength + 2 * ivLength),
  };
}

export function tls12FinishedVerifyData(hash: HashName, masterSecret: Uint8Array, sender: 'client' | 'server', transcriptHash: Uint8Array): Buffer {
  return prf12(hash, masterSecret, `${sender} finished`, transcriptHash, 12);
}

/** The running transcript: every handshake message with its header, in order. */
export class Transcript {
  private readonly messages: Buffer[] = [];

  add(raw: Buffer): void {
    this.messages.push(raw);
  }

  hash(hash: HashName): Buffer {
    return digest(hash, ...this.messages);
  }

  /** RFC 8446 §4.4.1: after a HelloRetryRequest, ClientHello1 is replaced by message_hash. */
  replaceWithMessageHash(hash: HashName): void {
    const h = digest(hash, ...this.messages);
    this.messages.length = 0;
    this.messages.push(Buffer.concat([Buffer.from([254, 0, 0, h.length]), h]));
  }
}
