// The whole server over in-memory JSON-RPC (as VS Code or `tcpflow lsp --stdio` sees it): the
// capabilities are advertised and the features answer through the connection.
import * as assert from 'node:assert';
import type { Hover, InitializeResult, InlayHint } from 'vscode-languageserver';
import { LspClient } from '../lsp-client';
import { HANDSHAKE, cursor } from './fixture';

const URI = 'file:///w/handshake.tcpflow';

describe('server features: over the LSP connection', () => {
  let client: LspClient;
  afterEach(() => client.dispose());

  it('advertises every language feature in the initialize result', async () => {
    client = new LspClient();
    const result: InitializeResult = await client.connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} });
    const c = result.capabilities;
    assert.strictEqual(c.hoverProvider, true);
    assert.ok(c.completionProvider);
    assert.strictEqual(c.inlayHintProvider, true);
    assert.deepStrictEqual(c.codeActionProvider, { codeActionKinds: ['quickfix', 'source.tcpflow.fillPackets'] });
    assert.deepStrictEqual(c.semanticTokensProvider?.legend.tokenTypes, ['class', 'variable', 'enumMember', 'type', 'keyword', 'function', 'property', 'number']);
    assert.strictEqual(c.documentSymbolProvider, true);
    assert.strictEqual(c.foldingRangeProvider, true);
    assert.strictEqual(c.documentFormattingProvider, true);
    assert.strictEqual(c.definitionProvider, true);
    assert.deepStrictEqual(c.renameProvider, { prepareProvider: true });
  });

  it('answers a hover in Chinese and gives inlay hints once the run is published', async () => {
    client = new LspClient();
    await client.initialize('zh-cn');
    const { source, position } = cursor(HANDSHAKE.replace('client -> server SYN seq=x', 'client -> server S<|>YN seq=x'));
    await client.open(URI, source);
    const hover: Hover | null = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position });
    assert.ok(hover !== null && typeof hover.contents === 'object' && 'value' in hover.contents);
    assert.match(hover.contents.value, /占用一个序列号/);
    await client.until(() => client.published.length > 0);
    const hints: InlayHint[] = await client.connection.sendRequest('textDocument/inlayHint', {
      textDocument: { uri: URI },
      range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } },
    });
    assert.ok(hints.some((h) => h.label === '@0.010s'));
  });

  it('refuses to rename a symbol to a name the language reads as something else', async () => {
    client = new LspClient();
    await client.initialize('en');
    const { source, position } = cursor(HANDSHAKE.replace('seq=x\n', 'seq=<|>x\n'));
    await client.open(URI, source);
    await assert.rejects(client.connection.sendRequest('textDocument/rename', { textDocument: { uri: URI }, position, newName: 'X1' }), /lower-case/);
  });
});
