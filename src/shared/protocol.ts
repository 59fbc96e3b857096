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

/** A state machine as plain data (src/export/state-graph.ts): what the panel's state diagrams draw. */
export interface StateGraphEdge {
  readonly from: string;
  readonly to: string;
  readonly event: string;
}
export interface StateGraph {
  readonly initial: string;
  readonly states: readonly string[];
  readonly edges: readonly StateGraphEdge[];
}

export type HostToPanel =
  | {
      readonly type: 'trace';
      readonly uri: string;
      readonly fileName: string;
      readonly result: RunResult;
      readonly locale: string;
      /** The engine's TCP connection machine, for the state diagram (absent: no diagram). */
      readonly stateGraph?: StateGraph;
      /** The engine's TLS handshake machines the run used, by machine id (`tls13-client`, …). */
      readonly tlsGraphs?: Readonly<Record<string, StateGraph>>;
    }
  | { readonly type: 'cursor'; readonly line: number };

/** What the panel's export buttons hand the host: SVG text, a PNG as a data: URL, or Mermaid text. */
export type ExportFormat = 'svg' | 'png' | 'mermaid';

export type PanelToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'revealLine'; readonly line: number }
  | { readonly type: 'export'; readonly format: ExportFormat; readonly data: string };

// ---- Requests that run a script by its text or export a run (src/server/requests.ts) ----

/** The run settings the extension passes along (tcpflow.defaultProfile, tcpflow.limits.*). */
export interface RunSettings {
  readonly defaultProfile?: 'linux' | 'rfc9293';
  readonly limits?: {
    readonly maxEvents?: number;
    readonly maxVirtualSeconds?: number;
    readonly maxPackets?: number;
    readonly maxRepeat?: number;
    readonly maxPayloadBytes?: number;
    readonly maxDiagnostics?: number;
    readonly maxScriptBytes?: number;
  };
}

/** Request: run this text (a file that may not be open, e.g. a test in the Test Explorer). */
export const CheckScriptRequest = 'tcpflow/checkScript';
export interface CheckScriptParams {
  readonly text: string;
  /** Shown in messages (`handshake.tcpflow`). */
  readonly fileName: string;
  readonly settings?: RunSettings;
  /**
   * `diagnostics`: only the diagnostics are wanted (the Test Explorer): the answer's packets,
   * states, TLS states, timers and key log are empty, so a big run's trace is not sent. Omitted:
   * the whole run.
   */
  readonly only?: 'diagnostics';
}
export type CheckScriptResult = RunResult;

/** Request: the pcapng capture of a script's run: the open document's text, else `text`. */
export const ExportPcapRequest = 'tcpflow/exportPcap';
export interface ExportPcapParams {
  readonly uri: string;
  /** The script's text, used when the server has no open document for `uri`. */
  readonly text?: string;
  readonly settings?: RunSettings;
}
export interface ExportPcapResult {
  /** The pcapng file, base64. */
  readonly base64: string;
  readonly packets: number;
}

/** Request: a capture (pcap/pcapng, base64) → one TCP connection as a .tcpflow script. */
export const ImportCaptureRequest = 'tcpflow/importCapture';
export interface ImportCaptureParams {
  readonly base64: string;
  readonly fileName: string;
  /** 1-based connection number; omitted: the first. */
  readonly connection?: number;
}
export interface ImportCaptureResult {
  /** The script, or '' when the capture could not be read (then `error` says why). */
  readonly script: string;
  readonly connections: readonly string[];
  readonly chosen: number;
  readonly error?: { readonly message: string; readonly messageZh: string; readonly offset: number };
}
