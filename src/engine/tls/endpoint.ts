// What TlsClient and TlsServer share: the record layer in both directions, handshake message
// framing, the transcript, the handshake state machine, alerts, application data, and the
// bookkeeping that turns each call into { send, events }.
import { hex } from './bytes';
import { AuthenticationError } from './crypto/aead';
import type { HashName } from './crypto/hash';
import { decodeAlert, encodeAlert, TlsAlertError, type Alert, type AlertDescription } from './messages/alert';
import { decodeHandshakeBody, encodeHandshake, messageName, type HandshakeContext, type HandshakeMessage } from './messages/handshake';
import { HandshakeState, receiveEventType, type HandshakeEvent } from './handshake-machines';
import { Transcript } from './key-schedule';
import type { RandomSource } from './random-source';
import { CONTENT_TYPES, contentTypeName, encodeRecord, HandshakeReassembler, RecordDirection, RecordReader, sealRecords, type RawHandshake, type RecordCipher, type TlsRecord } from './record-layer';
import type { Direction, TlsEvent, TlsOutput } from './events';
import { DecodeError } from './bytes';

export interface EndpointOptions {
  readonly random: RandomSource;
  /** Put consecutive handshake messages of one flight into one record (default: one record per message, as OpenSSL does). */
  readonly coalesceHandshake?: boolean;
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
  private out: Buffer[] = [];
  private events: TlsEvent[] = [];
  private sentFlight: string[] = [];
  private receivedFlight: string[] = [];
  private pending: { names: string[]; bytes: Buffer[] } = { names: [], bytes: [] };
  private failed = false;

  constructor(options: EndpointOptions) {
    this.random = options.random;
    this.coalesce = options.coalesceHandshake ?? false;
  }

  /** The handshake machine's state ('START' before the machine is chosen). */
  get state(): string {
    return this.handshakeState?.value ?? 'START';
  }

  get established(): boolean {
    return this.state === 'ESTABLISHED';
  }

  // --- the API the runner calls ---

  receive(bytes: Uint8Array): TlsOutput {
    return this.call(() => {
      this.reader.push(bytes);
      for (let record = this.reader.next(); record && !this.failed; record = this.reader.next()) this.receiveRecord(record);
    });
  }

  write(data: Uint8Array): TlsOutput {
    return this.call(() => {
      if (!this.established) throw new Error('TLS write before the handshake completed');
      this.sendRecords(CONTENT_TYPES.application_data, Buffer.from(data), ['ApplicationData']);
    });
  }

  close(): TlsOutput {
    return this.call(() => {
      this.sendAlertRecord({ level: 'warning', description: 'close_notify' });
      this.step({ type: 'CLOSE' });
    });
  }

  // --- for subclasses ---

  protected abstract handshakeContext(): HandshakeContext;
  protected abstract onHandshake(message: HandshakeMessage, raw: Buffer): void;
  protected abstract onChangeCipherSpec(): void;

  protected call(work: () => void): TlsOutput {
    this.out = [];
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
    return { send: Buffer.concat(this.out), events: this.events };
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
    this.handshakeState?.step({ type: 'FATAL_ALERT' });
  }

  private receiveRecord(record: TlsRecord): void {
    const direction: Direction = 'received';
    // TLS 1.3 middlebox compatibility: an unprotected CCS {01} during the handshake is ignored.
    const compatCcs = this.version === '1.3' && record.contentType === CONTENT_TYPES.change_cipher_spec && !this.established;
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
        for (const [m, raw] of messages) {
          this.receivedFlight.push(messageName(m));
          this.onHandshake(m, raw);
        }
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
        if (alert.description === 'close_notify') this.handshakeState?.step({ type: 'CLOSE' });
        else if (alert.level === 'fatal') {
          this.failed = true;
          this.handshakeState?.step({ type: 'FATAL_ALERT' });
        }
        return;
      }
      case 'application_data':
        info(['ApplicationData']);
        if (!this.established) throw new TlsAlertError('unexpected_message', 'application data before the handshake finished');
        this.emit({ type: 'applicationData', direction, data: plaintext });
        return;
      default:
        throw new TlsAlertError('unexpected_message', `unknown record type ${contentType}`);
    }
  }

  private decodeAll(raws: RawHandshake[]): [HandshakeMessage, Buffer][] {
    return raws.map((r) => {
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
