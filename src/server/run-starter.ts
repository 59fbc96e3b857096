// How the server starts runs: in the worker pool (the default), or in this thread with a
// stand-in runner (tests). It remembers when each document's latest run started, so that a
// hover knows whether the run it would wait for is a quick one just begun or a long one. The
// requests' runs (`tcpflow/checkScript`, `tcpflow/exportPcap`) go through the same pool.
import * as path from 'node:path';
import type { RunResult } from '../runner/trace';
import type { RunSettings } from '../shared/protocol';
import type { RunJob } from './run-job';
import { RunWorkerPool } from './run-pool';
import { inlineRun, inlineTask, type StartRun, type Task } from './run-scheduler';
import { captureOf, diagnosticsOnly, type RunCapture } from './run-worker-protocol';

export interface RunStarter {
  readonly start: StartRun;
  /** Runs a request's text as a script (`tcpflow/checkScript`); `diagnostics`: the run without its trace. */
  check(job: RunJob, only?: 'diagnostics'): Task<RunResult>;
  /** Runs a request's text as a script and makes its capture (`tcpflow/exportPcap`). */
  capture(job: RunJob): Task<RunCapture>;
  /** Date.now() when the document's latest run started, if one did. */
  startedAt(uri: string): number | undefined;
  forget(uri: string): void;
  /** Starts the idle worker ahead of the first run. */
  warm(): void;
  dispose(): void;
}

export interface RunStarterOptions {
  /** A stand-in runner in this thread instead of the worker. */
  readonly run?: (source: string, fileName: string) => RunResult;
  /** The run worker's script; default: run-worker.js in `bundleDir`. */
  readonly runWorkerFile?: string;
  readonly bundleDir: string;
  readonly fileNameOf: (uri: string) => string;
  /** The run settings the client sent (read at each run). */
  readonly settings: () => RunSettings | undefined;
}

export function runStarter(options: RunStarterOptions): RunStarter {
  const stand = options.run;
  const pool = stand === undefined ? new RunWorkerPool(options.runWorkerFile ?? path.join(options.bundleDir, 'run-worker.js')) : undefined;
  const startIn: StartRun =
    pool !== undefined
      ? (source, uri) => pool.start({ source, fileName: options.fileNameOf(uri), settings: options.settings() })
      : inlineRun((source, uri) => (stand as NonNullable<typeof stand>)(source, options.fileNameOf(uri)));
  const runHere = (job: RunJob): RunResult => (stand as NonNullable<typeof stand>)(job.source, job.fileName);
  const started = new Map<string, number>();
  return {
    start: (source, uri) => {
      started.set(uri, Date.now());
      return startIn(source, uri);
    },
    check: (job, only) =>
      pool !== undefined
        ? pool.start({ ...job, asScript: true }, only ?? 'trace')
        : inlineTask(() => (only === 'diagnostics' ? diagnosticsOnly(runHere(job)) : runHere(job))),
    capture: (job) => (pool !== undefined ? pool.capture({ ...job, asScript: true }) : inlineTask(() => captureOf(runHere(job)))),
    startedAt: (uri) => started.get(uri),
    forget: (uri) => started.delete(uri),
    warm: () => pool?.warm(),
    dispose: () => pool?.dispose(),
  };
}
