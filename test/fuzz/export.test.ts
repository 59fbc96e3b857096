// Fuzzing the pcapng export: toPcapng(runScript(x)) never throws and its blocks are well formed.
import fc from 'fast-check';
import { grammarScript, mutatedExample } from './arbitraries';
import { exportProperty } from './properties';
import { FUZZ_SEED, runs } from './settings';

describe('fuzz: pcapng export', () => {
  it('grammar-generated scripts', () => {
    fc.assert(fc.property(grammarScript, exportProperty), { seed: FUZZ_SEED, numRuns: runs(300) });
  });

  it('mutated examples', () => {
    fc.assert(fc.property(mutatedExample, exportProperty), { seed: FUZZ_SEED, numRuns: runs(300) });
  });
});
