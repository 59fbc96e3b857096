// Sentences that explain why a state differs from what the script expects, for the mistakes
// students make most. Each names its source; they fill EXPECT-STATE's {explain}/{explainZh}.
import type { TcpStateName } from './trace';

export interface Explanation {
  readonly en: string;
  readonly zh: string;
}

const NONE: Explanation = { en: '', zh: '' };

export function explainState(expected: TcpStateName, actual: TcpStateName, history: readonly TcpStateName[]): Explanation {
  if (expected === 'CLOSE_WAIT' && actual === 'LAST_ACK') {
    return {
      en: 'The passive closer leaves CLOSE_WAIT when its application closes and it sends its own FIN; from then on it is in LAST_ACK, waiting for the ACK of that FIN (RFC 9293 §3.6, Figure 12).',
      zh: '被动关闭方在应用调用 close() 并发出自己的 FIN 后就离开了 CLOSE_WAIT，此后处于 LAST_ACK，等待对方确认这个 FIN（RFC 9293 §3.6，图 12）。',
    };
  }
  if (expected === 'TIME_WAIT' && history.includes('LAST_ACK')) {
    return {
      en: 'Only the side that closed first (the active closer) enters TIME_WAIT; the LAST_ACK side goes straight to CLOSED when its FIN is acknowledged (RFC 9293 §3.6.1).',
      zh: '只有先关闭的一方（主动关闭方）进入 TIME_WAIT；处于 LAST_ACK 的一方在自己的 FIN 被确认后直接进入 CLOSED（RFC 9293 §3.6.1）。',
    };
  }
  if (expected === 'CLOSED' && actual === 'TIME_WAIT') {
    return {
      en: 'TIME_WAIT lasts 2·MSL before the connection is deleted (RFC 9293 §3.6.1, MUST-13); Linux uses a fixed 60 s (TCP_TIMEWAIT_LEN).',
      zh: 'TIME_WAIT 要持续 2·MSL 才删除连接（RFC 9293 §3.6.1，MUST-13）；Linux 固定为 60 秒（TCP_TIMEWAIT_LEN）。',
    };
  }
  if (expected === 'CLOSED' && actual === 'SYN_SENT') {
    return {
      en: 'connect() is still retransmitting its SYN (tcp_syn_retries). With Linux 6.x defaults (tcp_syn_linear_timeouts = 4) the last SYN leaves at 67 s and connect() fails with ETIMEDOUT at 131 s; the often-quoted 127 s is the classic backoff 1+2+4+…+64 of older kernels or tcp_syn_linear_timeouts = 0 (Linux ip-sysctl.rst; RFC 6298 §5).',
      zh: 'connect() 仍在重传 SYN（tcp_syn_retries）。在 Linux 6.x 默认设置下（tcp_syn_linear_timeouts = 4），最后一个 SYN 在 67 秒发出，connect() 在 131 秒才以 ETIMEDOUT 失败；常说的 127 秒是旧内核或 tcp_syn_linear_timeouts = 0 时的经典退避 1+2+4+…+64（Linux ip-sysctl.rst；RFC 6298 §5）。',
    };
  }
  if (expected === 'ESTABLISHED' && actual === 'SYN_RCVD') {
    return {
      en: 'The passive side becomes ESTABLISHED only when the ACK of its SYN,ACK arrives — the third segment of the handshake (RFC 9293 §3.5, Figure 6).',
      zh: '被动打开方要等到对其 SYN,ACK 的确认（三次握手的第三个报文）到达后才进入 ESTABLISHED（RFC 9293 §3.5，图 6）。',
    };
  }
  if (expected === 'FIN_WAIT_2' && actual === 'TIME_WAIT') {
    return {
      en: 'A FIN,ACK that also acknowledges our FIN takes FIN_WAIT_1 straight to TIME_WAIT (RFC 9293 §3.10.7.4, Figure 5 note 2).',
      zh: '同时确认了我方 FIN 的 FIN,ACK 会让 FIN_WAIT_1 直接进入 TIME_WAIT（RFC 9293 §3.10.7.4，图 5 注 2）。',
    };
  }
  if (expected === 'FIN_WAIT_2' && actual === 'CLOSING') {
    return {
      en: 'A FIN that arrives before the ACK of our own FIN means both sides are closing at once: FIN_WAIT_1 goes to CLOSING (RFC 9293 §3.6, Figure 13).',
      zh: '在我方 FIN 被确认之前收到对方的 FIN，说明双方同时关闭：FIN_WAIT_1 进入 CLOSING（RFC 9293 §3.6，图 13）。',
    };
  }
  return NONE;
}
