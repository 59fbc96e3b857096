// The OpenSSL worker: node:tls over an in-memory Duplex, driven by the runner's commands. It only
// ever receives bytes (the peer's TLS records) and settings; nothing from a script is executed.
// Each command ends with one Reply once OpenSSL has been quiet for QUIET_TURNS event-loop turns.
// Bytes are pushed to OpenSSL DELIVERY_TURNS turns after a command arrives: OpenSSL finishes a
// write one turn later, and a reply delivered sooner makes it drop its fatal alerts (research/tls.md §1d).
import { Duplex } from 'node:stream';
import * as tls from 'node:tls';
import { parentPort, workerData } from 'node:worker_threads';
import type { Command, Reply, WorkerConfig, WorkerData } from './protocol';

const DELIVERY_TURNS = 2;
const QUIET_TURNS = 3;
const MAX_TURNS = 500;
const RSA_KEY_EXCHANGE = 'AES128-GCM-SHA256:AES256-GCM-SHA384';

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

class OpenSslSide {
  private output: Buffer[] = [];
  private keylog: string[] = [];
  private data: Buffer[] = [];
  private error: string | undefined;
  private errorSent = false;
  private established = false;
  private ended = false;
  /** Bumped by everything OpenSSL does; a settle waits until it stops moving. */
  private activity = 0;
  private readonly wire: Duplex;
  private socket: tls.TLSSocket | undefined;

  constructor(private readonly config: WorkerConfig) {
    this.wire = new Duplex({
      read() {},
      write: (chunk: Buffer, _encoding, done) => {
        this.output.push(Buffer.from(chunk));
        this.activity++;
        done();
      },
    });
  }

  start(): void {
    const c = this.config;
    const common = {
      minVersion: c.minVersion,
      maxVersion: c.maxVersion,
      ...(c.ciphersuites !== undefined ? { ciphersuites: c.ciphersuites } : {}),
      ciphers: c.ciphers ?? `${tls.DEFAULT_CIPHERS}:${RSA_KEY_EXCHANGE}`,
      ...(c.groups !== undefined ? { ecdhCurve: c.groups } : {}),
    };
    const socket =
      c.role === 'server'
        ? new tls.TLSSocket(this.wire, { isServer: true, secureContext: tls.createSecureContext({ ...common, key: c.keyPem, cert: c.certPem }) })
        : tls.connect({ ...common, socket: this.wire, rejectUnauthorized: false, ...(c.serverName !== undefined ? { servername: c.serverName } : {}) });
    this.socket = socket;
    socket.on('keylog', (line: Buffer) => this.note(() => this.keylog.push(line.toString('latin1').trim())));
    socket.on(c.role === 'server' ? 'secure' : 'secureConnect', () => this.note(() => (this.established = true)));
    socket.on('data', (chunk: Buffer) => this.note(() => this.data.push(Buffer.from(chunk))));
    socket.on('end', () => this.note(() => (this.ended = true)));
    socket.on('error', (e: Error & { code?: string }) => this.fail(e));
  }

  fail(e: Error & { code?: string }): void {
    this.note(() => (this.error ??= e.code ? `${e.code}: ${e.message}` : e.message));
  }

  private note(change: () => unknown): void {
    change();
    this.activity++;
  }

  async run(command: Command): Promise<Reply> {
    try {
      if (command.type === 'start') this.start();
      else if (command.type === 'receive') {
        for (let i = 0; i < DELIVERY_TURNS; i++) await turn();
        this.wire.push(Buffer.from(command.bytes));
      } else if (command.type === 'write') this.socket?.write(Buffer.from(command.bytes));
      else this.socket?.end();
    } catch (e) {
      this.fail(e instanceof Error ? e : new Error(String(e)));
    }
    await this.settle();
    return this.reply();
  }

  private async settle(): Promise<void> {
    let quiet = 0;
    let seen = this.activity;
    for (let i = 0; i < MAX_TURNS && quiet < QUIET_TURNS; i++) {
      await turn();
      if (this.activity === seen) quiet++;
      else [seen, quiet] = [this.activity, 0];
    }
  }

  private reply(): Reply {
    const error = this.errorSent ? undefined : this.error;
    this.errorSent ||= error !== undefined;
    const reply: Reply = {
      output: Buffer.concat(this.output),
      keylog: this.keylog,
      data: Buffer.concat(this.data),
      established: this.established,
      ...(this.established && this.socket ? { version: this.socket.getProtocol() ?? undefined } : {}),
      ...(error !== undefined ? { error } : {}),
      ended: this.ended,
    };
    [this.output, this.keylog, this.data] = [[], [], []];
    return reply;
  }
}

function main(): void {
  const { config, signal, replies } = workerData as WorkerData;
  const counter = new Int32Array(signal);
  const side = new OpenSslSide(config);
  let queue = Promise.resolve();
  parentPort?.on('message', (command: Command) => {
    queue = queue.then(async () => {
      const reply = await side.run(command);
      replies.postMessage(reply);
      Atomics.add(counter, 0, 1);
      Atomics.notify(counter, 0);
    });
  });
}

main();
