// Mistakes made on purpose by a `scripted` TLS side (tls-rules.md): each alteration takes the
// plaintext of one prepared handshake record (one message: the engine prepares a record per
// message) and returns it changed, or undefined when it does not apply to that message. The
// runner uses them for `field=value` on a scripted TLS line; the interop tests use them so that
// OpenSSL sees the same mistake.
import { uint } from './bytes';
import { decodeHandshakeBody, encodeHandshake, type HandshakeContext, type HandshakeMessage } from './messages/handshake';
import { EXTENSION_TYPES, serverKeyShareExtension, serverSupportedVersionsExtension, type Extension } from './messages/extensions';

export type Alteration =
  /** ServerHello.cipher_suite. */
  | { readonly kind: 'suite'; readonly code: number }
  /** ServerHello.legacy_session_id_echo. */
  | { readonly kind: 'sessionId'; readonly value: Buffer }
  /** The selected version in a TLS 1.3 ServerHello's supported_versions. */
  | { readonly kind: 'supportedVersion'; readonly version: number }
  /** The group of a TLS 1.3 ServerHello's key_share (the key bytes are kept), or of a HelloRetryRequest's. */
  | { readonly kind: 'keyShareGroup'; readonly group: number }
  /** One more extension (ServerHello, EncryptedExtensions); the same type twice is a duplicate. */
  | { readonly kind: 'addExtension'; readonly extension: Extension }
  | { readonly kind: 'dropExtension'; readonly type: number }
  /** Finished.verify_data. */
  | { readonly kind: 'verifyData'; readonly value: Buffer }
  /** CertificateVerify or ServerKeyExchange: the signature's last byte flipped. */
  | { readonly kind: 'badSignature' };

/** The altered record plaintext, or undefined if the alteration does not fit this message. */
export function alterHandshake(plaintext: Buffer, change: Alteration, context: HandshakeContext): Buffer | undefined {
  if (plaintext.length < 4 || plaintext.readUIntBE(1, 3) !== plaintext.length - 4) return undefined;
  const message = decodeHandshakeBody(plaintext[0] ?? 0, plaintext.subarray(4), context);
  const altered = alter(message, change);
  return altered && encodeHandshake(altered, context);
}

function alter(m: HandshakeMessage, change: Alteration): HandshakeMessage | undefined {
  switch (change.kind) {
    case 'suite':
      return m.type === 'ServerHello' ? { ...m, cipherSuite: change.code } : undefined;
    case 'sessionId':
      return m.type === 'ServerHello' ? { ...m, sessionId: change.value } : undefined;
    case 'supportedVersion':
      return m.type === 'ServerHello' ? withExtension(m, serverSupportedVersionsExtension(change.version)) : undefined;
    case 'keyShareGroup': {
      if (m.type !== 'ServerHello') return undefined;
      const share = m.extensions.find((e) => e.type === EXTENSION_TYPES.key_share);
      if (!share) return undefined;
      // A HelloRetryRequest's key_share is the selected group alone (RFC 8446 §4.2.8).
      if (share.data.length === 2) return withExtension(m, { type: EXTENSION_TYPES.key_share, data: uint(change.group, 2) });
      if (share.data.length < 4) return undefined;
      return withExtension(m, serverKeyShareExtension({ group: change.group, keyExchange: share.data.subarray(4) }));
    }
    case 'addExtension':
      return m.type === 'ServerHello' || m.type === 'EncryptedExtensions' ? { ...m, extensions: [...m.extensions, change.extension] } : undefined;
    case 'dropExtension':
      return m.type === 'ServerHello' || m.type === 'EncryptedExtensions' ? { ...m, extensions: m.extensions.filter((e) => e.type !== change.type) } : undefined;
    case 'verifyData':
      return m.type === 'Finished' ? { ...m, verifyData: change.value } : undefined;
    case 'badSignature':
      return m.type === 'CertificateVerify' || m.type === 'ServerKeyExchange' ? { ...m, signature: flipLastByte(m.signature) } : undefined;
  }
}

/** Replaces the extension of the same type in place (keeps the order the engine chose). */
function withExtension<M extends { readonly extensions: readonly Extension[] }>(m: M, extension: Extension): M {
  return { ...m, extensions: m.extensions.map((e) => (e.type === extension.type ? extension : e)) };
}

/** A sealed record with its AEAD tag's last byte flipped (TLS-BAD-RECORD-MAC). */
export function flipLastByte(bytes: Buffer): Buffer {
  const out = Buffer.from(bytes);
  if (out.length > 0) out[out.length - 1] = (out[out.length - 1] ?? 0) ^ 0x01;
  return out;
}
