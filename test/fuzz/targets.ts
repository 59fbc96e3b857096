// Every fuzz target by name: its input generator, its property, and how an input is stored in
// test/fuzz/regressions/<target>-<hash>.txt (text as is; bytes as hex). Used by
// scripts/fuzz.mjs (npm run fuzz) and by regressions.test.ts, which replays every stored input.
import fc from 'fast-check';
import { anyScript, grammarScript, mutatedExample } from './arbitraries';
import { captureBytes, pktScript } from './import-arbitraries';
import { captureImportProperty, packetdrillProperty } from './import-properties';
import { tlsInput, tlsProperty, type TlsInput } from './tls-properties';
import { exportProperty, parserProperty, runnerProperty } from './properties';

export interface FuzzTarget<T> {
  readonly name: string;
  readonly arbitrary: fc.Arbitrary<T>;
  readonly property: (input: T) => void;
  readonly encode: (input: T) => string;
  readonly decode: (file: string) => T;
}

const text = { encode: (s: string): string => s, decode: (s: string): string => s };
const bytes = {
  encode: (b: Uint8Array): string => Buffer.from(b).toString('hex'),
  decode: (s: string): Uint8Array => new Uint8Array(Buffer.from(s.trim(), 'hex')),
};

export const TARGETS = {
  parser: { name: 'parser', arbitrary: anyScript, property: parserProperty, ...text },
  runner: { name: 'runner', arbitrary: fc.oneof(grammarScript, mutatedExample), property: (s: string) => void runnerProperty(s), ...text },
  export: { name: 'export', arbitrary: fc.oneof(grammarScript, mutatedExample), property: exportProperty, ...text },
  'pcap-import': { name: 'pcap-import', arbitrary: captureBytes, property: captureImportProperty, ...bytes },
  'packetdrill-import': { name: 'packetdrill-import', arbitrary: pktScript, property: packetdrillProperty, ...text },
  tls: {
    name: 'tls',
    arbitrary: tlsInput,
    property: tlsProperty,
    encode: (i: TlsInput): string => JSON.stringify({ side: i.side, version: i.version, chunks: i.chunks.map((c) => Buffer.from(c).toString('hex')) }),
    decode: (s: string): TlsInput => {
      const j = JSON.parse(s) as { side: 'server' | 'client'; version: '1.2' | '1.3'; chunks: string[] };
      return { side: j.side, version: j.version, chunks: j.chunks.map((c) => new Uint8Array(Buffer.from(c, 'hex'))) };
    },
  },
} satisfies Record<string, FuzzTarget<string> | FuzzTarget<Uint8Array> | FuzzTarget<TlsInput>>;

export type TargetName = keyof typeof TARGETS;

/** Runs `target`'s property on a stored input (the text of a regressions/*.txt file). */
export function replay(name: TargetName, file: string): void {
  if (name === 'pcap-import') TARGETS['pcap-import'].property(TARGETS['pcap-import'].decode(file));
  else if (name === 'tls') TARGETS.tls.property(TARGETS.tls.decode(file));
  else TARGETS[name].property(TARGETS[name].decode(file));
}
