// tcp-rules.md §7.5 SYN-RECEIVED. User calls go to the actively opened SYN_RCVD (a simultaneous
// open): a listener's child has no socket of its own before accept().
import * as assert from 'node:assert/strict';
import { type TableRow, IRS, bytes, isAckOf, isAbortRst, isSeg, none, one, reach, settle, text } from './fixtures';

export const SYN_RCVD_ROWS: readonly TableRow[] = [
  {
    id: 'T037',
    title: 'SEND in SYN_RCVD: the data waits; it goes out once the ACK of our SYN arrives',
    run: () => {
      const { h, c } = reach('SYN_RCVD_ACTIVE');
      h.endpoint.send(bytes('queued'));
      none(h);
      h.recv({ flags: ['ACK'], seq: IRS + 1, ack: c.iss + 1 });
      const data = h.sent().find((s) => s.payload.length > 0);
      assert.ok(data, 'the data is sent');
      isSeg(data, 'ACK,PSH', c.iss + 1, IRS + 1);
    },
  },
  {
    id: 'T038',
    title: 'RECEIVE in SYN_RCVD: nothing to read yet; data after the handshake is read',
    run: () => {
      const { h, c } = reach('SYN_RCVD_ACTIVE');
      assert.equal(h.endpoint.recv(10).data.length, 0);
      h.recv({ flags: ['ACK', 'PSH'], seq: IRS + 1, ack: c.iss + 1, data: 'ok' });
      assert.equal(text(h.endpoint.recv(10).data), 'ok');
    },
  },
  {
    id: 'T039',
    title: 'CLOSE in SYN_RCVD with nothing pending: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=FIN,ACK>, FIN_WAIT_1',
    run: () => {
      const { h, c } = reach('SYN_RCVD_ACTIVE');
      h.endpoint.close();
      isSeg(one(h), 'ACK,FIN', c.iss + 1, IRS + 1);
      assert.equal(h.state, 'FIN_WAIT_1');
    },
  },
  {
    id: 'T040',
    title: 'CLOSE in SYN_RCVD with data pending: the FIN follows the queued data, never before it',
    run: () => {
      const { h, c } = reach('SYN_RCVD_ACTIVE');
      h.endpoint.send(bytes('abc'));
      h.endpoint.close();
      h.recv({ flags: ['ACK'], seq: IRS + 1, ack: c.iss + 1 });
      const out = h.sent();
      const fin = out.find((s) => s.flags.has('FIN'));
      const data = out.find((s) => s.payload.length > 0);
      assert.ok(fin && data, 'data and FIN are sent');
      assert.equal(data.seq, c.iss + 1);
      assert.equal(fin.seq, c.iss + 4, 'the FIN comes after the 3 data octets');
      assert.ok(out.indexOf(data) < out.indexOf(fin));
    },
  },
  {
    id: 'T041',
    title: 'ABORT in SYN_RCVD: <SEQ=SND.NXT><CTL=RST>, CLOSED',
    run: () => {
      const { h, c } = reach('SYN_RCVD_ACTIVE');
      h.endpoint.abort();
      isAbortRst(one(h), c.iss + 1);
      assert.equal(h.state, 'CLOSED');
    },
  },
  {
    id: 'T050',
    title: 'in-window SYN (not the first one) in a passive SYN_RCVD: the child returns to LISTEN; [linux] answers <SEQ=0><ACK=SEG.SEQ+1><CTL=RST,ACK>',
    run: () => {
      const rfc = reach('SYN_RCVD', 'rfc9293');
      rfc.h.recv({ flags: ['SYN'], seq: IRS + 10 });
      none(rfc.h);
      assert.equal(rfc.h.state, 'LISTEN');
      const linux = reach('SYN_RCVD');
      linux.h.recv({ flags: ['SYN'], seq: IRS + 10 });
      isSeg(one(linux.h), 'ACK,RST', 0, IRS + 11);
      assert.equal(linux.h.state, 'LISTEN');
    },
  },
  {
    id: 'T042',
    title: 'duplicate SYN (SEG.SEQ=IRS) in SYN_RCVD: rfc9293 ACKs it; [linux] retransmits the SYN,ACK',
    run: () => {
      const rfc = reach('SYN_RCVD', 'rfc9293');
      rfc.h.recv({ flags: ['SYN'], seq: IRS });
      isAckOf(one(rfc.h), rfc.c);
      assert.equal(rfc.h.state, 'SYN_RCVD');
      const linux = reach('SYN_RCVD');
      linux.h.recv({ flags: ['SYN'], seq: IRS });
      isSeg(one(linux.h), 'ACK,SYN', linux.c.iss, IRS + 1);
      assert.equal(linux.h.state, 'SYN_RCVD');
    },
  },
  {
    id: 'T043',
    title: 'RST outside the window in SYN_RCVD: dropped, still SYN_RCVD',
    run: () => {
      const { h } = reach('SYN_RCVD');
      h.recv({ flags: ['RST'], seq: IRS + 1_000_000 });
      none(h);
      assert.equal(h.state, 'SYN_RCVD');
    },
  },
  {
    id: 'T044',
    title: 'RST in window but not at RCV.NXT in SYN_RCVD: challenge ACK, still SYN_RCVD',
    run: () => {
      const { h, c } = reach('SYN_RCVD');
      h.recv({ flags: ['RST'], seq: IRS + 100 });
      isAckOf(one(h), c);
      assert.equal(h.state, 'SYN_RCVD');
    },
  },
  {
    id: 'T045',
    title: 'simultaneous-open SYN,ACK in SYN_RCVD: ESTABLISHED (Fig. 7); rfc9293 sends nothing, [linux] an ACK',
    run: () => {
      for (const profile of ['rfc9293', 'linux'] as const) {
        const { h, c } = reach('SYN_RCVD_ACTIVE', profile);
        h.recv({ flags: ['SYN', 'ACK'], seq: IRS, ack: c.iss + 1 });
        assert.equal(h.state, 'ESTABLISHED', profile);
        const out = h.sent();
        if (profile === 'rfc9293') assert.deepEqual(out, []);
        else isSeg(out[0]!, 'ACK', c.iss + 1, IRS + 1);
      }
    },
  },
  {
    id: 'T046',
    title: 'ACK of our SYN in SYN_RCVD: ESTABLISHED, nothing sent, the send window taken from it',
    run: () => {
      const { h, c } = reach('SYN_RCVD');
      h.recv({ flags: ['ACK'], seq: IRS + 1, ack: c.iss + 1, win: 1234 });
      none(h);
      assert.equal(h.state, 'ESTABLISHED');
      assert.equal(c.sndWnd, 1234);
    },
  },
  {
    id: 'T047',
    title: 'RST at RCV.NXT in a passive SYN_RCVD: the child is deleted, the listener stays, the next SYN is served',
    run: () => {
      const { h } = reach('SYN_RCVD');
      h.recv({ flags: ['RST'], seq: IRS + 1 });
      none(h);
      assert.equal(h.state, 'LISTEN');
      assert.equal(h.endpoint.synQueueLength, 0);
      h.recv({ flags: ['SYN'], seq: 9000 });
      isSeg(one(h), 'ACK,SYN', h.endpoint.primary()!.iss, 9001);
    },
  },
  {
    id: 'T048',
    title: 'RST at RCV.NXT in an active SYN_RCVD: CLOSED, connection refused',
    run: () => {
      const { h } = reach('SYN_RCVD_ACTIVE');
      h.recv({ flags: ['RST'], seq: IRS + 1 });
      assert.equal(h.state, 'CLOSED');
      assert.equal(h.endpoint.error, 'ECONNREFUSED');
    },
  },
  {
    id: 'T051',
    title: 'SYN in an active SYN_RCVD (RFC 5961): challenge ACK, still SYN_RCVD',
    run: () => {
      const { h, c } = reach('SYN_RCVD_ACTIVE');
      h.recv({ flags: ['SYN'], seq: IRS + 10 });
      isAckOf(one(h), c);
      assert.equal(h.state, 'SYN_RCVD');
    },
  },
  {
    id: 'T052',
    title: 'segment without ACK in SYN_RCVD: dropped, no reply, still SYN_RCVD',
    run: () => {
      const { h } = reach('SYN_RCVD');
      h.recv({ flags: ['PSH'], seq: IRS + 1, data: 'x' });
      none(h);
      assert.equal(h.state, 'SYN_RCVD');
    },
  },
  {
    id: 'T053',
    title: 'unacceptable ACK in SYN_RCVD: <SEQ=SEG.ACK><CTL=RST>, still SYN_RCVD',
    run: () => {
      const { h, c } = reach('SYN_RCVD');
      h.recv({ flags: ['ACK'], seq: IRS + 1, ack: c.iss + 50 });
      isSeg(one(h), 'RST', c.iss + 50);
      assert.equal(h.state, 'SYN_RCVD');
    },
  },
  {
    id: 'T054',
    title: 'ACK of our SYN with a FIN in SYN_RCVD: the FIN is ACKed, CLOSE_WAIT',
    run: () => {
      const { h, c } = reach('SYN_RCVD');
      h.recv({ flags: ['FIN', 'ACK'], seq: IRS + 1, ack: c.iss + 1 });
      const acks = settle(h);
      isSeg(acks[0]!, 'ACK', c.iss + 1, IRS + 2);
      assert.equal(h.state, 'CLOSE_WAIT');
    },
  },
  {
    id: 'T055',
    title: 'retransmission timeout in SYN_RCVD: the SYN,ACK goes out again, still SYN_RCVD',
    run: () => {
      const { h, c } = reach('SYN_RCVD');
      const again = settle(h, 1.5);
      assert.equal(again.length, 1);
      isSeg(again[0]!, 'ACK,SYN', c.iss, IRS + 1);
      assert.equal(h.state, 'SYN_RCVD');
    },
  },
  {
    id: 'T056',
    title: 'SYN,ACK retries exhausted: a passive child is deleted (LISTEN stays); an active one is CLOSED',
    run: () => {
      const passive = reach('SYN_RCVD');
      passive.h.runFor(600);
      assert.equal(passive.h.state, 'LISTEN');
      assert.equal(passive.h.endpoint.synQueueLength, 0);
      const active = reach('SYN_RCVD_ACTIVE');
      active.h.runFor(600);
      assert.equal(active.h.state, 'CLOSED');
    },
  },
];
