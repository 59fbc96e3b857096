// TCP rules 56–60 of tcp-rules.md §4.7: retransmission timers and retries.
import type { DiagnosticEntry } from './entry';

export const TCP_TIMERS = {
  'TCP-RTO-BOUNDS': {
    severity: 'warning',
    title: 'Retransmission timeout out of bounds',
    rfc: 'RFC 6298 §2',
    en: 'RTO {value} outside profile bounds [{min}, {max}] (RFC 6298 min 1 s; Linux TCP_RTO_MIN 200 ms)',
    zh: 'RTO {value} 超出了配置的范围 [{min}, {max}]（RFC 6298 最小 1 秒；Linux TCP_RTO_MIN 为 200 毫秒）',
    explain:
      'RFC 6298 starts the retransmission timeout at 1 s before any RTT is measured (2.1), rounds a computed RTO below 1 s up to 1 s (2.4), allows a maximum of at least 60 s (2.5), and resets the RTO to 3 s when data transfer begins after the SYN timed out (5.7). Linux uses 1 s initially, a 200 ms minimum (TCP_RTO_MIN), 120 s maximum and a 3 s fallback.',
    explainZh:
      'RFC 6298 规定在测得 RTT 之前重传超时（RTO）从 1 秒开始（2.1），计算出的 RTO 小于 1 秒时向上取整到 1 秒（2.4），允许设置不小于 60 秒的上限（2.5），如果 SYN 曾经超时，在开始传输数据时把 RTO 重置为 3 秒（5.7）。Linux 初始为 1 秒，最小 200 毫秒（TCP_RTO_MIN），最大 120 秒，回退值为 3 秒。',
  },
  'TCP-RTO-BACKOFF': {
    severity: 'error',
    title: 'Exponential backoff',
    rfc: 'RFC 6298 §5',
    // {minInterval}: at least twice the previous interval, capped at the maximum RTO.
    en: 'Retransmission #{k} after {interval}s: exponential backoff requires ≥ {minInterval}s (RFC 6298 §5.5)',
    zh: '第 {k} 次重传间隔 {interval} 秒：指数退避要求间隔 ≥ {minInterval} 秒（RFC 6298 §5.5）',
    explain:
      'Each time the retransmission timer expires, the sender retransmits the earliest unacknowledged segment, doubles the RTO (RFC 6298 §5.5, a MUST; RFC 9293 §3.8.2, MUST-19) and restarts the timer, up to the maximum RTO. Backing off keeps a congested or broken path from being flooded with retransmissions. Linux makes the first SYN retransmissions linear (tcp_syn_linear_timeouts) before backing off.',
    explainZh:
      '每当重传定时器超时，发送方重传最早的未确认报文段，把 RTO 加倍（RFC 6298 §5.5，MUST；RFC 9293 §3.8.2，MUST-19），并重新启动定时器，直到达到 RTO 上限。退避可以避免拥塞或中断的路径被重传报文淹没。Linux 对最初几次 SYN 重传使用固定间隔（tcp_syn_linear_timeouts），之后才开始指数退避。',
  },
  'TCP-RTO-EARLY': {
    severity: 'warning',
    title: 'Retransmission before the RTO',
    rfc: 'RFC 6298 §5',
    en: 'Segment {seq} retransmitted {dt} ms after its last transmission, before RTO={rto} ms and without 3 duplicate ACKs',
    zh: '报文段 {seq} 在上次发送后 {dt} 毫秒就被重传，早于 RTO={rto} 毫秒，且没有收到 3 个重复确认',
    explain:
      'RFC 6298 §5 requires that "a segment is never retransmitted too early, i.e., less than one RTO after the previous transmission of that segment", unless fast retransmit triggered it after three duplicate ACKs. This is only a warning because modern loss detection such as RACK-TLP legitimately retransmits sooner.',
    explainZh:
      'RFC 6298 §5 要求“报文段绝不能过早重传，即不能在上次发送后不到一个 RTO 就重传”，除非是收到三个重复确认后触发的快速重传。这里只给出警告，因为 RACK-TLP 等现代丢包检测算法可以合法地更早重传。',
  },
  'TCP-HANDSHAKE-RETRIES': {
    severity: 'error',
    title: 'SYN and SYN,ACK retransmissions',
    rfc: 'RFC 9293 §3.8.3',
    // {segment}: `SYN` or `SYN,ACK`; {observed}: the retransmission times seen, e.g. `1, 3, 7 s`;
    // {profile}: `linux` or `rfc9293`; {schedule}: the expected times; {t}: when the attempt is given up.
    en: '{segment} retransmission schedule {observed} does not match {profile}: expected {n} retries at {schedule}, giving up at {t}s',
    zh: '{segment} 的重传时间 {observed} 与 {profile} 配置不符：应当在 {schedule} 重传 {n} 次，并在 {t} 秒时放弃',
    explain:
      'An unanswered SYN is retransmitted with exponential backoff from a 1 s RTO. With tcp_syn_retries = 6 the classic series retransmits at 1, 3, 7, 15, 31 and 63 s and connect() fails with ETIMEDOUT at 1+2+4+8+16+32+64 = 127 s. Linux 6.x first retransmits at a fixed 1 s interval (tcp_syn_linear_timeouts = 4), which moves the last retransmission to 67 s and the failure to 131 s; the 127 s figure in older material is from kernels before this change. A half-open server entry retransmits its SYN,ACK tcp_synack_retries = 5 times, the last at 31 s, and is dropped at 63 s. RFC 9293 §3.8.3 asks that SYN retransmission continue for at least 3 minutes (MUST-23), which Linux\'s defaults do not meet.',
    explainZh:
      '没有应答的 SYN 以 1 秒的初始 RTO 按指数退避重传。在 tcp_syn_retries = 6 时，经典序列在第 1、3、7、15、31、63 秒重传，connect() 在 1+2+4+8+16+32+64 = 127 秒时以 ETIMEDOUT 失败。Linux 6.x 最初几次以固定的 1 秒间隔重传（tcp_syn_linear_timeouts = 4），因此最后一次重传在第 67 秒，失败在第 131 秒；较旧资料中的 127 秒来自此改动之前的内核。服务器的半连接条目重传 SYN,ACK 共 tcp_synack_retries = 5 次，最后一次在第 31 秒，并在第 63 秒被丢弃。RFC 9293 §3.8.3 要求 SYN 的重传至少持续 3 分钟（MUST-23），Linux 的默认值达不到这一要求。',
  },
  'TCP-RETRIES-EXHAUSTED': {
    severity: 'error',
    title: 'Giving up on retransmission',
    rfc: 'RFC 9293 §3.8.3',
    // {outcome}: `aborted after` or `still retransmitting after`; {outcomeZh}: `被中止` or `仍在重传`;
    // {tunable}: the setting that decides R2, e.g. `tcp_retries2` or `tcp_orphan_retries`.
    en: 'Connection {outcome} {k} retransmissions; profile R2 = {r2} ({tunable})',
    zh: '连接在 {k} 次重传后{outcomeZh}；配置的 R2 = {r2}（{tunable}）',
    explain:
      'RFC 9293 §3.8.3 sets two thresholds for retransmitting the same segment: at R1 (at least 3 retransmissions, SHLD-10) TCP tells the IP layer and the application; at R2 (at least 100 s, SHLD-11) it closes the connection (MUST-20), and the application can set R2 (MUST-21). Linux uses tcp_retries1 = 3 and tcp_retries2 = 15, about 924.6 s at the least. Sockets the application has already closed (FIN-WAIT-1, CLOSING, LAST-ACK) use tcp_orphan_retries instead, whose default 0 means 8.',
    explainZh:
      'RFC 9293 §3.8.3 为同一报文段的重传设置了两个门限：达到 R1（至少 3 次重传，SHLD-10）时，TCP 通知 IP 层和应用；达到 R2（至少 100 秒，SHLD-11）时关闭连接（MUST-20），应用可以设置 R2（MUST-21）。Linux 使用 tcp_retries1 = 3 和 tcp_retries2 = 15，至少约 924.6 秒。应用已经关闭的套接字（FIN-WAIT-1、CLOSING、LAST-ACK）改用 tcp_orphan_retries，其默认值 0 表示 8 次。',
  },
} as const satisfies Record<string, DiagnosticEntry>;
