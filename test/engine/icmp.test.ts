// ICMP Destination Unreachable at a TCP endpoint, on both profiles (tcp-rules.md T036; the
// sources are in src/engine/tcp/icmp.ts): what aborts, what is only kept as a soft error and
// reported when the connection times out, and what is ignored.
import * as assert from 'node:assert/strict';
import { IRS, none, one, reach, settle } from './state-table/fixtures';

describe('ICMP Destination Unreachable (engine)', () => {
  describe('linux profile (tcp_v4_err, Linux 6.18)', () => {
    it('aborts SYN_SENT on any unreachable code, with icmp_err_convert\'s errno', () => {
      const cases: [number, string][] = [[0, 'ENETUNREACH'], [1, 'EHOSTUNREACH'], [2, 'ENOPROTOOPT'], [3, 'ECONNREFUSED'], [13, 'EHOSTUNREACH']];
      for (const [code, errno] of cases) {
        const { h, c } = reach('SYN_SENT');
        h.icmp(code, c.iss);
        assert.equal(h.state, 'CLOSED', `code ${code}`);
        assert.equal(h.endpoint.error, errno, `code ${code}`);
        none(h);
      }
    });

    it('ignores an ICMP whose quoted seq is outside [SND.UNA, SND.NXT] (OutOfWindowIcmps, RFC 5927)', () => {
      const { h, c } = reach('SYN_SENT');
      h.icmp(3, c.iss + 100);
      h.icmp(3, c.iss - 1);
      assert.equal(h.state, 'SYN_SENT');
      assert.equal(h.endpoint.error, null);
    });

    it('ignores frag-needed (PMTU discovery, not an error) and codes above 15', () => {
      const { h, c } = reach('SYN_SENT');
      h.icmp(4, c.iss);
      h.icmp(16, c.iss);
      assert.equal(h.state, 'SYN_SENT');
    });

    it('keeps a soft error in ESTABLISHED, goes on retransmitting, and reports it when the retransmissions time out', () => {
      const { h, c } = reach('ESTABLISHED');
      h.settings.user_timeout = 3_000_000;
      assert.ok(h.endpoint.send(new Uint8Array(100)).ok);
      one(h);
      h.icmp(3, c.sndUna);
      assert.equal(h.state, 'ESTABLISHED', 'no abort in a synchronized state');
      assert.equal(h.endpoint.error, null, 'only sk_err_soft: nothing to report yet');
      assert.ok(settle(h, 2).length >= 2, 'retransmissions go on');
      settle(h, 2);
      assert.equal(h.state, 'CLOSED');
      assert.equal(h.endpoint.error, 'ECONNREFUSED', 'tcp_write_err: sk_err_soft instead of ETIMEDOUT');
    });

    it('a later timeout without an ICMP still reports ETIMEDOUT', () => {
      const { h } = reach('ESTABLISHED');
      h.settings.user_timeout = 1_000_000;
      h.endpoint.send(new Uint8Array(10));
      settle(h, 3);
      assert.equal(h.endpoint.error, 'ETIMEDOUT');
    });

    it('drops a half-open child (SYN_RCVD) on host unreachable quoting its ISN, and leaves the listener (tcp_req_err)', () => {
      const { h, c } = reach('SYN_RCVD');
      h.icmp(3, c.iss);
      assert.equal(h.state, 'SYN_RCVD', 'port unreachable does not drop a request socket');
      h.icmp(1, c.iss + 1);
      assert.equal(h.state, 'SYN_RCVD', 'quoted seq must be the ISN');
      h.icmp(1, c.iss);
      assert.equal(h.state, 'LISTEN');
      assert.equal(h.endpoint.synQueueLength, 0);
    });

    it('ignores ICMP in TIME_WAIT', () => {
      const { h, c } = reach('TIME_WAIT');
      h.icmp(3, c.sndNxt);
      assert.equal(h.state, 'TIME_WAIT');
    });
  });

  describe('rfc9293 profile (RFC 9293 §3.9.2.2)', () => {
    it('a soft error (net, host, source route) in SYN_SENT: no abort (MUST-56), the SYN is retried, and the error is reported when the retries run out', () => {
      const { h, c } = reach('SYN_SENT', 'rfc9293');
      h.icmp(1, c.iss);
      assert.equal(h.state, 'SYN_SENT');
      assert.ok(settle(h, 5).length >= 1, 'the SYN is retransmitted');
      settle(h, 600);
      assert.equal(h.state, 'CLOSED');
      assert.equal(h.endpoint.error, 'EHOSTUNREACH', 'the soft error, not ETIMEDOUT (SHLD-25; RFC 1122 §4.2.3.9 DISCUSSION)');
    });

    it('a hard error (protocol, port) aborts in a synchronized state too (SHLD-26)', () => {
      const { h, c } = reach('ESTABLISHED', 'rfc9293');
      h.endpoint.send(new Uint8Array(10));
      h.sent();
      h.icmp(2, c.sndUna);
      assert.equal(h.state, 'CLOSED');
      assert.equal(h.endpoint.error, 'ENOPROTOOPT');
    });

    it('a soft error in ESTABLISHED keeps the connection, and data still flows', () => {
      const { h, c } = reach('ESTABLISHED', 'rfc9293');
      h.icmp(0, c.sndUna);
      assert.equal(h.state, 'ESTABLISHED');
      h.recv({ flags: ['ACK', 'PSH'], seq: IRS + 1, ack: c.sndNxt, data: 'hi' });
      assert.equal(new TextDecoder().decode(h.endpoint.recv(10).data), 'hi');
    });

    it('admin-prohibited (13), which RFC 9293 does not classify, is soft', () => {
      const { h, c } = reach('SYN_SENT', 'rfc9293');
      h.icmp(13, c.iss);
      assert.equal(h.state, 'SYN_SENT');
    });
  });
});
