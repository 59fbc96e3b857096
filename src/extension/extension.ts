// Activation: the language client, the flow panels, the commands and the CodeLens.
import * as vscode from 'vscode';
import { FlowClient } from './client';
import { RunFlowCodeLensProvider } from './codelens';
import { registerCommands } from './commands';
import { FlowPanels } from './panel';

let client: FlowClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const flowClient = new FlowClient(context);
  client = flowClient;
  const panels = new FlowPanels(context.extensionUri, flowClient);
  context.subscriptions.push(
    panels,
    ...registerCommands(flowClient, panels),
    vscode.languages.registerCodeLensProvider({ language: 'tcpflow' }, new RunFlowCodeLensProvider()),
    flowClient.onFlowRan((params) => panels.showTrace(params.uri, params.result)),
  );
  await flowClient.start();
}

export async function deactivate(): Promise<void> {
  await client?.dispose();
  client = undefined;
}
