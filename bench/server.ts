// `node bench/run.mjs server [DIST]`: the language server as an editor feels it, over stdio
// against a built bundle (DIST, default dist/; pass the dist/ of an older build to compare).
// Prints numbers, asserts nothing: hover latency while a 4 MiB (and a 10 MiB) script runs and
// while the Test Explorer checks a 4 MiB script (`tcpflow/checkScript`), keystroke → semantic
// tokens and → diagnostics for a 200-line and a 4 MiB script, and what starting a run worker costs.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import {
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
  type ContentTypeDecoder,
  type Message,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';

const ROOT = process.cwd();
const DIST = resolve(process.argv[2] ?? join(ROOT, 'dist'));
const DEBOUNCE_MS = 150; // the server's default tcpflow.diagnostics.delay

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? NaN;
const ms = (n: number): string => `${n.toFixed(1)} ms`;

/**
 * Reads JSON-RPC messages as usual, but `tcpflow/flowRan` (a 4 MiB script's run is 43 MiB of
 * JSON) only as far as its uri and version: this process's own JSON.parse of it would otherwise
 * be counted in the latency of whatever request it is timing.
 */
const skimFlowRan: ContentTypeDecoder = {
  name: 'application/json',
  decode: (buffer, options) => {
    const head = Buffer.from(buffer.buffer, buffer.byteOffset, Math.min(buffer.byteLength, 400)).toString('utf8');
    const flowRan = /^\{"jsonrpc":"2\.0","method":"tcpflow\/flowRan","params":\{"uri":("(?:[^"\\]|\\.)*"),"version":(\d+),/.exec(head);
    if (flowRan !== null) {
      const params = { uri: JSON.parse(flowRan[1] ?? '""') as string, version: Number(flowRan[2]) };
      return Promise.resolve({ jsonrpc: '2.0', method: 'tcpflow/flowRan', params } as Message);
    }
    return Promise.resolve(JSON.parse(Buffer.from(buffer).toString(options.charset)) as Message);
  },
};

/** The server over stdio (`tcpflow lsp --stdio` from DIST) and what it published. */
class Server {
  readonly connection: ProtocolConnection;
  private readonly waiters: ((p: PublishDiagnosticsParams) => void)[] = [];
  private readonly ranWaiters: ((p: { uri: string; version: number }) => void)[] = [];
  private readonly child = spawn(process.execPath, [join(DIST, 'cli.js'), 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });

  constructor() {
    const reader = new StreamMessageReader(this.child.stdout, { charset: 'utf-8', contentTypeDecoder: skimFlowRan });
    this.connection = createProtocolConnection(reader, new StreamMessageWriter(this.child.stdin));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      for (const w of this.waiters.splice(0)) w(p);
    });
    this.connection.onNotification('tcpflow/flowRan', (p: { uri: string; version: number }) => {
      for (const w of this.ranWaiters.splice(0)) w(p);
    });
    this.connection.listen();
  }

  /** Resolves when `tcpflow/flowRan` of `version` of `uri` has arrived (the server is done with that run). */
  ran(uri: string, version: number): Promise<void> {
    return new Promise((done) => {
      const wait = (p: { uri: string; version: number }): void => {
        if (p.uri === uri && p.version === version) done();
        else this.ranWaiters.push(wait);
      };
      this.ranWaiters.push(wait);
    });
  }

  async start(): Promise<void> {
    await this.connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {}, initializationOptions: { locale: 'en' } });
    await this.connection.sendNotification('initialized', {});
  }

  /** Resolves with the first publish of `version` of `uri`. */
  published(uri: string, version: number): Promise<PublishDiagnosticsParams> {
    return new Promise((done) => {
      const wait = (p: PublishDiagnosticsParams): void => {
        if (p.uri === uri && p.version === version) done(p);
        else this.waiters.push(wait);
      };
      this.waiters.push(wait);
    });
  }

  open(uri: string, text: string, version: number): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'tcpflow', version, text } });
  }

  change(uri: string, text: string, version: number): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** How long `method` takes to answer for `uri`'s whole document. */
  async requestMs(method: string, uri: string): Promise<number> {
    const t0 = performance.now();
    await this.connection.sendRequest(method, { textDocument: { uri } });
    return performance.now() - t0;
  }

  async hoverMs(uri: string): Promise<number> {
    const t0 = performance.now();
    await this.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } });
    return performance.now() - t0;
  }

  stop(): void {
    this.connection.dispose();
    this.child.kill();
  }
}

/** The first example, then a mix of good, wrong and broken lines up to `bytes` (as test/fuzz/scale.test.ts). */
function bigScript(bytes: number): string {
  const body = ['client send 100', 'wait 1ms', 'expect client ESTABLISHED', 'client -> server ACK', '# a comment', 'bogus line here', 'server recv'];
  const lines = [readFileSync(join(ROOT, 'examples/01-three-way-handshake.tcpflow'), 'utf8')];
  let size = lines[0]?.length ?? 0;
  for (let i = 0; size < bytes; i++) {
    const l = body[i % body.length] ?? '';
    lines.push(l);
    size += l.length + 1;
  }
  return lines.join('\n');
}

/** About `lines` lines: a handshake, then ping exchanges (as bench.ts's check-as-you-type). */
function smallScript(lines: number): string {
  const head = ['flow "bench"', 'profile rfc9293', 'seed 1', 'endpoint client 10.0.0.1:49152', 'endpoint server 10.0.0.2:80', 'link client server delay 1ms', 'server listen', 'client connect server', 'client -> server SYN seq=x', 'server -> client SYN,ACK seq=y ack=x+1', 'client -> server ACK seq=x+1 ack=y+1', 'server accept', ''].join('\n');
  const block = 'client send "ping"\nclient -> server PSH,ACK data "ping"\nserver -> client ACK\nexpect server recv "ping"\n';
  return head + block.repeat(Math.max(1, Math.round((lines - 12) / 4)));
}

/**
 * Hovers every 20 ms from opening a script of `mib` MiB until the server is done with its run
 * (its diagnostics published and `tcpflow/flowRan` sent).
 */
async function hoverDuringBigRun(mib: number, hover = true): Promise<void> {
  const server = new Server();
  await server.start();
  const uri = 'file:///bench/big.tcpflow';
  const text = bigScript(mib * 2 ** 20 - 1024);
  let done = false;
  const t0 = performance.now();
  const diagnostics = server.published(uri, 1).then((p) => ({ ms: performance.now() - t0, count: p.diagnostics.length }));
  const ran = server.ran(uri, 1).then(() => {
    done = true;
    return performance.now() - t0;
  });
  await server.open(uri, text, 1);
  const latencies: number[] = [];
  while (!done && hover) {
    latencies.push(await server.hoverMs(uri));
    await new Promise((r) => setTimeout(r, 20));
  }
  const d = await diagnostics;
  const r = await ran;
  const later = latencies.slice(1); // the first hover waits for the first parse of the text
  const hovers = hover ? `; ${latencies.length} hovers meanwhile: median ${ms(median(latencies))}, first ${ms(latencies[0] ?? NaN)}, max after the first ${ms(Math.max(...later))}` : '';
  console.log(`${mib} MiB script (${(text.length / 2 ** 20).toFixed(2)} MiB): diagnostics after ${ms(d.ms)} (${d.count}), flowRan after ${ms(r)}${hovers}`);
  server.stop();
}

/** Edits a 200-line script 30 times, each after the previous diagnostics arrived. */
async function keystrokeToDiagnostics(): Promise<void> {
  const server = new Server();
  await server.start();
  const uri = 'file:///bench/small.tcpflow';
  const text = smallScript(200);
  const first = server.published(uri, 1);
  await server.open(uri, text, 1);
  await first;
  const times: number[] = [];
  for (let version = 2; version <= 31; version++) {
    const t0 = performance.now();
    const published = server.published(uri, version);
    await server.change(uri, `${text}# edit ${version}\n`, version);
    await published;
    times.push(performance.now() - t0);
  }
  console.log(`200-line script, keystroke → diagnostics: median ${ms(median(times))} (${ms(median(times) - DEBOUNCE_MS)} beyond the ${DEBOUNCE_MS} ms debounce), max ${ms(Math.max(...times))}, 30 edits`);
  server.stop();
}

/**
 * Hovers every 20 ms over a small open script while the Test Explorer checks a `mib` MiB one
 * (`only`: as the extension asks, for the diagnostics alone; else the whole run, as another client may).
 */
async function hoverDuringCheck(mib: number, only: boolean): Promise<void> {
  const server = new Server();
  await server.start();
  const uri = 'file:///bench/small.tcpflow';
  const first = server.published(uri, 1);
  await server.open(uri, smallScript(200), 1);
  await first;
  const text = bigScript(mib * 2 ** 20 - 1024);
  let done = false;
  const t0 = performance.now();
  const params = { text, fileName: 'big.tcpflow', ...(only ? { only: 'diagnostics' } : {}) };
  const check = server.connection.sendRequest<{ diagnostics: unknown[] }>('tcpflow/checkScript', params).then((r) => {
    done = true;
    return { ms: performance.now() - t0, count: r.diagnostics.length };
  });
  const latencies: number[] = [];
  while (!done) {
    latencies.push(await server.hoverMs(uri));
    await new Promise((r) => setTimeout(r, 20));
  }
  const c = await check;
  console.log(`checkScript${only ? " (only: 'diagnostics')" : ''} of a ${mib} MiB script: answered after ${ms(c.ms)} (${c.count} diagnostics); ${latencies.length} hovers meanwhile: median ${ms(median(latencies))}, max ${ms(Math.max(...latencies))}`);
  server.stop();
}

/**
 * Edits a `mib` MiB script `edits` times (one line changed in the middle, then one inserted, by
 * turns), each after the previous diagnostics arrived: semantic tokens asked right after the edit
 * (the features' parse of the new text) and the time to the new diagnostics.
 */
async function keystrokeBig(mib: number, edits: number): Promise<void> {
  const server = new Server();
  await server.start();
  const uri = 'file:///bench/big.tcpflow';
  const lines = bigScript(mib * 2 ** 20 - 1024).split('\n');
  const first = server.ran(uri, 1);
  await server.open(uri, lines.join('\n'), 1);
  await first;
  const tokens: number[] = [];
  const diagnostics: number[] = [];
  const middle = lines.length >> 1;
  for (let version = 2; version < 2 + edits; version++) {
    if (version % 2 === 0) lines[middle] = `client send ${version}`;
    else lines.splice(middle, 0, `# inserted ${version}`);
    const t0 = performance.now();
    const published = server.published(uri, version);
    const ran = server.ran(uri, version);
    await server.change(uri, lines.join('\n'), version);
    tokens.push(await server.requestMs('textDocument/semanticTokens/full', uri));
    await published;
    diagnostics.push(performance.now() - t0);
    await ran; // the next edit comes once the server is done with this run
  }
  const again = await server.requestMs('textDocument/semanticTokens/full', uri);
  console.log(`${mib} MiB script, ${edits} edits: semantic tokens right after the edit median ${ms(median(tokens))} (same version again: ${ms(again)}), keystroke → diagnostics median ${ms(median(diagnostics))}`);
  server.stop();
}

/** A fresh worker until it answers a one-line script, then a warm one's round trip. */
async function workerStart(): Promise<void> {
  const file = join(DIST, 'run-worker.js');
  if (!existsSync(file)) return console.log(`run worker: none in ${DIST}`);
  const cold: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    const worker = new Worker(file, { stdout: true });
    const ask = (id: number): Promise<void> =>
      new Promise((done) => {
        worker.once('message', () => done());
        worker.postMessage({ id, job: { source: 'flow "x"\n', fileName: 'x.tcpflow', settings: undefined } });
      });
    await ask(1);
    cold.push(performance.now() - t0);
    const t1 = performance.now();
    await ask(2);
    warm.push(performance.now() - t1);
    await worker.terminate();
  }
  console.log(`run worker: start + first run ${ms(median(cold))} (median of 7), warm round trip ${ms(median(warm))}`);
}

async function main(): Promise<void> {
  console.log(`server bench against ${DIST} (${new Date().toISOString().slice(0, 16)}Z)`);
  await workerStart();
  await keystrokeToDiagnostics();
  await keystrokeBig(4, 6);
  await hoverDuringCheck(4, true);
  await hoverDuringCheck(4, false);
  await hoverDuringBigRun(4, false);
  await hoverDuringBigRun(4);
  await hoverDuringBigRun(10);
}

void main();
