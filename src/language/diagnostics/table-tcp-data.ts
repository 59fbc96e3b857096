// TCP rules 17–31 of tcp-rules.md §4.2: data transfer.
import type { DiagnosticEntry } from './entry';

export const TCP_DATA = {
  'TCP-SEQ-UNACCEPTABLE': {
    severity: 'error',
    title: 'Segment outside the receive window',
    rfc: 'RFC 9293 §3.10.7.4',
    en: 'Segment seq={seq} len={len} is outside the receive window [RCV.NXT={rcvNxt}, +{rcvWnd}); receiver must drop it and reply <SEQ={sndNxt}><ACK={rcvNxt}><CTL=ACK>',
    zh: '报文段 seq={seq} len={len} 不在接收窗口 [RCV.NXT={rcvNxt}, +{rcvWnd}) 之内；接收方必须丢弃它并回复 <SEQ={sndNxt}><ACK={rcvNxt}><CTL=ACK>',
    explain:
      'Every arriving segment first passes the acceptability test of RFC 9293 §3.10.7.4 (Table 6): its sequence numbers must fall inside [RCV.NXT, RCV.NXT+RCV.WND). An unacceptable segment without RST is dropped and answered with <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>, which tells the sender what is really expected; with RST it is dropped silently. Even with a zero window, the ACK, URG and RST fields of a segment are still processed (MUST-66).',
    explainZh:
      '每个到达的报文段首先要通过 RFC 9293 §3.10.7.4（表 6）的可接受性检查：它的序列号必须落在 [RCV.NXT, RCV.NXT+RCV.WND) 之内。不可接受且不带 RST 的报文段被丢弃，并回复 <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>，告诉发送方真正期望的是什么；带 RST 的则静默丢弃。即使窗口为零，报文段的 ACK、URG 和 RST 字段仍然要处理（MUST-66）。',
  },
  'TCP-SEQ-SKIPPED': {
    severity: 'error',
    title: 'Sender skips sequence space',
    rfc: 'RFC 9293 §3.4',
    en: 'Sender jumps from SND.NXT={sndNxt} to seq={seq}: a TCP sender never skips sequence space; write the missing segment and drop it (drop next …) if a loss is what you mean',
    zh: '发送方从 SND.NXT={sndNxt} 跳到了 seq={seq}：TCP 发送方从不跳过序列号空间；如果想表示丢包，请写出缺失的报文段并丢弃它（drop next …）',
    explain:
      'A sender transmits its byte stream contiguously from SND.NXT and advances SND.NXT by SEG.LEN for every segment it sends (RFC 9293 §3.4, §3.8). A gap seen at the receiver can only come from loss or reordering in the network, never from the sender leaving sequence numbers out.',
    explainZh:
      '发送方从 SND.NXT 开始连续地发送字节流，每发出一个报文段就把 SND.NXT 增加 SEG.LEN（RFC 9293 §3.4、§3.8）。接收方看到的空洞只可能来自网络中的丢包或乱序，而不会是发送方跳过了序列号。',
  },
  'TCP-ACK-UNACCEPTABLE': {
    severity: 'error',
    title: 'Unacceptable acknowledgment number',
    rfc: 'RFC 9293 §3.10.7.4',
    // {reason}: `acknowledges unsent data (SND.NXT=…)` or `is older than SND.UNA−MAX.SND.WND`; {reasonZh}.
    en: 'ACK {ack} {reason}; receiver must send an ACK and drop the segment',
    zh: 'ACK {ack} {reasonZh}；接收方必须回复一个 ACK 并丢弃该报文段',
    explain:
      'An acknowledgment can only cover what was sent: "If the ACK acks something not yet sent (SEG.ACK > SND.NXT), then send an ACK, drop the segment, and return" (RFC 9293 §3.10.7.4, fifth check). With RFC 5961 §5.2 (MAY-12) an ACK older than SND.UNA − MAX.SND.WND is rejected the same way, which defeats blind data injection. An ACK between those bounds but not above SND.UNA is an old duplicate: its ACK field is ignored, its data and FIN are still processed.',
    explainZh:
      '确认只能覆盖已经发送的数据：“如果 ACK 确认了尚未发送的内容（SEG.ACK > SND.NXT），则发送一个 ACK，丢弃该报文段并返回”（RFC 9293 §3.10.7.4 第五项检查）。按照 RFC 5961 §5.2（MAY-12），比 SND.UNA − MAX.SND.WND 更旧的 ACK 也以同样方式拒绝，以防御盲数据注入攻击。介于两者之间但不超过 SND.UNA 的 ACK 是旧的重复确认：忽略其 ACK 字段，但其中的数据和 FIN 仍要处理。',
  },
  'TCP-ACK-BIT-MISSING': {
    severity: 'error',
    title: 'Segment without the ACK flag',
    rfc: 'RFC 9293 §3.1',
    en: 'Segment without ACK in {state} is dropped by the receiver; every segment after the SYN must carry ACK',
    zh: '{state} 状态下不带 ACK 的报文段会被接收方丢弃；SYN 之后的每个报文段都必须带 ACK',
    explain:
      'Once a connection is established the ACK field "is always sent" (RFC 9293 §3.1), and "all segments must carry current acknowledgment information" (§3.8). A receiver in a synchronized state drops a segment whose ACK bit is off (§3.10.7.4, fifth check), so its data or FIN is never processed. Only the very first SYN, and a RST, can lack the ACK flag.',
    explainZh:
      '连接建立之后，ACK 字段“总是要发送的”（RFC 9293 §3.1），而且“所有报文段都必须携带当前的确认信息”（§3.8）。处于同步状态的接收方会丢弃 ACK 位未置位的报文段（§3.10.7.4 第五项检查），其中的数据或 FIN 都不会被处理。只有最初的 SYN 和 RST 可以不带 ACK 标志。',
  },
  'TCP-ACK-BEYOND-HOLE': {
    severity: 'error',
    title: 'ACK covers bytes never received',
    rfc: 'RFC 9293 §3.4',
    en: 'Receiver ACKs {ack} but bytes {holeStart}–{holeEnd} were never received; ACKs are cumulative (use SACK for out-of-order data)',
    zh: '接收方确认到 {ack}，但字节 {holeStart}–{holeEnd} 从未收到；TCP 的确认是累积确认（乱序数据用 SACK 报告）',
    explain:
      '"An acknowledgment of sequence number X indicates that all octets up to but not including X have been received" (RFC 9293 §3.4). So a receiver cannot advance the ACK past a hole, even if later data has arrived out of order. It reports out-of-order data with SACK blocks (RFC 2018) and keeps acknowledging the first missing byte.',
    explainZh:
      '“对序列号 X 的确认表示 X 之前（不含 X）的所有字节都已收到”（RFC 9293 §3.4）。因此即使后面的数据已经乱序到达，接收方也不能把确认号推进到空洞之后。它用 SACK 块（RFC 2018）报告乱序数据，确认号始终停在第一个缺失的字节上。',
  },
  'TCP-OOO-IMMEDIATE-DUPACK': {
    severity: 'warning',
    title: 'Out-of-order data needs an immediate ACK',
    rfc: 'RFC 5681 §3.2',
    en: 'Out-of-order segment (seq {seq} > RCV.NXT {rcvNxt}) should trigger an immediate duplicate ACK ack={rcvNxt}',
    zh: '乱序报文段（seq {seq} > RCV.NXT {rcvNxt}）应当立即触发一个重复确认 ack={rcvNxt}',
    explain:
      'A receiver that gets a segment above RCV.NXT queues it and immediately sends a duplicate ACK for RCV.NXT, instead of delaying it (RFC 5681 §3.2, §4.2). It also ACKs immediately when a segment fills all or part of a hole. These duplicate ACKs are what lets the sender detect the loss by fast retransmit, long before its retransmission timer fires.',
    explainZh:
      '接收方收到序列号高于 RCV.NXT 的报文段时，先把它排队，并立即发送一个确认号为 RCV.NXT 的重复确认，而不是延迟确认（RFC 5681 §3.2、§4.2）。当报文段填补了全部或部分空洞时，也要立即确认。正是这些重复确认让发送方能通过快速重传发现丢包，而不必等到重传定时器超时。',
  },
  'TCP-FASTRETX-TRIGGER': {
    severity: 'warning',
    title: 'Fast retransmit on the third duplicate ACK',
    rfc: 'RFC 5681 §2',
    // {outcome}: `precede the retransmission` or `were ignored`; {outcomeZh}: `先于重传到达` or `被忽略了`.
    en: 'Fast retransmit fires on the 3rd duplicate ACK (RFC 5681 §3.2); here {n} duplicate ACK(s) {outcome}',
    zh: '快速重传在第 3 个重复确认时触发（RFC 5681 §3.2）；这里有 {n} 个重复确认{outcomeZh}',
    explain:
      'RFC 5681 §2 defines a duplicate ACK strictly: the sender has data outstanding, the ACK carries no data, no SYN or FIN, acknowledges exactly SND.UNA and advertises an unchanged window. On the third one the sender sets ssthresh to at most max(FlightSize/2, 2·SMSS), retransmits the segment at SND.UNA and enters fast recovery (§3.2). Wireshark already labels a retransmission "Fast Retransmission" after two duplicate ACKs; that is a display heuristic, not the RFC threshold.',
    explainZh:
      'RFC 5681 §2 对重复确认的定义很严格：发送方有未被确认的数据，该 ACK 不带数据、不带 SYN 或 FIN，确认号恰好等于 SND.UNA，并且通告的窗口没有变化。收到第三个重复确认时，发送方把 ssthresh 设为不超过 max(FlightSize/2, 2·SMSS)，重传从 SND.UNA 开始的报文段，并进入快速恢复（§3.2）。Wireshark 在两个重复确认之后就会把重传标为“Fast Retransmission”，那只是显示用的启发式规则，不是 RFC 的门限。',
  },
  'TCP-DELACK-TOO-LONG': {
    severity: 'error',
    title: 'Delayed ACK held too long',
    rfc: 'RFC 9293 §3.8.6.3',
    en: 'ACK for data at t={t0} delayed {delay} ms; delayed ACKs must be sent within 500 ms (RFC 9293 MUST-40)',
    zh: '对 t={t0} 时刻数据的 ACK 被延迟了 {delay} 毫秒；延迟确认必须在 500 毫秒内发出（RFC 9293 MUST-40）',
    explain:
      'A receiver may delay an ACK to combine it with data or with the ACK of the next segment, but "the delay MUST be less than 0.5 seconds" (RFC 9293 §3.8.6.3, MUST-40), and it SHOULD acknowledge at least every second full-sized segment (SHLD-19). Linux delays ACKs by 40 to 200 ms.',
    explainZh:
      '接收方可以延迟发送 ACK，以便与数据或下一个报文段的确认合并，但“延迟必须小于 0.5 秒”（RFC 9293 §3.8.6.3，MUST-40），并且应当至少每收到两个满长度报文段就确认一次（SHLD-19）。Linux 的延迟确认时间在 40 到 200 毫秒之间。',
  },
  'TCP-WND-OVERRUN': {
    severity: 'error',
    title: 'Sender exceeds the peer\'s window',
    rfc: 'RFC 9293 §3.8.6',
    en: 'Sender transmits up to {seqEnd} beyond the peer\'s window edge {windowEdge} (win={win}×2^{ws})',
    zh: '发送方发送到了 {seqEnd}，超出了对端窗口的右边界 {windowEdge}（win={win}×2^{ws}）',
    explain:
      'A sender may only send within the usable window: octets up to SND.UNA + SND.WND, where SND.WND is the peer\'s last advertised window times 2^shift once window scaling is in use (RFC 9293 §3.8.6). The receiver accepts only the in-window part of a segment and trims the rest (§3.10.7.4). A one-octet zero-window probe is the exception.',
    explainZh:
      '发送方只能在可用窗口内发送：最多发到 SND.UNA + SND.WND，其中 SND.WND 是对端最近通告的窗口（启用窗口扩大后再乘以 2^shift）（RFC 9293 §3.8.6）。接收方只接受报文段中位于窗口内的部分，其余部分被截掉（§3.10.7.4）。一字节的零窗口探测是例外。',
  },
  'TCP-WND-SHRINK': {
    severity: 'warning',
    title: 'Receiver shrinks its window',
    rfc: 'RFC 9293 §3.8.6',
    en: 'Receiver shrinks its window: right edge moves from {old} to {new} (RFC 9293 SHLD-14 discourages this)',
    zh: '接收方收缩了窗口：右边界从 {old} 移到了 {new}（RFC 9293 SHLD-14 不建议这样做）',
    explain:
      'The right edge of the receive window, SEG.ACK + window, SHOULD NOT move left (RFC 9293 §3.8.6, SHLD-14): the sender may already have sent data up to the old edge. The sender MUST be robust against it (MUST-34): it stops sending new data beyond the new edge, retransmits within it, and probes if the window reaches zero. Linux never shrinks by default (tcp_shrink_window = 0).',
    explainZh:
      '接收窗口的右边界（SEG.ACK + 窗口）不应当向左移动（RFC 9293 §3.8.6，SHLD-14）：发送方可能已经把数据发到了原来的边界。发送方必须能应对这种情况（MUST-34）：不再发送超出新边界的新数据，只在新窗口内重传，窗口降为零时进行探测。Linux 默认从不收缩窗口（tcp_shrink_window = 0）。',
  },
  'TCP-ZWP': {
    severity: 'error',
    title: 'Zero-window probing',
    rfc: 'RFC 9293 §3.8.6.1',
    // {problem}: `sender must probe (first after RTO, then backoff)`, `connection must stay open while probes are ACKed`
    // or `receiver must ACK the probe with win=0`; {problemZh}: the same in Chinese.
    en: 'Zero window: {problem}',
    zh: '零窗口：{problemZh}',
    explain:
      'When the peer advertises a zero window and data is waiting, the sender MUST probe it (RFC 9293 §3.8.6.1, MUST-36): the first probe SHOULD come after one RTO, later ones at exponentially growing intervals (SHLD-29, SHLD-30). The receiver answers each probe with an ACK showing its next expected sequence number and its current window, possibly still zero. As long as the probes are acknowledged, the connection MUST stay open (MUST-37).',
    explainZh:
      '当对端通告零窗口而发送方还有数据待发时，发送方必须进行零窗口探测（RFC 9293 §3.8.6.1，MUST-36）：第一次探测应当在一个 RTO 之后，之后的间隔按指数增长（SHLD-29、SHLD-30）。接收方对每个探测回复 ACK，给出下一个期望的序列号和当前窗口（可能仍为零）。只要探测得到确认，连接就必须保持打开（MUST-37）。',
  },
  'TCP-KEEPALIVE-MISUSE': {
    severity: 'error',
    title: 'Keep-alive sent when it must not be',
    rfc: 'RFC 9293 §3.8.4',
    // {problem}: `disabled by default`, `data outstanding`, `idle 30s < 7200s` or `cannot abort after one lost probe`;
    // {problemZh}: the same in Chinese.
    en: 'Keep-alive probe violates RFC 9293 §3.8.4: {problem}',
    zh: '保活探测违反了 RFC 9293 §3.8.4：{problemZh}',
    explain:
      'Keep-alives are optional, per connection and off by default (RFC 9293 §3.8.4, MUST-24, MUST-25). They are sent only when nothing is outstanding and nothing has been received for the keep-alive interval, which defaults to no less than two hours (MUST-26 to MUST-28; Linux tcp_keepalive_time = 7200 s). A single unanswered probe MUST NOT be taken as a dead connection (MUST-29); Linux gives up after 9 probes, 75 s apart.',
    explainZh:
      '保活机制是可选的，按连接设置，默认关闭（RFC 9293 §3.8.4，MUST-24、MUST-25）。只有在没有未确认数据、且在保活间隔内没有收到任何报文时才发送探测，该间隔默认不少于两小时（MUST-26 至 MUST-28；Linux tcp_keepalive_time = 7200 秒）。一个探测没有应答不能被当作连接已断开（MUST-29）；Linux 在连续 9 个间隔 75 秒的探测都无应答后才放弃。',
  },
  'TCP-KEEPALIVE-NO-ACK': {
    severity: 'error',
    title: 'Keep-alive must be answered',
    rfc: 'RFC 9293 §3.8.4',
    en: 'Keep-alive (seq=RCV.NXT−1) must be answered with <SEQ={sndNxt}><ACK={rcvNxt}><CTL=ACK> (or RST if the connection no longer exists)',
    zh: '保活探测（seq=RCV.NXT−1）必须用 <SEQ={sndNxt}><ACK={rcvNxt}><CTL=ACK> 应答（如果连接已不存在，则回复 RST）',
    explain:
      'A keep-alive probe uses SEG.SEQ = SND.NXT−1, just below the receiver\'s window, so it fails the acceptability test and is answered like any unacceptable segment: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> (RFC 9293 §3.8.4, §3.10.7.4 first check). A garbage octet in it is discarded. If the host no longer has the connection (e.g. after a reboot), the probe gets a RST instead (§3.10.7.1).',
    explainZh:
      '保活探测的 SEG.SEQ = SND.NXT−1，正好落在接收方窗口的下方，因此无法通过可接受性检查，会像其他不可接受的报文段一样得到应答：<SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>（RFC 9293 §3.8.4、§3.10.7.4 第一项检查）。探测中的一个垃圾字节会被丢弃。如果主机已经没有这条连接（例如重启之后），探测会得到 RST（§3.10.7.1）。',
  },
  'TCP-PAWS-REJECT': {
    severity: 'error',
    title: 'PAWS: old timestamp',
    rfc: 'RFC 7323 §5.2',
    en: 'PAWS: TSval {tsval} < TS.Recent {tsRecent}; segment is an old duplicate and must be dropped with an ACK (RFC 7323 §5.3 R1)',
    zh: 'PAWS：TSval {tsval} < TS.Recent {tsRecent}；该报文段是旧的重复报文，必须丢弃并回复 ACK（RFC 7323 §5.3 R1）',
    explain:
      'With timestamps negotiated, Protection Against Wrapped Sequences treats a segment whose TSval is older than TS.Recent as an old duplicate: it is not acceptable, so the receiver sends an ACK and drops it (RFC 7323 §5.3, R1). This protects fast connections whose 32-bit sequence numbers wrap around. A RST is never subject to PAWS (§5.2).',
    explainZh:
      '协商了时间戳之后，PAWS（防止序列号回绕）把 TSval 比 TS.Recent 更旧的报文段视为旧的重复报文：它不可接受，接收方回复 ACK 并丢弃它（RFC 7323 §5.3，R1）。这保护了 32 位序列号会发生回绕的高速连接。RST 永远不受 PAWS 检查（§5.2）。',
  },
  'TCP-SACK-BLOCK-INVALID': {
    severity: 'error',
    title: 'Invalid SACK option',
    rfc: 'RFC 2018 §3',
    // {problem}: `too many blocks`, `empty/inverted block`, `block above SND.NXT` or
    // `first block does not report the triggering segment`; {problemZh}: the same in Chinese.
    en: 'Invalid SACK option: {problem}',
    zh: '无效的 SACK 选项：{problemZh}',
    explain:
      'Each SACK block reports one contiguous, isolated run of received data, with its left edge below its right edge and nothing above what the peer has sent (RFC 2018 §3). The first block MUST report the segment that triggered the ACK (§4). At most 4 blocks fit in the 40 bytes of option space, or 3 alongside timestamps. A block below the cumulative ACK is a D-SACK (RFC 2883) and is legal.',
    explainZh:
      '每个 SACK 块报告一段连续的、孤立的已收到数据，左边界小于右边界，且不能超出对端已发送的范围（RFC 2018 §3）。第一个块必须报告触发这次 ACK 的报文段（§4）。40 字节的选项空间最多容纳 4 个块，带时间戳时最多 3 个。低于累积确认号的块是 D-SACK（RFC 2883），是合法的。',
  },
} as const satisfies Record<string, DiagnosticEntry>;
