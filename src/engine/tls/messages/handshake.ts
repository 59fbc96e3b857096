// Handshake messages (RFC 5246 §7.4, RFC 8446 §4) as plain objects, and their encoding with the
// 4-byte handshake header (msg_type, uint24 length). Every field a script may name is a field
// here; encode(decode(bytes)) gives the same bytes back. A few bodies differ between TLS 1.2 and
// 1.3 (Certificate, NewSessionTicket) or depend on the key exchange (ClientKeyExchange), so
// decoding takes a `HandshakeContext`.
import { ByteReader, DecodeError, uint, vector } from '../bytes';
import { decodeExtensions, encodeExtensions, type Extension } from './extensions';

export const HANDSHAKE_TYPES = {
  ClientHello: 1,
  ServerHello: 2,
  NewSessionTicket: 4,
  EncryptedExtensions: 8,
  Certificate: 11,
  ServerKeyExchange: 12,
  CertificateRequest: 13,
  ServerHelloDone: 14,
  CertificateVerify: 15,
  ClientKeyExchange: 16,
  Finished: 20,
  KeyUpdate: 24,
} as const;

export type HandshakeTypeName = keyof typeof HANDSHAKE_TYPES;

export function handshakeTypeName(code: number): HandshakeTypeName | undefined {
  return (Object.keys(HANDSHAKE_TYPES) as HandshakeTypeName[]).find((n) => HANDSHAKE_TYPES[n] === code);
}

/** RFC 8446 §4.1.3: a ServerHello with this random is a HelloRetryRequest. */
export const HELLO_RETRY_REQUEST_RANDOM = Buffer.from('cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c', 'hex');

/** RFC 8446 §4.1.3: the last 8 bytes of a TLS 1.3-capable server's random when it negotiates TLS 1.2 ("DOWNGRD" 01). */
export const DOWNGRADE_TO_TLS12 = Buffer.from('444f574e47524401', 'hex');

export interface ClientHello {
  readonly type: 'ClientHello';
  readonly legacyVersion: number;
  readonly random: Buffer;
  readonly sessionId: Buffer;
  readonly cipherSuites: readonly number[];
  readonly compressionMethods: readonly number[];
  readonly extensions: readonly Extension[];
}
export interface ServerHello {
  readonly type: 'ServerHello';
  readonly legacyVersion: number;
  readonly random: Buffer;
  readonly sessionId: Buffer;
  readonly cipherSuite: number;
  readonly compressionMethod: number;
  readonly extensions: readonly Extension[];
}
export interface EncryptedExtensions {
  readonly type: 'EncryptedExtensions';
  readonly extensions: readonly Extension[];
}
export interface CertificateEntry {
  readonly certificate: Buffer; // DER
  readonly extensions: readonly Extension[]; // TLS 1.3 only
}
export interface Certificate {
  readonly type: 'Certificate';
  readonly requestContext: Buffer; // TLS 1.3 only
  readonly entries: readonly CertificateEntry[];
}
export interface CertificateVerify {
  readonly type: 'CertificateVerify';
  readonly scheme: number;
  readonly signature: Buffer;
}
/** ECDHE ServerKeyExchange with a named curve (RFC 8422 §5.4). */
export interface ServerKeyExchange {
  readonly type: 'ServerKeyExchange';
  readonly curveType: number; // 3 = named_curve
  readonly group: number;
  readonly publicKey: Buffer;
  readonly scheme: number;
  readonly signature: Buffer;
}
export interface ServerHelloDone {
  readonly type: 'ServerHelloDone';
}
/** RSA: the encrypted premaster (2-byte length); ECDHE: the client's point (1-byte length). */
export interface ClientKeyExchange {
  readonly type: 'ClientKeyExchange';
  readonly keyExchange: 'rsa' | 'ecdhe';
  readonly exchangeKeys: Buffer;
}
export interface Finished {
  readonly type: 'Finished';
  readonly verifyData: Buffer;
}
export interface NewSessionTicket {
  readonly type: 'NewSessionTicket';
  readonly lifetime: number;
  readonly ageAdd: number; // TLS 1.3 only
  readonly nonce: Buffer; // TLS 1.3 only
  readonly ticket: Buffer;
  readonly extensions: readonly Extension[]; // TLS 1.3 only
}
export interface KeyUpdate {
  readonly type: 'KeyUpdate';
  readonly requestUpdate: boolean;
}
/** Anything else (CertificateRequest, unknown types): kept as raw bytes. */
export interface OpaqueHandshake {
  readonly type: 'Opaque';
  readonly msgType: number;
  readonly body: Buffer;
}

export type HandshakeMessage =
  | ClientHello
  | ServerHello
  | EncryptedExtensions
  | Certificate
  | CertificateVerify
  | ServerKeyExchange
  | ServerHelloDone
  | ClientKeyExchange
  | Finished
  | NewSessionTicket
  | KeyUpdate
  | OpaqueHandshake;

export interface HandshakeContext {
  readonly version: '1.2' | '1.3';
  readonly keyExchange?: 'rsa' | 'ecdhe';
}

export function messageName(m: HandshakeMessage): string {
  if (m.type === 'Opaque') return handshakeTypeName(m.msgType) ?? `handshake_${m.msgType}`;
  if (m.type === 'ServerHello' && m.random.equals(HELLO_RETRY_REQUEST_RANDOM)) return 'HelloRetryRequest';
  return m.type;
}

function encodeBody(m: HandshakeMessage, ctx: HandshakeContext): Buffer {
  switch (m.type) {
    case 'ClientHello':
      return Buffer.concat([
        uint(m.legacyVersion, 2),
        m.random,
        vector(m.sessionId, 1),
        vector(Buffer.concat(m.cipherSuites.map((s) => uint(s, 2))), 2),
        vector(Buffer.from(m.compressionMethods), 1),
        m.extensions.length > 0 ? encodeExtensions(m.extensions) : Buffer.alloc(0),
      ]);
    case 'ServerHello':
      return Buffer.concat([
        uint(m.legacyVersion, 2),
        m.random,
        vector(m.sessionId, 1),
        uint(m.cipherSuite, 2),
        uint(m.compressionMethod, 1),
        m.extensions.length > 0 ? encodeExtensions(m.extensions) : Buffer.alloc(0),
      ]);
    case 'EncryptedExtensions':
      return encodeExtensions(m.extensions);
    case 'Certificate':
      if (ctx.version === '1.3') {
        const list = m.entries.map((e) => Buffer.concat([vector(e.certificate, 3), encodeExtensions(e.extensions)]));
        return Buffer.concat([vector(m.requestContext, 1), vector(Buffer.concat(list), 3)]);
      }
      return vector(Buffer.concat(m.entries.map((e) => vector(e.certificate, 3))), 3);
    case 'CertificateVerify':
      return Buffer.concat([uint(m.scheme, 2), vector(m.signature, 2)]);
    case 'ServerKeyExchange':
      return Buffer.concat([serverKeyExchangeParams(m), uint(m.scheme, 2), vector(m.signature, 2)]);
    case 'ServerHelloDone':
      return Buffer.alloc(0);
    case 'ClientKeyExchange':
      return vector(m.exchangeKeys, m.keyExchange === 'rsa' ? 2 : 1);
    case 'Finished':
      return m.verifyData;
    case 'NewSessionTicket':
      if (ctx.version === '1.3') {
        return Buffer.concat([uint(m.lifetime, 4), uint(m.ageAdd, 4), vector(m.nonce, 1), vector(m.ticket, 2), encodeExtensions(m.extensions)]);
      }
      return Buffer.concat([uint(m.lifetime, 4), vector(m.ticket, 2)]);
    case 'KeyUpdate':
      return Buffer.from([m.requestUpdate ? 1 : 0]);
    case 'Opaque':
      return m.body;
  }
}

/** The signed part of an ECDHE ServerKeyExchange: curve_type, named group, public point. */
export function serverKeyExchangeParams(m: Pick<ServerKeyExchange, 'curveType' | 'group' | 'publicKey'>): Buffer {
  return Buffer.concat([uint(m.curveType, 1), uint(m.group, 2), vector(m.publicKey, 1)]);
}

export function messageCode(m: HandshakeMessage): number {
  return m.type === 'Opaque' ? m.msgType : HANDSHAKE_TYPES[m.type];
}

/** The message with its 4-byte header, as it enters the transcript. */
export function encodeHandshake(m: HandshakeMessage, ctx: HandshakeContext): Buffer {
  const body = encodeBody(m, ctx);
  return Buffer.concat([uint(messageCode(m), 1), uint(body.length, 3), body]);
}

/** Decodes one message body of type `msgType`. Throws DecodeError (→ decode_error alert). */
export function decodeHandshakeBody(msgType: number, body: Buffer, ctx: HandshakeContext): HandshakeMessage {
  const r = new ByteReader(body);
  let m: HandshakeMessage;
  switch (handshakeTypeName(msgType)) {
    case 'ClientHello': {
      const legacyVersion = r.uint(2);
      const random = r.bytes(32);
      const sessionId = r.vector(1);
      const suites = new ByteReader(r.vector(2));
      const cipherSuites: number[] = [];
      while (suites.remaining > 0) cipherSuites.push(suites.uint(2));
      const compressionMethods = [...r.vector(1)];
      m = { type: 'ClientHello', legacyVersion, random, sessionId, cipherSuites, compressionMethods, extensions: decodeExtensions(r) };
      break;
    }
    case 'ServerHello':
      m = {
        type: 'ServerHello',
        legacyVersion: r.uint(2),
        random: r.bytes(32),
        sessionId: r.vector(1),
        cipherSuite: r.uint(2),
        compressionMethod: r.uint(1),
        extensions: decodeExtensions(r),
      };
      break;
    case 'EncryptedExtensions':
      m = { type: 'EncryptedExtensions', extensions: decodeExtensions(r) };
      break;
    case 'Certificate': {
      const requestContext = ctx.version === '1.3' ? r.vector(1) : Buffer.alloc(0);
      const list = new ByteReader(r.vector(3));
      const entries: CertificateEntry[] = [];
      while (list.remaining > 0) {
        const certificate = list.vector(3);
        entries.push({ certificate, extensions: ctx.version === '1.3' ? decodeExtensions(list) : [] });
      }
      m = { type: 'Certificate', requestContext, entries };
      break;
    }
    case 'CertificateVerify':
      m = { type: 'CertificateVerify', scheme: r.uint(2), signature: r.vector(2) };
      break;
    case 'ServerKeyExchange':
      m = { type: 'ServerKeyExchange', curveType: r.uint(1), group: r.uint(2), publicKey: r.vector(1), scheme: r.uint(2), signature: r.vector(2) };
      break;
    case 'ServerHelloDone':
      m = { type: 'ServerHelloDone' };
      break;
    case 'ClientKeyExchange': {
      const keyExchange = ctx.keyExchange ?? 'rsa';
      m = { type: 'ClientKeyExchange', keyExchange, exchangeKeys: r.vector(keyExchange === 'rsa' ? 2 : 1) };
      break;
    }
    case 'Finished':
      m = { type: 'Finished', verifyData: r.rest() };
      break;
    case 'NewSessionTicket':
      m =
        ctx.version === '1.3'
          ? { type: 'NewSessionTicket', lifetime: r.uint(4), ageAdd: r.uint(4), nonce: r.vector(1), ticket: r.vector(2), extensions: decodeExtensions(r) }
          : { type: 'NewSessionTicket', lifetime: r.uint(4), ageAdd: 0, nonce: Buffer.alloc(0), ticket: r.vector(2), extensions: [] };
      break;
    case 'KeyUpdate': {
      const v = r.uint(1);
      if (v > 1) throw new DecodeError('KeyUpdate request_update must be 0 or 1');
      m = { type: 'KeyUpdate', requestUpdate: v === 1 };
      break;
    }
    default:
      m = { type: 'Opaque', msgType, body: r.rest() };
  }
  r.end();
  return m;
}
