// The language client: starts dist/server.js over IPC and tells it the message language
// (tcpflow.messageLanguage, `auto` = VS Code's display language) and the run settings, so
// diagnostics arrive in English or Simplified Chinese. Restarts when those settings change.
//
// The client library (most of the extension's bundle) is loaded and started only when start()
// is called, after activation has returned: activation stays short, and requests made before
// the server is up wait for it (the client's sendRequest awaits its own start).
import * as vscode from 'vscode';
import type { LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import {
  CheckScriptRequest,
  ExportPcapRequest,
  ImportCaptureRequest,
  type ImportCaptureParams,
  type ImportCaptureResult,
  FlowRanNotification,
  RunFlowRequest,
  type CheckScriptParams,
  type CheckScriptResult,
  type ExportPcapParams,
  type ExportPcapResult,
  type FlowRanParams,
  type RunFlowParams,
  type RunFlowResult,
  type RunSettings,
} from '../shared/protocol';
import { messageLocale, runSettings } from './settings';

/** Settings the server reads once, at start (initializationOptions): a change restarts it. */
const RESTART_ON = ['tcpflow.messageLanguage', 'tcpflow.defaultProfile', 'tcpflow.limits'];

export class FlowClient implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly flowRanListeners: ((params: FlowRanParams) => void)[] = [];
  private readonly ready: Promise<LanguageClient>;
  private resolveReady: (client: LanguageClient) => void = () => undefined;
  private client: LanguageClient | undefined;
  private disposed = false;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.ready = new Promise((resolve) => (this.resolveReady = resolve));
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (RESTART_ON.some((section) => e.affectsConfiguration(section)) && this.client?.isRunning()) void this.client.restart();
      }),
    );
  }

  /** Loads the client library, starts the server and connects; resolves when it is up. */
  async start(): Promise<void> {
    if (this.disposed) return;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand, see the header
    const lsp = require('vscode-languageclient/node') as typeof import('vscode-languageclient/node');
    const module = vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'server.js').fsPath;
    const serverOptions: ServerOptions = {
      run: { module, transport: lsp.TransportKind.ipc },
      debug: { module, transport: lsp.TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [{ language: 'tcpflow' }, { language: 'packetdrill' }],
      initializationOptions: () => ({ locale: this.locale(), ...this.settings() }),
      synchronize: { configurationSection: 'tcpflow' },
    };
    const client = new lsp.LanguageClient('tcpflow', vscode.l10n.t('TCP Flow Language Server'), serverOptions, clientOptions);
    for (const listener of this.flowRanListeners) client.onNotification(FlowRanNotification, listener);
    this.client = client;
    this.resolveReady(client);
    await client.start();
  }

  /** The language messages are shown in: `en`, `zh-cn`, or VS Code's display language. */
  locale(): string {
    return messageLocale(vscode.workspace.getConfiguration('tcpflow').get('messageLanguage'), vscode.env.language);
  }

  /** tcpflow.defaultProfile and tcpflow.limits.*, as sent with every run request. */
  settings(): RunSettings {
    const config = vscode.workspace.getConfiguration('tcpflow');
    return runSettings((key) => config.get(key));
  }

  /** The latest run of the script as it is in the editor now (the server runs it if needed). */
  async runFlow(uri: vscode.Uri): Promise<RunFlowResult> {
    const params: RunFlowParams = { uri: uri.toString() };
    return (await this.ready).sendRequest<RunFlowResult>(RunFlowRequest, params);
  }

  /** Runs a script given by its text (a test in the Test Explorer): its diagnostics, without the trace; cancelling `token` stops the run on the server. */
  async checkScript(text: string, fileName: string, token?: vscode.CancellationToken): Promise<CheckScriptResult> {
    const params: CheckScriptParams = { text, fileName, settings: this.settings(), only: 'diagnostics' }; // the verdict reads only these
    return (await this.ready).sendRequest<CheckScriptResult>(CheckScriptRequest, params, token);
  }

  /** The pcapng capture of the script's run (the open document's text, else `text`). */
  async exportPcap(uri: vscode.Uri, text: string): Promise<ExportPcapResult> {
    const params: ExportPcapParams = { uri: uri.toString(), text, settings: this.settings() };
    return (await this.ready).sendRequest<ExportPcapResult>(ExportPcapRequest, params);
  }

  /** A capture's bytes → one of its connections as a script (`connection` is 1-based). */
  async importCapture(bytes: Uint8Array, fileName: string, connection?: number): Promise<ImportCaptureResult> {
    const params: ImportCaptureParams = { base64: Buffer.from(bytes).toString('base64'), fileName, ...(connection ? { connection } : {}) };
    return (await this.ready).sendRequest<ImportCaptureResult>(ImportCaptureRequest, params);
  }

  /** Called after every run the server publishes. */
  onFlowRan(listener: (params: FlowRanParams) => void): vscode.Disposable {
    if (this.client) return this.client.onNotification(FlowRanNotification, listener);
    this.flowRanListeners.push(listener);
    return new vscode.Disposable(() => {
      const i = this.flowRanListeners.indexOf(listener);
      if (i >= 0) this.flowRanListeners.splice(i, 1);
    });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    for (const s of this.subscriptions) s.dispose();
    if (this.client?.isRunning()) await this.client.stop();
  }
}
