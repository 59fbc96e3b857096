import * as assert from 'node:assert';
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { Diagnostic } from '../../src/language/diagnostics/diagnostic';
import { diagnosticsDocFromBundle } from '../../src/server/docs-link';
import { messageLanguage } from '../../src/server/locale';
import { toLspDiagnostic } from '../../src/server/lsp-diagnostic';

const DOC = 'file:///ext/docs/diagnostics.md';

const synAck: Diagnostic = {
  id: 'TCP-SYN-CONSUMES-SEQ',
  severity: 'error',
  range: { start: { line: 9, character: 32 }, end: { line: 9, character: 39 } },
  message: 'the SYN occupies one sequence number, so ack must be x+1, not x+2',
  messageZh: 'SYN 占用一个序号，所以 ack 应为 x+1，而不是 x+2',
  rfc: 'RFC 9293 §3.4',
  fix: { replace: 'ack=x+1' },
};

describe('server: diagnostics as the editor shows them', () => {
  it('keeps the 0-based range on the offending token and uses the id as the code', () => {
    const d = toLspDiagnostic(synAck, { language: 'en', docUri: DOC });
    assert.deepStrictEqual(d.range, { start: { line: 9, character: 32 }, end: { line: 9, character: 39 } });
    assert.strictEqual(d.code, 'TCP-SYN-CONSUMES-SEQ');
    assert.strictEqual(d.source, 'tcpflow');
    assert.strictEqual(d.severity, DiagnosticSeverity.Error);
  });

  it('links the code to its entry in docs/diagnostics.md (anchor in lower case)', () => {
    const d = toLspDiagnostic(synAck, { language: 'en', docUri: DOC });
    assert.strictEqual(d.codeDescription?.href, 'file:///ext/docs/diagnostics.md#tcp-syn-consumes-seq');
  });

  it('resolves the docs from the bundle folder: dist/ → ../docs/diagnostics.md', () => {
    assert.strictEqual(diagnosticsDocFromBundle('/opt/ext/dist'), 'file:///opt/ext/docs/diagnostics.md');
    assert.strictEqual(diagnosticsDocFromBundle('/opt/my ext/dist'), 'file:///opt/my%20ext/docs/diagnostics.md');
  });

  it('writes the message in English followed by the RFC section', () => {
    const d = toLspDiagnostic(synAck, { language: 'en', docUri: DOC });
    assert.strictEqual(d.message, 'the SYN occupies one sequence number, so ack must be x+1, not x+2 [RFC 9293 §3.4]');
  });

  it('writes the message in Chinese for a zh-cn client', () => {
    const d = toLspDiagnostic(synAck, { language: messageLanguage('zh-cn'), docUri: DOC });
    assert.strictEqual(d.message, 'SYN 占用一个序号，所以 ack 应为 x+1，而不是 x+2 [RFC 9293 §3.4]');
  });

  it('omits the RFC suffix when the rule has no RFC, and maps warning/info/hint', () => {
    const base = { ...synAck, rfc: undefined } as Diagnostic;
    const { rfc: _drop, ...noRfc } = base;
    void _drop;
    assert.strictEqual(toLspDiagnostic(noRfc, { language: 'en', docUri: DOC }).message, synAck.message);
    const sev = (severity: Diagnostic['severity']) => toLspDiagnostic({ ...noRfc, severity }, { language: 'en', docUri: DOC }).severity;
    assert.deepStrictEqual([sev('warning'), sev('info'), sev('hint')], [DiagnosticSeverity.Warning, DiagnosticSeverity.Information, DiagnosticSeverity.Hint]);
  });

  it('carries the fix in data, and nothing when there is no fix', () => {
    assert.deepStrictEqual(toLspDiagnostic(synAck, { language: 'en', docUri: DOC }).data, { replace: 'ack=x+1' });
    const { fix: _f, ...noFix } = synAck;
    void _f;
    assert.strictEqual(toLspDiagnostic(noFix, { language: 'en', docUri: DOC }).data, undefined);
  });

  it('chooses Chinese for zh, zh-cn and zh-hans, English otherwise', () => {
    assert.deepStrictEqual(
      ['zh', 'zh-cn', 'zh-CN', 'zh-hans', 'en', 'en-us', 'de', 'zh-tw', undefined].map(messageLanguage),
      ['zh', 'zh', 'zh', 'zh', 'en', 'en', 'en', 'en', 'en'],
    );
  });
});
