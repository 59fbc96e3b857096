// One statement from one line's tokens. The first word decides what the line is:
//   a statement keyword (`flow`, `endpoint`, `drop`, `expect`, …)  → that statement
//   NAME ->      → a packet line          NAME CALL → a socket call       NAME tls → a TLS call
//   @TIME / +TIME → a timed packet line
// A keyword followed by `->` is an endpoint that happens to share its name (`drop -> server SYN`).
import type {
  CallStmt, EndpointKind, ExpectStmt, LinkStmt, Name, NumberLit, Statement, StringLit, TimePrefix, TlsArg, TlsCallStmt,
} from './ast';
import type { LineCursor } from './cursor';
import {
  CALL_WORDS, ENDPOINT_KINDS, QUEUE_NAMES, SHUTDOWN_HOW, STATEMENT_KEYWORDS, TLS_ARG_KEYS, TLS_VERBS, findIgnoringCase, isOneOf,
  type CallWord, type StatementKeyword,
} from './keywords';
import type { Token } from './lexer';
import { readUnreachableKind } from './parse-icmp';
import { readDirection, readPacketLine, readPattern } from './parse-packet';
import {
  integerValue, looksLikeAddress, readAddress, readDuration, readEndpointRef, readName, readNumber, readSeconds,
  readSettingValue, readString, sizeBytes, stringLit,
} from './parse-values';
import { closest, expected, phrase, problem, type Expectation, type LineProblem } from './syntax-problem';

const THE_END = phrase('the end of the line', '行尾');
const AN_ENDPOINT = phrase('an endpoint name', '端点名');

/** Reads a whole statement: every token of the line must belong to it. */
export function readStatement(cur: LineCursor): Statement {
  const stmt = readStatementStart(cur);
  if (!cur.atEnd()) throw cur.fail(THE_END);
  return stmt;
}

function readStatementStart(cur: LineCursor): Statement {
  const first = cur.peek() as Token;
  if (first.kind === 'punct' && (first.text === '@' || first.text === '+')) {
    return readPacketLine(cur, first.start, readTimePrefix(cur));
  }
  if (first.kind !== 'word') {
    if (first.kind === 'punct' && first.text === '*') return readPacketLine(cur, first.start, undefined);
    throw unknownStatement(first);
  }
  const keyword = findIgnoringCase(first.text, STATEMENT_KEYWORDS);
  if (keyword && !cur.isPunct('->', 1)) {
    cur.next();
    return readKeywordStatement(cur, keyword, first);
  }
  if (cur.isPunct('->', 1)) return readPacketLine(cur, first.start, undefined);
  const second = cur.peek(1);
  if (second?.kind === 'word') {
    const call = findIgnoringCase(second.text, CALL_WORDS);
    if (call) return readCall(cur, call);
    if (second.text.toLowerCase() === 'tls') return readTlsCall(cur);
  }
  throw notAStatement(first, second);
}

/**
 * The line is none of the statements. `client conect` and `client foo` read as an endpoint with
 * a bad second word; anything else (`sed 7`, `frobnicate`) is an unknown first word.
 */
function notAStatement(first: Token & { readonly kind: 'word' }, second: Token | undefined): LineProblem {
  const call = findIgnoringCase(first.text, CALL_WORDS);
  if (call) {
    return problem(
      first,
      `'${call}' is a socket call: write the endpoint first, as in 'client ${call}'`,
      `“${call}” 是套接字调用：请先写端点名，例如 “client ${call}”`,
    );
  }
  const firstLooksLikeKeyword = closest(first.text, [...STATEMENT_KEYWORDS, ...CALL_WORDS]) !== undefined;
  if (second?.kind === 'word' && !firstLooksLikeKeyword) {
    return expected(AFTER_ENDPOINT(first.text), second, closest(second.text, [...CALL_WORDS, 'tls']));
  }
  return unknownStatement(first);
}

const AFTER_ENDPOINT = (name: string): Expectation =>
  phrase(
    `'->', a socket call (${CALL_WORDS.join(', ')}) or 'tls' after the endpoint '${name}'`,
    `端点 “${name}” 之后的 “->”、套接字调用（${CALL_WORDS.join('、')}）或 “tls”`,
  );

function unknownStatement(first: Token): LineProblem {
  const suggestion = first.kind === 'word' ? closest(first.text, [...STATEMENT_KEYWORDS, ...CALL_WORDS]) : undefined;
  return expected(
    phrase(
      `a statement: ${STATEMENT_KEYWORDS.join(', ')}, or an endpoint name followed by '->', a socket call or 'tls'`,
      `一条语句：${STATEMENT_KEYWORDS.join('、')}，或端点名后接 “->”、套接字调用或 “tls”`,
    ),
    { start: first.start, end: first.end, text: first.text },
    suggestion,
  );
}

function readTimePrefix(cur: LineCursor): TimePrefix {
  const sign = cur.next() as Token;
  const kind = sign.text === '@' ? 'absolute' : 'relative';
  const { seconds, end } = readSeconds(
    cur,
    phrase(`a time after '${sign.text}' (seconds, or a duration such as 200ms)`, `“${sign.text}” 之后的时间（秒数，或 200ms 这样的时长）`),
  );
  return { kind, seconds, range: cur.range(sign.start, end) };
}

// ---------------------------------------------------------------------------------------------
// Keyword statements

function readKeywordStatement(cur: LineCursor, keyword: StatementKeyword, first: Token): Statement {
  const start = first.start;
  const range = () => cur.range(start, cur.lastEnd());
  switch (keyword) {
    case 'flow': {
      const title = readString(cur, phrase('the flow\'s title as a "string"', '以 "字符串" 写出的流程标题'));
      return { type: 'flow', title, range: range() };
    }
    case 'profile': {
      const profile = readName(cur, phrase('a profile name (linux or rfc9293)', '配置名（linux 或 rfc9293）'));
      return { type: 'profile', profile, range: range() };
    }
    case 'seed': {
      const seed = readNumber(cur, phrase('a seed number', '一个种子数字'));
      return { type: 'seed', seed, range: range() };
    }
    case 'endpoint':
      return readEndpoint(cur, start);
    case 'link':
      return readLink(cur, start);
    case 'set': {
      const endpoint = readEndpointRef(cur, phrase("an endpoint name or '*' (every endpoint)", "端点名或 “*”（所有端点）"), true);
      const key = readName(cur, phrase('a setting name such as tcp_syn_retries', '设置名，例如 tcp_syn_retries'));
      const value = readSettingValue(cur);
      return { type: 'set', endpoint, key, value, range: range() };
    }
    case 'drop': {
      const next = acceptNext(cur);
      const pattern = readPattern(cur);
      return { type: 'drop', next, pattern, range: range() };
    }
    case 'heal': {
      const { src, dst } = readDirection(cur);
      return { type: 'heal', src, dst, range: range() };
    }
    case 'unreachable': {
      const { src, dst } = readDirection(cur);
      const unreachable = readUnreachableKind(cur);
      if (!cur.atEnd()) throw cur.fail(phrase('the end of the line after the unreachable kind', '不可达类型之后应当是行尾'));
      return { type: 'unreachable', src, dst, unreachable, range: range() };
    }
    case 'duplicate': {
      acceptNext(cur);
      const pattern = readPattern(cur);
      return { type: 'duplicate', pattern, range: range() };
    }
    case 'reorder': {
      acceptNext(cur);
      const count = readNumber(cur, phrase('how many packets may pass first (reorder next N A -> B)', '先放行的数据包个数（reorder next N A -> B）'));
      const pattern = readPattern(cur);
      return { type: 'reorder', count, pattern, range: range() };
    }
    case 'ignore': {
      const pattern = readPattern(cur);
      return { type: 'ignore', pattern, range: range() };
    }
    case 'wait': {
      const duration = readDuration(cur);
      return { type: 'wait', duration, range: range() };
    }
    case 'expect':
      return readExpect(cur, start);
    case 'repeat': {
      const count = readNumber(cur, phrase('how many times to repeat (repeat N LINE)', '重复次数（repeat N 语句）'));
      if (cur.atEnd()) throw cur.fail(phrase('the statement to repeat after the count', '次数之后要重复的语句'));
      const inner = cur.peek() as Token;
      if (inner.kind === 'word' && inner.text.toLowerCase() === 'repeat' && !cur.isPunct('->', 1)) {
        throw problem(inner, 'a repeat cannot repeat another repeat: multiply the counts instead', 'repeat 不能嵌套：请把次数相乘');
      }
      const body = readStatementStart(cur);
      return { type: 'repeat', count, body, range: range() };
    }
  }
}

/** The optional `next` of `drop next A -> B` (but `drop next -> B` is from an endpoint called next). */
function acceptNext(cur: LineCursor): boolean {
  if (!cur.isKeyword('next') || cur.isPunct('->', 1)) return false;
  cur.next();
  return true;
}

function readEndpoint(cur: LineCursor, start: number): Statement {
  const name = readName(cur, phrase('the endpoint\'s name', '端点名'));
  if (!looksLikeAddress(cur)) throw cur.fail(phrase('an address IP:PORT such as 10.0.0.1:80 or [2001:db8::1]:443', '一个地址 IP:端口，例如 10.0.0.1:80 或 [2001:db8::1]:443'));
  const address = readAddress(cur);
  const kindToken = cur.peek();
  if (!kindToken) return { type: 'endpoint', name, address, kind: 'stack', range: cur.range(start, cur.lastEnd()) };
  const kind = kindToken.kind === 'word' ? findIgnoringCase(kindToken.text, ENDPOINT_KINDS) : undefined;
  if (!kind) {
    throw cur.fail(
      phrase("the endpoint's kind (stack, scripted or raw) or the end of the line", '端点类型（stack、scripted 或 raw）或行尾'),
      kindToken.kind === 'word' ? closest(kindToken.text, ENDPOINT_KINDS) : undefined,
    );
  }
  cur.next();
  const k: EndpointKind = kind;
  return { type: 'endpoint', name, address, kind: k, kindRange: cur.tokenRange(kindToken), range: cur.range(start, cur.lastEnd()) };
}

/** `link A B delay 20ms loss 1%` (both directions) or `link A -> B …` (one direction). */
function readLink(cur: LineCursor, start: number): LinkStmt {
  const a = readName(cur, AN_ENDPOINT);
  const directed = cur.acceptPunct('->') !== undefined;
  const b = readName(cur, AN_ENDPOINT);
  let delay: LinkStmt['delay'];
  let loss: LinkStmt['loss'];
  const PROPERTY = phrase("a link property: 'delay D' or 'loss P%'", "链路属性：“delay D” 或 “loss P%”");
  do {
    const t = cur.peek();
    const key = t?.kind === 'word' ? t.text.toLowerCase() : '';
    if (key === 'delay' && !delay) {
      cur.next();
      delay = readDuration(cur);
    } else if (key === 'loss' && !loss) {
      cur.next();
      const p = cur.peek();
      const percent = p?.kind === 'number' ? /^(\d+(?:\.\d+)?)%$/.exec(p.text) : null;
      if (!p || !percent) throw cur.fail(phrase('a loss percentage such as 10%', '丢包百分比，例如 10%'));
      cur.next();
      loss = { percent: Number(percent[1]), range: cur.tokenRange(p) };
    } else {
      throw cur.fail(PROPERTY, t?.kind === 'word' ? closest(t.text, ['delay', 'loss']) : undefined);
    }
  } while (!cur.atEnd());
  return { type: 'link', a, b, directed, ...(delay ? { delay } : {}), ...(loss ? { loss } : {}), range: cur.range(start, cur.lastEnd()) };
}

// ---------------------------------------------------------------------------------------------
// Socket calls: `client connect server`, `server listen backlog 5`, `client send "…"`

function readCall(cur: LineCursor, call: CallWord): CallStmt {
  const nameToken = cur.next() as Token;
  const callToken = cur.next() as Token;
  const type = 'call';
  const endpoint = { text: nameToken.text, range: cur.tokenRange(nameToken) };
  const callRange = cur.tokenRange(callToken);
  const range = () => cur.range(nameToken.start, cur.lastEnd());
  switch (call) {
    case 'listen': {
      if (cur.atEnd()) return { type, endpoint, callRange, call, range: range() };
      if (!cur.acceptKeyword('backlog')) throw cur.fail(phrase("'backlog N' or the end of the line", '“backlog N” 或行尾'), closestWord(cur, ['backlog']));
      const backlog = readNumber(cur, phrase('the backlog as a number', '以数字写出的 backlog'));
      return { type, endpoint, callRange, call, backlog, range: range() };
    }
    case 'connect': {
      const target: Name | ReturnType<typeof readAddress> = looksLikeAddress(cur)
        ? readAddress(cur)
        : readName(cur, phrase('the endpoint to connect to, or IP:PORT', '要连接的端点名，或 IP:端口'));
      return { type, endpoint, callRange, call, target, range: range() };
    }
    case 'send': {
      const payload = readPayload(cur);
      return { type, endpoint, callRange, call, payload, range: range() };
    }
    case 'recv': {
      if (cur.atEnd()) return { type, endpoint, callRange, call, range: range() };
      const count = readByteCount(cur, phrase('how many bytes to receive, or the end of the line', '要接收的字节数，或行尾'));
      return { type, endpoint, callRange, call, count, range: range() };
    }
    case 'shutdown': {
      const t = cur.peek();
      const how = t?.kind === 'word' ? findIgnoringCase(t.text, SHUTDOWN_HOW) : undefined;
      if (!t || !how) throw cur.fail(phrase('which side to shut down: read, write or both', '要关闭的方向：read、write 或 both'), closestWord(cur, SHUTDOWN_HOW));
      cur.next();
      return { type, endpoint, callRange, call, how, howRange: cur.tokenRange(t), range: range() };
    }
    case 'accept':
    case 'close':
    case 'abort':
      return { type, endpoint, callRange, call, range: range() };
  }
}

function closestWord(cur: LineCursor, candidates: readonly string[]): string | undefined {
  const t = cur.peek();
  return t?.kind === 'word' ? closest(t.text, candidates) : undefined;
}

/** `send 1000`, `send 10KB` (filler bytes) or `send "text"`. */
function readPayload(cur: LineCursor): NumberLit | StringLit {
  const t = cur.peek();
  if (t?.kind === 'string') {
    cur.next();
    return stringLit(cur, t);
  }
  return readByteCount(cur, phrase('what to send: a byte count (1000, 10KB) or a "string"', '要发送的内容：字节数（1000、10KB）或 "字符串"'));
}

function readByteCount(cur: LineCursor, what: Expectation): NumberLit {
  const t = cur.peek();
  const value = t?.kind === 'number' ? (integerValue(t.text) ?? sizeBytes(t.text)) : null;
  if (!t || value === null) throw cur.fail(what);
  cur.next();
  return { value, range: cur.tokenRange(t) };
}

// ---------------------------------------------------------------------------------------------
// TLS calls: `client tls connect version 1.2 suites A,B sni "x"`, `client tls send "hello"`

function readTlsCall(cur: LineCursor): TlsCallStmt {
  const nameToken = cur.next() as Token;
  cur.next(); // tls
  const endpoint = { text: nameToken.text, range: cur.tokenRange(nameToken) };
  const v = cur.peek();
  const verbText = v?.kind === 'word' ? findIgnoringCase(v.text, TLS_VERBS) : undefined;
  if (!v || !verbText) throw cur.fail(phrase(`a TLS verb (${TLS_VERBS.join(', ')})`, `TLS 动作（${TLS_VERBS.join('、')}）`), closestWord(cur, TLS_VERBS));
  cur.next();
  const verb = { text: verbText, range: cur.tokenRange(v) };
  const range = () => cur.range(nameToken.start, cur.lastEnd());
  if (verbText === 'send') {
    const payload = readString(cur, phrase('the "text" to send', '要发送的 "文本"'));
    return { type: 'tlsCall', endpoint, verb, args: [], payload, range: range() };
  }
  const args: TlsArg[] = [];
  while (!cur.atEnd()) args.push(readTlsArg(cur));
  return { type: 'tlsCall', endpoint, verb, args, range: range() };
}

function readTlsArg(cur: LineCursor): TlsArg {
  const k = cur.peek() as Token;
  const key = k.kind === 'word' ? findIgnoringCase(k.text, TLS_ARG_KEYS) : undefined;
  if (!key) throw cur.fail(phrase(`a TLS option (${TLS_ARG_KEYS.join(', ')})`, `TLS 选项（${TLS_ARG_KEYS.join('、')}）`), closestWord(cur, TLS_ARG_KEYS));
  cur.next();
  const values: { text: string; range: ReturnType<LineCursor['range']> }[] = [];
  for (let t = cur.peek(); t && !(t.kind === 'word' && isOneOf(t.text.toLowerCase(), TLS_ARG_KEYS)); t = cur.peek()) {
    if (t.kind === 'punct' && t.text === ',' && values.length > 0) {
      cur.next();
      continue;
    }
    if (t.kind === 'string') {
      cur.next();
      values.push({ text: t.value, range: cur.tokenRange(t) });
      continue;
    }
    const s = cur.span((x) => x.kind === 'punct' && x.text === ',');
    if (!s) break;
    values.push({ text: s.text, range: cur.range(s.start, s.end) });
  }
  if (values.length === 0) throw cur.fail(phrase(`a value after '${key}'`, `“${key}” 之后的值`));
  return { key, keyRange: cur.tokenRange(k), values, range: cur.range(k.start, cur.lastEnd()) };
}

// ---------------------------------------------------------------------------------------------
// Assertions

const EXPECT_WHAT = phrase(
  'what to check after the endpoint: a TCP state (ESTABLISHED, TIME_WAIT, …), queue, error, recv or tls',
  '端点之后要检查的内容：TCP 状态（ESTABLISHED、TIME_WAIT 等）、queue、error、recv 或 tls',
);

function readExpect(cur: LineCursor, start: number): ExpectStmt {
  const range = () => cur.range(start, cur.lastEnd());
  if (cur.isKeyword('nothing') && cur.isKeyword('for', 1)) {
    cur.next();
    cur.next();
    const duration = readDuration(cur);
    return { type: 'expect', expect: 'nothing', duration, range: range() };
  }
  const endpoint = readName(cur, phrase("an endpoint name, or 'nothing for D'", '端点名，或 “nothing for D”'));
  const t = cur.peek();
  if (!t || t.kind !== 'word') throw cur.fail(EXPECT_WHAT);
  const word = t.text.toLowerCase();
  if (word === 'queue') {
    cur.next();
    const q = cur.peek();
    const queue = q?.kind === 'word' ? findIgnoringCase(q.text, QUEUE_NAMES) : undefined;
    if (!q || !queue) throw cur.fail(phrase('which queue: syn or accept', '哪个队列：syn 或 accept'), closestWord(cur, QUEUE_NAMES));
    cur.next();
    const count = readNumber(cur, phrase('the expected queue length', '预期的队列长度'));
    return { type: 'expect', expect: 'queue', endpoint, queue, queueRange: cur.tokenRange(q), count, range: range() };
  }
  if (word === 'error') {
    cur.next();
    const errno = readName(cur, phrase('an errno name such as ECONNREFUSED', 'errno 名称，例如 ECONNREFUSED'));
    return { type: 'expect', expect: 'error', endpoint, errno, range: range() };
  }
  if (word === 'recv') {
    cur.next();
    const data = readString(cur, phrase('the expected "bytes"', '预期收到的 "字节"'));
    return { type: 'expect', expect: 'recv', endpoint, data, range: range() };
  }
  if (word === 'tls') {
    cur.next();
    if (cur.acceptKeyword('recv')) {
      const data = readString(cur, phrase('the expected "text"', '预期收到的 "文本"'));
      return { type: 'expect', expect: 'tlsRecv', endpoint, data, range: range() };
    }
    const state = readName(cur, phrase("a TLS state (such as ESTABLISHED) or 'recv \"…\"'", 'TLS 状态（如 ESTABLISHED）或 “recv \"…\"”'));
    return { type: 'expect', expect: 'tlsState', endpoint, state, range: range() };
  }
  cur.next();
  return { type: 'expect', expect: 'state', endpoint, state: { text: t.text, range: cur.tokenRange(t) }, range: range() };
}
