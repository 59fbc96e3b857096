// Found by `npm run fuzz` (pcap-import, seed 777): a capture whose SYN carries a SACK option
// with no blocks (kind 5, length 2 — here a corrupted MSS option) is imported as
// `<sack , sackOK, …>`, which the .tcpflow parser rejects ("expected a number or a lower-case
// symbol … found ','"). Expected: an empty SACK option written in a form the language accepts
// (or left out with a comment). Input: regressions/pending/pcap-import-empty-sack.txt (hex, the
// pcap-import target's encoding). The bug is in src/import/ (decode.ts / generate.ts).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { importCapture } from '../../../src/import/index';
import { parse } from '../../../src/language/parser';
import { repoRoot } from '../../support/paths';
import { TARGETS } from '../targets';

describe('fuzz regression: pcap import, an empty SACK option', () => {
  it('an empty SACK option is written so that the script parses', () => {
    const file = fs.readFileSync(path.join(repoRoot, 'test', 'fuzz', 'regressions', 'pending', 'pcap-import-empty-sack.txt'), 'utf8');
    const { script } = importCapture(TARGETS['pcap-import'].decode(file), 'empty-sack.pcapng');
    assert.deepEqual(parse(script).errors.map((e) => e.message), []);
  });
});
