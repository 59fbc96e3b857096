import * as assert from 'node:assert';
import { inlayHints } from '../../../src/server/features/inlay-hints';
import { HANDSHAKE, runDoc } from './fixture';

const ALL = { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } };

function hintsByLine(source: string): Map<number, string[]> {
  const doc = runDoc(source);
  const out = new Map<number, string[]>();
  for (const h of inlayHints(doc, ALL)) {
    const label = typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('');
    out.set(h.position.line, [...(out.get(h.position.line) ?? []), label]);
  }
  return out;
}

describe('server features: inlay hints', () => {
  it('shows on a handshake when each packet left and the numbers behind x and y', () => {
    const doc = runDoc(HANDSHAKE);
    const x = doc.run?.symbols['x'] as number;
    const y = doc.run?.symbols['y'] as number;
    const lines = HANDSHAKE.split('\n');
    const hints = hintsByLine(HANDSHAKE);
    const at = (text: string): string[] => hints.get(lines.indexOf(text)) ?? [];
    assert.deepStrictEqual(at('client -> server SYN seq=x'), [`= ${x}`, '@0.000s']);
    assert.deepStrictEqual(at('server -> client SYN,ACK seq=y ack=x+1'), [`= ${y}`, `= ${(x + 1) >>> 0}`, '@0.010s']);
    assert.deepStrictEqual(at('client -> server ACK seq=x+1 ack=y+1'), [`= ${(x + 1) >>> 0}`, `= ${(y + 1) >>> 0}`, '@0.020s']);
    assert.deepStrictEqual(at('expect server ESTABLISHED'), ['✓']);
  });

  it('marks an expect that did not hold with ✗', () => {
    const source = HANDSHAKE.replace('expect server ESTABLISHED', 'expect server LISTEN');
    const lines = source.split('\n');
    assert.deepStrictEqual(hintsByLine(source).get(lines.indexOf('expect server LISTEN')), ['✗']);
  });
});
