// Hover texts for ICMP packet lines (`router -> client ICMP unreachable host`) and the
// `unreachable A -> B KIND` event: each kind says what RFC 9293 asks and what Linux does.
import { rfc, rfc9293, type HoverEntry } from './entry';

const LINUX_TCP_V4_ERR = 'Linux 6.18 net/ipv4/tcp_ipv4.c tcp_v4_err(), net/ipv4/icmp.c icmp_err_convert[]';

/** What the kind is between IPv6 addresses (RFC 4443 §3.1; Linux tcp_v6_err, icmpv6_err_convert tab_unreach[]). */
const v6 = (code: number | null, errno: string, what: { en: string; zh: string } = { en: '', zh: '' }): { en: string; zh: string } =>
  code === null
    ? { en: ` Between IPv6 addresses it has no ICMPv6 Destination Unreachable code (ICMP-NO-ICMPV6-CODE): ${what.en}.`, zh: ` IPv6 地址之间没有对应的 ICMPv6 目的不可达代码（ICMP-NO-ICMPV6-CODE）：${what.zh}。` }
    : { en: ` Between IPv6 addresses: ICMPv6 type 1 code ${code} (RFC 4443 §3.1); Linux tcp_v6_err reports ${errno} (icmpv6_err_convert).`, zh: ` IPv6 地址之间：ICMPv6 类型 1 代码 ${code}（RFC 4443 §3.1）；Linux tcp_v6_err 报告 ${errno}（icmpv6_err_convert）。` };

const withV6 = (e: HoverEntry, x: { en: string; zh: string }): HoverEntry => ({ ...e, en: e.en + x.en, zh: e.zh + x.zh });

const soft = (name: string, code: number, errno: string, zhName: string): HoverEntry => ({
  en: `${name} unreachable (ICMP type 3 code ${code}). RFC 9293 §3.9.2.2: a soft error — TCP MUST NOT abort (MUST-56) and keeps retransmitting; the error is reported if the connection times out. Linux: aborts a connection in SYN_SENT/SYN_RECV at once with ${errno}; later only keeps it (sk_err_soft) and reports it instead of ETIMEDOUT on timeout. Sources: RFC 9293 §3.9.2.2, RFC 5461, ${LINUX_TCP_V4_ERR}.`,
  zh: `${zhName}不可达（ICMP 类型 3 代码 ${code}）。RFC 9293 §3.9.2.2：软错误——TCP 不得中止连接（MUST-56），继续重传；连接超时时才报告这个错误。Linux：处于 SYN_SENT/SYN_RECV 的连接立即以 ${errno} 中止；之后只记下它（sk_err_soft），超时时用它代替 ETIMEDOUT 报告。来源：RFC 9293 §3.9.2.2、RFC 5461、${LINUX_TCP_V4_ERR}。`,
  ...rfc9293('3.9.2.2'),
});

const hard = (name: string, code: number, errno: string, zhName: string): HoverEntry => ({
  en: `${name} unreachable (ICMP type 3 code ${code}). RFC 9293 §3.9.2.2: a hard error — TCP SHOULD abort the connection (SHLD-26), reporting ${errno}. Linux aborts only a connection still in SYN_SENT/SYN_RECV; in synchronized states it keeps retransmitting and reports ${errno} instead of ETIMEDOUT when it times out. Sources: RFC 9293 §3.9.2.2, ${LINUX_TCP_V4_ERR}.`,
  zh: `${zhName}不可达（ICMP 类型 3 代码 ${code}）。RFC 9293 §3.9.2.2：硬错误——TCP 应当中止连接（SHLD-26），报告 ${errno}。Linux 只中止仍处于 SYN_SENT/SYN_RECV 的连接；在已同步状态下继续重传，超时时用 ${errno} 代替 ETIMEDOUT 报告。来源：RFC 9293 §3.9.2.2、${LINUX_TCP_V4_ERR}。`,
  ...rfc9293('3.9.2.2'),
});

export const ICMP_HOVERS: Readonly<Record<string, HoverEntry>> = {
  icmp: {
    en: 'ICMP unreachable KIND [seq=N] [from IP]: an ICMP Destination Unreachable sent to the destination about the last TCP segment it sent (the ICMP quotes its IP header and TCP header; seq= overrides the quoted sequence number): ICMPv4 (RFC 792 type 3), or ICMPv6 (RFC 4443 §3.1 type 1) when the destination is an IPv6 endpoint. Linux ignores one whose quoted seq is not between SND.UNA and SND.NXT (RFC 5927 §4.1).',
    zh: 'ICMP unreachable 类型 [seq=N] [from IP]：发给目的端点的 ICMP 目的不可达，针对它最后发出的 TCP 报文段（ICMP 引用该报文段的 IP 首部和 TCP 首部；seq= 可改写所引用的序列号）：ICMPv4（RFC 792 类型 3），目的端点是 IPv6 时则为 ICMPv6（RFC 4443 §3.1 类型 1）。若引用的 seq 不在 SND.UNA 与 SND.NXT 之间，Linux 会忽略它（RFC 5927 §4.1）。',
    ...rfc9293('3.9.2.2'),
  },
  unreachable: {
    en: 'unreachable A -> B KIND: every packet from A to B is dropped and answered by an ICMP Destination Unreachable of that kind from B\'s address (a firewall\'s "reject with icmp"), until `heal A -> B`. On a packet line, `ICMP unreachable KIND` names the ICMP type. What the TCP sender does differs: RFC 9293 §3.9.2.2 aborts only on hard errors (protocol, port); Linux aborts any connection attempt (SYN_SENT).',
    zh: 'unreachable A -> B 类型：从 A 到 B 的每个报文都被丢弃，并由 B 的地址回复该类型的 ICMP 目的不可达（相当于防火墙的 “reject with icmp”），直到 `heal A -> B`。在报文行中，`ICMP unreachable 类型` 指明 ICMP 的类型。TCP 发送方的反应不同：RFC 9293 §3.9.2.2 只在硬错误（协议、端口）时中止；Linux 对任何正在建立的连接（SYN_SENT）都会中止。',
    ...rfc9293('3.9.2.2'),
  },
  net: withV6(soft('Network', 0, 'ENETUNREACH', '网络'), v6(0, 'ENETUNREACH')),
  host: withV6(soft('Host', 1, 'EHOSTUNREACH', '主机'), v6(3, 'EHOSTUNREACH')),
  'source-route-failed': withV6(soft('Source route failed:', 5, 'EOPNOTSUPP', '源路由失败：'), v6(null, '', { en: 'IPv6 has no source-route option', zh: 'IPv6 没有源路由选项' })),
  protocol: withV6(hard('Protocol', 2, 'ENOPROTOOPT', '协议'), v6(null, '', { en: 'IPv6 reports it with a Parameter Problem (RFC 4443 §3.4)', zh: 'IPv6 用参数问题报告（RFC 4443 §3.4）' })),
  port: withV6(hard('Port', 3, 'ECONNREFUSED', '端口'), v6(4, 'ECONNREFUSED')),
  'frag-needed': withV6({
    en: 'Fragmentation needed and DF set (ICMP type 3 code 4) [mtu N]: path-MTU discovery\'s signal (RFC 1191) — the sender should send smaller segments. RFC 9293 §3.9.2.2 still lists code 4 among the hard errors (from RFC 1122), but §3.7.2 makes PMTUD the SHOULD; Linux (tcp_v4_mtu_reduced) lowers the MSS and never aborts. tcpflow models no path MTU: the connection goes on unchanged.',
    zh: '需要分片但设置了 DF（ICMP 类型 3 代码 4）[mtu N]：路径 MTU 发现的信号（RFC 1191）——发送方应当发送更小的报文段。RFC 9293 §3.9.2.2 仍把代码 4 列为硬错误（源自 RFC 1122），但 §3.7.2 把 PMTUD 定为 SHOULD；Linux（tcp_v4_mtu_reduced）会降低 MSS，从不因此中止。tcpflow 不模拟路径 MTU：连接照常进行。',
    ...rfc(1191, '4'),
  }, v6(null, '', { en: 'in IPv6 it is Packet Too Big (RFC 4443 §3.2)', zh: 'IPv6 中是报文过大（RFC 4443 §3.2）' })),
  'admin-prohibited': withV6({
    en: 'Communication administratively prohibited (ICMP type 3 code 13, RFC 1812 §5.2.7.1): a firewall\'s "reject". RFC 9293 does not classify it, so the rfc9293 profile treats it as soft (no abort). Linux maps it to EHOSTUNREACH (icmp_err_convert) and, like every Destination Unreachable, aborts a connection in SYN_SENT with it.',
    zh: '通信被管理性禁止（ICMP 类型 3 代码 13，RFC 1812 §5.2.7.1）：防火墙的 “reject”。RFC 9293 没有对它分类，因此 rfc9293 配置把它当作软错误（不中止）。Linux 把它映射为 EHOSTUNREACH（icmp_err_convert），并像所有目的不可达一样，以它中止处于 SYN_SENT 的连接。',
    ...rfc(1812, '5.2.7.1'),
  }, v6(1, 'EACCES')),
  code: {
    en: 'code N: a Destination Unreachable code by number (0–255). RFC 9293 classifies 0, 1, 5 as soft and 2–4 as hard; others are treated as soft on the rfc9293 profile. Linux ignores codes above 15 (NR_ICMP_UNREACH). Between IPv6 addresses N is the ICMPv6 code (RFC 4443 §3.1: 2 beyond scope, 5 source address failed policy, 6 reject route); Linux tcp_v6_err has no upper limit: codes past 6 give EPROTO.',
    zh: 'code N：按编号给出的目的不可达代码（0–255）。RFC 9293 把 0、1、5 归为软错误，2–4 归为硬错误；rfc9293 配置把其余代码当作软错误。Linux 忽略大于 15 的代码（NR_ICMP_UNREACH）。IPv6 地址之间 N 是 ICMPv6 代码（RFC 4443 §3.1：2 超出源地址范围、5 源地址未通过策略、6 拒绝路由）；Linux tcp_v6_err 没有上限：大于 6 的代码得到 EPROTO。',
    ...rfc9293('3.9.2.2'),
  },
  mtu: {
    en: 'mtu N: the next-hop MTU a frag-needed ICMP carries (RFC 1191 §4), 68 to 65535.',
    zh: 'mtu N：frag-needed ICMP 携带的下一跳 MTU（RFC 1191 §4），范围 68 到 65535。',
    ...rfc(1191, '4'),
  },
};
