// An in-memory LSP client wired to startServer: the language server's behaviour tested the way
// VS Code sees it (JSON-RPC messages), without VS Code.
import { PassThrough } from 'node:stream';
import {
  StreamMessageReader,
  StreamMessageWriter,
  createConnection,
  createProtocolConnection,
  type Hover,
  type PublishDiagnosticsParams,
  type ProtocolConnection,
} from 'vscode-languageserver/node';
import type { RunResult } from '../../src/runner/trace';
import { startServer } from '../../src/server/start';

export const DOC_URI = 'file:///ext/docs/diagnostics.md';

export class LspClient {
  readonly connection: ProtocolConnection;
  readonly published: PublishDiagnosticsParams[] = [];
  readonly flowRan: { uri: string; version: number; result: RunResult }[] = [];
  private waiters: (() => void)[] = [];

  /** `runner`: a stand-in run in the server's thread, or another run worker's script; default: the real worker. */
  constructor(runner?: ((source: string, fileName: string) => RunResult) | { readonly runWorkerFile: string }) {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    startServer(createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient)), {
      diagnosticsDocUri: DOC_URI,
      ...(typeof runner === 'function' ? { run: runner } : (runner ?? {})),
    });
    this.connection = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.push(p);
      this.wake();
    });
    this.connection.onNotification('tcpflow/flowRan', (p: { uri: string; version: number; result: RunResult }) => {
      this.flowRan.push(p);
      this.wake();
    });
    this.connection.listen();
  }

  async initialize(locale: string): Promise<void> {
    await this.connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {}, initializationOptions: { locale } });
    await this.connection.sendNotification('initialized', {});
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'tcpflow', version, text } });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  hover(uri: string, line: number, character: number): Promise<Hover | null> {
    return this.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } });
  }

  change(uri: string, text: string, version: number): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** Resolves once `predicate` holds over what the server has sent (checked after each message). */
  async until(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error('timed out waiting for the server');
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  dispose(): void {
    this.connection.dispose();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const resolve of w) resolve();
  }
}
