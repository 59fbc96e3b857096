// A `scripted` TLS side: its engine TLS endpoint prepares the records a correct peer would send,
// but nothing leaves until a TLS line from that side names the messages; fields written on the
// line (`suite=…`) override what the engine put there, so a script can make a mistake on
// purpose. The validator names the violation (tls-rules.md) and the stack peer answers it with
// the alert a correct implementation sends.
import type { Range, TlsMessageRef, TlsPacketStmt } from '../language/ast';
import type { FlagName } from '../language/ast';
import { concatBytes } from '../engine/bytes';
import type { Segment } from '../engine/tcp/segment';
import { CIPHER_SUITES, suiteByName } from '../engine/tls/messages/cipher-suites';
import type { RunContext } from './context';
import type { WorldEndpoint } from './world';

const HANDSHAKE = 22;
const SERVER_HELLO = 2;

/** A record the scripted side's engine prepared, waiting for a line to send it. */
export interface HeldRecord {
  readonly type: string;
  readonly messages: readonly string[];
  bytes: Uint8Array;
}

/** The cipher suites a ClientHello offered, read from the bytes the scripted side received. */
export function offeredSuites(received: Uint8Array): number[] | null {
  // record header (5) + handshake header (4) + legacy_version (2) + random (32) + session id
  if (received.length < 44 || received[0] !== HANDSHAKE || received[5] !== 1) return null;
  let at = 43;
  const sid = received[at] ?? 0;
  at += 1 + sid;
  const len = ((received[at] ?? 0) << 8) | (received[at + 1] ?? 0);
  at += 2;
  const suites: number[] = [];
  for (let i = 0; i + 1 < len && at + i + 1 < received.length; i += 2) suites.push(((received[at + i] ?? 0) << 8) | (received[at + i + 1] ?? 0));
  return suites;
}

/** Sends the held records a TLS line names from a scripted side, with its field overrides. */
export function injectTlsRecords(
  ctx: RunContext,
  stmt: TlsPacketStmt,
  sender: WorldEndpoint,
  dst: WorldEndpoint,
  line: number,
  held: HeldRecord[],
  offered: readonly number[] | null,
): { bytes: Uint8Array; records: HeldRecord[] } | null {
  const taken: HeldRecord[] = [];
  for (const message of stmt.messages) {
    const i = held.findIndex((r) => r.messages.some((m) => sameMessage(m, message.name)));
    if (i < 0) {
      // The side's TLS engine has no such message to send at this point of the handshake.
      ctx.report('CALL-STATE', message.range, { endpoint: sender.spec.name, call: `TLS ${message.name}`, state: tlsStateOf(ctx, sender), errno: 'EAGAIN' });
      return null;
    }
    const [record] = held.splice(i, 1);
    if (record && !taken.includes(record)) taken.push(record);
    applyOverrides(ctx, message, record!, offered);
  }
  const bytes = concatBytes(taken.map((r) => r.bytes));
  const label = `TLS ${taken.flatMap((r) => r.messages).join(', ')}`;
  if (!sendSegment(ctx, stmt.range, sender, dst, line, bytes, label)) return null;
  return { bytes, records: taken };
}

/** `Alert` matches `Alert(fatal, illegal_parameter)`; names compare case-insensitively. */
export function sameMessage(actual: string, written: string): boolean {
  const a = actual.toLowerCase();
  const w = written.toLowerCase();
  return a === w || a.startsWith(`${w}(`);
}

function applyOverrides(ctx: RunContext, message: TlsMessageRef, record: HeldRecord, offered: readonly number[] | null): void {
  for (const field of message.fields) {
    if (field.key === 'suite' && message.name === 'ServerHello') {
      const suite = suiteByName(field.value);
      if (!suite) {
        ctx.report('SETTING-RANGE', field.valueRange, { key: 'suite', value: field.value, valid: CIPHER_SUITES.map((c) => c.name).join(', ') });
        continue;
      }
      rewriteServerHelloSuite(record.bytes, suite.code);
      if (offered && !offered.includes(suite.code)) ctx.report('TLS-SUITE-NOT-OFFERED', field.range, { suite: field.value });
    } else ctx.report('UNSUPPORTED', field.range, { what: `${field.key}=` });
  }
}

function rewriteServerHelloSuite(record: Uint8Array, code: number): void {
  if (record[0] !== HANDSHAKE || record[5] !== SERVER_HELLO) return;
  const sid = record[43] ?? 0;
  const at = 44 + sid;
  record[at] = code >> 8;
  record[at + 1] = code & 0xff;
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

function tlsStateOf(ctx: RunContext, endpoint: WorldEndpoint): string {
  return ctx.tls.get(endpoint.spec.name)?.state ?? 'START';
}
