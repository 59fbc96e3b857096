// When to run a document: a short quiet period after the last change (debounce), never a run
// whose document has moved on (a stale run publishes nothing), and the latest published run
// per document kept for the panel. The clock is passed in, so tests drive it by hand.
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

export interface RunSchedulerOptions {
  readonly startTimer: StartTimer;
  /** The debounce delay in ms, read at each change (it is a user setting). */
  readonly delay: () => number;
  /** The open document for a uri as it is now, or undefined once closed. */
  readonly document: (uri: string) => FlowDocument | undefined;
  /** Runs the script. Throwing is a bug: it becomes an INTERNAL-ERROR diagnostic. */
  readonly run: (source: string, uri: string) => RunResult;
  /** Called with every run that is still current. */
  readonly publish: (run: FlowRun) => void;
  readonly onInternalError?: (error: unknown, uri: string) => void;
}

export class RunScheduler {
  private readonly pending = new Map<string, () => void>();
  private readonly latest = new Map<string, FlowRun>();

  constructor(private readonly options: RunSchedulerOptions) {}

  /** The document changed: run it once it has been quiet for the configured delay. */
  schedule(uri: string): void {
    this.cancel(uri);
    const delay = Math.max(0, this.options.delay());
    const cancel = this.options.startTimer(() => {
      this.pending.delete(uri);
      this.runNow(uri);
    }, delay);
    this.pending.set(uri, cancel);
  }

  /** Runs the document now (cancelling a pending run). Undefined if it is not open. */
  runNow(uri: string): FlowRun | undefined {
    this.cancel(uri);
    const doc = this.options.document(uri);
    if (doc === undefined) return undefined;
    const version = doc.version;
    const source = doc.getText();
    let result: RunResult;
    try {
      result = this.options.run(source, uri);
    } catch (error) {
      this.options.onInternalError?.(error, uri);
      result = internalErrorResult(error, source);
    }
    const run: FlowRun = { uri, version, result };
    if (this.options.document(uri)?.version !== version) return run; // stale: the text moved on
    this.latest.set(uri, run);
    this.options.publish(run);
    return run;
  }

  /** The latest run of the document as it is now, running it if there is none (or it is out of date). */
  current(uri: string): FlowRun | undefined {
    const doc = this.options.document(uri);
    if (doc === undefined) return this.latest.get(uri);
    const run = this.latest.get(uri);
    return run !== undefined && run.version === doc.version && !this.pending.has(uri) ? run : this.runNow(uri);
  }

  /** The latest published run, whatever version it was of (never runs anything). */
  latestRun(uri: string): FlowRun | undefined {
    return this.latest.get(uri);
  }

  isPending(uri: string): boolean {
    return this.pending.has(uri);
  }

  /** The document was closed. */
  forget(uri: string): void {
    this.cancel(uri);
    this.latest.delete(uri);
  }

  dispose(): void {
    for (const cancel of this.pending.values()) cancel();
    this.pending.clear();
    this.latest.clear();
  }

  private cancel(uri: string): void {
    const cancel = this.pending.get(uri);
    if (cancel !== undefined) {
      cancel();
      this.pending.delete(uri);
    }
  }
}
