// "TCP Flow: Open Capture as Flow": pick a pcap/pcapng, choose one of its TCP connections, and
// open the script the server generated for it in a new editor (nothing is written to disk).
import * as vscode from 'vscode';
import type { FlowClient } from './client';

export async function openCapture(client: FlowClient): Promise<void> {
  const [file] =
    (await vscode.window.showOpenDialog({
      canSelectMany: false,
      filters: { [vscode.l10n.t('Packet capture')]: ['pcap', 'pcapng', 'cap'] },
      openLabel: vscode.l10n.t('Open as flow'),
    })) ?? [];
  if (!file) return;
  const bytes = await vscode.workspace.fs.readFile(file);
  const name = file.path.slice(file.path.lastIndexOf('/') + 1);
  let result = await client.importCapture(bytes, name);
  if (result.error) {
    const zh = vscode.env.language.toLowerCase().startsWith('zh');
    void vscode.window.showErrorMessage(vscode.l10n.t('TCP Flow: cannot import {0}: {1}', name, zh ? result.error.messageZh : result.error.message));
    return;
  }
  if (result.connections.length > 1) {
    const picked = await vscode.window.showQuickPick(
      result.connections.map((label, i) => ({ label, index: i + 1 })),
      { title: vscode.l10n.t('{0} has {1} TCP connections: which one?', name, result.connections.length) },
    );
    if (!picked) return;
    if (picked.index !== result.chosen) result = await client.importCapture(bytes, name, picked.index);
  }
  const document = await vscode.workspace.openTextDocument({ language: 'tcpflow', content: result.script });
  await vscode.window.showTextDocument(document);
}
