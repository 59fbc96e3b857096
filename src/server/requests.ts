// The requests that work outside the edit loop: `tcpflow/checkScript` (the Test Explorer runs
// a file by its text), `tcpflow/exportPcap` (the capture of a script's run, base64) and
// `tcpflow/importCapture` (a capture → a script). Settings arrive with each request and are
// checked here: a bad value is ignored. The two that run a script run it in a worker of its own
// (run-pool.ts), so this thread keeps answering: cancelling the request ends that worker (the
// answer is RequestCancelled), and a run that throws or a worker that dies is an error answer.
import { Buffer } from 'node:buffer';
import {
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Connection,
  type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CaptureError, importCapture } from '../import/index';
import {
  CheckScriptRequest,
  ExportPcapRequest,
  ImportCaptureRequest,
  type ImportCaptureParams,
  type ImportCaptureResult,
  type CheckScriptParams,
  type CheckScriptResult,
  type ExportPcapParams,
  type ExportPcapResult,
} from '../shared/protocol';
import { internalErrorDiagnostic } from './internal-error';
import type { MessageLanguage } from './locale';
import type { RunStarter } from './run-starter';
import type { Task } from './run-scheduler';

export { runOptions } from './run-job';

export function registerRequests(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  runs: Pick<RunStarter, 'check' | 'capture'>,
  language: () => MessageLanguage = () => 'en',
): void {
  connection.onRequest(ImportCaptureRequest, (params: ImportCaptureParams): ImportCaptureResult => importCaptureRequest(params));
  connection.onRequest(CheckScriptRequest, (params: CheckScriptParams, token): Promise<CheckScriptResult> =>
    answer(token, language, () =>
      runs.check({ source: String(params.text), fileName: String(params.fileName), settings: params.settings }, params.only === 'diagnostics' ? 'diagnostics' : undefined),
    ),
  );
  connection.onRequest(ExportPcapRequest, (params: ExportPcapParams, token): Promise<ExportPcapResult> => {
    const source = documents.get(params.uri)?.getText() ?? params.text ?? '';
    return answer(token, language, () => runs.capture({ source: String(source), fileName: fileNameOf(params.uri), settings: params.settings }));
  });
}

/**
 * The task's result as the request's answer: cancelling the request stops the task (the answer
 * is RequestCancelled); a task that fails (a bug, or its worker died) is an InternalError answer
 * worded as the INTERNAL-ERROR diagnostic, in the client's language.
 */
async function answer<T>(token: CancellationToken, language: () => MessageLanguage, start: () => Task<T>): Promise<T> {
  if (token.isCancellationRequested) throw cancelled();
  const task = start();
  const listener = token.onCancellationRequested(() => task.cancel());
  try {
    const result = await task.result;
    if (result === undefined) throw cancelled();
    return result;
  } catch (error) {
    if (error instanceof ResponseError) throw error;
    const d = internalErrorDiagnostic(error, 0);
    throw new ResponseError(ErrorCodes.InternalError, language() === 'zh' ? d.messageZh : d.message);
  } finally {
    listener.dispose();
  }
}

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'the run was cancelled');
}

function fileNameOf(uri: string): string {
  const last = String(uri).slice(String(uri).lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** `tcpflow/importCapture`: a corrupt capture is an answer with the offset, never an exception. */
export function importCaptureRequest(params: ImportCaptureParams): ImportCaptureResult {
  try {
    const r = importCapture(new Uint8Array(Buffer.from(params.base64, 'base64')), params.fileName, params.connection);
    return { script: r.script, connections: r.connections, chosen: r.chosen };
  } catch (e) {
    if (e instanceof CaptureError) return { script: '', connections: [], chosen: 0, error: { message: e.message, messageZh: e.messageZh, offset: e.offset } };
    throw e;
  }
}
