// TlsClient: the client side of TLS 1.2 (RSA and ECDHE key exchange) and TLS 1.3 (1-RTT), on
// byte streams. start() gives the ClientHello; receive() takes whatever the stream delivered.
// The client offers exactly one version (a lesson says which).
import { X509Certificate, createPublicKey, type KeyObject } from 'node:crypto';
import { equalBytes } from './bytes';
import { generateKeyShare, NAMED_GROUP_CODES, sharedSecret, type KeyShare, type NamedGroup } from './crypto/key-exchange';
import { rsaPkcs1Encrypt } from './crypto/rsa';
import { schemeFromCode, SIGNATURE_SCHEME_CODES, verifyWith } from './crypto/signature';
import { TlsEndpoint, type EndpointOptions } from './endpoint';
import type { TlsOutput } from './events';
import { HandshakeState, tls12ClientMachine, tls13ClientMachine } from './handshake-machines';
import { KeySchedule, tls12FinishedVerifyData, tls12KeyBlock, tls12MasterSecret, tls13FinishedVerifyData, tls13TrafficKeys } from './key-schedule';
import { TlsAlertError } from './messages/alert';
import { suiteByCode, suiteByName, type CipherSuite, type CipherSuiteName } from './messages/cipher-suites';
import {
  alpnExtension,
  assertNoDuplicates,
  clientKeyShareExtension,
  clientSupportedVersionsExtension,
  ecPointFormatsExtension,
  extensionName,
  findExtension,
  pskKeyExchangeModesExtension,
  readAlpn,
  readServerKeyShare,
  readServerSupportedVersion,
  serverNameExtension,
  signatureAlgorithmsExtension,
  supportedGroupsExtension,
  type Extension,
} from './messages/extensions';
import {
  HELLO_RETRY_REQUEST_RANDOM,
  serverKeyExchangeParams,
  type ClientHello,
  type HandshakeContext,
  type HandshakeMessage,
  type NewSessionTicket,
  type ServerHello,
} from './messages/handshake';
import type { RandomSource } from './random-source';
import { tls12Cipher, Tls13Cipher, type RecordCipher } from './record-layer';

export interface TlsClientOptions extends EndpointOptions {
  readonly version: '1.2' | '1.3';
  readonly cipherSuites?: readonly CipherSuiteName[];
  readonly serverName?: string;
  readonly groups?: readonly NamedGroup[];
  readonly alpn?: readonly string[];
  /** Virtual time (ms since the epoch) for certificate validity; omitted: not checked. */
  readonly nowMs?: number;
}

const DEFAULT_SUITES: Record<'1.2' | '1.3', CipherSuiteName[]> = {
  '1.3': ['TLS_AES_128_GCM_SHA256'],
  '1.2': ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', 'TLS_RSA_WITH_AES_128_GCM_SHA256'],
};
const SIGNATURE_SCHEMES = ['ecdsa_secp256r1_sha256', 'rsa_pss_rsae_sha256', 'rsa_pkcs1_sha256', 'rsa_pss_rsae_sha384', 'rsa_pkcs1_sha384'] as const;
export const TLS13_SERVER_SIGNATURE_CONTEXT = Buffer.concat([Buffer.alloc(64, 0x20), Buffer.from('TLS 1.3, server CertificateVerify\0', 'ascii')]);

export class TlsClient extends TlsEndpoint {
  private readonly options: TlsClientOptions;
  private readonly suites: CipherSuite[];
  private clientHello: ClientHello | undefined;
  private keyShares: KeyShare[] = [];
  private suite: CipherSuite | undefined;
  private serverRandom: Buffer = Buffer.alloc(0);
  private serverPublicKey: KeyObject | undefined;
  private serverEcdhPublic: { group: number; point: Buffer } | undefined;
  private masterSecret: Buffer = Buffer.alloc(0);
  private keySchedule: KeySchedule | undefined;
  private pendingReadCipher: RecordCipher | undefined;
  private sawServerHello = false;
  /** The suite a HelloRetryRequest chose; the ServerHello must repeat it (RFC 8446 §4.1.4). */
  private retrySuite: number | undefined;
  private readonly tickets: NewSessionTicket[] = [];
  /**
   * A scripted client's mistake (TLS-PMS-VERSION): the version written into the RSA premaster
   * secret instead of the ClientHello's (RFC 5246 §7.4.7.1). Never set for a stack client.
   */
  premasterVersion: number | undefined;

  constructor(options: TlsClientOptions) {
    super(options);
    this.options = options;
    this.version = options.version;
    this.suites = (options.cipherSuites ?? DEFAULT_SUITES[options.version]).map((n) => {
      const s = suiteByName(n);
      if (!s) throw new Error(`unknown cipher suite ${n}`);
      return s;
    });
    this.handshakeState = new HandshakeState(options.version === '1.3' ? tls13ClientMachine : tls12ClientMachine);
  }

  start(): TlsOutput {
    return this.call(() => {
      const groups = this.options.groups ?? ['x25519', 'secp256r1'];
      this.clientRandom = Buffer.from(this.random.bytes(32));
      const extensions: Extension[] = [];
      if (this.options.serverName !== undefined) extensions.push(serverNameExtension(this.options.serverName));
      extensions.push(supportedGroupsExtension(groups.map((g) => NAMED_GROUP_CODES[g])));
      if (this.options.version === '1.2') extensions.push(ecPointFormatsExtension());
      extensions.push(signatureAlgorithmsExtension(SIGNATURE_SCHEMES.map((s) => SIGNATURE_SCHEME_CODES[s])));
      if (this.options.alpn) extensions.push(alpnExtension(this.options.alpn));
      let sessionId = Buffer.alloc(0);
      if (this.options.version === '1.3') {
        const first = groups[0] ?? 'x25519';
        this.keyShares = [generateKeyShare(first, this.random)];
        extensions.push(clientKeyShareExtension(this.keyShares.map((k) => ({ group: NAMED_GROUP_CODES[k.group], keyExchange: k.publicKey }))));
        extensions.push(clientSupportedVersionsExtension([0x0304]));
        extensions.push(pskKeyExchangeModesExtension([1]));
        sessionId = Buffer.from(this.random.bytes(32)); // middlebox compatibility mode (RFC 8446 §D.4)
      }
      this.clientHello = {
        type: 'ClientHello',
        legacyVersion: 0x0303,
        random: this.clientRandom,
        sessionId,
        cipherSuites: this.suites.map((s) => s.code),
        compressionMethods: [0],
        extensions,
      };
      this.step({ type: 'SEND_CLIENT_HELLO' });
      this.sendHandshake(this.clientHello);
    });
  }

  get cipherSuite(): CipherSuite | undefined {
    return this.suite;
  }

  /** TLS 1.3 NewSessionTickets received, in order. */
  get sessionTickets(): readonly NewSessionTicket[] {
    return this.tickets;
  }

  protected override legacyRecordVersion(): number {
    return this.sawServerHello ? 0x0303 : 0x0301;
  }

  protected handshakeContext(): HandshakeContext {
    const keyExchange = this.suite?.keyExchange === 'rsa' ? 'rsa' : 'ecdhe';
    return { version: this.options.version, keyExchange };
  }

  protected onHandshake(message: HandshakeMessage, raw: Buffer): void {
    const hello = this.clientHello;
    if (!hello) throw new TlsAlertError('unexpected_message', 'handshake message before ClientHello');
    if (message.type === 'Certificate') this.expect(message, { keyExchange: this.suite?.keyExchange === 'rsa' ? 'rsa' : 'ecdhe' });
    else this.expect(message);
    switch (message.type) {
      case 'ServerHello': {
        this.sawServerHello = true;
        this.checkExtensions(message.extensions, hello);
        if (message.random.equals(HELLO_RETRY_REQUEST_RANDOM)) {
          this.helloRetryRequest(message, raw, hello);
          return;
        }
        const suite = suiteByCode(message.cipherSuite);
        if (!hello.cipherSuites.includes(message.cipherSuite) || !suite) throw new TlsAlertError('illegal_parameter', 'ServerHello picked a cipher suite the client did not offer');
        if (this.retrySuite !== undefined && message.cipherSuite !== this.retrySuite) throw new TlsAlertError('illegal_parameter', 'ServerHello suite differs from the HelloRetryRequest');
        this.suite = suite;
        this.hash = suite.hash;
        this.serverRandom = message.random;
        this.transcript.add(raw);
        if (this.options.version === '1.3') this.serverHello13(message.extensions, message.sessionId, hello);
        else if (findExtension(message.extensions, 'supported_versions')) throw new TlsAlertError('illegal_parameter', 'TLS 1.3 ServerHello to a TLS 1.2 client');
        return;
      }
      case 'EncryptedExtensions': {
        this.checkExtensions(message.extensions, hello);
        const alpn = findExtension(message.extensions, 'application_layer_protocol_negotiation');
        if (alpn && !this.options.alpn) throw new TlsAlertError('unsupported_extension', 'ALPN the client did not offer');
        if (alpn && !this.options.alpn?.includes(readAlpn(alpn)[0] ?? '')) throw new TlsAlertError('illegal_parameter', 'ALPN protocol not offered');
        this.transcript.add(raw);
        return;
      }
      case 'Certificate':
        this.serverPublicKey = this.checkCertificate(message.entries[0]?.certificate);
        this.transcript.add(raw);
        return;
      case 'CertificateVerify': {
        const scheme = schemeFromCode(message.scheme);
        const signed = Buffer.concat([TLS13_SERVER_SIGNATURE_CONTEXT, this.transcript.hash(this.hash)]);
        if (!scheme || !this.serverPublicKey || !verifyWith(scheme, this.serverPublicKey, signed, message.signature)) {
          throw new TlsAlertError('decrypt_error', 'CertificateVerify signature does not verify');
        }
        this.transcript.add(raw);
        return;
      }
      case 'ServerKeyExchange': {
        const scheme = schemeFromCode(message.scheme);
        const signed = Buffer.concat([this.clientRandom, this.serverRandom, serverKeyExchangeParams(message)]);
        if (!scheme || !this.serverPublicKey || !verifyWith(scheme, this.serverPublicKey, signed, message.signature)) {
          throw new TlsAlertError('decrypt_error', 'ServerKeyExchange signature does not verify');
        }
        this.serverEcdhPublic = { group: message.group, point: message.publicKey };
        this.transcript.add(raw);
        return;
      }
      case 'ServerHelloDone':
        this.transcript.add(raw);
        this.sendKeyExchangeAndFinished();
        return;
      case 'Finished':
        if (this.options.version === '1.3') this.serverFinished13(message.verifyData, raw);
        else this.serverFinished12(message.verifyData);
        return;
      case 'NewSessionTicket': // (KeyUpdate is handled by TlsEndpoint)
        // TLS 1.3 (RFC 8446 §4.6.1): kept, not used (no resumption); not part of the transcript.
        if (this.options.version === '1.2') this.transcript.add(raw);
        else this.tickets.push(message);
        return;
      default:
        throw new TlsAlertError('unexpected_message', `unexpected ${message.type}`);
    }
  }

  protected onChangeCipherSpec(): void {
    if (!this.pendingReadCipher) throw new TlsAlertError('unexpected_message', 'ChangeCipherSpec before keys exist');
    this.changeReadCipher(this.pendingReadCipher);
  }

  // --- TLS 1.3 ---

  /**
   * RFC 8446 §4.1.4: check the HelloRetryRequest (illegal_parameter for a suite, version or group
   * the client did not offer, a group it already sent a share for, or no change at all), replace
   * ClientHello1 by message_hash in the transcript (§4.4.1), and send ClientHello2 with one
   * key_share in the group asked for; everything else stays the same (§4.1.2).
   */
  private helloRetryRequest(hrr: ServerHello, raw: Buffer, hello: ClientHello): void {
    const suite = suiteByCode(hrr.cipherSuite);
    if (!suite || !hello.cipherSuites.includes(hrr.cipherSuite)) throw new TlsAlertError('illegal_parameter', 'HelloRetryRequest picked a cipher suite the client did not offer');
    const versions = findExtension(hrr.extensions, 'supported_versions');
    if (!versions || readServerSupportedVersion(versions) !== 0x0304) throw new TlsAlertError('illegal_parameter', 'HelloRetryRequest without TLS 1.3 in supported_versions');
    if (!hrr.sessionId.equals(hello.sessionId)) throw new TlsAlertError('illegal_parameter', 'legacy_session_id_echo differs from the ClientHello');
    const share = findExtension(hrr.extensions, 'key_share');
    if (!share) throw new TlsAlertError('illegal_parameter', 'HelloRetryRequest would not change the ClientHello');
    const code = share.length === 2 ? share.readUInt16BE(0) : -1;
    const groups = this.options.groups ?? ['x25519', 'secp256r1'];
    const group = groups.find((g) => NAMED_GROUP_CODES[g] === code);
    if (!group) throw new TlsAlertError('illegal_parameter', 'HelloRetryRequest asks for a group the client did not offer');
    if (this.keyShares.some((k) => k.group === group)) throw new TlsAlertError('illegal_parameter', 'HelloRetryRequest asks for a group the client already sent a share for');
    this.retrySuite = hrr.cipherSuite;
    this.hash = suite.hash;
    this.transcript.replaceWithMessageHash(suite.hash);
    this.transcript.add(raw);
    this.keyShares = [generateKeyShare(group, this.random)];
    const keyShare = clientKeyShareExtension(this.keyShares.map((k) => ({ group: NAMED_GROUP_CODES[k.group], keyExchange: k.publicKey })));
    this.clientHello = { ...hello, extensions: hello.extensions.map((e) => (e.type === keyShare.type ? keyShare : e)) };
    this.sendHandshake(this.clientHello);
  }

  private serverHello13(extensions: readonly Extension[], sessionIdEcho: Buffer, hello: ClientHello): void {
    const versions = findExtension(extensions, 'supported_versions');
    if (!versions) throw new TlsAlertError('protocol_version', 'ServerHello without supported_versions to a TLS 1.3-only client');
    if (readServerSupportedVersion(versions) !== 0x0304) throw new TlsAlertError('illegal_parameter', 'server selected a version the client did not offer');
    if (!sessionIdEcho.equals(hello.sessionId)) throw new TlsAlertError('illegal_parameter', 'legacy_session_id_echo differs from the ClientHello');
    const shareData = findExtension(extensions, 'key_share');
    if (!shareData) throw new TlsAlertError('missing_extension', 'ServerHello without key_share');
    const share = readServerKeyShare(shareData);
    const own = this.keyShares.find((k) => NAMED_GROUP_CODES[k.group] === share.group);
    if (!own) throw new TlsAlertError('illegal_parameter', 'key_share for a group the client did not offer');
    let secret: Buffer;
    try {
      secret = sharedSecret(own, share.keyExchange);
    } catch {
      throw new TlsAlertError('illegal_parameter', 'malformed key_share');
    }
    const suite = this.requireSuite();
    const ks = new KeySchedule(suite.hash);
    ks.handshake(secret, this.transcript.hash(suite.hash));
    this.keySchedule = ks;
    this.keylog('CLIENT_HANDSHAKE_TRAFFIC_SECRET', ks.clientHandshakeTrafficSecret);
    this.keylog('SERVER_HANDSHAKE_TRAFFIC_SECRET', ks.serverHandshakeTrafficSecret);
    const read = tls13TrafficKeys(suite.hash, ks.serverHandshakeTrafficSecret, suite.keyLength);
    this.changeReadCipher(new Tls13Cipher(suite.aead, read.key, read.iv));
  }

  private serverFinished13(verifyData: Buffer, raw: Buffer): void {
    const suite = this.requireSuite();
    const ks = this.keySchedule;
    if (!ks) throw new TlsAlertError('unexpected_message', 'Finished before ServerHello');
    const expected = tls13FinishedVerifyData(suite.hash, ks.serverHandshakeTrafficSecret, this.transcript.hash(suite.hash));
    if (!equalBytes(expected, verifyData)) throw new TlsAlertError('decrypt_error', 'server Finished verify_data is wrong');
    this.transcript.add(raw);
    ks.application(this.transcript.hash(suite.hash));
    this.keylog('CLIENT_TRAFFIC_SECRET_0', ks.clientApplicationTrafficSecret);
    this.keylog('SERVER_TRAFFIC_SECRET_0', ks.serverApplicationTrafficSecret);
    this.keylog('EXPORTER_SECRET', ks.exporterMasterSecret);
    const serverApp = tls13TrafficKeys(suite.hash, ks.serverApplicationTrafficSecret, suite.keyLength);
    this.changeReadCipher(new Tls13Cipher(suite.aead, serverApp.key, serverApp.iv));
    const clientHs = tls13TrafficKeys(suite.hash, ks.clientHandshakeTrafficSecret, suite.keyLength);
    this.changeWriteCipher(new Tls13Cipher(suite.aead, clientHs.key, clientHs.iv));
    const finished = tls13FinishedVerifyData(suite.hash, ks.clientHandshakeTrafficSecret, this.transcript.hash(suite.hash));
    this.sendHandshake({ type: 'Finished', verifyData: finished });
    ks.resumption(this.transcript.hash(suite.hash));
    const clientApp = tls13TrafficKeys(suite.hash, ks.clientApplicationTrafficSecret, suite.keyLength);
    this.changeWriteCipher(new Tls13Cipher(suite.aead, clientApp.key, clientApp.iv));
    this.setApplicationTrafficSecrets(ks.serverApplicationTrafficSecret, ks.clientApplicationTrafficSecret, suite);
    this.emit({ type: 'established', version: '1.3', cipherSuite: suite.name });
  }

  // --- TLS 1.2 ---

  private sendKeyExchangeAndFinished(): void {
    const suite = this.requireSuite();
    let premaster: Buffer;
    if (suite.keyExchange === 'rsa') {
      if (!this.serverPublicKey || this.serverPublicKey.asymmetricKeyType !== 'rsa') throw new TlsAlertError('bad_certificate', 'RSA key exchange needs an RSA certificate');
      const version = this.premasterVersion ?? 0x0303;
      premaster = Buffer.concat([Buffer.from([version >> 8, version & 0xff]), this.random.bytes(46)]);
      const encrypted = encryptPremaster(this.serverPublicKey, premaster, this.random);
      this.sendHandshake({ type: 'ClientKeyExchange', keyExchange: 'rsa', exchangeKeys: encrypted });
      this.emit({ type: 'keylog', line: `RSA ${encrypted.subarray(0, 8).toString('hex')} ${premaster.toString('hex')}` });
    } else {
      const peer = this.serverEcdhPublic;
      const group = peer && (Object.keys(NAMED_GROUP_CODES) as NamedGroup[]).find((g) => NAMED_GROUP_CODES[g] === peer.group);
      if (!peer || !group) throw new TlsAlertError('illegal_parameter', 'ServerKeyExchange names a group the client did not offer');
      const own = generateKeyShare(group, this.random);
      try {
        premaster = sharedSecret(own, peer.point);
      } catch {
        throw new TlsAlertError('illegal_parameter', 'malformed ECDHE public key');
      }
      this.sendHandshake({ type: 'ClientKeyExchange', keyExchange: 'ecdhe', exchangeKeys: own.publicKey });
    }
    this.masterSecret = tls12MasterSecret(suite.hash, premaster, this.clientRandom, this.serverRandom);
    this.keylog('CLIENT_RANDOM', this.masterSecret);
    const keys = tls12KeyBlock(suite.hash, this.masterSecret, this.clientRandom, this.serverRandom, suite.keyLength, suite.ivLength);
    this.pendingReadCipher = tls12Cipher(suite.aead, keys.serverKey, keys.serverIv);
    this.sendChangeCipherSpec();
    this.changeWriteCipher(tls12Cipher(suite.aead, keys.clientKey, keys.clientIv));
    this.sendHandshake({ type: 'Finished', verifyData: tls12FinishedVerifyData(suite.hash, this.masterSecret, 'client', this.transcript.hash(suite.hash)) });
  }

  private serverFinished12(verifyData: Buffer): void {
    const suite = this.requireSuite();
    const expected = tls12FinishedVerifyData(suite.hash, this.masterSecret, 'server', this.transcript.hash(suite.hash));
    if (!equalBytes(expected, verifyData)) throw new TlsAlertError('decrypt_error', 'server Finished verify_data is wrong');
    this.emit({ type: 'established', version: '1.2', cipherSuite: suite.name });
  }

  // --- shared ---

  /**
   * RFC 8446 §4.2 (RFC 5246 §7.4.1.4): a server answers only extensions the client sent
   * (unsupported_extension otherwise), and no extension appears twice (illegal_parameter, as
   * OpenSSL sends).
   */
  private checkExtensions(extensions: readonly Extension[], hello: ClientHello): void {
    assertNoDuplicates(extensions);
    const unsolicited = extensions.find((e) => !hello.extensions.some((c) => c.type === e.type));
    if (unsolicited) throw new TlsAlertError('unsupported_extension', `${extensionName(unsolicited.type)} the client never sent`);
  }

  private requireSuite(): CipherSuite {
    if (!this.suite) throw new TlsAlertError('unexpected_message', 'no ServerHello yet');
    return this.suite;
  }

  private checkCertificate(der: Buffer | undefined): KeyObject {
    if (!der) throw new TlsAlertError('bad_certificate', 'empty Certificate message');
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(der);
    } catch {
      throw new TlsAlertError('bad_certificate', 'certificate does not parse');
    }
    const now = this.options.nowMs;
    if (now !== undefined && (now < Date.parse(cert.validFrom) || now > Date.parse(cert.validTo))) {
      throw new TlsAlertError('certificate_expired', `certificate valid ${cert.validFrom} – ${cert.validTo}, virtual time is outside`);
    }
    const name = this.options.serverName;
    if (name !== undefined && cert.checkHost(name) === undefined) throw new TlsAlertError('bad_certificate', `certificate is not for ${name}`);
    try {
      return createPublicKey(cert.publicKey.export({ format: 'pem', type: 'spki' }));
    } catch {
      // A certificate that parses but whose key does not (found by fuzzing): not usable.
      throw new TlsAlertError('bad_certificate', 'the certificate\'s public key does not decode');
    }
  }
}

/**
 * The premaster under the certificate's RSA key. A key OpenSSL cannot compute with (a modulus the
 * certificate got wrong, a tiny one) is the certificate's fault: bad_certificate (RFC 5246 §7.2.2),
 * not an exception out of the engine.
 */
function encryptPremaster(key: KeyObject, premaster: Buffer, random: RandomSource): Buffer {
  try {
    return rsaPkcs1Encrypt(key, premaster, random);
  } catch (e) {
    throw new TlsAlertError('bad_certificate', `the certificate's RSA key cannot encrypt the premaster (${e instanceof Error ? e.message : String(e)})`);
  }
}
