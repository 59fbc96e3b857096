// Activation: the language client, the flow panels, the commands, the CodeLens, the Test
// Explorer's controller and the status bar item.
import * as vscode from 'vscode';
import { FlowClient } from './client';
import { RunFlowCodeLensProvider } from './codelens';
import { registerCommands } from './commands';
import { FlowPanels } from './panel';
import { LastRunStatus } from './status-bar';
import { FlowTests } from './testing';

let client: FlowClient | undefined;
let pendingStart: NodeJS.Immediate | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const flowClient = new FlowClient(context);
  client = flowClient;
  const panels = new FlowPanels(context.extensionUri, flowClient);
  const status = new LastRunStatus();
  const tests = new FlowTests(flowClient);
  context.subscriptions.push(
    panels,
    status,
    tests,
    ...registerCommands(flowClient, panels, context.extensionUri),
    vscode.languages.registerCodeLensProvider({ language: 'tcpflow' }, new RunFlowCodeLensProvider()),
    flowClient.onFlowRan((params) => {
      panels.showTrace(params.uri, params.result);
      status.update(params.uri, params.result);
    }),
  );
  void tests.discover();
  // Start the language server after activation returns (see client.ts): activation stays short.
  pendingStart = setImmediate(() => {
    pendingStart = undefined;
    flowClient.start().catch((error: unknown) => {
      void vscode.window.showErrorMessage(vscode.l10n.t('TCP Flow: the language server did not start: {0}', error instanceof Error ? error.message : String(error)));
    });
  });
}

export async function deactivate(): Promise<void> {
  // Deactivated before the deferred start ran: never fork the server at all.
  if (pendingStart) clearImmediate(pendingStart);
  pendingStart = undefined;
  await client?.dispose();
  client = undefined;
}
