// Hover texts for statement keywords, socket calls, profile names and endpoint kinds.
import { LANGUAGE_DOC, rfc9293, type HoverEntry } from './entry';

const lang = (en: string, zh: string): HoverEntry => ({ en, zh, ...LANGUAGE_DOC });

export const KEYWORD_HOVERS: Readonly<Record<string, HoverEntry>> = {
  flow: lang('flow "title": the title of the conversation, shown in the panel.', 'flow "标题"：这段会话的标题，显示在面板中。'),
  profile: lang('profile linux | rfc9293: which stack behaviour the engine plays (a table of settings; `set` changes any of them).', 'profile linux | rfc9293：引擎模拟哪种协议栈行为（一张设置表；`set` 可以修改其中任意一项）。'),
  seed: lang('seed N: all randomness (ISNs, loss) comes from this number, so the same script always gives the same run.', 'seed N：所有随机性（ISN、丢包）都来自这个数，因此同一脚本每次运行结果相同。'),
  endpoint: lang('endpoint NAME IP:PORT [stack|scripted|raw]: declares a host. stack = played by the engine; scripted = sends what the script says, checked for legality; raw = sends anything, unchecked.', 'endpoint 名称 IP:端口 [stack|scripted|raw]：声明一个主机。stack = 由引擎扮演；scripted = 按脚本发送并检查合法性；raw = 任意发送、不做检查。'),
  link: lang('link A B delay D / loss P%: the one-way delay (both directions) or seeded random loss between two endpoints.', 'link A B delay D / loss P%：两个端点之间的单向时延（双向相同）或按种子随机丢包。'),
  set: lang('set NAME KEY VALUE: changes one stack setting of an endpoint (`*` = every endpoint), before or during the flow.', 'set 名称 键 值：修改某个端点（`*` = 所有端点）的一项协议栈设置，可在会话前或会话中。'),
  drop: lang('drop [next] A -> B [pattern]: drops the next matching packet, or every match until `heal`.', 'drop [next] A -> B [模式]：丢弃下一个匹配的报文，或丢弃所有匹配的报文直到 `heal`。'),
  heal: lang('heal A -> B: ends the drops (and `unreachable` answers) in that direction.', 'heal A -> B：结束该方向上的丢包（以及 `unreachable` 的 ICMP 回复）。'),
  duplicate: lang('duplicate next A -> B: the next matching packet arrives twice.', 'duplicate next A -> B：下一个匹配的报文到达两次。'),
  reorder: lang('reorder next N A -> B: holds the next matching packet back until N more have passed.', 'reorder next N A -> B：扣住下一个匹配的报文，直到另外 N 个报文通过之后再放行。'),
  ignore: lang('ignore PATTERN: stack packets matching it may go unlisted (checking is otherwise strict, as in packetdrill).', 'ignore 模式：匹配它的 stack 报文可以不写出来（否则检查是严格的，与 packetdrill 相同）。'),
  wait: lang('wait D: advances virtual time by D; timers that fall due fire in order.', 'wait D：把虚拟时间推进 D；到期的定时器依次触发。'),
  expect: lang('expect …: checks a state, a queue length, an error, received bytes, or that nothing is sent for a while — at the current virtual time.', 'expect …：在当前虚拟时间检查状态、队列长度、错误、收到的字节，或一段时间内没有报文。'),
  unreachable: {
    en: 'unreachable A -> B KIND: every packet from A to B is dropped and answered by an ICMP Destination Unreachable of that kind (net, host, protocol, port, frag-needed, admin-prohibited, code N) from B\'s address, until `heal A -> B` — like a firewall\'s "reject with icmp". RFC 9293 §3.9.2.2 aborts on hard errors only (protocol, port); Linux aborts any connection still in SYN_SENT.',
    zh: 'unreachable A -> B 类型：从 A 到 B 的每个报文都被丢弃，并由 B 的地址回复该类型的 ICMP 目的不可达（net、host、protocol、port、frag-needed、admin-prohibited、code N），直到 `heal A -> B`——就像防火墙的 “reject with icmp”。RFC 9293 §3.9.2.2 只在硬错误（协议、端口）时中止；Linux 对仍处于 SYN_SENT 的连接都会中止。',
    ...rfc9293('3.9.2.2'),
  },
  repeat: lang('repeat N LINE: runs LINE N times (e.g. a SYN flood from a raw endpoint).', 'repeat N 语句：把该语句执行 N 次（例如由 raw 端点发起的 SYN 洪泛）。'),
  tls: lang('tls: a TLS call (connect, accept, send, close) or a TLS packet line naming the records it carries.', 'tls：TLS 调用（connect、accept、send、close），或列出所携带记录的 TLS 报文行。'),
};

export const CALL_HOVERS: Readonly<Record<string, HoverEntry>> = {
  listen: {
    en: 'listen(): passive open — the socket goes CLOSED → LISTEN and waits for SYNs. Nothing is sent on the wire. Fails with EINVAL on a socket that is already connected.',
    zh: 'listen()：被动打开——套接字从 CLOSED 进入 LISTEN，等待 SYN。线上不发送任何报文。对已连接的套接字调用返回 EINVAL。',
    ...rfc9293('3.10.1'),
  },
  connect: {
    en: 'connect(): active open — sends a SYN with a fresh ISN and enters SYN_SENT. Fails with ECONNREFUSED if a RST answers, ETIMEDOUT when the SYN retries run out; EALREADY while a connect is in progress, EISCONN when already connected, EADDRNOTAVAIL when the address pair is still in TIME_WAIT and may not be reused.',
    zh: 'connect()：主动打开——用新的 ISN 发送 SYN 并进入 SYN_SENT。若收到 RST 则失败并返回 ECONNREFUSED，SYN 重试耗尽时返回 ETIMEDOUT；连接进行中再调用返回 EALREADY，已连接时返回 EISCONN，四元组仍处于 TIME_WAIT 且不能复用时返回 EADDRNOTAVAIL。',
    ...rfc9293('3.10.1'),
  },
  accept: {
    en: 'accept(): takes one completed connection off the listener\'s accept queue. Nothing is sent: the handshake already happened in the kernel. Fails with EINVAL on a socket that is not listening.',
    zh: 'accept()：从监听套接字的全连接队列中取出一个已完成的连接。线上不发送任何报文：握手早已在内核中完成。对未监听的套接字调用返回 EINVAL。',
    ...rfc9293('3.10.1'),
  },
  send: {
    en: 'send(): queues bytes; the stack sends them in segments of at most MSS, the last one with PSH. Fails with ENOTCONN when there is no connection, EPIPE after this end shut down writing or closed, ECONNRESET after the peer reset the connection.',
    zh: 'send()：把字节放入发送队列；协议栈按不超过 MSS 的报文段发出，最后一段带 PSH。没有连接时返回 ENOTCONN，本端关闭写方向或已关闭后返回 EPIPE，对端复位连接后返回 ECONNRESET。',
    ...rfc9293('3.10.2'),
  },
  recv: {
    en: 'recv(): reads bytes the stack already received and acknowledged; reading opens the receive window again. Nothing is sent unless the window update is worth announcing. Fails with ENOTCONN when there is no connection.',
    zh: 'recv()：读取协议栈已经收到并确认的字节；读取会重新打开接收窗口。除非窗口更新值得通告，否则不发送报文。没有连接时返回 ENOTCONN。',
    ...rfc9293('3.10.3'),
  },
  shutdown: {
    en: 'shutdown(write): half-close — sends a FIN but keeps receiving. read: stops reading, nothing on the wire. both: both. Fails with ENOTCONN before the connection is open.',
    zh: 'shutdown(write)：半关闭——发送 FIN 但仍可接收。read：停止读取，线上无报文。both：两者兼有。连接建立前调用返回 ENOTCONN。',
    ...rfc9293('3.10.4'),
  },
  close: {
    en: 'close(): sends a FIN after any queued data (ESTABLISHED → FIN_WAIT_1, or CLOSE_WAIT → LAST_ACK). If received data was left unread, Linux sends RST instead.',
    zh: 'close()：在已排队的数据之后发送 FIN（ESTABLISHED → FIN_WAIT_1，或 CLOSE_WAIT → LAST_ACK）。如果还有未读的接收数据，Linux 改为发送 RST。',
    ...rfc9293('3.10.4'),
  },
  abort: {
    en: 'abort (close with SO_LINGER 0): sends RST and drops the connection at once — no FIN exchange, no TIME_WAIT. The peer sees ECONNRESET.',
    zh: 'abort（SO_LINGER 为 0 的 close）：发送 RST 并立即丢弃连接——没有 FIN 交换，也没有 TIME_WAIT。对端得到 ECONNRESET。',
    ...rfc9293('3.10.5'),
  },
};

export const PROFILE_HOVERS: Readonly<Record<string, HoverEntry>> = {
  linux: lang('linux: a current Linux kernel with default sysctls — TIME_WAIT 60 s, initial RTO 1 s, minimum RTO 200 ms, delayed ACKs, SYN options mss, sackOK, TS, nop, wscale.', 'linux：当前 Linux 内核的默认 sysctl——TIME_WAIT 60 秒、初始 RTO 1 秒、最小 RTO 200 毫秒、延迟确认、SYN 选项为 mss、sackOK、TS、nop、wscale。'),
  rfc9293: {
    en: 'rfc9293: the textbook stack of RFC 9293 — every segment ACKed at once, MSL 2 minutes (TIME_WAIT 4 min), MSS as the only option.',
    zh: 'rfc9293：RFC 9293 的教科书协议栈——每个报文段立即确认、MSL 为 2 分钟（TIME_WAIT 4 分钟）、只带 MSS 选项。',
    ...rfc9293('3.4.2'),
  },
};

export const ENDPOINT_KIND_HOVERS: Readonly<Record<string, HoverEntry>> = {
  stack: lang('stack: the engine plays this endpoint as a real TCP implementation; its packet lines are expectations.', 'stack：由引擎把该端点当作真实的 TCP 实现来扮演；它的报文行是预期。'),
  scripted: lang('scripted: sends exactly what the script says, and is held to what a correct stack could send.', 'scripted：严格按脚本发送，并检查是否是正确的协议栈可能发送的报文。'),
  raw: lang('raw: sends what the script says with no legality check (floods, blind resets); only the receivers\' reactions are checked.', 'raw：按脚本发送、不做合法性检查（洪泛、盲 RST）；只检查接收方的反应。'),
};
