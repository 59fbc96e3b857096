// Found by `npm run fuzz` (tls target, seed 99): a TLS 1.2 server flight whose Certificate has
// corrupted bytes makes TlsClient.receive throw node:crypto's
// `Error: error:03000072:digital envelope routines::decode error` (from X509Certificate.publicKey
// in TlsClient.checkCertificate). Expected: a bad_certificate / decode_error alert, no exception
// (a scripted server, or a capture, can send any bytes). Input:
// regressions/pending/tls-certificate-public-key.json (the tls target's encoding). The bug is in
// src/engine/tls/client.ts, owned by the lead.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../support/paths';
import { TARGETS } from '../targets';
import { feedTls } from '../tls-properties';

describe('fuzz regression: TLS, a corrupted certificate', () => {
  it('a certificate whose key does not decode is an alert, not an exception', () => {
    const file = fs.readFileSync(path.join(repoRoot, 'test', 'fuzz', 'regressions', 'pending', 'tls-certificate-public-key.json'), 'utf8');
    assert.doesNotThrow(() => feedTls(TARGETS.tls.decode(file)));
  });
});
