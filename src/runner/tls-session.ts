// What a TLS attachment drives on one side: the engine's TLS endpoint, or OpenSSL in a worker
// (`peer openssl`, openssl/session.ts). Both return TlsOutput: the bytes for TCP and the events.
import type { TlsOutput } from '../engine/tls/events';

export interface TlsSession {
  /** A client's first flight (an OpenSSL server also starts here; the engine's server has none). */
  start?(): TlsOutput;
  receive(bytes: Uint8Array): TlsOutput;
  write(data: Uint8Array): TlsOutput;
  close(): TlsOutput;
  readonly state: string;
  readonly established: boolean;
  /** What went wrong since the last call, to report (OpenSSL only). */
  takeProblems?(): SessionProblem[];
  /** Frees what the session holds at the end of the run (OpenSSL's worker). */
  dispose?(): void;
}

export interface SessionProblem {
  /** `failed`: OpenSSL could not play its side at all; `rejected`: it aborted the handshake or connection. */
  readonly kind: 'failed' | 'rejected';
  readonly detail: string;
}
