// A script's text as the user sees it: the open editor's (unsaved edits included), else the
// file's, read through workspace.fs so virtual workspaces work too.
import * as vscode from 'vscode';

export async function scriptText(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
}

/** `x y.tcpflow` for `…/x%20y.tcpflow`, as messages name the file. */
export function fileName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}
