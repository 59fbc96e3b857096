// Rows of tcp-rules.md §7 the engine cannot honour yet, each with why and what it would take.
// The coverage test fails if a row is neither tested nor listed here, or listed and tested.
export interface NotYet {
  readonly id: string;
  readonly why: string;
  readonly needs: string;
}

export const NOT_YET: readonly NotYet[] = [
  {
    id: 'T016',
    why: 'security/compartment (RFC 9293 §3.10.7.2 third check) is not modelled',
    needs: 'a security/compartment attribute on endpoints and segments (IP options); no Linux stack uses it',
  },
  {
    id: 'T031',
    why: 'engine bug (rfc9293 profile): a SYN,ACK carrying text and/or FIN moves SYN_SENT to ESTABLISHED, but the text is neither delivered nor ACKed and the FIN is ignored (RCV.NXT = SEG.SEQ+1, state ESTABLISHED instead of CLOSE_WAIT); RFC 9293 §3.10.7.3 continues at the sixth check',
    needs: 'synSentArrives to go on with the text and FIN steps after RCV_SYN_ACK on the rfc9293 profile (Linux drops the text of a non-TFO SYN,ACK, so keep that on the linux profile once confirmed against a kernel capture)',
  },
  {
    id: 'T036',
    why: 'the network carries no ICMP, so there is no hard error to abort on',
    needs: 'ICMP destination-unreachable messages in the network and an endpoint hook that aborts SYN_SENT',
  },
  {
    id: 'T049',
    why: 'security/compartment (RFC 9293 §3.10.7.4 third check) is not modelled',
    needs: 'the same security attribute as T016',
  },
  {
    id: 'T050',
    why: 'engine bug: an in-window SYN (SEG.SEQ != IRS) in a passive SYN_RCVD gets a challenge ACK and the child stays; RFC 9293 §3.10.7.4 (fourth) returns it to LISTEN, and Linux (tcp_check_req, embryonic_reset) sends <SEQ=0><ACK=SEG.SEQ+1><CTL=RST,ACK> and drops the request',
    needs: 'the fourth check in synchronizedArrives to reset a passive SYN_RCVD child to LISTEN (RCV_RST_PASSIVE), sending the RST on the linux profile',
  },
  {
    id: 'T057',
    why: 'engine gap [linux]: the accept queue is checked only when a SYN arrives; an ACK completing a handshake while the accept queue is full still makes the child ESTABLISHED (Linux drops that ACK and keeps the request in SYN_RECV, or sends RST with tcp_abort_on_overflow=1)',
    needs: 'a host hook the SYN_RCVD ACK step asks before RCV_ACK_OF_SYN (the endpoint knows the accept queue), and a tcp_abort_on_overflow setting',
  },
  {
    id: 'T078',
    why: 'the engine has no keep-alive timer (SO_KEEPALIVE)',
    needs: 'settings tcp_keepalive_time/intvl/probes and SO_KEEPALIVE, a keep-alive timer sending <SEQ=SND.NXT-1><ACK=RCV.NXT><CTL=ACK>, and abort after the probes',
  },
  {
    id: 'T152',
    why: 'there is no user timeout (TCP_USER_TIMEOUT / RFC 9293 USER TIMEOUT) setting',
    needs: 'a user_timeout setting and a timer, restarted by every ACK of new data, that aborts with ETIMEDOUT',
  },
];
