import * as assert from 'node:assert';
import { CodeActionKind, DiagnosticSeverity, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import { quickFixes } from '../../src/server/quick-fix';

const URI = 'file:///w/handshake.tcpflow';
const range = { start: { line: 9, character: 32 }, end: { line: 9, character: 39 } };

function lsp(data: unknown, source = 'tcpflow'): LspDiagnostic {
  return { range, severity: DiagnosticSeverity.Error, code: 'TCP-SYN-CONSUMES-SEQ', source, message: 'm', data };
}

describe('server: quick fixes', () => {
  it('offers "Change to \'…\'" replacing the diagnostic range, preferred', () => {
    const [action, ...rest] = quickFixes(URI, [lsp({ replace: 'ack=x+1' })], 'en');
    assert.strictEqual(rest.length, 0);
    assert.ok(action);
    assert.strictEqual(action.title, "Change to 'ack=x+1'");
    assert.strictEqual(action.kind, CodeActionKind.QuickFix);
    assert.strictEqual(action.isPreferred, true);
    assert.deepStrictEqual(action.edit?.changes?.[URI], [{ range, newText: 'ack=x+1' }]);
    assert.strictEqual(action.diagnostics?.length, 1);
  });

  it('titles it in Chinese for a Chinese client', () => {
    const [action] = quickFixes(URI, [lsp({ replace: 'x+1' })], 'zh');
    assert.strictEqual(action?.title, "改为 'x+1'");
  });

  it("uses the fix's own title and range when it has them", () => {
    const fixRange = { start: { line: 9, character: 36 }, end: { line: 9, character: 39 } };
    const fix = { replace: 'x+1', range: fixRange, title: 'Acknowledge x+1', titleZh: '确认 x+1' };
    assert.strictEqual(quickFixes(URI, [lsp(fix)], 'en')[0]?.title, 'Acknowledge x+1');
    assert.strictEqual(quickFixes(URI, [lsp(fix)], 'zh')[0]?.title, '确认 x+1');
    assert.deepStrictEqual(quickFixes(URI, [lsp(fix)], 'en')[0]?.edit?.changes?.[URI], [{ range: fixRange, newText: 'x+1' }]);
  });

  it('offers nothing for diagnostics without a fix or from other sources', () => {
    assert.deepStrictEqual(quickFixes(URI, [lsp(undefined), lsp({ nope: 1 }), lsp({ replace: 'x' }, 'eslint')], 'en'), []);
  });
});
