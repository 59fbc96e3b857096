// The language server proper, over any connection: IPC from VS Code (server.ts) or stdio from
// `tcpflow lsp --stdio` (the CLI). Open documents are run on the engine after each change; the
// run's diagnostics are published and the run is announced for the panel.
import {
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkPacketdrill } from '../import/index';
import { emptyRun, runScript } from '../runner/index';
import type { RunResult } from '../runner/trace';
import {
  FlowRanNotification,
  RunFlowRequest,
  type FlowRanParams,
  type RunFlowParams,
  type RunFlowResult,
  type RunSettings,
} from '../shared/protocol';
import { diagnosticsDocFromBundle } from './docs-link';
import { localeFromInitializationOptions, messageLanguage, type MessageLanguage } from './locale';
import { toLspDiagnostic } from './lsp-diagnostic';
import { FEATURE_CAPABILITIES, registerFeatures } from './features/register';
import { registerRequests, runOptions } from './requests';
import { RunScheduler, nodeTimer, type FlowRun } from './run-scheduler';
import { DEFAULT_DIAGNOSTICS_DELAY_MS, diagnosticsDelay } from './settings';

export interface ServerOptions {
  /** Where docs/diagnostics.md lives; default: beside the running bundle's folder. */
  readonly diagnosticsDocUri?: string;
  /** Runs a script; default: the runner. (Tests pass their own.) */
  readonly run?: (source: string, fileName: string) => RunResult;
}

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const docUri = options.diagnosticsDocUri ?? diagnosticsDocFromBundle(__dirname);
  /** Settings the client sent at start (tcpflow.defaultProfile, tcpflow.limits.*). */
  let runSettings: RunSettings | undefined;
  const run =
    options.run ??
    ((source: string, fileName: string): RunResult =>
      // A packetdrill script is checked by converting it; its diagnostics point at its own lines.
      fileName.endsWith('.pkt') ? packetdrillRun(source) : runScript(source, runOptions(fileName, runSettings)));
  let language: MessageLanguage = 'en';
  let delayMs = DEFAULT_DIAGNOSTICS_DELAY_MS;
  let canReadConfiguration = false;
  let canRefreshInlayHints = false;

  const publish = (run: FlowRun): void => {
    const diagnostics = run.result.diagnostics.map((d) => toLspDiagnostic(d, { language, docUri }));
    void connection.sendDiagnostics({ uri: run.uri, version: run.version, diagnostics });
    const params: FlowRanParams = { uri: run.uri, version: run.version, result: run.result };
    void connection.sendNotification(FlowRanNotification, params);
    if (canRefreshInlayHints) void connection.languages.inlayHint.refresh();
  };

  const scheduler = new RunScheduler({
    startTimer: nodeTimer,
    delay: () => delayMs,
    document: (uri) => documents.get(uri),
    run: (source, uri) => run(source, fileNameOf(uri)),
    publish,
    onInternalError: (error, uri) =>
      connection.console.error(`tcpflow: run of ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  });

  const readSettings = async (): Promise<void> => {
    if (!canReadConfiguration) return;
    try {
      const value: unknown = await connection.workspace.getConfiguration('tcpflow.diagnostics');
      delayMs = diagnosticsDelay(typeof value === 'object' && value !== null ? (value as { readonly delay?: unknown }).delay : undefined);
    } catch {
      delayMs = DEFAULT_DIAGNOSTICS_DELAY_MS;
    }
  };

  connection.onInitialize((params): InitializeResult => {
    language = messageLanguage(localeFromInitializationOptions(params.initializationOptions) ?? params.locale);
    runSettings = params.initializationOptions as RunSettings | undefined;
    canReadConfiguration = params.capabilities.workspace?.configuration === true;
    canRefreshInlayHints = params.capabilities.workspace?.inlayHint?.refreshSupport === true;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        ...FEATURE_CAPABILITIES,
      },
      serverInfo: { name: 'tcpflow' },
    };
  });
  connection.onInitialized(() => void readSettings());
  connection.onDidChangeConfiguration(() => void readSettings());

  // Fired on open and on every change.
  documents.onDidChangeContent((e) => scheduler.schedule(e.document.uri));
  documents.onDidClose((e) => {
    scheduler.forget(e.document.uri);
    features.forget(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  const features = registerFeatures(connection, {
    documents,
    currentRun: (uri) => scheduler.current(uri)?.result,
    readyRun: (uri) => {
      const latest = scheduler.latestRun(uri);
      return latest !== undefined && latest.version === documents.get(uri)?.version ? latest.result : undefined;
    },
    language: () => language,
  });
  connection.onRequest(RunFlowRequest, (params: RunFlowParams): RunFlowResult => scheduler.current(params.uri)?.result ?? null);
  registerRequests(connection, documents);
  connection.onShutdown(() => scheduler.dispose());

  documents.listen(connection);
  connection.listen();
}

/** `file:///a/b/x%20y.tcpflow` → `x y.tcpflow`, as messages name the file. */
export function fileNameOf(uri: string): string {
  const last = uri.slice(uri.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** A .pkt document's "run": the conversion's UNSUPPORTED diagnostics, nothing drawn. */
function packetdrillRun(source: string): RunResult {
  return emptyRun(checkPacketdrill(source).diagnostics);
}
