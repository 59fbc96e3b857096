// Runs happen in a worker thread: the server answers while a long run is under way, an edit
// stops the run of the old text, and a run that throws (or a worker that dies) is one
// INTERNAL-ERROR diagnostic after which the server goes on serving. Orderings, not times.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { runJob } from '../../src/server/run-job';
import { RunWorkerPool } from '../../src/server/run-pool';
import { LspClient } from './lsp-client';
import { LONG, QUICK, hoverText } from './scripts';

const URI = 'file:///w/long.tcpflow';

describe('server: runs in a worker thread', function () {
  this.timeout(60_000);
  let client: LspClient;
  afterEach(async () => {
    await client.close(URI); // stops a run still under way
    client.dispose();
  });

  it('answers a hover while a long run is under way, before its diagnostics', async () => {
    client = new LspClient();
    await client.initialize('en');
    await client.open(URI, LONG);
    const hover = await client.hover(URI, 0, 1);
    assert.match(hoverText(hover), /flow/i, 'the keyword hover');
    assert.deepEqual(client.published, [], 'the hover came back before the run finished');
  });

  it('an edit during a run stops it: only the new text\'s diagnostics are published', async () => {
    client = new LspClient();
    await client.initialize('en');
    await client.open(URI, LONG, 1);
    await client.hover(URI, 0, 1); // the run of version 1 is under way (a hover starts it at once)
    await client.change(URI, QUICK, 2);
    await client.until(() => client.published.length > 0 && client.flowRan.length > 0, 30_000);
    assert.deepEqual(client.published.map((p) => p.version), [2]);
    assert.ok(client.published[0]?.diagnostics.some((d) => d.code === 'TCP-SYN-CONSUMES-SEQ' && d.range.start.line === 7));
    assert.deepEqual(client.flowRan.map((r) => r.result.title), ['quick']);
  });

  it('a script over the size limit (10 MiB): one LIMIT diagnostic, and the features answer with nothing to show', async () => {
    client = new LspClient();
    await client.initialize('en');
    await client.open(URI, `${QUICK}${'# padding\n'.repeat(1024 * 1024)}`);
    const tokens = await client.connection.sendRequest<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri: URI } });
    assert.deepEqual(tokens.data, [], 'not parsed');
    await client.until(() => client.published.length > 0, 30_000);
    assert.deepEqual(client.published[0]?.diagnostics.map((d) => d.code), ['LIMIT']);
  });

  describe('a run that fails', () => {
    const faulty = { runWorkerFile: path.join(__dirname, 'fixtures', 'faulty-run-worker.js') };

    for (const [what, planted] of [['throws', 'throw-here'], ['ends its worker', 'crash-here']] as const) {
      it(`${what}: one INTERNAL-ERROR diagnostic, then the server answers and runs the next edit`, async () => {
        client = new LspClient(faulty);
        await client.initialize('en');
        await client.open(URI, `${QUICK}# ${planted}\n`, 1);
        await client.until(() => client.published.length === 1);
        const [d, ...others] = client.published[0]?.diagnostics ?? [];
        assert.equal(d?.code, 'INTERNAL-ERROR');
        assert.deepEqual(others, []);
        assert.match(typeof d?.message === 'string' ? d.message : '', /internal error in tcpflow.*please report it/);
        assert.match(hoverText(await client.hover(URI, 0, 1)), /flow/i, 'the server still answers');
        await client.change(URI, QUICK, 2);
        await client.until(() => client.published.length === 2);
        assert.ok(client.published[1]?.diagnostics.some((x) => x.code === 'TCP-SYN-CONSUMES-SEQ'), 'the next edit ran in a fresh worker');
      });
    }
  });
});

describe('server: the run worker pool', function () {
  this.timeout(60_000);
  const file = path.join(__dirname, '..', '..', 'src', 'server', 'run-worker.js');

  it('a run\'s diagnostics come first, then the whole trace, equal to the run in this thread', async () => {
    const pool = new RunWorkerPool(file);
    try {
      const job = { source: QUICK, fileName: 'quick.tcpflow', settings: undefined };
      const task = pool.start(job);
      const diagnostics = await task.diagnostics;
      const result = await task.result;
      assert.ok(diagnostics !== undefined && diagnostics.length > 0);
      assert.equal(result?.diagnostics, diagnostics, 'the same array, unpacked once');
      assert.deepStrictEqual(result, runJob(job));
    } finally {
      pool.dispose();
    }
  });

  it('cancelling a run ends it at once (its result is undefined) and the next run still works', async () => {
    const pool = new RunWorkerPool(file);
    try {
      const long = pool.start({ source: LONG, fileName: 'long.tcpflow', settings: undefined });
      assert.equal(pool.running, 1);
      long.cancel();
      assert.equal(pool.running, 0);
      assert.equal(await long.result, undefined);
      const quick = await pool.start({ source: QUICK, fileName: 'quick.tcpflow', settings: undefined }).result;
      assert.equal(quick?.title, 'quick');
    } finally {
      pool.dispose();
    }
  });
});
