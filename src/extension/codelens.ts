// "▶ Run flow" above the first statement of every .tcpflow file.
import * as vscode from 'vscode';
import { firstStatementLine } from './first-statement';

export class RunFlowCodeLensProvider implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const line = Math.min(firstStatementLine(document.getText()), Math.max(document.lineCount - 1, 0));
    const range = new vscode.Range(line, 0, line, 0);
    return [
      new vscode.CodeLens(range, {
        title: vscode.l10n.t('▶ Run flow'),
        tooltip: vscode.l10n.t('Run this flow on the simulated TCP engine and show its ladder diagram'),
        command: 'tcpflow.run',
        arguments: [document.uri],
      }),
    ];
  }
}
