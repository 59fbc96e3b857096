// Packet lines and packet patterns:
//   [TIME] SRC -> DST FLAGS [seq=N] [ack=N] [win=N] [len=N | data "..."] [<OPTIONS>] [from IP:PORT]
//   [TIME] SRC -> DST TLS Msg [key=value …], Msg, …
//   [TIME] SRC -> DST ICMP unreachable KIND …    (parse-icmp.ts)
//   SRC -> DST [FLAGS] [fields]          (a pattern, after drop/ignore/duplicate/reorder)
import type {
  EndpointRef, FlagName, IcmpPacketStmt, Flags, PacketFields, PacketPattern, PacketStmt, Range, SeqExpr, SpoofedSource,
  TcpOptionNode, TcpOptions, TimePrefix, TlsField, TlsMessageRef, TlsPacketStmt,
} from './ast';
import type { LineCursor } from './cursor';
import { readIcmpLine } from './parse-icmp';
import { FLAG_NAMES, PACKET_FIELDS, TCP_OPTION_NAMES, TCPDUMP_FLAGS, TLS_MESSAGES, findIgnoringCase } from './keywords';
import type { Token } from './lexer';
import { readEndpointRef, readNumber, readSeqExpr, readSpoofedSource, readString, stringLit } from './parse-values';
import { closest, phrase, problem } from './syntax-problem';

const A_SOURCE = phrase('the sending endpoint', '发送方端点');
const THE_ARROW = phrase("'->' after the source endpoint", '源端点之后的 “->”');
const A_DESTINATION = phrase("the receiving endpoint after '->'", '“->” 之后的接收方端点');
const FLAG_LIST = FLAG_NAMES.join(', ');
const FLAG_LIST_ZH = FLAG_NAMES.join('、');
const A_FLAG = phrase(`a flag (${FLAG_LIST}) after the destination`, `目的端点之后的标志（${FLAG_LIST_ZH}）`);
const A_FIELD = phrase(
  "a field (seq=, ack=, win=, len=, data \"…\"), options <…> or 'from IP:PORT'",
  "一个字段（seq=、ack=、win=、len=、data \"…\"）、选项 <…> 或 “from IP:端口”",
);

// ---------------------------------------------------------------------------------------------
// Lines and patterns

/** A packet line from SRC on; `start` is where the statement starts (its time prefix, if any). */
export function readPacketLine(cur: LineCursor, start: number, time: TimePrefix | undefined): PacketStmt | TlsPacketStmt | IcmpPacketStmt {
  const src = readEndpointRef(cur, A_SOURCE, false);
  cur.expectPunct('->', THE_ARROW);
  const dst = readEndpointRef(cur, A_DESTINATION, false);
  if (cur.isKeyword('tls')) {
    cur.next();
    const messages = readTlsMessages(cur);
    const tls: Mutable<TlsPacketStmt> = { type: 'tlsPacket', src, dst, messages, range: cur.range(start, cur.lastEnd()) };
    if (time) tls.time = time;
    return tls;
  }
  if (cur.isKeyword('icmp')) return readIcmpLine(cur, start, time, src, dst);
  const flags = readFlags(cur, true) as Flags;
  const { fields, fieldRanges, from } = readFields(cur, true);
  const packet: Mutable<PacketStmt> = { type: 'packet', src, dst, flags, fields, fieldRanges, range: cur.range(start, cur.lastEnd()) };
  if (time) packet.time = time;
  if (from) packet.from = from;
  return packet;
}

/** `client -> server SYN len=0`, `* -> * ACK`: flags and fields are optional. */
export function readPattern(cur: LineCursor): PacketPattern {
  const first = cur.peek();
  const src = readEndpointRef(cur, A_SOURCE, true);
  cur.expectPunct('->', THE_ARROW);
  const dst = readEndpointRef(cur, A_DESTINATION, true);
  const flags = readFlags(cur, false);
  const { fields } = readFields(cur, false);
  const pattern: Mutable<PacketPattern> = { src, dst, fields, range: cur.range(first?.start ?? 0, cur.lastEnd()) };
  if (flags) pattern.flags = flags;
  return pattern;
}

/** `heal A -> B`: just the two ends. */
export function readDirection(cur: LineCursor): { readonly src: EndpointRef; readonly dst: EndpointRef } {
  const src = readEndpointRef(cur, A_SOURCE, true);
  cur.expectPunct('->', THE_ARROW);
  const dst = readEndpointRef(cur, A_DESTINATION, true);
  return { src, dst };
}

// ---------------------------------------------------------------------------------------------
// Flags: `SYN,ACK` = `SYN ACK` = `SYN+ACK` (= `SYN-ACK`), and tcpdump's `[S.]`

function flagsOfWord(cur: LineCursor, ahead: number): FlagName[] | undefined {
  const t = cur.peek(ahead);
  if (!t || t.kind !== 'word' || cur.isPunct('=', ahead + 1)) return undefined;
  const flags: FlagName[] = [];
  for (const part of t.text.split('-')) {
    const flag = findIgnoringCase(part, FLAG_NAMES);
    if (!flag) return undefined;
    flags.push(flag);
  }
  return flags;
}

function readFlags(cur: LineCursor, required: boolean): Flags | undefined {
  if (cur.isPunct('[')) return readTcpdumpFlags(cur);
  const first = cur.peek();
  if (!first || !flagsOfWord(cur, 0)) {
    if (!required) return undefined;
    throw cur.fail(A_FLAG, first?.kind === 'word' ? closest(first.text, FLAG_NAMES) : undefined);
  }
  const flags: FlagName[] = [];
  for (;;) {
    const words = flagsOfWord(cur, 0);
    if (!words) {
      const t = cur.peek();
      throw cur.fail(phrase(`a flag (${FLAG_LIST})`, `一个标志（${FLAG_LIST_ZH}）`), t?.kind === 'word' ? closest(t.text, FLAG_NAMES) : undefined);
    }
    cur.next();
    for (const f of words) if (!flags.includes(f)) flags.push(f);
    if (cur.isPunct(',') || cur.isPunct('+')) cur.next();
    else if (!flagsOfWord(cur, 0)) break;
  }
  return { flags, range: cur.range(first.start, cur.lastEnd()) };
}

const TCPDUMP_FORM = /^\[([A-Za-z.]+)\]$/;

function readTcpdumpFlags(cur: LineCursor): Flags {
  const open = cur.next() as Token;
  let end = open.end;
  let closed = false;
  for (let t = cur.peek(); t && t.start === end && !closed; t = cur.peek()) {
    cur.next();
    end = t.end;
    closed = t.kind === 'punct' && t.text === ']';
  }
  const text = cur.source.slice(open.start, end);
  const letters = closed ? TCPDUMP_FORM.exec(text)?.[1] : undefined;
  const flags: FlagName[] = [];
  for (const letter of letters?.toUpperCase() ?? '?') {
    const flag = TCPDUMP_FLAGS[letter];
    if (!flag) {
      throw problem(
        { start: open.start, end },
        `expected tcpdump flags such as [S], [S.], [F.], [R.], [P.] or [.] (letters S F R P U E W, '.' = ACK), found '${text}'`,
        `此处应为 tcpdump 形式的标志，例如 [S]、[S.]、[F.]、[R.]、[P.] 或 [.]（字母 S F R P U E W，“.” 即 ACK），但找到的是“${text}”`,
      );
    }
    if (!flags.includes(flag)) flags.push(flag);
  }
  return { flags, range: cur.range(open.start, end) };
}

// ---------------------------------------------------------------------------------------------
// Fields

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type MutableFields = Mutable<PacketFields>;

interface ReadFields {
  readonly fields: PacketFields;
  readonly fieldRanges: Partial<Record<keyof PacketFields, Range>>;
  readonly from?: SpoofedSource;
}

function readFields(cur: LineCursor, isLine: boolean): ReadFields {
  const fields: MutableFields = {};
  const fieldRanges: Partial<Record<keyof PacketFields, Range>> = {};
  let from: SpoofedSource | undefined;
  const once = (key: keyof PacketFields, t: Token): void => {
    if (fields[key] !== undefined) throw problem(t, `'${key}' is written twice in this packet`, `这个数据包中 “${key}” 写了两次`);
    const other = key === 'len' ? 'data' : key === 'data' ? 'len' : undefined;
    if (other && fields[other] !== undefined) {
      throw problem(t, "write either len=N or data \"…\", not both (data's length is its len)", '请只写 len=N 或 data "…" 之一（data 的长度就是 len）');
    }
  };
  while (!cur.atEnd()) {
    const t = cur.peek() as Token;
    const key = t.kind === 'word' ? t.text.toLowerCase() : '';
    if ((key === 'seq' || key === 'ack') && cur.isPunct('=', 1)) {
      once(key, t);
      cur.next();
      cur.next();
      fields[key] = readSeqExpr(cur, false);
      fieldRanges[key] = cur.range(t.start, cur.lastEnd());
    } else if ((key === 'win' || key === 'len') && cur.isPunct('=', 1)) {
      once(key, t);
      cur.next();
      cur.next();
      fields[key] = readNumber(cur, phrase(`a number after ${key}=`, `${key}= 之后的数字`));
      fieldRanges[key] = cur.range(t.start, cur.lastEnd());
    } else if (key === 'data') {
      once('data', t);
      cur.next();
      cur.acceptPunct('=');
      fields.data = readString(cur, phrase('a "string" after data', 'data 之后的 "字符串"'));
      fieldRanges.data = cur.range(t.start, cur.lastEnd());
    } else if (t.kind === 'punct' && t.text === '<') {
      if (fields.options) throw problem(t, 'the options <…> are written twice in this packet', '这个数据包中选项 <…> 写了两次');
      fields.options = readOptions(cur);
      fieldRanges.options = fields.options.range;
    } else if (key === 'from' && isLine) {
      if (from) throw problem(t, "'from' is written twice in this packet", '这个数据包中 “from” 写了两次');
      cur.next();
      from = readSpoofedSource(cur, t.start);
    } else if (t.kind === 'word' && flagsOfWord(cur, 0)) {
      throw problem(t, `flags come right after the destination: move '${t.text}' before the fields`, `标志应紧跟在目的端点之后：请把 “${t.text}” 移到字段之前`);
    } else {
      const candidates = isLine ? [...PACKET_FIELDS, 'from'] : PACKET_FIELDS;
      throw cur.fail(isLine ? A_FIELD : phrase(`flags or a field (seq=, ack=, win=, len=, data "…")`, `标志或字段（seq=、ack=、win=、len=、data "…"）`), t.kind === 'word' ? closest(t.text, candidates) : undefined);
    }
  }
  return from ? { fields, fieldRanges, from } : { fields, fieldRanges };
}

// ---------------------------------------------------------------------------------------------
// TCP options: `<mss 1460, sackOK, ts val=N ecr=N, nop, wscale 7, sack x+1:x+101>`

const AN_OPTION = phrase(`a TCP option (${TCP_OPTION_NAMES.join(', ')})`, `一个 TCP 选项（${TCP_OPTION_NAMES.join('、')}）`);

function readOptions(cur: LineCursor): TcpOptions {
  const open = cur.next() as Token;
  const items: TcpOptionNode[] = [];
  if (!cur.acceptPunct('>')) {
    for (;;) {
      items.push(readOption(cur));
      if (cur.acceptPunct(',')) continue;
      if (cur.acceptPunct('>')) break;
      throw cur.fail(phrase("',' or '>' after an option", "选项之后的 “,” 或 “>”"));
    }
  }
  return { items, range: cur.range(open.start, cur.lastEnd()) };
}

function readOption(cur: LineCursor): TcpOptionNode {
  const t = cur.peek();
  if (!t || t.kind !== 'word') throw cur.fail(AN_OPTION);
  const name = findIgnoringCase(t.text, TCP_OPTION_NAMES);
  if (!name) throw cur.fail(AN_OPTION, closest(t.text, TCP_OPTION_NAMES));
  cur.next();
  const done = (): Range => cur.range(t.start, cur.lastEnd());
  switch (name) {
    case 'mss':
    case 'wscale': {
      cur.acceptPunct('=');
      const value = readNumber(cur, phrase(`a number after ${name}`, `${name} 之后的数字`)).value;
      return { kind: name, value, range: done() };
    }
    case 'sackOK':
      return { kind: 'sackOK', range: done() };
    case 'nop':
    case 'eol':
      return { kind: name, range: done() };
    case 'ts':
      return readTimestamps(cur, t.start);
    case 'sack':
      return readSackBlocks(cur, t.start);
    case 'tfo':
      return readFastOpenCookie(cur, t.start);
  }
}

/**
 * `tfo` (a cookie request) or `tfo 3021b9d25da2d7e8`: the cookie as hex, 4 to 16 bytes (RFC 7413
 * §4.1.1). The hex may lex as several adjacent tokens (`3021` `b9d2…`); they are joined.
 */
function readFastOpenCookie(cur: LineCursor, start: number): TcpOptionNode {
  let hex = '';
  let end = cur.lastEnd();
  for (let t = cur.peek(); t && (t.kind === 'word' || t.kind === 'number') && (hex === '' || t.start === end); t = cur.peek()) {
    hex += t.text;
    end = t.end;
    cur.next();
  }
  hex = hex.replace(/^0x/i, '').toLowerCase();
  const bytes = hex.length / 2;
  if (hex !== '' && (!/^[0-9a-f]*$/.test(hex) || hex.length % 2 !== 0 || bytes < 4 || bytes > 16)) {
    throw cur.fail(phrase('a Fast Open cookie of 4 to 16 bytes in hex (tfo 3021b9d25da2d7e8), or tfo alone to ask for one', '4 到 16 字节的十六进制 Fast Open cookie（tfo 3021b9d25da2d7e8），或者只写 tfo 表示请求 cookie'));
  }
  return { kind: 'tfo', cookie: hex, range: cur.range(start, cur.lastEnd()) };
}

/** `ts val=N ecr=N` (tcpdump writes `TS val N ecr N`); a part left out is not checked. */
function readTimestamps(cur: LineCursor, start: number): TcpOptionNode {
  let val: number | null = null;
  let ecr: number | null = null;
  for (let part = cur.peek(); part?.kind === 'word'; part = cur.peek()) {
    const key = part.text.toLowerCase();
    if (key !== 'val' && key !== 'ecr') break;
    cur.next();
    cur.acceptPunct('=');
    const n = readNumber(cur, phrase(`a number after ${key}`, `${key} 之后的数字`)).value;
    if (key === 'val') val = n;
    else ecr = n;
  }
  return { kind: 'ts', val, ecr, range: cur.range(start, cur.lastEnd()) };
}

/** `sack L:R L:R`: one or more blocks of sequence expressions. */
function readSackBlocks(cur: LineCursor, start: number): TcpOptionNode {
  const blocks: { left: SeqExpr; right: SeqExpr }[] = [];
  do {
    const left = readSeqExpr(cur, true);
    cur.expectPunct(':', phrase("':' between the left and right edge of a SACK block (L:R)", 'SACK 块左右边界之间的 “:”（L:R）'));
    const right = readSeqExpr(cur, true);
    blocks.push({ left, right });
  } while (!cur.atEnd() && !cur.isPunct(',') && !cur.isPunct('>'));
  return { kind: 'sack', blocks, range: cur.range(start, cur.lastEnd()) };
}

// ---------------------------------------------------------------------------------------------
// TLS messages: `ServerHello version=1.3 suite=TLS_AES_128_GCM_SHA256, Certificate`

const A_TLS_MESSAGE = phrase(
  'a TLS message name (ClientHello, ServerHello, Certificate, Finished, ApplicationData, …)',
  'TLS 消息名（ClientHello、ServerHello、Certificate、Finished、ApplicationData 等）',
);

function readTlsMessages(cur: LineCursor): TlsMessageRef[] {
  const messages: TlsMessageRef[] = [];
  for (;;) {
    const t = cur.peek();
    if (!t || t.kind !== 'word') throw cur.fail(A_TLS_MESSAGE);
    const known = findIgnoringCase(t.text, TLS_MESSAGES);
    const typo = known ? undefined : closest(t.text, TLS_MESSAGES);
    if (typo) throw cur.fail(A_TLS_MESSAGE, typo);
    cur.next();
    const fields: TlsField[] = [];
    while (cur.peek()?.kind === 'word' && cur.isPunct('=', 1)) fields.push(readTlsField(cur));
    messages.push({ name: known ?? t.text, fields, range: cur.range(t.start, cur.lastEnd()) });
    if (cur.atEnd()) return messages;
    if (!cur.acceptPunct(',')) throw cur.fail(phrase("',' before the next TLS message, or a field key=value", '下一个 TLS 消息之前的 “,”，或字段 key=value'));
  }
}

function readTlsField(cur: LineCursor): TlsField {
  const key = cur.next() as Token;
  cur.next();
  const what = phrase(`a value after ${key.text}=`, `${key.text}= 之后的值`);
  const next = cur.peek();
  if (next?.kind === 'string') {
    cur.next();
    const s = stringLit(cur, next);
    return { key: key.text, keyRange: cur.tokenRange(key), value: s.text, valueRange: s.range, range: cur.range(key.start, next.end) };
  }
  const s = cur.span((t) => t.kind === 'punct' && t.text === ',');
  if (!s) throw cur.fail(what);
  return { key: key.text, keyRange: cur.tokenRange(key), value: s.text, valueRange: cur.range(s.start, s.end), range: cur.range(key.start, s.end) };
}
