// TCP-ACCEPTQ-OVERFLOW (tcp-rules.md rule 53) in scripts: what a full accept queue does with a
// new SYN and with a handshake's final ACK, under both tcp_abort_on_overflow settings; the
// message says which happened.
import * as assert from 'node:assert/strict';
import { runScript } from '../../src/runner/index';
import type { RunResult } from '../../src/runner/trace';
import { ACCEPT_QUEUE_FULL_ACK, ACCEPT_QUEUE_RACE } from './rule-cases-react';
import { problems } from '../support/problems';

function overflow(r: RunResult): { message: string; messageZh: string } {
  const d = r.diagnostics.find((x) => x.id === 'TCP-ACCEPTQ-OVERFLOW');
  assert.ok(d, `no TCP-ACCEPTQ-OVERFLOW; got ${problems(r).join(', ')}`);
  return d;
}

describe('accept queue overflow in scripts', () => {
  it('tcp_abort_on_overflow=0 (default): expecting the connection accepted is explained — the final ACK was dropped, SYN_RECV stays', () => {
    const r = runScript(`${ACCEPT_QUEUE_RACE}${ACCEPT_QUEUE_FULL_ACK}expect server queue accept 3\n`);
    const d = overflow(r);
    assert.match(d.message, /\(2 waiting, backlog 1\).*tcp_abort_on_overflow=0 the final ACK is dropped; the server stays SYN_RECV and retransmits its SYN,ACK/);
    assert.match(d.messageZh, /tcp_abort_on_overflow=0.*被丢弃/);
  });

  it('tcp_abort_on_overflow=0: the script that expects the drop is clean, and the SYN,ACK is retransmitted', () => {
    const r = runScript(`${ACCEPT_QUEUE_RACE}${ACCEPT_QUEUE_FULL_ACK}expect server queue accept 2\nexpect server queue syn 1\nserver -> client2 SYN,ACK seq=w ack=z+1\nclient2 -> server ACK seq=z+1 ack=w+1\nexpect server queue accept 2\n`);
    assert.deepEqual(problems(r), []);
    const synAcks = r.packets.filter((p) => p.src === 'server' && p.dst === 'client2');
    assert.deepEqual(synAcks.map((p) => [...p.flags].join()), ['SYN,ACK', 'SYN,ACK']);
  });

  it('tcp_abort_on_overflow=1: the RST is the rule’s, with <SEQ=SEG.ACK>', () => {
    const r = runScript(`${ACCEPT_QUEUE_RACE}set server tcp_abort_on_overflow 1\n${ACCEPT_QUEUE_FULL_ACK}server -> client2 ACK seq=w+1\n`);
    assert.match(overflow(r).message, /tcp_abort_on_overflow=1 the final ACK is answered with <SEQ=SEG.ACK><CTL=RST>/);
  });

  it('a SYN to a full accept queue is dropped, and the message says so', () => {
    const header = `seed 3
endpoint client 10.0.0.1:49152
endpoint server 10.0.0.2:80
endpoint client2 10.0.0.3:49153
link client server delay 10ms
`;
    const body = `server listen backlog 0\nclient connect server\nclient -> server SYN seq=x\nserver -> client SYN,ACK seq=y ack=x+1\nclient -> server ACK seq=x+1 ack=y+1\nclient2 connect server\nclient2 -> server SYN seq=z\n`;
    const r = runScript(`${header}${body}expect server queue syn 1\n`);
    assert.match(overflow(r).message, /\(1 waiting, backlog 0\): the new SYN is dropped/);
    assert.deepEqual(problems(runScript(`${header}${body}expect server queue syn 0\nexpect server queue accept 1\n`)), []);
  });
});
