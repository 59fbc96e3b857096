// TLS exports that Wireshark decrypts with no setup: the run's secrets go into the key-log file
// (NSS format) and into the pcapng itself (Decryption Secrets Block). Checked with Debian's tshark.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { toPcapng } from '../../src/export/pcapng';
import { toKeylog } from '../../src/export/keylog';
import { runScript } from '../../src/runner/index';
import { repoRoot } from '../support/paths';
import { skipWithout, tempDir } from './tools';

function exportExample(name: string, dir: string, edit: (source: string) => string = (s) => s): { pcap: string; keys: string } {
  const result = runScript(edit(readFileSync(path.join(repoRoot, 'examples', name), 'utf8')), { fileName: name });
  const pcap = path.join(dir, name.replace(/\.tcpflow$/, '.pcapng'));
  const keys = path.join(dir, name.replace(/\.tcpflow$/, '.keys'));
  writeFileSync(pcap, toPcapng(result));
  writeFileSync(keys, toKeylog(result));
  return { pcap, keys };
}

/** tshark's TLS view: handshake types per frame and the decrypted bytes, hex. */
function decrypted(pcap: string, keylog?: string): { types: string; plaintext: string } {
  const args = ['-r', pcap, '-n', ...(keylog ? ['-o', `tls.keylog_file:${keylog}`] : []), '-x', '-Y', 'tls'];
  const x = spawnSync('tshark', args, { encoding: 'utf8', timeout: 30_000 }).stdout;
  const types = spawnSync('tshark', ['-r', pcap, '-n', ...(keylog ? ['-o', `tls.keylog_file:${keylog}`] : []), '-Y', 'tls', '-T', 'fields', '-e', 'tls.handshake.type'], {
    encoding: 'utf8',
    timeout: 30_000,
  }).stdout;
  return { types: types.split('\n').filter(Boolean).join(' '), plaintext: x };
}

describe('TLS exports decrypt in tshark', function () {
  let dir = '';
  before(function () {
    skipWithout(this, { tshark: 'tshark' });
    dir = tempDir('tls-decrypt');
  });

  it('TLS 1.2 RSA (example 10): the key-log file decrypts the Finished and the application data', () => {
    const { pcap, keys } = exportExample('10-tls12-rsa.tcpflow', dir);
    assert.match(readFileSync(keys, 'utf8'), /^CLIENT_RANDOM [0-9a-f]{64} [0-9a-f]{96}$/m);
    const { types, plaintext } = decrypted(pcap, keys);
    assert.match(types, /\b20\b/, `Finished (type 20) readable: ${types}`);
    assert.match(plaintext, /Decrypted TLS[\s\S]*GET \/balance/);
  });

  it('TLS 1.3 (example 11): the secrets embedded in the pcapng decrypt the encrypted handshake without a key-log file', () => {
    const { pcap } = exportExample('11-tls13.tcpflow', dir);
    const { types } = decrypted(pcap);
    for (const t of ['8', '11', '15', '20']) assert.match(types, new RegExp(`\\b${t}\\b`), `handshake type ${t} visible: ${types}`);
  });

  it('ChaCha20-Poly1305 (example 72 with suites TLS_CHACHA20_POLY1305_SHA256): the key-log file decrypts the handshake and the application data', () => {
    const { pcap, keys } = exportExample('72-tls13-data.tcpflow', dir, (s) => s.replace('tls connect version 1.3', 'tls connect version 1.3 suites TLS_CHACHA20_POLY1305_SHA256'));
    const { types, plaintext } = decrypted(pcap, keys);
    for (const t of ['8', '11', '15', '20']) assert.match(types, new RegExp(`\\b${t}\\b`), `handshake type ${t} visible: ${types}`);
    assert.match(plaintext, /Decrypted TLS[\s\S]*GET \//);
  });

  it('without any secrets the TLS 1.3 handshake stays encrypted (the check above is meaningful)', () => {
    const result = runScript(readFileSync(path.join(repoRoot, 'examples', '11-tls13.tcpflow'), 'utf8'));
    const pcap = path.join(dir, 'no-secrets.pcapng');
    writeFileSync(pcap, toPcapng({ ...result, keylog: [] }));
    const { types } = decrypted(pcap);
    assert.doesNotMatch(types, /\b15\b/, `CertificateVerify must not be readable: ${types}`);
  });
});
