// Which ICMP an ICMP line or an `unreachable` event means for its connection's address family:
// ICMPv4 (RFC 792 type 3) for IPv4, ICMPv6 (RFC 4443 §3.1 type 1) for IPv6. The kinds are
// written once (keywords.ts); between IPv6 addresses each maps to its ICMPv6 code, and a kind
// with none is reported (ICMP-NO-ICMPV6-CODE) with what IPv6 sends instead.
import type { IcmpUnreachableNode } from '../language/ast';
import { ICMPV6_UNREACHABLE_CODES, type IcmpUnreachableKind } from '../language/keywords';
import type { RunContext } from './context';
import type { WorldEndpoint } from './world';

export function isIpv6(e: WorldEndpoint): boolean {
  return e.spec.address.ip.includes(':');
}

/** What IPv6 sends instead of the ICMPv4 kinds that have no ICMPv6 Destination Unreachable code. */
const NO_ICMPV6_CODE: Readonly<Partial<Record<IcmpUnreachableKind, { readonly en: string; readonly zh: string }>>> = {
  protocol: {
    en: 'IPv6 reports an unrecognized Next Header with a Parameter Problem, code 1 (RFC 4443 §3.4)',
    zh: 'IPv6 用参数问题（代码 1）报告无法识别的下一报头（RFC 4443 §3.4）',
  },
  'frag-needed': {
    en: 'IPv6 routers do not fragment; a packet too big for the next link is answered with a Packet Too Big message, type 2 (RFC 4443 §3.2)',
    zh: 'IPv6 路由器不分片；对下一段链路来说过大的报文会得到报文过大消息（类型 2，RFC 4443 §3.2）',
  },
  'source-route-failed': {
    en: 'IPv6 has no source-route option; errors in a Routing header are reported with a Parameter Problem (RFC 8200 §4.4)',
    zh: 'IPv6 没有源路由选项；路由报头中的错误以参数问题报告（RFC 8200 §4.4）',
  },
};

/** The code to send: the ICMPv4 code, or for IPv6 the kind's ICMPv6 code; null (reported) when it has none. */
export function icmpCodeFor(ctx: RunContext, node: IcmpUnreachableNode, ipv6: boolean): number | null {
  if (!ipv6) return node.code;
  const code = icmp6CodeOf(node);
  if (code !== null) return code;
  const why = NO_ICMPV6_CODE[node.kind as IcmpUnreachableKind] ?? { en: 'no ICMPv6 counterpart', zh: '没有对应的 ICMPv6 代码' };
  ctx.report('ICMP-NO-ICMPV6-CODE', node.range, { kind: node.kind, why: why.en, whyZh: why.zh });
  return null;
}

/** The ICMPv6 code of a kind (`code N` as written), or null when it has none. */
export function icmp6CodeOf(node: IcmpUnreachableNode): number | null {
  if (node.kind === 'code') return node.code;
  return ICMPV6_UNREACHABLE_CODES[node.kind as IcmpUnreachableKind] ?? null;
}
