// ICMP Destination Unreachable, ICMPv4 and ICMPv6 (tcp-rules.md §7.4 row T036; RFC 9293 §3.9.2.2; RFC 4443 §3.1). Not one of the
// 60 rules of tcp-rules.md §4, so its ids do not start with `TCP-`.
import type { DiagnosticEntry } from './entry';

export const ICMP = {
  'ICMP-UNREACHABLE': {
    severity: 'error',
    title: 'ICMP Destination Unreachable',
    rfc: 'RFC 9293 §3.9.2.2',
    // {kind}: `port`, `host`, `code 9` (a code word); {type}: 3 (ICMPv4) or 1 (ICMPv6); {outcome}/{outcomeZh}: what the receiver did
    // ("aborts the connection: the socket reports ECONNREFUSED and the state becomes CLOSED", …);
    // {observed}/{observedZh}: what the script expected there.
    en: 'ICMP {kind} unreachable (type {type} code {code}) in {state} on the {profile} profile: the stack {outcome}; the script expects {observed}',
    zh: 'ICMP {kind} 不可达（类型 {type} 代码 {code}），在 {state} 状态、{profile} 配置下：协议栈{outcomeZh}；脚本期望的是{observedZh}',
    explain:
      'RFC 9293 §3.9.2.2 (from RFC 1122 §4.2.3.9) splits Destination Unreachable: codes 0, 1 and 5 (net, host, source route failed) are soft errors, for which TCP MUST NOT abort the connection (MUST-56) but SHOULD tell the application (SHLD-25), e.g. when the connection later times out; codes 2–4 are hard errors, for which TCP SHOULD abort (SHLD-26). Linux (tcp_v4_err) aborts a connection still in SYN-SENT or SYN-RECEIVED on any Destination Unreachable, with the errno of icmp_err_convert (host → EHOSTUNREACH, port → ECONNREFUSED); in synchronized states it only keeps the error, and reports it instead of ETIMEDOUT when retransmissions time out. Both ignore an ICMP whose quoted sequence number is not between SND.UNA and SND.NXT (RFC 5927 §4.1), and treat code 4 as path-MTU discovery. ICMPv6 (type 1, RFC 4443 §3.1): RFC 9293 names codes 0 and 3 (no route, address unreachable) soft; tcpflow takes port unreachable (4) as hard. Linux (tcp_v6_err, icmpv6_err_convert) aborts SYN-SENT on any code (admin-prohibited → EACCES, port → ECONNREFUSED) and keeps a soft error later.',
    explainZh:
      'RFC 9293 §3.9.2.2（源自 RFC 1122 §4.2.3.9）把目的不可达分成两类：代码 0、1、5（网络、主机、源路由失败）是软错误，TCP 不得（MUST NOT）因此中止连接（MUST-56），但应当（SHOULD）告知应用（SHLD-25），例如在连接之后超时时报告；代码 2–4 是硬错误，TCP 应当（SHOULD）中止连接（SHLD-26）。Linux（tcp_v4_err）对仍处于 SYN-SENT 或 SYN-RECEIVED 的连接，收到任何目的不可达都会中止，errno 取自 icmp_err_convert（主机不可达 → EHOSTUNREACH，端口不可达 → ECONNREFUSED）；在已同步状态下只记下这个错误，等重传超时时用它代替 ETIMEDOUT 报告。两者都忽略所引用序列号不在 SND.UNA 与 SND.NXT 之间的 ICMP（RFC 5927 §4.1），并把代码 4 当作路径 MTU 发现的信号。ICMPv6（类型 1，RFC 4443 §3.1）：RFC 9293 把代码 0 和 3（无路由、地址不可达）列为软错误；tcpflow 把端口不可达（4）当作硬错误。Linux（tcp_v6_err、icmpv6_err_convert）在 SYN-SENT 状态收到任何代码都会中止（管理性禁止 → EACCES，端口不可达 → ECONNREFUSED），之后只记为软错误。',
  },
  'ICMP-NOT-MODELLED': {
    severity: 'error',
    title: 'ICMP message not modelled',
    rfc: 'RFC 9293 §3.9.2.2',
    // {detail}/{detailZh}: why this ICMP line cannot run ("client has sent no TCP segment to quote yet", "the ICMP's source is IPv4 but the connection is IPv6").
    en: 'this ICMP line was not run: {detail}',
    zh: '这一行 ICMP 没有执行：{detailZh}',
    explain:
      'An ICMP error quotes the IP header and the start of the TCP segment it is about (RFC 792; RFC 1122 §3.2.2), and the receiving stack finds the connection from that quote. tcpflow builds the quote from the last TCP segment the destination sent, so there must be one; and the ICMP comes from an address of the same family as the connection: ICMPv4 for IPv4, ICMPv6 (RFC 4443) for IPv6.',
    explainZh:
      'ICMP 差错报文会引用出错报文段的 IP 首部和 TCP 报文段的开头（RFC 792；RFC 1122 §3.2.2），接收方协议栈靠这段引用找到对应的连接。tcpflow 用目的端点最后发出的 TCP 报文段构造这段引用，所以它必须已经发过报文段；另外 ICMP 的源地址必须与连接属于同一地址族：IPv4 连接用 ICMPv4，IPv6 连接用 ICMPv6（RFC 4443）。',
  },
  'ICMP-NO-ICMPV6-CODE': {
    severity: 'error',
    title: 'Unreachable kind with no ICMPv6 code',
    rfc: 'RFC 4443 §3.1',
    // {kind}: the kind as written (`protocol`, `frag-needed`, `source-route-failed`); {why}/{whyZh}: what IPv6 sends instead, with its RFC section.
    en: "'{kind}' has no ICMPv6 Destination Unreachable code: {why}. For an IPv6 connection write net, host, port, admin-prohibited or code N",
    zh: '“{kind}” 没有对应的 ICMPv6 目的不可达代码：{whyZh}。IPv6 连接请写 net、host、port、admin-prohibited 或 code N',
    explain:
      'Between IPv6 addresses the error is an ICMPv6 Destination Unreachable (RFC 4443 §3.1, type 1), whose codes are 0 no route to destination (net), 1 administratively prohibited (admin-prohibited), 2 beyond scope of source address, 3 address unreachable (host), 4 port unreachable (port), 5 source address failed ingress/egress policy, 6 reject route to destination. Three ICMPv4 kinds have no counterpart: protocol unreachable is a Parameter Problem in IPv6 (RFC 4443 §3.4, code 1, unrecognized Next Header), fragmentation needed is Packet Too Big (RFC 4443 §3.2, type 2; IPv6 routers never fragment), and IPv6 has no source-route option: errors in a Routing header are reported as a Parameter Problem (RFC 8200 §4.4). tcpflow models only Destination Unreachable; `code N` writes any ICMPv6 code by number.',
    explainZh:
      'IPv6 地址之间的差错是 ICMPv6 目的不可达（RFC 4443 §3.1，类型 1），代码为：0 无路由（net）、1 管理性禁止（admin-prohibited）、2 超出源地址范围、3 地址不可达（host）、4 端口不可达（port）、5 源地址未通过入口/出口策略、6 拒绝路由。有三种 ICMPv4 类型在 IPv6 中没有对应：协议不可达在 IPv6 中是参数问题（RFC 4443 §3.4，代码 1，无法识别的下一报头），需要分片在 IPv6 中是报文过大（RFC 4443 §3.2，类型 2；IPv6 路由器从不分片），而 IPv6 没有源路由选项：路由报头中的错误以参数问题报告（RFC 8200 §4.4）。tcpflow 只模拟目的不可达；`code N` 可以按编号写出任意 ICMPv6 代码。',
  },
} as const satisfies Record<string, DiagnosticEntry>;
