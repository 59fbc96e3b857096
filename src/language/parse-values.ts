// Values: numbers, durations, sizes, percentages, strings, names, addresses, sequence
// expressions and setting values. Each reader takes what it needs from the cursor and returns a
// node with the exact range of what was written, or throws the line's problem.
import type {
  Address, Duration, EndpointRef, Name, NumberLit, SeqExpr, SettingValue, SpoofedSource, StringLit,
} from './ast';
import type { LineCursor, Span } from './cursor';
import type { Token } from './lexer';
import { phrase, problem, type Expectation } from './syntax-problem';

// ---------------------------------------------------------------------------------------------
// Text → value (null when the text is not one)

const DURATION = /^(\d+(?:\.\d+)?)(us|ms|s|m|min|h)$/i;
const DURATION_UNIT: Readonly<Record<string, number>> = { us: 1e-6, ms: 1e-3, s: 1, m: 60, min: 60, h: 3600 };
const SIZE = /^(\d+(?:\.\d+)?)(b|kb|mb|gb|kib|mib|gib)$/i;
const SIZE_UNIT: Readonly<Record<string, number>> = { b: 1, kb: 1024, kib: 1024, mb: 1 << 20, mib: 1 << 20, gb: 1 << 30, gib: 1 << 30 };
const PERCENT = /^(\d+(?:\.\d+)?)%$/;
const DECIMAL = /^\d+(?:\.\d+)?$/;

/** `1460` or `0x5b4`. */
export function integerValue(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  if (/^0x[0-9a-f]+$/i.test(text)) return parseInt(text.slice(2), 16);
  return null;
}

/** `250us`, `40ms`, `1.5s`, `2m` (minutes), also `min` and `h`. */
export function durationSeconds(text: string): number | null {
  const m = DURATION.exec(text);
  if (!m) return null;
  return Number(m[1]) * (DURATION_UNIT[(m[2] as string).toLowerCase()] as number);
}

/** `10KB`, `1MB`: binary units (KB = 1024 bytes), as in the kernel's buffer sysctls. */
export function sizeBytes(text: string): number | null {
  const m = SIZE.exec(text);
  if (!m) return null;
  return Math.round(Number(m[1]) * (SIZE_UNIT[(m[2] as string).toLowerCase()] as number));
}

export function percentValue(text: string): number | null {
  const m = PERCENT.exec(text);
  return m ? Number(m[1]) : null;
}

// ---------------------------------------------------------------------------------------------
// Readers

const A_NUMBER = phrase('a number', '一个数字');
const A_DURATION = phrase('a duration such as 250us, 40ms, 1.5s or 2m', '一个时长，例如 250us、40ms、1.5s 或 2m');
const A_STRING = phrase('a "string"', '一个 "字符串"');

export function readNumber(cur: LineCursor, what: Expectation = A_NUMBER): NumberLit {
  const t = cur.peek();
  const value = t?.kind === 'number' ? integerValue(t.text) : null;
  if (!t || value === null) throw cur.fail(what);
  cur.next();
  return { value, range: cur.tokenRange(t) };
}

export function readDuration(cur: LineCursor, what: Expectation = A_DURATION): Duration {
  const t = cur.peek();
  const seconds = t?.kind === 'number' ? durationSeconds(t.text) : null;
  if (!t || seconds === null) throw cur.fail(what);
  cur.next();
  return { seconds, range: cur.tokenRange(t) };
}

/** A duration, or a plain number of seconds (`@1.0`, `@0`, `+2`). */
export function readSeconds(cur: LineCursor, what: Expectation): { readonly seconds: number; readonly end: number } {
  const t = cur.peek();
  const seconds = t?.kind !== 'number' ? null : DECIMAL.test(t.text) ? Number(t.text) : durationSeconds(t.text);
  if (!t || seconds === null) throw cur.fail(what);
  cur.next();
  return { seconds, end: t.end };
}

export function readString(cur: LineCursor, what: Expectation = A_STRING): StringLit {
  const t = cur.peek();
  if (!t || t.kind !== 'string') throw cur.fail(what);
  cur.next();
  return stringLit(cur, t);
}

export function stringLit(cur: LineCursor, t: Token & { readonly kind: 'string' }): StringLit {
  return { bytes: t.bytes, text: t.value, range: cur.tokenRange(t) };
}

export function readName(cur: LineCursor, what: Expectation): Name {
  const t = cur.peek();
  if (!t || t.kind !== 'word') throw cur.fail(what);
  cur.next();
  return { text: t.text, range: cur.tokenRange(t) };
}

/** An endpoint in a packet line or pattern: a name, or `*` where any endpoint will do. */
export function readEndpointRef(cur: LineCursor, what: Expectation, allowAny: boolean): EndpointRef {
  const t = cur.peek();
  if (t?.kind === 'word') {
    cur.next();
    return { kind: 'name', name: t.text, range: cur.tokenRange(t) };
  }
  if (t?.kind === 'punct' && t.text === '*') {
    if (!allowAny) {
      throw problem(
        t,
        "a packet line names its endpoints; '*' (any endpoint) is only for patterns (ignore, drop, heal, …)",
        '数据包行必须写明端点名；“*”（任意端点）只能用在模式中（ignore、drop、heal 等）',
      );
    }
    cur.next();
    return { kind: 'any', range: cur.tokenRange(t) };
  }
  throw cur.fail(what);
}

// ---------------------------------------------------------------------------------------------
// Addresses

const IPV4_ADDRESS = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3}):(\d+)$/;
const IPV6_ADDRESS = /^\[([0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)\]:(\d+)$/;
const AN_ADDRESS = phrase('an address IP:PORT such as 10.0.0.1:80 or [2001:db8::1]:443', '一个地址 IP:端口，例如 10.0.0.1:80 或 [2001:db8::1]:443');

/** The run of tokens written without spaces at the cursor, for things like `10.0.0.1:80`. */
function readSpan(cur: LineCursor, what: Expectation): Span {
  const s = cur.span();
  if (!s) throw cur.fail(what);
  return s;
}

export function looksLikeAddress(cur: LineCursor): boolean {
  const t = cur.peek();
  return t !== undefined && (t.kind === 'number' || (t.kind === 'punct' && t.text === '['));
}

export function readAddress(cur: LineCursor): Address {
  const s = readSpan(cur, AN_ADDRESS);
  const v4 = IPV4_ADDRESS.exec(s.text);
  if (v4) {
    const octets = v4.slice(1, 5).map(Number);
    if (octets.some((o) => o > 255)) throw problem(s, `'${s.text}' is not an IPv4 address: each part is 0 to 255`, `“${s.text}” 不是 IPv4 地址：每一段都应在 0 到 255 之间`);
    return { ip: octets.join('.'), port: port(s, v4[5] as string), family: 4, range: cur.range(s.start, s.end) };
  }
  const v6 = IPV6_ADDRESS.exec(s.text);
  if (v6) return { ip: v6[1] as string, port: port(s, v6[2] as string), family: 6, range: cur.range(s.start, s.end) };
  throw problem(s, `expected ${AN_ADDRESS.en}, found '${s.text}'`, `此处应为${AN_ADDRESS.zh}，但找到的是“${s.text}”`);
}

function port(s: Span, text: string): number {
  const p = Number(text);
  if (p > 65535) throw problem(s, `port ${text} is out of range: a port is 0 to 65535`, `端口 ${text} 超出范围：端口应在 0 到 65535 之间`);
  return p;
}

const SPOOFED_V4 = /^((?:\d{1,3}|\*)(?:\.(?:\d{1,3}|\*)){3}):(\d+|\*)$/;
const SPOOFED_V6 = /^\[([0-9A-Fa-f:.*]*:[0-9A-Fa-f:.*]*)\]:(\d+|\*)$/;
const A_SPOOFED = phrase("a source IP:PORT where '*' parts vary, such as 198.51.100.*:*", '一个源地址 IP:端口，其中 “*” 部分每次取新值，例如 198.51.100.*:*');

/** After `from`: `198.51.100.*:*`. */
export function readSpoofedSource(cur: LineCursor, fromStart: number): SpoofedSource {
  const s = readSpan(cur, A_SPOOFED);
  const m = SPOOFED_V4.exec(s.text) ?? SPOOFED_V6.exec(s.text);
  if (!m) throw problem(s, `expected ${A_SPOOFED.en}, found '${s.text}'`, `此处应为${A_SPOOFED.zh}，但找到的是“${s.text}”`);
  const ip = m[1] as string;
  if (!ip.includes(':') && ip.split('.').some((o) => o !== '*' && Number(o) > 255)) {
    throw problem(s, `'${ip}' is not an IPv4 address: each part is 0 to 255 or '*'`, `“${ip}” 不是 IPv4 地址：每一段应为 0 到 255 或 “*”`);
  }
  const portText = m[2] as string;
  return { ip, port: portText === '*' ? '*' : port(s, portText), range: cur.range(fromStart, s.end) };
}

// ---------------------------------------------------------------------------------------------
// Sequence expressions: `1000`, `0x3e8`, `x`, `x+1`, `isn_c-3`

const SEQ_EXPR = /^(?:(\d+|0x[0-9a-fA-F]+)|([a-z_][A-Za-z0-9_]*(?:-(?![0-9])[A-Za-z0-9_]+)*)(?:([+-])(\d+|0x[0-9a-fA-F]+))?)$/;
export const A_SEQ_EXPR = phrase(
  'a number or a lower-case symbol such as x, x+1 or y-3',
  '一个数字或小写符号，例如 x、x+1 或 y-3',
);

/** A seq/ack value: the run of tokens without spaces, up to a `,`, `<`, `>` or `:` (sack blocks). */
export function readSeqExpr(cur: LineCursor, stopAtColon: boolean): SeqExpr {
  const s = cur.span((t) => t.kind === 'punct' && (t.text === ',' || t.text === '<' || t.text === '>' || (stopAtColon && t.text === ':')));
  if (!s) throw cur.fail(A_SEQ_EXPR);
  const m = SEQ_EXPR.exec(s.text);
  if (!m) throw problem(s, `expected ${A_SEQ_EXPR.en}, found '${s.text}'`, `此处应为${A_SEQ_EXPR.zh}，但找到的是“${s.text}”`);
  const range = cur.range(s.start, s.end);
  if (m[1] !== undefined) return { kind: 'number', value: integerValue(m[1]) as number, range };
  const name = m[2] as string;
  const magnitude = m[4] !== undefined ? (integerValue(m[4]) as number) : 0;
  const offset = m[3] === '-' ? -magnitude : magnitude;
  return { kind: 'symbol', name, offset, nameRange: cur.range(s.start, s.start + name.length), range };
}

// ---------------------------------------------------------------------------------------------
// Setting values

const A_SETTING_VALUE = phrase(
  'a value: a number, 0x hex, a duration (40ms), a size (10KB), a percentage (5%), a name or a "string"',
  '一个值：数字、0x 十六进制数、时长（40ms）、大小（10KB）、百分比（5%）、名称或 "字符串"',
);

/** The rest of a `set` line: one value, or a list of numbers/sizes (`tcp_rmem 4096 131072 6291456`). */
export function readSettingValue(cur: LineCursor): SettingValue {
  const first = cur.peek();
  if (!first) throw cur.fail(A_SETTING_VALUE);
  const single = settingValueOf(cur, first);
  if (!single) throw cur.fail(A_SETTING_VALUE);
  cur.next();
  if (cur.atEnd()) return single;
  if (single.kind !== 'number' && single.kind !== 'size') {
    throw cur.fail(phrase('the end of the line after the value', '值之后的行尾'));
  }
  const items = [single.kind === 'number' ? single.value : single.bytes];
  while (!cur.atEnd()) {
    cur.acceptPunct(',');
    const t = cur.peek();
    const item = t ? settingValueOf(cur, t) : undefined;
    if (!t || !item || (item.kind !== 'number' && item.kind !== 'size')) {
      throw cur.fail(phrase('another number or size in the list', '列表中的下一个数字或大小'));
    }
    cur.next();
    items.push(item.kind === 'number' ? item.value : item.bytes);
  }
  return { kind: 'list', items, range: cur.range(first.start, cur.lastEnd()) };
}

function settingValueOf(cur: LineCursor, t: Token): SettingValue | undefined {
  const range = cur.tokenRange(t);
  switch (t.kind) {
    case 'word':
      return { kind: 'name', text: t.text, range };
    case 'string':
      return { kind: 'string', text: t.value, range };
    case 'number': {
      const integer = integerValue(t.text);
      if (integer !== null) return { kind: 'number', value: integer, range };
      if (DECIMAL.test(t.text)) return { kind: 'number', value: Number(t.text), range };
      const seconds = durationSeconds(t.text);
      if (seconds !== null) return { kind: 'duration', seconds, range };
      const bytes = sizeBytes(t.text);
      if (bytes !== null) return { kind: 'size', bytes, range };
      const percent = percentValue(t.text);
      if (percent !== null) return { kind: 'percent', percent, range };
      return undefined;
    }
    case 'punct':
      return undefined;
  }
}
