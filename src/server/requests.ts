// The two requests that run a script outside the edit loop: `tcpflow/checkScript` (the Test
// Explorer runs a file by its text) and `tcpflow/exportPcap` (the capture of a script's run,
// base64). Settings arrive with each request and are checked here: a bad value is ignored.
import { Buffer } from 'node:buffer';
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { toPcapng } from '../export/pcapng';
import type { RunLimits } from '../runner/context';
import { runScript, type RunOptions } from '../runner/index';
import {
  CheckScriptRequest,
  ExportPcapRequest,
  type CheckScriptParams,
  type CheckScriptResult,
  type ExportPcapParams,
  type ExportPcapResult,
  type RunSettings,
} from '../shared/protocol';

export function registerRequests(connection: Connection, documents: TextDocuments<TextDocument>): void {
  connection.onRequest(CheckScriptRequest, (params: CheckScriptParams): CheckScriptResult =>
    runScript(String(params.text), runOptions(String(params.fileName), params.settings)),
  );
  connection.onRequest(ExportPcapRequest, (params: ExportPcapParams): ExportPcapResult => {
    const text = documents.get(params.uri)?.getText() ?? params.text ?? '';
    const result = runScript(text, runOptions(fileNameOf(params.uri), params.settings));
    return { base64: Buffer.from(toPcapng(result)).toString('base64'), packets: result.packets.length };
  });
}

const LIMIT_KEYS: readonly (keyof RunLimits)[] = ['maxEvents', 'maxVirtualSeconds', 'maxPackets', 'maxRepeat'];

/** RunOptions from the settings a client sent: unknown profiles and non-positive limits are dropped. */
export function runOptions(fileName: string, settings: RunSettings | undefined): RunOptions {
  const profile = settings?.defaultProfile;
  const limits: Partial<Record<keyof RunLimits, number>> = {};
  for (const key of LIMIT_KEYS) {
    const value: unknown = settings?.limits?.[key];
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) limits[key] = value;
  }
  return {
    fileName,
    limits,
    ...(profile === 'linux' || profile === 'rfc9293' ? { defaultProfile: profile } : {}),
  };
}

function fileNameOf(uri: string): string {
  const last = String(uri).slice(String(uri).lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
