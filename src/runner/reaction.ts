// REACT rules (tcp-rules.md §1.3): when a line's expectation about a stack fails — it expected a
// packet the stack did not send, or another one, or a state or error the stack is not in — and
// the stack's latest decision is one a tcp-rules.md rule governs (a RST dropped out of window, a
// challenge ACK, an ACK to a listener answered with RST …), the diagnostic is that rule, with
// the RFC's reasoning, instead of a bare "expected X, got Y". The engine reports the decisions
// (src/engine/tcp/verdict.ts); this module words them and decides which one a mismatch is about.
import type { Range } from '../language/ast';
import type { Fix, MessageParams } from '../language/diagnostics/diagnostic';
import type { WirePacket } from '../engine/net/network';
import { handshakeSchedule, orphanRetries, type StackSettings } from '../engine/tcp/profile';
import { icmpKindName } from '../language/keywords';
import { SEQUENCE_FACTS, type ReactionRule, type VerdictFacts } from '../engine/tcp/verdict';
import type { RunContext } from './context';
import type { RecordedVerdict, WorldEndpoint } from './world';

/** What the script wrote where the stack did something else (fills the rules' {observed}). */
export interface Observed {
  readonly en: string;
  readonly zh: string;
}

/**
 * Reports the rule behind a failed expectation about `endpoint` (a packet it did not send, a
 * state, error, queue or received data it does not have), if one of its decisions the script
 * has not accounted for yet explains it; false (nothing reported) otherwise.
 */
export function reportReaction(ctx: RunContext, endpoint: string, range: Range, observed: Observed, fix?: Fix): boolean {
  const e = ctx.world.endpoints.get(endpoint);
  const recorded = e ? pendingVerdict(e) : null;
  if (!e || !recorded) return false;
  reportVerdict(ctx, e, recorded, range, observed, fix);
  return true;
}

/** A field of a reply the script got wrong. */
export type ReplyField = 'flags' | 'seq' | 'ack' | 'options';

/**
 * The sequence numbers and options each rule prescribes for its reply (a wrong seq=, ack= or
 * option on that reply is explained by the rule); any rule with a reply prescribes its flags.
 */
const PRESCRIBES: Partial<Record<ReactionRule, readonly ReplyField[]>> = {
  'TCP-RST-GENERATION': ['seq', 'ack'],
  'TCP-LISTEN-ACK-RST': ['seq'],
  'TCP-SYNSENT-BAD-ACK': ['seq'],
  'TCP-SYNRCVD-BAD-ACK': ['seq'],
  'TCP-SIMOPEN-SYN': ['seq', 'ack'],
  'TCP-SYN-DATA-NO-TFO': ['ack'],
  'TCP-TFO-COOKIE': ['ack'],
  'TCP-SEQ-UNACCEPTABLE': ['seq', 'ack'],
  'TCP-KEEPALIVE-NO-ACK': ['seq', 'ack'],
  'TCP-PAWS-REJECT': ['seq', 'ack'],
  'TCP-RST-CHALLENGE-ACK': ['seq', 'ack'],
  'TCP-SYN-IN-SYNCHRONIZED': ['seq', 'ack'],
  'TCP-TIMEWAIT-FIN-RETRANS': ['seq', 'ack'],
  'TCP-ACK-UNACCEPTABLE': ['seq', 'ack'],
  'TCP-OOO-IMMEDIATE-DUPACK': ['ack'],
  'TCP-FASTRETX-TRIGGER': ['seq'],
  'TCP-SYNCOOKIE-OPTIONS': ['options'],
  'TCP-ACCEPTQ-OVERFLOW': ['seq'],
};

/**
 * Decisions whose effect is a state, an error, a queue or undelivered data rather than (only) a
 * reply: a later packet line does not account for them, only a matching `expect` does.
 */
const LASTING: ReadonlySet<ReactionRule> = new Set<ReactionRule>([
  'TCP-TIMEWAIT-BYPASS',
  'TCP-FINWAIT2-TIMEOUT',
  'TCP-HANDSHAKE-RETRIES',
  'TCP-RETRIES-EXHAUSTED',
  'TCP-SYNSENT-RST',
  'TCP-RST-EXACT',
  'TCP-SYNRCVD-RST',
  'TCP-SYNCOOKIE-VALIDATE',
  'TCP-FINWAIT1-FIN',
  'TCP-TIMEWAIT-SYN',
  'TCP-SYNQ-OVERFLOW',
  'TCP-ACCEPTQ-OVERFLOW',
  'TCP-SYN-DATA-NO-TFO',
  'TCP-TFO-COOKIE',
  'TCP-CLOSE-UNREAD-RST',
  'TCP-HALFCLOSE-DATA',
  'ICMP-UNREACHABLE',
]);

/** Reports the decision whose reply is `packet` (the script expected another packet, or none, there), if there is one; false otherwise. */
export function reportReply(ctx: RunContext, packet: WirePacket, range: Range, observed: Observed, fix?: Fix, field: ReplyField = 'flags'): boolean {
  const e = ctx.world.endpoints.get(packet.src);
  const recorded = e ? replyVerdict(e, packet, field) : null;
  if (!e || !recorded) return false;
  reportVerdict(ctx, e, recorded, range, observed, fix);
  return true;
}

/**
 * A line about `endpoint` held: an `expect` accounts for every decision so far; a packet line
 * (`packet`) for the decisions made before that packet left, except the lasting ones.
 */
export function settleVerdicts(ctx: RunContext, endpoint: string, packet?: WirePacket): void {
  const e = ctx.world.endpoints.get(endpoint);
  if (!e) return;
  for (const v of e.verdicts) {
    if (!packet) v.settled = true;
    else if (v.wireIndex <= packet.id && !LASTING.has(v.verdict.rule)) v.settled = true;
  }
}

/** The newest decision not accounted for, unless the endpoint's state has changed since (later than the decision's own effects). */
function pendingVerdict(e: WorldEndpoint): RecordedVerdict | null {
  for (let i = e.verdicts.length - 1; i >= 0; i--) {
    const v = e.verdicts[i]!;
    if (v.settled) continue;
    return e.lastStateChange > v.time ? null : v;
  }
  return null;
}

/** The decision that `packet` answers: made at the instant it left, before it went on the wire. */
function replyVerdict(e: WorldEndpoint, packet: WirePacket, field: ReplyField): RecordedVerdict | null {
  for (let i = e.verdicts.length - 1; i >= 0; i--) {
    const v = e.verdicts[i]!;
    if (v.wireIndex > packet.id) continue;
    if (v.time !== packet.sentAt) return null;
    if (v.settled || (field !== 'flags' && !PRESCRIBES[v.verdict.rule]?.includes(field))) continue;
    return v;
  }
  return null;
}

function reportVerdict(ctx: RunContext, e: WorldEndpoint, recorded: RecordedVerdict, range: Range, observed: Observed, fix?: Fix): void {
  recorded.settled = true;
  const { rule, facts } = recorded.verdict;
  const sym = (key: string): string => {
    const v = facts[key];
    return typeof v === 'number' && SEQUENCE_FACTS.has(key) ? ctx.symbols.symbolize(v) : String(v);
  };
  ctx.report(rule, range, messageParams(rule, facts, sym, observed, e.settings), fix);
}

/** The rule's message values from the decision's facts (tcp-rules.md §4's wording). */
function messageParams(rule: ReactionRule, facts: VerdictFacts, sym: (key: string) => string, observed: Observed, settings: StackSettings): MessageParams {
  const seen = { observed: observed.en, observedZh: observed.zh };
  switch (rule) {
    case 'TCP-RST-GENERATION':
      return facts['withAck']
        ? {
            form: `<SEQ=0><ACK=${sym('ack')}><CTL=RST,ACK>`,
            case: facts['syn'] ? 'a SYN to a port nobody listens on: connection refused' : 'a segment without ACK to a port with no connection',
            caseZh: facts['syn'] ? '发往无人监听端口的 SYN：连接被拒绝' : '发往没有连接的端口、不带 ACK 的报文段',
            ...seen,
          }
        : {
            form: `<SEQ=${sym('seq')}><CTL=RST>`,
            case: 'a segment with ACK to a port with no connection: the RST takes its sequence number from SEG.ACK',
            caseZh: '发往没有连接的端口、带 ACK 的报文段：RST 的序列号取自 SEG.ACK',
            ...seen,
          };
    case 'TCP-LISTEN-IGNORE':
      return { segment: `a ${sym('segment')} segment`, segmentZh: ` ${sym('segment')} 报文段` };
    case 'TCP-LISTEN-ACK-RST':
      return { ack: sym('ack') };
    case 'TCP-SYNCOOKIE-VALIDATE': {
      const valid = facts['valid'] === true;
      const full = facts['acceptQueueFull'] === true;
      return {
        ack: sym('ack'),
        cookie: sym('cookie'),
        verdict: valid ? 'matches' : 'does not match',
        verdictZh: valid ? '相符' : '不符',
        outcome: !valid ? 'the listener answers <SEQ=SEG.ACK><CTL=RST>' : full ? 'but the accept queue is full, so the ACK is dropped' : 'the connection is created straight into the accept queue',
        outcomeZh: !valid ? '监听套接字回复 <SEQ=SEG.ACK><CTL=RST>' : full ? '但全连接队列已满，这个 ACK 被丢弃' : '连接直接建立并进入全连接（accept）队列',
      };
    }
    case 'TCP-TFO-COOKIE':
      return facts['presented'] === ''
        ? { cookie: 'missing (the SYN only asks for one)', cookieZh: '缺失（这个 SYN 只是在请求 cookie）' }
        : { cookie: `${sym('presented')}, not the one this server gave`, cookieZh: `${sym('presented')}，不是这个服务器发出的那个` };
    case 'TCP-SYNQ-OVERFLOW':
      return {
        n: sym('n'),
        limit: sym('limit'),
        outcome: facts['cookie'] ? 'tcp_syncookies answers with a SYN cookie instead of queueing the SYN' : 'the SYN is dropped without a reply and the client retransmits it',
        outcomeZh: facts['cookie'] ? 'tcp_syncookies 改为用 SYN cookie 回复，不再把 SYN 放入队列' : 'SYN 被丢弃且不回复，客户端会重传它',
      };
    case 'TCP-ACCEPTQ-OVERFLOW':
      return { n: sym('n'), backlog: sym('backlog'), ...acceptQueueOutcome(facts) };
    case 'TCP-SYNSENT-BAD-ACK':
      return { ack: sym('ack'), range: `(${sym('iss')}, ${sym('sndNxt')}]` };
    case 'TCP-SYNSENT-RST':
      return facts['accepted']
        ? { expectedAck: sym('expectedAck'), outcome: 'accepted: connect() fails with ECONNREFUSED and the socket is CLOSED', outcomeZh: '被接受：connect() 以 ECONNREFUSED 失败，套接字进入 CLOSED' }
        : { expectedAck: sym('expectedAck'), outcome: 'dropped: the connection stays in SYN-SENT', outcomeZh: '被丢弃：连接仍处于 SYN-SENT' };
    case 'TCP-SYNRCVD-DUP-SYN':
    case 'TCP-SYN-IN-SYNCHRONIZED':
      return { sndNxt: sym('sndNxt'), rcvNxt: sym('rcvNxt'), ...seen };
    case 'TCP-CHALLENGE-ACK-THROTTLE':
      return { n: sym('n'), window: `${sym('sinceMs')} ms`, ratelimit: 500 };
    case 'TCP-TIMEWAIT-SYN':
      return facts['taken']
        ? {
            detail: `here seq ${sym('seq')} is above RCV.NXT ${sym('rcvNxt')}${facts['newerTimestamp'] ? ' or the timestamp is newer' : ''}, so a listener takes it`,
            detailZh: `这里 seq ${sym('seq')} 大于 RCV.NXT ${sym('rcvNxt')}${facts['newerTimestamp'] ? '或时间戳更新' : ''}，所以由监听套接字接手`,
          }
        : {
            detail: `here seq ${sym('seq')} is not above RCV.NXT ${sym('rcvNxt')} and no newer timestamp, or nobody listens`,
            detailZh: `这里 seq ${sym('seq')} 不大于 RCV.NXT ${sym('rcvNxt')}，时间戳也没有更新，或者没有监听套接字`,
          };
    case 'TCP-ACK-UNACCEPTABLE':
      return {
        ack: sym('ack'),
        reason: `acknowledges data that was never sent (SND.NXT is ${sym('sndNxt')})`,
        reasonZh: `确认了从未发送的数据（SND.NXT 为 ${sym('sndNxt')}）`,
      };
    case 'TCP-FASTRETX-TRIGGER': {
      const fired = Number(facts['n']) >= 3;
      return {
        n: sym('n'),
        outcome: fired ? 'make the sender retransmit the first unacknowledged segment at once' : 'do not trigger a retransmission yet',
        outcomeZh: fired ? '，发送方会立即重传第一个未确认的报文段' : '，还不会触发重传',
      };
    }
    case 'TCP-FINWAIT1-FIN': {
      const withAck = facts['ackOfFin'] === true;
      return {
        segment: withAck ? 'a FIN that also acknowledges our FIN' : 'a FIN that does not yet acknowledge our FIN',
        segmentZh: withAck ? '同时确认了我方 FIN 的 FIN ' : '尚未确认我方 FIN 的 FIN ',
        expected: sym('next'),
        state: observed.en,
      };
    }
    case 'TCP-TIMEWAIT-BYPASS':
      return facts['mechanism'] === 'tcp_tw_reuse'
        ? {
            mechanism: 'tcp_tw_reuse',
            mechanismZh: 'tcp_tw_reuse',
            condition: `connect() took over a TIME_WAIT socket more than 1 s old, with timestamps on (tcp_tw_reuse = ${sym('mode')})`,
            conditionZh: `connect() 接管了一个超过 1 秒、启用了时间戳的 TIME_WAIT 套接字（tcp_tw_reuse = ${sym('mode')}）`,
          }
        : {
            mechanism: 'tcp_max_tw_buckets',
            mechanismZh: 'tcp_max_tw_buckets',
            condition: `the TIME_WAIT table already holds ${sym('buckets')} sockets, so this one is destroyed at once`,
            conditionZh: `TIME_WAIT 表已有 ${sym('buckets')} 个套接字，这个套接字被立即销毁`,
          };
    case 'TCP-HANDSHAKE-RETRIES': {
      const synAck = facts['state'] === 'SYN_RCVD';
      const schedule = handshakeSchedule(settings, synAck);
      const s = (us: number): string => `${+(us / 1e6).toFixed(3)}`;
      return {
        segment: synAck ? 'SYN,ACK' : 'SYN',
        observed: observed.en,
        profile: settings.profile,
        n: schedule.retransmits.length,
        schedule: `${schedule.retransmits.map(s).join(', ')} s`,
        t: s(schedule.giveUp),
      };
    }
    case 'TCP-RETRIES-EXHAUSTED': {
      const orphaned = facts['orphaned'] === true;
      if (typeof facts['userTimeout'] === 'number') {
        return {
          outcome: `reaches its user timeout of ${sym('userTimeout')} s (ETIMEDOUT) after`,
          outcomeZh: `达到 ${sym('userTimeout')} 秒的用户超时（ETIMEDOUT），此前已重传`,
          k: sym('k'),
          r2: `${sym('userTimeout')} s`,
          tunable: 'user_timeout (TCP_USER_TIMEOUT)',
        };
      }
      return {
        outcome: 'times out (ETIMEDOUT) after',
        outcomeZh: '超时（ETIMEDOUT）',
        k: sym('k'),
        r2: orphaned ? orphanRetries(settings) : 15,
        tunable: orphaned ? 'tcp_orphan_retries (0 means 8)' : 'tcp_retries2',
      };
    }
    case 'ICMP-UNREACHABLE':
      return { kind: icmpKindName(Number(facts['code']), facts['type'] === 1 ? 1 : 3), type: sym('type'), code: sym('code'), state: sym('state'), profile: sym('profile'), ...icmpOutcomeWords(facts, sym), ...seen };
    default:
      return Object.fromEntries(Object.keys(facts).map((k) => [k, sym(k)]));
  }
}

/** What the receiver of an ICMP Destination Unreachable did (engine/tcp/icmp-outcome.ts). */
function icmpOutcomeWords(facts: VerdictFacts, sym: (key: string) => string): { outcome: string; outcomeZh: string } {
  const errno = sym('errno');
  switch (facts['outcome']) {
    case 'abort':
      return { outcome: `aborts the connection: the socket reports ${errno} and the state becomes CLOSED`, outcomeZh: `中止连接：套接字报告 ${errno}，状态变为 CLOSED` };
    case 'soft': {
      // RFC 6069 (Linux tcp_ld_RTO_revert, engine/tcp/rto-revert.ts)
      const revert = facts['reverted'] === true
        ? { en: ' (it quotes SND.UNA during backoff, so one RTO backoff step is undone: RFC 6069)', zh: '（它引用的是退避期间的 SND.UNA，因此撤销一步 RTO 退避：RFC 6069）' }
        : { en: '', zh: '' };
      return { outcome: `keeps the connection and retransmits${revert.en}; ${errno} is kept as a soft error and reported only if the connection times out`, outcomeZh: `保留连接并继续重传${revert.zh}；${errno} 被记为软错误，只有连接超时才会报告` };
    }
    case 'drop-request':
      return { outcome: 'silently drops the half-open connection; the listener stays in LISTEN', outcomeZh: '静默丢弃这个半连接；监听套接字仍处于 LISTEN' };
    case 'out-of-window':
      return { outcome: `ignores it: the quoted seq ${sym('seq')} is not between SND.UNA ${sym('sndUna')} and SND.NXT ${sym('sndNxt')}`, outcomeZh: `忽略它：引用的 seq ${sym('seq')} 不在 SND.UNA ${sym('sndUna')} 与 SND.NXT ${sym('sndNxt')} 之间` };
    case 'frag-needed':
      return { outcome: 'takes it as path-MTU discovery, which tcpflow does not model: nothing changes', outcomeZh: '把它当作路径 MTU 发现的信号（tcpflow 未模拟）：什么都不变' };
    default:
      return { outcome: 'ignores it', outcomeZh: '忽略它' };
  }
}

/** What a full accept queue did with the segment (tcp-rules.md rule 53; Linux tcp_check_req). */
function acceptQueueOutcome(facts: VerdictFacts): { outcome: string; outcomeZh: string } {
  if (facts['segment'] !== 'ACK') {
    return { outcome: 'the new SYN is dropped without a reply; the client retransmits it', outcomeZh: '新的 SYN 被丢弃且不回复，客户端会重传它' };
  }
  return facts['abort'] === true
    ? {
        outcome: 'with tcp_abort_on_overflow=1 the final ACK is answered with <SEQ=SEG.ACK><CTL=RST> and the half-open connection is dropped',
        outcomeZh: '由于 tcp_abort_on_overflow=1，握手的最后一个 ACK 得到 <SEQ=SEG.ACK><CTL=RST> 应答，半连接被丢弃',
      }
    : {
        outcome: 'with tcp_abort_on_overflow=0 the final ACK is dropped; the server stays SYN_RECV and retransmits its SYN,ACK while the client believes it is ESTABLISHED',
        outcomeZh: '由于 tcp_abort_on_overflow=0，握手的最后一个 ACK 被丢弃；服务器停留在 SYN_RECV 并重传 SYN,ACK，而客户端以为自己已处于 ESTABLISHED',
      };
}
