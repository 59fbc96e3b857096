// packetdrill `.pkt` → `.tcpflow`. The socket under test becomes a `stack` endpoint on the
// linux profile (`server` when the script listens, `client` when it connects); the remote is a
// `raw` endpoint: `<` packets are injected by it, `>` packets are expected from the stack.
// packetdrill's relative sequence numbers become symbolic: `x` is the ISN of the side that sends
// the first SYN, `y` the other's. Lines outside the connection-management subset become comments
// and UNSUPPORTED diagnostics on their .pkt line range.
import type { Diagnostic } from '../language/diagnostics/diagnostic';
import { makeDiagnostic } from '../language/diagnostics/make';
import { splitEvents, type PktEvent } from './pkt-events';
import { parsePacket, type PktOption, type PktPacket } from './pkt-packet';

export interface PacketdrillResult {
  readonly script: string;
  readonly diagnostics: Diagnostic[];
}

const STACK_IP = '192.168.0.1';
const REMOTE_IP = '192.0.2.1';

interface State {
  readonly stack: string;
  readonly remote: string;
  readonly out: string[];
  readonly diagnostics: Diagnostic[];
  /** Symbol and script-space base of each side's sequence numbers, once its SYN is seen. */
  readonly isn: Map<'stack' | 'remote', { sym: string; base: number }>;
  listenFd: number | null;
}

export function checkPacketdrill(text: string, title = 'packetdrill script'): PacketdrillResult {
  const events = splitEvents(text);
  const passive = events.some((e) => /^listen\s*\(/.test(e.text));
  const st: State = {
    stack: passive ? 'server' : 'client',
    remote: passive ? 'client' : 'server',
    out: [],
    diagnostics: [],
    isn: new Map(),
    listenFd: null,
  };
  let tolerance = '4ms';
  let now = 0;
  for (const e of events) {
    if (e.timeKind === 'none') {
      const tol = /^--tolerance_usecs=(\d+)$/.exec(e.text);
      if (tol) tolerance = `${tol[1]}us`;
      else if (/^--(ip_version=ipv4|mss=\d+)$/.test(e.text) || /^`[^`]*defaults\.sh`$/.test(e.text)) st.out.push(`# ${e.text} (nothing to do here)`);
      else unsupported(st, e, e.text.startsWith('`') ? 'shell command' : e.text.startsWith('--') ? `option ${e.text.split('=')[0]}` : 'this line');
      continue;
    }
    // An absolute time before the previous event means "at once" (packetdrill would reject it).
    const delta = Math.max(0, e.timeKind === '+' ? e.time : e.timeKind === 'abs' ? e.time - now : 0);
    if (e.timeKind !== 'any') now += delta;
    convertEvent(st, e, delta);
  }
  const head = [
    `# Converted by tcpflow from ${title} (packetdrill). The socket under test is the stack endpoint`,
    `# '${st.stack}'; the remote is raw: \`<\` packets are injected by it, \`>\` packets are expected`,
    `# from the stack. x is the ISN of the side that sends the first SYN, y the other side's.`,
    `flow "${title.replace(/["\\]/g, '_')}"`,
    'profile linux',
    passive ? `endpoint server ${STACK_IP}:8080 stack` : `endpoint client ${STACK_IP}:40000 stack`,
    passive ? `endpoint client ${REMOTE_IP}:40000 raw` : `endpoint server ${REMOTE_IP}:8080 raw`,
    `set * tolerance ${tolerance}`,
    '',
  ];
  return { script: [...head, ...st.out].join('\n') + '\n', diagnostics: st.diagnostics };
}

function convertEvent(st: State, e: PktEvent, delta: number): void {
  const note = `# .pkt ${e.startLine + 1}`;
  if (e.text.startsWith('<') || e.text.startsWith('>')) {
    const p = parsePacket(e.text);
    if (typeof p === 'string') return unsupported(st, e, p, delta);
    const prefix = e.timeKind === 'any' || e.timeTail.startsWith('~') ? '' : `+${duration(delta)} `;
    const range = e.timeTail.startsWith('~') ? ` (packetdrill time range ${e.time}${e.timeTail})` : '';
    st.out.push(`${prefix}${packetLine(st, p)}  ${note}${range}`);
    return;
  }
  const call = /^(\w+)\s*\((.*)\)\s*=\s*(-?\d+)\s*(\w*)/.exec(e.text);
  if (!call) return unsupported(st, e, e.text.startsWith('%{') ? 'python code' : e.text.startsWith('`') ? 'shell command' : 'this line', delta);
  const [, name, args, result, errno] = call as unknown as [string, string, string, string, string];
  const lines = callLines(st, name, args.split(',').map((a) => a.trim()), Number(result), errno);
  if (typeof lines === 'string') return unsupported(st, e, lines, delta);
  if (delta > 0) st.out.push(`wait ${duration(delta)}`);
  const blocking = e.timeTail.startsWith('...') ? ` (blocking call; returns at ${e.timeTail.slice(3)} in packetdrill)` : '';
  st.out.push(...lines.map((l, i) => (i === 0 ? `${l}  ${note}${blocking}` : l)));
}

/** A non-negative whole number as written (`1000`, `0x10`), or null. */
function count(text: string): number | null {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isSafeInteger(n) && n >= 0 ? n : null;
}

/** The tcpflow lines for one system call, or what is unsupported about it. */
function callLines(st: State, name: string, args: string[], result: number, errno: string): string[] | string {
  const me = st.stack;
  const fd = Number(args[0]);
  const failed = result < 0 && errno !== 'EINPROGRESS';
  const thenError = failed && errno ? [`expect ${me} error ${errno}`] : [];
  switch (name) {
    case 'socket':
      return [`# socket() = ${result}: the stack endpoint '${me}' is that socket`];
    case 'bind':
      return [`# bind(): the address is on the endpoint line`];
    case 'fcntl':
    case 'ioctl':
      return name === 'fcntl' ? [`# fcntl(${args.slice(1).join(', ')}): tcpflow's calls never block`] : `${name}()`;
    case 'listen': {
      st.listenFd = fd;
      const backlog = count(args[1] ?? '5');
      return backlog === null ? `listen() with backlog '${args[1] ?? ''}'` : [`${me} listen backlog ${backlog}`];
    }
    case 'accept':
    case 'accept4':
      return failed ? `accept() failing with ${errno}` : [`${me} accept`];
    case 'connect':
      return [`${me} connect ${st.remote}`, ...thenError];
    case 'write':
    case 'send': {
      // The byte count, else what the call returned; a count that is not a number is unsupported.
      const bytes = count(args[2] ?? '') ?? (result >= 0 ? result : null);
      return bytes === null ? `${name}() of '${args[2] ?? ''}' bytes` : [`${me} send ${bytes}`, ...thenError];
    }
    case 'read':
    case 'recv':
      if (failed) return `${name}() failing with ${errno}`;
      return [result >= 0 ? `${me} recv ${result}` : `${me} recv`];
    case 'close':
      if (fd === st.listenFd && st.listenFd !== null && st.remote === 'client') return [`# close(${fd}): the listening socket`];
      return [`${me} close`, ...thenError];
    case 'shutdown': {
      const how = { SHUT_WR: 'write', SHUT_RD: 'read', SHUT_RDWR: 'both' }[args[1] ?? ''];
      return how ? [`${me} shutdown ${how}`, ...thenError] : `shutdown(${args[1] ?? ''})`;
    }
    case 'setsockopt':
      return setsockopt(me, args);
    default:
      return `${name}()`;
  }
}

function setsockopt(me: string, args: string[]): string[] | string {
  const opt = args[2] ?? '';
  const value = /\d+/.exec(args[3] ?? '')?.[0] ?? '';
  const rest = args.slice(3).join(', ');
  switch (opt) {
    case 'SO_REUSEADDR':
    case 'SO_REUSEPORT':
      return [`# setsockopt(${opt}): no effect in the simulation`];
    case 'TCP_NODELAY':
      return [`set ${me} nodelay ${value === '0' ? 0 : 1}`];
    case 'TCP_MAXSEG':
      return [`set ${me} mss ${value}`];
    case 'SO_LINGER': {
      const m = /onoff\s*=\s*(\d+).*linger\s*=\s*(\d+)/.exec(rest);
      if (!m) return 'setsockopt(SO_LINGER) with this value';
      return [`set ${me} linger ${m[1] === '0' ? 'off' : m[2]}`];
    }
    default:
      return `setsockopt(${opt})`;
  }
}

function packetLine(st: State, p: PktPacket): string {
  const side = p.inbound ? 'remote' : 'stack';
  const peer = p.inbound ? 'stack' : 'remote';
  const [src, dst] = p.inbound ? [st.remote, st.stack] : [st.stack, st.remote];
  if (p.flags.includes('SYN') && !st.isn.has(side)) {
    // The first SYN defines the ISN: literal for an inbound one (its script value is the base).
    st.isn.set(side, { sym: st.isn.size === 0 ? 'x' : 'y', base: p.inbound ? p.start : 0 });
  }
  const parts = [p.flags.join(',')];
  parts.push(`seq=${symbolic(st, side, p.start)}`);
  if (p.ack !== null) parts.push(`ack=${symbolic(st, peer, p.ack)}`);
  if (p.win !== null) parts.push(`win=${p.win}`);
  if (p.len > 0) parts.push(`len=${p.len}`);
  if (p.options) parts.push(`<${p.options.map((o) => optionText(st, o, p.inbound)).join(', ')}>`);
  return `${src} -> ${dst} ${parts.join(' ')}`;
}

function symbolic(st: State, side: 'stack' | 'remote', value: number): string {
  const isn = st.isn.get(side);
  if (!isn) return String(value);
  const off = (value - isn.base) >>> 0;
  return off === 0 ? isn.sym : `${isn.sym}+${off}`;
}

function optionText(st: State, o: PktOption, inbound: boolean): string {
  switch (o.kind) {
    case 'mss':
    case 'wscale':
      return `${o.kind} ${o.value}`;
    case 'ts':
      // packetdrill does not check an outbound TS val, and maps ecr to the live value.
      return inbound ? `ts val=${o.val} ecr=${o.ecr}` : 'ts';
    case 'sack':
      return `sack ${o.blocks.map(([l, r]) => `${symbolic(st, inbound ? 'stack' : 'remote', l)}:${symbolic(st, inbound ? 'stack' : 'remote', r)}`).join(' ')}`;
    default:
      return o.kind;
  }
}

function unsupported(st: State, e: PktEvent, what: string, delta = 0): void {
  if (delta > 0) st.out.push(`wait ${duration(delta)}`);
  const original = e.text.length > 100 ? `${e.text.slice(0, 97)}...` : e.text;
  st.out.push(`# UNSUPPORTED (.pkt ${e.startLine + 1}): ${original}`);
  st.diagnostics.push(
    makeDiagnostic('UNSUPPORTED', { start: { line: e.startLine, character: 0 }, end: { line: e.endLine, character: e.endChar } }, { what: `packetdrill ${what}` }),
  );
}

/** A day at most: longer waits (or a time that is not a number) are cut to what a run can last. */
const MAX_WAIT_SECONDS = 86_400;

function duration(seconds: number): string {
  const us = Math.round((Number.isFinite(seconds) ? Math.min(Math.max(seconds, 0), MAX_WAIT_SECONDS) : 0) * 1e6);
  return us % 1000 === 0 ? `${us / 1000}ms` : `${us}us`;
}
