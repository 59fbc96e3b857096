// Runs a parsed script top to bottom against the engine, with the time semantics of
// language.md §Time: calls act at the current clock; a stack packet line waits for the stack's
// packet and leaves the clock at its arrival; injections go on the wire at once; `wait` lets
// timers fire; `expect` checks the state right after the previous line.
import type { CallStmt, ExpectStmt, LinkStmt, Name, PacketStmt, Range, Script, SetStmt, Statement, TlsPacketStmt } from '../language/ast';
import type { Impairment } from '../engine/net/network';
import { timeWaitLength } from '../engine/tcp/profile';
import type { SocketAddress } from '../engine/tcp/segment';
import { LimitReached, RunContext } from './context';
import { expectStackPacket, describePacket } from './expect-packet';
import { explainState } from './explain';
import { filler, injectPacket } from './inject';
import { patternMatches } from './patterns';
import { reportReaction, reportReply, settleVerdicts } from './reaction';
import { canonicalState } from './states';
import { applySetting } from './settings';
import { runIcmpPacket, runUnreachable } from './icmp';
import { expectTlsPacket, injectTls, runTlsCall } from './tls';
import type { WorldEndpoint } from './world';

const HEADER = new Set<Statement['type']>(['flow', 'profile', 'seed', 'endpoint']);

export function execute(ctx: RunContext, script: Script): void {
  for (const stmt of script.statements) if (stmt.type === 'ignore') ctx.ignores.push(stmt.pattern);
  ctx.world.dataArrived = (name) => ctx.tls.get(name)?.dataArrived();
  try {
    for (const stmt of script.statements) {
      if (HEADER.has(stmt.type) || stmt.type === 'ignore') continue;
      ctx.world.currentLine = ctx.lineOf(stmt);
      runStatement(ctx, stmt);
      warnAssassinations(ctx, stmt);
      ctx.previousTime = ctx.now;
    }
    reportLeftovers(ctx, script);
  } catch (e) {
    if (!(e instanceof LimitReached)) throw e;
    const stmt = script.statements.find((s) => ctx.lineOf(s) === ctx.world.currentLine) ?? script.statements[0];
    if (stmt) ctx.report('LIMIT', stmt.range, { limit: e.limit, value: e.value, setting: `tcpflow.limits.${e.limit}` });
  }
}

function runStatement(ctx: RunContext, stmt: Statement): void {
  switch (stmt.type) {
    case 'link':
      return runLink(ctx, stmt);
    case 'set':
      return runSet(ctx, stmt);
    case 'call':
      return runCall(ctx, stmt);
    case 'packet':
      return runPacket(ctx, stmt);
    case 'repeat': {
      const n = stmt.count.value;
      if (n > ctx.limits.maxRepeat) {
        ctx.report('LIMIT', stmt.count.range, { limit: 'maxRepeat', value: ctx.limits.maxRepeat, setting: 'tcpflow.limits.maxRepeat' });
        return;
      }
      for (let i = 0; i < n; i++) runStatement(ctx, stmt.body);
      return;
    }
    case 'wait':
      ctx.runUntil(ctx.now + Math.round(stmt.duration.seconds * 1e6));
      return;
    case 'expect':
      return runExpect(ctx, stmt);
    case 'drop':
    case 'duplicate':
    case 'reorder':
      return impair(ctx, stmt);
    case 'icmpPacket':
      return runIcmpPacket(ctx, stmt);
    case 'unreachable': {
      const rule = runUnreachable(ctx, stmt);
      if (rule) ctx.world.network.impair(tagged(rule, stmt.src, stmt.dst));
      return;
    }
    case 'heal':
      ctx.world.network.heal((i) => (i as TaggedImpairment).direction === `${refName(stmt.src)}->${refName(stmt.dst)}` || stmt.src.kind === 'any');
      return;
    case 'tlsCall': {
      const e = endpointNamed(ctx, stmt.endpoint);
      if (e) runTlsCall(ctx, stmt, e);
      return;
    }
    case 'tlsPacket':
      return runTlsPacket(ctx, stmt);
    default:
      return;
  }
}

// ---------------------------------------------------------------------------------------------

function endpointNamed(ctx: RunContext, name: Name): WorldEndpoint | undefined {
  const e = ctx.world.endpoints.get(name.text);
  if (!e) ctx.report('NAME-UNKNOWN', name.range, { name: name.text, known: [...ctx.world.endpoints.keys()].join(', ') });
  return e;
}

function refName(ref: PacketStmt['src']): string {
  return ref.kind === 'any' ? '*' : ref.name;
}

function runLink(ctx: RunContext, stmt: LinkStmt): void {
  const a = endpointNamed(ctx, stmt.a);
  const b = endpointNamed(ctx, stmt.b);
  if (!a || !b) return;
  const directions = stmt.directed ? [[a, b]] : [[a, b], [b, a]];
  for (const [x, y] of directions) {
    const props = ctx.world.network.link(x!.spec.name, y!.spec.name);
    if (stmt.delay) props.delay = Math.round(stmt.delay.seconds * 1e6);
    if (stmt.loss) props.lossPercent = stmt.loss.percent;
  }
}

function runSet(ctx: RunContext, stmt: SetStmt): void {
  if (stmt.key.text === 'tolerance') {
    if (stmt.value.kind === 'duration') ctx.tolerance = Math.round(stmt.value.seconds * 1e6);
    else ctx.report('SETTING-RANGE', stmt.value.range, { key: 'tolerance', value: '?', valid: '0s–3600s (5ms, 1s, …)' });
    return;
  }
  const targets =
    stmt.endpoint.kind === 'any'
      ? [...ctx.world.endpoints.values()]
      : [ctx.world.endpoints.get(stmt.endpoint.name)].filter((e): e is WorldEndpoint => e !== undefined);
  if (stmt.endpoint.kind === 'name' && targets.length === 0) {
    ctx.report('NAME-UNKNOWN', stmt.endpoint.range, { name: stmt.endpoint.name, known: [...ctx.world.endpoints.keys()].join(', ') });
    return;
  }
  for (const t of targets) {
    applySetting(ctx, t.settings, stmt);
    t.tcp?.settingsChanged();
  }
}

function runCall(ctx: RunContext, stmt: CallStmt): void {
  const e = endpointNamed(ctx, stmt.endpoint);
  if (!e?.tcp || e.spec.kind !== 'stack') return; // scripted/raw endpoints need no socket calls
  const tcp = e.tcp;
  let result;
  switch (stmt.call) {
    case 'listen':
      result = tcp.listen(stmt.backlog?.value);
      break;
    case 'connect': {
      const target = connectTarget(ctx, stmt.target);
      if (!target) return;
      result = tcp.connect(target);
      break;
    }
    case 'accept':
      result = tcp.accept();
      break;
    case 'send': {
      const size = 'bytes' in stmt.payload ? stmt.payload.bytes.length : stmt.payload.value;
      if (!Number.isSafeInteger(size) || size > ctx.limits.maxPayloadBytes) {
        ctx.report('LIMIT', stmt.payload.range, { limit: 'maxPayloadBytes', value: ctx.limits.maxPayloadBytes, setting: 'tcpflow.limits.maxPayloadBytes' });
        return;
      }
      result = tcp.send('bytes' in stmt.payload ? stmt.payload.bytes : filler(size));
      break;
    }
    case 'recv':
      result = tcp.recv(stmt.count?.value).result;
      break;
    case 'shutdown':
      result = tcp.shutdown(stmt.how);
      break;
    case 'close':
      result = tcp.close();
      break;
    case 'abort':
      result = tcp.abort();
      break;
  }
  tcp.lastError = result.ok ? null : result.errno;
  if (!result.ok) ctx.report('CALL-STATE', stmt.callRange, { endpoint: e.spec.name, call: stmt.call, state: tcp.state, errno: result.errno });
}

function connectTarget(ctx: RunContext, target: Name | { ip: string; port: number }): SocketAddress | null {
  if ('text' in target) return endpointNamed(ctx, target)?.spec.address ?? null;
  return { ip: target.ip, port: target.port };
}

function runTlsPacket(ctx: RunContext, stmt: TlsPacketStmt): void {
  if (stmt.src.kind === 'any') return;
  const sender = ctx.world.endpoints.get(stmt.src.name);
  if (!sender) {
    ctx.report('NAME-UNKNOWN', stmt.src.range, { name: stmt.src.name, known: [...ctx.world.endpoints.keys()].join(', ') });
    return;
  }
  if (sender.spec.kind === 'raw') {
    ctx.report('UNSUPPORTED', stmt.range, { what: 'TLS (raw)' });
    return;
  }
  if (sender.spec.kind === 'scripted') {
    const dst = stmt.dst.kind === 'name' ? ctx.world.endpoints.get(stmt.dst.name) : undefined;
    if (dst) injectTls(ctx, stmt, sender, dst, ctx.lineOf(stmt));
    return;
  }
  expectTlsPacket(ctx, stmt, sender.spec.name, ctx.lineOf(stmt));
}

function runPacket(ctx: RunContext, stmt: PacketStmt): void {
  if (stmt.src.kind === 'any') return; // parser reports `*` as a sender
  const sender = ctx.world.endpoints.get(stmt.src.name);
  if (!sender) {
    ctx.report('NAME-UNKNOWN', stmt.src.range, { name: stmt.src.name, known: [...ctx.world.endpoints.keys()].join(', ') });
    return;
  }
  if (stmt.dst.kind === 'name' && !ctx.world.endpoints.has(stmt.dst.name)) {
    ctx.report('NAME-UNKNOWN', stmt.dst.range, { name: stmt.dst.name, known: [...ctx.world.endpoints.keys()].join(', ') });
    return;
  }
  const line = ctx.lineOf(stmt);
  if (sender.spec.kind === 'stack') {
    expectStackPacket(ctx, stmt, sender.spec.name, line);
    return;
  }
  if (stmt.time) ctx.runUntil(stmt.time.kind === 'absolute' ? Math.round(stmt.time.seconds * 1e6) : ctx.now + Math.round(stmt.time.seconds * 1e6));
  const dst = stmt.dst.kind === 'name' ? ctx.world.endpoints.get(stmt.dst.name) : undefined;
  if (!dst) return;
  injectPacket(ctx, stmt, sender, dst, line);
}

// ---------------------------------------------------------------------------------------------

function runExpect(ctx: RunContext, stmt: ExpectStmt): void {
  switch (stmt.expect) {
    case 'state': {
      const e = endpointNamed(ctx, stmt.endpoint);
      if (!e) return;
      const expected = canonicalState(stmt.state.text);
      if (!expected) {
        ctx.report('PARSE-ERROR', stmt.state.range, {
          detail: `unknown TCP state '${stmt.state.text}' (use CLOSED, LISTEN, SYN_SENT, SYN_RCVD, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT, CLOSING, LAST_ACK, TIME_WAIT)`,
          detailZh: `未知的 TCP 状态 “${stmt.state.text}”（可用 CLOSED、LISTEN、SYN_SENT、SYN_RCVD、ESTABLISHED、FIN_WAIT_1、FIN_WAIT_2、CLOSE_WAIT、CLOSING、LAST_ACK、TIME_WAIT）`,
        });
        return;
      }
      const actual = ctx.world.stateOf(e.spec.name);
      if (actual === expected) {
        settleVerdicts(ctx, e.spec.name);
        if (actual === 'CLOSE_WAIT') warnCloseWaitLeak(ctx, e.spec.name, stmt.state.range);
        return;
      }
      const fix = { replace: actual };
      if (expected === 'TIME_WAIT' && e.history.includes('LAST_ACK')) {
        ctx.report('TCP-TIMEWAIT-PASSIVE-CLOSER', stmt.state.range, {}, { replace: actual });
        return;
      }
      const timeWait = e.tcp?.primary();
      if (expected === 'CLOSED' && actual === 'TIME_WAIT' && timeWait) {
        ctx.report('TCP-TIMEWAIT-DURATION', stmt.state.range, {
          timeWait: (timeWaitLength(e.settings) / 1e6).toFixed(0),
          t: ((ctx.now - timeWait.timeWaitSince) / 1e6).toFixed(3),
        }, { replace: actual });
        return;
      }
      const at = `${(ctx.now / 1e6).toFixed(3)}s`;
      if (reportReaction(ctx, e.spec.name, stmt.state.range, { en: `${expected} at ${at}`, zh: `在 ${at} 处于 ${expected}` }, fix)) return;
      const why = explainState(expected, actual, e.history);
      ctx.report('EXPECT-STATE', stmt.state.range, { endpoint: e.spec.name, expected, actual, explain: why.en, explainZh: why.zh }, { replace: actual });
      return;
    }
    case 'queue': {
      const e = endpointNamed(ctx, stmt.endpoint);
      if (!e?.tcp) return;
      const actual = stmt.queue === 'syn' ? e.tcp.synQueueLength : e.tcp.acceptQueueLength;
      if (actual !== stmt.count.value) {
        if (reportReaction(ctx, e.spec.name, stmt.count.range, { en: `queue ${stmt.queue} ${stmt.count.value}`, zh: ` ${stmt.queue} 队列长度 ${stmt.count.value}` }, { replace: String(actual) })) return;
        ctx.report('EXPECT-QUEUE', stmt.count.range, { endpoint: e.spec.name, queue: stmt.queue, expected: stmt.count.value, actual }, { replace: String(actual) });
      }
      return;
    }
    case 'error': {
      const e = endpointNamed(ctx, stmt.endpoint);
      if (!e?.tcp) return;
      const actual = e.tcp.error ?? 'none';
      if (actual.toUpperCase() !== stmt.errno.text.toUpperCase()) {
        if (reportReaction(ctx, e.spec.name, stmt.errno.range, { en: `error ${stmt.errno.text}`, zh: `错误 ${stmt.errno.text}` }, actual === 'none' ? undefined : { replace: actual })) return;
        ctx.report('EXPECT-ERROR', stmt.errno.range, { endpoint: e.spec.name, expected: stmt.errno.text, actual }, actual === 'none' ? undefined : { replace: actual });
      }
      return;
    }
    case 'recv': {
      const e = endpointNamed(ctx, stmt.endpoint);
      if (!e?.tcp) return;
      const got = e.tcp.recv(stmt.data.bytes.length).data;
      const same = got.length === stmt.data.bytes.length && got.every((b, i) => b === stmt.data.bytes[i]);
      if (!same) {
        const text = Array.from(got, (b) => String.fromCharCode(b)).join('');
        if (reportReaction(ctx, e.spec.name, stmt.data.range, { en: `recv ${JSON.stringify(stmt.data.text)}`, zh: `收到 ${JSON.stringify(stmt.data.text)}` })) return;
        ctx.report('EXPECT-RECV', stmt.data.range, { endpoint: e.spec.name, expected: JSON.stringify(stmt.data.text), actual: JSON.stringify(text) });
      }
      return;
    }
    case 'nothing': {
      const wire = ctx.world.network.wire;
      const from = wire.length;
      const start = ctx.now;
      ctx.runUntil(ctx.now + Math.round(stmt.duration.seconds * 1e6));
      const seen = wire.slice(from).filter((p) => !ctx.isIgnored(p));
      for (const p of seen) p.matched = true; // reported here, not again as unexpected
      const first = seen[0];
      if (first && !reportReply(ctx, first, stmt.range, { en: 'no reply', zh: '不回复' })) {
        ctx.report('EXPECT-NOTHING', stmt.range, { sender: first.src, packet: describePacket(ctx, first.segment), time: `${((first.sentAt - start) / 1e6).toFixed(3)}s` });
      }
      return;
    }
    case 'tlsState': {
      const e = endpointNamed(ctx, stmt.endpoint);
      if (!e) return;
      const actual = ctx.tls.get(e.spec.name)?.state ?? 'NONE';
      const expected = stmt.state.text.toUpperCase();
      if (actual !== expected) {
        ctx.report('EXPECT-STATE', stmt.state.range, { endpoint: `${e.spec.name} (TLS)`, expected, actual, explain: '', explainZh: '' }, { replace: actual });
      }
      return;
    }
    case 'tlsRecv': {
      const e = endpointNamed(ctx, stmt.endpoint);
      if (!e) return;
      const got = ctx.tls.get(e.spec.name)?.read(stmt.data.bytes.length) ?? new Uint8Array(0);
      const same = got.length === stmt.data.bytes.length && got.every((b, i) => b === stmt.data.bytes[i]);
      if (!same) {
        const text = Array.from(got, (b) => String.fromCharCode(b)).join('');
        ctx.report('EXPECT-RECV', stmt.data.range, { endpoint: `${e.spec.name} (TLS)`, expected: JSON.stringify(stmt.data.text), actual: JSON.stringify(text) });
      }
      return;
    }
  }
}

// ---------------------------------------------------------------------------------------------

interface TaggedImpairment extends Impairment {
  readonly direction: string;
}

function impair(ctx: RunContext, stmt: Extract<Statement, { type: 'drop' | 'duplicate' | 'reorder' }>): void {
  const pattern = stmt.pattern;
  for (const ref of [pattern.src, pattern.dst]) {
    if (ref.kind === 'name' && !ctx.world.endpoints.has(ref.name)) {
      ctx.report('NAME-UNKNOWN', ref.range, { name: ref.name, known: [...ctx.world.endpoints.keys()].join(', ') });
      return;
    }
  }
  const rule: Impairment = {
    action: stmt.type === 'drop' ? 'drop' : stmt.type,
    once: stmt.type === 'drop' ? stmt.next : true,
    count: stmt.type === 'reorder' ? stmt.count.value : 0,
    matches: (p) => patternMatches(pattern, p, ctx.symbols),
  };
  ctx.world.network.impair(tagged(rule, pattern.src, pattern.dst));
}

/** An impairment tagged with its direction, so that `heal A -> B` finds it. */
function tagged(rule: Impairment, src: PacketStmt['src'], dst: PacketStmt['dst']): TaggedImpairment {
  return { ...rule, direction: `${refName(src)}->${refName(dst)}` };
}

/** How long CLOSE_WAIT may last before it looks like a leak (tcp-rules.md §4.3 rule 37's suggested 60 s). */
const CLOSE_WAIT_WARN_US = 60_000_000;

/** `expect X CLOSE_WAIT` that holds after a minute or more: the application never called close() (RFC 9293 §3.6). */
function warnCloseWaitLeak(ctx: RunContext, endpoint: string, range: Range): void {
  let since: number | null = null;
  for (const s of ctx.world.states) if (s.endpoint === endpoint && s.to === 'CLOSE_WAIT') since = s.time * 1e6;
  if (since === null || ctx.now - since < CLOSE_WAIT_WARN_US) return;
  ctx.report('TCP-CLOSEWAIT-STUCK', range, { t: ((ctx.now - since) / 1e6).toFixed(0) });
}

/** RFC 1337: a RST that ended a TIME_WAIT (Linux with tcp_rfc1337 = 0 lets it) — worth a warning. */
function warnAssassinations(ctx: RunContext, stmt: Statement): void {
  const all = ctx.world.timeWaitAssassinations;
  for (; ctx.assassinationsReported < all.length; ctx.assassinationsReported++) {
    ctx.report('TCP-TIMEWAIT-ASSASSINATION', stmt.range, {
      outcome: 'kills the connection (RFC 9293 §3.10.7.4; Linux tcp_rfc1337 = 0)',
      outcomeZh: '会终止连接（RFC 9293 §3.10.7.4；Linux tcp_rfc1337 = 0）',
    });
  }
}

/** Stack packets that went out and that no line expected (language.md §Time: strict). */
function reportLeftovers(ctx: RunContext, script: Script): void {
  const last = script.statements[script.statements.length - 1];
  if (!last) return;
  for (const p of ctx.world.network.wire) {
    if (p.matched || ctx.isIgnored(p)) continue;
    const sender = ctx.world.endpoints.get(p.src);
    if (!sender || sender.spec.kind !== 'stack') continue;
    p.matched = true;
    ctx.report('EXPECT-UNEXPECTED', last.range, { sender: p.src, packet: describePacket(ctx, p.segment) });
  }
}
