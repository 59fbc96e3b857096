// Runs jobs in worker threads (run-worker.ts), so a run never blocks the server's thread and can
// be stopped: cancelling a run ends its worker. One idle worker is kept warm for the next run
// (starting one costs tens of ms: it loads the engine); a worker that was cancelled, crashed or
// whose run threw is never reused, and the next run gets a fresh one. Every run has a worker of
// its own (concurrent runs — a document's and a Test Explorer check — never share one).
import { Worker } from 'node:worker_threads';
import type { Diagnostic } from '../language/diagnostics/diagnostic';
import type { RunResult } from '../runner/trace';
import type { RunJob } from './run-job';
import { isRunReply, type RunCapture, type RunReply, type RunRequest, type RunWant } from './run-worker-protocol';
import type { RunTask, Task } from './run-scheduler';

interface Pending {
  readonly id: number;
  /** The successful reply → what the task resolves with. */
  readonly resolve: (reply: RunReply & { readonly ok: true }) => void;
  readonly cancelled: () => void;
  readonly reject: (error: Error) => void;
}

export class RunWorkerPool {
  private idle: Worker | undefined;
  private readonly busy = new Map<Worker, Pending>();
  private nextId = 1;

  /** `file`: the worker's script, our own bundle (never a path from a document or a setting). */
  constructor(private readonly file: string) {}

  /** Starts the idle worker now, so the first run does not wait for it. */
  warm(): void {
    this.idle ??= this.spawn();
  }

  /**
   * Runs the job; resolves with its trace (want `diagnostics`: an empty one). Its diagnostics
   * come first (the task's `diagnostics`, a small part of a big run's reply), so that they are
   * published before the rest of the trace is unpacked, in a later turn of the event loop (a
   * request waiting meanwhile is answered first).
   */
  start(job: RunJob, want: 'trace' | 'diagnostics' = 'trace'): RunTask {
    let early: (diagnostics: readonly Diagnostic[] | undefined) => void = () => undefined;
    const diagnostics = new Promise<readonly Diagnostic[] | undefined>((resolve) => (early = resolve));
    const task = this.post(job, want, (reply) => {
      if (!('json' in reply)) return undefined;
      const parsed = JSON.parse(reply.diagnostics) as readonly Diagnostic[];
      early(parsed);
      return nextTurn().then(() => ({ ...(JSON.parse(reply.json) as Omit<RunResult, 'diagnostics'>), diagnostics: parsed }));
    });
    const none = (): void => early(undefined); // cancelled or failed: no early diagnostics
    void task.result.then(none, none);
    return { ...task, diagnostics };
  }

  /** Runs the job; resolves with its pcapng capture (base64, made in the worker). */
  capture(job: RunJob): Task<RunCapture> {
    return this.post(job, 'pcap', (reply) => ('capture' in reply ? reply.capture : undefined));
  }

  /** Workers busy with a run right now (for tests and the bench). */
  get running(): number {
    return this.busy.size;
  }

  dispose(): void {
    const workers = [...this.busy.keys(), ...(this.idle !== undefined ? [this.idle] : [])];
    for (const [, pending] of this.busy) pending.cancelled();
    this.busy.clear();
    this.idle = undefined;
    for (const worker of workers) void worker.terminate();
  }

  /** Posts the job to a worker of its own; `decode` reads the reply (undefined: a reply of the wrong kind, a bug). */
  private post<T>(job: RunJob, want: RunWant, decode: (reply: RunReply & { readonly ok: true }) => T | Promise<T> | undefined): Task<T> {
    const worker = this.idle ?? this.spawn();
    this.idle = undefined;
    const id = this.nextId++;
    const result = new Promise<T | undefined>((resolve, reject) => {
      const answered = (reply: RunReply & { readonly ok: true }): void => {
        const value = decode(reply);
        if (value !== undefined) Promise.resolve(value).then(resolve, reject);
        else reject(new Error('the run worker answered with the wrong kind of result'));
      };
      this.busy.set(worker, { id, resolve: answered, cancelled: () => resolve(undefined), reject });
    });
    const request: RunRequest = { id, job, want };
    worker.postMessage(request);
    return { result, cancel: () => this.cancel(worker, id) };
  }

  private spawn(): Worker {
    // stdout is taken and never read, so nothing a worker prints can reach `lsp --stdio`'s channel.
    const worker = new Worker(this.file, { stdout: true });
    worker.on('message', (message: unknown) => this.replied(worker, message));
    worker.on('error', (error: Error) => this.lost(worker, error));
    worker.on('exit', (code: number) => this.lost(worker, new Error(`the run worker stopped (exit code ${code})`)));
    worker.unref(); // after the listeners (adding one refs it again): a worker never keeps the process alive
    return worker;
  }

  private replied(worker: Worker, message: unknown): void {
    const pending = this.busy.get(worker);
    if (pending === undefined || !isRunReply(message) || message.id !== pending.id) return;
    this.busy.delete(worker);
    if (message.ok) {
      this.park(worker);
      try {
        pending.resolve(message);
      } catch (error) {
        pending.reject(error instanceof Error ? error : new Error(String(error)));
      }
    } else {
      void worker.terminate();
      const error = new Error(message.message);
      if (message.stack !== undefined) error.stack = message.stack;
      pending.reject(error);
    }
  }

  /** The worker crashed or stopped: its run (if any) failed, and it is not reused. */
  private lost(worker: Worker, error: Error): void {
    if (this.idle === worker) this.idle = undefined;
    const pending = this.busy.get(worker);
    if (pending === undefined) return;
    this.busy.delete(worker);
    pending.reject(error);
  }

  private cancel(worker: Worker, id: number): void {
    const pending = this.busy.get(worker);
    if (pending === undefined || pending.id !== id) return;
    this.busy.delete(worker);
    void worker.terminate();
    pending.cancelled();
    this.warm(); // the next run (the newer text) should not wait for a worker to start
  }

  private park(worker: Worker): void {
    if (this.idle === undefined) this.idle = worker;
    else void worker.terminate();
  }
}

/** Resolves in a later turn of the event loop, after the I/O (requests) waiting now. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
