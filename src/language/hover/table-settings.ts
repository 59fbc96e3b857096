// Hover texts for `set NAME KEY VALUE` keys: what each one means, and the belief about it that
// popular material gets wrong (tcp-rules.md §5.1 and §5.2, from Linux's ip-sysctl.rst). The
// defaults and valid ranges are not written here: the server reads them from the engine's
// profiles and SETTING_SPECS, so they cannot drift.
import { IP_SYSCTL, LANGUAGE_DOC, rfc9293, type HoverEntry } from './entry';

export const SETTING_HOVERS: Readonly<Record<string, HoverEntry>> = {
  tcp_syn_retries: {
    en: 'How many times connect() retransmits an unanswered SYN before giving up with ETIMEDOUT. The timeouts between tries double (1 s, 2 s, 4 s, …); with tcp_syn_linear_timeouts the first few stay at 1 s.',
    zh: 'connect() 在放弃并返回 ETIMEDOUT 之前重传未被应答的 SYN 的次数。两次重传之间的超时翻倍（1 秒、2 秒、4 秒……）；设置了 tcp_syn_linear_timeouts 时，前几次保持 1 秒。',
    ...IP_SYSCTL,
    misconception: {
      en: '"6 retries = 127 s" is Linux before 6.5. Linux 6.x (tcp_syn_linear_timeouts 4) gives up at 131 s; the wait depends on the RTO backoff, not only on this count.',
      zh: '“重试 6 次 = 127 秒”是 Linux 6.5 之前的情况。Linux 6.x（tcp_syn_linear_timeouts 为 4）在 131 秒时放弃；等待时间取决于 RTO 退避，而不只是这个次数。',
    },
  },
  tcp_syn_linear_timeouts: {
    en: 'How many of the first SYN retransmissions use a fixed 1 s timeout before exponential backoff starts (Linux 6.x).',
    zh: '前多少次 SYN 重传使用固定的 1 秒超时，之后才开始指数退避（Linux 6.x）。',
    ...IP_SYSCTL,
  },
  tcp_synack_retries: {
    en: 'How many times a listener retransmits the SYN,ACK of a half-open (SYN_RCVD) entry before dropping it (5 ≈ 63 s on Linux).',
    zh: '监听端在丢弃一个半连接（SYN_RCVD）之前重传其 SYN,ACK 的次数（Linux 上 5 次约 63 秒）。',
    ...IP_SYSCTL,
    misconception: {
      en: 'Lowering it shortens how long half-open entries occupy the SYN queue during a flood (RFC 4987 §3.3).',
      zh: '调低它可以缩短 SYN 洪泛时半连接占用 SYN 队列的时间（RFC 4987 §3.3）。',
    },
  },
  tcp_orphan_retries: {
    en: 'FIN retransmissions for a socket the application already closed (FIN_WAIT_1, CLOSING, LAST_ACK).',
    zh: '应用已关闭的（孤儿）套接字在 FIN_WAIT_1、CLOSING、LAST_ACK 中重传 FIN 的次数。',
    ...IP_SYSCTL,
    misconception: { en: '"0 means no retries." On Linux 0 means 8.', zh: '“0 表示不重试”。在 Linux 上 0 表示 8 次。' },
  },
  tcp_fin_timeout: {
    en: 'How long an orphaned FIN_WAIT_2 socket (the application already closed) waits for the peer\'s FIN before it is dropped.',
    zh: '孤儿 FIN_WAIT_2 套接字（应用已关闭）等待对端 FIN 的时长，超时后被丢弃。',
    ...IP_SYSCTL,
    misconception: {
      en: '"It controls TIME_WAIT." It does not: Linux\'s TIME_WAIT is fixed at 60 s.',
      zh: '“它控制 TIME_WAIT。”并不是：Linux 的 TIME_WAIT 固定为 60 秒。',
    },
  },
  tcp_max_tw_buckets: {
    en: 'System-wide cap on sockets in TIME_WAIT; beyond it, closing sockets skip TIME_WAIT and are destroyed at once.',
    zh: '全系统处于 TIME_WAIT 的套接字上限；超出后，关闭的套接字跳过 TIME_WAIT 直接销毁。',
    ...IP_SYSCTL,
    misconception: {
      en: '"Lower it to fix TIME_WAIT pile-up." The kernel docs say never to lower it.',
      zh: '“调低它来解决 TIME_WAIT 堆积。”内核文档明确说不要调低它。',
    },
  },
  tcp_tw_reuse: {
    en: 'Lets an outgoing connect() reuse the 4-tuple of a connection in TIME_WAIT when timestamps make it safe. 0 = off, 1 = on, 2 = loopback only.',
    zh: '在时间戳保证安全时，允许主动发起的 connect() 复用处于 TIME_WAIT 的连接四元组。0 = 关闭，1 = 开启，2 = 仅回环。',
    ...IP_SYSCTL,
    misconception: {
      en: '"It helps servers." It affects only the connecting side; tcp_tw_recycle was removed in Linux 4.12.',
      zh: '“它对服务器有帮助。”它只影响发起连接的一方；tcp_tw_recycle 已在 Linux 4.12 中移除。',
    },
  },
  tcp_syncookies: {
    en: 'SYN cookies: when the SYN queue overflows, answer with a SYN,ACK whose ISN encodes the connection, keeping no state. 1 = only on overflow, 2 = always.',
    zh: 'SYN cookie：SYN 队列溢出时，用把连接信息编码进 ISN 的 SYN,ACK 应答，而不保存状态。1 = 仅在溢出时，2 = 总是。',
    ...IP_SYSCTL,
    misconception: {
      en: '"Cookies are always on." With 1 they are a fallback only, and they drop window scaling and SACK unless timestamps are used.',
      zh: '“cookie 一直开启。”值为 1 时只是溢出后的后备；而且除非使用时间戳，否则会丢失窗口缩放和 SACK。',
    },
  },
  tcp_max_syn_backlog: {
    en: 'Per-listener limit on half-open (SYN_RCVD) entries — the SYN queue.',
    zh: '每个监听套接字的半连接（SYN_RCVD）上限——即 SYN 队列。',
    ...IP_SYSCTL,
    misconception: {
      en: 'It is not the accept queue: that one is limited by listen()\'s backlog and somaxconn.',
      zh: '它不是全连接（accept）队列：那个由 listen() 的 backlog 和 somaxconn 限制。',
    },
  },
  tcp_timestamps: {
    en: 'Offer the timestamps option (RFC 7323) on SYNs: RTT measurement and protection against wrapped sequence numbers (PAWS).',
    zh: '在 SYN 上提供时间戳选项（RFC 7323）：用于测量 RTT 和防止序列号回绕（PAWS）。',
    ...IP_SYSCTL,
  },
  tcp_sack: {
    en: 'Offer selective acknowledgments (sackOK, RFC 2018) on SYNs.',
    zh: '在 SYN 上提供选择性确认（sackOK，RFC 2018）。',
    ...IP_SYSCTL,
  },
  tcp_window_scaling: {
    en: 'Offer the window scale option (RFC 7323) on SYNs, so windows can exceed 64 KB.',
    zh: '在 SYN 上提供窗口缩放选项（RFC 7323），使窗口可以超过 64 KB。',
    ...IP_SYSCTL,
  },
  tcp_rmem: {
    en: 'Receive buffer sizes: min, default, max bytes. The max also decides the window scale Linux offers.',
    zh: '接收缓冲区大小：最小、默认、最大（字节）。最大值还决定了 Linux 提供的窗口缩放因子。',
    ...IP_SYSCTL,
  },
  mss: {
    en: 'The maximum segment size this end announces in its SYN and uses as its largest payload.',
    zh: '本端在 SYN 中通告、并作为最大载荷使用的最大报文段长度。',
    ...rfc9293('3.7.1'),
  },
  backlog: {
    en: 'The listen() backlog: how many fully established connections may wait for accept() (the accept queue).',
    zh: 'listen() 的 backlog：可以等待 accept() 的已完成连接数（全连接队列）。',
    ...IP_SYSCTL,
  },
  linger: {
    en: 'SO_LINGER: off, or a number of seconds. Linger 0 makes close() send RST and skip the FIN exchange (and TIME_WAIT).',
    zh: 'SO_LINGER：off 或秒数。linger 为 0 时 close() 发送 RST，跳过 FIN 交换（也没有 TIME_WAIT）。',
    ...rfc9293('3.10.5'),
  },
  nodelay: {
    en: 'TCP_NODELAY: 1 turns Nagle\'s algorithm off, so small writes go out at once instead of waiting for outstanding data to be ACKed.',
    zh: 'TCP_NODELAY：1 表示关闭 Nagle 算法，小块写入立即发出，而不等待未确认的数据被确认。',
    ...rfc9293('3.7.4'),
  },
  msl: {
    en: 'Maximum segment lifetime. TIME_WAIT lasts 2·MSL in the rfc9293 profile (RFC: MSL = 2 min); Linux ignores it and keeps TIME_WAIT at 60 s.',
    zh: '报文段最大生存时间。rfc9293 配置下 TIME_WAIT 持续 2·MSL（RFC：MSL = 2 分钟）；Linux 不用它，TIME_WAIT 固定为 60 秒。',
    ...rfc9293('3.4.2'),
  },
  keepalive: {
    en: 'SO_KEEPALIVE: 1 makes an idle connection send keep-alive probes (<SEQ=SND.NXT-1><ACK=RCV.NXT><CTL=ACK>, no data) after tcp_keepalive_time without hearing from the peer. Off by default.',
    zh: 'SO_KEEPALIVE：设为 1 时，空闲连接在 tcp_keepalive_time 内没有收到对端任何报文后发送保活探测（<SEQ=SND.NXT-1><ACK=RCV.NXT><CTL=ACK>，不带数据）。默认关闭。',
    ...rfc9293('3.8.4'),
    misconception: {
      en: '"TCP keeps idle connections alive by itself." Keep-alive is off unless the application enables it per socket (MUST-24/25).',
      zh: '“TCP 会自动保活空闲连接。”除非应用为每个套接字打开它，保活是关闭的（MUST-24/25）。',
    },
  },
  tcp_keepalive_time: {
    en: 'How long a connection with keepalive on must be idle (nothing received, nothing outstanding) before the first probe. RFC 9293 requires a default of at least two hours.',
    zh: '打开保活的连接在发送第一个探测之前必须空闲多久（没有收到任何报文，也没有未确认的数据）。RFC 9293 要求默认值不少于两小时。',
    ...IP_SYSCTL,
    misconception: {
      en: '"It closes idle connections after 2 hours." It only starts probing then, and only on sockets with SO_KEEPALIVE; a dead peer is detected after time + probes × intvl (7875 s by default).',
      zh: '“空闲 2 小时后连接就会关闭。”那时只是开始探测，而且只针对打开了 SO_KEEPALIVE 的套接字；对端失效要在 time + probes × intvl（默认 7875 秒）后才被发现。',
    },
  },
  tcp_keepalive_intvl: {
    en: 'Seconds between keep-alive probes while they go unanswered.',
    zh: '保活探测未得到应答时，两次探测之间的间隔。',
    ...IP_SYSCTL,
  },
  tcp_keepalive_probes: {
    en: 'How many unanswered keep-alive probes end the connection: Linux then sends RST and the socket fails with ETIMEDOUT.',
    zh: '多少个保活探测未得到应答后结束连接：Linux 随后发送 RST，套接字以 ETIMEDOUT 失败。',
    ...IP_SYSCTL,
    misconception: {
      en: '"One lost probe means the peer is dead." RFC 9293 forbids that (MUST-29); Linux waits for all the probes.',
      zh: '“丢一个探测就说明对端已失效。”RFC 9293 禁止这样判断（MUST-29）；Linux 会等完所有探测。',
    },
  },
  somaxconn: {
    en: 'net.core.somaxconn: the cap on listen()\'s backlog, i.e. on the accept queue of connections waiting for accept().',
    zh: 'net.core.somaxconn：listen() 的 backlog 上限，也就是等待 accept() 的全连接队列的上限。',
    ...IP_SYSCTL,
    misconception: {
      en: '"listen(100000) gives a queue of 100000." The backlog is silently capped at somaxconn (4096 since Linux 5.4, 128 before).',
      zh: '“listen(100000) 就能得到 100000 的队列。”backlog 会被静默地限制为 somaxconn（Linux 5.4 起为 4096，之前为 128）。',
    },
  },
  tcp_abort_on_overflow: {
    en: 'When the accept queue is full: 0 drops the handshake\'s final ACK (the server stays SYN_RECV and retransmits its SYN,ACK); 1 answers it with RST.',
    zh: '全连接队列已满时：0 表示丢弃握手的最后一个 ACK（服务器停留在 SYN_RECV 并重传 SYN,ACK）；1 表示用 RST 应答。',
    ...IP_SYSCTL,
    misconception: {
      en: '"Turn it on to fix overflow." The kernel docs advise enabling it only if you are sure the listener cannot be sped up: it can harm clients.',
      zh: '“打开它就能解决溢出。”内核文档建议只有在确定无法加快监听方处理时才打开：它可能伤害客户端。',
    },
  },
  tcp_fastopen: {
    en: 'TCP Fast Open (RFC 7413) as Linux\'s bit mask: 1 lets a client send data on its SYN with a cookie, 2 makes a listener hand out cookies and take the data of a SYN that presents a valid one. The engine models the server side.',
    zh: 'TCP Fast Open（RFC 7413），取值为 Linux 的位掩码：1 允许客户端在 SYN 上携带 cookie 和数据，2 使监听端发放 cookie，并接收出示了有效 cookie 的 SYN 所携带的数据。引擎模拟的是服务器一方。',
    ...IP_SYSCTL,
    misconception: {
      en: '"Data on a SYN is always delivered." Without a valid cookie the server acknowledges only ISN+1 and the client sends the data again after the handshake.',
      zh: '“SYN 上的数据总会被交付。”没有有效的 cookie 时，服务器只确认 ISN+1，客户端要在握手之后重发数据。',
    },
  },
  user_timeout: {
    en: 'TCP_USER_TIMEOUT: how long sent data may stay unacknowledged before the connection is aborted with ETIMEDOUT, whatever the retry count; 0 (the default) leaves it to the retries (tcp_retries2). The retransmission timer is clamped so the abort comes on time.',
    zh: 'TCP_USER_TIMEOUT：已发送的数据最多可以多久不被确认，超过后连接以 ETIMEDOUT 中止，与重传次数无关；0（默认）表示由重传次数（tcp_retries2）决定。重传定时器会被截短，使中止按时发生。',
    ...rfc9293('3.10.8'),
    misconception: {
      en: '"A dead peer is noticed after a few seconds." Without a user timeout Linux retransmits for about 15 minutes (tcp_retries2 = 15) before giving up.',
      zh: '“对端失效几秒钟后就会被发现。”没有用户超时时，Linux 要重传大约 15 分钟（tcp_retries2 = 15）才放弃。',
    },
  },
  tolerance: {
    en: 'How far a packet line\'s @time / +time may be from when the packet really left (virtual time); default 1 ms.',
    zh: '报文行的 @时间 / +时间 与报文实际发出时间（虚拟时间）允许相差多少；默认 1 毫秒。',
    ...LANGUAGE_DOC,
  },
};
