// The hand-written traces the panel tests draw must be real RunResults: exactly the fields of
// src/runner/trace.ts, no more, no fewer, so the panel is tested against what a run produces.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadFixture, repoRoot } from './harness';

const keys = {
  result: ['title', 'profile', 'seed', 'diagnostics', 'packets', 'states', 'tlsStates', 'timers', 'endpoints', 'symbols', 'keylog', 'durationVirtual'],
  packet: ['id', 'order', 'time', 'arrival', 'src', 'dst', 'srcAddr', 'dstAddr', 'flags', 'seq', 'ack', 'len', 'win', 'options',
    'payloadHex', 'line', 'label', 'dropped', 'retransmission', 'tls'],
  state: ['order', 'time', 'endpoint', 'from', 'to', 'line'],
  tlsState: ['order', 'time', 'endpoint', 'machine', 'from', 'to', 'line'],
  timer: ['endpoint', 'kind', 'start', 'end', 'fired'],
  endpoint: ['name', 'address', 'kind', 'state'],
  diagnostic: ['id', 'severity', 'range', 'message', 'messageZh'],
};
const optionalDiagnostic = ['rfc', 'fix'];

const sorted = (o: object): string[] => Object.keys(o).sort();

describe('trace fixtures', () => {
  const names = readdirSync(join(repoRoot, 'test/fixtures/traces')).filter((f) => f.endsWith('.json'));

  it('exist for the handshake, the close, the retransmissions, diagnostics, TLS and hostile text', () => {
    for (const n of ['three-way-handshake', 'four-way-close', 'syn-retransmissions', 'diagnostics', 'tls13', 'hostile']) {
      assert.ok(names.includes(`${n}.json`), n);
    }
  });

  for (const file of names) {
    it(`${file} has exactly the fields of RunResult`, () => {
      const r = loadFixture(file.replace(/\.json$/, ''));
      assert.deepEqual(sorted(r), [...keys.result].sort());
      r.packets.forEach((p, i) => {
        assert.deepEqual(sorted(p), [...keys.packet].sort(), `packet ${i}`);
        assert.equal(p.id, i, 'ids in send order');
        assert.ok(p.arrival >= p.time && (!p.dropped || p.arrival === p.time));
      });
      for (const s of r.states) assert.deepEqual(sorted(s), [...keys.state].sort());
      for (const s of r.tlsStates ?? []) assert.deepEqual(sorted(s), [...keys.tlsState].sort());
      for (const t of r.timers) assert.deepEqual(sorted(t), [...keys.timer].sort());
      for (const e of r.endpoints) assert.deepEqual(sorted(e), [...keys.endpoint].sort());
      for (const d of r.diagnostics) {
        assert.deepEqual(sorted(d).filter((k) => !optionalDiagnostic.includes(k)), [...keys.diagnostic].sort());
      }
    });
  }
});
