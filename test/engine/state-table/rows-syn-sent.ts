// tcp-rules.md §7.4 SYN-SENT.
import * as assert from 'node:assert/strict';
import { type TableRow, IRS, bytes, isSeg, none, one, reach, settle, text } from './fixtures';

export const SYN_SENT_ROWS: readonly TableRow[] = [
  {
    id: 'T022',
    title: 'SEND in SYN_SENT: the data waits for ESTABLISHED, then goes out after the handshake',
    run: () => {
      const { h, c } = reach('SYN_SENT');
      assert.ok(h.endpoint.send(bytes('early')).ok);
      none(h);
      h.recv({ flags: ['SYN', 'ACK'], seq: IRS, ack: c.iss + 1 });
      const out = h.sent();
      const data = out.find((s) => s.payload.length > 0);
      assert.ok(data, 'the queued data is sent');
      isSeg(data, 'ACK,PSH', c.iss + 1, IRS + 1);
      assert.equal(text(data.payload), 'early');
    },
  },
  {
    id: 'T023',
    title: 'RECEIVE in SYN_SENT: nothing to read yet; the data that arrives once ESTABLISHED is read',
    run: () => {
      const { h, c } = reach('SYN_SENT');
      assert.equal(h.endpoint.recv(10).data.length, 0);
      h.recv({ flags: ['SYN', 'ACK'], seq: IRS, ack: c.iss + 1 });
      h.recv({ flags: ['ACK', 'PSH'], seq: IRS + 1, ack: c.iss + 1, data: 'late' });
      assert.equal(text(h.endpoint.recv(10).data), 'late');
    },
  },
  {
    id: 'T024',
    title: 'CLOSE in SYN_SENT: CLOSED, no segment, no more SYN retransmissions',
    run: () => {
      const { h } = reach('SYN_SENT');
      h.endpoint.close();
      assert.equal(h.state, 'CLOSED');
      assert.deepEqual(settle(h, 10), []);
    },
  },
  {
    id: 'T025',
    title: 'ABORT in SYN_SENT: CLOSED, no segment',
    run: () => {
      const { h } = reach('SYN_SENT');
      h.endpoint.abort();
      assert.equal(h.state, 'CLOSED');
      assert.deepEqual(settle(h, 10), []);
    },
  },
  {
    id: 'T026',
    title: 'SYN,ACK with SEG.ACK =< ISS or > SND.NXT in SYN_SENT: <SEQ=SEG.ACK><CTL=RST>, still SYN_SENT',
    run: () => {
      const { h, c } = reach('SYN_SENT');
      h.recv({ flags: ['SYN', 'ACK'], seq: IRS, ack: c.iss + 2 });
      isSeg(one(h), 'RST', c.iss + 2);
      h.recv({ flags: ['ACK'], seq: IRS, ack: c.iss });
      isSeg(one(h), 'RST', c.iss);
      assert.equal(h.state, 'SYN_SENT');
    },
  },
  {
    id: 'T027',
    title: 'RST with an unacceptable ACK in SYN_SENT: dropped, still SYN_SENT',
    run: () => {
      const { h, c } = reach('SYN_SENT');
      h.recv({ flags: ['RST', 'ACK'], seq: 0, ack: c.iss + 7 });
      none(h);
      assert.equal(h.state, 'SYN_SENT');
    },
  },
  {
    id: 'T028',
    title: 'RST with an acceptable ACK in SYN_SENT: CLOSED, connection refused (ECONNREFUSED)',
    run: () => {
      const { h, c } = reach('SYN_SENT');
      h.recv({ flags: ['RST', 'ACK'], seq: 0, ack: c.iss + 1 });
      none(h);
      assert.equal(h.state, 'CLOSED');
      assert.equal(h.endpoint.error, 'ECONNREFUSED');
    },
  },
  {
    id: 'T029',
    title: 'RST without ACK in SYN_SENT: dropped, still SYN_SENT',
    run: () => {
      const { h } = reach('SYN_SENT');
      h.recv({ flags: ['RST'], seq: 0 });
      none(h);
      assert.equal(h.state, 'SYN_SENT');
    },
  },
  {
    id: 'T030',
    title: 'acceptable SYN,ACK in SYN_SENT: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>, ESTABLISHED',
    run: () => {
      const { h, c } = reach('SYN_SENT');
      h.recv({ flags: ['SYN', 'ACK'], seq: IRS, ack: c.iss + 1 });
      isSeg(one(h), 'ACK', c.iss + 1, IRS + 1);
      assert.equal(h.state, 'ESTABLISHED');
    },
  },
  {
    id: 'T031',
    title: 'rfc9293: SYN,ACK with text and FIN in SYN_SENT: the text is delivered, the FIN taken, one ACK of both, CLOSE_WAIT; [linux] takes neither (no Fast Open)',
    run: () => {
      const rfc = reach('SYN_SENT', 'rfc9293');
      rfc.h.recv({ flags: ['SYN', 'ACK', 'FIN'], seq: IRS, ack: rfc.c.iss + 1, data: 'hi' });
      isSeg(one(rfc.h), 'ACK', rfc.c.iss + 1, IRS + 1 + 2 + 1);
      assert.equal(rfc.h.state, 'CLOSE_WAIT');
      assert.equal(text(rfc.h.endpoint.recv(10).data), 'hi');
      const linux = reach('SYN_SENT');
      linux.h.recv({ flags: ['SYN', 'ACK', 'FIN'], seq: IRS, ack: linux.c.iss + 1, data: 'hi' });
      isSeg(one(linux.h), 'ACK', linux.c.iss + 1, IRS + 1);
      assert.equal(linux.h.state, 'ESTABLISHED');
    },
  },
  {
    id: 'T032',
    title: 'SYN without ACK in SYN_SENT (simultaneous open): <SEQ=ISS><ACK=SEG.SEQ+1><CTL=SYN,ACK>, SYN_RCVD',
    run: () => {
      const { h, c } = reach('SYN_SENT');
      h.recv({ flags: ['SYN'], seq: IRS });
      isSeg(one(h), 'ACK,SYN', c.iss, IRS + 1);
      assert.equal(h.state, 'SYN_RCVD');
    },
  },
  {
    id: 'T033',
    title: 'neither SYN nor RST in SYN_SENT (an acceptable bare ACK): dropped, still SYN_SENT',
    run: () => {
      const { h, c } = reach('SYN_SENT');
      h.recv({ flags: ['ACK'], seq: IRS, ack: c.iss + 1 });
      h.recv({ flags: ['PSH'], seq: IRS, data: 'x' });
      none(h);
      assert.equal(h.state, 'SYN_SENT');
    },
  },
  {
    id: 'T034',
    title: 'retransmission timeout in SYN_SENT: the SYN goes out again (same SEQ, no data), still SYN_SENT',
    run: () => {
      const { h, c } = reach('SYN_SENT');
      const again = settle(h, 1.5);
      assert.equal(again.length, 1);
      isSeg(again[0]!, 'SYN', c.iss);
      assert.equal(again[0]!.payload.length, 0);
      assert.equal(h.state, 'SYN_SENT');
    },
  },
  {
    id: 'T035',
    title: 'SYN retries exhausted (tcp_syn_retries): CLOSED, ETIMEDOUT',
    run: () => {
      const { h } = reach('SYN_SENT');
      h.runFor(600);
      assert.equal(h.state, 'CLOSED');
      assert.equal(h.endpoint.error, 'ETIMEDOUT');
    },
  },
  {
    id: 'T036',
    title: 'ICMP port unreachable in SYN_SENT: CLOSED, ECONNREFUSED, no more SYNs (both profiles); host unreachable: Linux aborts (EHOSTUNREACH), RFC 9293 keeps retrying',
    run: () => {
      for (const profile of ['linux', 'rfc9293'] as const) {
        const { h, c } = reach('SYN_SENT', profile);
        h.icmp(3, c.iss); // port unreachable: a hard error (SHLD-26); Linux tcp_v4_err aborts SYN_SENT
        none(h);
        assert.equal(h.state, 'CLOSED', profile);
        assert.equal(h.endpoint.error, 'ECONNREFUSED', profile);
        assert.deepEqual(settle(h, 10), [], `${profile}: no SYN retransmission after the abort`);
      }
      const linux = reach('SYN_SENT', 'linux');
      linux.h.icmp(1, linux.c.iss);
      assert.equal(linux.h.state, 'CLOSED');
      assert.equal(linux.h.endpoint.error, 'EHOSTUNREACH');
      const rfc = reach('SYN_SENT', 'rfc9293');
      rfc.h.icmp(1, rfc.c.iss); // a soft error: MUST NOT abort (MUST-56)
      assert.equal(rfc.h.state, 'SYN_SENT');
      rfc.h.runFor(1.5);
      isSeg(one(rfc.h), 'SYN', rfc.c.iss);
    },
  },
];
