// The language client: starts dist/server.js over IPC and tells it the message language
// (tcpflow.messageLanguage, `auto` = VS Code's display language) and the run settings, so
// diagnostics arrive in English or Simplified Chinese. Restarts when those settings change.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
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
  private readonly client: LanguageClient;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(context: vscode.ExtensionContext) {
    const module = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath;
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [{ language: 'tcpflow' }, { language: 'packetdrill' }],
      initializationOptions: () => ({ locale: this.locale(), ...this.settings() }),
      synchronize: { configurationSection: 'tcpflow' },
    };
    this.client = new LanguageClient('tcpflow', vscode.l10n.t('TCP Flow Language Server'), serverOptions, clientOptions);
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (RESTART_ON.some((section) => e.affectsConfiguration(section)) && this.client.isRunning()) void this.client.restart();
      }),
    );
  }

  start(): Promise<void> {
    return this.client.start();
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
    return this.client.sendRequest<RunFlowResult>(RunFlowRequest, params);
  }

  /** Runs a script given by its text (a test in the Test Explorer). */
  async checkScript(text: string, fileName: string): Promise<CheckScriptResult> {
    const params: CheckScriptParams = { text, fileName, settings: this.settings() };
    return this.client.sendRequest<CheckScriptResult>(CheckScriptRequest, params);
  }

  /** The pcapng capture of the script's run (the open document's text, else `text`). */
  async exportPcap(uri: vscode.Uri, text: string): Promise<ExportPcapResult> {
    const params: ExportPcapParams = { uri: uri.toString(), text, settings: this.settings() };
    return this.client.sendRequest<ExportPcapResult>(ExportPcapRequest, params);
  }

  /** A capture's bytes → one of its connections as a script (`connection` is 1-based). */
  async importCapture(bytes: Uint8Array, fileName: string, connection?: number): Promise<ImportCaptureResult> {
    const params: ImportCaptureParams = { base64: Buffer.from(bytes).toString('base64'), fileName, ...(connection ? { connection } : {}) };
    return this.client.sendRequest<ImportCaptureResult>(ImportCaptureRequest, params);
  }

  /** Called after every run the server publishes. */
  onFlowRan(listener: (params: FlowRanParams) => void): vscode.Disposable {
    return this.client.onNotification(FlowRanNotification, listener);
  }

  async dispose(): Promise<void> {
    for (const s of this.subscriptions) s.dispose();
    if (this.client.isRunning()) await this.client.stop();
  }
}
