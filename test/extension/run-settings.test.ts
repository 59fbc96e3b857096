// The settings the extension sends the server, the message language, and the status bar's
// summary of a run.
import * as assert from 'node:assert/strict';
import { summarizeRun } from '../../src/extension/run-summary';
import { isChinese, messageLocale, runSettings } from '../../src/extension/settings';
import type { RunResult } from '../../src/runner/trace';

type Diagnostic = RunResult['diagnostics'][number];
const at = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
const d = (severity: Diagnostic['severity']): Diagnostic => ({ id: 'X', severity, range: at, message: '', messageZh: '' });

describe('extension: settings and the status bar summary', () => {
  it('sends tcpflow.defaultProfile and the positive tcpflow.limits.* values', () => {
    const values: Record<string, unknown> = { defaultProfile: 'rfc9293', 'limits.maxEvents': 1000, 'limits.maxPackets': -3, 'limits.maxRepeat': 'lots' };
    assert.deepEqual(runSettings((key) => values[key]), { defaultProfile: 'rfc9293', limits: { maxEvents: 1000 } });
    assert.deepEqual(runSettings(() => undefined), { limits: {} });
    assert.deepEqual(runSettings((key) => (key === 'defaultProfile' ? 'bsd' : undefined)), { limits: {} });
  });

  it('tcpflow.messageLanguage: auto follows VS Code, en and zh-cn override it', () => {
    assert.equal(messageLocale('auto', 'zh-cn'), 'zh-cn');
    assert.equal(messageLocale(undefined, 'de'), 'de');
    assert.equal(messageLocale('en', 'zh-cn'), 'en');
    assert.equal(messageLocale('zh-cn', 'en'), 'zh-cn');
    assert.equal(isChinese('zh-cn'), true);
    assert.equal(isChinese('zh-CN'), true);
    assert.equal(isChinese('en'), false);
  });

  it('summarizes a run as errors, warnings and virtual seconds with two decimals', () => {
    assert.deepEqual(summarizeRun({ diagnostics: [], durationVirtual: 60.0712 }), { errors: 0, warnings: 0, seconds: '60.07' });
    assert.deepEqual(summarizeRun({ diagnostics: [d('error'), d('warning'), d('info'), d('error')], durationVirtual: 0.5 }), {
      errors: 2,
      warnings: 1,
      seconds: '0.50',
    });
  });
});
