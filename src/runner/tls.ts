// TLS on top of a stack endpoint's TCP connection: `tls connect` / `tls accept` attach an engine
// TLS endpoint; the bytes it emits go into TCP's send stream (each record remembered at its
// stream offset, so every segment can say which records it carries); bytes TCP delivers are fed
// back to it; TLS packet lines match the segments that carry the messages they name.
import type { Range, TlsCallStmt, TlsPacketStmt } from '../language/ast';
import type { WirePacket } from '../engine/net/network';
import { selfSignedCredential } from '../engine/tls/certificate';
import { TlsClient } from '../engine/tls/client';
import { TlsEndpoint } from '../engine/tls/endpoint';
import type { TlsOutput } from '../engine/tls/events';
import { CIPHER_SUITES, type CipherSuiteName } from '../engine/tls/messages/cipher-suites';
import { SeededRandomSource } from '../engine/tls/random-source';
import { contentTypeName } from '../engine/tls/record-layer';
import { TlsServer } from '../engine/tls/server';
import { seqSub } from '../engine/tcp/seq';
import type { RunContext } from './context';
import { describeActivity } from './activity';
import type { TlsRecordSummary } from './trace';
import type { ClientHello } from '../engine/tls/messages/handshake';
import { injectTlsRecords, prepareMistakes, readClientHello, sameMessage, type CertificateSpec, type HeldRecord, type ScriptedSide, type SentRecordInfo } from './tls-scripted';
import type { WorldEndpoint } from './world';
import { argValues, certificateArg, groupsArg, ticketsArg, VIRTUAL_EPOCH_MS } from './tls-args';
import { openSslSession } from './tls-openssl';
import type { TlsSession } from './tls-session';

interface SentRecord {
  readonly offset: number;
  readonly length: number;
  readonly type: string;
  readonly messages: readonly string[];
}

export class TlsAttachment {
  /** Bytes this side has handed to TCP so far: the next record's stream offset. */
  private sentOffset = 0;
  readonly records: SentRecord[] = [];
  private readonly received: Uint8Array[] = [];
  private pumpScheduled = false;
  /** A scripted side's prepared records, sent only when a TLS line names them. */
  readonly held: HeldRecord[] = [];
  /** The first bytes a scripted side received (its ClientHello, for the validator). */
  private firstReceived: Uint8Array | null = null;
  /** A scripted server's certificate, as `tls accept` made it. */
  certificate: CertificateSpec | undefined;

  constructor(
    readonly endpoint: WorldEndpoint,
    readonly session: TlsSession,
    /** ISS of the TCP connection: stream offset 0 is sequence number ISS+1. */
    readonly iss: number,
    private readonly ctx: RunContext,
    /** The `tls connect` / `tls accept` call, where a failing OpenSSL is reported. */
    private readonly origin: Range,
  ) {}

  /** What a scripted side's TLS line works with; undefined unless the engine plays this side. */
  scriptedSide(): ScriptedSide | undefined {
    const session = this.session;
    if (!(session instanceof TlsEndpoint)) return undefined;
    const hello = (): ClientHello | undefined => this.hello; // read when the line needs it
    return {
      session,
      held: this.held,
      get hello() {
        return hello();
      },
      certificate: this.certificate,
    };
  }

  get scripted(): boolean {
    return this.endpoint.spec.kind === 'scripted';
  }

  /** A scripted side reads what its shadow TCB received and lets its engine prepare the answer. */
  pullShadow(): void {
    const bytes = this.endpoint.tcp?.recv(undefined).data;
    if (!bytes || bytes.length === 0) return;
    this.firstReceived ??= bytes.slice(0, 4096);
    this.push(this.session.receive(bytes));
  }

  get hello(): ClientHello | undefined {
    return this.firstReceived ? readClientHello(this.firstReceived) : undefined;
  }

  /** Records a scripted line put on the wire, at their stream offsets. */
  sentRecords(records: readonly SentRecordInfo[]): void {
    for (const r of records) {
      this.records.push({ offset: this.sentOffset, length: r.length, type: r.type, messages: r.messages });
      this.sentOffset += r.length;
    }
  }

  get state(): string {
    return this.session.state;
  }

  /** Sends what the TLS endpoint produced through TCP, remembering each record's offset. */
  push(out: TlsOutput): void {
    for (const p of out.prepared ?? []) this.held.push({ type: contentTypeName(p.contentType) ?? 'unknown', messages: p.names, prepared: p });
    for (const e of out.events) {
      if (e.type === 'record' && e.direction === 'sent') {
        this.records.push({ offset: this.sentOffset, length: e.record.length, type: e.record.contentType, messages: e.record.messages });
        this.sentOffset += e.record.length;
      } else if (e.type === 'applicationData' && e.direction === 'received') this.received.push(new Uint8Array(e.data));
      else if (e.type === 'keylog') this.ctx.keylog.push(e.line);
      else if (e.type === 'state') this.ctx.world.tlsStateChanged(this.endpoint.spec.name, e.machine, e.from, e.to);
    }
    if (out.send.length > 0 && !this.scripted) this.endpoint.tcp?.send(new Uint8Array(out.send));
    for (const problem of this.session.takeProblems?.() ?? []) this.reportProblem(problem.kind, problem.detail);
  }

  /** OpenSSL could not play its side (at the call that attached it), or aborted (at the running line). */
  private reportProblem(kind: 'failed' | 'rejected', detail: string): void {
    const params = { endpoint: this.endpoint.spec.name, detail };
    if (kind === 'failed') {
      this.ctx.report('OPENSSL-FAILED', this.origin, params);
      return;
    }
    const line = Math.max(this.ctx.world.currentLine - 1, this.origin.start.line);
    const text = this.ctx.source[line] ?? '';
    this.ctx.report('OPENSSL-ABORTED', { start: { line, character: 0 }, end: { line, character: text.length } }, params);
  }

  /** TCP delivered bytes: let TLS read them at the same instant, after TCP's own reaction. */
  dataArrived(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    this.ctx.world.appReactions.push(() => {
      this.pumpScheduled = false;
      const bytes = this.endpoint.tcp?.recv(undefined).data;
      if (bytes && bytes.length > 0) this.push(this.session.receive(bytes));
    });
  }

  /** Reads up to `n` bytes of received application data. */
  read(n: number): Uint8Array {
    const out = new Uint8Array(n);
    let filled = 0;
    while (filled < n && this.received.length > 0) {
      const head = this.received[0]!;
      const take = Math.min(head.length, n - filled);
      out.set(head.subarray(0, take), filled);
      filled += take;
      if (take === head.length) this.received.shift();
      else this.received[0] = head.subarray(take);
    }
    return out.subarray(0, filled);
  }

  /** The records a segment of this side's stream carries (a record split across segments shows in each). */
  recordsIn(packet: WirePacket): TlsRecordSummary[] {
    const len = packet.segment.payload.length;
    if (len === 0) return [];
    const start = seqSub(packet.segment.seq, (this.iss + 1) >>> 0);
    const end = start + len;
    return this.records
      .filter((r) => r.offset < end && r.offset + r.length > start)
      .map((r) => ({ type: r.type, messages: r.offset >= start ? r.messages : [] }));
  }
}

// ---------------------------------------------------------------------------------------------
// Statements

/** `client tls connect …`, `server tls accept …`, `NAME tls send "…"`, `NAME tls close`. */
export function runTlsCall(ctx: RunContext, stmt: TlsCallStmt, endpoint: WorldEndpoint): void {
  const verb = stmt.verb.text.toLowerCase();
  const existing = ctx.tls.get(endpoint.spec.name);
  if (verb === 'connect' || verb === 'accept') {
    const conn = endpoint.tcp?.primary();
    if (!conn) {
      ctx.report('CALL-STATE', stmt.verb.range, { endpoint: endpoint.spec.name, call: `tls ${verb}`, state: 'CLOSED', errno: 'ENOTCONN' });
      return;
    }
    const peer = stmt.args.find((a) => a.key === 'peer');
    const hold = endpoint.spec.kind === 'scripted';
    const made = peer
      ? openSslSession(ctx, stmt, peer, verb === 'connect' ? 'client' : 'server', endpoint)
      : verb === 'connect'
        ? client(ctx, stmt, hold)
        : server(ctx, stmt, hold);
    if (!made) return;
    const session: TlsSession = 'session' in made ? made.session : made;
    const attachment = new TlsAttachment(endpoint, session, conn.iss, ctx, stmt.range);
    if ('certificate' in made) attachment.certificate = made.certificate;
    ctx.tls.set(endpoint.spec.name, attachment);
    if (session.start) attachment.push(session.start());
    if (verb === 'accept') {
      attachment.dataArrived(); // a ClientHello may already be waiting
      ctx.drainAppReactions();
    }
    return;
  }
  if (!existing) {
    ctx.report('CALL-STATE', stmt.verb.range, { endpoint: endpoint.spec.name, call: `tls ${verb}`, state: 'START', errno: 'ENOTCONN' });
    return;
  }
  if (verb === 'send') {
    if (!existing.session.established) {
      ctx.report('CALL-STATE', stmt.verb.range, { endpoint: endpoint.spec.name, call: 'tls send', state: existing.state, errno: 'EAGAIN' });
      return;
    }
    existing.push(existing.session.write(stmt.payload?.bytes ?? new Uint8Array(0)));
  } else if (verb === 'close') existing.push(existing.session.close());
  else ctx.report('UNSUPPORTED', stmt.verb.range, { what: `tls ${verb}` });
}

function client(ctx: RunContext, stmt: TlsCallStmt, holdRecords: boolean): TlsEndpoint | null {
  const version = argValues(stmt, 'version')[0] ?? '1.3';
  if (version !== '1.2' && version !== '1.3') {
    const arg = stmt.args.find((a) => a.key === 'version');
    ctx.report('SETTING-RANGE', arg?.range ?? stmt.range, { key: 'version', value: version, valid: '1.2, 1.3' });
    return null;
  }
  const suites = argValues(stmt, 'suites').flatMap((s) => s.split(',')).filter((s) => s.length > 0) as CipherSuiteName[];
  const sni = argValues(stmt, 'sni')[0];
  const groups = groupsArg(ctx, stmt);
  if (groups === null) return null;
  try {
    return new TlsClient({
      random: new SeededRandomSource(ctx.world.random),
      holdRecords,
      version,
      ...(suites.length > 0 ? { cipherSuites: suites } : {}),
      ...(sni ? { serverName: sni } : {}),
      ...(groups ? { groups } : {}),
      nowMs: VIRTUAL_EPOCH_MS,
    });
  } catch (e) {
    void e; // the engine names the unknown suite; the message lists the known ones
    ctx.report('SETTING-RANGE', stmt.range, { key: 'suites', value: suites.join(','), valid: CIPHER_SUITES.map((c) => c.name).join(', ') });
    return null;
  }
}

function server(ctx: RunContext, stmt: TlsCallStmt, holdRecords: boolean): { session: TlsEndpoint; certificate: CertificateSpec } | null {
  const { name, ...validity } = certificateArg(stmt);
  const random = new SeededRandomSource(ctx.world.random);
  const groups = groupsArg(ctx, stmt);
  if (groups === null) return null;
  const session = new TlsServer({
    random,
    holdRecords,
    tickets: ticketsArg(ctx, stmt),
    ...(groups ? { groups } : {}),
    credentials: {
      rsa: selfSignedCredential({ name, kind: 'rsa', random, ...validity }),
      ec: selfSignedCredential({ name, kind: 'ec', random, ...validity }),
    },
  });
  return { session, certificate: { name, ...validity, nowMs: VIRTUAL_EPOCH_MS } };
}

/** `SRC -> DST TLS A, B, C`: the next segments from SRC carrying exactly those messages. */
export function expectTlsPacket(ctx: RunContext, stmt: TlsPacketStmt, src: string, line: number): void {
  const dst = stmt.dst.kind === 'name' ? stmt.dst.name : null;
  const attachment = ctx.tls.get(src);
  const want = stmt.messages.map((m) => m.name);
  for (const m of stmt.messages) {
    for (const f of m.fields) ctx.report('UNSUPPORTED', f.range, { what: `${f.key}=` });
  }
  if (!attachment) {
    ctx.report('CALL-STATE', stmt.range, { endpoint: src, call: 'TLS', state: 'START', errno: 'ENOTCONN' });
    return;
  }
  const got: string[] = [];
  let last: WirePacket | null = null;
  const wire = ctx.world.network.wire;
  let i = ctx.firstUnmatched(src);
  while (got.length < want.length) {
    const p = wire[i];
    if (!p) {
      if (!ctx.stepOnce(Number.MAX_SAFE_INTEGER)) break;
      continue;
    }
    i++;
    if (p.matched || p.src !== src || (dst && p.dst !== dst) || p.segment.payload.length === 0) continue;
    const records = attachment.recordsIn(p);
    p.matched = true;
    p.line = line;
    ctx.labels.set(p.id, `TLS ${records.flatMap((r) => r.messages).join(', ') || '(continued)'}`);
    for (const r of records) got.push(...r.messages);
    last = p;
    ctx.settledThrough(p);
  }
  if (!last) {
    const doing = describeActivity(ctx, src);
    ctx.report('EXPECT-NO-PACKET', stmt.range, { sender: src, dst: dst ?? '*', doing: doing.en, doingZh: doing.zh });
    return;
  }
  const first = stmt.messages[0];
  const lastMessage = stmt.messages[stmt.messages.length - 1];
  const same = got.length === want.length && got.every((g, i) => sameMessage(g, want[i]!));
  if (!same && first && lastMessage) {
    const range = { start: first.range.start, end: lastMessage.range.end };
    ctx.report('EXPECT-PACKET', range, { sender: src, field: 'TLS', expected: want.join(', '), actual: got.join(', ') || 'no TLS record' }, { replace: got.join(', ') });
  }
  ctx.settle(last);
}

/** A TLS line from a scripted side: send the held records it names, with its overrides. */
export function injectTls(ctx: RunContext, stmt: TlsPacketStmt, sender: WorldEndpoint, dst: WorldEndpoint, line: number): void {
  const attachment = ctx.tls.get(sender.spec.name);
  if (!attachment) {
    ctx.report('CALL-STATE', stmt.range, { endpoint: sender.spec.name, call: 'TLS', state: 'START', errno: 'ENOTCONN' });
    return;
  }
  const side = attachment.scriptedSide();
  if (!side) return; // `peer openssl` on a scripted side was refused at `tls connect` / `tls accept`
  prepareMistakes(ctx, stmt, side);
  attachment.pullShadow();
  const sent = injectTlsRecords(ctx, stmt, sender, dst, line, side);
  if (sent) attachment.sentRecords(sent);
}
