// The two requests the extension sends the language server, answered as VS Code would see them:
// `tcpflow/checkScript` (the Test Explorer runs a file by its text, with the user's settings)
// and `tcpflow/exportPcap` (the capture of the open document's run, as base64 pcapng).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RunResult } from '../../src/runner/trace';
import { runOptions } from '../../src/server/requests';
import { CheckScriptRequest, ExportPcapRequest, type CheckScriptParams, type ExportPcapParams, type ExportPcapResult } from '../../src/shared/protocol';
import { LspClient } from '../server/lsp-client';
import { repoRoot } from '../support/paths';

const handshake = fs.readFileSync(path.join(repoRoot, 'examples', '01-three-way-handshake.tcpflow'), 'utf8');
const PCAPNG_SECTION_HEADER = '0a0d0d0a';

describe('extension ↔ server: checkScript and exportPcap', () => {
  it('checkScript runs the text it is given and names the file', async () => {
    const client = new LspClient();
    await client.initialize('en');
    const params: CheckScriptParams = { text: handshake, fileName: 'hs.tcpflow' };
    const result = await client.connection.sendRequest<RunResult>(CheckScriptRequest, params);
    assert.equal(result.title, 'Three-way handshake');
    assert.equal(result.packets.length, 3);
    assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error'), []);
    client.dispose();
  });

  it('checkScript applies tcpflow.defaultProfile to a script without a profile line', async () => {
    const client = new LspClient();
    await client.initialize('en');
    const text = handshake.replace(/^profile .*$/m, '');
    const linux = await client.connection.sendRequest<RunResult>(CheckScriptRequest, { text, fileName: 'a.tcpflow', settings: { defaultProfile: 'linux' } });
    const rfc = await client.connection.sendRequest<RunResult>(CheckScriptRequest, { text, fileName: 'a.tcpflow', settings: { defaultProfile: 'rfc9293' } });
    assert.equal(linux.profile, 'linux');
    assert.equal(rfc.profile, 'rfc9293');
    client.dispose();
  });

  it('exportPcap answers a pcapng capture of the open document, else of the text sent', async () => {
    const client = new LspClient();
    await client.initialize('en');
    const uri = 'file:///w/hs.tcpflow';
    await client.open(uri, handshake);
    const params: ExportPcapParams = { uri, text: 'not used' };
    const capture = await client.connection.sendRequest<ExportPcapResult>(ExportPcapRequest, params);
    const bytes = Buffer.from(capture.base64, 'base64');
    assert.equal(bytes.subarray(0, 4).toString('hex'), PCAPNG_SECTION_HEADER);
    assert.equal(capture.packets, 3);
    const closed = await client.connection.sendRequest<ExportPcapResult>(ExportPcapRequest, { uri: 'file:///w/other.tcpflow', text: handshake });
    assert.equal(closed.packets, 3);
    client.dispose();
  });

  it('ignores settings that are not valid', () => {
    assert.deepEqual(runOptions('x.tcpflow', { defaultProfile: 'bsd' as 'linux', limits: { maxEvents: -1, maxPackets: 10 } }), {
      fileName: 'x.tcpflow',
      limits: { maxPackets: 10 },
    });
  });
});
