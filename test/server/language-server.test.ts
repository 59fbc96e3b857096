// The language server over JSON-RPC, as an editor talks to it.
import * as assert from 'node:assert';
import type { CodeAction, Diagnostic as LspDiagnostic } from 'vscode-languageserver/node';
import type { Diagnostic } from '../../src/language/diagnostics/diagnostic';
import type { RunResult } from '../../src/runner/trace';
import { DOC_URI, LspClient } from './lsp-client';
import { emptyRun } from '../../src/runner/index';

const URI = 'file:///w/handshake-mistake.tcpflow';
const SCRIPT = 'flow "x"\nserver -> client SYN,ACK seq=y ack=x+2\n';
const ackRange = { start: { line: 1, character: 31 }, end: { line: 1, character: 38 } };

/** A stand-in runner: flags `ack=x+2` wherever it appears, throws on `boom`. */
function fakeRun(source: string): RunResult {
  if (source.includes('boom')) throw new Error('boom');
  const diagnostics: Diagnostic[] = [];
  source.split('\n').forEach((line, i) => {
    const at = line.indexOf('ack=x+2');
    if (at >= 0) {
      diagnostics.push({
        id: 'TCP-SYN-CONSUMES-SEQ',
        severity: 'error',
        range: { start: { line: i, character: at }, end: { line: i, character: at + 7 } },
        message: 'ack must be x+1',
        messageZh: 'ack 应为 x+1',
        rfc: 'RFC 9293 §3.4',
        fix: { replace: 'ack=x+1' },
      });
    }
  });
  return emptyRun(diagnostics, 'x');
}

describe('server: over the Language Server Protocol', () => {
  let client: LspClient;
  afterEach(() => client.dispose());

  it('publishes the run\'s diagnostics for an opened document, in the client\'s language', async () => {
    client = new LspClient(fakeRun);
    await client.initialize('zh-cn');
    await client.open(URI, SCRIPT);
    await client.until(() => client.published.length > 0);
    const [d] = client.published[0]?.diagnostics ?? [];
    assert.deepStrictEqual(d?.range, ackRange);
    assert.strictEqual(d?.code, 'TCP-SYN-CONSUMES-SEQ');
    assert.strictEqual(d?.codeDescription?.href, `${DOC_URI}#tcp-syn-consumes-seq`);
    assert.strictEqual(d?.message, 'ack 应为 x+1 [RFC 9293 §3.4]');
    assert.strictEqual(client.published[0]?.version, 1);
  });

  it('re-runs after an edit and announces every run with tcpflow/flowRan', async () => {
    client = new LspClient(fakeRun);
    await client.initialize('en');
    await client.open(URI, SCRIPT);
    await client.until(() => client.flowRan.length === 1);
    await client.change(URI, 'flow "fixed"\n', 2);
    await client.until(() => client.published.length === 2);
    assert.deepStrictEqual(client.published[1]?.diagnostics, []);
    await client.until(() => client.flowRan.length === 2);
    assert.strictEqual(client.flowRan[1]?.version, 2);
    assert.strictEqual(client.flowRan[1]?.uri, URI);
  });

  it('answers tcpflow/runFlow with the current run, and null for an unknown document', async () => {
    client = new LspClient(fakeRun);
    await client.initialize('en');
    await client.open(URI, SCRIPT);
    const result = await client.connection.sendRequest<RunResult | null>('tcpflow/runFlow', { uri: URI });
    assert.strictEqual(result?.title, 'x');
    assert.strictEqual(result?.diagnostics.length, 1);
    assert.strictEqual(await client.connection.sendRequest('tcpflow/runFlow', { uri: 'file:///nope.tcpflow' }), null);
  });

  it('offers the fix as a quick fix', async () => {
    client = new LspClient(fakeRun);
    await client.initialize('en');
    await client.open(URI, SCRIPT);
    await client.until(() => client.published.length > 0);
    const diagnostics: LspDiagnostic[] = client.published[0]?.diagnostics ?? [];
    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: ackRange,
      context: { diagnostics },
    });
    assert.strictEqual(actions[0]?.title, "Change to 'ack=x+1'");
    assert.deepStrictEqual(actions[0]?.edit?.changes?.[URI], [{ range: ackRange, newText: 'ack=x+1' }]);
  });

  it('reports a runner crash as INTERNAL-ERROR on line 1 and keeps serving', async () => {
    client = new LspClient(fakeRun);
    await client.initialize('en');
    await client.open(URI, 'boom\n');
    await client.until(() => client.published.length === 1);
    const [d] = client.published[0]?.diagnostics ?? [];
    assert.strictEqual(d?.code, 'INTERNAL-ERROR');
    assert.strictEqual(d?.range.start.line, 0);
    assert.match(typeof d?.message === 'string' ? d.message : '', /internal error in tcpflow: boom.*please report it/);
    await client.change(URI, SCRIPT, 2);
    await client.until(() => client.published.length === 2);
    assert.strictEqual(client.published[1]?.diagnostics[0]?.code, 'TCP-SYN-CONSUMES-SEQ');
  });
});
