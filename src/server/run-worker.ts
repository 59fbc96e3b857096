// The run worker's entry (bundled as dist/run-worker.js, beside dist/server.js): runs the jobs
// the language server posts, off the server's thread, so hovers and completions are answered
// while a script runs, and a run can be stopped by ending this thread. Reads nothing from disk.
import { parentPort } from 'node:worker_threads';
import { runJob } from './run-job';
import { serveRuns } from './run-worker-protocol';

if (parentPort !== null) serveRuns(parentPort, runJob);
