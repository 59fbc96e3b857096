// Trace packet → wire packet: the strings of a trace read the way the exporter always read them,
// and addresses the runner reports as malformed still give a well-formed header.
import * as assert from 'node:assert/strict';
import { tracePacketToWire } from '../../src/export/trace-packet';
import { ODD_RUNS } from './odd-traces';

const first = ODD_RUNS.ipv4!.packets[0]!;

describe('export: trace packet to wire packet', () => {
  it('reads addresses, flags, options and hex payload', () => {
    const w = tracePacketToWire({ ...ODD_RUNS.ipv4!.packets[2]!, len: 6 });
    assert.deepEqual([...w.src, ...w.dst], [10, 0, 0, 1, 10, 0, 0, 2]);
    assert.deepEqual([w.srcPort, w.dstPort, w.flags], [49152, 80, 0x18]);
    assert.deepEqual(w.options, [{ kind: 'sack', blocks: [[1, 2], [3, 4], [4294967295, 0]] }]);
    assert.deepEqual([...w.payload], [0x70, 0x69, 0x6e, 0x67, 0, 0], 'the hex, then zeros up to len');
  });

  it('reads ts the way it always did, canonical or not', () => {
    const ts = (o: string): unknown => tracePacketToWire({ ...first, options: [o] }).options;
    assert.deepEqual(ts('ts val=7 ecr=8'), [{ kind: 'ts', val: 7, ecr: 8 }]);
    assert.deepEqual(ts('ts ecr=8 val=7'), [{ kind: 'ts', val: 7, ecr: 8 }]);
    assert.deepEqual(ts('ts val=12'), [{ kind: 'ts', val: 12, ecr: 0 }]);
  });

  it('writes malformed addresses zero-padded to 4 or 16 bytes instead of failing', () => {
    const w = tracePacketToWire({ ...first, srcAddr: '[2001:db8:0:0:0:0:0:0:1]:80', dstAddr: '10.0.0.2:80' });
    assert.equal(w.src.length, 16);
    assert.equal(w.dst.length, 16);
    assert.deepEqual([...w.src.subarray(0, 4)], [0x20, 0x01, 0x0d, 0xb8]);
  });
});
