// The messages between the language server and its run worker (run-worker.ts), both ways plain
// data. The server posts one RunRequest at a time; the worker answers with
//   - a trace as JSON text, its diagnostics apart from the rest (a string crosses the thread
//     boundary as one copy, and JSON.parse on the server's thread is about three times cheaper
//     than unpacking a structured clone of a big trace; the diagnostics, a small part of a big
//     run, are unpacked and published before the rest),
//   - a run's pcapng capture already in base64 (`want: 'pcap'`: the answer to
//     `tcpflow/exportPcap` is base64 anyway, so the worker encodes it and the server's thread
//     only passes a string on),
//   - or the error a run threw.
// `serveRuns` is the worker's side, shared with the test workers.
import { Buffer } from 'node:buffer';
import { toPcapng } from '../export/pcapng';
import type { RunResult } from '../runner/trace';
import type { RunJob } from './run-job';

/** What the server wants back: the run's trace, only its diagnostics (an empty trace), or its capture. */
export type RunWant = 'trace' | 'diagnostics' | 'pcap';

export interface RunRequest {
  readonly id: number;
  readonly job: RunJob;
  /** Absent: 'trace'. */
  readonly want?: RunWant;
}

/** The capture of a run: the pcapng file in base64 and how many packets it holds. */
export interface RunCapture {
  readonly base64: string;
  readonly packets: number;
}

export type RunReply =
  /** A trace: its diagnostics and the rest of it, each as JSON text (the server publishes the diagnostics first). */
  | { readonly id: number; readonly ok: true; readonly diagnostics: string; readonly json: string }
  | { readonly id: number; readonly ok: true; readonly capture: RunCapture }
  | { readonly id: number; readonly ok: false; readonly message: string; readonly stack: string | undefined };

/** The worker's end of the channel (worker_threads' parentPort). */
export interface RunPort {
  on(event: 'message', listener: (request: RunRequest) => void): unknown;
  postMessage(reply: RunReply): void;
}

/** Answers every request on `port` with `run(job)` (or its capture), one after another. */
export function serveRuns(port: RunPort, run: (job: RunJob) => RunResult): void {
  port.on('message', (request: RunRequest) => {
    let reply: RunReply;
    try {
      const result = run(request.job);
      if (request.want === 'pcap') reply = { id: request.id, ok: true, capture: captureOf(result) };
      else reply = { id: request.id, ok: true, ...traceOf(request.want === 'diagnostics' ? diagnosticsOnly(result) : result) };
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      reply = { id: request.id, ok: false, message: e.message, stack: e.stack };
    }
    port.postMessage(reply);
  });
}

/** A trace as the server unpacks it: the diagnostics, then the rest. */
function traceOf(result: RunResult): { readonly diagnostics: string; readonly json: string } {
  const { diagnostics, ...rest } = result;
  return { diagnostics: JSON.stringify(diagnostics), json: JSON.stringify(rest) };
}

/** The run without its trace: its diagnostics, title, profile, seed, endpoints, symbols and duration. */
export function diagnosticsOnly(result: RunResult): RunResult {
  return { ...result, packets: [], states: [], tlsStates: [], timers: [], keylog: [] };
}

/** The run's pcapng capture, as `tcpflow/exportPcap` answers it. */
export function captureOf(result: RunResult): RunCapture {
  const bytes = toPcapng(result);
  return { base64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'), packets: result.packets.length };
}

/** A reply from the worker, checked (it crossed a thread boundary). */
export function isRunReply(value: unknown): value is RunReply {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { readonly id?: unknown; readonly ok?: unknown; readonly json?: unknown; readonly diagnostics?: unknown; readonly capture?: unknown; readonly message?: unknown };
  if (typeof v.id !== 'number') return false;
  if (v.ok === false) return typeof v.message === 'string';
  return v.ok === true && ((typeof v.json === 'string' && typeof v.diagnostics === 'string') || isRunCapture(v.capture));
}

function isRunCapture(value: unknown): value is RunCapture {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as { readonly base64?: unknown; readonly packets?: unknown };
  return typeof c.base64 === 'string' && typeof c.packets === 'number';
}
