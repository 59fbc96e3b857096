// ICMP Destination Unreachable (tcp-rules.md §7.4 row T036; RFC 9293 §3.9.2.2). Not one of the
// 60 rules of tcp-rules.md §4, so its ids do not start with `TCP-`.
import type { DiagnosticEntry } from './entry';

export const ICMP = {
  'ICMP-UNREACHABLE': {
    severity: 'error',
    title: 'ICMP Destination Unreachable',
    rfc: 'RFC 9293 §3.9.2.2',
    // {kind}: `port`, `host`, `code 9` (a code word); {outcome}/{outcomeZh}: what the receiver did
    // ("aborts the connection: the socket reports ECONNREFUSED and the state becomes CLOSED", …);
    // {observed}/{observedZh}: what the script expected there.
    en: 'ICMP {kind} unreachable (type 3 code {code}) in {state} on the {profile} profile: the stack {outcome}; the script expects {observed}',
    zh: 'ICMP {kind} 不可达（类型 3 代码 {code}），在 {state} 状态、{profile} 配置下：协议栈{outcomeZh}；脚本期望的是{observedZh}',
    explain:
      'RFC 9293 §3.9.2.2 (from RFC 1122 §4.2.3.9) splits Destination Unreachable: codes 0, 1 and 5 (net, host, source route failed) are soft errors, for which TCP MUST NOT abort the connection (MUST-56) but SHOULD tell the application (SHLD-25), e.g. when the connection later times out; codes 2–4 are hard errors, for which TCP SHOULD abort (SHLD-26). Linux (tcp_v4_err) aborts a connection still in SYN-SENT or SYN-RECEIVED on any Destination Unreachable, with the errno of icmp_err_convert (host → EHOSTUNREACH, port → ECONNREFUSED); in synchronized states it only keeps the error, and reports it instead of ETIMEDOUT when retransmissions time out. Both ignore an ICMP whose quoted sequence number is not between SND.UNA and SND.NXT (RFC 5927 §4.1), and treat code 4 as path-MTU discovery.',
    explainZh:
      'RFC 9293 §3.9.2.2（源自 RFC 1122 §4.2.3.9）把目的不可达分成两类：代码 0、1、5（网络、主机、源路由失败）是软错误，TCP 不得（MUST NOT）因此中止连接（MUST-56），但应当（SHOULD）告知应用（SHLD-25），例如在连接之后超时时报告；代码 2–4 是硬错误，TCP 应当（SHOULD）中止连接（SHLD-26）。Linux（tcp_v4_err）对仍处于 SYN-SENT 或 SYN-RECEIVED 的连接，收到任何目的不可达都会中止，errno 取自 icmp_err_convert（主机不可达 → EHOSTUNREACH，端口不可达 → ECONNREFUSED）；在已同步状态下只记下这个错误，等重传超时时用它代替 ETIMEDOUT 报告。两者都忽略所引用序列号不在 SND.UNA 与 SND.NXT 之间的 ICMP（RFC 5927 §4.1），并把代码 4 当作路径 MTU 发现的信号。',
  },
  'ICMP-NOT-MODELLED': {
    severity: 'error',
    title: 'ICMP message not modelled',
    rfc: 'RFC 9293 §3.9.2.2',
    // {detail}/{detailZh}: why this ICMP line cannot run ("ICMPv6 (IPv6 endpoints) is not modelled yet", "client has sent no TCP segment to quote yet").
    en: 'this ICMP line was not run: {detail}',
    zh: '这一行 ICMP 没有执行：{detailZh}',
    explain:
      'An ICMP error quotes the IP header and the start of the TCP segment it is about (RFC 792; RFC 1122 §3.2.2), and the receiving stack finds the connection from that quote. tcpflow builds the quote from the last TCP segment the destination sent, so there must be one; and it models ICMPv4 only — ICMPv6 (RFC 4443, Linux tcp_v6_err) is not modelled yet.',
    explainZh:
      'ICMP 差错报文会引用出错报文段的 IP 首部和 TCP 报文段的开头（RFC 792；RFC 1122 §3.2.2），接收方协议栈靠这段引用找到对应的连接。tcpflow 用目的端点最后发出的 TCP 报文段构造这段引用，所以它必须已经发过报文段；另外目前只模拟 ICMPv4，尚未模拟 ICMPv6（RFC 4443，Linux tcp_v6_err）。',
  },
} as const satisfies Record<string, DiagnosticEntry>;
