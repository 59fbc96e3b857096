// A SYN-cookie ACK that arrives while the accept queue is full: Linux drops it without a word
// (tcp_v4_syn_recv_sock → exit_overflow; tcp_v4_do_rcv discards), so the client retransmits
// nothing and the server sends no RST; TCP-SYNCOOKIE-VALIDATE says so if the script expects more.
import * as assert from 'node:assert/strict';
import { runScript } from '../../src/runner/index';

// client2's SYN gets its cookie first; client's handshake then fills the queue (backlog 0) before
// client2's ACK arrives.
const SCRIPT = `seed 31
endpoint client 10.0.0.1:49152
endpoint client2 10.0.0.3:49153
endpoint server 10.0.0.2:80
link client server delay 10ms
link client2 server delay 20ms
set server tcp_syncookies 2
server listen backlog 0
client connect server
client2 connect server
client -> server SYN seq=x
client2 -> server SYN seq=z
server -> client SYN,ACK seq=y ack=x+1
server -> client2 SYN,ACK seq=w ack=z+1
client -> server ACK seq=x+1 ack=y+1
client2 -> server ACK seq=z+1 ack=w+1
`;

describe('runner: a SYN-cookie ACK with the accept queue full', () => {
  it('is dropped silently: no RST, the queue stays at 1', () => {
    const r = runScript(`${SCRIPT}expect nothing for 100ms\nexpect server queue accept 1\n`);
    assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.id), []);
    assert.equal(r.packets.some((p) => p.src === 'server' && p.flags.includes('RST')), false);
  });

  it('a script that expects the connection gets TCP-SYNCOOKIE-VALIDATE saying the ACK was dropped', () => {
    const r = runScript(`${SCRIPT}expect server queue accept 2\n`);
    const d = r.diagnostics.find((x) => x.id === 'TCP-SYNCOOKIE-VALIDATE');
    assert.ok(d, r.diagnostics.map((x) => x.id).join(', '));
    assert.match(d.message, /accept queue is full, so the ACK is dropped/);
  });
});
