// The commands a user runs: "TCP Flow: Run" (also the CodeLens and the editor title button),
// "TCP Flow: Show Panel", "TCP Flow: Export pcapng" and "TCP Flow: Open Example" (the Get
// Started walkthrough's first step).
import * as vscode from 'vscode';
import type { FlowClient } from './client';
import { exportPcap } from './export-pcap';
import { openCapture } from './open-capture';
import type { FlowPanels } from './panel';

/** The example the walkthrough opens when it names none. */
const DEFAULT_EXAMPLE = '01-three-way-handshake.tcpflow';

export function registerCommands(client: FlowClient, panels: FlowPanels, extensionUri: vscode.Uri): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('tcpflow.run', (uri?: vscode.Uri) => runFlow(client, panels, uri)),
    vscode.commands.registerCommand('tcpflow.showPanel', (uri?: vscode.Uri) => showPanel(panels, uri)),
    vscode.commands.registerCommand('tcpflow.exportPcap', async (uri?: vscode.Uri) => {
      const target = scriptUri(uri);
      if (target) await exportPcap(client, target);
    }),
    vscode.commands.registerCommand('tcpflow.openExample', (name?: unknown) => openExample(extensionUri, name)),
    vscode.commands.registerCommand('tcpflow.openCapture', () => openCapture(client)),
  ];
}

/** Runs the script as it is in the editor now and shows its ladder beside it. */
async function runFlow(client: FlowClient, panels: FlowPanels, uri?: vscode.Uri): Promise<void> {
  const target = scriptUri(uri);
  if (!target) return;
  panels.show(target);
  try {
    const result = await client.runFlow(target);
    if (result) panels.showTrace(target.toString(), result);
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('TCP Flow: could not run the flow: {0}', error instanceof Error ? error.message : String(error)));
  }
}

function showPanel(panels: FlowPanels, uri?: vscode.Uri): void {
  const target = scriptUri(uri);
  if (target) panels.show(target);
}

/** Opens one of the examples bundled in the extension's `examples/` folder in the editor. */
async function openExample(extensionUri: vscode.Uri, name: unknown): Promise<void> {
  const file = typeof name === 'string' && /^[\w.-]+\.tcpflow$/.test(name) ? name : DEFAULT_EXAMPLE;
  const uri = vscode.Uri.joinPath(extensionUri, 'examples', file);
  try {
    await vscode.window.showTextDocument(uri, { preview: false });
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('TCP Flow: could not open the example {0}: {1}', file, error instanceof Error ? error.message : String(error)));
  }
}

/** The script to act on: the given one, else the active editor's .tcpflow file. */
function scriptUri(uri?: vscode.Uri): vscode.Uri | undefined {
  if (uri instanceof vscode.Uri) return uri;
  const document = vscode.window.activeTextEditor?.document;
  if (document?.languageId === 'tcpflow') return document.uri;
  void vscode.window.showInformationMessage(vscode.l10n.t('Open a .tcpflow file to run it.'));
  return undefined;
}
