// Found while fuzzing the pcapng export (the block walker in ../properties.ts `checkPcapng`).
// Owned by the lead (src/export/pcapng.ts, src/export/packet-bytes.ts, and src/runner/inject.ts
// which puts such packets on the wire without a diagnostic).
import * as assert from 'node:assert/strict';
import { toPcapng } from '../../../src/export/pcapng';
import { runScript } from '../../../src/runner/index';
import { checkPcapng } from '../properties';

const HEADER = 'endpoint client 10.0.0.1:49152 scripted\nendpoint server 10.0.0.2:80\nserver listen\n';

describe('fuzz regression: export of oversize packets', () => {
  // The packet goes on the wire with 70,000 payload bytes; the IPv4 total length field (16 bits)
  // wraps to 4,508 while 70,044 bytes are captured: Wireshark shows a malformed packet. A segment
  // cannot be that big: expected a diagnostic on len= and a packet that fits (or is cut).
  it('a scripted packet with len=70000 gives a well-formed capture', () => {
    const result = runScript(`${HEADER}client -> server SYN seq=1 len=70000\n`);
    assert.doesNotThrow(() => checkPcapng(toPcapng(result), result.packets.length));
  });

  // A 70,000-byte `data "…"`: besides the IPv4 length, the packet's comment (its label, which
  // holds the data string) is over 65,535 bytes, so the comment option's 16-bit length wraps and
  // the block walker meets option 0x4141 ('AA') running past the block. Expected: the comment
  // cut to fit (e.g. at 1,000 characters with …) as well as the size fix above.
  it('a packet with a 70,000-byte data string gives a well-formed capture', () => {
    const result = runScript(`${HEADER}client -> server SYN seq=1 data "${'A'.repeat(70_000)}"\n`);
    assert.doesNotThrow(() => checkPcapng(toPcapng(result), result.packets.length));
  });
});
