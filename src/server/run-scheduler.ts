// When to run a document: a short quiet period after the last change (debounce), never a run
// whose document has moved on (a stale run publishes nothing, and is stopped when the newer
// text's run starts), and the latest published run per document kept for the features and the
// panel. Runs are asynchronous (a worker thread, see run-pool.ts); the clock is passed in, so
// tests drive it by hand.
import type { Diagnostic } from '../language/diagnostics/diagnostic';
import type { RunResult } from '../runner/trace';
import { internalErrorResult } from './internal-error';

/** Starts a one-shot timer; returns the function that cancels it. */
export type StartTimer = (callback: () => void, ms: number) => () => void;

export const nodeTimer: StartTimer = (callback, ms) => {
  const handle = setTimeout(callback, ms);
  return () => clearTimeout(handle);
};

/** The parts of an open document a run needs. */
export interface FlowDocument {
  readonly uri: string;
  readonly version: number;
  getText(): string;
}

/** One finished run of one version of a document. */
export interface FlowRun {
  readonly uri: string;
  readonly version: number;
  readonly result: RunResult;
}

/** Work under way in a worker: its result (undefined once cancelled; a rejection is a bug) and how to stop it. */
export interface Task<T> {
  readonly result: Promise<T | undefined>;
  cancel(): void;
}

/** A run under way; a worker's run tells its diagnostics first (undefined if it was stopped or failed). */
export interface RunTask extends Task<RunResult> {
  readonly diagnostics?: Promise<readonly Diagnostic[] | undefined>;
}

/** Starts running a document's text. */
export type StartRun = (source: string, uri: string) => RunTask;

/** A run in this thread (tests, and stand-in runners): done before it returns, cannot be stopped. */
export function inlineRun(run: (source: string, uri: string) => RunResult): StartRun {
  return (source, uri) => inlineTask(() => run(source, uri));
}

/** Work done in this thread before it returns (a throw becomes the rejection); cannot be stopped. */
export function inlineTask<T>(work: () => T): Task<T> {
  let result: Promise<T | undefined>;
  try {
    result = Promise.resolve(work());
  } catch (error) {
    result = Promise.reject(error);
  }
  return { result, cancel: () => undefined };
}

export interface RunSchedulerOptions {
  readonly startTimer: StartTimer;
  /** The debounce delay in ms, read at each change (it is a user setting). */
  readonly delay: () => number;
  /** The open document for a uri as it is now, or undefined once closed. */
  readonly document: (uri: string) => FlowDocument | undefined;
  /** Starts a run of the script. A run that fails is a bug: it becomes an INTERNAL-ERROR diagnostic. */
  readonly run: StartRun;
  /** Called with every run that is still current; `diagnosticsSent`: publishDiagnostics already had its diagnostics. */
  readonly publish: (run: FlowRun, diagnosticsSent: boolean) => void;
  /** Called with a run's diagnostics when they come ahead of the rest of it, if it is still current. */
  readonly publishDiagnostics?: (uri: string, version: number, diagnostics: readonly Diagnostic[]) => void;
  readonly onInternalError?: (error: unknown, uri: string) => void;
}

interface InFlight {
  readonly version: number;
  readonly task: RunTask;
  readonly done: Promise<FlowRun | undefined>;
}

export class RunScheduler {
  private readonly pending = new Map<string, () => void>();
  private readonly inFlight = new Map<string, InFlight>();
  private readonly latest = new Map<string, FlowRun>();

  constructor(private readonly options: RunSchedulerOptions) {}

  /** The document changed: run it once it has been quiet for the configured delay. */
  schedule(uri: string): void {
    this.cancelTimer(uri);
    const delay = Math.max(0, this.options.delay());
    const cancel = this.options.startTimer(() => {
      this.pending.delete(uri);
      void this.runNow(uri);
    }, delay);
    this.pending.set(uri, cancel);
  }

  /**
   * Runs the document as it is now (cancelling a pending timer, and stopping a run of an older
   * version). Resolves with the run, or undefined if the document is not open or the run was
   * stopped because the text moved on.
   */
  runNow(uri: string): Promise<FlowRun | undefined> {
    this.cancelTimer(uri);
    const doc = this.options.document(uri);
    if (doc === undefined) return Promise.resolve(undefined);
    const running = this.inFlight.get(uri);
    if (running !== undefined && running.version === doc.version) return running.done;
    running?.task.cancel();
    const version = doc.version;
    const source = doc.getText();
    const task = this.options.run(source, uri);
    let sent = false; // this task's diagnostics were published ahead of the rest
    void task.diagnostics
      ?.then((diagnostics) => {
        if (diagnostics === undefined || this.inFlight.get(uri)?.task !== task || this.options.document(uri)?.version !== version) return;
        this.options.publishDiagnostics?.(uri, version, diagnostics);
        sent = this.options.publishDiagnostics !== undefined;
      })
      .catch(() => undefined); // a publish that throws (the connection closed) is not a crash; the run publishes in full
    const done = task.result.then(
      (result) => ({ result, sent }),
      (error: unknown) => {
        this.options.onInternalError?.(error, uri);
        return { result: internalErrorResult(error, source), sent: false };
      },
    ).then(({ result, sent }) => this.finished(uri, version, task, result, sent));
    this.inFlight.set(uri, { version, task, done });
    return done;
  }

  /** The run of the document as it is now, running it if there is none (or it is out of date). */
  current(uri: string): Promise<FlowRun | undefined> {
    const ready = this.ready(uri);
    if (ready !== undefined || this.options.document(uri) === undefined) return Promise.resolve(ready ?? this.latest.get(uri));
    return this.runNow(uri);
  }

  /** The run of the document as it is now, if it is already there (never runs anything). */
  ready(uri: string): FlowRun | undefined {
    const run = this.latest.get(uri);
    return run !== undefined && run.version === this.options.document(uri)?.version && !this.pending.has(uri) ? run : undefined;
  }

  /** The latest published run, whatever version it was of (never runs anything). */
  latestRun(uri: string): FlowRun | undefined {
    return this.latest.get(uri);
  }

  isPending(uri: string): boolean {
    return this.pending.has(uri);
  }

  /** Whether a run of the document is under way. */
  isRunning(uri: string): boolean {
    return this.inFlight.has(uri);
  }

  /** The document was closed. */
  forget(uri: string): void {
    this.cancelTimer(uri);
    this.inFlight.get(uri)?.task.cancel();
    this.inFlight.delete(uri);
    this.latest.delete(uri);
  }

  dispose(): void {
    for (const cancel of this.pending.values()) cancel();
    for (const running of this.inFlight.values()) running.task.cancel();
    this.pending.clear();
    this.inFlight.clear();
    this.latest.clear();
  }

  private finished(uri: string, version: number, task: RunTask, result: RunResult | undefined, diagnosticsSent: boolean): FlowRun | undefined {
    if (this.inFlight.get(uri)?.task === task) this.inFlight.delete(uri);
    if (result === undefined) return undefined; // stopped: a newer text's run replaced it
    const run: FlowRun = { uri, version, result };
    if (this.options.document(uri)?.version !== version) return run; // stale: the text moved on
    this.latest.set(uri, run);
    this.options.publish(run, diagnosticsSent);
    return run;
  }

  private cancelTimer(uri: string): void {
    const cancel = this.pending.get(uri);
    if (cancel !== undefined) {
      cancel();
      this.pending.delete(uri);
    }
  }
}
