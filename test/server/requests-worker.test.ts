// `tcpflow/checkScript` and `tcpflow/exportPcap` run in a worker of their own, like document
// runs: hovers are answered while a long check is under way, cancelling the request ends its
// worker (the answer is RequestCancelled), a check may ask for the diagnostics alone, a run that throws or a worker that dies is an error
// answer after which the server goes on serving, and the capture's bytes are those the
// server's thread used to make. Orderings, not times.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import {
  CancellationTokenSource,
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocuments,
  createConnection,
  createProtocolConnection,
  type ProtocolConnection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { toPcapng } from '../../src/export/pcapng';
import { runScript } from '../../src/runner/index';
import type { RunResult } from '../../src/runner/trace';
import { runOptions } from '../../src/server/run-job';
import { RunWorkerPool } from '../../src/server/run-pool';
import { registerRequests } from '../../src/server/requests';
import type { Task } from '../../src/server/run-scheduler';
import type { RunCapture } from '../../src/server/run-worker-protocol';
import { CheckScriptRequest, ExportPcapRequest, type CheckScriptParams, type ExportPcapResult } from '../../src/shared/protocol';
import { repoRoot } from '../support/paths';
import { LspClient } from './lsp-client';
import { LONG, QUICK, hoverText } from './scripts';

const SMALL_URI = 'file:///w/small.tcpflow';

/** The request's error, or a failure if it answered. */
async function refusal(answer: Promise<unknown>): Promise<ResponseError<unknown>> {
  try {
    await answer;
  } catch (error) {
    assert.ok(error instanceof ResponseError, String(error));
    return error;
  }
  assert.fail('the request was answered');
}

describe('server: checkScript and exportPcap run in a worker', function () {
  this.timeout(60_000);
  let client: LspClient;
  afterEach(() => client.dispose());

  it('answers a hover while a checkScript of a long script is under way; cancelling it answers RequestCancelled and the next check runs', async () => {
    client = new LspClient();
    await client.initialize('en');
    await client.open(SMALL_URI, QUICK);
    let checked = false;
    const cancel = new CancellationTokenSource();
    const params: CheckScriptParams = { text: LONG, fileName: 'long.tcpflow' };
    const check = client.connection.sendRequest<RunResult>(CheckScriptRequest, params, cancel.token).finally(() => (checked = true));
    const hover = await client.hover(SMALL_URI, 0, 1);
    assert.match(hoverText(hover), /flow/i, 'the keyword hover');
    assert.equal(checked, false, 'the hover came back before the check finished');
    cancel.cancel();
    assert.equal((await refusal(check)).code, LSPErrorCodes.RequestCancelled);
    const quick = await client.connection.sendRequest<RunResult>(CheckScriptRequest, { text: QUICK, fileName: 'quick.tcpflow' });
    assert.ok(quick.diagnostics.some((d) => d.id === 'TCP-SYN-CONSUMES-SEQ'));
  });

  it('two checks at once do not share a worker: each answers its own script', async () => {
    client = new LspClient();
    await client.initialize('en');
    const texts = ['01-three-way-handshake', '11-tls13', '04-four-way-close'].map((n) => fs.readFileSync(path.join(repoRoot, 'examples', `${n}.tcpflow`), 'utf8'));
    const results = await Promise.all(texts.map((text, i) => client.connection.sendRequest<RunResult>(CheckScriptRequest, { text, fileName: `${i}.tcpflow` })));
    assert.deepEqual(
      results.map((r) => r.title),
      texts.map((t) => runScript(t).title),
    );
  });

  it("checkScript with only: 'diagnostics' answers the run's diagnostics without its trace", async () => {
    client = new LspClient();
    await client.initialize('en');
    const text = fs.readFileSync(path.join(repoRoot, 'examples', 'mistake-ack-x.tcpflow'), 'utf8');
    const whole = await client.connection.sendRequest<RunResult>(CheckScriptRequest, { text, fileName: 'm.tcpflow' });
    const params: CheckScriptParams = { text, fileName: 'm.tcpflow', only: 'diagnostics' };
    const only = await client.connection.sendRequest<RunResult>(CheckScriptRequest, params);
    assert.ok(whole.packets.length > 0 && whole.diagnostics.length > 0);
    assert.deepStrictEqual(only, { ...whole, packets: [], states: [], tlsStates: [], timers: [], keylog: [] });
  });

  it('exportPcap: the capture of every example is byte for byte what the inline path made', async () => {
    client = new LspClient();
    await client.initialize('en');
    const examples = fs.readdirSync(path.join(repoRoot, 'examples')).filter((f) => f.endsWith('.tcpflow'));
    for (const name of examples) {
      const text = fs.readFileSync(path.join(repoRoot, 'examples', name), 'utf8');
      const uri = `file:///w/${name}`;
      const capture = await client.connection.sendRequest<ExportPcapResult>(ExportPcapRequest, { uri, text, settings: { defaultProfile: 'linux' } });
      const inline = runScript(text, runOptions(name, { defaultProfile: 'linux' }));
      assert.equal(capture.base64, Buffer.from(toPcapng(inline)).toString('base64'), name);
      assert.equal(capture.packets, inline.packets.length, name);
    }
  });

  describe('a run that fails', () => {
    const faulty = { runWorkerFile: path.join(__dirname, 'fixtures', 'faulty-run-worker.js') };
    for (const [what, planted] of [['throws', 'throw-here'], ['ends its worker', 'crash-here']] as const) {
      it(`${what}: checkScript and exportPcap answer InternalError, then the server answers and checks the next script`, async () => {
        client = new LspClient(faulty);
        await client.initialize('en');
        const text = `${QUICK}# ${planted}\n`;
        const checkError = await refusal(client.connection.sendRequest(CheckScriptRequest, { text, fileName: 'bad.tcpflow' }));
        assert.equal(checkError.code, ErrorCodes.InternalError);
        assert.match(checkError.message, /^internal error in tcpflow: .+ — please report it$/);
        const exportError = await refusal(client.connection.sendRequest(ExportPcapRequest, { uri: 'file:///w/bad.tcpflow', text }));
        assert.equal(exportError.code, ErrorCodes.InternalError);
        await client.open(SMALL_URI, QUICK);
        assert.match(hoverText(await client.hover(SMALL_URI, 0, 1)), /flow/i, 'the server still answers');
        const next = await client.connection.sendRequest<RunResult>(CheckScriptRequest, { text: QUICK, fileName: 'quick.tcpflow' });
        assert.equal(next.title, 'quick', 'the next check ran in a fresh worker');
      });
    }

    it('the InternalError answer is in the client\'s language (the INTERNAL-ERROR message)', async () => {
      client = new LspClient(faulty);
      await client.initialize('zh-cn');
      const checkError = await refusal(client.connection.sendRequest(CheckScriptRequest, { text: `${QUICK}# throw-here\n`, fileName: 'bad.tcpflow' }));
      assert.equal(checkError.code, ErrorCodes.InternalError);
      assert.match(checkError.message, /^tcpflow 内部错误：.+ —— 请报告此问题$/);
    });
  });
});

describe('server: the requests stop their task when cancelled', () => {
  /** registerRequests over an in-memory connection, with tasks the test controls. */
  function serve(check: () => Task<RunResult>): ProtocolConnection {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const connection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
    registerRequests(connection, new TextDocuments(TextDocument), { check, capture: () => ({ result: Promise.resolve(undefined), cancel: () => undefined }) });
    connection.listen();
    const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    client.listen();
    return client;
  }

  it('cancelling the request cancels its task, once', async () => {
    let cancels = 0;
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    let finish!: (r: RunResult | undefined) => void;
    const client = serve(() => {
      started();
      return {
        result: new Promise<RunResult | undefined>((resolve) => (finish = resolve)),
        cancel: () => {
          cancels++;
          finish(undefined);
        },
      };
    });
    const source = new CancellationTokenSource();
    const answer = client.sendRequest(CheckScriptRequest, { text: 'flow "x"', fileName: 'x.tcpflow' }, source.token);
    await running;
    source.cancel();
    assert.equal((await refusal(answer)).code, LSPErrorCodes.RequestCancelled);
    assert.equal(cancels, 1);
    client.dispose();
  });
});

describe('server: the pool makes captures', function () {
  this.timeout(60_000);
  const file = path.join(__dirname, '..', '..', 'src', 'server', 'run-worker.js');

  it('a capture comes back as the inline path makes it; cancelling one ends it and the next still works', async () => {
    const pool = new RunWorkerPool(file);
    try {
      const long = pool.capture({ source: LONG, fileName: 'long.tcpflow', settings: undefined, asScript: true });
      assert.equal(pool.running, 1);
      long.cancel();
      assert.equal(pool.running, 0);
      assert.equal(await long.result, undefined);
      const quick: RunCapture | undefined = await pool.capture({ source: QUICK, fileName: 'quick.tcpflow', settings: undefined, asScript: true }).result;
      assert.equal(quick?.base64, Buffer.from(toPcapng(runScript(QUICK, { fileName: 'quick.tcpflow' }))).toString('base64'));
    } finally {
      pool.dispose();
    }
  });
});
