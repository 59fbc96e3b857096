// Fuzzing the TLS record layer and handshake parsers (src/engine/tls/): hostile bytes are an
// alert, never an exception.
import fc from 'fast-check';
import { tlsInput, tlsProperty } from './tls-properties';
import { FUZZ_SEED, runs } from './settings';

describe('fuzz: TLS record and handshake parsers', () => {
  it('corrupted ClientHellos and server flights, and noise, in pieces', () => {
    fc.assert(fc.property(tlsInput, tlsProperty), { seed: FUZZ_SEED, numRuns: runs(600) });
  });
});
