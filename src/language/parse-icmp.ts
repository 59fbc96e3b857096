// ICMP on packet lines and the network's `unreachable` event:
//   [TIME] SRC -> DST ICMP unreachable KIND [mtu N] [seq=N] [from IP]
//   unreachable SRC -> DST KIND [mtu N]
// KIND is a Destination Unreachable kind (keywords.ts ICMP_UNREACHABLE_KINDS) or `code N`.
import type { EndpointRef, IcmpPacketStmt, IcmpSource, IcmpUnreachableNode, Range, SeqExpr, TimePrefix } from './ast';
import type { LineCursor } from './cursor';
import { ICMP_KIND_NAMES, ICMP_UNREACHABLE_KINDS, findIgnoringCase } from './keywords';
import type { Token } from './lexer';
import { readNumber, readSeqExpr } from './parse-values';
import { closest, phrase, problem } from './syntax-problem';

const KIND_LIST = [...ICMP_KIND_NAMES, 'code N'].join(', ');
const KIND_LIST_ZH = [...ICMP_KIND_NAMES, 'code N'].join('、');
const A_KIND = phrase(`an unreachable kind (${KIND_LIST})`, `不可达的类型（${KIND_LIST_ZH}）`);
const UNREACHABLE_WORD = phrase(
  "'unreachable' after ICMP (only Destination Unreachable, type 3, is modelled)",
  'ICMP 之后的 “unreachable”（目前只模拟目的不可达，类型 3）',
);
const AN_ICMP_FIELD = phrase("'seq=' (the quoted sequence number) or 'from IP'", "“seq=”（引用的序列号）或 “from IP”");

/** After `SRC -> DST`, the `ICMP` keyword is next. */
export function readIcmpLine(cur: LineCursor, start: number, time: TimePrefix | undefined, src: EndpointRef, dst: EndpointRef): IcmpPacketStmt {
  const icmp = cur.next() as Token;
  if (!cur.acceptKeyword('unreachable')) throw cur.fail(UNREACHABLE_WORD);
  const unreachable = readUnreachableKind(cur);
  const stmt: { -readonly [K in keyof IcmpPacketStmt]: IcmpPacketStmt[K] } = {
    type: 'icmpPacket', src, dst, icmpRange: cur.tokenRange(icmp), unreachable, range: cur.range(start, start),
  };
  while (!cur.atEnd()) {
    const t = cur.peek() as Token;
    const word = t.kind === 'word' ? t.text.toLowerCase() : '';
    if (word === 'seq' && cur.isPunct('=', 1)) {
      if (stmt.seq) throw problem(t, "'seq' is written twice in this packet", '这个数据包中 “seq” 写了两次');
      cur.next();
      cur.next();
      stmt.seq = readSeqExpr(cur, false) as SeqExpr;
      stmt.seqRange = cur.range(t.start, cur.lastEnd());
    } else if (word === 'from') {
      if (stmt.from) throw problem(t, "'from' is written twice in this packet", '这个数据包中 “from” 写了两次');
      cur.next();
      stmt.from = readIcmpSource(cur, t.start);
    } else {
      throw cur.fail(AN_ICMP_FIELD, t.kind === 'word' ? closest(t.text, ['seq', 'from']) : undefined);
    }
  }
  if (time) stmt.time = time;
  stmt.range = cur.range(start, cur.lastEnd());
  return stmt;
}

/** `port`, `host`, `frag-needed [mtu N]`, `code N`. */
export function readUnreachableKind(cur: LineCursor): IcmpUnreachableNode {
  const t = cur.peek();
  if (!t || t.kind !== 'word') throw cur.fail(A_KIND);
  if (t.text.toLowerCase() === 'code') {
    cur.next();
    const n = readNumber(cur, phrase('an ICMP code (0 to 255) after code', 'code 之后的 ICMP 代码（0 到 255）'));
    if (n.value > 255) throw problem({ start: t.start, end: cur.lastEnd() }, `ICMP codes are 0 to 255, not ${n.value}`, `ICMP 代码的范围是 0 到 255，而不是 ${n.value}`);
    return { kind: 'code', code: n.value, range: cur.range(t.start, cur.lastEnd()) };
  }
  const kind = findIgnoringCase(t.text, ICMP_KIND_NAMES);
  if (!kind) throw cur.fail(A_KIND, closest(t.text, ICMP_KIND_NAMES));
  cur.next();
  const node: { -readonly [K in keyof IcmpUnreachableNode]: IcmpUnreachableNode[K] } = { kind, code: ICMP_UNREACHABLE_KINDS[kind], range: cur.range(t.start, t.end) };
  if (cur.isKeyword('mtu')) {
    const m = cur.next() as Token;
    if (kind !== 'frag-needed') throw problem(m, "'mtu' belongs to 'frag-needed' only (the next-hop MTU of RFC 1191)", '“mtu” 只能跟在 “frag-needed” 之后（RFC 1191 的下一跳 MTU）');
    const mtu = readNumber(cur, phrase('the next-hop MTU (68 to 65535) after mtu', 'mtu 之后的下一跳 MTU（68 到 65535）'));
    if (mtu.value < 68 || mtu.value > 65535) throw problem({ start: m.start, end: cur.lastEnd() }, `a next-hop MTU is 68 to 65535 (RFC 791, RFC 1191), not ${mtu.value}`, `下一跳 MTU 的范围是 68 到 65535（RFC 791、RFC 1191），而不是 ${mtu.value}`);
    node.mtu = mtu;
    node.range = cur.range(t.start, cur.lastEnd());
  }
  return node;
}

const ICMP_SOURCE = /^(?:(\d{1,3}(?:\.\d{1,3}){3})(?::\d+)?|\[([0-9A-Fa-f:.]+)\](?::\d+)?)$/;
const A_SOURCE_IP = phrase('an IP address after from (10.0.0.254, or [2001:db8::1])', 'from 之后的 IP 地址（10.0.0.254 或 [2001:db8::1]）');

function readIcmpSource(cur: LineCursor, fromStart: number): IcmpSource {
  const s = cur.span();
  if (!s) throw cur.fail(A_SOURCE_IP);
  const m = ICMP_SOURCE.exec(s.text);
  const range: Range = cur.range(fromStart, s.end);
  if (m?.[1] && m[1].split('.').every((o) => Number(o) <= 255)) return { ip: m[1], family: 4, range };
  if (m?.[2]) return { ip: m[2], family: 6, range };
  throw problem(s, `expected ${A_SOURCE_IP.en}, found '${s.text}'`, `此处应为${A_SOURCE_IP.zh}，但找到的是“${s.text}”`);
}
