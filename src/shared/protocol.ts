// Every message that crosses a process or frame boundary, typed once: the extension host, the
// language server and the panel import this file and nothing else from each other.
import type { RunResult } from '../runner/trace';

// ---- Language server ↔ extension (custom LSP requests and notifications) ----

/** Request: run the document as it is now in the editor and return the trace. */
export const RunFlowRequest = 'tcpflow/runFlow';
export interface RunFlowParams {
  readonly uri: string;
}
export type RunFlowResult = RunResult | null;

/** Notification from the server: a document was (re)run; the panel may refresh. */
export const FlowRanNotification = 'tcpflow/flowRan';
export interface FlowRanParams {
  readonly uri: string;
  readonly version: number;
  readonly result: RunResult;
}

// ---- Extension host ↔ panel (webview postMessage) ----

export type HostToPanel =
  | { readonly type: 'trace'; readonly uri: string; readonly fileName: string; readonly result: RunResult; readonly locale: string }
  | { readonly type: 'cursor'; readonly line: number };

export type PanelToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'revealLine'; readonly line: number };
