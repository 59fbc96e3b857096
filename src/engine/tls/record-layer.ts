// The record layer (RFC 5246 §6.2, RFC 8446 §5): the 5-byte header (type, legacy version,
// length), fragmentation at 2^14 bytes, AEAD protection per direction with its own sequence
// number, and reassembly of records from a byte stream that TCP may split or coalesce anywhere.
import { DecodeError, uint } from './bytes';
import { aeadOpen, aeadSeal, AEAD_TAG_LENGTH, gcmOpen, gcmSeal, sequenceBytes, tls12Nonce, xorNonce, type AeadName } from './crypto/aead';
import { TlsAlertError } from './messages/alert';

export const CONTENT_TYPES = { change_cipher_spec: 20, alert: 21, handshake: 22, application_data: 23 } as const;
export type ContentTypeName = keyof typeof CONTENT_TYPES;

export function contentTypeName(code: number): ContentTypeName | undefined {
  return (Object.keys(CONTENT_TYPES) as ContentTypeName[]).find((n) => CONTENT_TYPES[n] === code);
}

export const MAX_PLAINTEXT = 2 ** 14;
const HEADER_LENGTH = 5;

/** A record as it is on the wire. */
export interface TlsRecord {
  readonly contentType: number;
  readonly version: number;
  readonly fragment: Buffer;
}

export function encodeRecord(r: TlsRecord): Buffer {
  return Buffer.concat([uint(r.contentType, 1), uint(r.version, 2), uint(r.fragment.length, 2), r.fragment]);
}

export interface Opened {
  readonly contentType: number;
  readonly plaintext: Buffer;
}

/** How one direction protects its records in one epoch. */
export interface RecordCipher {
  readonly name: string;
  readonly encrypted: boolean;
  seal(contentType: number, version: number, plaintext: Buffer, seq: bigint): TlsRecord;
  /** Throws AuthenticationError when the tag fails (→ bad_record_mac). */
  open(record: TlsRecord, seq: bigint): Opened;
}

export const NULL_CIPHER: RecordCipher = {
  name: 'null',
  encrypted: false,
  seal: (contentType, version, plaintext) => ({ contentType, version, fragment: plaintext }),
  open: (record) => ({ contentType: record.contentType, plaintext: record.fragment }),
};

/** TLS 1.2 additional data (RFC 5246 §6.2.3.3): seq ‖ type ‖ version ‖ plaintext length. */
function tls12Aad(seq: bigint, contentType: number, version: number, length: number): Buffer {
  return Buffer.concat([sequenceBytes(seq), uint(contentType, 1), uint(version, 2), uint(length, 2)]);
}

/** The TLS 1.2 record cipher of a suite's AEAD, from the key block's key and fixed IV. */
export function tls12Cipher(aead: AeadName, key: Buffer, iv: Buffer): RecordCipher {
  return aead === 'aes-gcm' ? new Tls12GcmCipher(key, iv) : new Tls12ChaChaCipher(key, iv);
}

/** TLS 1.2 AES-GCM (RFC 5288): explicit nonce = the sequence number, as OpenSSL does. */
export class Tls12GcmCipher implements RecordCipher {
  readonly name = 'tls12-aes-gcm';
  readonly encrypted = true;
  constructor(
    private readonly key: Buffer,
    private readonly salt: Buffer,
  ) {}

  private aad(seq: bigint, contentType: number, version: number, length: number): Buffer {
    return tls12Aad(seq, contentType, version, length);
  }

  seal(contentType: number, version: number, plaintext: Buffer, seq: bigint): TlsRecord {
    const explicit = sequenceBytes(seq);
    const sealed = gcmSeal(this.key, tls12Nonce(this.salt, explicit), this.aad(seq, contentType, version, plaintext.length), plaintext);
    return { contentType, version, fragment: Buffer.concat([explicit, sealed]) };
  }

  open(record: TlsRecord, seq: bigint): Opened {
    if (record.fragment.length < 8 + AEAD_TAG_LENGTH) throw new DecodeError('GCM record too short');
    const explicit = record.fragment.subarray(0, 8);
    const sealed = record.fragment.subarray(8);
    const aad = this.aad(seq, record.contentType, record.version, sealed.length - AEAD_TAG_LENGTH);
    return { contentType: record.contentType, plaintext: gcmOpen(this.key, tls12Nonce(this.salt, explicit), aad, sealed) };
  }
}

/** TLS 1.2 ChaCha20-Poly1305 (RFC 7905 §2): no explicit nonce; nonce = IV XOR sequence number. */
export class Tls12ChaChaCipher implements RecordCipher {
  readonly name = 'tls12-chacha20-poly1305';
  readonly encrypted = true;
  constructor(
    private readonly key: Buffer,
    private readonly iv: Buffer,
  ) {}

  seal(contentType: number, version: number, plaintext: Buffer, seq: bigint): TlsRecord {
    const aad = tls12Aad(seq, contentType, version, plaintext.length);
    return { contentType, version, fragment: aeadSeal('chacha20-poly1305', this.key, xorNonce(this.iv, seq), aad, plaintext) };
  }

  open(record: TlsRecord, seq: bigint): Opened {
    if (record.fragment.length < AEAD_TAG_LENGTH) throw new DecodeError('ChaCha20-Poly1305 record too short');
    const aad = tls12Aad(seq, record.contentType, record.version, record.fragment.length - AEAD_TAG_LENGTH);
    return { contentType: record.contentType, plaintext: aeadOpen('chacha20-poly1305', this.key, xorNonce(this.iv, seq), aad, record.fragment) };
  }
}

/** TLS 1.3 (RFC 8446 §5.2): TLSInnerPlaintext = content ‖ type ‖ zeros, sent as application_data. */
export class Tls13Cipher implements RecordCipher {
  readonly name = 'tls13-aead';
  readonly encrypted = true;
  constructor(
    private readonly aead: AeadName,
    private readonly key: Buffer,
    private readonly iv: Buffer,
  ) {}

  seal(contentType: number, _version: number, plaintext: Buffer, seq: bigint): TlsRecord {
    const inner = Buffer.concat([plaintext, Buffer.from([contentType])]);
    const length = inner.length + AEAD_TAG_LENGTH;
    const aad = Buffer.from([CONTENT_TYPES.application_data, 3, 3, length >> 8, length & 0xff]);
    return { contentType: CONTENT_TYPES.application_data, version: 0x0303, fragment: aeadSeal(this.aead, this.key, xorNonce(this.iv, seq), aad, inner) };
  }

  open(record: TlsRecord, seq: bigint): Opened {
    const aad = Buffer.concat([uint(record.contentType, 1), uint(record.version, 2), uint(record.fragment.length, 2)]);
    const inner = aeadOpen(this.aead, this.key, xorNonce(this.iv, seq), aad, record.fragment);
    let end = inner.length;
    while (end > 0 && inner[end - 1] === 0) end--;
    if (end === 0) throw new TlsAlertError('unexpected_message', 'TLSInnerPlaintext has no content type');
    return { contentType: inner[end - 1] ?? 0, plaintext: inner.subarray(0, end - 1) };
  }
}

/** One direction's protection state: the cipher of the current epoch and its sequence number. */
export class RecordDirection {
  cipher: RecordCipher = NULL_CIPHER;
  seq = 0n;

  changeCipher(cipher: RecordCipher): void {
    this.cipher = cipher;
    this.seq = 0n;
  }
}

/**
 * Splits `data` into records of at most `maxFragment` bytes and protects them. Empty data gives
 * one empty record (only legal for application_data; the caller decides).
 */
export function sealRecords(dir: RecordDirection, contentType: number, version: number, data: Buffer, maxFragment = MAX_PLAINTEXT): TlsRecord[] {
  const out: TlsRecord[] = [];
  for (let at = 0; at < data.length || (at === 0 && data.length === 0); at += maxFragment) {
    out.push(dir.cipher.seal(contentType, version, data.subarray(at, at + maxFragment), dir.seq));
    dir.seq++;
    if (data.length === 0) break;
  }
  return out;
}

/** Collects bytes from the stream and hands out whole records (RFC 5246 §6.2.1). */
export class RecordReader {
  private buffered: Buffer = Buffer.alloc(0);

  push(bytes: Uint8Array): void {
    this.buffered = Buffer.concat([this.buffered, bytes]);
  }

  get pendingBytes(): number {
    return this.buffered.length;
  }

  /** The next whole record, or undefined until more bytes arrive. */
  next(): TlsRecord | undefined {
    if (this.buffered.length < HEADER_LENGTH) return undefined;
    const length = this.buffered.readUInt16BE(3);
    if (length > MAX_PLAINTEXT + 2048) throw new TlsAlertError('record_overflow', `record of ${length} bytes exceeds 2^14 + 2048`);
    if (this.buffered.length < HEADER_LENGTH + length) return undefined;
    const record: TlsRecord = {
      contentType: this.buffered[0] ?? 0,
      version: this.buffered.readUInt16BE(1),
      fragment: Buffer.from(this.buffered.subarray(HEADER_LENGTH, HEADER_LENGTH + length)),
    };
    this.buffered = this.buffered.subarray(HEADER_LENGTH + length);
    return record;
  }
}

export interface RawHandshake {
  readonly msgType: number;
  readonly body: Buffer;
  /** Header + body, as it enters the transcript. */
  readonly raw: Buffer;
}

/** Reassembles handshake messages that span records, and splits records holding several. */
export class HandshakeReassembler {
  private buffered: Buffer = Buffer.alloc(0);

  get hasPartialMessage(): boolean {
    return this.buffered.length > 0;
  }

  push(fragment: Buffer): RawHandshake[] {
    this.buffered = Buffer.concat([this.buffered, fragment]);
    const out: RawHandshake[] = [];
    while (this.buffered.length >= 4) {
      const length = this.buffered.readUIntBE(1, 3);
      if (this.buffered.length < 4 + length) break;
      const raw = Buffer.from(this.buffered.subarray(0, 4 + length));
      out.push({ msgType: raw[0] ?? 0, body: raw.subarray(4), raw });
      this.buffered = this.buffered.subarray(4 + length);
    }
    return out;
  }
}
