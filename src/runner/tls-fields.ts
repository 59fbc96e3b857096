// `field=value` on a scripted side's TLS message: each one changes the record that goes on the
// wire, and when the change is one no correct peer accepts, the validator names the rule of
// tls-rules.md on the field. The bytes are changed by `engine/tls/mistakes.ts`, so the stack
// peer really meets the mistake and answers it with its alert.
import type { TlsField, TlsMessageRef } from '../language/ast';
import type { PreparedRecord, TlsEndpoint } from '../engine/tls/endpoint';
import { NAMED_GROUP_CODES, type NamedGroup } from '../engine/tls/crypto/key-exchange';
import { alterHandshake, type Alteration } from '../engine/tls/mistakes';
import { CIPHER_SUITES, suiteByName } from '../engine/tls/messages/cipher-suites';
import { alpnExtension, EXTENSION_TYPES, findExtension, readClientKeyShares, readClientSupportedVersions, readSupportedGroups, type ExtensionName } from '../engine/tls/messages/extensions';
import { decodeHandshakeBody, type ClientHello } from '../engine/tls/messages/handshake';
import { NULL_CIPHER } from '../engine/tls/record-layer';
import type { RunContext } from './context';

/** What the scripted side knows when it sends: its session and the ClientHello it received (a server). */
export interface ScriptedView {
  readonly session: TlsEndpoint;
  readonly hello: ClientHello | undefined;
}

/** One record about to be sealed, and how: in one piece (no 2^14 split), with a broken tag. */
export interface SendPlan {
  record: PreparedRecord;
  whole: boolean;
  badTag: boolean;
}

/** TLS version names as written in scripts, and their wire codes. */
export const TLS_VERSIONS: Readonly<Record<string, number>> = { '1.0': 0x0301, '1.1': 0x0302, '1.2': 0x0303, '1.3': 0x0304 };

/** `00*12` (a byte repeated), or plain hex. */
export function parseHexValue(text: string): Buffer | undefined {
  const repeat = /^([0-9a-f]{2})\*(\d{1,5})$/i.exec(text);
  if (repeat) return Buffer.alloc(Number(repeat[2]), parseInt(repeat[1] ?? '0', 16));
  const plain = text.replace(/^0x/i, '');
  return /^([0-9a-f]{2})*$/i.test(plain) ? Buffer.from(plain, 'hex') : undefined;
}

/** Applies every field of one message to its record, reporting the rule each mistake breaks. */
export function applyFields(ctx: RunContext, message: TlsMessageRef, plan: SendPlan, view: ScriptedView): void {
  for (const field of message.fields) {
    if (field.key === 'tag' && field.value === 'bad') {
      if (!plan.record.cipher.encrypted) unsupported(ctx, field);
      else {
        plan.badTag = true;
        ctx.report('TLS-BAD-RECORD-MAC', field.range);
      }
    } else if (field.key === 'encrypted' && field.value === 'no') {
      if (view.session.messageContext.version !== '1.3' || plan.record.contentType !== 22) unsupported(ctx, field);
      else if (plan.record.cipher.encrypted) {
        plan.record = { ...plan.record, cipher: NULL_CIPHER };
        ctx.report('TLS13-PLAINTEXT-HANDSHAKE', field.range, { message: message.name });
      }
    } else if (field.key === 'payload' && message.name === 'ChangeCipherSpec') {
      const payload = parseHexValue(field.value);
      if (!payload) badValue(ctx, field, '01');
      else {
        if (!payload.equals(plan.record.plaintext)) ctx.report('TLS-CCS-MISPLACED', field.range, { detail: `payload is ${field.value}, not 01`, detailZh: `载荷是 ${field.value} 而不是 01` });
        plan.record.plaintext = payload;
      }
    } else if (field.key === 'data' || field.key === 'size' || field.key === 'premaster_version') {
      // read where the record is made (tls-scripted.ts)
    } else alterMessage(ctx, message, field, plan, view);
  }
}

function alterMessage(ctx: RunContext, message: TlsMessageRef, field: TlsField, plan: SendPlan, view: ScriptedView): void {
  const change = alteration(ctx, message, field, plan, view);
  if (change === null) return;
  const altered = change && alterHandshake(plan.record.plaintext, change, view.session.messageContext);
  if (!altered) {
    unsupported(ctx, field);
    return;
  }
  plan.record.plaintext = altered;
}

/** The alteration a field asks for (reporting the rule it breaks); null: the value was refused. */
function alteration(ctx: RunContext, message: TlsMessageRef, field: TlsField, plan: SendPlan, view: ScriptedView): Alteration | undefined | null {
  const hello = view.hello;
  const tls13 = view.session.messageContext.version === '1.3';
  switch (field.key) {
    case 'suite': {
      const suite = suiteByName(field.value);
      if (!suite) return badValue(ctx, field, CIPHER_SUITES.map((c) => c.name).join(', '));
      if (hello && !hello.cipherSuites.includes(suite.code)) ctx.report('TLS-SUITE-NOT-OFFERED', field.range, { suite: field.value });
      return { kind: 'suite', code: suite.code };
    }
    case 'session_id': {
      const value = parseHexValue(field.value);
      if (!value || value.length > 32) return badValue(ctx, field, '00*32');
      if (tls13 && hello && !value.equals(hello.sessionId)) ctx.report('TLS13-SESSION-ID-ECHO', field.range);
      return { kind: 'sessionId', value };
    }
    case 'version': {
      const code = TLS_VERSIONS[field.value];
      if (code === undefined || !tls13) return code === undefined ? badValue(ctx, field, Object.keys(TLS_VERSIONS).join(', ')) : undefined;
      const offered = hello ? readClientSupportedVersions(findExtension(hello.extensions, 'supported_versions') ?? Buffer.from([0])) : [];
      if (!offered.includes(code)) ctx.report('TLS-VERSION-NOT-OFFERED', field.range, { detail: `TLS ${field.value} in supported_versions was not offered`, detailZh: `supported_versions 中的 TLS ${field.value} 客户端没有提供` });
      return { kind: 'supportedVersion', version: code };
    }
    case 'group': {
      const code = NAMED_GROUP_CODES[field.value as NamedGroup];
      if (code === undefined) return badValue(ctx, field, Object.keys(NAMED_GROUP_CODES).join(', '));
      const shares = hello ? readClientKeyShares(findExtension(hello.extensions, 'key_share') ?? Buffer.from([0, 0])) : [];
      if (message.name === 'HelloRetryRequest') {
        // RFC 8446 §4.2.8: a group from supported_groups that the client sent no share for.
        const supported = hello ? readSupportedGroups(findExtension(hello.extensions, 'supported_groups') ?? Buffer.from([0, 0])) : [];
        if (!supported.includes(code) || shares.some((s) => s.group === code)) {
          ctx.report('TLS-VERSION-NOT-OFFERED', field.range, { detail: `HelloRetryRequest asks for ${field.value}, which is not a group the client supports without a share`, detailZh: `HelloRetryRequest 要求 ${field.value}，但它不是客户端支持且尚未发送密钥份额的组` });
        }
      } else if (!shares.some((s) => s.group === code)) ctx.report('TLS-VERSION-NOT-OFFERED', field.range, { detail: `key_share for ${field.value}, a group the client sent no share for`, detailZh: `key_share 使用了 ${field.value}，客户端没有为这个组发送密钥份额` });
      return { kind: 'keyShareGroup', group: code };
    }
    case 'add_extension': {
      const type = EXTENSION_TYPES[field.value as ExtensionName];
      if (type === undefined) return badValue(ctx, field, Object.keys(EXTENSION_TYPES).join(', '));
      const present = presentExtension(plan.record.plaintext, type, view);
      if (present) ctx.report('TLS-MISSING-EXTENSION', field.range, { extension: field.value });
      else if (hello && !hello.extensions.some((e) => e.type === type)) ctx.report('TLS-EXT-NOT-OFFERED', field.range, { extension: field.value });
      const data = present ?? (field.value === 'application_layer_protocol_negotiation' ? alpnExtension(['h2']).data : Buffer.alloc(0));
      return { kind: 'addExtension', extension: { type, data } };
    }
    case 'drop_extension': {
      if (field.value !== 'key_share' || !tls13) return badValue(ctx, field, 'key_share');
      ctx.report('TLS-MISSING-EXTENSION', field.range, { extension: field.value });
      return { kind: 'dropExtension', type: EXTENSION_TYPES.key_share };
    }
    case 'verify_data': {
      const value = parseHexValue(field.value);
      if (!value) return badValue(ctx, field, '00*12');
      if (message.name === 'Finished' && !value.equals(plan.record.plaintext.subarray(4))) ctx.report('TLS-FINISHED-MISMATCH', field.range);
      return { kind: 'verifyData', value };
    }
    case 'signature':
      if (field.value !== 'bad') return badValue(ctx, field, 'bad');
      if (message.name === 'CertificateVerify' || message.name === 'ServerKeyExchange') ctx.report('TLS-BAD-SIGNATURE', field.range, { message: message.name });
      return { kind: 'badSignature' };
    default:
      return undefined;
  }
}

/** The data of an extension the handshake message already carries (ServerHello, EncryptedExtensions). */
function presentExtension(plaintext: Buffer, type: number, view: ScriptedView): Buffer | undefined {
  const m = decodeHandshakeBody(plaintext[0] ?? 0, plaintext.subarray(4), view.session.messageContext);
  return m.type === 'ServerHello' || m.type === 'EncryptedExtensions' ? m.extensions.find((e) => e.type === type)?.data : undefined;
}

function badValue(ctx: RunContext, field: TlsField, valid: string): null {
  ctx.report('SETTING-RANGE', field.valueRange, { key: field.key, value: field.value, valid });
  return null;
}

function unsupported(ctx: RunContext, field: TlsField): void {
  ctx.report('UNSUPPORTED', field.range, { what: `${field.key}=${field.value}` });
}
