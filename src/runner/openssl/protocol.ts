// What the runner thread and the OpenSSL worker say to each other. The runner posts a Command,
// then blocks (Atomics.wait on `signal[0]`) until the worker has run node:tls to quiet, posted one
// Reply on its port and bumped `signal[0]`. Plain data only: it crosses threads by structured clone.

/** How OpenSSL plays its side (the script's `tls connect` / `tls accept` arguments). */
export interface WorkerConfig {
  readonly role: 'client' | 'server';
  readonly minVersion: 'TLSv1.2' | 'TLSv1.3';
  readonly maxVersion: 'TLSv1.2' | 'TLSv1.3';
  /** OpenSSL names for TLS 1.2 suites (`ciphers`); undefined = OpenSSL's defaults plus RSA key exchange. */
  readonly ciphers?: string;
  /** TLS 1.3 suites (`ciphersuites`); undefined = OpenSSL's defaults. */
  readonly ciphersuites?: string;
  /** `X25519:P-256` (ecdhCurve). */
  readonly groups?: string;
  /** A client's SNI. */
  readonly serverName?: string;
  /** A server's key and certificate, PEM. */
  readonly keyPem?: string;
  readonly certPem?: string;
}

export interface WorkerData {
  readonly config: WorkerConfig;
  /** Int32Array over a SharedArrayBuffer: [0] counts replies. */
  readonly signal: SharedArrayBuffer;
  /** The port the worker posts its replies on (its twin stays with the runner). */
  readonly replies: InstanceType<typeof MessagePort>;
}

export type Command =
  /** A client writes its ClientHello; a server only starts listening. */
  | { readonly type: 'start' }
  /** Bytes TCP delivered to OpenSSL's side. */
  | { readonly type: 'receive'; readonly bytes: Uint8Array }
  /** Application data to send. */
  | { readonly type: 'write'; readonly bytes: Uint8Array }
  /** close_notify. */
  | { readonly type: 'close' };

export interface Reply {
  /** The bytes OpenSSL wrote to the stream since the last reply, in order. */
  readonly output: Uint8Array;
  /** NSS key-log lines OpenSSL reported since the last reply. */
  readonly keylog: readonly string[];
  /** Application data OpenSSL decrypted. */
  readonly data: Uint8Array;
  readonly established: boolean;
  /** OpenSSL's negotiated version (`TLSv1.3`) once established. */
  readonly version?: string;
  /** The first error OpenSSL raised (its code and message), once. */
  readonly error?: string;
  /** OpenSSL received close_notify (the stream ended). */
  readonly ended: boolean;
}

/** The worker's file next to the bundle (esbuild entry `dist/openssl-worker.js`). */
export const WORKER_BUNDLE_NAME = 'openssl-worker.js';
