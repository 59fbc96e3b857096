// TlsServer: the server side of TLS 1.2 (RSA and ECDHE key exchange) and TLS 1.3 (1-RTT). The
// version is chosen from the ClientHello (supported_versions), then that version's machine runs.
import { equalBytes, uint } from './bytes';
import { generateKeyShare, NAMED_GROUP_CODES, sharedSecret, type NamedGroup } from './crypto/key-exchange';
import { rsaDecryptPremaster } from './crypto/rsa';
import { SIGNATURE_SCHEME_CODES, signWith, type SignatureScheme } from './crypto/signature';
import type { ServerCredential } from './certificate';
import { TLS13_SERVER_SIGNATURE_CONTEXT } from './client';
import { TlsEndpoint, type EndpointOptions } from './endpoint';
import { HandshakeState, tls12ServerMachine, tls13ServerMachine } from './handshake-machines';
import { KeySchedule, tls12FinishedVerifyData, tls12KeyBlock, tls12MasterSecret, tls13FinishedVerifyData, tls13TrafficKeys } from './key-schedule';
import { TlsAlertError } from './messages/alert';
import { CIPHER_SUITES, suiteByName, type CipherSuite, type CipherSuiteName } from './messages/cipher-suites';
import {
  alpnExtension,
  assertNoDuplicates,
  EXTENSION_TYPES,
  findExtension,
  readAlpn,
  readClientKeyShares,
  readClientSupportedVersions,
  readSignatureAlgorithms,
  readSupportedGroups,
  serverKeyShareExtension,
  serverSupportedVersionsExtension,
  type Extension,
} from './messages/extensions';
import { DOWNGRADE_TO_TLS12, encodeHandshake, HELLO_RETRY_REQUEST_RANDOM, serverKeyExchangeParams, type ClientHello, type HandshakeContext, type HandshakeMessage } from './messages/handshake';
import { tls12Cipher, Tls13Cipher } from './record-layer';

export interface TlsServerOptions extends EndpointOptions {
  /** Certificates by key type; RSA key exchange needs `rsa`, ECDHE_ECDSA needs `ec`. */
  readonly credentials: { readonly rsa?: ServerCredential; readonly ec?: ServerCredential };
  readonly versions?: readonly ('1.2' | '1.3')[];
  /** In the server's order of preference. */
  readonly cipherSuites?: readonly CipherSuiteName[];
  readonly alpn?: readonly string[];
  /** Key-exchange groups in the server's order of preference (default x25519, secp256r1). */
  readonly groups?: readonly NamedGroup[];
  /** TLS 1.3: NewSessionTickets sent after the client's Finished (default 0). */
  readonly tickets?: number;
}

const TLS_EMPTY_RENEGOTIATION_INFO_SCSV = 0x00ff;
const GROUPS: NamedGroup[] = ['x25519', 'secp256r1'];
const TICKET_LIFETIME_S = 7200;

export class TlsServer extends TlsEndpoint {
  private readonly options: TlsServerOptions;
  private suite: CipherSuite | undefined;
  private credential: ServerCredential | undefined;
  private clientHello: ClientHello | undefined;
  private serverRandom: Buffer = Buffer.alloc(0);
  private keySchedule: KeySchedule | undefined;
  private ecdhe: ReturnType<typeof generateKeyShare> | undefined;
  private masterSecret: Buffer = Buffer.alloc(0);
  private keys: ReturnType<typeof tls12KeyBlock> | undefined;
  /** The group a HelloRetryRequest asked for (RFC 8446 §4.1.4). */
  private retryGroup: NamedGroup | undefined;

  constructor(options: TlsServerOptions) {
    super(options);
    this.options = options;
  }

  get cipherSuite(): CipherSuite | undefined {
    return this.suite;
  }

  protected handshakeContext(): HandshakeContext {
    return { version: this.version ?? '1.2', keyExchange: this.suite?.keyExchange === 'rsa' ? 'rsa' : 'ecdhe' };
  }

  protected onHandshake(message: HandshakeMessage, raw: Buffer): void {
    if (message.type === 'ClientHello' && !this.handshakeState) {
      assertNoDuplicates(message.extensions);
      this.chooseVersion(message);
      const retry = this.version === '1.3' ? this.helloRetryGroup(message) : undefined;
      this.step({ type: 'RCV_CLIENT_HELLO', retry: retry !== undefined });
      this.clientHello = message;
      this.clientRandom = message.random;
      this.transcript.add(raw);
      if (retry) this.sendHelloRetryRequest(message, retry);
      else if (this.version === '1.3') this.respond13(message);
      else this.respond12(message);
      return;
    }
    if (message.type === 'ClientHello' && this.retryGroup) {
      this.expect(message);
      assertNoDuplicates(message.extensions);
      this.checkSecondClientHello(message);
      this.clientHello = message;
      this.transcript.add(raw);
      this.respond13(message);
      return;
    }
    if (!this.handshakeState) throw new TlsAlertError('unexpected_message', `${message.type} before ClientHello`);
    this.expect(message);
    const suite = this.requireSuite();
    switch (message.type) {
      case 'ClientKeyExchange': {
        let premaster: Buffer;
        if (suite.keyExchange === 'rsa') {
          const credential = this.credential;
          if (!credential) throw new TlsAlertError('internal_error', 'no credential');
          premaster = rsaDecryptPremaster(credential.privateKey, message.exchangeKeys, this.clientHello?.legacyVersion ?? 0x0303, this.random).premaster;
        } else {
          if (!this.ecdhe) throw new TlsAlertError('internal_error', 'no ECDHE key');
          try {
            premaster = sharedSecret(this.ecdhe, message.exchangeKeys);
          } catch {
            throw new TlsAlertError('illegal_parameter', 'malformed ECDHE public key');
          }
        }
        this.transcript.add(raw);
        this.masterSecret = tls12MasterSecret(suite.hash, premaster, this.clientRandom, this.serverRandom);
        this.keylog('CLIENT_RANDOM', this.masterSecret);
        this.keys = tls12KeyBlock(suite.hash, this.masterSecret, this.clientRandom, this.serverRandom, suite.keyLength, suite.ivLength);
        return;
      }
      case 'Finished':
        if (this.version === '1.3') this.clientFinished13(message.verifyData, raw);
        else this.clientFinished12(message.verifyData, raw);
        return;
      default:
        throw new TlsAlertError('unexpected_message', `unexpected ${message.type}`);
    }
  }

  protected onChangeCipherSpec(): void {
    if (!this.keys) throw new TlsAlertError('unexpected_message', 'ChangeCipherSpec before ClientKeyExchange');
    this.changeReadCipher(tls12Cipher(this.requireSuite().aead, this.keys.clientKey, this.keys.clientIv));
  }

  // --- negotiation ---

  private chooseVersion(hello: ClientHello): void {
    const allowed = this.options.versions ?? ['1.3', '1.2'];
    const sv = findExtension(hello.extensions, 'supported_versions');
    const offered13 = sv !== undefined && readClientSupportedVersions(sv).includes(0x0304);
    if (offered13 && allowed.includes('1.3')) this.version = '1.3';
    else if (hello.legacyVersion >= 0x0303 && allowed.includes('1.2')) this.version = '1.2';
    else throw new TlsAlertError('protocol_version', 'no version in common');
    this.handshakeState = new HandshakeState(this.version === '1.3' ? tls13ServerMachine : tls12ServerMachine);
    const preference = (this.options.cipherSuites ?? CIPHER_SUITES.map((s) => s.name)).map((n) => suiteByName(n)).filter((s): s is CipherSuite => s !== undefined);
    const { rsa, ec } = this.options.credentials;
    this.suite = preference.find(
      (s) =>
        s.version === this.version &&
        hello.cipherSuites.includes(s.code) &&
        (s.keyExchange === 'tls13' ? rsa ?? ec : s.keyExchange === 'ecdhe_ecdsa' ? ec : rsa) !== undefined,
    );
    if (!this.suite) throw new TlsAlertError('handshake_failure', 'no cipher suite in common');
    this.hash = this.suite.hash;
    this.credential = this.suite.keyExchange === 'ecdhe_ecdsa' ? ec : this.suite.keyExchange === 'tls13' ? ec ?? rsa : rsa;
  }

  private signatureScheme(hello: ClientHello): SignatureScheme {
    const offered = readSignatureAlgorithms(findExtension(hello.extensions, 'signature_algorithms') ?? Buffer.from([0, 0]));
    const candidates: SignatureScheme[] =
      this.credential?.kind === 'ec' ? ['ecdsa_secp256r1_sha256'] : this.version === '1.3' ? ['rsa_pss_rsae_sha256'] : ['rsa_pkcs1_sha256', 'rsa_pss_rsae_sha256'];
    const scheme = candidates.find((s) => offered.includes(SIGNATURE_SCHEME_CODES[s]));
    if (!scheme) throw new TlsAlertError('handshake_failure', 'no signature algorithm in common');
    return scheme;
  }

  private alpnExtensions(hello: ClientHello): Extension[] {
    const data = findExtension(hello.extensions, 'application_layer_protocol_negotiation');
    if (!data || !this.options.alpn) return [];
    const chosen = this.options.alpn.find((p) => readAlpn(data).includes(p));
    if (chosen === undefined) throw new TlsAlertError('no_application_protocol', 'no ALPN protocol in common');
    return [alpnExtension([chosen])];
  }

  /**
   * RFC 5746 §3.6: a client that signals secure renegotiation (the SCSV or an empty
   * renegotiation_info) gets an empty renegotiation_info back. OpenSSL 3 clients refuse a
   * TLS 1.2 server without it (SSL_OP_LEGACY_SERVER_CONNECT is off by default): handshake_failure.
   * This server never renegotiates, so the extension is always the initial, empty one.
   */
  private renegotiationInfo(hello: ClientHello): Extension[] {
    const ri = findExtension(hello.extensions, 'renegotiation_info');
    if (ri && !(ri.length === 1 && ri[0] === 0)) throw new TlsAlertError('handshake_failure', 'renegotiation_info in an initial ClientHello must be empty');
    if (!ri && !hello.cipherSuites.includes(TLS_EMPTY_RENEGOTIATION_INFO_SCSV)) return [];
    return [{ type: EXTENSION_TYPES.renegotiation_info, data: Buffer.from([0]) }];
  }

  private requireSuite(): CipherSuite {
    if (!this.suite) throw new TlsAlertError('internal_error', 'no suite');
    return this.suite;
  }

  // --- TLS 1.3 ---

  private groupOf(code: number): NamedGroup | undefined {
    return (this.options.groups ?? GROUPS).find((g) => NAMED_GROUP_CODES[g] === code);
  }

  /**
   * RFC 8446 §4.1.4: no key_share in a group the server takes, but supported_groups names one —
   * the group to ask for in a HelloRetryRequest (the server's preference).
   */
  private helloRetryGroup(hello: ClientHello): NamedGroup | undefined {
    const shares = readClientKeyShares(findExtension(hello.extensions, 'key_share') ?? Buffer.from([0, 0]));
    if (shares.some((s) => this.groupOf(s.group) !== undefined)) return undefined;
    const offered = readSupportedGroups(findExtension(hello.extensions, 'supported_groups') ?? Buffer.from([0, 0]));
    return (this.options.groups ?? GROUPS).find((g) => offered.includes(NAMED_GROUP_CODES[g]));
  }

  /** RFC 8446 §4.1.4, §4.4.1: ClientHello1 becomes message_hash in the transcript, then the HelloRetryRequest. */
  private sendHelloRetryRequest(hello: ClientHello, group: NamedGroup): void {
    const suite = this.requireSuite();
    this.retryGroup = group;
    this.transcript.replaceWithMessageHash(suite.hash);
    this.sendHandshake({
      type: 'ServerHello',
      legacyVersion: 0x0303,
      random: HELLO_RETRY_REQUEST_RANDOM,
      sessionId: hello.sessionId,
      cipherSuite: suite.code,
      compressionMethod: 0,
      extensions: [serverSupportedVersionsExtension(0x0304), { type: EXTENSION_TYPES.key_share, data: uint(NAMED_GROUP_CODES[group], 2) }],
    });
  }

  /** The ClientHello after a HelloRetryRequest: one share, in the group asked for, and the suite still offered (illegal_parameter otherwise, as OpenSSL). */
  private checkSecondClientHello(hello: ClientHello): void {
    const shares = readClientKeyShares(findExtension(hello.extensions, 'key_share') ?? Buffer.from([0, 0]));
    const wanted = this.retryGroup && NAMED_GROUP_CODES[this.retryGroup];
    if (shares.length !== 1 || shares[0]?.group !== wanted) throw new TlsAlertError('illegal_parameter', 'second ClientHello without a key_share for the group the HelloRetryRequest asked for');
    if (!hello.cipherSuites.includes(this.requireSuite().code)) throw new TlsAlertError('illegal_parameter', 'second ClientHello no longer offers the suite the HelloRetryRequest chose');
  }

  private respond13(hello: ClientHello): void {
    const suite = this.requireSuite();
    const credential = this.credential;
    if (!credential) throw new TlsAlertError('internal_error', 'no credential');
    const shares = readClientKeyShares(findExtension(hello.extensions, 'key_share') ?? Buffer.from([0, 0]));
    const share = shares.find((s) => this.groupOf(s.group) !== undefined);
    const group = share && this.groupOf(share.group);
    if (!share || !group) throw new TlsAlertError('handshake_failure', 'no key_share and no supported group in common');
    const scheme = this.signatureScheme(hello);
    const own = generateKeyShare(group, this.random);
    let secret: Buffer;
    try {
      secret = sharedSecret(own, share.keyExchange);
    } catch {
      throw new TlsAlertError('illegal_parameter', 'malformed key_share');
    }
    this.serverRandom = Buffer.from(this.random.bytes(32));
    this.sendHandshake({
      type: 'ServerHello',
      legacyVersion: 0x0303,
      random: this.serverRandom,
      sessionId: hello.sessionId,
      cipherSuite: suite.code,
      compressionMethod: 0,
      extensions: [serverKeyShareExtension({ group: share.group, keyExchange: own.publicKey }), serverSupportedVersionsExtension(0x0304)],
    });
    const ks = new KeySchedule(suite.hash);
    ks.handshake(secret, this.transcript.hash(suite.hash));
    this.keySchedule = ks;
    this.keylog('CLIENT_HANDSHAKE_TRAFFIC_SECRET', ks.clientHandshakeTrafficSecret);
    this.keylog('SERVER_HANDSHAKE_TRAFFIC_SECRET', ks.serverHandshakeTrafficSecret);
    const write = tls13TrafficKeys(suite.hash, ks.serverHandshakeTrafficSecret, suite.keyLength);
    this.changeWriteCipher(new Tls13Cipher(suite.aead, write.key, write.iv));
    const read = tls13TrafficKeys(suite.hash, ks.clientHandshakeTrafficSecret, suite.keyLength);
    this.changeReadCipher(new Tls13Cipher(suite.aead, read.key, read.iv));
    this.sendHandshake({ type: 'EncryptedExtensions', extensions: this.alpnExtensions(hello) });
    this.sendHandshake({ type: 'Certificate', requestContext: Buffer.alloc(0), entries: credential.chain.map((c) => ({ certificate: c, extensions: [] })) });
    const signed = Buffer.concat([TLS13_SERVER_SIGNATURE_CONTEXT, this.transcript.hash(suite.hash)]);
    this.sendHandshake({ type: 'CertificateVerify', scheme: SIGNATURE_SCHEME_CODES[scheme], signature: signWith(scheme, credential.privateKey, signed, this.random) });
    this.sendHandshake({ type: 'Finished', verifyData: tls13FinishedVerifyData(suite.hash, ks.serverHandshakeTrafficSecret, this.transcript.hash(suite.hash)) });
    ks.application(this.transcript.hash(suite.hash));
    this.keylog('CLIENT_TRAFFIC_SECRET_0', ks.clientApplicationTrafficSecret);
    this.keylog('SERVER_TRAFFIC_SECRET_0', ks.serverApplicationTrafficSecret);
    this.keylog('EXPORTER_SECRET', ks.exporterMasterSecret);
    const app = tls13TrafficKeys(suite.hash, ks.serverApplicationTrafficSecret, suite.keyLength);
    this.changeWriteCipher(new Tls13Cipher(suite.aead, app.key, app.iv));
  }

  private clientFinished13(verifyData: Buffer, raw: Buffer): void {
    const suite = this.requireSuite();
    const ks = this.keySchedule;
    if (!ks) throw new TlsAlertError('internal_error', 'no key schedule');
    const expected = tls13FinishedVerifyData(suite.hash, ks.clientHandshakeTrafficSecret, this.transcript.hash(suite.hash));
    if (!equalBytes(expected, verifyData)) throw new TlsAlertError('decrypt_error', 'client Finished verify_data is wrong');
    this.transcript.add(raw);
    ks.resumption(this.transcript.hash(suite.hash));
    const read = tls13TrafficKeys(suite.hash, ks.clientApplicationTrafficSecret, suite.keyLength);
    this.changeReadCipher(new Tls13Cipher(suite.aead, read.key, read.iv));
    this.setApplicationTrafficSecrets(ks.clientApplicationTrafficSecret, ks.serverApplicationTrafficSecret, suite);
    this.emit({ type: 'established', version: '1.3', cipherSuite: suite.name });
    this.sendTickets();
  }

  /**
   * RFC 8446 §4.6.1: NewSessionTickets after the client's Finished, under the application key.
   * Not part of the transcript. This server never resumes, so the ticket is opaque random bytes.
   */
  private sendTickets(): void {
    for (let i = 0; i < (this.options.tickets ?? 0); i++) {
      const raw = encodeHandshake(
        { type: 'NewSessionTicket', lifetime: TICKET_LIFETIME_S, ageAdd: Buffer.from(this.random.bytes(4)).readUInt32BE(0), nonce: Buffer.from([i]), ticket: Buffer.from(this.random.bytes(32)), extensions: [] },
        this.handshakeContext(),
      );
      this.sendPostHandshake(raw, 'NewSessionTicket');
    }
  }

  // --- TLS 1.2 ---

  private respond12(hello: ClientHello): void {
    const suite = this.requireSuite();
    const credential = this.credential;
    if (!credential) throw new TlsAlertError('internal_error', 'no credential');
    this.serverRandom = Buffer.from(this.random.bytes(32));
    // RFC 8446 §4.1.3: a server that can do TLS 1.3 and negotiates 1.2 MUST end its random with
    // DOWNGRADE_TO_TLS12, so that a TLS 1.3 client notices a downgrade by an attacker.
    if ((this.options.versions ?? ['1.3', '1.2']).includes('1.3')) DOWNGRADE_TO_TLS12.copy(this.serverRandom, 24);
    this.sendHandshake({
      type: 'ServerHello',
      legacyVersion: 0x0303,
      random: this.serverRandom,
      sessionId: Buffer.alloc(0),
      cipherSuite: suite.code,
      compressionMethod: 0,
      extensions: [...this.renegotiationInfo(hello), ...this.alpnExtensions(hello)],
    });
    this.sendHandshake({ type: 'Certificate', requestContext: Buffer.alloc(0), entries: credential.chain.map((c) => ({ certificate: c, extensions: [] })) });
    if (suite.keyExchange !== 'rsa') {
      const offered = readSupportedGroups(findExtension(hello.extensions, 'supported_groups') ?? Buffer.from([0, 0]));
      const group = offered.map((c) => this.groupOf(c)).find((g): g is NamedGroup => g !== undefined);
      if (!group) throw new TlsAlertError('handshake_failure', 'no ECDHE group in common');
      const scheme = this.signatureScheme(hello);
      this.ecdhe = generateKeyShare(group, this.random);
      const params = { curveType: 3, group: NAMED_GROUP_CODES[group], publicKey: this.ecdhe.publicKey };
      const signed = Buffer.concat([this.clientRandom, this.serverRandom, serverKeyExchangeParams(params)]);
      this.sendHandshake({ type: 'ServerKeyExchange', ...params, scheme: SIGNATURE_SCHEME_CODES[scheme], signature: signWith(scheme, credential.privateKey, signed, this.random) });
    }
    this.sendHandshake({ type: 'ServerHelloDone' });
  }

  private clientFinished12(verifyData: Buffer, raw: Buffer): void {
    const suite = this.requireSuite();
    const keys = this.keys;
    if (!keys) throw new TlsAlertError('internal_error', 'no keys');
    const expected = tls12FinishedVerifyData(suite.hash, this.masterSecret, 'client', this.transcript.hash(suite.hash));
    if (!equalBytes(expected, verifyData)) throw new TlsAlertError('decrypt_error', 'client Finished verify_data is wrong');
    this.transcript.add(raw);
    this.sendChangeCipherSpec();
    this.changeWriteCipher(tls12Cipher(suite.aead, keys.serverKey, keys.serverIv));
    this.sendHandshake({ type: 'Finished', verifyData: tls12FinishedVerifyData(suite.hash, this.masterSecret, 'server', this.transcript.hash(suite.hash)) });
    this.emit({ type: 'established', version: '1.2', cipherSuite: suite.name });
  }
}
