// The requests that work outside the edit loop: `tcpflow/checkScript` (the Test Explorer runs
// a file by its text), `tcpflow/exportPcap` (the capture of a script's run, base64) and
// `tcpflow/importCapture` (a capture → a script). Settings arrive with each request and are
// checked here: a bad value is ignored.
import { Buffer } from 'node:buffer';
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { toPcapng } from '../export/pcapng';
import { runScript } from '../runner/index';
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
import { runOptions } from './run-job';

export { runOptions } from './run-job';

export function registerRequests(connection: Connection, documents: TextDocuments<TextDocument>): void {
  connection.onRequest(ImportCaptureRequest, (params: ImportCaptureParams): ImportCaptureResult => importCaptureRequest(params));
  connection.onRequest(CheckScriptRequest, (params: CheckScriptParams): CheckScriptResult =>
    runScript(String(params.text), runOptions(String(params.fileName), params.settings)),
  );
  connection.onRequest(ExportPcapRequest, (params: ExportPcapParams): ExportPcapResult => {
    const text = documents.get(params.uri)?.getText() ?? params.text ?? '';
    const result = runScript(text, runOptions(fileNameOf(params.uri), params.settings));
    return { base64: Buffer.from(toPcapng(result)).toString('base64'), packets: result.packets.length };
  });
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
