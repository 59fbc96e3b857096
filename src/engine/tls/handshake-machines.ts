// The four handshake state machines as xstate v5 definitions. Each is the engine's logic for
// which handshake message may come next (an event the current state cannot take is an
// unexpected_message), the source of the panel's state diagram, and a graph tests can walk.
// States are named for what the endpoint waits for, as in RFC 8446 Appendix A.
import { setup, initialTransition, transition, type AnyStateMachine, type SnapshotFrom } from 'xstate';

export type HandshakeEvent =
  | { type: 'SEND_CLIENT_HELLO' }
  | { type: 'RCV_CLIENT_HELLO'; retry?: boolean } // retry: the server answers with a HelloRetryRequest
  | { type: 'RCV_SERVER_HELLO' }
  | { type: 'RCV_HELLO_RETRY_REQUEST' }
  | { type: 'RCV_ENCRYPTED_EXTENSIONS' }
  | { type: 'RCV_CERTIFICATE'; keyExchange?: 'rsa' | 'ecdhe' }
  | { type: 'RCV_SERVER_KEY_EXCHANGE' }
  | { type: 'RCV_SERVER_HELLO_DONE' }
  | { type: 'RCV_CERTIFICATE_VERIFY' }
  | { type: 'RCV_CLIENT_KEY_EXCHANGE' }
  | { type: 'RCV_CHANGE_CIPHER_SPEC' }
  | { type: 'RCV_FINISHED' }
  | { type: 'RCV_NEW_SESSION_TICKET' }
  | { type: 'RCV_KEY_UPDATE' }
  | { type: 'CLOSE' } //        close_notify sent or received
  | { type: 'FATAL_ALERT' }; // fatal alert sent or received

const ends = { CLOSE: '.CLOSED', FATAL_ALERT: '.FAILED' } as const;
const finalStates = { CLOSED: { type: 'final' as const }, FAILED: { type: 'final' as const } };

const types = { events: {} as HandshakeEvent };

export const tls12ClientMachine = setup({ types, guards: { rsa: ({ event }) => event.type === 'RCV_CERTIFICATE' && event.keyExchange === 'rsa' } }).createMachine({
  id: 'tls12-client',
  initial: 'START',
  on: ends,
  states: {
    START: { on: { SEND_CLIENT_HELLO: 'WAIT_SERVER_HELLO' } },
    WAIT_SERVER_HELLO: { on: { RCV_SERVER_HELLO: 'WAIT_CERTIFICATE' } },
    WAIT_CERTIFICATE: { on: { RCV_CERTIFICATE: [{ guard: 'rsa', target: 'WAIT_SERVER_HELLO_DONE' }, { target: 'WAIT_SERVER_KEY_EXCHANGE' }] } },
    WAIT_SERVER_KEY_EXCHANGE: { on: { RCV_SERVER_KEY_EXCHANGE: 'WAIT_SERVER_HELLO_DONE' } },
    WAIT_SERVER_HELLO_DONE: { on: { RCV_SERVER_HELLO_DONE: 'WAIT_CHANGE_CIPHER_SPEC' } }, // then sends ClientKeyExchange, CCS, Finished
    WAIT_CHANGE_CIPHER_SPEC: { on: { RCV_NEW_SESSION_TICKET: 'WAIT_CHANGE_CIPHER_SPEC', RCV_CHANGE_CIPHER_SPEC: 'WAIT_FINISHED' } },
    WAIT_FINISHED: { on: { RCV_FINISHED: 'ESTABLISHED' } },
    ESTABLISHED: {},
    ...finalStates,
  },
});

export const tls12ServerMachine = setup({ types }).createMachine({
  id: 'tls12-server',
  initial: 'START',
  on: ends,
  states: {
    START: { on: { RCV_CLIENT_HELLO: 'WAIT_CLIENT_KEY_EXCHANGE' } }, // sends ServerHello, Certificate, [ServerKeyExchange], ServerHelloDone
    WAIT_CLIENT_KEY_EXCHANGE: { on: { RCV_CLIENT_KEY_EXCHANGE: 'WAIT_CHANGE_CIPHER_SPEC' } },
    WAIT_CHANGE_CIPHER_SPEC: { on: { RCV_CHANGE_CIPHER_SPEC: 'WAIT_FINISHED' } },
    WAIT_FINISHED: { on: { RCV_FINISHED: 'ESTABLISHED' } }, // sends CCS, Finished
    ESTABLISHED: {},
    ...finalStates,
  },
});

export const tls13ClientMachine = setup({ types }).createMachine({
  id: 'tls13-client',
  initial: 'START',
  on: ends,
  states: {
    START: { on: { SEND_CLIENT_HELLO: 'WAIT_SERVER_HELLO' } },
    // RFC 8446 §4.1.4: after a HelloRetryRequest the client sends ClientHello again; a second one is unexpected_message.
    WAIT_SERVER_HELLO: { on: { RCV_SERVER_HELLO: 'WAIT_ENCRYPTED_EXTENSIONS', RCV_HELLO_RETRY_REQUEST: 'WAIT_SERVER_HELLO_AFTER_RETRY' } },
    WAIT_SERVER_HELLO_AFTER_RETRY: { on: { RCV_SERVER_HELLO: 'WAIT_ENCRYPTED_EXTENSIONS' } },
    WAIT_ENCRYPTED_EXTENSIONS: { on: { RCV_ENCRYPTED_EXTENSIONS: 'WAIT_CERTIFICATE' } },
    WAIT_CERTIFICATE: { on: { RCV_CERTIFICATE: 'WAIT_CERTIFICATE_VERIFY' } },
    WAIT_CERTIFICATE_VERIFY: { on: { RCV_CERTIFICATE_VERIFY: 'WAIT_FINISHED' } },
    WAIT_FINISHED: { on: { RCV_FINISHED: 'ESTABLISHED' } }, // sends Finished
    ESTABLISHED: { on: { RCV_NEW_SESSION_TICKET: 'ESTABLISHED', RCV_KEY_UPDATE: 'ESTABLISHED' } },
    ...finalStates,
  },
});

export const tls13ServerMachine = setup({ types, guards: { retry: ({ event }) => event.type === 'RCV_CLIENT_HELLO' && event.retry === true } }).createMachine({
  id: 'tls13-server',
  initial: 'START',
  on: ends,
  states: {
    // sends ServerHello, {EncryptedExtensions, Certificate, CertificateVerify, Finished}; or a HelloRetryRequest
    START: { on: { RCV_CLIENT_HELLO: [{ guard: 'retry', target: 'WAIT_SECOND_CLIENT_HELLO' }, { target: 'WAIT_FINISHED' }] } },
    WAIT_SECOND_CLIENT_HELLO: { on: { RCV_CLIENT_HELLO: 'WAIT_FINISHED' } },
    WAIT_FINISHED: { on: { RCV_FINISHED: 'ESTABLISHED' } },
    ESTABLISHED: { on: { RCV_KEY_UPDATE: 'ESTABLISHED' } },
    ...finalStates,
  },
});

export type HandshakeMachine = typeof tls12ClientMachine | typeof tls12ServerMachine | typeof tls13ClientMachine | typeof tls13ServerMachine;

export const HANDSHAKE_MACHINES: Record<string, AnyStateMachine> = {
  'tls12-client': tls12ClientMachine,
  'tls12-server': tls12ServerMachine,
  'tls13-client': tls13ClientMachine,
  'tls13-server': tls13ServerMachine,
};

/** A machine and where it is; `step` returns undefined when the machine has no such edge. */
export class HandshakeState {
  private snapshot: SnapshotFrom<AnyStateMachine>;
  constructor(readonly machine: AnyStateMachine) {
    this.snapshot = initialTransition(machine)[0];
  }

  get value(): string {
    return String(this.snapshot.value);
  }

  can(event: HandshakeEvent): boolean {
    return this.snapshot.can(event);
  }

  /** Returns [from, to], or undefined if the event is not allowed here. */
  step(event: HandshakeEvent): [string, string] | undefined {
    if (!this.snapshot.can(event)) return undefined;
    const from = this.value;
    this.snapshot = transition(this.machine, this.snapshot, event)[0];
    return [from, this.value];
  }
}

/** 'ServerHelloDone' → 'RCV_SERVER_HELLO_DONE' */
export function receiveEventType(messageName: string): string {
  return 'RCV_' + messageName.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
}
