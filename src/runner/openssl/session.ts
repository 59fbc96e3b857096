// The runner's side of an OpenSSL peer: the same calls as an engine TLS endpoint, answered by
// node:tls in a worker thread. Each call posts one command and blocks the (synchronous) runner
// with Atomics.wait until the worker has let OpenSSL run to quiet and posted its reply, so the
// reply enters TCP at the virtual instant the peer's bytes arrived. A worker that is missing,
// refuses to start or stays silent past the timeout ends the session with a `problem`, never a hang.
import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { TlsEvent, TlsOutput } from '../../engine/tls/events';
import type { SessionProblem, TlsSession } from '../tls-session';
import { WORKER_BUNDLE_NAME, type Command, type Reply, type WorkerConfig, type WorkerData } from './protocol';
import { RecordNamer } from './record-namer';

const EMPTY: TlsOutput = { send: Buffer.alloc(0), events: [] };

/** Where the worker is and how long a call may take; tests change them. */
export const openSslWorkerSettings = {
  path: undefined as string | undefined,
  timeoutMs: 20_000,
};

/** Beside the bundle (dist/openssl-worker.js), else beside this compiled module (tsc output). */
function workerPath(): string | undefined {
  const candidates = openSslWorkerSettings.path !== undefined ? [openSslWorkerSettings.path] : [join(__dirname, WORKER_BUNDLE_NAME), join(__dirname, 'worker.js')];
  return candidates.find(exists);
}

/** Node's module resolution says whether the file is there (a missing worker would fail only asynchronously). */
function exists(path: string): boolean {
  try {
    require.resolve(path);
    return true;
  } catch {
    return false;
  }
}

type Phase = 'START' | 'HANDSHAKE' | 'ESTABLISHED' | 'CLOSED' | 'FAILED';

export class OpenSslSession implements TlsSession {
  private readonly worker: Worker | undefined;
  private readonly port: MessagePort | undefined;
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private readonly namer: RecordNamer;
  private phase: Phase = 'START';
  private problems: SessionProblem[] = [];
  /** OpenSSL's negotiated protocol (`TLSv1.3`), once established. */
  version: string | undefined;

  constructor(readonly config: WorkerConfig) {
    this.namer = new RecordNamer(config.role);
    const path = workerPath();
    if (!path) {
      this.fail('failed', `the OpenSSL worker (${WORKER_BUNDLE_NAME}) is missing`);
      return;
    }
    const channel = new MessageChannel();
    const data: WorkerData = { config, signal: this.signal.buffer as SharedArrayBuffer, replies: channel.port2 };
    try {
      this.worker = new Worker(path, { workerData: data, transferList: [channel.port2] });
      this.worker.unref();
      this.port = channel.port1;
    } catch (e) {
      this.fail('failed', e instanceof Error ? e.message : String(e));
    }
  }

  get state(): string {
    return this.phase;
  }

  get established(): boolean {
    return this.phase === 'ESTABLISHED';
  }

  start(): TlsOutput {
    this.phase = 'HANDSHAKE';
    return this.call({ type: 'start' });
  }

  receive(bytes: Uint8Array): TlsOutput {
    if (this.phase === 'FAILED' || this.phase === 'CLOSED') return EMPTY;
    this.namer.peerBytes(bytes);
    return this.call({ type: 'receive', bytes });
  }

  write(data: Uint8Array): TlsOutput {
    return this.call({ type: 'write', bytes: data });
  }

  close(): TlsOutput {
    const out = this.call({ type: 'close' });
    if (this.phase !== 'FAILED') this.phase = 'CLOSED';
    return out;
  }

  takeProblems(): SessionProblem[] {
    return this.problems.splice(0);
  }

  dispose(): void {
    this.port?.close();
    void this.worker?.terminate();
  }

  private fail(kind: SessionProblem['kind'], detail: string): void {
    if (kind === 'failed') this.dispose();
    this.phase = 'FAILED';
    this.problems.push({ kind, detail });
  }

  /** Posts one command and waits (blocking) for its reply. */
  private call(command: Command): TlsOutput {
    const worker = this.worker;
    const port = this.port;
    if (!worker || !port || (this.phase === 'FAILED' && command.type !== 'receive')) return EMPTY;
    const seen = Atomics.load(this.signal, 0);
    worker.postMessage(command);
    const deadline = Date.now() + openSslWorkerSettings.timeoutMs;
    for (;;) {
      const message = receiveMessageOnPort(port);
      if (message) return this.output(message.message as Reply, command.type === 'start');
      const left = deadline - Date.now();
      if (left <= 0) {
        this.fail('failed', `no answer from OpenSSL within ${openSslWorkerSettings.timeoutMs / 1000} s`);
        return EMPTY;
      }
      Atomics.wait(this.signal, 0, seen, left);
    }
  }

  /** An error in answer to `start` is OpenSSL refusing its settings; later ones are its verdict on the peer. */
  private output(reply: Reply, starting: boolean): TlsOutput {
    const events: TlsEvent[] = [];
    for (const line of reply.keylog) {
      this.namer.keylog(line);
      events.push({ type: 'keylog', line });
    }
    for (const record of this.namer.ownBytes(reply.output)) events.push({ type: 'record', direction: 'sent', record });
    if (reply.data.length > 0) events.push({ type: 'applicationData', direction: 'received', data: Buffer.from(reply.data) });
    if (reply.established && this.phase === 'HANDSHAKE') {
      this.phase = 'ESTABLISHED';
      this.version = reply.version;
    }
    if (reply.ended && this.phase !== 'FAILED') this.phase = 'CLOSED';
    if (reply.error !== undefined) this.fail(starting ? 'failed' : 'rejected', reply.error);
    return { send: Buffer.from(reply.output), events };
  }
}
