// The Test Explorer: every .tcpflow file in the workspace is a test. Running one runs its text
// on the server (`tcpflow/checkScript`) and passes when the run gives the outcome its
// `# outcome:` header promises (without a header: when there is no error). A failure shows
// each diagnostic that broke the promise at its place, with the expected and actual outcome.
import * as vscode from 'vscode';
import type { RunResult } from '../runner/trace';
import type { FlowClient } from './client';
import { evaluateOutcome, type OutcomeVerdict } from '../runner/outcome';
import { fileName, scriptText } from './script-text';
import { isChinese } from './settings';

const GLOB = '**/*.tcpflow';
const EXCLUDE = '**/node_modules/**';

export class FlowTests implements vscode.Disposable {
  private readonly controller = vscode.tests.createTestController('tcpflow', vscode.l10n.t('TCP Flow scripts'));
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly client: FlowClient) {
    const controller = this.controller;
    controller.resolveHandler = async (item) => {
      if (!item) await this.discover();
    };
    controller.refreshHandler = () => this.discover();
    controller.createRunProfile(vscode.l10n.t('Run'), vscode.TestRunProfileKind.Run, (request, token) => this.run(request, token), true);
    const watcher = vscode.workspace.createFileSystemWatcher(GLOB);
    this.subscriptions.push(
      controller,
      watcher,
      watcher.onDidCreate((uri) => this.add(uri)),
      watcher.onDidDelete((uri) => controller.items.delete(uri.toString())),
      watcher.onDidChange((uri) => {
        const item = controller.items.get(uri.toString());
        if (item) controller.invalidateTestResults(item);
      }),
    );
  }

  /** Finds every .tcpflow file in the workspace (replacing what was found before). */
  async discover(): Promise<void> {
    const uris = await vscode.workspace.findFiles(GLOB, EXCLUDE);
    this.controller.items.replace(uris.map((uri) => this.item(uri)));
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }

  private add(uri: vscode.Uri): void {
    if (!this.controller.items.get(uri.toString())) this.controller.items.add(this.item(uri));
  }

  private item(uri: vscode.Uri): vscode.TestItem {
    const item = this.controller.createTestItem(uri.toString(), vscode.workspace.asRelativePath(uri, false), uri);
    item.range = new vscode.Range(0, 0, 0, 0);
    return item;
  }

  private async run(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
    const run = this.controller.createTestRun(request);
    const queue: vscode.TestItem[] = [];
    if (request.include) queue.push(...request.include);
    else this.controller.items.forEach((item) => queue.push(item));
    const excluded = new Set((request.exclude ?? []).map((item) => item.id));
    for (const item of queue.filter((i) => !excluded.has(i.id))) {
      if (token.isCancellationRequested) {
        run.skipped(item);
        continue;
      }
      await this.runOne(run, item, token);
    }
    run.end();
  }

  private async runOne(run: vscode.TestRun, item: vscode.TestItem, token: vscode.CancellationToken): Promise<void> {
    const uri = item.uri;
    if (!uri) return;
    run.started(item);
    const started = Date.now();
    try {
      const text = await scriptText(uri);
      const result = await this.client.checkScript(text, fileName(uri), token); // cancelling the test run stops the server's run
      const verdict = evaluateOutcome(text, result);
      if (verdict.passed) run.passed(item, Date.now() - started);
      else run.failed(item, failureMessages(uri, verdict, isChinese(this.client.locale())), Date.now() - started);
    } catch (error) {
      if (token.isCancellationRequested) return run.skipped(item);
      const message = vscode.l10n.t('Could not run {0}: {1}', fileName(uri), error instanceof Error ? error.message : String(error));
      run.errored(item, new vscode.TestMessage(message), Date.now() - started);
    }
  }
}

/** One message per diagnostic that broke the promise and per promised one that is missing. */
function failureMessages(uri: vscode.Uri, verdict: OutcomeVerdict, chinese: boolean): vscode.TestMessage[] {
  const messages: vscode.TestMessage[] = [];
  const at = (message: vscode.TestMessage, range: vscode.Range): vscode.TestMessage => {
    message.expectedOutput = verdict.expected;
    message.actualOutput = verdict.actual;
    message.location = new vscode.Location(uri, range);
    return message;
  };
  if (verdict.unreadable) {
    const line = verdict.unreadable.headerLine;
    const text = vscode.l10n.t('Unreadable outcome header "{0}": write "# outcome: pass" or "# outcome: error ID at LINE".', verdict.unreadable.text);
    messages.push(at(new vscode.TestMessage(text), new vscode.Range(line, 0, line, 0)));
  }
  for (const d of verdict.unexpected) messages.push(at(new vscode.TestMessage(diagnosticText(d, chinese)), rangeOf(d)));
  for (const e of verdict.missing) {
    const text =
      e.severity === 'error'
        ? vscode.l10n.t('Expected the error {0} on line {1}, but the run did not report it.', e.id, e.line)
        : vscode.l10n.t('Expected the warning {0} on line {1}, but the run did not report it.', e.id, e.line);
    const line = Math.max(e.line - 1, 0);
    messages.push(at(new vscode.TestMessage(text), new vscode.Range(line, 0, line, 0)));
  }
  if (messages.length === 0) messages.push(new vscode.TestMessage(vscode.l10n.t('The run did not give the expected outcome.')));
  return messages;
}

type Diagnostic = RunResult['diagnostics'][number];

function diagnosticText(d: Diagnostic, chinese: boolean): string {
  const message = chinese ? d.messageZh : d.message;
  return `${d.id}: ${message}${d.rfc ? ` (${d.rfc})` : ''}`;
}

function rangeOf(d: Diagnostic): vscode.Range {
  return new vscode.Range(d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character);
}
