// Every input the long fuzz run (npm run fuzz) ever failed on, replayed: a file
// test/fuzz/regressions/<target>-<hash>.txt becomes a test here. Inputs for bugs that are known
// and not yet fixed live as pending tests in regressions/*.test.ts instead.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../support/paths';
import { TARGETS, replay, type TargetName } from './targets';

const dir = path.join(repoRoot, 'test', 'fuzz', 'regressions');
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort() : [];

describe('fuzz: stored counterexamples (test/fuzz/regressions/*.txt)', () => {
  it('every stored file names a known target', () => {
    const unknown = files.filter((f) => !Object.keys(TARGETS).some((t) => f.startsWith(`${t}-`)));
    if (unknown.length > 0) throw new Error(`files naming no target: ${unknown.join(', ')}`);
  });
  for (const f of files) {
    const target = (Object.keys(TARGETS) as TargetName[]).sort((a, b) => b.length - a.length).find((t) => f.startsWith(`${t}-`));
    if (!target) continue;
    it(f, () => replay(target, fs.readFileSync(path.join(dir, f), 'utf8')));
  }
});
