#!/usr/bin/env node
// `npm run fuzz`: the long fuzz run. Runs the same properties as test/fuzz/*.test.ts (the short,
// fixed-seed CI run) with ≥ 1,000,000 inputs per target, printing progress, and writes every
// counterexample (shrunk) to test/fuzz/regressions/<target>-<hash>.txt, where
// test/fuzz/regressions.test.ts replays it from then on.
//
//   node scripts/fuzz.mjs [target …] [--runs N] [--minutes M] [--seed S] [--max-failures K] [--no-build]
//
// Targets: parser runner export pcap-import packetdrill-import tls (default: all). --runs is per
// target (default 1000000); --minutes is a time budget per target (default 0 = none: run all the
// inputs); --seed defaults to the time, and is printed so a run can be repeated. Exit status 1 if
// any counterexample was found.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = args[i + 1];
  args.splice(i, 2);
  return value;
};
const flag = (name) => {
  const i = args.indexOf(`--${name}`);
  if (i >= 0) args.splice(i, 1);
  return i >= 0;
};
const runs = Number(option('runs', '1000000'));
const minutes = Number(option('minutes', '0'));
const seed = Number(option('seed', String(Date.now() % 2 ** 31)));
const maxFailures = Number(option('max-failures', '5'));
const noBuild = flag('no-build');
const CHUNK = 5000;

if (!noBuild) {
  console.log('$ tsc -p tsconfig.test.json');
  const tsc = spawnSync(path.join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.test.json'], { cwd: root, stdio: 'inherit' });
  if (tsc.status !== 0) console.log('(tsc reported errors; fuzzing with what it emitted)');
}

const fc = require(path.join(root, 'node_modules', 'fast-check'));
const { TARGETS } = require(path.join(root, 'out', 'test', 'fuzz', 'targets.js'));
const names = args.length > 0 ? args : Object.keys(TARGETS);
for (const n of names) {
  if (!(n in TARGETS)) {
    console.error(`unknown target '${n}'; targets: ${Object.keys(TARGETS).join(' ')}`);
    process.exit(2);
  }
}

const regressions = path.join(root, 'test', 'fuzz', 'regressions');
mkdirSync(regressions, { recursive: true });
console.log(`fuzz: seed ${seed}, ${runs.toLocaleString('en')} inputs per target${minutes > 0 ? `, at most ${minutes} min per target` : ''}`);

let found = 0;
const summary = [];
for (const name of names) {
  const target = TARGETS[name];
  const started = Date.now();
  const deadline = minutes > 0 ? started + minutes * 60_000 : Infinity;
  let done = 0;
  let chunk = 0;
  const failures = new Set();
  let lastPrint = 0;
  while (done < runs && Date.now() < deadline && failures.size < maxFailures) {
    const n = Math.min(CHUNK, runs - done);
    const details = fc.check(fc.property(target.arbitrary, (input) => target.property(input)), {
      seed: seed + chunk * 7919,
      numRuns: n,
      ...(Number.isFinite(deadline) ? { interruptAfterTimeLimit: Math.max(1, deadline - Date.now()) } : {}),
    });
    chunk++;
    done += details.numRuns;
    if (details.failed && details.counterexample) {
      const file = target.encode(details.counterexample[0]);
      const hash = createHash('sha256').update(file).digest('hex').slice(0, 12);
      const where = path.join(regressions, `${name}-${hash}.txt`);
      if (!failures.has(hash)) {
        failures.add(hash);
        writeFileSync(where, file);
        const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
        console.log(`\n${name}: FAILED — ${error.split('\n')[0].slice(0, 300)}\n  input written to ${path.relative(root, where)}`);
      }
    }
    if (details.interrupted) break;
    if (Date.now() - lastPrint > 5000 || done >= runs) {
      lastPrint = Date.now();
      const secs = (Date.now() - started) / 1000;
      console.log(`${name}: ${done.toLocaleString('en')}/${runs.toLocaleString('en')} inputs, ${Math.round(done / Math.max(secs, 0.001))}/s, ${failures.size} failure(s), ${secs.toFixed(0)}s`);
    }
  }
  const secs = ((Date.now() - started) / 1000).toFixed(0);
  summary.push(`${failures.size > 0 ? 'FAILED' : 'ok    '} ${name}: ${done.toLocaleString('en')} inputs in ${secs}s, ${failures.size} counterexample(s)`);
  found += failures.size;
}

console.log('\n=== fuzz summary');
for (const line of summary) console.log(line);
if (found > 0) console.log(`${found} counterexample(s) in test/fuzz/regressions/; they are now replayed by test/fuzz/regressions.test.ts`);
process.exit(found > 0 ? 1 : 0);
