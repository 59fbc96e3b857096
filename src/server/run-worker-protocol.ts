// The messages between the language server and its run worker (run-worker.ts), both ways plain
// data. The server posts one RunRequest at a time; the worker answers with the result as JSON
// text (a string crosses the thread boundary as one copy, and JSON.parse on the server's thread
// is about three times cheaper than unpacking a structured clone of a big trace), or with the
// error a run threw. `serveRuns` is the worker's side, shared with the test workers.
import type { RunResult } from '../runner/trace';
import type { RunJob } from './run-job';

export interface RunRequest {
  readonly id: number;
  readonly job: RunJob;
}

export type RunReply =
  | { readonly id: number; readonly ok: true; readonly json: string }
  | { readonly id: number; readonly ok: false; readonly message: string; readonly stack: string | undefined };

/** The worker's end of the channel (worker_threads' parentPort). */
export interface RunPort {
  on(event: 'message', listener: (request: RunRequest) => void): unknown;
  postMessage(reply: RunReply): void;
}

/** Answers every request on `port` with `run(job)`, one after another. */
export function serveRuns(port: RunPort, run: (job: RunJob) => RunResult): void {
  port.on('message', (request: RunRequest) => {
    let reply: RunReply;
    try {
      reply = { id: request.id, ok: true, json: JSON.stringify(run(request.job)) };
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      reply = { id: request.id, ok: false, message: e.message, stack: e.stack };
    }
    port.postMessage(reply);
  });
}

/** A reply from the worker, checked (it crossed a thread boundary). */
export function isRunReply(value: unknown): value is RunReply {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { readonly id?: unknown; readonly ok?: unknown; readonly json?: unknown; readonly message?: unknown };
  return typeof v.id === 'number' && (v.ok === true ? typeof v.json === 'string' : v.ok === false && typeof v.message === 'string');
}
