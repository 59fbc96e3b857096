// Fuzzing the importers (src/import/): capture bytes from anywhere and packetdrill text pasted
// from the internet never crash them; what they write parses and runs.
import fc from 'fast-check';
import { captureBytes, pktScript, seedCaptures, seedPktScripts } from './import-arbitraries';
import { captureImportProperty, packetdrillProperty } from './import-properties';
import { FUZZ_SEED, runs } from './settings';

describe('fuzz: pcap/pcapng importer', () => {
  it('imports every unmodified seed capture (our own exports, as pcapng and classic pcap)', () => {
    for (const bytes of seedCaptures()) captureImportProperty(bytes);
  });

  it('corrupted captures and noise', () => {
    fc.assert(fc.property(captureBytes, captureImportProperty), { seed: FUZZ_SEED, numRuns: runs(1500) });
  });
});

describe('fuzz: packetdrill importer', () => {
  it('converts every unmodified seed .pkt', () => {
    for (const text of seedPktScripts()) packetdrillProperty(text);
  });

  it('generated and mutated .pkt text', () => {
    fc.assert(fc.property(pktScript, packetdrillProperty), { seed: FUZZ_SEED, numRuns: runs(1000) });
  });
});
