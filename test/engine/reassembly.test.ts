// The reassembly queue against the plain model it replaced: a Map by sequence number, sorted
// and swept in full every time.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { ReassemblyQueue } from '../../src/engine/tcp/reassembly';
import { seqAdd, seqLe, seqSub } from '../../src/engine/tcp/seq';

function modelRanges(held: Map<number, number>): [number, number][] {
  const blocks: [number, number][] = [];
  for (const start of [...held.keys()].sort((a, b) => seqSub(a, b))) {
    const end = seqAdd(start, held.get(start)!);
    const last = blocks[blocks.length - 1];
    if (last && last[1] === start) last[1] = end;
    else blocks.push([start, end]);
  }
  return blocks;
}

describe('ReassemblyQueue', () => {
  it('holds, takes, sweeps and merges ranges like a sorted Map (near the 2^32 wrap too)', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('add' as const), at: fc.integer({ min: 0, max: 40 }), len: fc.integer({ min: 0, max: 4 }) }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.integer({ min: 0, max: 40 }), len: fc.constant(0) }),
      fc.record({ kind: fc.constant('sweep' as const), at: fc.integer({ min: 0, max: 40 }), len: fc.constant(0) }),
    );
    fc.assert(
      fc.property(fc.constantFrom(0, 0xffffffe0, 1000), fc.array(op, { maxLength: 60 }), (base, ops) => {
        const q = new ReassemblyQueue();
        const model = new Map<number, number>();
        for (const o of ops) {
          const seq = seqAdd(base, o.at);
          if (o.kind === 'add' && !q.has(seq)) {
            q.add(seq, { payload: new Uint8Array(o.len), fin: false });
            model.set(seq, o.len);
          } else if (o.kind === 'delete') {
            q.delete(seq);
            model.delete(seq);
          } else if (o.kind === 'sweep') {
            q.dropEndingBy(seq);
            for (const [s, len] of model) if (seqLe(seqAdd(s, len), seq)) model.delete(s);
          }
          assert.deepEqual(q.ranges(), modelRanges(model));
          assert.equal(q.size, model.size);
          assert.equal(q.bytes, [...model.values()].reduce((a, b) => a + b, 0));
        }
      }),
    );
  });
});
