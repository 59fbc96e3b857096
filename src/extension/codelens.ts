// Above the first statement of every .tcpflow file: "▶ Run flow", "Show diagram", "Export pcap".
import * as vscode from 'vscode';
import { firstStatementLine } from './first-statement';

export class RunFlowCodeLensProvider implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const line = Math.min(firstStatementLine(document.getText()), Math.max(document.lineCount - 1, 0));
    const range = new vscode.Range(line, 0, line, 0);
    const lens = (title: string, tooltip: string, command: string): vscode.CodeLens =>
      new vscode.CodeLens(range, { title, tooltip, command, arguments: [document.uri] });
    return [
      lens(vscode.l10n.t('▶ Run flow'), vscode.l10n.t('Run this flow on the simulated TCP engine and show its ladder diagram'), 'tcpflow.run'),
      lens(vscode.l10n.t('Show diagram'), vscode.l10n.t('Show the ladder diagram of the latest run beside the editor'), 'tcpflow.showPanel'),
      lens(vscode.l10n.t('Export pcap'), vscode.l10n.t('Save the packets of this run as a pcapng file for Wireshark'), 'tcpflow.exportPcap'),
    ];
  }
}
