// Fuzzing the language server through the in-memory LSP client: after a barrage of random
// documents and edits (whole-text and ranged, ranges possibly past the end), it still answers for
// a valid document: diagnostics for the latest version, tcpflow/runFlow, a code action.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { RunResult } from '../../src/runner/trace';
import { LspClient } from '../server/lsp-client';
import { anyScript, exampleScripts } from './arbitraries';
import { knownBug } from './properties';
import { FUZZ_SEED, runs } from './settings';

const position = fc.record({ line: fc.integer({ min: -2, max: 60 }), character: fc.integer({ min: -2, max: 300 }) });

type Edit =
  | { readonly kind: 'full'; readonly uri: number; readonly text: string }
  | { readonly kind: 'ranged'; readonly uri: number; readonly start: { line: number; character: number }; readonly end: { line: number; character: number }; readonly text: string }
  | { readonly kind: 'close'; readonly uri: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('full' as const), uri: fc.nat(3), text: anyScript }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('ranged' as const), uri: fc.nat(3), start: position, end: position, text: fc.oneof(fc.string({ maxLength: 30 }), anyScript) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('close' as const), uri: fc.nat(3) }) },
);

const uriOf = (i: number): string => `file:///fuzz/doc-${i}.tcpflow`;

describe('fuzz: language server', () => {
  it('after a barrage of random documents and edits, still answers for a valid document', async function () {
    this.timeout(60_000);
    const barrages = fc.sample(fc.array(edit, { minLength: 20, maxLength: 60 }), { seed: FUZZ_SEED, numRuns: runs(3) });
    const valid = exampleScripts()[0] ?? '';
    for (const barrage of barrages) {
      const client = new LspClient();
      try {
        await client.initialize('en');
        const open = new Set<number>();
        const versions = new Map<number, number>();
        for (const e of barrage) {
          if ('text' in e && knownBug(e.text)) continue;
          const uri = uriOf(e.uri);
          const version = (versions.get(e.uri) ?? 0) + 1;
          versions.set(e.uri, version);
          if (e.kind === 'close') {
            if (open.delete(e.uri)) await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
          } else if (!open.has(e.uri)) {
            open.add(e.uri);
            await client.open(uri, e.kind === 'full' ? e.text : e.text, version);
          } else if (e.kind === 'full') {
            await client.change(uri, e.text, version);
          } else {
            await client.connection.sendNotification('textDocument/didChange', {
              textDocument: { uri, version },
              contentChanges: [{ range: { start: e.start, end: e.end }, text: e.text }],
            });
          }
        }
        // Now a valid document, and the server must answer for it.
        const uri = 'file:///fuzz/valid.tcpflow';
        await client.open(uri, valid, 1);
        await client.until(() => client.published.some((p) => p.uri === uri && p.version === 1), 20_000);
        const errors = client.published.filter((p) => p.uri === uri).flatMap((p) => p.diagnostics).filter((d) => d.severity === 1);
        assert.deepEqual(errors.map((d) => d.code), [], 'the valid example has error diagnostics');
        const result = await client.connection.sendRequest<RunResult | null>('tcpflow/runFlow', { uri });
        assert.equal(result?.title, 'Three-way handshake');
        const actions = await client.connection.sendRequest('textDocument/codeAction', {
          textDocument: { uri },
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          context: { diagnostics: [] },
        });
        assert.ok(Array.isArray(actions));
        assert.ok(!client.published.some((p) => p.diagnostics.some((d) => d.code === 'INTERNAL-ERROR')), 'a run failed with INTERNAL-ERROR');
      } finally {
        client.dispose();
      }
    }
  });
});
