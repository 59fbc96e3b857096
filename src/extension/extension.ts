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

export async function activate(context: vscode.ExtensionContext): Promise<void> {
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
  await flowClient.start();
}

export async function deactivate(): Promise<void> {
  await client?.dispose();
  client = undefined;
}
