// What TlsClient and TlsServer share: the record layer in both directions, handshake message
// framing, the transcript, the handshake state machine, alerts, application data, and the
// bookkeeping that turns each call into { send, events }.
import { hex } from './bytes';
import { AuthenticationError } from './crypto/aead';
import type { HashName } from './crypto/hash';
import { decodeAlert, encodeAlert, TlsAlertError, type Alert, type AlertDescription } from './messages/alert';
import type { CipherSuite } from './messages/cipher-suites';
import { decodeHandshakeBody, encodeHandshake, handshakeTypeName, messageName, type HandshakeContext, type HandshakeMessage } from './messages/handshake';
import { HandshakeState, receiveEventType, type HandshakeEvent } from './handshake-machines';
import { Transcript, tls13NextTrafficSecret, tls13TrafficKeys } from './key-schedule';
import type { RandomSource } from './random-source';
import { CONTENT_TYPES, contentTypeName, encodeRecord, HandshakeReassembler, NULL_CIPHER, RecordDirection, RecordReader, sealRecords, Tls13Cipher, type ContentTypeName, type RawHandshake, type RecordCipher, type TlsRecord } from './record-layer';
import type { Direction, TlsEvent, TlsOutput } from './events';
import { DecodeError } from './bytes';

export interface EndpointOptions {
  readonly random: RandomSource;
  /** Put consecutive handshake messages of one flight into one record (default: one record per message, as OpenSSL does). */
  readonly coalesceHandshake?: boolean;
  /**
   * A `scripted` side: records are prepared but not sealed (`TlsOutput.prepared`); the runner
   * seals each one with `sealPrepared` when a script line sends it, possibly altered on purpose.
   */
  readonly holdRecords?: boolean;
}

/** A record a `holdRecords` endpoint prepared: plaintext, and the write keys of its epoch. */
export interface PreparedRecord {
  readonly contentType: number;
  plaintext: Buffer;
  readonly names: readonly string[];
  readonly cipher: RecordCipher;
  readonly version: number;
}

export abstract class TlsEndpoint {
  protected readonly random: RandomSource;
  protected readonly transcript = new Transcript();
  protected readonly readDirection = new RecordDirection();
  protected readonly writeDirection = new RecordDirection();
  protected handshakeState: HandshakeState | undefined;
  protected version: '1.2' | '1.3' | undefined;
  protected hash: HashName = 'sha256';
  protected clientRandom: Buffer = Buffer.alloc(0);
  private readonly reader = new RecordReader();
  private readonly reassembler = new HandshakeReassembler();
  private readonly coalesce: boolean;
  private readonly hold: boolean;
  private prepared: PreparedRecord[] = [];
  /** Per epoch (write cipher), the next sequence number of a held record sealed in it. */
  private readonly heldSeq = new Map<RecordCipher, bigint>();
  private out: Buffer[] = [];
  private events: TlsEvent[] = [];
  private sentFlight: string[] = [];
  private receivedFlight: string[] = [];
  private pending: { names: string[]; bytes: Buffer[] } = { names: [], bytes: [] };
  private failed = false;
  /** close_notify sent / received (RFC 8446 §6.1). */
  private sentCloseNotify = false;
  private receivedCloseNotify = false;
  private handshakeCompleted = false;
  /** TLS 1.3 application traffic secrets of the current epoch, for KeyUpdate (RFC 8446 §7.2). */
  private trafficSecrets: { read: Buffer; write: Buffer; suite: CipherSuite } | undefined;

  constructor(options: EndpointOptions) {
    this.random = options.random;
    this.coalesce = options.coalesceHandshake ?? false;
    this.hold = options.holdRecords ?? false;
  }

  /** The handshake machine's state ('START' before the machine is chosen). */
  get state(): string {
    return this.handshakeState?.value ?? 'START';
  }

  get established(): boolean {
    return this.state === 'ESTABLISHED';
  }

  /** Whether this side sent / received close_notify. */
  get closeNotify(): { readonly sent: boolean; readonly received: boolean } {
    return { sent: this.sentCloseNotify, received: this.receivedCloseNotify };
  }

  // --- the API the runner calls ---

  receive(bytes: Uint8Array): TlsOutput {
    return this.call(() => {
      this.reader.push(bytes);
      // RFC 8446 §6.1: data received after a closure alert is ignored.
      for (let record = this.reader.next(); record && !this.failed && !this.receivedCloseNotify; record = this.reader.next()) this.receiveRecord(record);
    });
  }

  write(data: Uint8Array): TlsOutput {
    return this.call(() => {
      if (this.sentCloseNotify) throw new Error('TLS write after close_notify');
      if (!this.established && !(this.handshakeCompleted && this.receivedCloseNotify)) throw new Error('TLS write before the handshake completed');
      this.sendRecords(CONTENT_TYPES.application_data, Buffer.from(data), ['ApplicationData']);
    });
  }

  /**
   * Sends a warning close_notify (RFC 8446 §6.1, RFC 5246 §7.2.1) and closes the write side; the
   * machine moves to CLOSED (unless the peer's close_notify already moved it there). A second
   * close() sends nothing.
   */
  close(): TlsOutput {
    return this.call(() => {
      if (this.sentCloseNotify || this.failed) return;
      this.sentCloseNotify = true;
      this.sendAlertRecord({ level: 'warning', description: 'close_notify' });
      this.moveOnClose();
    });
  }

  /**
   * TLS 1.3 KeyUpdate (RFC 8446 §4.6.3): sends KeyUpdate under the current write key, then
   * switches the write side to the next application traffic secret. `requestPeer` asks the peer
   * to update its own write key too (update_requested).
   */
  keyUpdate(requestPeer: boolean): TlsOutput {
    return this.call(() => {
      if (this.version !== '1.3' || !this.established || !this.trafficSecrets) throw new Error('KeyUpdate needs an established TLS 1.3 connection');
      if (this.sentCloseNotify) throw new Error('KeyUpdate after close_notify');
      this.sendKeyUpdate(requestPeer);
    });
  }

  // --- a scripted side (holdRecords) ---

  /** How handshake bodies are encoded on this connection (for altering a prepared message). */
  get messageContext(): HandshakeContext {
    return this.handshakeContext();
  }

  /**
   * A record the engine would not send by itself (application data before Finished, a stray
   * ChangeCipherSpec): sealed in the epoch of `before` (the record it goes ahead of), else in
   * the current write epoch.
   */
  prepareRecord(contentType: ContentTypeName, plaintext: Buffer, names: readonly string[], before?: PreparedRecord): PreparedRecord {
    const cipher = contentType === 'change_cipher_spec' && this.version === '1.3' ? NULL_CIPHER : before?.cipher ?? this.writeDirection.cipher;
    return { contentType: CONTENT_TYPES[contentType], plaintext, names, cipher, version: before?.version ?? this.legacyRecordVersion() };
  }

  /** Seals a prepared record with the next sequence number of its epoch; `whole` skips 2^14 fragmentation. */
  sealPrepared(record: PreparedRecord, whole = false): Buffer {
    const direction = new RecordDirection();
    direction.cipher = record.cipher;
    direction.seq = this.heldSeq.get(record.cipher) ?? 0n;
    const sealed = sealRecords(direction, record.contentType, record.version, record.plaintext, whole ? Number.MAX_SAFE_INTEGER : undefined);
    this.heldSeq.set(record.cipher, direction.seq);
    return Buffer.concat(sealed.map(encodeRecord));
  }

  // --- for subclasses ---

  protected abstract handshakeContext(): HandshakeContext;
  protected abstract onHandshake(message: HandshakeMessage, raw: Buffer): void;
  protected abstract onChangeCipherSpec(): void;

  protected call(work: () => void): TlsOutput {
    this.out = [];
    this.prepared = [];
    this.events = [];
    this.sentFlight = [];
    this.receivedFlight = [];
    try {
      work();
    } catch (e) {
      // Bytes from the peer that do not decode — wherever the decoding happens, even lazily
      // after the message was framed (found by fuzzing) — are the peer's decode_error.
      if (e instanceof DecodeError) this.fail('decode_error', e.message);
      else if (e instanceof TlsAlertError) this.fail(e.description, e.reason);
      else throw e;
    }
    this.flushHandshake();
    if (this.receivedFlight.length > 0) this.events.unshift({ type: 'handshake', direction: 'received', messages: this.receivedFlight });
    if (this.sentFlight.length > 0) this.events.push({ type: 'handshake', direction: 'sent', messages: this.sentFlight });
    const output = { send: Buffer.concat(this.out), events: this.events };
    return this.hold ? { ...output, prepared: this.prepared } : output;
  }

  protected emit(event: TlsEvent): void {
    this.events.push(event);
  }

  protected keylog(label: string, secret: Uint8Array): void {
    this.emit({ type: 'keylog', line: `${label} ${hex(this.clientRandom)} ${hex(secret)}` });
  }

  /** Moves the machine; an event it cannot take is the peer's unexpected_message. */
  protected step(event: HandshakeEvent): void {
    if (!this.handshakeState) return;
    const moved = this.handshakeState.step(event);
    if (!moved) throw new TlsAlertError('unexpected_message', `${event.type} in state ${this.handshakeState.value}`);
    if (moved[0] !== moved[1]) this.emit({ type: 'state', machine: this.handshakeState.machine.id, from: moved[0], to: moved[1] });
    if (moved[1] === 'ESTABLISHED') this.handshakeCompleted = true;
  }

  /** A fatal alert sent or received: FAILED, shown like every other move (a `state` event). */
  private moveOnFatalAlert(): void {
    const moved = this.handshakeState?.step({ type: 'FATAL_ALERT' });
    if (moved && moved[0] !== moved[1]) this.emit({ type: 'state', machine: this.handshakeState!.machine.id, from: moved[0], to: moved[1] });
  }

  /** close_notify sent or received: CLOSED (once; the machine has no edge out of CLOSED). */
  private moveOnClose(): void {
    if (this.state !== 'CLOSED') this.step({ type: 'CLOSE' });
  }

  /** A post-handshake message (NewSessionTicket, KeyUpdate): its own record, not part of the transcript. */
  protected sendPostHandshake(raw: Buffer, name: string): void {
    this.sendRecords(CONTENT_TYPES.handshake, raw, [name]);
  }

  private sendKeyUpdate(requestPeer: boolean): void {
    const secrets = this.trafficSecrets;
    if (!secrets) throw new TlsAlertError('internal_error', 'no traffic secrets');
    this.sendPostHandshake(encodeHandshake({ type: 'KeyUpdate', requestUpdate: requestPeer }, this.handshakeContext()), 'KeyUpdate');
    secrets.write = tls13NextTrafficSecret(this.hash, secrets.write);
    const keys = tls13TrafficKeys(this.hash, secrets.write, secrets.suite.keyLength);
    this.writeDirection.changeCipher(new Tls13Cipher(secrets.suite.aead, keys.key, keys.iv));
  }

  private receiveKeyUpdate(requestUpdate: boolean, lastInRecord: boolean): void {
    this.step({ type: 'RCV_KEY_UPDATE' });
    // RFC 8446 §5.1: a message that precedes a key change must end at a record boundary.
    if (!lastInRecord || this.reassembler.hasPartialMessage) throw new TlsAlertError('unexpected_message', 'KeyUpdate not at the end of its record');
    const secrets = this.trafficSecrets;
    if (!secrets) throw new TlsAlertError('unexpected_message', 'KeyUpdate before the application traffic keys');
    secrets.read = tls13NextTrafficSecret(this.hash, secrets.read);
    const keys = tls13TrafficKeys(this.hash, secrets.read, secrets.suite.keyLength);
    this.readDirection.changeCipher(new Tls13Cipher(secrets.suite.aead, keys.key, keys.iv));
    // §4.6.3: answer update_requested with update_not_requested before any further data. Once
    // our close_notify is sent there is nothing more to protect, so no answer.
    if (requestUpdate && !this.sentCloseNotify) this.sendKeyUpdate(false);
  }

  protected sendHandshake(message: HandshakeMessage): Buffer {
    const raw = encodeHandshake(message, this.handshakeContext());
    this.transcript.add(raw);
    this.pending.names.push(messageName(message));
    this.pending.bytes.push(raw);
    if (!this.coalesce) this.flushHandshake();
    return raw;
  }

  protected sendChangeCipherSpec(): void {
    this.flushHandshake();
    this.sendRecords(CONTENT_TYPES.change_cipher_spec, Buffer.from([1]), ['ChangeCipherSpec']);
  }

  protected changeWriteCipher(cipher: RecordCipher): void {
    this.flushHandshake();
    this.writeDirection.changeCipher(cipher);
  }

  /** TLS 1.3: the application traffic secrets once both are in use (for KeyUpdate). */
  protected setApplicationTrafficSecrets(read: Buffer, write: Buffer, suite: CipherSuite): void {
    this.trafficSecrets = { read, write, suite };
  }

  protected changeReadCipher(cipher: RecordCipher): void {
    if (this.reassembler.hasPartialMessage) throw new TlsAlertError('unexpected_message', 'handshake message spans a key change');
    this.readDirection.changeCipher(cipher);
  }

  protected legacyRecordVersion(): number {
    return 0x0303;
  }

  // --- records ---

  private flushHandshake(): void {
    if (this.pending.bytes.length === 0) return;
    const { names, bytes } = this.pending;
    this.pending = { names: [], bytes: [] };
    this.sendRecords(CONTENT_TYPES.handshake, Buffer.concat(bytes), names);
  }

  private sendRecords(contentType: number, data: Buffer, names: string[]): void {
    if (contentType !== CONTENT_TYPES.handshake) this.flushHandshake();
    if (this.hold) {
      this.prepared.push({ contentType, plaintext: data, names, cipher: this.writeDirection.cipher, version: this.legacyRecordVersion() });
      this.sentFlight.push(...names);
      return;
    }
    for (const record of sealRecords(this.writeDirection, contentType, this.legacyRecordVersion(), data)) {
      const wire = encodeRecord(record);
      this.out.push(wire);
      this.emit({
        type: 'record',
        direction: 'sent',
        record: { contentType: contentTypeName(contentType) ?? 'unknown', encrypted: this.writeDirection.cipher.encrypted, length: wire.length, messages: names },
      });
    }
    this.sentFlight.push(...names);
  }

  private sendAlertRecord(alert: Alert, reason?: string): void {
    this.sendRecords(CONTENT_TYPES.alert, encodeAlert(alert), [`Alert(${alert.level}, ${alert.description})`]);
    this.emit(reason === undefined ? { type: 'alert', direction: 'sent', alert } : { type: 'alert', direction: 'sent', alert, reason });
  }

  private fail(description: AlertDescription, reason: string): void {
    if (this.failed) return;
    this.failed = true;
    this.pending = { names: [], bytes: [] };
    this.sendAlertRecord({ level: 'fatal', description }, reason);
    this.moveOnFatalAlert();
  }

  private receiveRecord(record: TlsRecord): void {
    const direction: Direction = 'received';
    const compatCcs = this.unprotected13(record.contentType);
    let contentType = record.contentType;
    let plaintext = record.fragment;
    if (!compatCcs) {
      try {
        ({ contentType, plaintext } = this.readDirection.cipher.open(record, this.readDirection.seq));
      } catch (e) {
        if (e instanceof AuthenticationError) throw new TlsAlertError('bad_record_mac', 'record failed authentication');
        if (e instanceof DecodeError) throw new TlsAlertError('decode_error', e.message);
        throw e;
      }
      this.readDirection.seq++;
    }
    if (plaintext.length > 2 ** 14) throw new TlsAlertError('record_overflow', 'plaintext longer than 2^14');
    const typeName = contentTypeName(contentType);
    const info = (messages: string[]) =>
      this.emit({ type: 'record', direction, record: { contentType: typeName ?? 'unknown', encrypted: this.readDirection.cipher.encrypted && !compatCcs, length: record.fragment.length + 5, messages } });
    switch (typeName) {
      case 'handshake': {
        if (plaintext.length === 0) throw new TlsAlertError('unexpected_message', 'zero-length handshake record');
        const messages = this.decodeAll(this.reassembler.push(plaintext));
        info(messages.map(([m]) => messageName(m)));
        messages.forEach(([m, raw], i) => {
          this.receivedFlight.push(messageName(m));
          if (m.type === 'KeyUpdate') this.receiveKeyUpdate(m.requestUpdate, i === messages.length - 1);
          else this.onHandshake(m, raw);
        });
        return;
      }
      case 'change_cipher_spec':
        info(['ChangeCipherSpec']);
        this.receivedFlight.push('ChangeCipherSpec');
        if (plaintext.length !== 1 || plaintext[0] !== 1) throw new TlsAlertError('unexpected_message', 'ChangeCipherSpec payload must be 0x01');
        if (compatCcs) return;
        if (this.version === '1.3') throw new TlsAlertError('unexpected_message', 'ChangeCipherSpec after the TLS 1.3 handshake');
        this.step({ type: 'RCV_CHANGE_CIPHER_SPEC' });
        this.onChangeCipherSpec();
        return;
      case 'alert': {
        let alert: Alert;
        try {
          alert = decodeAlert(plaintext);
        } catch {
          throw new TlsAlertError('decode_error', 'malformed alert');
        }
        info([`Alert(${alert.level}, ${alert.description})`]);
        this.emit({ type: 'alert', direction, alert });
        if (alert.description === 'close_notify') {
          this.receivedCloseNotify = true;
          this.moveOnClose();
        }
        else if (alert.level === 'fatal') {
          this.failed = true;
          this.moveOnFatalAlert();
        }
        return;
      }
      case 'application_data':
        info(['ApplicationData']);
        // After our own close_notify the peer may still send until it closes too (half-close).
        if (!this.established && !(this.handshakeCompleted && this.sentCloseNotify)) throw new TlsAlertError('unexpected_message', 'application data before the handshake finished');
        this.emit({ type: 'applicationData', direction, data: plaintext });
        return;
      default:
        throw new TlsAlertError('unexpected_message', `unknown record type ${contentType}`);
    }
  }

  /**
   * TLS 1.3 (RFC 8446 §5): once records are protected, only application_data records are; an
   * unprotected change_cipher_spec {01} is a middlebox-compatibility placeholder until the
   * handshake completes (after it, an unexpected record type), and an unprotected alert is read
   * as a peer that had no keys yet (as OpenSSL does). Anything else is unexpected_message.
   * Returns whether the record is read as plaintext.
   */
  private unprotected13(contentType: number): boolean {
    if (this.version !== '1.3') return false;
    if (contentType === CONTENT_TYPES.change_cipher_spec) {
      if (this.handshakeCompleted) throw new TlsAlertError('unexpected_message', 'ChangeCipherSpec after the TLS 1.3 handshake');
      return true;
    }
    if (!this.readDirection.cipher.encrypted || contentType === CONTENT_TYPES.application_data) return false;
    if (contentType === CONTENT_TYPES.alert && !this.handshakeCompleted) return true;
    throw new TlsAlertError('unexpected_message', `unprotected ${contentTypeName(contentType) ?? contentType} record after the keys changed`);
  }

  private decodeAll(raws: RawHandshake[]): [HandshakeMessage, Buffer][] {
    return raws.map((r) => {
      // RFC 8446 §4: a message type the handshake never sends here (HelloRequest, an unknown type) is unexpected_message.
      if (handshakeTypeName(r.msgType) === undefined || r.msgType === 0) throw new TlsAlertError('unexpected_message', `handshake message type ${r.msgType}`);
      try {
        return [decodeHandshakeBody(r.msgType, r.body, this.handshakeContext()), r.raw];
      } catch (e) {
        if (e instanceof DecodeError) throw new TlsAlertError('decode_error', e.message);
        throw e;
      }
    });
  }

  /** Steps the machine for a received message (before handling it). */
  protected expect(message: HandshakeMessage, extra: Partial<{ keyExchange: 'rsa' | 'ecdhe' }> = {}): void {
    this.step({ type: receiveEventType(messageName(message)), ...extra } as HandshakeEvent);
  }
}
