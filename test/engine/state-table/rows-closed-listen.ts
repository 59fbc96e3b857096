// tcp-rules.md §7.2 CLOSED (no TCB) and §7.3 LISTEN.
import * as assert from 'node:assert/strict';
import { Harness, REMOTE } from '../harness';
import { type TableRow, IRS, fromPort, isSeg, listener, none, one, reach, settle } from './fixtures';

export const CLOSED_ROWS: readonly TableRow[] = [
  {
    id: 'T001',
    title: 'passive OPEN (listen) in CLOSED: LISTEN, nothing sent',
    run: () => {
      const h = new Harness();
      assert.ok(h.endpoint.listen(5).ok);
      assert.equal(h.state, 'LISTEN');
      none(h);
    },
  },
  {
    id: 'T002',
    title: 'active OPEN (connect) in CLOSED: <SEQ=ISS><CTL=SYN>, SYN_SENT, and the RTO timer retransmits it',
    run: () => {
      const h = new Harness();
      assert.ok(h.endpoint.connect(REMOTE).ok);
      const syn = one(h);
      isSeg(syn, 'SYN', h.endpoint.primary()!.iss);
      assert.equal(h.state, 'SYN_SENT');
      const again = settle(h, 1.5);
      assert.ok(again.some((s) => s.flags.has('SYN') && s.seq === syn.seq), 'the SYN is retransmitted');
    },
  },
  {
    id: 'T003',
    title: 'active OPEN without resources: connect() to a 4-tuple still in TIME_WAIT fails with EADDRNOTAVAIL and sends no SYN',
    run: () => {
      const { h } = reach('TIME_WAIT');
      const r = h.endpoint.connect(REMOTE);
      assert.deepEqual(r, { ok: false, errno: 'EADDRNOTAVAIL' });
      none(h);
    },
  },
  {
    id: 'T004',
    title: 'SEND/RECEIVE with no connection: ENOTCONN (CLOSE and ABORT of a bare socket are silent), nothing sent, CLOSED',
    run: () => {
      const h = new Harness();
      assert.deepEqual(h.endpoint.send(new Uint8Array(1)), { ok: false, errno: 'ENOTCONN' });
      assert.deepEqual(h.endpoint.recv(10).result, { ok: false, errno: 'ENOTCONN' });
      h.endpoint.close();
      h.endpoint.abort();
      none(h);
      assert.equal(h.state, 'CLOSED');
    },
  },
  {
    id: 'T005',
    title: 'RST to a closed port: discarded, no reply',
    run: () => {
      const h = new Harness();
      h.recv({ flags: ['RST'], seq: 100 });
      h.recv({ flags: ['RST', 'ACK'], seq: 100, ack: 7 });
      none(h);
    },
  },
  {
    id: 'T006',
    title: 'SYN (ACK=0) to a closed port: <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>',
    run: () => {
      const h = new Harness();
      h.recv({ flags: ['SYN'], seq: 100 });
      isSeg(one(h), 'ACK,RST', 0, 101);
      h.recv({ flags: ['FIN'], seq: 200, data: 'abc' });
      isSeg(one(h), 'ACK,RST', 0, 204);
      assert.equal(h.state, 'CLOSED');
    },
  },
  {
    id: 'T007',
    title: 'ACK to a closed port: <SEQ=SEG.ACK><CTL=RST>',
    run: () => {
      const h = new Harness();
      h.recv({ flags: ['ACK'], seq: 100, ack: 777 });
      isSeg(one(h), 'RST', 777);
      assert.equal(h.state, 'CLOSED');
    },
  },
];

export const LISTEN_ROWS: readonly TableRow[] = [
  {
    id: 'T008',
    title: 'active OPEN on a listener [linux: sockets cannot turn a listener active]: connect() fails with EINVAL, no SYN, still LISTEN',
    run: () => {
      const h = listener();
      assert.deepEqual(h.endpoint.connect(REMOTE), { ok: false, errno: 'EINVAL' });
      none(h);
      assert.equal(h.state, 'LISTEN');
    },
  },
  {
    id: 'T009',
    title: 'SEND on a listener (no remote socket): an error, nothing sent, still LISTEN',
    run: () => {
      const h = listener();
      assert.equal(h.endpoint.send(new Uint8Array(3)).ok, false);
      none(h);
      assert.equal(h.state, 'LISTEN');
    },
  },
  {
    id: 'T010',
    title: 'RECEIVE in LISTEN (sockets: a blocking accept()) waits; the connection and its data are there once ESTABLISHED',
    run: () => {
      const h = listener();
      assert.ok(h.endpoint.accept().ok);
      h.recv({ flags: ['SYN'], seq: IRS });
      const iss = one(h).seq;
      h.recv({ flags: ['ACK', 'PSH'], seq: IRS + 1, ack: iss + 1, data: 'hi' });
      assert.equal(h.state, 'ESTABLISHED');
      assert.equal(new TextDecoder().decode(h.endpoint.recv(10).data), 'hi');
    },
  },
  {
    id: 'T011',
    title: 'CLOSE of a listener: CLOSED, nothing sent',
    run: () => {
      const h = listener();
      h.endpoint.close();
      assert.equal(h.state, 'CLOSED');
      none(h);
    },
  },
  {
    id: 'T012',
    title: 'ABORT of a listener: CLOSED, no segment',
    run: () => {
      const h = listener();
      h.endpoint.abort();
      assert.equal(h.state, 'CLOSED');
      none(h);
    },
  },
  {
    id: 'T013',
    title: 'RST to a listener: ignored, still LISTEN',
    run: () => {
      const h = listener();
      h.recv({ flags: ['RST'], seq: 1 });
      none(h);
      assert.equal(h.state, 'LISTEN');
    },
  },
  {
    id: 'T014',
    title: 'ACK to a listener (no cookie sent): <SEQ=SEG.ACK><CTL=RST>, still LISTEN',
    run: () => {
      const h = listener();
      h.recv({ flags: ['ACK'], seq: 1, ack: 4242 });
      isSeg(one(h), 'RST', 4242);
      assert.equal(h.state, 'LISTEN');
    },
  },
  {
    id: 'T015',
    title: '[linux] the ACK returning a valid SYN cookie (tcp_syncookies=2) creates an ESTABLISHED child',
    run: () => {
      const h = new Harness();
      h.settings.tcp_syncookies = 2;
      h.endpoint.listen(5);
      h.recv({ flags: ['SYN'], seq: IRS, options: [{ kind: 'mss', value: 1460 }] });
      const synAck = one(h);
      isSeg(synAck, 'ACK,SYN', synAck.seq, IRS + 1);
      assert.equal(h.endpoint.synQueueLength, 0, 'a cookie keeps no state');
      h.recv({ flags: ['ACK'], seq: IRS + 1, ack: synAck.seq + 1 });
      none(h);
      assert.equal(h.state, 'ESTABLISHED');
      assert.equal(h.endpoint.acceptQueueLength, 1);
    },
  },
  {
    id: 'T017',
    title: 'SYN to a listener: <SEQ=ISS><ACK=SEG.SEQ+1><CTL=SYN,ACK>, a child in SYN_RCVD whose SYN,ACK retransmits',
    run: () => {
      const h = listener();
      h.recv({ flags: ['SYN'], seq: IRS });
      const synAck = one(h);
      isSeg(synAck, 'ACK,SYN', h.endpoint.primary()!.iss, IRS + 1);
      assert.equal(h.state, 'SYN_RCVD');
      assert.equal(h.endpoint.synQueueLength, 1);
      assert.ok(settle(h, 1.5).some((s) => s.flags.has('SYN') && s.seq === synAck.seq), 'the SYN,ACK is retransmitted');
    },
  },
  {
    id: 'T018',
    title: '[linux] SYN queue full: with tcp_syncookies=0 the SYN is dropped; with 1 it gets a cookie SYN,ACK and no TCB',
    run: () => {
      for (const cookies of [0, 1]) {
        const h = new Harness();
        h.settings.tcp_syncookies = cookies;
        h.endpoint.listen(1);
        fromPort(h, 1001, { flags: ['SYN'], seq: 100 });
        fromPort(h, 1002, { flags: ['SYN'], seq: 200 });
        assert.equal(h.sent().length, 2);
        fromPort(h, 1003, { flags: ['SYN'], seq: 300 });
        if (cookies === 0) none(h);
        else {
          const cookie = one(h);
          isSeg(cookie, 'ACK,SYN', cookie.seq, 301);
        }
        assert.equal(h.endpoint.synQueueLength, 2, `tcp_syncookies=${cookies}: no new child`);
      }
    },
  },
  {
    id: 'T019',
    title: '[linux] accept queue full (backlog 0, one connection waiting): a new SYN is dropped silently',
    run: () => {
      const h = new Harness();
      h.endpoint.listen(0);
      fromPort(h, 1001, { flags: ['SYN'], seq: 100 });
      const iss = one(h).seq;
      fromPort(h, 1001, { flags: ['ACK'], seq: 101, ack: iss + 1 });
      assert.equal(h.endpoint.acceptQueueLength, 1);
      fromPort(h, 1002, { flags: ['SYN'], seq: 200 });
      none(h);
      assert.equal(h.endpoint.synQueueLength, 0);
    },
  },
  {
    id: 'T020',
    title: 'a bare FIN or data without ACK to a listener: dropped, no reply',
    run: () => {
      const h = listener();
      h.recv({ flags: ['FIN'], seq: 1 });
      h.recv({ flags: ['PSH'], seq: 1, data: 'x' });
      none(h);
      assert.equal(h.state, 'LISTEN');
    },
  },
  {
    id: 'T021',
    title: 'STATUS of a listener says LISTEN',
    run: () => {
      const h = listener();
      assert.equal(h.state, 'LISTEN');
    },
  },
];
