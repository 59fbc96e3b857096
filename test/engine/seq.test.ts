import * as assert from 'node:assert/strict';
import { seqAdd, seqGt, seqInWindow, seqLe, seqLt } from '../../src/engine/tcp/seq';

describe('sequence arithmetic modulo 2^32 (RFC 9293 §3.4)', () => {
  it('orders numbers across the wrap', () => {
    assert.ok(seqLt(0xfffffff0, 0x10));
    assert.ok(seqGt(0x10, 0xfffffff0));
    assert.ok(seqLe(5, 5));
    assert.equal(seqAdd(0xffffffff, 2), 1);
  });
  it('tests windows that straddle the wrap', () => {
    assert.ok(seqInWindow(0x5, 0xfffffff0, 0x20));
    assert.ok(!seqInWindow(0x20, 0xfffffff0, 0x20));
  });
});
