// Traces from real runs: `runScript` on the project's examples, so the panel is tested against
// exactly what the runner produces today (the hand-written fixtures cover what no example does).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runScript } from '../../src/runner';
import type { RunResult } from '../../src/runner/trace';
import { repoRoot } from './harness';

const cache = new Map<string, RunResult>();

/** The names of the examples: `04-four-way-close`, … */
export function exampleNames(): string[] {
  return readdirSync(join(repoRoot, 'examples')).filter((f) => f.endsWith('.tcpflow')).map((f) => f.replace(/\.tcpflow$/, '')).sort();
}

/** The run of `examples/<name>.tcpflow` (JSON round-tripped, as the panel receives it). */
export function realRun(name: string): RunResult {
  let result = cache.get(name);
  if (!result) {
    const file = `${name}.tcpflow`;
    const source = readFileSync(join(repoRoot, 'examples', file), 'utf8');
    result = JSON.parse(JSON.stringify(runScript(source, { fileName: file }))) as RunResult;
    cache.set(name, result);
  }
  return result;
}
