// The flow panels: one webview per script uri, opened beside the editor and reused. The host
// sends the panel the run's trace (when the panel is ready and after every run) and the
// editor's cursor line; the panel asks the host to reveal a script line.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { RunResult } from '../runner/trace';
import type { HostToPanel, PanelToHost } from '../shared/protocol';
import { tcpStateGraph, tlsStateGraphs } from '../export/state-graph';
import { panelHtml } from './panel-html';

export interface TraceSource {
  runFlow(uri: vscode.Uri): Promise<RunResult | null>;
}

class FlowPanel {
  private ready = false;
  private latest: RunResult | undefined;

  constructor(
    readonly uri: vscode.Uri,
    readonly webviewPanel: vscode.WebviewPanel,
    private readonly traces: TraceSource,
  ) {}

  post(message: HostToPanel): void {
    if (this.ready) void this.webviewPanel.webview.postMessage(message);
  }

  showTrace(result: RunResult): void {
    this.latest = result;
    this.post({
      type: 'trace',
      uri: this.uri.toString(),
      fileName: fileName(this.uri),
      result,
      locale: vscode.env.language,
      stateGraph: tcpStateGraph(),
      tlsGraphs: tlsStateGraphs(result),
    });
  }

  async onReady(): Promise<void> {
    this.ready = true;
    const result = this.latest ?? (await this.traces.runFlow(this.uri).catch(() => null));
    if (result) this.showTrace(result);
    const editor = editorFor(this.uri);
    if (editor) this.post({ type: 'cursor', line: editor.selection.active.line + 1 });
  }
}

export class FlowPanels implements vscode.Disposable {
  private readonly panels = new Map<string, FlowPanel>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly traces: TraceSource,
  ) {
    this.subscriptions.push(
      vscode.window.onDidChangeTextEditorSelection((e) => {
        const panel = this.panels.get(e.textEditor.document.uri.toString());
        const selection = e.selections[0];
        if (panel && selection) panel.post({ type: 'cursor', line: selection.active.line + 1 });
      }),
    );
  }

  /** Shows (creating or revealing) the panel for a script; returns once it exists. */
  show(uri: vscode.Uri): FlowPanel {
    const existing = this.panels.get(uri.toString());
    if (existing) {
      existing.webviewPanel.reveal(undefined, true);
      return existing;
    }
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    const webviewPanel = vscode.window.createWebviewPanel(
      'tcpflow.flow',
      vscode.l10n.t('Flow: {0}', fileName(uri)),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [media], retainContextWhenHidden: true },
    );
    const panel = new FlowPanel(uri, webviewPanel, this.traces);
    const webview = webviewPanel.webview;
    webview.html = panelHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'panel.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'panel.css')).toString(),
      nonce: randomBytes(16).toString('base64'),
      title: vscode.l10n.t('Flow: {0}', fileName(uri)),
    });
    webview.onDidReceiveMessage((message: PanelToHost) => this.onMessage(panel, message));
    webviewPanel.onDidDispose(() => this.panels.delete(uri.toString()));
    this.panels.set(uri.toString(), panel);
    return panel;
  }

  /** A run finished (or was requested): refresh the script's panel, if it has one. */
  showTrace(uri: string, result: RunResult): void {
    this.panels.get(uri)?.showTrace(result);
  }

  dispose(): void {
    for (const panel of this.panels.values()) panel.webviewPanel.dispose();
    this.panels.clear();
    for (const s of this.subscriptions) s.dispose();
  }

  private onMessage(panel: FlowPanel, message: PanelToHost): void {
    if (message.type === 'ready') void panel.onReady();
    else if (message.type === 'revealLine' && Number.isInteger(message.line) && message.line >= 1) void revealLine(panel.uri, message.line);
    else if (message.type === 'export' && typeof message.data === 'string') void exportDiagram(panel.uri, message.format, message.data);
  }
}

/** The panel's export buttons: Mermaid text to the clipboard, SVG/PNG through a save dialog. */
async function exportDiagram(uri: vscode.Uri, format: string, data: string): Promise<void> {
  if (format === 'mermaid') {
    await vscode.env.clipboard.writeText(data);
    void vscode.window.showInformationMessage(vscode.l10n.t('Mermaid sequence diagram copied to the clipboard.'));
    return;
  }
  if (format !== 'svg' && format !== 'png') return;
  const bytes = format === 'svg' ? Buffer.from(data, 'utf8') : Buffer.from(data.replace(/^data:image\/png;base64,/, ''), 'base64');
  const base = fileName(uri).replace(/\.tcpflow$/, '');
  const target = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(uri, '..', `${base}.${format}`),
    filters: format === 'svg' ? { SVG: ['svg'] } : { PNG: ['png'] },
  });
  if (target) await vscode.workspace.fs.writeFile(target, bytes);
}

/** Selects a script line (1-based) in its editor, opening the editor if it is not visible. */
async function revealLine(uri: vscode.Uri, line: number): Promise<void> {
  const editor = editorFor(uri) ?? (await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.One, preserveFocus: false }));
  const index = Math.min(line - 1, editor.document.lineCount - 1);
  const range = editor.document.lineAt(index).range;
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

function editorFor(uri: vscode.Uri): vscode.TextEditor | undefined {
  return vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
}

function fileName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}
