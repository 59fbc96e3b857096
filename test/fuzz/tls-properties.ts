// The TLS record and handshake parsers under hostile bytes: a TLS endpoint fed anything (noise,
// or a real ClientHello / server flight with bytes flipped, lengths broken, records cut or
// spliced) answers with an alert or waits for more; it never throws.
import fc from 'fast-check';
import { selfSignedCredential, type ServerCredential } from '../../src/engine/tls/certificate';
import { TlsClient } from '../../src/engine/tls/client';
import { SeededRandomSource } from '../../src/engine/tls/random-source';
import { TlsServer } from '../../src/engine/tls/server';

const NOW_MS = 1_700_000_000_000;
const DAY_MS = 86_400_000;

let credentials: { rsa: ServerCredential; ec: ServerCredential } | undefined;
function serverCredentials(): { rsa: ServerCredential; ec: ServerCredential } {
  if (!credentials) {
    const random = new SeededRandomSource(1);
    const validity = { notBeforeMs: NOW_MS - DAY_MS, notAfterMs: NOW_MS + 365 * DAY_MS };
    credentials = { rsa: selfSignedCredential({ name: 'fuzz.test', kind: 'rsa', random, ...validity }), ec: selfSignedCredential({ name: 'fuzz.test', kind: 'ec', random, ...validity }) };
  }
  return credentials;
}

const newServer = (): TlsServer => new TlsServer({ random: new SeededRandomSource(2), credentials: serverCredentials() });
const newClient = (version: '1.2' | '1.3'): TlsClient => new TlsClient({ random: new SeededRandomSource(3), version, serverName: 'fuzz.test', nowMs: NOW_MS });

let flights: { clientHello: Record<'1.2' | '1.3', Buffer>; serverFlight: Record<'1.2' | '1.3', Buffer> } | undefined;
/** Real first flights of both versions, to corrupt. */
function realFlights(): NonNullable<typeof flights> {
  if (!flights) {
    const ch12 = newClient('1.2').start().send;
    const ch13 = newClient('1.3').start().send;
    flights = { clientHello: { '1.2': ch12, '1.3': ch13 }, serverFlight: { '1.2': newServer().receive(ch12).send, '1.3': newServer().receive(ch13).send } };
  }
  return flights;
}

export interface TlsInput {
  readonly side: 'server' | 'client';
  readonly version: '1.2' | '1.3';
  /** The bytes, delivered in these pieces. */
  readonly chunks: readonly Uint8Array[];
}

const mutate = fc.tuple(fc.array(fc.tuple(fc.nat(), fc.nat(255)), { maxLength: 6 }), fc.option(fc.nat(), { nil: undefined }), fc.uint8Array({ maxLength: 16 }));

export const tlsInput: fc.Arbitrary<TlsInput> = fc
  .tuple(fc.constantFrom('server' as const, 'client' as const), fc.constantFrom('1.2' as const, '1.3' as const), fc.oneof({ weight: 4, arbitrary: mutate.map((m) => ({ real: true as const, m })) }, { weight: 1, arbitrary: fc.uint8Array({ maxLength: 600 }).map((b) => ({ real: false as const, b })) }), fc.array(fc.nat(), { maxLength: 4 }))
  .map(([side, version, how, cuts]) => {
    let bytes: Uint8Array;
    if (how.real) {
      const f = realFlights();
      const base = Uint8Array.from(side === 'server' ? f.clientHello[version] : f.serverFlight[version]);
      const [flips, cut, tail] = how.m;
      for (const [at, v] of flips) if (base.length > 0) base[at % base.length] = v;
      const cutAt = cut === undefined ? base.length : cut % (base.length + 1);
      bytes = Buffer.concat([base.subarray(0, cutAt), tail]);
    } else bytes = how.b;
    const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
    const chunks: Uint8Array[] = [];
    let prev = 0;
    for (const p of [...points, bytes.length]) {
      chunks.push(bytes.subarray(prev, p));
      prev = p;
    }
    return { side, version, chunks };
  });

/** Feeds the bytes to a fresh endpoint of that side, in those pieces. */
export function feedTls(input: TlsInput): void {
  const endpoint = input.side === 'server' ? newServer() : newClient(input.version);
  if (endpoint instanceof TlsClient) endpoint.start();
  for (const chunk of input.chunks) endpoint.receive(chunk);
}

/** Feeding the bytes never throws (a malformed input is an alert event, not an exception). */
export function tlsProperty(input: TlsInput): void {
  feedTls(input);
}
