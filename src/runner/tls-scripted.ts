// A `scripted` TLS side: its engine TLS endpoint prepares the records a correct peer would send
// (`holdRecords`), but nothing leaves until a TLS line from that side names the messages. The
// line may leave a message out, put them in another order, add a record the engine would never
// send (ApplicationData before Finished, a stray ChangeCipherSpec) or change fields
// (`tls-fields.ts`); each record is sealed only when sent, so sequence numbers follow the wire.
// The validator names the rule of tls-rules.md that the mistake breaks, and the stack peer
// answers it with the alert a correct implementation sends.
import type { Range, TlsMessageRef, TlsPacketStmt } from '../language/ast';
import type { FlagName } from '../language/ast';
import { concatBytes } from '../engine/bytes';
import type { Segment } from '../engine/tcp/segment';
import { TlsClient } from '../engine/tls/client';
import type { PreparedRecord, TlsEndpoint } from '../engine/tls/endpoint';
import { flipLastByte } from '../engine/tls/mistakes';
import { findExtension, readServerName } from '../engine/tls/messages/extensions';
import { decodeHandshakeBody, type ClientHello } from '../engine/tls/messages/handshake';
import { contentTypeName, MAX_PLAINTEXT } from '../engine/tls/record-layer';
import type { RunContext } from './context';
import { applyFields, TLS_VERSIONS, type SendPlan } from './tls-fields';
import type { WorldEndpoint } from './world';

/** A record the scripted side's engine prepared, waiting for a line to send it. */
export interface HeldRecord {
  readonly type: string;
  readonly messages: readonly string[];
  readonly prepared: PreparedRecord;
}

/** A record a line put on the wire. */
export interface SentRecordInfo {
  readonly type: string;
  readonly messages: readonly string[];
  readonly length: number;
}

/** The scripted server's certificate as `tls accept` made it, and the virtual clock's wall time. */
export interface CertificateSpec {
  readonly name: string;
  readonly notBeforeMs: number;
  readonly notAfterMs: number;
  readonly nowMs: number;
}

/** What a scripted side's line works with (TlsAttachment). */
export interface ScriptedSide {
  readonly session: TlsEndpoint;
  readonly held: HeldRecord[];
  /** The ClientHello a scripted server received. */
  readonly hello: ClientHello | undefined;
  readonly certificate: CertificateSpec | undefined;
}

/** The ClientHello at the start of what a scripted server received. */
export function readClientHello(received: Uint8Array): ClientHello | undefined {
  const bytes = Buffer.from(received);
  if (bytes.length < 9 || bytes[0] !== 22 || bytes[5] !== 1) return undefined;
  const length = bytes.readUIntBE(6, 3);
  if (bytes.length < 9 + length) return undefined;
  try {
    const m = decodeHandshakeBody(1, bytes.subarray(9, 9 + length), { version: '1.3' });
    return m.type === 'ClientHello' ? m : undefined;
  } catch {
    return undefined;
  }
}

/** Before the line's records are prepared: mistakes the engine itself must make (the premaster's version). */
export function prepareMistakes(ctx: RunContext, stmt: TlsPacketStmt, side: ScriptedSide): void {
  for (const message of stmt.messages) {
    const field = message.fields.find((f) => f.key === 'premaster_version');
    if (!field) continue;
    const code = TLS_VERSIONS[field.value];
    if (code === undefined || !(side.session instanceof TlsClient)) {
      ctx.report('SETTING-RANGE', field.valueRange, { key: field.key, value: field.value, valid: Object.keys(TLS_VERSIONS).join(', ') });
      continue;
    }
    side.session.premasterVersion = code;
    if (code !== 0x0303) ctx.report('TLS-PMS-VERSION', field.range);
  }
}

/** Sends the records a TLS line names from a scripted side, in the line's order, with its fields. */
export function injectTlsRecords(ctx: RunContext, stmt: TlsPacketStmt, sender: WorldEndpoint, dst: WorldEndpoint, line: number, side: ScriptedSide): SentRecordInfo[] | null {
  const plans: { plan: SendPlan; message: TlsMessageRef; names: readonly string[] }[] = [];
  let judged = false;
  for (const message of stmt.messages) {
    const synthesize = message.name === 'ApplicationData' && message.fields.some((f) => f.key === 'data' || f.key === 'size');
    const i = synthesize ? -1 : side.held.findIndex((r) => r.messages.some((m) => sameMessage(m, message.name)));
    let record: PreparedRecord | null;
    let names: readonly string[];
    if (i < 0) {
      record = extraRecord(ctx, message, side);
      names = [message.name];
      if (!record) {
        // The side's TLS engine has no such message to send at this point of the handshake.
        ctx.report('CALL-STATE', message.range, { endpoint: sender.spec.name, call: `TLS ${message.name}`, state: side.session.state, errno: 'EAGAIN' });
        return null;
      }
    } else {
      judged ||= judgeOrder(ctx, message, side.held.slice(0, i));
      const [held] = side.held.splice(i, 1);
      record = held!.prepared;
      names = held!.messages;
    }
    checkMessage(ctx, message, side);
    const plan: SendPlan = { record, whole: false, badTag: false };
    applyFields(ctx, message, plan, { session: side.session, hello: side.hello });
    if (plan.record.plaintext.length > MAX_PLAINTEXT && synthesize) plan.whole = true;
    plans.push({ plan, message, names });
  }
  const sealed = plans.map(({ plan }) => {
    const bytes = side.session.sealPrepared(plan.record, plan.whole);
    return plan.badTag ? flipLastByte(bytes) : bytes;
  });
  const bytes = concatBytes(sealed);
  const label = `TLS ${plans.flatMap((p) => p.names).join(', ')}`;
  if (!sendSegment(ctx, stmt.range, sender, dst, line, bytes, label)) return null;
  return plans.map(({ plan, names }, k) => ({ type: contentTypeName(plan.record.contentType) ?? 'unknown', messages: names, length: sealed[k]!.length }));
}

/** `Alert` matches `Alert(fatal, illegal_parameter)`; names compare case-insensitively. */
export function sameMessage(actual: string, written: string): boolean {
  const a = actual.toLowerCase();
  const w = written.toLowerCase();
  return a === w || a.startsWith(`${w}(`);
}

/**
 * A line that sends a later message while earlier handshake messages are still waiting: the
 * peer meets a message out of order. Returns whether a rule was reported (once per line).
 */
function judgeOrder(ctx: RunContext, message: TlsMessageRef, before: readonly HeldRecord[]): boolean {
  const skipped = before.find((r) => r.type === 'handshake' || r.type === 'change_cipher_spec')?.messages[0];
  if (!skipped) return false;
  const range = nameRange(message);
  if (skipped === 'ChangeCipherSpec') {
    ctx.report('TLS-CCS-MISPLACED', range, { detail: `${message.name} without ChangeCipherSpec before it`, detailZh: `${message.name} 之前没有 ChangeCipherSpec` });
  } else if (message.name === 'ChangeCipherSpec') {
    ctx.report('TLS-CCS-MISPLACED', range, { detail: `before ${skipped}`, detailZh: `在 ${skipped} 之前` });
  } else if (skipped === 'ServerKeyExchange') {
    ctx.report('TLS-KEX-MISMATCH', range, { detail: 'ECDHE key exchange without ServerKeyExchange', detailZh: 'ECDHE 密钥交换却没有 ServerKeyExchange' });
  } else ctx.report('TLS-UNEXPECTED-MESSAGE', range, { message: message.name, expected: skipped });
  return true;
}

/** Records the engine never prepares by itself: ApplicationData before Finished, a stray ChangeCipherSpec. */
function extraRecord(ctx: RunContext, message: TlsMessageRef, side: ScriptedSide): PreparedRecord | null {
  const session = side.session;
  const next = side.held[0]?.prepared;
  if (message.name === 'ApplicationData') {
    const data = message.fields.find((f) => f.key === 'data')?.value;
    const sizeField = message.fields.find((f) => f.key === 'size');
    const size = sizeField ? Number(sizeField.value) : undefined;
    if (sizeField && (size === undefined || !Number.isInteger(size) || size < 0 || size > 65_000)) {
      ctx.report('SETTING-RANGE', sizeField.valueRange, { key: 'size', value: sizeField.value, valid: '0..65000' });
      return null;
    }
    if (sizeField && size !== undefined && size > MAX_PLAINTEXT) {
      ctx.report('TLS-RECORD-OVERFLOW', sizeField.range, { detail: `${size} bytes of plaintext in one record`, detailZh: `一条记录中有 ${size} 字节明文` });
    }
    const plaintext = size !== undefined ? Buffer.alloc(size, 0x61) : Buffer.from(data ?? '', 'utf8');
    return session.prepareRecord('application_data', plaintext, ['ApplicationData'], next);
  }
  if (message.name === 'ChangeCipherSpec') {
    const version = session.messageContext.version;
    if (version === '1.3' && handshakeDone(side)) ctx.report('TLS-CCS-MISPLACED', nameRange(message), { detail: 'after the TLS 1.3 handshake', detailZh: '在 TLS 1.3 握手结束之后' });
    else if (version === '1.2') ctx.report('TLS-CCS-MISPLACED', nameRange(message), { detail: 'where the handshake has none', detailZh: '握手在这里没有 ChangeCipherSpec' });
    return session.prepareRecord('change_cipher_spec', Buffer.from([1]), ['ChangeCipherSpec'], next);
  }
  return null;
}

/** The side's handshake is over: its machine is ESTABLISHED and its own Finished has been sent. */
function handshakeDone(side: ScriptedSide): boolean {
  return side.session.established && !side.held.some((r) => r.messages.includes('Finished'));
}

/** What a message itself may break: application data too early, a certificate no client accepts. */
function checkMessage(ctx: RunContext, message: TlsMessageRef, side: ScriptedSide): void {
  if (message.name === 'ApplicationData') {
    if (!handshakeDone(side)) ctx.report('TLS-APPDATA-EARLY', nameRange(message));
  } else if (message.name === 'Certificate' && side.certificate) {
    const problem = certificateProblem(side.certificate, side.hello);
    if (problem) ctx.report('TLS-CERT-INVALID', nameRange(message), problem);
  }
}

function certificateProblem(cert: CertificateSpec, hello: ClientHello | undefined): { detail: string; detailZh: string } | undefined {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  if (cert.nowMs > cert.notAfterMs) return { detail: `notAfter ${day(cert.notAfterMs)} is before the virtual clock`, detailZh: `notAfter ${day(cert.notAfterMs)} 早于虚拟时钟` };
  if (cert.nowMs < cert.notBeforeMs) return { detail: `notBefore ${day(cert.notBeforeMs)} is after the virtual clock`, detailZh: `notBefore ${day(cert.notBeforeMs)} 晚于虚拟时钟` };
  const sniData = hello && findExtension(hello.extensions, 'server_name');
  const sni = sniData && readServerName(sniData);
  if (sni !== undefined && sni.toLowerCase() !== cert.name.toLowerCase()) {
    return { detail: `issued for ${cert.name}, the client asked for ${sni}`, detailZh: `证书签发给 ${cert.name}，客户端请求的是 ${sni}` };
  }
  return undefined;
}

/** The range of a message's name, without its fields. */
function nameRange(message: TlsMessageRef): Range {
  const start = message.range.start;
  return { start, end: { line: start.line, character: start.character + message.name.length } };
}

/** One data segment from the scripted side's shadow TCB, carrying the records. */
function sendSegment(ctx: RunContext, range: Range, sender: WorldEndpoint, dst: WorldEndpoint, line: number, payload: Uint8Array, label: string): boolean {
  const conn = sender.tcp?.connectionTo(dst.spec.address);
  if (!conn) {
    ctx.report('CALL-STATE', range, { endpoint: sender.spec.name, call: 'TLS', state: 'CLOSED', errno: 'ENOTCONN' });
    return false;
  }
  const segment: Segment = {
    src: sender.spec.address,
    dst: dst.spec.address,
    seq: conn.sndNxt,
    ack: conn.rcvNxt,
    flags: new Set<FlagName>(['PSH', 'ACK']),
    win: conn.receiveWindow(),
    options: [],
    payload,
  };
  conn.noteScriptedSend(segment);
  const packet = ctx.world.network.transmit(segment, sender.spec.name, dst.spec.name);
  packet.matched = true;
  packet.line = line;
  ctx.labels.set(packet.id, label);
  ctx.settle(packet);
  return true;
}
