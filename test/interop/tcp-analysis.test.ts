// tshark's own TCP analysis agrees with the engine on scenarios built for it: SYN retries are
// retransmissions, a lost segment gives duplicate ACKs and a retransmission, a full receive
// buffer gives a zero window.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { toPcapng } from '../../src/export/pcapng';
import { runScript } from '../../src/runner/index';
import type { RunResult } from '../../src/runner/trace';
import { contractExamples, repoRoot } from '../support/paths';
import { skipWithout, tempDir, tshark, type Row } from './tools';

const ANALYSIS = [
  'frame.number',
  'tcp.analysis.retransmission',
  'tcp.analysis.fast_retransmission',
  'tcp.analysis.duplicate_ack',
  'tcp.analysis.zero_window',
  'tcp.analysis.keep_alive',
];

function analyse(dir: string, file: string): { result: RunResult; rows: Row[] } {
  const result = runScript(readFileSync(file, 'utf8'), { fileName: file });
  assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), []);
  const out = path.join(dir, `${path.basename(file)}.pcapng`);
  writeFileSync(out, toPcapng(result));
  const rows = tshark(out, ANALYSIS);
  assert.equal(rows.length, result.packets.length);
  return { result, rows };
}

/** Packet numbers (1-based) where a tshark analysis field is set. */
function marked(rows: readonly Row[], ...fields: string[]): number[] {
  return rows.filter((r) => fields.some((f) => r[f] !== '')).map((r) => Number(r['frame.number']));
}

describe("tshark's TCP analysis agrees with the engine", function () {
  let dir = '';
  before(function () {
    skipWithout(this, { tshark: 'tshark' });
    dir = tempDir('analysis');
  });

  it('SYN retries (example 03): every SYN after the first is a retransmission, as the engine says', () => {
    const { result, rows } = analyse(dir, path.join(contractExamples, '03-syn-retries.tcpflow'));
    const engine = result.packets.map((p, i) => (p.retransmission ? i + 1 : 0)).filter((n) => n > 0);
    assert.deepEqual(engine, [2, 3, 4, 5, 6, 7]);
    assert.deepEqual(marked(rows, 'tcp.analysis.retransmission'), engine);
  });

  it('a lost segment: duplicate ACK from the receiver, and the retransmission the engine marks', () => {
    const { result, rows } = analyse(dir, path.join(repoRoot, 'test', 'fixtures', 'captures', 'duplicate-ack.tcpflow'));
    const engineRetrans = result.packets.map((p, i) => (p.retransmission ? i + 1 : 0)).filter((n) => n > 0);
    assert.ok(engineRetrans.length > 0, 'the engine retransmits the lost segment');
    assert.deepEqual(marked(rows, 'tcp.analysis.retransmission', 'tcp.analysis.fast_retransmission'), engineRetrans);
    // The engine's view of a duplicate ACK: a pure ACK from the receiver repeating the previous one.
    const engineDup: number[] = [];
    result.packets.forEach((p, i) => {
      const prev = result.packets.slice(0, i).reverse().find((q) => q.src === p.src);
      if (prev && p.src === 'server' && p.len === 0 && p.flags.join() === 'ACK' && prev.flags.join() === 'ACK' && prev.ack === p.ack && prev.win === p.win) engineDup.push(i + 1);
    });
    assert.ok(engineDup.length > 0, 'the server repeats its ACK');
    assert.deepEqual(marked(rows, 'tcp.analysis.duplicate_ack'), engineDup);
  });

  it('a full receive buffer: tshark sees the zero window exactly where the engine advertises win=0', () => {
    const { result, rows } = analyse(dir, path.join(repoRoot, 'test', 'fixtures', 'captures', 'zero-window.tcpflow'));
    const engine = result.packets.map((p, i) => (p.win === 0 && !p.flags.includes('SYN') && !p.flags.includes('RST') ? i + 1 : 0)).filter((n) => n > 0);
    assert.ok(engine.length > 0, 'the server advertises a zero window');
    assert.deepEqual(marked(rows, 'tcp.analysis.zero_window'), engine);
    // Linux probes a zero window with a bare ACK one below snd.una, which tshark 4.0 calls a
    // keep-alive (it only calls a 1-byte segment a zero-window probe).
    const probes: number[] = [];
    result.packets.forEach((p, i) => {
      const lastServer = result.packets.slice(0, i).reverse().find((q) => q.src === 'server');
      if (p.src === 'client' && p.len === 0 && lastServer && p.seq === ((lastServer.ack - 1) >>> 0)) probes.push(i + 1);
    });
    assert.ok(probes.length > 0, 'the client probes the zero window');
    assert.deepEqual(marked(rows, 'tcp.analysis.keep_alive'), probes);
  });
});
