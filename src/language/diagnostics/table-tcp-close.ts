// TCP rules 32–44 of tcp-rules.md §4.3–§4.4: connection teardown and TIME-WAIT.
import type { DiagnosticEntry } from './entry';

export const TCP_CLOSE = {
  'TCP-FIN-CONSUMES-SEQ': {
    severity: 'error',
    title: 'FIN consumes a sequence number',
    rfc: 'RFC 9293 §3.4',
    // {field}: `ack` or `seq`; {expected}: the value as it should be written (`y+2`); {actual}: what the script wrote.
    en: 'the FIN occupies one sequence number, so {field} must be {expected}, not {actual}',
    zh: 'FIN 占用一个序列号，所以 {field} 应为 {expected}，而不是 {actual}',
    explain:
      'Like the SYN, the FIN counts as one octet of sequence space, after the last data octet (RFC 9293 §3.4). The receiver "advance[s] RCV.NXT over the FIN" and acknowledges it (§3.10.7.4, eighth check), so a FIN with seq=s and no data is acknowledged with ack=s+1, and any later segment from the FIN\'s sender uses seq=s+1. This is why the last ACK of a close is one higher than the previous ACK.',
    explainZh:
      '和 SYN 一样，FIN 也占用序列号空间中的一个字节，位于最后一个数据字节之后（RFC 9293 §3.4）。接收方“把 RCV.NXT 推进到 FIN 之后”并确认它（§3.10.7.4 第八项检查），所以不带数据、seq=s 的 FIN 要用 ack=s+1 确认，发送 FIN 的一方之后的报文段使用 seq=s+1。这就是四次挥手中最后一个 ACK 的确认号要比之前大 1 的原因。',
  },
  'TCP-SEND-AFTER-FIN': {
    severity: 'error',
    title: 'Data after FIN',
    rfc: 'RFC 9293 §3.10.2',
    en: 'Data after FIN: {endpoint} closed its sending direction at seq {finSeq}; further data is impossible and is ignored by the receiver',
    zh: 'FIN 之后的数据：{endpoint} 已在 seq {finSeq} 处关闭了发送方向；之后不可能再发送数据，接收方也会忽略它',
    explain:
      'A FIN says "I have no more data to send". After it, a SEND call fails with "connection closing" (RFC 9293 §3.10.2), so no new octet can follow the FIN. A receiver that has seen the FIN ignores any text that arrives after it (§3.10.7.4, seventh check: "This should not occur since a FIN has been received from the remote side").',
    explainZh:
      'FIN 表示“我没有更多数据要发送了”。此后 SEND 调用会返回“连接正在关闭”错误（RFC 9293 §3.10.2），所以 FIN 之后不可能再有新的字节。已经收到 FIN 的接收方会忽略之后到达的数据（§3.10.7.4 第七项检查：“这种情况不应发生，因为已经收到了对端的 FIN”）。',
  },
  'TCP-HALFCLOSE-DATA': {
    severity: 'error',
    title: 'Half-closed connections still receive',
    rfc: 'RFC 9293 §3.6',
    // {state}: `FIN-WAIT-1` or `FIN-WAIT-2`.
    en: 'Half-close: the peer may keep sending after our FIN; {state} must accept and ACK the data (RST only if the app fully closed)',
    zh: '半关闭：我方发出 FIN 后对端仍可继续发送；{state} 必须接收并确认这些数据（只有应用完全关闭时才回复 RST）',
    explain:
      'A FIN closes only one direction. After shutdown(SHUT_WR) the other side, in CLOSE-WAIT, may go on sending, and FIN-WAIT-1 and FIN-WAIT-2 "process the segment text" and acknowledge it (RFC 9293 §3.6, §3.10.7.4 seventh check). Only if the application fully closed the socket SHOULD new data be answered with RST (§3.6.1, SHLD-3), as Linux does.',
    explainZh:
      'FIN 只关闭一个方向。调用 shutdown(SHUT_WR) 之后，处于 CLOSE-WAIT 的另一方仍可继续发送，FIN-WAIT-1 和 FIN-WAIT-2 会“处理报文段中的数据”并确认它（RFC 9293 §3.6、§3.10.7.4 第七项检查）。只有当应用完全关闭了套接字时，才应当用 RST 回应新到的数据（§3.6.1，SHLD-3），Linux 就是这样做的。',
  },
  'TCP-FINWAIT1-FIN': {
    severity: 'error',
    title: 'FIN received in FIN-WAIT-1',
    rfc: 'RFC 9293 §3.10.7.4',
    // {segment}: `a FIN without the ACK of our FIN`, `a FIN,ACK that acknowledges our FIN` or `the ACK of our FIN`;
    // {segmentZh}: the same in Chinese; {expected}: `CLOSING`, `TIME_WAIT` or `FIN_WAIT_2`; {state}: what the script shows.
    en: 'In FIN-WAIT-1, {segment} leads to {expected}; script shows {state}',
    zh: '在 FIN-WAIT-1 状态，{segmentZh}会使连接进入 {expected}；脚本写的是 {state}',
    explain:
      'In FIN-WAIT-1 the next state depends on whether the arriving segment acknowledges our FIN (RFC 9293 §3.10.7.4, fifth and eighth checks). A FIN that does not is a simultaneous close: ACK it and enter CLOSING. A FIN,ACK that does goes to TIME-WAIT (through FIN-WAIT-2 within the same segment). A bare ACK of our FIN leads to FIN-WAIT-2. From CLOSING, the ACK of our FIN leads to TIME-WAIT.',
    explainZh:
      '在 FIN-WAIT-1 状态，下一个状态取决于到达的报文段是否确认了我方的 FIN（RFC 9293 §3.10.7.4 第五、第八项检查）。没有确认我方 FIN 的 FIN 意味着双方同时关闭：确认它并进入 CLOSING。确认了我方 FIN 的 FIN,ACK 使连接进入 TIME-WAIT（在同一个报文段内经过 FIN-WAIT-2）。单纯确认我方 FIN 的 ACK 使连接进入 FIN-WAIT-2。在 CLOSING 状态收到对我方 FIN 的确认后进入 TIME-WAIT。',
  },
  'TCP-TIMEWAIT-PASSIVE-CLOSER': {
    severity: 'error',
    title: 'Only the active closer enters TIME-WAIT',
    rfc: 'RFC 9293 §3.6',
    en: 'Only the active closer enters TIME-WAIT; the LAST-ACK side goes straight to CLOSED when its FIN is ACKed',
    zh: '只有主动关闭方才会进入 TIME-WAIT；处于 LAST-ACK 的一方在自己的 FIN 被确认后直接进入 CLOSED',
    explain:
      'The side that sends the first FIN (the active closer) passes through FIN-WAIT-1 and FIN-WAIT-2 and lingers in TIME-WAIT for 2·MSL (RFC 9293 §3.6.1, MUST-13). The passive closer goes from CLOSE-WAIT to LAST-ACK when its application closes and sends its own FIN; when that FIN is acknowledged it deletes the connection and is CLOSED (§3.6 Figure 12). So after its FIN the passive closer is in LAST_ACK, not CLOSE_WAIT, and it never enters TIME_WAIT. In a simultaneous close both ends are active closers and both go through CLOSING to TIME-WAIT.',
    explainZh:
      '先发送 FIN 的一方（主动关闭方）依次经过 FIN-WAIT-1、FIN-WAIT-2，并在 TIME-WAIT 中停留 2·MSL（RFC 9293 §3.6.1，MUST-13）。被动关闭方在应用调用 close() 并发出自己的 FIN 时，从 CLOSE-WAIT 进入 LAST-ACK；这个 FIN 被确认后就删除连接，进入 CLOSED（§3.6 图 12）。所以被动关闭方发出 FIN 后处于 LAST_ACK 而不是 CLOSE_WAIT，并且永远不会进入 TIME_WAIT。双方同时关闭时，两端都是主动关闭方，都经过 CLOSING 进入 TIME-WAIT。',
  },
  'TCP-CLOSEWAIT-STUCK': {
    severity: 'warning',
    title: 'Stuck in CLOSE-WAIT',
    rfc: 'RFC 9293 §3.6',
    en: 'CLOSE-WAIT for {t}s: the peer closed but this application never called close() (CLOSE_WAIT leak)',
    zh: '已在 CLOSE-WAIT 停留 {t} 秒：对端已经关闭，但本方应用一直没有调用 close()（CLOSE_WAIT 泄漏）',
    explain:
      'CLOSE-WAIT means "the peer has finished sending; waiting for our application to close". It has no timer: it ends only when the application calls close(), which sends a FIN and enters LAST-ACK (RFC 9293 §3.6, case 2). Many sockets in CLOSE_WAIT therefore point to a bug in the application, a socket it forgot to close, not to a network problem.',
    explainZh:
      'CLOSE-WAIT 的意思是“对端已经发送完毕，正在等待本方应用关闭”。这个状态没有定时器：只有当应用调用 close()、发出 FIN 并进入 LAST-ACK 时才会结束（RFC 9293 §3.6，情形 2）。因此大量处于 CLOSE_WAIT 的套接字说明应用程序有缺陷（忘记关闭套接字），而不是网络问题。',
  },
  'TCP-FINWAIT2-TIMEOUT': {
    severity: 'warning',
    title: 'FIN-WAIT-2 and tcp_fin_timeout',
    rfc: 'RFC 9293 §3.10.7.4',
    en: 'FIN-WAIT-2 has no RFC timeout; Linux reaps only orphaned sockets after tcp_fin_timeout={n}s (this does not change TIME-WAIT)',
    zh: 'RFC 没有为 FIN-WAIT-2 规定超时；Linux 只会在 tcp_fin_timeout={n} 秒后回收孤儿套接字（这不会改变 TIME-WAIT 的时长）',
    explain:
      'In the RFC, FIN-WAIT-2 waits for the peer\'s FIN with no timeout; a half-closed socket can legitimately stay there receiving data (RFC 9293 §3.10.7.4). Linux destroys only orphaned FIN-WAIT-2 sockets, those the application has already closed, after tcp_fin_timeout (60 s); a FIN arriving later is answered with RST. A common misconception: tcp_fin_timeout does not set the length of TIME_WAIT, which Linux fixes at 60 s (TCP_TIMEWAIT_LEN).',
    explainZh:
      '按照 RFC，FIN-WAIT-2 等待对端的 FIN，没有超时；半关闭的套接字可以合法地停留在这里继续接收数据（RFC 9293 §3.10.7.4）。Linux 只会在 tcp_fin_timeout（60 秒）之后销毁孤儿 FIN-WAIT-2 套接字（即应用已经关闭的套接字）；之后才到达的 FIN 会得到 RST 应答。常见误解：tcp_fin_timeout 并不决定 TIME_WAIT 的时长，Linux 的 TIME_WAIT 固定为 60 秒（TCP_TIMEWAIT_LEN）。',
  },
  'TCP-CLOSE-UNREAD-RST': {
    severity: 'warning',
    title: 'close() with unread data sends RST',
    rfc: 'RFC 9293 §3.6.1',
    en: 'close() with {n} unread bytes: stacks implementing RFC 9293 SHLD-3 (e.g. Linux) send RST, not FIN',
    zh: '在还有 {n} 字节未读数据时调用 close()：实现了 RFC 9293 SHLD-3 的协议栈（例如 Linux）会发送 RST 而不是 FIN',
    explain:
      'If an application closes a socket while received data is still unread, that data is lost. A host that implements half-duplex close (MAY-1) SHOULD send a RST to show this (RFC 9293 §3.6.1, SHLD-3). Linux does so: it sends <SEQ=SND.NXT><CTL=RST> instead of a FIN.',
    explainZh:
      '如果应用在仍有已接收但未读取的数据时关闭套接字，这些数据就丢失了。实现了半双工关闭（MAY-1）的主机应当发送 RST 来表明这一点（RFC 9293 §3.6.1，SHLD-3）。Linux 就是这样做的：它发送 <SEQ=SND.NXT><CTL=RST> 而不是 FIN。',
  },
  'TCP-TIMEWAIT-DURATION': {
    severity: 'error',
    title: 'TIME-WAIT lasts 2·MSL',
    rfc: 'RFC 9293 §3.6.1',
    en: 'TIME-WAIT must last 2·MSL = {timeWait}s (RFC 9293 MUST-13; Linux fixed 60 s); script leaves it after {t}s',
    zh: 'TIME-WAIT 必须持续 2·MSL = {timeWait} 秒（RFC 9293 MUST-13；Linux 固定为 60 秒）；脚本在 {t} 秒后就离开了该状态',
    explain:
      'An active closer MUST linger in TIME-WAIT for 2·MSL (RFC 9293 §3.6.1, MUST-13). The RFC takes MSL = 2 minutes (§3.4.2), so 240 s; Linux uses a fixed 60 s (TCP_TIMEWAIT_LEN), which no sysctl changes — tcp_fin_timeout does not. TIME-WAIT exists so that the final ACK can be sent again if the peer\'s FIN is retransmitted, and so that old duplicate segments of this connection die out before a new one uses the same addresses and ports. The timer restarts when a retransmitted FIN arrives; on expiry the connection is deleted (§3.10.8).',
    explainZh:
      '主动关闭方必须在 TIME-WAIT 中停留 2·MSL（RFC 9293 §3.6.1，MUST-13）。RFC 取 MSL = 2 分钟（§3.4.2），即 240 秒；Linux 固定使用 60 秒（TCP_TIMEWAIT_LEN），没有 sysctl 可以修改它，tcp_fin_timeout 也不行。设置 TIME-WAIT 有两个目的：对端重传 FIN 时可以再次发送最后的 ACK；让这条连接的旧重复报文段在新连接使用相同地址和端口之前在网络中消失。收到重传的 FIN 时定时器重新开始；超时后连接被删除（§3.10.8）。',
  },
  'TCP-TIMEWAIT-FIN-RETRANS': {
    severity: 'error',
    title: 'Retransmitted FIN in TIME-WAIT',
    rfc: 'RFC 9293 §3.10.7.4',
    en: 'Retransmitted FIN in TIME-WAIT must be re-ACKed (<SEQ={sndNxt}><ACK={rcvNxt}>) and the 2·MSL timer restarted',
    zh: 'TIME-WAIT 状态收到重传的 FIN 时，必须再次确认（<SEQ={sndNxt}><ACK={rcvNxt}>）并重新开始 2·MSL 定时器',
    explain:
      'If the last ACK of a close is lost, the peer in LAST-ACK retransmits its FIN. "The only thing that can arrive in this state is a retransmission of the remote FIN. Acknowledge it, and restart the 2 MSL timeout" (RFC 9293 §3.10.7.4, TIME-WAIT). This is the first reason TIME-WAIT exists: without it the peer would get a RST instead of the ACK it needs.',
    explainZh:
      '如果关闭过程中的最后一个 ACK 丢失，处于 LAST-ACK 的对端会重传它的 FIN。“在这个状态下唯一可能到达的是对端 FIN 的重传。确认它，并重新开始 2 MSL 超时”（RFC 9293 §3.10.7.4，TIME-WAIT）。这正是设置 TIME-WAIT 的第一个原因：没有它，对端得到的将是 RST，而不是它需要的 ACK。',
  },
  'TCP-TIMEWAIT-ASSASSINATION': {
    severity: 'warning',
    title: 'TIME-WAIT assassination',
    rfc: 'RFC 1337 §2',
    // {outcome}: `kills the connection (RFC 9293, Linux tcp_rfc1337=0)` or `is ignored (RFC 1337 F1)`; {outcomeZh}.
    en: 'RST in TIME-WAIT {outcome}: TIME-WAIT assassination hazard',
    zh: 'TIME-WAIT 状态下的 RST {outcomeZh}：存在 TIME-WAIT 暗杀风险',
    explain:
      'RFC 9293 says an acceptable RST in TIME-WAIT closes the connection at once (§3.10.7.4, second check). RFC 1337 §2 shows why that is hazardous: the TIME-WAIT protection ends early, so old duplicates can be accepted or a new connection can be disrupted; its fix F1 is to ignore RST in TIME-WAIT (§3). Both behaviours are legal. Linux lets the RST kill TIME-WAIT unless net.ipv4.tcp_rfc1337 = 1 (the default is 0).',
    explainZh:
      'RFC 9293 规定 TIME-WAIT 状态下可接受的 RST 会立即关闭连接（§3.10.7.4 第二项检查）。RFC 1337 §2 说明了这样做的风险：TIME-WAIT 的保护提前结束，旧的重复报文可能被接受，新连接也可能被破坏；它给出的修正 F1 是在 TIME-WAIT 中忽略 RST（§3）。两种行为都合法。Linux 默认让 RST 结束 TIME-WAIT，除非设置 net.ipv4.tcp_rfc1337 = 1（默认值为 0）。',
  },
  'TCP-TIMEWAIT-SYN': {
    severity: 'error',
    title: 'SYN arriving in TIME-WAIT',
    rfc: 'RFC 9293 §3.6.1',
    // {detail}: the evidence found, e.g. `TSval 120 > TS.Recent 100` or `seq 500 =< RCV.NXT 1001`; {detailZh}.
    en: 'SYN in TIME-WAIT may open a new incarnation only with a newer timestamp or seq > RCV.NXT ({detail}); otherwise challenge-ACK/drop',
    zh: 'TIME-WAIT 状态下的 SYN 只有在时间戳更新或 seq > RCV.NXT 时才能开启新的连接实例（{detailZh}）；否则回复挑战 ACK 或丢弃',
    explain:
      'A new connection on the same four addresses and ports may take over a TIME-WAIT connection only if it can be told apart from old duplicates: its timestamp is newer than TS.Recent (RFC 6191 §2, SHLD-4), or its sequence number is above the last one seen, and then the new ISS must exceed the largest sequence number used before (RFC 9293 §3.6.1, MAY-2). Any other SYN gets a challenge ACK and is dropped (RFC 5961 §4.2); RFC 6191 says drop it silently, and either is accepted.',
    explainZh:
      '使用相同四元组的新连接只有在能与旧的重复报文区分开时，才能接管处于 TIME-WAIT 的连接：它的时间戳比 TS.Recent 新（RFC 6191 §2，SHLD-4），或者它的序列号高于之前见过的最大序列号，此时新的 ISS 必须大于之前使用过的最大序列号（RFC 9293 §3.6.1，MAY-2）。其他 SYN 会得到挑战 ACK 并被丢弃（RFC 5961 §4.2）；RFC 6191 规定静默丢弃，两种做法都可以接受。',
  },
  'TCP-TIMEWAIT-BYPASS': {
    severity: 'warning',
    title: 'TIME-WAIT bypassed',
    rfc: 'RFC 9293 §3.6.1',
    // {mechanism}: `tcp_max_tw_buckets overflow`, `tcp_tw_reuse` or `tcp_tw_recycle (removed in Linux 4.12)`;
    // {mechanismZh}: the same in Chinese; {condition}/{conditionZh}: why the protection is lost here.
    en: 'TIME-WAIT bypassed via {mechanism}: {condition}',
    zh: '通过 {mechanismZh} 绕过了 TIME-WAIT：{conditionZh}',
    explain:
      'RFC 9293 requires 2·MSL of TIME-WAIT (§3.6.1, MUST-13); Linux has exceptions. When tcp_max_tw_buckets is exceeded, new TIME-WAIT sockets are destroyed at once. tcp_tw_reuse (default 2: loopback only) lets an outgoing connect() reuse a TIME-WAIT four-tuple when timestamps make it safe; it does not help the passive side. tcp_tw_recycle was removed in Linux 4.12 because it broke clients behind NAT.',
    explainZh:
      'RFC 9293 要求 TIME-WAIT 持续 2·MSL（§3.6.1，MUST-13）；Linux 有几个例外。超过 tcp_max_tw_buckets 时，新的 TIME-WAIT 套接字会被立即销毁。tcp_tw_reuse（默认 2：仅回环地址）允许主动发起的 connect() 在时间戳能保证安全时复用处于 TIME-WAIT 的四元组；它对被动方没有帮助。tcp_tw_recycle 因为会破坏 NAT 后面的客户端，已在 Linux 4.12 中被移除。',
  },
} as const satisfies Record<string, DiagnosticEntry>;
