// Fuzzing the parser: it never throws, every range lies inside the document, and a line parses
// the same in a file as alone (one line's mistake never changes another line).
import fc from 'fast-check';
import { anyScript, arbitraryText, grammarScript, mutatedExample } from './arbitraries';
import { parserProperty } from './properties';
import { FUZZ_SEED, runs } from './settings';

describe('fuzz: parser', () => {
  it('grammar-generated scripts', () => {
    fc.assert(fc.property(grammarScript, parserProperty), { seed: FUZZ_SEED, numRuns: runs(1500) });
  });

  it('mutated examples', () => {
    fc.assert(fc.property(mutatedExample, parserProperty), { seed: FUZZ_SEED, numRuns: runs(800) });
  });

  it('arbitrary text (unicode, control characters, lone surrogates)', () => {
    fc.assert(fc.property(arbitraryText, parserProperty), { seed: FUZZ_SEED, numRuns: runs(1500) });
  });

  it('any of the above, another seed', () => {
    fc.assert(fc.property(anyScript, parserProperty), { seed: FUZZ_SEED + 1, numRuns: runs(500) });
  });
});
