// The language client: starts dist/server.js over IPC and tells it the display language, so
// diagnostics arrive in English or Simplified Chinese.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { FlowRanNotification, RunFlowRequest, type FlowRanParams, type RunFlowParams, type RunFlowResult } from '../shared/protocol';

export class FlowClient implements vscode.Disposable {
  private readonly client: LanguageClient;

  constructor(context: vscode.ExtensionContext) {
    const module = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath;
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [{ language: 'tcpflow' }],
      initializationOptions: { locale: vscode.env.language },
      synchronize: { configurationSection: 'tcpflow' },
    };
    this.client = new LanguageClient('tcpflow', vscode.l10n.t('TCP Flow Language Server'), serverOptions, clientOptions);
  }

  start(): Promise<void> {
    return this.client.start();
  }

  /** The latest run of the script as it is in the editor now (the server runs it if needed). */
  async runFlow(uri: vscode.Uri): Promise<RunFlowResult> {
    const params: RunFlowParams = { uri: uri.toString() };
    return this.client.sendRequest<RunFlowResult>(RunFlowRequest, params);
  }

  /** Called after every run the server publishes. */
  onFlowRan(listener: (params: FlowRanParams) => void): vscode.Disposable {
    return this.client.onNotification(FlowRanNotification, listener);
  }

  async dispose(): Promise<void> {
    if (this.client.isRunning()) await this.client.stop();
  }
}
