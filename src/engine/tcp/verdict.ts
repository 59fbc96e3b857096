// What a receiver decided about an arriving segment (or a timer about a connection), named by the
// tcp-rules.md §4 rule that governs the decision — the "REACT" rules of §1.3. The engine reports
// a verdict only where a learner's expectation can go wrong (drops, resets, challenge ACKs,
// immediate duplicate ACKs, state changes a script may not foresee), never for ordinary in-order
// data, so the bulk-transfer path pays nothing. The runner keeps each endpoint's verdicts and,
// when a line's expectation about that endpoint fails, reports the rule instead of a bare
// "expected X, got Y" (src/runner/reaction.ts).

/** The rules a receiver's (or a timer's) decision can name; a subset of the diagnostics table's TCP ids. */
export type ReactionRule =
  | 'TCP-RST-NO-REPLY'
  | 'TCP-RST-GENERATION'
  | 'TCP-LISTEN-IGNORE'
  | 'TCP-LISTEN-ACK-RST'
  | 'TCP-SYNQ-OVERFLOW'
  | 'TCP-ACCEPTQ-OVERFLOW'
  | 'TCP-SYNCOOKIE-OPTIONS'
  | 'TCP-SYNCOOKIE-VALIDATE'
  | 'TCP-SYN-DATA-NO-TFO'
  | 'TCP-TFO-COOKIE'
  | 'TCP-SYNSENT-BAD-ACK'
  | 'TCP-SYNSENT-RST'
  | 'TCP-SYNSENT-ACK-WITHOUT-SYN'
  | 'TCP-SIMOPEN-SYN'
  | 'TCP-SEQ-UNACCEPTABLE'
  | 'TCP-KEEPALIVE-NO-ACK'
  | 'TCP-PAWS-REJECT'
  | 'TCP-SYNRCVD-DUP-SYN'
  | 'TCP-RST-OUT-OF-WINDOW'
  | 'TCP-RST-CHALLENGE-ACK'
  | 'TCP-RST-EXACT'
  | 'TCP-SYNRCVD-RST'
  | 'TCP-SYN-IN-SYNCHRONIZED'
  | 'TCP-CHALLENGE-ACK-THROTTLE'
  | 'TCP-TIMEWAIT-SYN'
  | 'TCP-ACK-BIT-MISSING'
  | 'TCP-ACK-UNACCEPTABLE'
  | 'TCP-SYNRCVD-BAD-ACK'
  | 'TCP-FASTRETX-TRIGGER'
  | 'TCP-FINWAIT1-FIN'
  | 'TCP-TIMEWAIT-FIN-RETRANS'
  | 'TCP-HALFCLOSE-DATA'
  | 'TCP-OOO-IMMEDIATE-DUPACK'
  | 'TCP-CLOSE-UNREAD-RST'
  | 'TCP-TIMEWAIT-BYPASS'
  | 'TCP-HANDSHAKE-RETRIES'
  | 'TCP-RETRIES-EXHAUSTED'
  | 'TCP-FINWAIT2-TIMEOUT'
  /** Not a tcp-rules.md §4 rule: T036's ICMP Destination Unreachable (icmp-outcome.ts). */
  | 'ICMP-UNREACHABLE';

/**
 * The facts behind a decision, as numbers and protocol words (`RST`, `FIN_WAIT_1`); the runner
 * turns them into the rule's message values in English and Chinese. Facts named in
 * SEQUENCE_FACTS are sequence numbers, which the runner writes with the script's symbols (`x+1`).
 */
export type VerdictFacts = Readonly<Record<string, string | number | boolean>>;

export interface Verdict {
  readonly rule: ReactionRule;
  readonly facts: VerdictFacts;
}

/** Facts that hold sequence numbers. */
export const SEQUENCE_FACTS: ReadonlySet<string> = new Set(['seq', 'ack', 'rcvNxt', 'sndNxt', 'windowEnd', 'expectedAck', 'sndUna', 'iss', 'cookie', 'finSeq']);
