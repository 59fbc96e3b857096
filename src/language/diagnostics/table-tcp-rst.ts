// TCP rules 45–55 of tcp-rules.md §4.5–§4.6: RST, challenge ACKs, SYN floods and SYN cookies.
import type { DiagnosticEntry } from './entry';

export const TCP_RST = {
  'TCP-RST-OUT-OF-WINDOW': {
    severity: 'error',
    title: 'RST outside the window',
    rfc: 'RFC 5961 §3.2',
    en: 'RST seq={seq} is outside the receive window [{rcvNxt}, {windowEnd}); it must be silently dropped',
    zh: 'RST 的 seq={seq} 不在接收窗口 [{rcvNxt}, {windowEnd}) 之内；必须静默丢弃',
    explain:
      'A RST whose sequence number lies outside [RCV.NXT, RCV.NXT+RCV.WND) cannot belong to the current connection, so it is silently dropped: no reset, no reply (RFC 5961 §3.2 step 1; RFC 9293 §3.10.7.4). This makes blind reset attacks much harder, because an attacker has to guess a sequence number inside the window.',
    explainZh:
      '序列号不在 [RCV.NXT, RCV.NXT+RCV.WND) 范围内的 RST 不可能属于当前连接，因此被静默丢弃：不重置连接，也不回复（RFC 5961 §3.2 第 1 步；RFC 9293 §3.10.7.4）。这让盲重置攻击难得多，因为攻击者必须猜中窗口内的序列号。',
  },
  'TCP-RST-CHALLENGE-ACK': {
    severity: 'error',
    title: 'In-window RST gets a challenge ACK',
    rfc: 'RFC 5961 §3.2',
    en: 'In-window RST with seq {seq} ≠ RCV.NXT {rcvNxt}: RFC 5961 requires a challenge ACK, not a reset',
    zh: '窗口内但 seq {seq} ≠ RCV.NXT {rcvNxt} 的 RST：RFC 5961 要求回复挑战 ACK，而不是重置连接',
    explain:
      'A RST inside the window but not exactly at RCV.NXT might be forged. The receiver answers with a challenge ACK <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> and drops the RST (RFC 5961 §3.2 step 3; RFC 9293 §3.10.7.4). A genuine peer that really wants to reset replies with a RST at exactly RCV.NXT, which is then accepted.',
    explainZh:
      '落在窗口内但不恰好等于 RCV.NXT 的 RST 可能是伪造的。接收方回复挑战 ACK <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> 并丢弃该 RST（RFC 5961 §3.2 第 3 步；RFC 9293 §3.10.7.4）。真正想要重置连接的对端会回复一个 seq 恰好等于 RCV.NXT 的 RST，这个 RST 会被接受。',
  },
  'TCP-RST-EXACT': {
    severity: 'error',
    title: 'Valid RST aborts the connection',
    rfc: 'RFC 5961 §3.2',
    // {state}: the state the RST arrived in; {next}: `CLOSED` or `LISTEN`.
    en: 'Valid RST (seq = RCV.NXT) aborts the connection: {state} → {next} with no reply',
    zh: '有效的 RST（seq = RCV.NXT）会中止连接：{state} → {next}，且不回复任何报文',
    explain:
      'A RST with SEG.SEQ exactly equal to RCV.NXT is accepted (RFC 5961 §3.2 step 2). In ESTABLISHED, FIN-WAIT-1, FIN-WAIT-2 and CLOSE-WAIT the queues are flushed, the application gets "connection reset" (ECONNRESET) and the state becomes CLOSED; from CLOSING, LAST-ACK and TIME-WAIT it goes to CLOSED as well (RFC 9293 §3.10.7.4). A passively opened SYN-RECEIVED connection returns to LISTEN. A RST is never answered.',
    explainZh:
      'SEG.SEQ 恰好等于 RCV.NXT 的 RST 会被接受（RFC 5961 §3.2 第 2 步）。在 ESTABLISHED、FIN-WAIT-1、FIN-WAIT-2 和 CLOSE-WAIT 状态下，队列被清空，应用得到“连接被重置”（ECONNRESET），状态变为 CLOSED；在 CLOSING、LAST-ACK 和 TIME-WAIT 状态下同样进入 CLOSED（RFC 9293 §3.10.7.4）。被动打开的 SYN-RECEIVED 连接回到 LISTEN。RST 永远不会得到回复。',
  },
  'TCP-RST-NO-REPLY': {
    severity: 'error',
    title: 'Never answer a RST',
    rfc: 'RFC 9293 §3.5.2',
    en: 'A RST is never answered with a RST (or an ACK, except the RFC 5961 challenge ACK for an in-window RST)',
    zh: 'RST 永远不会用 RST 来回应（也不会用 ACK 回应，只有对窗口内 RST 的 RFC 5961 挑战 ACK 例外）',
    explain:
      'Answering a RST with a RST could make two hosts reset each other forever, so every RST-generating rule carries the clause "unless the RST bit is set, if so drop the segment" (RFC 9293 §3.5.2, §3.10.7.1, §3.10.7.3, §3.10.7.4). A RST arriving for no connection is simply discarded. The only reply a RST can provoke is the challenge ACK of RFC 5961 for an in-window RST.',
    explainZh:
      '如果用 RST 回应 RST，两台主机可能无休止地互相重置，所以每条产生 RST 的规则都带有这样的条件：“除非 RST 位已置位，此时丢弃该报文段”（RFC 9293 §3.5.2、§3.10.7.1、§3.10.7.3、§3.10.7.4）。发往不存在连接的 RST 直接丢弃。RST 唯一可能引起的回复是 RFC 5961 针对窗口内 RST 的挑战 ACK。',
  },
  'TCP-RST-GENERATION': {
    severity: 'error',
    title: 'When and how a RST is sent',
    rfc: 'RFC 9293 §3.5.2',
    // {form}: the expected segment, e.g. `<SEQ=0><ACK=x+1><CTL=RST,ACK>` (not translated);
    // {case}/{caseZh}: which situation, e.g. `SYN to a closed port`; {observed}/{observedZh}: what the script shows.
    en: 'Expected RST {form} ({case}); script shows {observed}',
    zh: '应当发送 RST {form}（{caseZh}）；脚本写的是{observedZh}',
    explain:
      'The form of a RST depends on what provoked it (RFC 9293 §3.5.2, §3.10.7.1). A segment without ACK to a port with no connection, such as a SYN to a closed port, gets <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK> — for a SYN that is ack=ISN+1, since the SYN counts in SEG.LEN; this is "connection refused". A segment with ACK gets <SEQ=SEG.ACK><CTL=RST>, so that the RST falls exactly where the other side expects it. An application abort in ESTABLISHED and similar states sends <SEQ=SND.NXT><CTL=RST> and goes to CLOSED (§3.10.5).',
    explainZh:
      'RST 的格式取决于是什么报文引发了它（RFC 9293 §3.5.2、§3.10.7.1）。发往没有连接的端口、且不带 ACK 的报文段（例如发往关闭端口的 SYN）得到 <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>——对 SYN 来说就是 ack=ISN+1，因为 SYN 计入 SEG.LEN；这就是“连接被拒绝”。带 ACK 的报文段得到 <SEQ=SEG.ACK><CTL=RST>，使 RST 恰好落在对方期望的位置。应用在 ESTABLISHED 等状态下中止连接时发送 <SEQ=SND.NXT><CTL=RST> 并进入 CLOSED（§3.10.5）。',
  },
  'TCP-SYN-IN-SYNCHRONIZED': {
    severity: 'error',
    title: 'SYN on an established connection',
    rfc: 'RFC 5961 §4.2',
    // {observed}/{observedZh}: what the script shows instead, e.g. `a SYN,ACK` / `SYN,ACK`.
    en: 'SYN on a synchronized connection must get a challenge ACK <SEQ={sndNxt}><ACK={rcvNxt}><CTL=ACK> (RFC 5961 §4.2), not {observed}',
    zh: '同步状态的连接收到 SYN 时必须回复挑战 ACK <SEQ={sndNxt}><ACK={rcvNxt}><CTL=ACK>（RFC 5961 §4.2），而不是{observedZh}',
    explain:
      'Once a connection is synchronized, a SYN is never legitimate: "irrespective of the sequence number, TCP endpoints MUST send a challenge ACK" and drop the SYN (RFC 5961 §4.2; RFC 9293 §3.10.7.4, fourth check). If the peer has really rebooted, it is in SYN-SENT, finds the ACK unacceptable and answers <SEQ=SEG.ACK><CTL=RST>, which matches RCV.NXT exactly and cleans up the stale connection (half-open discovery, §3.5.1).',
    explainZh:
      '连接一旦同步，再收到 SYN 就不可能是合法的：“无论序列号是多少，TCP 端点都必须发送挑战 ACK”并丢弃该 SYN（RFC 5961 §4.2；RFC 9293 §3.10.7.4 第四项检查）。如果对端真的重启了，它处于 SYN-SENT，会认为这个 ACK 不可接受并回复 <SEQ=SEG.ACK><CTL=RST>，该 RST 恰好等于 RCV.NXT，从而清除失效的连接（半开连接检测，§3.5.1）。',
  },
  'TCP-CHALLENGE-ACK-THROTTLE': {
    severity: 'warning',
    title: 'Challenge ACK rate limit',
    rfc: 'RFC 5961 §7',
    en: 'Challenge ACK #{n} within {window}: stacks throttle these (RFC 5961 §7; Linux 1 per {ratelimit} ms per socket)',
    zh: '{window} 内的第 {n} 个挑战 ACK：协议栈会对其限速（RFC 5961 §7；Linux 每个套接字每 {ratelimit} 毫秒 1 个）',
    explain:
      'Implementations SHOULD limit how many challenge ACKs they send; RFC 5961 §7 suggests, for example, 10 per 5 seconds. Linux rate-limits them per socket with tcp_invalid_ratelimit (500 ms). Its old global limit (tcp_challenge_ack_limit, 1000 per second) is disabled in current kernels because a global counter leaked information to off-path attackers (CVE-2016-5696).',
    explainZh:
      '实现应当限制发送挑战 ACK 的数量；RFC 5961 §7 建议例如每 5 秒 10 个。Linux 通过 tcp_invalid_ratelimit（500 毫秒）按套接字限速。它原先的全局限制（tcp_challenge_ack_limit，每秒 1000 个）在新内核中已被禁用，因为全局计数器会向路径外攻击者泄露信息（CVE-2016-5696）。',
  },
  'TCP-SYNQ-OVERFLOW': {
    severity: 'warning',
    title: 'SYN queue full',
    rfc: 'RFC 4987 §2',
    // {outcome}: `SYN silently dropped (no RST)` or `cookie SYN,ACK expected (tcp_syncookies=1)`; {outcomeZh}.
    en: 'SYN queue full ({n}/{limit}): {outcome}',
    zh: 'SYN 队列已满（{n}/{limit}）：{outcomeZh}',
    explain:
      'A SYN flood fills the listener\'s queue of half-open SYN-RECEIVED connections (RFC 4987 §2). Without SYN cookies a further SYN is dropped silently — no RST — and the client retransmits it later. With tcp_syncookies = 1, the Linux default, the listener answers with a stateless SYN,ACK whose ISN is a cookie, and keeps no state. On Linux the queue counts as full only when it holds more than the backlog.',
    explainZh:
      'SYN 洪泛攻击会填满监听套接字的半连接（SYN-RECEIVED）队列（RFC 4987 §2）。没有 SYN cookie 时，后续的 SYN 被静默丢弃（不回复 RST），客户端之后会重传。在 tcp_syncookies = 1（Linux 默认值）时，监听方回复一个无状态的 SYN,ACK，其 ISN 就是 cookie，并且不保存任何状态。在 Linux 上，只有当队列中的数量超过 backlog 时才算满。',
  },
  'TCP-ACCEPTQ-OVERFLOW': {
    severity: 'warning',
    title: 'Accept queue full',
    rfc: 'RFC 9293 §3.10.7.4',
    // {outcome}: what happened to this SYN or final ACK (tcp_abort_on_overflow=0: dropped, 1: RST); {outcomeZh}.
    en: 'Accept queue full ({n} waiting, backlog {backlog}): {outcome}',
    zh: '全连接（accept）队列已满（{n} 个等待 accept，backlog 为 {backlog}）：{outcomeZh}',
    explain:
      'RFC 9293 has no accept queue: the handshake ACK simply makes the connection ESTABLISHED (§3.10.7.4). Linux keeps completed connections in an accept queue of min(backlog, somaxconn) until the application calls accept(). When it is full, Linux drops the final ACK: the server stays in SYN_RECV and retransmits its SYN,ACK, while the client already believes it is ESTABLISHED. With tcp_abort_on_overflow = 1 the server sends RST instead.',
    explainZh:
      'RFC 9293 没有 accept 队列：握手的 ACK 直接使连接进入 ESTABLISHED（§3.10.7.4）。Linux 把已完成握手的连接放在长度为 min(backlog, somaxconn) 的 accept 队列中，直到应用调用 accept()。队列满时，Linux 丢弃握手的最后一个 ACK：服务器停留在 SYN_RECV 并重传 SYN,ACK，而客户端已经认为自己处于 ESTABLISHED。设置 tcp_abort_on_overflow = 1 时，服务器改为发送 RST。',
  },
  'TCP-SYNCOOKIE-OPTIONS': {
    severity: 'warning',
    title: 'Options lost with SYN cookies',
    rfc: 'RFC 4987 §3.6',
    // {option}: `WS`, `SACK`, `ECN` or `MSS 1460` (not translated).
    en: 'SYN-cookie connection without timestamps cannot keep {option}: only a coarse MSS survives in the cookie',
    zh: '不带时间戳的 SYN cookie 连接无法保留 {option}：cookie 中只能保存一个粗略的 MSS 值',
    explain:
      'A SYN cookie encodes in the SYN,ACK\'s sequence number what the server would otherwise have stored (RFC 4987 §3.6): a time counter, an index into a small table of MSS values, and a keyed hash of the addresses and ports. Options that do not fit, such as window scaling, SACK and ECN, are lost. Linux recovers them only when timestamps are in use, by hiding them in the low bits of TSval.',
    explainZh:
      'SYN cookie 把服务器本来需要保存的信息编码进 SYN,ACK 的序列号中（RFC 4987 §3.6）：一个时间计数器、一个小型 MSS 值表的索引，以及地址和端口的带密钥哈希。放不下的选项（例如窗口扩大、SACK 和 ECN）就丢失了。Linux 只有在使用时间戳时才能恢复它们，方法是把它们藏在 TSval 的低位中。',
  },
  'TCP-SYNCOOKIE-VALIDATE': {
    severity: 'error',
    title: 'Checking a SYN cookie',
    rfc: 'RFC 4987 §3.6',
    // {verdict}: `matches` or `does not match`; {verdictZh}: `匹配` or `不匹配`;
    // {outcome}: `connection created in ESTABLISHED` or `RST expected`; {outcomeZh}.
    en: 'Cookie check: ACK {ack}−1 {verdict} the SYN-cookie ISN {cookie}; {outcome}',
    zh: 'cookie 校验：ACK {ack}−1 与 SYN cookie 的 ISN {cookie} {verdictZh}；{outcomeZh}',
    explain:
      'With SYN cookies the listener keeps no state, so the handshake ACK itself must prove the connection (RFC 4987 §3.6). If SEG.ACK − 1 recomputes to a valid cookie for these addresses and ports with a recent counter, the connection is created directly in ESTABLISHED. Otherwise the ACK is just an ACK arriving in LISTEN and is answered with <SEQ=SEG.ACK><CTL=RST> (RFC 9293 §3.10.7.2).',
    explainZh:
      '使用 SYN cookie 时监听方不保存状态，所以握手的 ACK 本身必须证明这条连接（RFC 4987 §3.6）。如果 SEG.ACK − 1 能针对这组地址和端口、用较新的计数器重新算出有效的 cookie，连接直接在 ESTABLISHED 状态下创建。否则，这个 ACK 只是一个到达 LISTEN 状态的普通 ACK，会得到 <SEQ=SEG.ACK><CTL=RST> 的回复（RFC 9293 §3.10.7.2）。',
  },
} as const satisfies Record<string, DiagnosticEntry>;
