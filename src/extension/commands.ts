// The commands a user runs: "TCP Flow: Run" (also the CodeLens and the editor title button)
// and "TCP Flow: Show Panel".
import * as vscode from 'vscode';
import type { FlowClient } from './client';
import type { FlowPanels } from './panel';

export function registerCommands(client: FlowClient, panels: FlowPanels): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('tcpflow.run', (uri?: vscode.Uri) => runFlow(client, panels, uri)),
    vscode.commands.registerCommand('tcpflow.showPanel', (uri?: vscode.Uri) => showPanel(panels, uri)),
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

/** The script to act on: the given one, else the active editor's .tcpflow file. */
function scriptUri(uri?: vscode.Uri): vscode.Uri | undefined {
  if (uri instanceof vscode.Uri) return uri;
  const document = vscode.window.activeTextEditor?.document;
  if (document?.languageId === 'tcpflow') return document.uri;
  void vscode.window.showInformationMessage(vscode.l10n.t('Open a .tcpflow file to run it.'));
  return undefined;
}
