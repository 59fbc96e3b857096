// The exporter's bytes, pinned: the SHA-256 of the pcapng and the pcap of every trace fixture and
// of the hand-made corner cases in odd-traces.ts. The hashes were taken from the exporter before
// it was rewritten to write into one buffer (commit bc184fc), so the fast writer is byte-for-byte
// the old one. A deliberate format change updates them (and says why in its commit).
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { toPcap } from '../../src/export/pcap';
import { toPcapng } from '../../src/export/pcapng';
import type { RunResult } from '../../src/runner/trace';
import { repoRoot } from '../support/paths';
import { ODD_RUNS } from './odd-traces';

/** name → [sha256 of the pcapng, sha256 of the pcap]. */
const GOLDEN: Readonly<Record<string, readonly [string, string]>> = {
  'diagnostics.json': ['e0eeb94d6cd9d28a2b91276a48a13385a78cad02a7ac930d3458ec292e2ea263', '8bef595d53e0c95c160b0eb748f2c34d78587c89c6485de4c6b850578732d8c1'],
  'four-way-close.json': ['3a3fc0f80704944cbacf156e45411a02d14c496b84e4c91919367617336404a7', 'be4491673fe62a51e97a27306b68ccfe658131b59b66d9578d3d071318254e63'],
  'hostile.json': ['bdc386164fdf0594bd11e6acedb1b49764f04b2b0a97bcf0880a152fb05c20f8', '2cc5b49057bfbda33c0b72e627f5039708a8d36bb8828bb5e3aeb0b032dafd8f'],
  'run-01-three-way-handshake.json': ['0afc0695c03d9f0a8f4ce2e328d143ac31f740cfc8cb3dee39eae43b604abbef', '47a43387cc9b8706f5be22420808d6975c259ef9467828788c87c2d4e7813f35'],
  'run-02-handshake-by-hand.json': ['e327cb12c0ed59b423627508084cf14f4ef54fa2b1c85b37d56e6071f33a879e', '0b19512bc93954f651bc381141ff2d8292aa3bffb05eef227a6816279a5f0050'],
  'run-03-syn-retries.json': ['9e136af0bb4bf892e4aad9f127b5ea1c4594fd913f177f793a19d753b22ccd3c', '1900b1c8a2d47125b817c8f536bb988cbc87be2cb510abe4f89feb7f1cfdfc3c'],
  'run-04-four-way-close.json': ['6e039f333a74d5c9196399c9f57cc3a13b223986f88ad205b9b5853133d42c10', 'd0def5b73df4c53ec0392ebee316de7ae03a8d2fe95a160caccd02c79656117c'],
  'run-05-rst-closed-port.json': ['0d6cc9e727ba983c2d226ab0e7620fba8ad29ea62adeead8969c81130ac3a16b', 'b05339063692eea3f29cab5f7b1cb6d4bc0f7592c8e45025eaa2be73b9cd3852'],
  'run-06-simultaneous-open.json': ['e3d51f3e0131baf0bd49d8f2b74cf36f15d5f6ede1054b439e26151597ac4851', '0ffdd55b8437bb36fcb9d71dfbc2b928db55e203ff18b5e0e85153aefed6fb60'],
  'run-07-half-close.json': ['dee7da80d70e38be7e68eb9543f9be671c9ce130ca2e1195c38693751b6c6a3d', '127354c94fde9d117db1f6d6e3af498016247f86c6a959b7a2be22d1676e85fd'],
  'run-08-syn-flood-cookies.json': ['6feff93c46de8b18b15ce87498da789543894d002063b917d140952ce45661fb', '769fdc7b6f645f13d5d73b27217e4b7aa8a782edc7edf6d728bf443b98923041'],
  'run-09-close-by-hand.json': ['43c3c4e236df183634f47233c4628d771bc2771922550fd299f327541beb45df', '0d432bb8283e689d4ee9d105cfdb977c462488b3c791bd37a538adfe8e7760a7'],
  'run-10-tls12-rsa.json': ['f27af0ebdd61b9fd0d813fb9cab076431ae1b36e12028dc7e1a16200b73fee66', '6b73730e4e2bb5ca3776a116930b89eeb26cbf18bc8ab2cf3f7332af0c5189a0'],
  'run-11-tls13.json': ['5f5666f3c627b98ed387246a5f0ec012a0dae97b0cd2569eaef7047a0f898231', '7bdd88e1a8fe866bee80d5221e71fb83b126d45a5758bccfbcd458a0f42a5ffa'],
  'syn-retransmissions.json': ['7f8c504de1ab15162862f5e5f7395c05d534de9d97cb33519b2e4d3da1021d62', '06085636c859dd3a848e18205ffbbe869e6e29a83d765e8d2c7f815227dcd392'],
  'three-way-handshake.json': ['f7495da68bf4a5b2986951c5b323940aa525b1642416b615a940dff9f3ada06e', '245ac0a00768322acbf9558dcfff926837aa0b6697e3746002dfb4fc38a298ab'],
  'tls13.json': ['b478df8236a0b5736efe3e2a2db5a635fc21c67df388258d881e4ca72a58703c', 'e380df7624399407b55e25e675b635c638083221604e63dcce7a2996b76a7cfb'],
  'ipv4': ['2be446312ef879f7ac9d59a7f97ae6f566b54760e60bf720ea8cf4de7767a851', 'f2a97d27f52e64edea20ee933ea79663c5799bff5716b2c83a94d986cb03755f'],
  'ipv6': ['223f6f989993fa0c68a67ddfa485fd01c77a6203f8ac2eca113ef235ee328b17', '852ca7fb9b89e68e7f34cb9ebbdd9c4a65650bd0cd7db5a2e64e81d4dffa2112'],
  'empty': ['5ece2dc3128320e28b264baceab85894ba192912e939321ea3c429500f91c0b1', '1a9822ce1040178d2ec5b6dc63494cb4e1482b40377c3178e447813451a38800'],
};

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

describe('export: byte-identical to the golden captures', () => {
  const dir = path.join(repoRoot, 'test/fixtures/traces');
  const runs: [string, RunResult][] = [
    ...readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f): [string, RunResult] => [f, JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as RunResult]),
    ...Object.entries(ODD_RUNS),
  ];

  it('has a golden for every trace fixture', () => {
    assert.deepEqual(runs.map(([name]) => name).sort(), Object.keys(GOLDEN).sort());
  });

  for (const [name, run] of runs) {
    it(`${name}: pcapng and pcap`, () => {
      const golden = GOLDEN[name];
      assert.ok(golden, `no golden for ${name}`);
      assert.equal(sha256(toPcapng(run)), golden[0], 'pcapng');
      assert.equal(sha256(toPcap(run)), golden[1], 'pcap');
    });
  }
});
