// Runs jobs in worker threads (run-worker.ts), so a run never blocks the server's thread and can
// be stopped: cancelling a run ends its worker. One idle worker is kept warm for the next run
// (starting one costs tens of ms: it loads the engine); a worker that was cancelled, crashed or
// whose run threw is never reused, and the next run gets a fresh one.
import { Worker } from 'node:worker_threads';
import type { RunResult } from '../runner/trace';
import type { RunJob } from './run-job';
import { isRunReply, type RunRequest } from './run-worker-protocol';
import type { RunTask } from './run-scheduler';

interface Pending {
  readonly id: number;
  readonly resolve: (result: RunResult | undefined) => void;
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

  start(job: RunJob): RunTask {
    const worker = this.idle ?? this.spawn();
    this.idle = undefined;
    const id = this.nextId++;
    let pending: Pending | undefined;
    const result = new Promise<RunResult | undefined>((resolve, reject) => {
      pending = { id, resolve, reject };
    });
    if (pending !== undefined) this.busy.set(worker, pending);
    const request: RunRequest = { id, job };
    worker.postMessage(request);
    return { result, cancel: () => this.cancel(worker, id) };
  }

  /** Workers busy with a run right now (for tests and the bench). */
  get running(): number {
    return this.busy.size;
  }

  dispose(): void {
    const workers = [...this.busy.keys(), ...(this.idle !== undefined ? [this.idle] : [])];
    for (const [, pending] of this.busy) pending.resolve(undefined);
    this.busy.clear();
    this.idle = undefined;
    for (const worker of workers) void worker.terminate();
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
      pending.resolve(JSON.parse(message.json) as RunResult);
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
    pending.resolve(undefined);
    this.warm(); // the next run (the newer text) should not wait for a worker to start
  }

  private park(worker: Worker): void {
    if (this.idle === undefined) this.idle = worker;
    else void worker.terminate();
  }
}
