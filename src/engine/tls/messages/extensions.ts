// Extensions (RFC 8446 §4.2) are kept as raw { type, data } so every byte round-trips; the
// functions here build and read the ones a script may name.
import { ByteReader, uint, vector } from '../bytes';
import { TlsAlertError } from './alert';

export interface Extension {
  readonly type: number;
  readonly data: Buffer;
}

export const EXTENSION_TYPES = {
  server_name: 0,
  supported_groups: 10,
  ec_point_formats: 11,
  signature_algorithms: 13,
  application_layer_protocol_negotiation: 16,
  extended_master_secret: 23,
  session_ticket: 35,
  supported_versions: 43,
  psk_key_exchange_modes: 45,
  key_share: 51,
  renegotiation_info: 0xff01,
} as const;

export type ExtensionName = keyof typeof EXTENSION_TYPES;

export function extensionName(type: number): string {
  return (Object.keys(EXTENSION_TYPES) as ExtensionName[]).find((n) => EXTENSION_TYPES[n] === type) ?? `extension_${type}`;
}

export function encodeExtensions(extensions: readonly Extension[]): Buffer {
  return vector(Buffer.concat(extensions.map((e) => Buffer.concat([uint(e.type, 2), vector(e.data, 2)]))), 2);
}

export function decodeExtensions(reader: ByteReader): Extension[] {
  if (reader.remaining === 0) return []; // a TLS 1.2 hello may omit the block entirely
  const block = new ByteReader(reader.vector(2));
  const out: Extension[] = [];
  while (block.remaining > 0) out.push({ type: block.uint(2), data: block.vector(2) });
  return out;
}

export function findExtension(extensions: readonly Extension[], name: ExtensionName): Buffer | undefined {
  return extensions.find((e) => e.type === EXTENSION_TYPES[name])?.data;
}

const u16List = (values: readonly number[], width: 1 | 2): Buffer => vector(Buffer.concat(values.map((v) => uint(v, 2))), width);

function readU16List(data: Uint8Array, width: 1 | 2): number[] {
  const r = new ByteReader(data);
  const list = new ByteReader(r.vector(width));
  r.end();
  const out: number[] = [];
  while (list.remaining > 0) out.push(list.uint(2));
  return out;
}

// --- builders ---

export const serverNameExtension = (host: string): Extension => ({
  type: EXTENSION_TYPES.server_name,
  data: vector(Buffer.concat([Buffer.from([0]), vector(Buffer.from(host, 'ascii'), 2)]), 2),
});
export const supportedGroupsExtension = (groups: readonly number[]): Extension => ({ type: EXTENSION_TYPES.supported_groups, data: u16List(groups, 2) });
export const signatureAlgorithmsExtension = (schemes: readonly number[]): Extension => ({ type: EXTENSION_TYPES.signature_algorithms, data: u16List(schemes, 2) });
export const clientSupportedVersionsExtension = (versions: readonly number[]): Extension => ({ type: EXTENSION_TYPES.supported_versions, data: u16List(versions, 1) });
export const serverSupportedVersionsExtension = (version: number): Extension => ({ type: EXTENSION_TYPES.supported_versions, data: uint(version, 2) });
export const pskKeyExchangeModesExtension = (modes: readonly number[]): Extension => ({ type: EXTENSION_TYPES.psk_key_exchange_modes, data: vector(Buffer.from(modes), 1) });
export const alpnExtension = (protocols: readonly string[]): Extension => ({
  type: EXTENSION_TYPES.application_layer_protocol_negotiation,
  data: vector(Buffer.concat(protocols.map((p) => vector(Buffer.from(p, 'ascii'), 1))), 2),
});
export const ecPointFormatsExtension = (): Extension => ({ type: EXTENSION_TYPES.ec_point_formats, data: vector(Buffer.from([0]), 1) });

export interface KeyShareEntry {
  readonly group: number;
  readonly keyExchange: Buffer;
}
const encodeEntry = (e: KeyShareEntry): Buffer => Buffer.concat([uint(e.group, 2), vector(e.keyExchange, 2)]);
export const clientKeyShareExtension = (entries: readonly KeyShareEntry[]): Extension => ({ type: EXTENSION_TYPES.key_share, data: vector(Buffer.concat(entries.map(encodeEntry)), 2) });
export const serverKeyShareExtension = (entry: KeyShareEntry): Extension => ({ type: EXTENSION_TYPES.key_share, data: encodeEntry(entry) });

// --- readers (throw DecodeError on malformed data) ---

export function readServerName(data: Uint8Array): string | undefined {
  const r = new ByteReader(data);
  const list = new ByteReader(r.vector(2));
  while (list.remaining > 0) {
    const kind = list.uint(1);
    const name = list.vector(2);
    if (kind === 0) return name.toString('ascii');
  }
  return undefined;
}
export const readSupportedGroups = (data: Uint8Array): number[] => readU16List(data, 2);
export const readSignatureAlgorithms = (data: Uint8Array): number[] => readU16List(data, 2);
export const readClientSupportedVersions = (data: Uint8Array): number[] => readU16List(data, 1);
export function readServerSupportedVersion(data: Uint8Array): number {
  const r = new ByteReader(data);
  const v = r.uint(2);
  r.end();
  return v;
}
export function readPskKeyExchangeModes(data: Uint8Array): number[] {
  const r = new ByteReader(data);
  return [...r.vector(1)];
}
export function readAlpn(data: Uint8Array): string[] {
  const r = new ByteReader(data);
  const list = new ByteReader(r.vector(2));
  const out: string[] = [];
  while (list.remaining > 0) out.push(list.vector(1).toString('ascii'));
  return out;
}
export function readClientKeyShares(data: Uint8Array): KeyShareEntry[] {
  const r = new ByteReader(data);
  const list = new ByteReader(r.vector(2));
  r.end();
  const out: KeyShareEntry[] = [];
  while (list.remaining > 0) out.push({ group: list.uint(2), keyExchange: list.vector(2) });
  return out;
}
export function readServerKeyShare(data: Uint8Array): KeyShareEntry {
  const r = new ByteReader(data);
  const entry = { group: r.uint(2), keyExchange: r.vector(2) };
  r.end();
  return entry;
}

/** RFC 8446 §4.2: at most one extension of a type per block; OpenSSL answers a duplicate with illegal_parameter. */
export function assertNoDuplicates(extensions: readonly Extension[]): void {
  const seen = new Set<number>();
  for (const e of extensions) {
    if (seen.has(e.type)) throw new TlsAlertError('illegal_parameter', `duplicate extension ${extensionName(e.type)}`);
    seen.add(e.type);
  }
}
