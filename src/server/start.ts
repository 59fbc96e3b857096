// The language server proper, over any connection: IPC from VS Code (server.ts) or stdio from
// `tcpflow lsp --stdio` (the CLI). Open documents are run on the engine after each change, in a
// worker thread (run-pool.ts) so this thread keeps answering; the run's diagnostics are
// published and the run is announced for the panel.
import {
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_LIMITS } from '../runner/context';
import type { Diagnostic } from '../language/diagnostics/diagnostic';
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
import { registerRequests } from './requests';
import { RunScheduler, nodeTimer, type FlowRun } from './run-scheduler';
import { runStarter } from './run-starter';
import { runOptions } from './run-job';
import { DEFAULT_DIAGNOSTICS_DELAY_MS, diagnosticsDelay } from './settings';

export interface ServerOptions {
  /** Where docs/diagnostics.md lives; default: beside the running bundle's folder. */
  readonly diagnosticsDocUri?: string;
  /** Runs a script in this thread instead of a worker (tests pass a stand-in runner). */
  readonly run?: (source: string, fileName: string) => RunResult;
  /** The run worker's script; default: run-worker.js beside this bundle (tests pass their own). */
  readonly runWorkerFile?: string;
}

/**
 * How long after a run starts a hover still waits for it: a hover just after an edit shows the
 * new run's values; during a long run, hovers answer at once without them.
 */
export const HOVER_WAIT_MS = 250;

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const docUri = options.diagnosticsDocUri ?? diagnosticsDocFromBundle(__dirname);
  /** Settings the client sent at start (tcpflow.defaultProfile, tcpflow.limits.*). */
  let runSettings: RunSettings | undefined;
  const runs = runStarter({
    run: options.run,
    runWorkerFile: options.runWorkerFile,
    bundleDir: __dirname,
    fileNameOf,
    settings: () => runSettings,
  });
  let language: MessageLanguage = 'en';
  let delayMs = DEFAULT_DIAGNOSTICS_DELAY_MS;
  let canReadConfiguration = false;
  let canRefreshInlayHints = false;

  const publishDiagnostics = (uri: string, version: number, found: readonly Diagnostic[]): void => {
    const diagnostics = found.map((d) => toLspDiagnostic(d, { language, docUri }));
    void connection.sendDiagnostics({ uri, version, diagnostics });
  };
  /**
   * A run's diagnostics (unless they went ahead of it), then — in a later turn of the event loop,
   * so that a request waiting meanwhile is answered first — the run for the panel (for a big
   * run, writing it out is the longest thing this thread does).
   */
  const publish = (run: FlowRun, diagnosticsSent: boolean): void => {
    if (!diagnosticsSent) publishDiagnostics(run.uri, run.version, run.result.diagnostics);
    if (canRefreshInlayHints) void connection.languages.inlayHint.refresh();
    const params: FlowRanParams = { uri: run.uri, version: run.version, result: run.result };
    setImmediate(() => {
      try {
        connection.sendNotification(FlowRanNotification, params).catch(() => undefined);
      } catch {
        // the connection closed meanwhile (shutdown): nobody is listening
      }
    });
  };

  const scheduler = new RunScheduler({
    startTimer: nodeTimer,
    delay: () => delayMs,
    document: (uri) => documents.get(uri),
    run: runs.start,
    publish,
    publishDiagnostics,
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
    runs.warm();
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
    runs.forget(e.document.uri);
    features.forget(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  const features = registerFeatures(connection, {
    documents,
    currentRun: async (uri, version) => resultOf(await scheduler.current(uri), version),
    briefRun: async (uri, version) => {
      const run = scheduler.current(uri); // starts the run now if it is only pending
      const waited = Date.now() - (runs.startedAt(uri) ?? Date.now());
      return resultOf(await Promise.race([run, after(Math.max(0, HOVER_WAIT_MS - waited))]), version);
    },
    readyRun: (uri) => scheduler.ready(uri)?.result,
    language: () => language,
    maxScriptBytes: () => runOptions('', runSettings).limits?.maxScriptBytes ?? DEFAULT_LIMITS.maxScriptBytes,
  });
  connection.onRequest(RunFlowRequest, async (params: RunFlowParams): Promise<RunFlowResult> => (await scheduler.current(params.uri))?.result ?? null);
  registerRequests(connection, documents, runs, () => language);
  connection.onShutdown(() => {
    scheduler.dispose();
    runs.dispose();
  });

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

/** The run's result if it is of `version`. */
function resultOf(run: FlowRun | undefined, version: number): RunResult | undefined {
  return run?.version === version ? run.result : undefined;
}

/** Resolves with undefined after `ms` (an unref'd timer: it never keeps the process alive). */
function after(ms: number): Promise<undefined> {
  return new Promise((resolve) => setTimeout(() => resolve(undefined), ms).unref());
}
