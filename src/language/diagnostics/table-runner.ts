// Runner-level ids of language.md §Diagnostics, plus INFO-STATE and INTERNAL-ERROR. The runner
// fills exactly the placeholders named here.
import type { DiagnosticEntry } from './entry';

export const RUNNER = {
  'PARSE-ERROR': {
    severity: 'error',
    title: 'Syntax error',
    // {detail}/{detailZh}: the parser's message in each language.
    en: '{detail}',
    zh: '{detailZh}',
    explain:
      'The line does not follow the grammar of the .tcpflow language, so it was not run. The message says what the parser expected; docs/language.md describes every statement.',
    explainZh: '这一行不符合 .tcpflow 语言的语法，因此没有执行。消息说明了解析器期望的内容；docs/language.md 描述了每一种语句。',
  },
  'NAME-UNKNOWN': {
    severity: 'error',
    title: 'Unknown name',
    // {known}: the defined endpoint names, comma-separated.
    en: "'{name}' is not defined; defined endpoints: {known}",
    zh: '未定义“{name}”；已定义的端点：{known}',
    explain:
      'Every host a line mentions must first be declared with an endpoint statement (endpoint NAME IP:PORT). Names are case-sensitive.',
    explainZh: '每一行提到的主机都必须先用 endpoint 语句声明（endpoint 名称 IP:端口）。名称区分大小写。',
  },
  'SETTING-UNKNOWN': {
    severity: 'error',
    title: 'Unknown setting',
    en: "unknown setting '{key}'; valid settings: {valid}",
    zh: '未知的设置项“{key}”；有效的设置项：{valid}',
    explain:
      'set NAME KEY VALUE takes the Linux sysctl names without the net.ipv4. prefix (tcp_syn_retries, tcp_fin_timeout, …) plus a few socket-level keys (mss, backlog, linger, nodelay, keepalive, msl) and net.core.somaxconn as somaxconn.',
    explainZh: 'set 名称 键 值 使用去掉 net.ipv4. 前缀的 Linux sysctl 名称（tcp_syn_retries、tcp_fin_timeout 等），以及少量套接字级别的键（mss、backlog、linger、nodelay、keepalive、msl），net.core.somaxconn 写作 somaxconn。',
  },
  'SETTING-RANGE': {
    severity: 'error',
    title: 'Setting value out of range',
    en: "{value} is not a valid value for {key}; valid: {valid}",
    zh: '{value} 不是 {key} 的有效取值；有效取值：{valid}',
    explain: 'The value is outside the range the setting accepts. The message gives the valid range or values.',
    explainZh: '该值超出了这个设置项接受的范围。消息中给出了有效的范围或取值。',
  },
  'CALL-STATE': {
    severity: 'error',
    title: 'Socket call not allowed in this state',
    en: '{call} on {endpoint} fails with {errno}: not allowed in state {state}',
    zh: '{endpoint} 上的 {call} 调用失败，返回 {errno}：在 {state} 状态下不允许此调用',
    explain:
      'A socket call that the connection state forbids fails with the errno a real stack returns, which the message names — for example send after shutdown write fails with EPIPE. RFC 9293 §3.10 describes what each user call does in each state.',
    explainZh:
      '连接状态不允许的套接字调用会失败，并返回真实协议栈会返回的 errno（消息中会给出），例如 shutdown write 之后再调用 send 会返回 EPIPE。RFC 9293 §3.10 描述了每个用户调用在各个状态下的行为。',
  },
  'EXPECT-PACKET': {
    severity: 'error',
    title: 'Packet differs from the line',
    // {expected}: the field as the script writes it; {actual}: what the stack sent, e.g. `1001 (x+1)`.
    en: '{sender} sent {field}={actual}, but the line expects {field}={expected}',
    zh: '{sender} 发送的是 {field}={actual}，但这一行期望的是 {field}={expected}',
    explain:
      'For a stack endpoint a packet line is an expectation: the engine played the endpoint as a real TCP stack would, and the packet it sent differs from the line in the marked field. Usually the line is what needs correcting; the quick fix writes the value the stack actually sent.',
    explainZh:
      '对于 stack 端点，报文行是一个期望：引擎像真实的 TCP 协议栈一样扮演该端点，而它发出的报文在标出的字段上与这一行不同。通常需要修改的是这一行；快速修复会写入协议栈实际发送的值。',
  },
  'EXPECT-NO-PACKET': {
    severity: 'error',
    title: 'Expected packet never sent',
    // {doing}/{doingZh}: a sentence saying what the endpoint is doing instead (its state and pending
    // timers), e.g. `server is in LISTEN with nothing left to send and no timer running`.
    en: '{sender} never sends this packet to {dst}: {doing}',
    zh: '{sender} 不会向 {dst} 发送这个报文：{doingZh}',
    explain:
      'The line expects a packet, but the stack endpoint sends nothing more towards that destination: no pending timer or event would make it. The message shows its state and timers, which usually explain why — for example it is waiting for a packet the script has not sent yet.',
    explainZh:
      '这一行期望一个报文，但 stack 端点不会再向该目的地发送任何报文：没有任何待触发的定时器或事件会产生它。消息给出了端点的状态和定时器，通常能说明原因——例如它正在等待脚本还没有发送的报文。',
  },
  'EXPECT-UNEXPECTED': {
    severity: 'error',
    title: 'Packet no line expects',
    en: '{sender} sent {packet} here; the script expects nothing',
    zh: '{sender} 在这里发送了 {packet}；脚本没有预期任何报文',
    explain:
      'Checking is strict, as in packetdrill: every packet a stack endpoint sends must appear on a packet line. Add a line for it, or let such packets go unlisted with ignore (for example ignore * -> * ACK len=0).',
    explainZh:
      '检查是严格的（与 packetdrill 相同）：stack 端点发出的每个报文都必须出现在某个报文行中。请为它添加一行，或者用 ignore 允许这类报文不被列出（例如 ignore * -> * ACK len=0）。',
  },
  'EXPECT-TIMING': {
    severity: 'error',
    title: 'Packet sent at a different time',
    en: '{sender} sent this packet at {actual}, not at {expected} (tolerance {tolerance})',
    zh: '{sender} 在 {actual} 发送了这个报文，而不是在 {expected}（容差 {tolerance}）',
    explain:
      'A time prefix (@1.0 or +200ms) on a stack packet line asserts when the packet leaves, in virtual time. Timers such as the retransmission timeout or the delayed ACK decide that time; the tolerance is set with set * tolerance.',
    explainZh:
      'stack 报文行上的时间前缀（@1.0 或 +200ms）断言报文在虚拟时间中的发出时刻。这个时刻由重传超时、延迟确认等定时器决定；容差用 set * tolerance 设置。',
  },
  'EXPECT-STATE': {
    severity: 'error',
    title: 'Endpoint in a different state',
    // {explain}/{explainZh}: an optional explanation sentence; may be empty.
    en: '{endpoint} is in {actual}, not {expected}. {explain}',
    zh: '{endpoint} 处于 {actual}，而不是 {expected}。{explainZh}',
    explain:
      'The expect line names a TCP state, but at this point the engine has the endpoint in another one. Common mix-ups: the passive closer is in LAST_ACK, not CLOSE_WAIT, after sending its FIN; only the active closer enters TIME_WAIT (RFC 9293 §3.6).',
    explainZh:
      'expect 行给出了一个 TCP 状态，但此时引擎中该端点处于另一个状态。常见的混淆：被动关闭方发出 FIN 之后处于 LAST_ACK 而不是 CLOSE_WAIT；只有主动关闭方才进入 TIME_WAIT（RFC 9293 §3.6）。',
  },
  'EXPECT-RECV': {
    severity: 'error',
    title: 'Application received different bytes',
    en: '{endpoint} received {actual}, not {expected}',
    zh: '{endpoint} 收到的是 {actual}，而不是 {expected}',
    explain:
      'expect NAME recv checks the bytes TCP has delivered to the application. Data arrives only in order: bytes after a gap wait until the gap is filled.',
    explainZh: 'expect 名称 recv 检查 TCP 已经交付给应用的字节。数据只能按顺序交付：空洞之后的字节要等空洞被填补后才能交付。',
  },
  'EXPECT-ERROR': {
    severity: 'error',
    title: 'Different socket error',
    en: '{endpoint} reports {actual}, not {expected}',
    zh: '{endpoint} 报告的是 {actual}，而不是 {expected}',
    explain:
      'expect NAME error checks the result of the last call or an asynchronous error: ECONNREFUSED when a SYN is answered with RST, ECONNRESET when an established connection is reset, ETIMEDOUT when retransmissions give up.',
    explainZh:
      'expect 名称 error 检查上一次调用的结果或异步错误：SYN 被 RST 应答时为 ECONNREFUSED，已建立的连接被重置时为 ECONNRESET，重传放弃时为 ETIMEDOUT。',
  },
  'EXPECT-QUEUE': {
    severity: 'error',
    title: 'Listen queue length differs',
    // {queue}: `syn` or `accept`.
    en: '{endpoint} has {actual} in its {queue} queue, not {expected}',
    zh: '{endpoint} 的 {queue} 队列中有 {actual} 个连接，而不是 {expected} 个',
    explain:
      'A listening socket has two queues: the SYN queue of half-open connections in SYN_RCVD, and the accept queue of established connections waiting for accept(). On Linux the SYN queue counts as full only when it holds more than the backlog.',
    explainZh:
      '监听套接字有两个队列：保存处于 SYN_RCVD 的半连接的 SYN 队列，以及保存等待 accept() 的已建立连接的 accept 队列。在 Linux 上，只有当 SYN 队列中的数量超过 backlog 时才算满。',
  },
  'EXPECT-NOTHING': {
    severity: 'error',
    title: 'Packet during a quiet period',
    en: '{sender} sent {packet} at {time}; the script expects nothing on the wire',
    zh: '{sender} 在 {time} 发送了 {packet}；脚本期望此期间线路上没有任何报文',
    explain:
      'expect nothing for D asserts that no packet is sent in that window of virtual time. A retransmission, a delayed ACK or a keep-alive timer firing inside it breaks the assertion.',
    explainZh: 'expect nothing for D 断言在这段虚拟时间内没有任何报文发出。在此期间触发的重传、延迟确认或保活定时器都会使断言失败。',
  },
  'LIMIT': {
    severity: 'warning',
    title: 'Run stopped by a resource limit',
    // {limit}: the limit's name; {value}: its value; {setting}: where to raise it, e.g. `tcpflow.limits.maxRepeat`.
    en: 'the run stopped here: {limit} limit of {value} reached (raise it with {setting}); lines after this were not checked',
    zh: '运行在此处停止：达到了 {limit} 的上限 {value}（可通过 {setting} 调高）；之后的行没有被检查',
    explain:
      'Runs are capped so that a script cannot hang the editor. When a cap is reached the run stops; everything before this point was checked, nothing after it.',
    explainZh: '运行有资源上限，以免脚本让编辑器卡死。达到上限时运行停止；此前的内容都已检查，此后的内容没有检查。',
  },
  'UNSUPPORTED': {
    severity: 'warning',
    title: 'Not supported yet',
    // {what}: a code word such as `reorder`; not translated.
    en: '{what} is not supported yet; this line was not run',
    zh: '暂不支持 {what}；这一行没有执行',
    explain: 'The statement is part of the language but this version of tcpflow does not run it yet.',
    explainZh: '该语句属于语言的一部分，但当前版本的 tcpflow 还不能执行它。',
  },
  'INFO-STATE': {
    severity: 'info',
    title: 'State change',
    // {why}/{whyZh}: what caused the transition.
    en: '{endpoint} enters {state}: {why}',
    zh: '{endpoint} 进入 {state}：{whyZh}',
    explain: 'An explanation, not a problem: it shows which event moved the endpoint into a new TCP state (RFC 9293 §3.3.2, Figure 5).',
    explainZh: '这是说明，不是问题：它显示是哪个事件让端点进入了新的 TCP 状态（RFC 9293 §3.3.2，图 5）。',
  },
  'INTERNAL-ERROR': {
    severity: 'error',
    title: 'Internal error',
    en: 'internal error in tcpflow: {detail} — please report it',
    zh: 'tcpflow 内部错误：{detail} —— 请报告此问题',
    explain: 'tcpflow itself failed while running the script; this is a bug in tcpflow, not in the script. Please report it together with the script.',
    explainZh: 'tcpflow 在运行脚本时自身出错了；这是 tcpflow 的缺陷，而不是脚本的问题。请连同脚本一起报告。',
  },
  'OPENSSL-PEER': {
    severity: 'info',
    title: 'OpenSSL plays this side: not deterministic',
    // {version}: OpenSSL's version string from node:tls, e.g. `3.0.19`.
    en: "OpenSSL {version} (node:tls) plays {endpoint}'s TLS side: it draws its own randoms and keys, so this run's TLS bytes are not deterministic",
    zh: 'OpenSSL {version}（node:tls）扮演 {endpoint} 的 TLS 一端：它自己生成随机数和密钥，因此这次运行的 TLS 字节不是确定的',
    explain:
      'With peer openssl, a real TLS library answers over the simulated TCP stream instead of the tcpflow engine. Virtual time stays exact, but OpenSSL does not take the script\'s seed: its randoms, key shares and signatures change from run to run, so packet lengths and bytes may differ while the message sequence stays the same. OpenSSL only receives bytes; nothing in the script is executed.',
    explainZh:
      '使用 peer openssl 时，在模拟的 TCP 字节流上应答的是真实的 TLS 库，而不是 tcpflow 引擎。虚拟时间仍然精确，但 OpenSSL 不使用脚本的 seed：它的随机数、密钥共享和签名每次运行都不同，所以报文长度和字节可能变化，而消息顺序不变。OpenSSL 只接收字节；脚本中的任何内容都不会被执行。',
  },
  'OPENSSL-FAILED': {
    severity: 'error',
    title: 'OpenSSL could not play this side',
    // {detail}: OpenSSL's or the worker's own message (an error code such as ERR_SSL_NO_CIPHERS_AVAILABLE); not translated.
    en: "OpenSSL could not play {endpoint}'s TLS side: {detail}",
    zh: 'OpenSSL 无法扮演 {endpoint} 的 TLS 一端：{detail}',
    explain:
      'peer openssl runs node:tls in a worker thread. It refused the settings of this call (for example suites that leave no cipher for the version), its worker file is missing, or it did not answer in time; the TLS side stops here instead of hanging the run.',
    explainZh:
      'peer openssl 在工作线程中运行 node:tls。它拒绝了这次调用的设置（例如所列套件在该版本下没有可用的密码），或者找不到工作线程文件，或者没有及时应答；TLS 一端就此停止，而不会让运行卡住。',
  },
  'OPENSSL-ABORTED': {
    severity: 'info',
    title: 'OpenSSL aborted the connection',
    // {detail}: OpenSSL's error code and message, e.g. `ERR_SSL_DIGEST_CHECK_FAILED: …`; not translated.
    en: 'OpenSSL on {endpoint} aborted: {detail}',
    zh: '{endpoint} 上的 OpenSSL 中止了连接：{detail}',
    explain:
      'What the real OpenSSL decided about the bytes it received: its error code names the check that failed. The alert it sent, if any, is in the trace like any other TLS record.',
    explainZh: '这是真实的 OpenSSL 对收到的字节作出的判断：错误码指出了没有通过的检查。它发送的告警（如果有）和其他 TLS 记录一样出现在 trace 中。',
  },
} as const satisfies Record<string, DiagnosticEntry>;
