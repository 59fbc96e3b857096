// TCP rules 1–16 of tcp-rules.md §4.1: connection establishment.
import type { DiagnosticEntry } from './entry';

export const TCP_OPEN = {
  'TCP-ISN-PREDICTABLE': {
    severity: 'warning',
    title: 'Predictable initial sequence number',
    rfc: 'RFC 9293 §3.4.1',
    en: 'ISN {isn} is predictable; RFC 9293 §3.4.1 requires a clock-driven ISN with a secret-keyed PRF (RFC 6528) to resist off-path spoofing',
    zh: 'ISN {isn} 可被预测；RFC 9293 §3.4.1 要求初始序列号由时钟驱动并加上带密钥的伪随机函数（RFC 6528），以抵御路径外的伪造攻击',
    explain:
      'The initial sequence number is driven by a clock (MUST-8) and SHOULD be ISN = M + F(localip, localport, remoteip, remoteport, secretkey), where F() MUST NOT be computable from outside (MUST-9, SHLD-1). An attacker who can guess the ISN can forge segments of the connection without seeing them. Symbolic ISNs such as x and y never trigger this rule.',
    explainZh:
      '初始序列号（ISN）由时钟驱动（MUST-8），并且应当取 ISN = M + F(localip, localport, remoteip, remoteport, secretkey)，其中 F() 不能被外部计算出来（MUST-9、SHLD-1）。能猜出 ISN 的攻击者无需看到报文就能伪造属于该连接的报文段。x、y 这类符号化的 ISN 不会触发此规则。',
  },
  'TCP-SYN-CONSUMES-SEQ': {
    severity: 'error',
    title: 'SYN consumes a sequence number',
    rfc: 'RFC 9293 §3.4',
    // {field}: `ack` or `seq`; {expected}: the value as it should be written (`x+1`, `101`);
    // {actual}: what the script wrote.
    en: 'the SYN occupies one sequence number, so {field} must be {expected}, not {actual}',
    zh: 'SYN 占用一个序列号，所以 {field} 应为 {expected}，而不是 {actual}',
    explain:
      'SEG.LEN counts the SYN flag as one octet of sequence space (RFC 9293 §3.4), so a SYN with seq=x is acknowledged with ack=x+1 and the sender\'s first data octet is x+1. The ACK that completes the three-way handshake carries no SYN and consumes nothing, so the first data segment reuses its seq. Because the SYN has a sequence number of its own, the peer can acknowledge it, and until that ACK arrives the SYN is retransmitted like unacknowledged data.',
    explainZh:
      'SEG.LEN 把 SYN 标志计为序列号空间中的一个字节（RFC 9293 §3.4），所以 seq=x 的 SYN 要用 ack=x+1 来确认，发送方第一个数据字节的序列号是 x+1。完成三次握手的那个 ACK 不带 SYN，不占用序列号，因此第一个数据报文段沿用同一个 seq。正因为 SYN 拥有自己的序列号，对端才能确认它；在确认到达之前，SYN 会像未确认的数据一样被重传。',
  },
  'TCP-SYNSENT-BAD-ACK': {
    severity: 'error',
    title: 'Unacceptable ACK in SYN-SENT',
    rfc: 'RFC 9293 §3.10.7.3',
    en: 'SYN-SENT received ACK {ack} outside (ISS, SND.NXT]={range}; client must reply <SEQ={ack}><CTL=RST> and stay in SYN-SENT',
    zh: 'SYN-SENT 状态收到的 ACK {ack} 不在 (ISS, SND.NXT]={range} 范围内；客户端必须回复 <SEQ={ack}><CTL=RST>，并停留在 SYN-SENT',
    explain:
      'In SYN-SENT the only acceptable ACK is one that covers our SYN: ISS < SEG.ACK =< SND.NXT. Anything else, such as an old duplicate SYN,ACK or one answering a different ISN, gets <SEQ=SEG.ACK><CTL=RST> and is discarded (RFC 9293 §3.10.7.3, first check; §3.5 Figure 8). The client stays in SYN-SENT, keeps retransmitting its own SYN, and sends no ACK.',
    explainZh:
      '在 SYN-SENT 状态，唯一可接受的 ACK 是覆盖了我方 SYN 的 ACK：ISS < SEG.ACK =< SND.NXT。其他情况（例如旧的重复 SYN,ACK，或回应另一个 ISN 的 SYN,ACK）要回复 <SEQ=SEG.ACK><CTL=RST> 并丢弃该报文段（RFC 9293 §3.10.7.3 第一项检查；§3.5 图 8）。客户端留在 SYN-SENT，继续重传自己的 SYN，不发送 ACK。',
  },
  'TCP-SYNSENT-RST': {
    severity: 'error',
    title: 'RST in SYN-SENT',
    rfc: 'RFC 9293 §3.10.7.3',
    // {outcome}: `accepted (→ CLOSED)` or `silently dropped`; {outcomeZh}: `被接受（→ CLOSED）` or `被静默丢弃`.
    en: 'RST in SYN-SENT is only acceptable if it acknowledges the SYN (ack={expectedAck}); this RST must be {outcome}',
    zh: 'SYN-SENT 状态下的 RST 只有在确认了 SYN（ack={expectedAck}）时才可接受；这个 RST 应当{outcomeZh}',
    explain:
      'In SYN-SENT a RST is acceptable only if its ACK field acknowledges the SYN (RFC 9293 §3.5.3, §3.10.7.3 second check). Then the connection is reset, the socket reports ECONNREFUSED and the state becomes CLOSED. A RST without ACK, or with an unacceptable ACK, is dropped and the connection attempt continues.',
    explainZh:
      '在 SYN-SENT 状态，只有 ACK 字段确认了 SYN 的 RST 才可接受（RFC 9293 §3.5.3、§3.10.7.3 第二项检查）。此时连接被重置，套接字报告 ECONNREFUSED，状态变为 CLOSED。不带 ACK 或 ACK 不可接受的 RST 会被丢弃，连接尝试继续进行。',
  },
  'TCP-SYNSENT-ACK-WITHOUT-SYN': {
    severity: 'error',
    title: 'SYN-SENT needs a SYN',
    rfc: 'RFC 9293 §3.10.7.3',
    en: 'SYN-SENT ignores segments without SYN or RST; a bare ACK cannot complete the handshake',
    zh: 'SYN-SENT 状态会忽略既不带 SYN 也不带 RST 的报文段；单独的 ACK 无法完成握手',
    explain:
      'RFC 9293 §3.10.7.3 (fifth step): "if neither of the SYN or RST bits is set, then drop the segment and return". The client reaches ESTABLISHED only on a SYN whose ACK covers its own SYN, so a bare ACK or a data segment changes nothing in SYN-SENT.',
    explainZh:
      'RFC 9293 §3.10.7.3（第五步）：“如果 SYN 和 RST 位都没有置位，则丢弃该报文段并返回”。客户端只有收到 ACK 覆盖了自己 SYN 的 SYN 报文时才进入 ESTABLISHED，所以单独的 ACK 或数据报文段在 SYN-SENT 状态下不起任何作用。',
  },
  'TCP-SIMOPEN-SYN': {
    severity: 'error',
    title: 'Simultaneous open',
    rfc: 'RFC 9293 §3.10.7.3',
    en: 'Simultaneous open: SYN in SYN-SENT must move to SYN-RECEIVED and answer SYN,ACK seq={iss} ack={expectedAck}',
    zh: '同时打开：SYN-SENT 状态收到 SYN 后必须进入 SYN-RECEIVED，并回复 SYN,ACK seq={iss} ack={expectedAck}',
    explain:
      'When a SYN without ACK arrives after our own SYN, both sides opened at once (RFC 9293 §3.5 Figure 7). The endpoint sets IRS=SEG.SEQ and RCV.NXT=SEG.SEQ+1, answers <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK> with the same ISS as its first SYN, and enters SYN-RECEIVED, remembering that it opened actively (MUST-11). Each side goes CLOSED → SYN-SENT → SYN-RECEIVED → ESTABLISHED.',
    explainZh:
      '在我方发出 SYN 之后又收到不带 ACK 的 SYN，说明双方同时发起了连接（RFC 9293 §3.5 图 7）。端点设置 IRS=SEG.SEQ、RCV.NXT=SEG.SEQ+1，用与第一个 SYN 相同的 ISS 回复 <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>，并进入 SYN-RECEIVED，同时记住自己是主动打开的（MUST-11）。双方都经历 CLOSED → SYN-SENT → SYN-RECEIVED → ESTABLISHED。',
  },
  'TCP-LISTEN-IGNORE': {
    severity: 'error',
    title: 'LISTEN ignores RST and stray segments',
    rfc: 'RFC 9293 §3.10.7.2',
    // {segment}: `RST` or `segments without SYN/ACK`; {segmentZh}: `RST` or `不带 SYN/ACK 的报文段`.
    en: 'LISTEN must silently ignore {segment}; no reply and no state change',
    zh: 'LISTEN 状态必须静默忽略{segmentZh}；不回复，也不改变状态',
    explain:
      'A listening socket has no connection to reset, so an incoming RST is ignored (RFC 9293 §3.10.7.2, first check). A segment with none of SYN, ACK and RST, such as a bare FIN or data, is dropped as well (fourth check). The listener stays in LISTEN and sends nothing.',
    explainZh:
      '监听套接字没有可重置的连接，所以收到的 RST 会被忽略（RFC 9293 §3.10.7.2 第一项检查）。SYN、ACK、RST 都不带的报文段（例如单独的 FIN 或数据）同样被丢弃（第四项检查）。监听方保持 LISTEN，不发送任何报文。',
  },
  'TCP-LISTEN-ACK-RST': {
    severity: 'error',
    title: 'ACK at a listening socket',
    rfc: 'RFC 9293 §3.10.7.2',
    en: 'ACK {ack} arrived at a LISTEN socket with no matching handshake; expected <SEQ={ack}><CTL=RST>',
    zh: 'ACK {ack} 到达了一个没有对应握手的 LISTEN 套接字；应当回复 <SEQ={ack}><CTL=RST>',
    explain:
      '"Any acknowledgment is bad if it arrives on a connection still in the LISTEN state" (RFC 9293 §3.10.7.2, second check): nothing has been sent that it could acknowledge. The listener answers <SEQ=SEG.ACK><CTL=RST> and stays in LISTEN. The one exception is an ACK that carries a valid SYN cookie (TCP-SYNCOOKIE-VALIDATE).',
    explainZh:
      '“在 LISTEN 状态下到达的任何确认都是错误的”（RFC 9293 §3.10.7.2 第二项检查）：监听方还没有发送过任何可以被确认的东西。监听方回复 <SEQ=SEG.ACK><CTL=RST>，并保持 LISTEN。唯一的例外是携带有效 SYN cookie 的 ACK（见 TCP-SYNCOOKIE-VALIDATE）。',
  },
  'TCP-SYNRCVD-BAD-ACK': {
    severity: 'error',
    title: 'Handshake ACK does not acknowledge the SYN',
    rfc: 'RFC 9293 §3.10.7.4',
    en: 'Handshake ACK {ack} does not acknowledge our SYN (expected {expectedAck}); SYN-RECEIVED replies RST and does not become ESTABLISHED',
    zh: '握手的 ACK {ack} 没有确认我方的 SYN（应为 {expectedAck}）；SYN-RECEIVED 回复 RST，不会进入 ESTABLISHED',
    explain:
      'The third segment of the handshake must acknowledge the server\'s SYN: SND.UNA < SEG.ACK =< SND.NXT, which is ISS+1 because the SYN occupies one sequence number. An ACK outside that range, such as ack=y instead of y+1, is answered with <SEQ=SEG.ACK><CTL=RST> and the server stays in SYN-RECEIVED with its SYN,ACK retransmission timer running (RFC 9293 §3.10.7.4, fifth check).',
    explainZh:
      '三次握手的第三个报文必须确认服务器的 SYN：SND.UNA < SEG.ACK =< SND.NXT，由于 SYN 占用一个序列号，也就是 ISS+1。超出这个范围的 ACK（例如 ack=y 而不是 y+1）会得到 <SEQ=SEG.ACK><CTL=RST> 的回复，服务器停留在 SYN-RECEIVED，SYN,ACK 的重传定时器继续运行（RFC 9293 §3.10.7.4 第五项检查）。',
  },
  'TCP-SYNRCVD-RST': {
    severity: 'error',
    title: 'RST in SYN-RECEIVED',
    rfc: 'RFC 9293 §3.10.7.4',
    en: 'RST in SYN-RECEIVED returns a passively opened connection to LISTEN (listener survives); only an actively opened one goes to CLOSED',
    zh: 'SYN-RECEIVED 状态收到 RST 时，被动打开的连接回到 LISTEN（监听套接字仍然存在）；只有主动打开的连接才进入 CLOSED',
    explain:
      'A connection that came from LISTEN returns to LISTEN on an acceptable RST: the half-open connection is deleted, the user is not informed, and the listener keeps accepting (RFC 9293 §3.10.7.4, second check; §3.5.3). A connection in SYN-RECEIVED because of a simultaneous open signals "connection refused" and goes to CLOSED. The TCB must remember which of the two it is (MUST-11).',
    explainZh:
      '从 LISTEN 来的连接在收到可接受的 RST 后回到 LISTEN：半连接被删除，不通知用户，监听套接字继续接受连接（RFC 9293 §3.10.7.4 第二项检查；§3.5.3）。因同时打开而处于 SYN-RECEIVED 的连接则报告“连接被拒绝”并进入 CLOSED。TCB 必须记住自己属于哪一种（MUST-11）。',
  },
  'TCP-SYNRCVD-DUP-SYN': {
    severity: 'warning',
    title: 'Duplicate SYN in SYN-RECEIVED',
    rfc: 'RFC 9293 §3.10.7.4',
    // {observed}: what the script shows, e.g. `a SYN,ACK with a new ISN`; {observedZh}: the same in Chinese.
    en: 'Duplicate SYN in SYN-RECEIVED: expected a re-sent SYN,ACK with the same ISN (or an ACK per RFC 9293), not {observed}',
    zh: 'SYN-RECEIVED 状态收到重复的 SYN：应当重发 ISN 相同的 SYN,ACK（或按 RFC 9293 回复 ACK），而不是{observedZh}',
    explain:
      'When the client\'s SYN arrives again (its SYN,ACK or the answer was lost), read literally RFC 9293 treats it as outside the window and replies <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> (§3.10.7.4, first check). Deployed stacks such as Linux retransmit the original SYN,ACK with the same ISS instead. Both are accepted; a new ISN, a RST, or a change of the listener are not.',
    explainZh:
      '当客户端的 SYN 再次到达（SYN,ACK 或其应答丢失了）时，按 RFC 9293 的字面规定它位于窗口之外，应回复 <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>（§3.10.7.4 第一项检查）。Linux 等实际部署的协议栈则以相同的 ISS 重传原来的 SYN,ACK。两种做法都可以接受；换一个新的 ISN、回复 RST 或改变监听套接字都不对。',
  },
  'TCP-SYN-DATA-NO-TFO': {
    severity: 'warning',
    title: 'Data on a SYN without TCP Fast Open',
    rfc: 'RFC 9293 §3.5',
    en: 'SYN carries {len} bytes without a TFO cookie: typical stacks ACK only ISN+1 and the data is resent after the handshake; it must not reach the application before ESTABLISHED',
    zh: 'SYN 携带了 {len} 字节数据但没有 TFO cookie：常见协议栈只确认 ISN+1，数据在握手完成后重传；在进入 ESTABLISHED 之前，这些数据不能交给应用程序',
    explain:
      'Data on a SYN is legal, but the receiver queues it and delivers nothing to the application before ESTABLISHED (RFC 9293 §3.5, §3.10.7.2). Stacks without TCP Fast Open, Linux among them, do not even keep it: their SYN,ACK acknowledges only ISN+1 and the client sends the data again after the handshake.',
    explainZh:
      'SYN 携带数据是合法的，但接收方只能把它排队，在进入 ESTABLISHED 之前不能交给应用程序（RFC 9293 §3.5、§3.10.7.2）。没有启用 TCP Fast Open 的协议栈（包括 Linux）甚至不保存这些数据：它们的 SYN,ACK 只确认 ISN+1，客户端在握手完成后重新发送数据。',
  },
  'TCP-TFO-COOKIE': {
    severity: 'error',
    title: 'TCP Fast Open needs a valid cookie',
    rfc: 'RFC 7413 §4.1.1',
    // {cookie}: `absent`, `empty` or `invalid`; {cookieZh}: `缺失`, `为空` or `无效`.
    en: 'TFO: SYN data may be delivered and ACKed only with a valid cookie; here the cookie is {cookie}, so the SYN,ACK must ack only ISN+1',
    zh: 'TFO：只有携带有效 cookie 时，SYN 中的数据才能被交付和确认；这里的 cookie {cookieZh}，所以 SYN,ACK 只能确认 ISN+1',
    explain:
      'With a valid Fast Open cookie the server may accept the SYN data at once: it delivers it and its SYN,ACK acknowledges ISN+1+len (RFC 7413 §4.2.2). Without the option, with an empty cookie (a cookie request, answered with a SYN,ACK carrying a cookie) or with an invalid one, the SYN,ACK acknowledges only the SYN and the client retransmits the data after the handshake. Applications must tolerate SYN data being replayed (§6).',
    explainZh:
      '携带有效 Fast Open cookie 时，服务器可以立即接受 SYN 中的数据：交付给应用，并在 SYN,ACK 中确认 ISN+1+len（RFC 7413 §4.2.2）。没有该选项、cookie 为空（这是在请求 cookie，服务器用带 cookie 的 SYN,ACK 应答）或 cookie 无效时，SYN,ACK 只确认 SYN，客户端在握手完成后重传数据。应用程序必须能容忍 SYN 数据被重放（§6）。',
  },
  'TCP-OPT-SYN-ONLY': {
    severity: 'error',
    title: 'Option valid only on SYN segments',
    rfc: 'RFC 9293 §3.2',
    // {option}: the option's name as written (`mss`, `wscale`, `sackOK`, `fastopen`); not translated.
    en: '{option} is only valid on SYN/SYN,ACK segments; it is ignored here and a conforming stack never sends it',
    zh: '{option} 只能出现在 SYN/SYN,ACK 报文段中；在这里它会被忽略，符合规范的协议栈不会这样发送',
    explain:
      'MSS "MUST NOT be sent in other segments" (RFC 9293 §3.2, MUST-65). Window Scale is only meaningful in a SYN or SYN,ACK and is ignored elsewhere (RFC 7323 §2.2); SACK-Permitted MUST NOT be sent on non-SYN segments (RFC 2018 §2); a Fast Open option without SYN is ignored (RFC 7413 §4.1.1). These options negotiate the connection, so they only make sense while it is being opened.',
    explainZh:
      'MSS 选项“不得在其他报文段中发送”（RFC 9293 §3.2，MUST-65）。窗口扩大选项只在 SYN 或 SYN,ACK 中有意义，出现在其他报文段中会被忽略（RFC 7323 §2.2）；SACK-Permitted 不得出现在非 SYN 报文段中（RFC 2018 §2）；不带 SYN 的 Fast Open 选项会被忽略（RFC 7413 §4.1.1）。这些选项用于协商连接参数，只有在建立连接时才有意义。',
  },
  'TCP-OPT-NOT-NEGOTIATED': {
    severity: 'error',
    title: 'Option used without negotiation',
    rfc: 'RFC 7323 §2.2',
    // {option}: `wscale`, `TS` or `SACK`; {detail}: which SYN lacked it, e.g. `the SYN had no wscale`; {detailZh}.
    en: '{option} was not negotiated in both SYNs ({detail}); it must not be used on this connection',
    zh: '{option} 没有在双方的 SYN 中协商（{detailZh}）；这条连接上不能使用它',
    explain:
      'Window scaling is enabled only if both SYNs carry the Window Scale option, and a SYN,ACK may carry Window Scale or Timestamps only if the SYN did (RFC 7323 §2.2, §2.3, §3.2). SACK blocks MUST NOT be sent unless SACK-Permitted was received (RFC 2018 §4). A shift count above 14 is treated as 14, and the window in a SYN or SYN,ACK is never scaled.',
    explainZh:
      '只有双方的 SYN 都带有窗口扩大选项时才启用窗口扩大；SYN,ACK 只有在 SYN 中带了窗口扩大或时间戳选项时才能带这些选项（RFC 7323 §2.2、§2.3、§3.2）。没有收到 SACK-Permitted 就不得发送 SACK 块（RFC 2018 §4）。大于 14 的移位值按 14 处理，SYN 和 SYN,ACK 中的窗口字段永远不做扩大。',
  },
  'TCP-MSS-EXCEEDED': {
    severity: 'error',
    title: 'Segment larger than the MSS',
    rfc: 'RFC 9293 §3.7.1',
    // {peerMss}: `peer advertised 1460` or `peer sent no MSS option → default 536/1220`; {peerMssZh}.
    en: 'Segment payload {len} exceeds the effective send MSS {mss} ({peerMss})',
    zh: '报文段载荷 {len} 字节超过了有效发送 MSS {mss}（{peerMssZh}）',
    explain:
      'A sender never puts more payload in a segment than the effective send MSS: the MSS the peer advertised in its SYN, or 536 bytes (IPv4) / 1220 bytes (IPv6) if it sent no MSS option (RFC 9293 §3.7.1, MUST-15), reduced by TCP and IP option bytes (MUST-16).',
    explainZh:
      '发送方放进一个报文段的载荷不会超过有效发送 MSS：即对端在 SYN 中通告的 MSS；如果对端没有发送 MSS 选项，则为 536 字节（IPv4）或 1220 字节（IPv6）（RFC 9293 §3.7.1，MUST-15），再减去 TCP 和 IP 选项所占的字节（MUST-16）。',
  },
} as const satisfies Record<string, DiagnosticEntry>;
