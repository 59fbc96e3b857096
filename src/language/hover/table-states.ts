// Hover texts for the TCP states (RFC 9293 names, written with underscores in scripts).
import { rfc9293, type HoverEntry } from './entry';

export const STATE_HOVERS: Readonly<Record<string, HoverEntry>> = {
  CLOSED: {
    en: 'CLOSED: no connection at all (no TCB). Where every connection starts and ends.',
    zh: 'CLOSED：没有连接（没有 TCB）。每个连接都从这里开始、在这里结束。',
    ...rfc9293('3.3.2'),
  },
  LISTEN: {
    en: 'LISTEN: a passive open — waiting for a SYN from any remote TCP (after listen()).',
    zh: 'LISTEN：被动打开——等待任意远端发来的 SYN（调用 listen() 之后）。',
    ...rfc9293('3.3.2'),
  },
  SYN_SENT: {
    en: 'SYN_SENT (SYN-SENT): sent a SYN after connect(), waiting for the peer\'s SYN,ACK. A lost SYN is retransmitted with exponential backoff.',
    zh: 'SYN_SENT（SYN-SENT）：connect() 后已发送 SYN，等待对端的 SYN,ACK。SYN 丢失时按指数退避重传。',
    ...rfc9293('3.3.2'),
  },
  SYN_RCVD: {
    en: 'SYN_RCVD (SYN-RECEIVED): received a SYN and answered SYN,ACK; waiting for the ACK that completes the handshake. Such half-open entries sit in the SYN queue.',
    zh: 'SYN_RCVD（SYN-RECEIVED）：收到 SYN 并回复了 SYN,ACK，等待完成握手的 ACK。这类半连接放在 SYN 队列里。',
    ...rfc9293('3.3.2'),
  },
  ESTABLISHED: {
    en: 'ESTABLISHED: the connection is open; data flows both ways. Both ends get here once each has seen the other\'s SYN acknowledged.',
    zh: 'ESTABLISHED：连接已打开，数据双向流动。双方各自的 SYN 都被确认后进入此状态。',
    ...rfc9293('3.3.2'),
  },
  FIN_WAIT_1: {
    en: 'FIN_WAIT_1 (FIN-WAIT-1): this end closed first (the active closer) and sent its FIN; waiting for the FIN to be acknowledged.',
    zh: 'FIN_WAIT_1（FIN-WAIT-1）：本端先关闭（主动关闭方）并发送了 FIN，等待该 FIN 被确认。',
    ...rfc9293('3.3.2'),
  },
  FIN_WAIT_2: {
    en: 'FIN_WAIT_2 (FIN-WAIT-2): our FIN was acknowledged; waiting for the peer\'s FIN. The peer may still send data (half-close).',
    zh: 'FIN_WAIT_2（FIN-WAIT-2）：我方 FIN 已被确认，等待对端的 FIN。对端仍可继续发送数据（半关闭）。',
    ...rfc9293('3.3.2'),
    misconception: {
      en: 'tcp_fin_timeout limits only orphaned FIN_WAIT_2 sockets (the application already closed); it does not set TIME_WAIT.',
      zh: 'tcp_fin_timeout 只限制孤儿（应用已关闭的）FIN_WAIT_2 套接字；它并不设定 TIME_WAIT 的时长。',
    },
  },
  CLOSE_WAIT: {
    en: 'CLOSE_WAIT (CLOSE-WAIT): the peer\'s FIN arrived (this is the passive closer); waiting for our application to close(). Sockets stuck here mean the application never closes.',
    zh: 'CLOSE_WAIT（CLOSE-WAIT）：收到了对端的 FIN（本端是被动关闭方），等待本端应用调用 close()。长期停在这里说明应用没有关闭套接字。',
    ...rfc9293('3.3.2'),
  },
  CLOSING: {
    en: 'CLOSING: both ends sent FIN at the same time (simultaneous close); waiting for the ACK of our FIN. Then TIME_WAIT, on both ends.',
    zh: 'CLOSING：双方同时发送了 FIN（同时关闭），等待对我方 FIN 的确认；之后双方都进入 TIME_WAIT。',
    ...rfc9293('3.3.2'),
  },
  LAST_ACK: {
    en: 'LAST_ACK (LAST-ACK): the passive closer has sent its own FIN after CLOSE_WAIT; waiting for the ACK of it, then straight to CLOSED — no TIME_WAIT on this side.',
    zh: 'LAST_ACK（LAST-ACK）：被动关闭方在 CLOSE_WAIT 之后发出了自己的 FIN，等待对它的确认，随后直接进入 CLOSED——这一方没有 TIME_WAIT。',
    ...rfc9293('3.6'),
    misconception: {
      en: 'After sending its FIN the passive closer is in LAST_ACK, not CLOSE_WAIT.',
      zh: '被动关闭方发出自己的 FIN 之后处于 LAST_ACK，而不是 CLOSE_WAIT。',
    },
  },
  TIME_WAIT: {
    en: 'TIME_WAIT (TIME-WAIT): only the active closer (the end that sent the first FIN) enters it, after ACKing the peer\'s FIN. It lingers 2·MSL so that a lost final ACK can be sent again when the FIN is retransmitted, and so old duplicates of this connection die out. RFC: MSL = 2 min (4 min); Linux: fixed 60 s.',
    zh: 'TIME_WAIT（TIME-WAIT）：只有主动关闭方（先发 FIN 的一端）在确认对端 FIN 之后进入。它停留 2·MSL：对端重传 FIN 时可以再次发送丢失的最后一个 ACK，并让本连接的旧重复报文在网络中消亡。RFC：MSL = 2 分钟（共 4 分钟）；Linux：固定 60 秒。',
    ...rfc9293('3.6.1'),
    misconception: {
      en: 'tcp_fin_timeout does not change TIME_WAIT; Linux fixes it at 60 s (TCP_TIMEWAIT_LEN).',
      zh: 'tcp_fin_timeout 不改变 TIME_WAIT；Linux 把它固定为 60 秒（TCP_TIMEWAIT_LEN）。',
    },
  },
};

/** RFC spellings and other aliases accepted in `expect NAME STATE`. */
export function canonicalStateName(word: string): string {
  const w = word.toUpperCase().replace(/-/g, '_');
  if (w === 'SYN_RECEIVED' || w === 'SYN_RECV') return 'SYN_RCVD';
  return w;
}
