// The status bar item: the last run of the active script (`✓ 0 problems · 60.07 s virtual`,
// `✗ 1 error · …`); clicking it opens the script's panel.
import * as vscode from 'vscode';
import type { RunResult } from '../runner/trace';
import { summarizeRun, type RunSummary } from './run-summary';

export class LastRunStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('tcpflow.lastRun', vscode.StatusBarAlignment.Left, 0);
  private readonly runs = new Map<string, RunSummary>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor() {
    this.item.name = vscode.l10n.t('TCP Flow: last run');
    this.subscriptions.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      vscode.workspace.onDidCloseTextDocument((d) => this.runs.delete(d.uri.toString())),
    );
  }

  /** A run of `uri` finished. */
  update(uri: string, result: RunResult): void {
    this.runs.set(uri, summarizeRun(result));
    this.refresh();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }

  private refresh(): void {
    const document = vscode.window.activeTextEditor?.document;
    const summary = document?.languageId === 'tcpflow' ? this.runs.get(document.uri.toString()) : undefined;
    if (!document || !summary) {
      this.item.hide();
      return;
    }
    this.item.text = statusText(summary);
    this.item.tooltip = vscode.l10n.t('The last run of {0} on the simulated engine. Click to show its ladder diagram.', document.uri.path.slice(document.uri.path.lastIndexOf('/') + 1));
    this.item.command = { title: vscode.l10n.t('Show diagram'), command: 'tcpflow.showPanel', arguments: [document.uri] };
    this.item.backgroundColor = summary.errors > 0 ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.show();
  }
}

function statusText(s: RunSummary): string {
  if (s.errors > 0) {
    return s.errors === 1 ? vscode.l10n.t('✗ 1 error · {0} s virtual', s.seconds) : vscode.l10n.t('✗ {0} errors · {1} s virtual', s.errors, s.seconds);
  }
  if (s.warnings > 0) {
    return s.warnings === 1 ? vscode.l10n.t('⚠ 1 warning · {0} s virtual', s.seconds) : vscode.l10n.t('⚠ {0} warnings · {1} s virtual', s.warnings, s.seconds);
  }
  return vscode.l10n.t('✓ 0 problems · {0} s virtual', s.seconds);
}
