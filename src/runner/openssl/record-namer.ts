// Names the records OpenSSL writes, so that a script's TLS lines can match them as they match the
// engine's. Plaintext records are parsed; protected ones are opened by trial decryption with the
// secrets of OpenSSL's own key log and the engine's record ciphers: TLS 1.3 tries the handshake
// traffic secret, then the application traffic secret (from sequence 0 when the epoch changes);
// TLS 1.2 derives the key block after OpenSSL's ChangeCipherSpec. The peer's plaintext hellos
// (read from the bytes OpenSSL receives) give the randoms, the version and the suite.
import { decodeAlert } from '../../engine/tls/messages/alert';
import { suiteByCode, type CipherSuite } from '../../engine/tls/messages/cipher-suites';
import { findExtension, readServerSupportedVersion } from '../../engine/tls/messages/extensions';
import { decodeHandshakeBody, handshakeTypeName, HELLO_RETRY_REQUEST_RANDOM } from '../../engine/tls/messages/handshake';
import type { RecordInfo } from '../../engine/tls/events';
import { tls12KeyBlock, tls13TrafficKeys } from '../../engine/tls/key-schedule';
import { CONTENT_TYPES, contentTypeName, HandshakeReassembler, RecordReader, Tls13Cipher, tls12Cipher, type RecordCipher, type TlsRecord } from '../../engine/tls/record-layer';

type Role = 'client' | 'server';

/** What both directions' hellos said. */
interface Negotiated {
  clientRandom?: Buffer;
  serverRandom?: Buffer;
  version?: '1.2' | '1.3';
  suite?: CipherSuite;
}

/** One direction of the stream: its records, its handshake messages, its protection. */
class Stream {
  readonly reader = new RecordReader();
  readonly plainHandshake = new HandshakeReassembler();
  readonly protectedHandshake = new HandshakeReassembler();
  /** TLS 1.2: after this side's ChangeCipherSpec. */
  changedCipher = false;
  cipher: RecordCipher | undefined;
  seq = 0n;
  /** TLS 1.3: the epoch `cipher` belongs to (0 handshake, 1 application). */
  epoch = -1;
}

export class RecordNamer {
  private readonly own = new Stream();
  private readonly peer = new Stream();
  private readonly negotiated: Negotiated = {};
  private readonly secrets = new Map<string, Buffer>();

  constructor(private readonly role: Role) {}

  /** An NSS key-log line of OpenSSL's: `LABEL <client_random> <secret>`. */
  keylog(line: string): void {
    const [label, , secret] = line.trim().split(/\s+/);
    if (label && secret && /^[0-9a-f]+$/i.test(secret)) this.secrets.set(label, Buffer.from(secret, 'hex'));
  }

  /** Bytes the peer sent OpenSSL: only its plaintext hellos matter. */
  peerBytes(bytes: Uint8Array): void {
    this.peer.reader.push(bytes);
    for (let r = this.peer.reader.next(); r; r = this.peer.reader.next()) {
      if (r.contentType === CONTENT_TYPES.change_cipher_spec) this.peer.changedCipher ||= this.negotiated.version !== '1.3';
      else if (r.contentType === CONTENT_TYPES.handshake && !this.peer.changedCipher) this.handshake(this.peer.plainHandshake, r.fragment);
    }
  }

  /** OpenSSL's own bytes: one RecordInfo per whole record, in order. */
  ownBytes(bytes: Uint8Array): RecordInfo[] {
    this.own.reader.push(bytes);
    const out: RecordInfo[] = [];
    for (let r = this.own.reader.next(); r; r = this.own.reader.next()) out.push(this.name(r));
    return out;
  }

  private name(record: TlsRecord): RecordInfo {
    const length = record.fragment.length + 5;
    const plain = (messages: readonly string[]): RecordInfo => ({ contentType: contentTypeName(record.contentType) ?? 'unknown', encrypted: false, length, messages });
    if (record.contentType === CONTENT_TYPES.change_cipher_spec) {
      // TLS 1.3's middlebox-compatibility CCS changes nothing (RFC 8446 §D.4).
      this.own.changedCipher ||= this.negotiated.version !== '1.3';
      return plain(['ChangeCipherSpec']);
    }
    const tls13Protected = this.negotiated.version === '1.3' && record.contentType === CONTENT_TYPES.application_data;
    if (!tls13Protected && !this.own.changedCipher) {
      if (record.contentType === CONTENT_TYPES.handshake) return plain(this.handshake(this.own.plainHandshake, record.fragment));
      if (record.contentType === CONTENT_TYPES.alert) return plain([alertName(record.fragment)]);
      return plain(['ApplicationData']);
    }
    const opened = this.open(record);
    if (!opened) return { contentType: contentTypeName(record.contentType) ?? 'unknown', encrypted: true, length, messages: [record.contentType === CONTENT_TYPES.alert ? 'Alert' : 'ApplicationData'] };
    const type = contentTypeName(opened.contentType) ?? 'unknown';
    const messages =
      opened.contentType === CONTENT_TYPES.handshake
        ? this.handshake(this.own.protectedHandshake, opened.plaintext)
        : opened.contentType === CONTENT_TYPES.alert
          ? [alertName(opened.plaintext)]
          : ['ApplicationData'];
    return { contentType: type, encrypted: true, length, messages };
  }

  /** Trial decryption: the current epoch at its sequence number, else the next epoch from 0. */
  private open(record: TlsRecord): { contentType: number; plaintext: Buffer } | undefined {
    const s = this.own;
    const candidates: { cipher: RecordCipher; seq: bigint; epoch: number }[] = [];
    if (s.cipher) candidates.push({ cipher: s.cipher, seq: s.seq, epoch: s.epoch });
    if (this.negotiated.version === '1.3') {
      for (const epoch of [0, 1]) {
        const cipher = epoch > s.epoch ? this.tls13Cipher(epoch) : undefined;
        if (cipher) candidates.push({ cipher, seq: 0n, epoch });
      }
    } else if (!s.cipher) {
      const cipher = this.tls12Cipher();
      if (cipher) candidates.push({ cipher, seq: 0n, epoch: 0 });
    }
    for (const c of candidates) {
      try {
        const opened = c.cipher.open(record, c.seq);
        [s.cipher, s.seq, s.epoch] = [c.cipher, c.seq + 1n, c.epoch];
        return opened;
      } catch {
        // not this epoch's key: try the next one
      }
    }
    return undefined;
  }

  private tls13Cipher(epoch: number): RecordCipher | undefined {
    const suite = this.negotiated.suite;
    const side = this.role === 'client' ? 'CLIENT' : 'SERVER';
    const secret = this.secrets.get(epoch === 0 ? `${side}_HANDSHAKE_TRAFFIC_SECRET` : `${side}_TRAFFIC_SECRET_0`);
    if (!suite || !secret) return undefined;
    const keys = tls13TrafficKeys(suite.hash, secret, suite.keyLength);
    return new Tls13Cipher(suite.aead, keys.key, keys.iv);
  }

  private tls12Cipher(): RecordCipher | undefined {
    const { suite, clientRandom, serverRandom } = this.negotiated;
    const master = this.secrets.get('CLIENT_RANDOM');
    if (!suite || !clientRandom || !serverRandom || !master) return undefined;
    const block = tls12KeyBlock(suite.hash, master, clientRandom, serverRandom, suite.keyLength, suite.ivLength);
    return this.role === 'client' ? tls12Cipher(suite.aead, block.clientKey, block.clientIv) : tls12Cipher(suite.aead, block.serverKey, block.serverIv);
  }

  /** The names of the handshake messages a fragment completes; hellos update what was negotiated. */
  private handshake(reassembler: HandshakeReassembler, fragment: Buffer): string[] {
    return reassembler.push(fragment).map((m) => {
      const name = handshakeTypeName(m.msgType) ?? `handshake_${m.msgType}`;
      if (name === 'ClientHello') this.negotiated.clientRandom = m.body.subarray(2, 34);
      if (name !== 'ServerHello') return name;
      const retry = m.body.subarray(2, 34).equals(HELLO_RETRY_REQUEST_RANDOM);
      this.serverHello(m.body, retry);
      return retry ? 'HelloRetryRequest' : name;
    });
  }

  private serverHello(body: Buffer, retry: boolean): void {
    try {
      const hello = decodeHandshakeBody(2, body, { version: '1.3' });
      if (hello.type !== 'ServerHello') return;
      const versions = findExtension(hello.extensions, 'supported_versions');
      this.negotiated.version = versions && readServerSupportedVersion(versions) === 0x0304 ? '1.3' : '1.2';
      this.negotiated.suite = suiteByCode(hello.cipherSuite);
      if (!retry) this.negotiated.serverRandom = hello.random;
    } catch {
      // a ServerHello we cannot read: its records stay named by their outer type
    }
  }
}

function alertName(fragment: Buffer): string {
  try {
    const alert = decodeAlert(fragment);
    return `Alert(${alert.level}, ${alert.description})`;
  } catch {
    return 'Alert';
  }
}
