// Hover texts for what a packet line is made of: the TCP flags, the fields and the options.
import type { FlagName } from '../ast';
import { rfc, rfc9293, type HoverEntry } from './entry';

export const FLAG_HOVERS: Readonly<Record<FlagName, HoverEntry>> = {
  SYN: {
    en: 'SYN: synchronize sequence numbers — opens a connection and carries the sender\'s initial sequence number (ISN). A SYN consumes one sequence number, so the peer acknowledges ISN+1 and the sender\'s first data byte is ISN+1.',
    zh: 'SYN：同步序列号——发起连接，携带发送方的初始序列号（ISN）。SYN 占用一个序列号，所以对端确认 ISN+1，发送方的第一个数据字节的序号也是 ISN+1。',
    ...rfc9293('3.4'),
  },
  ACK: {
    en: 'ACK: the acknowledgment field is valid — it names the next sequence number the sender expects. Once a connection is established, every segment carries ACK.',
    zh: 'ACK：确认号字段有效——它给出发送方期望收到的下一个序列号。连接建立之后，每个报文段都带 ACK。',
    ...rfc9293('3.1'),
  },
  FIN: {
    en: 'FIN: the sender has no more data to send (it closed or shut down its write side). Like SYN, a FIN consumes one sequence number, so its ACK is the FIN\'s seq + 1.',
    zh: 'FIN：发送方不再发送数据（调用了 close 或关闭了写方向）。与 SYN 一样，FIN 占用一个序列号，所以对它的确认号是 FIN 的 seq + 1。',
    ...rfc9293('3.6'),
  },
  RST: {
    en: 'RST: reset — abort the connection at once, with no handshake. Sent for a segment to a port nobody listens on, for an abort (SO_LINGER 0), or for a segment that cannot belong to the connection.',
    zh: 'RST：复位——立即中止连接，不经过挥手。常见于：发往无人监听端口的报文段、abort（SO_LINGER 为 0）、不可能属于该连接的报文段。',
    ...rfc9293('3.5.2'),
  },
  PSH: {
    en: 'PSH: push — deliver the data to the receiving application now instead of waiting for more. Stacks set it on the segment that empties their send queue.',
    zh: 'PSH：推送——让接收方立即把数据交给应用，而不是等待更多数据。协议栈在清空发送队列的那个报文段上设置它。',
    ...rfc9293('3.1'),
  },
  URG: {
    en: 'URG: the urgent pointer field is valid (urgent data). Rarely used; new applications should not use it.',
    zh: 'URG：紧急指针字段有效（紧急数据）。很少使用；新应用不应使用它。',
    ...rfc9293('3.8.5'),
  },
  ECE: {
    en: 'ECE: ECN-Echo — on a SYN, offers Explicit Congestion Notification; later, tells the sender that a packet arrived marked "congestion experienced".',
    zh: 'ECE：ECN 回显——在 SYN 上表示支持显式拥塞通知（ECN）；之后表示收到了带“经历拥塞”标记的报文。',
    ...rfc(3168, '6.1'),
  },
  CWR: {
    en: 'CWR: congestion window reduced — the sender answers an ECE by saying it has slowed down.',
    zh: 'CWR：拥塞窗口已减小——发送方收到 ECE 后用它表示自己已经降速。',
    ...rfc(3168, '6.1'),
  },
};

export const FIELD_HOVERS: Readonly<Record<string, HoverEntry>> = {
  seq: {
    en: 'seq=: the sequence number of the segment\'s first byte (or of its SYN/FIN). Write a symbol (`x`) to bind the value seen on the wire, then `x+1`, `x+101` relative to it; arithmetic is modulo 2^32.',
    zh: 'seq=：报文段第一个字节（或其 SYN/FIN）的序列号。写一个符号（`x`）来绑定线上看到的值，之后用 `x+1`、`x+101` 相对它书写；运算按 2^32 取模。',
    ...rfc9293('3.4'),
  },
  ack: {
    en: 'ack=: the next sequence number the sender expects to receive — everything before it has arrived. Only meaningful when the ACK flag is set.',
    zh: 'ack=：发送方期望收到的下一个序列号——在它之前的字节都已收到。只有设置了 ACK 标志时才有意义。',
    ...rfc9293('3.1'),
  },
  win: {
    en: 'win=: the receive window — how many more bytes, starting at ack, the sender is willing to receive (before window scaling is applied).',
    zh: 'win=：接收窗口——从 ack 开始，发送方还愿意接收多少字节（未乘窗口缩放因子）。',
    ...rfc9293('3.8.6'),
  },
  len: {
    en: 'len=: the number of payload bytes. SYN and FIN are not bytes, but each also takes one sequence number.',
    zh: 'len=：载荷字节数。SYN 和 FIN 不是字节，但各自也占用一个序列号。',
    ...rfc9293('3.4'),
  },
  data: {
    en: 'data "…": the payload, as text; its length is the segment\'s len.',
    zh: 'data "…"：载荷（文本）；其长度即报文段的 len。',
    ...rfc9293('3.4'),
  },
};

export const OPTION_HOVERS: Readonly<Record<string, HoverEntry>> = {
  mss: {
    en: 'MSS option: the largest segment payload this end can receive. Sent only on SYN and SYN,ACK; without it the peer must assume 536 bytes (IPv4).',
    zh: 'MSS 选项：本端能接收的最大报文段载荷。只在 SYN 和 SYN,ACK 上发送；没有它时对端必须假定为 536 字节（IPv4）。',
    ...rfc9293('3.7.1'),
  },
  wscale: {
    en: 'Window scale option: the window field is shifted left by this many bits (0–14). Both ends must send it on their SYNs, or neither side scales.',
    zh: '窗口缩放选项：窗口字段左移这么多位（0–14）。双方都必须在各自的 SYN 上发送它，否则双方都不缩放。',
    ...rfc(7323, '2'),
  },
  sackOK: {
    en: 'SACK-permitted option: on a SYN, says this end understands selective acknowledgments; both SYNs must carry it before SACK blocks are used.',
    zh: 'SACK-permitted 选项：在 SYN 上表示本端支持选择性确认；双方的 SYN 都带它之后才能使用 SACK 块。',
    ...rfc(2018, '2'),
  },
  sack: {
    en: 'SACK option: blocks of data received beyond a hole, as left:right sequence numbers, so the sender retransmits only what is missing.',
    zh: 'SACK 选项：在空洞之后已收到的数据块（left:right 序列号），让发送方只重传缺失的部分。',
    ...rfc(2018, '3'),
  },
  ts: {
    en: 'Timestamps option: val is the sender\'s clock, ecr echoes the peer\'s latest val. Used to measure RTT and to reject old duplicates (PAWS).',
    zh: '时间戳选项：val 是发送方的时钟，ecr 回显对端最近的 val。用于测量 RTT 和拒绝旧的重复报文（PAWS）。',
    ...rfc(7323, '3'),
  },
  nop: {
    en: 'NOP option: one byte of padding that aligns the next option.',
    zh: 'NOP 选项：一个字节的填充，用来对齐下一个选项。',
    ...rfc9293('3.2'),
  },
  tfo: {
    en: 'TCP Fast Open option (kind 34): on a SYN, `tfo` alone asks the server for a cookie; `tfo HEX` presents one, and only with a valid cookie may the server take the SYN\'s data before the handshake completes. The server (tcp_fastopen with bit 2) sends its cookie on the SYN,ACK.',
    zh: 'TCP Fast Open 选项（kind 34）：在 SYN 上，单独的 `tfo` 向服务器请求 cookie；`tfo 十六进制` 出示 cookie，只有 cookie 有效时服务器才可以在握手完成前接收 SYN 携带的数据。服务器（tcp_fastopen 含第 2 位）在 SYN,ACK 上发出它的 cookie。',
    ...rfc(7413, '4.1.1'),
  },
  eol: {
    en: 'End-of-option-list: nothing follows in the options.',
    zh: '选项列表结束：其后不再有选项。',
    ...rfc9293('3.2'),
  },
};
