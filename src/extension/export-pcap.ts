// "TCP Flow: Export pcapng": asks where to save, has the server run the script and build the
// capture (`tcpflow/exportPcap`), writes it through workspace.fs and says where it went.
import * as vscode from 'vscode';
import type { FlowClient } from './client';
import { fileName, scriptText } from './script-text';

export async function exportPcap(client: FlowClient, script: vscode.Uri): Promise<void> {
  const destination = await vscode.window.showSaveDialog({
    defaultUri: script.scheme === 'untitled' ? undefined : script.with({ path: script.path.replace(/\.tcpflow$/i, '') + '.pcapng' }),
    filters: { [vscode.l10n.t('Packet capture (pcapng)')]: ['pcapng'] },
    saveLabel: vscode.l10n.t('Export'),
    title: vscode.l10n.t('Export the packets of {0} as pcapng', fileName(script)),
  });
  if (!destination) return;
  try {
    const capture = await client.exportPcap(script, await scriptText(script));
    await vscode.workspace.fs.writeFile(destination, Buffer.from(capture.base64, 'base64'));
    const where = destination.scheme === 'file' ? destination.fsPath : destination.toString(true);
    const openFolder = vscode.l10n.t('Open folder');
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Saved {0} packets to {1}', capture.packets, where), openFolder);
    if (choice === openFolder) await revealFile(destination);
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('TCP Flow: could not export the capture: {0}', error instanceof Error ? error.message : String(error)));
  }
}

/** Shows the saved file: in the Explorer when it is in the workspace, else in the OS's file manager. */
async function revealFile(uri: vscode.Uri): Promise<void> {
  if (vscode.workspace.getWorkspaceFolder(uri)) await vscode.commands.executeCommand('revealInExplorer', uri);
  else await vscode.commands.executeCommand('revealFileInOS', uri);
}
