// TLS violations of tls-rules.md: each message names the alert a correct peer sends.
import type { DiagnosticEntry } from './entry';

export const TLS_RULES = {
  'TLS-UNEXPECTED-MESSAGE': {
    severity: 'error',
    title: 'Handshake message out of order',
    rfc: 'RFC 5246 §7.3',
    // {message}: the message the script sends, e.g. `ServerHelloDone`; {expected}: what the handshake expects there.
    en: '{message} is out of order here (the handshake expects {expected}); a correct peer aborts with a fatal unexpected_message alert',
    zh: '{message} 在这里顺序错误（握手此时期望的是 {expected}）；正确的对端会以致命告警 unexpected_message 中止握手',
    explain:
      'The TLS handshake is a fixed sequence of messages: in TLS 1.2 ServerHello, Certificate, ServerKeyExchange (when the key exchange needs it), ServerHelloDone, then the client\'s messages (RFC 5246 §7.3); TLS 1.3 fixes its own order (RFC 8446 §4, Appendix A). A message that arrives out of order or skips a required one, such as ServerHelloDone before Certificate, makes the peer abort with unexpected_message.',
    explainZh:
      'TLS 握手的消息顺序是固定的：TLS 1.2 中依次是 ServerHello、Certificate、ServerKeyExchange（密钥交换需要时）、ServerHelloDone，然后是客户端的消息（RFC 5246 §7.3）；TLS 1.3 也规定了自己的顺序（RFC 8446 §4、附录 A）。消息顺序错误或跳过了必需的消息（例如在 Certificate 之前发送 ServerHelloDone），对端会以 unexpected_message 告警中止握手。',
  },
  'TLS-SUITE-NOT-OFFERED': {
    severity: 'error',
    title: 'Cipher suite not offered',
    rfc: 'RFC 5246 §7.4.1.3',
    en: 'ServerHello picks {suite}, which the ClientHello did not offer; a correct client aborts with a fatal illegal_parameter alert',
    zh: 'ServerHello 选择了 {suite}，但 ClientHello 并没有提供这个密码套件；正确的客户端会以致命告警 illegal_parameter 中止握手',
    explain:
      'The server must choose one of the cipher suites listed in the ClientHello (RFC 5246 §7.4.1.3; RFC 8446 §4.1.3). A suite the client never offered is one it may not support or may have deliberately excluded, so the client aborts with illegal_parameter.',
    explainZh:
      '服务器必须从 ClientHello 列出的密码套件中选择一个（RFC 5246 §7.4.1.3；RFC 8446 §4.1.3）。客户端没有提供的套件可能是它不支持或有意排除的，因此客户端以 illegal_parameter 告警中止握手。',
  },
  'TLS-CCS-MISPLACED': {
    severity: 'error',
    title: 'ChangeCipherSpec in the wrong place',
    rfc: 'RFC 5246 §7.1',
    en: 'ChangeCipherSpec is misplaced here ({detail}); a correct peer aborts with a fatal unexpected_message alert',
    zh: 'ChangeCipherSpec 的位置不对（{detailZh}）；正确的对端会以致命告警 unexpected_message 中止握手',
    // {detail}/{detailZh}: e.g. `before ClientKeyExchange`, `Finished without CCS`, `after the TLS 1.3 handshake`, `payload is not 0x01`.
    explain:
      'In TLS 1.2 ChangeCipherSpec switches to the newly negotiated keys, so it must come after the key exchange and immediately before Finished, and its one-byte payload is 0x01 (RFC 5246 §7.1). In TLS 1.3 a CCS is only a compatibility placeholder during the handshake and is not allowed after it (RFC 8446 §5). Either mistake makes the peer abort with unexpected_message.',
    explainZh:
      '在 TLS 1.2 中，ChangeCipherSpec 用于切换到新协商的密钥，所以它必须在密钥交换之后、紧挨在 Finished 之前，而且它的一个字节载荷为 0x01（RFC 5246 §7.1）。在 TLS 1.3 中，CCS 只是握手期间为兼容性而保留的占位消息，握手结束后不允许出现（RFC 8446 §5）。这两种错误都会使对端以 unexpected_message 告警中止握手。',
  },
  'TLS-APPDATA-EARLY': {
    severity: 'error',
    title: 'Application data before Finished',
    rfc: 'RFC 5246 §7.4',
    en: 'application data before the handshake\'s Finished; a correct peer aborts with a fatal unexpected_message alert',
    zh: '在握手的 Finished 之前发送了应用数据；正确的对端会以致命告警 unexpected_message 中止握手',
    explain:
      'Application data may only flow once the handshake has finished and both sides have verified each other\'s Finished message (RFC 5246 §7.4; RFC 8446 §2). Before that the keys are not yet confirmed, so the peer rejects the record with unexpected_message.',
    explainZh:
      '只有握手完成、双方都验证了对方的 Finished 消息之后，才能传输应用数据（RFC 5246 §7.4；RFC 8446 §2）。在此之前密钥尚未得到确认，所以对端以 unexpected_message 告警拒绝这条记录。',
  },
  'TLS13-PLAINTEXT-HANDSHAKE': {
    severity: 'error',
    title: 'Unencrypted TLS 1.3 handshake message',
    rfc: 'RFC 8446 §5',
    en: '{message} is sent as a plaintext handshake record after ServerHello; in TLS 1.3 it must be encrypted, so a correct peer aborts with a fatal unexpected_message alert',
    zh: '{message} 在 ServerHello 之后以明文握手记录发送；在 TLS 1.3 中它必须加密，因此正确的对端会以致命告警 unexpected_message 中止握手',
    explain:
      'In TLS 1.3 everything after ServerHello — EncryptedExtensions, Certificate, CertificateVerify, Finished — is protected with the handshake traffic keys (RFC 8446 §5). An unencrypted handshake record at that point is not allowed and the peer aborts with unexpected_message.',
    explainZh:
      '在 TLS 1.3 中，ServerHello 之后的所有消息（EncryptedExtensions、Certificate、CertificateVerify、Finished）都用握手流量密钥加密保护（RFC 8446 §5）。此时出现未加密的握手记录是不允许的，对端以 unexpected_message 告警中止握手。',
  },
  'TLS-EXT-NOT-OFFERED': {
    severity: 'error',
    title: 'Extension the client never sent',
    rfc: 'RFC 5246 §7.4.1.4',
    en: 'the server answers with the {extension} extension, which the client never sent; a correct client aborts with a fatal unsupported_extension alert',
    zh: '服务器在应答中带了 {extension} 扩展，但客户端从未发送过它；正确的客户端会以致命告警 unsupported_extension 中止握手',
    explain:
      'Extensions are requested by the client and answered by the server: a server may only include an extension the ClientHello contained (RFC 5246 §7.4.1.4; RFC 8446 §4.2). An unsolicited extension makes the client abort with unsupported_extension.',
    explainZh:
      '扩展由客户端提出、由服务器应答：服务器只能包含 ClientHello 中出现过的扩展（RFC 5246 §7.4.1.4；RFC 8446 §4.2）。客户端没有请求的扩展会使客户端以 unsupported_extension 告警中止握手。',
  },
  'TLS13-SESSION-ID-ECHO': {
    severity: 'error',
    title: 'Session id not echoed',
    rfc: 'RFC 8446 §4.1.3',
    en: 'ServerHello.legacy_session_id_echo differs from the ClientHello\'s session id; a correct client aborts with a fatal illegal_parameter alert',
    zh: 'ServerHello.legacy_session_id_echo 与 ClientHello 的 session id 不同；正确的客户端会以致命告警 illegal_parameter 中止握手',
    explain:
      'A TLS 1.3 server copies the ClientHello\'s legacy_session_id into legacy_session_id_echo unchanged (RFC 8446 §4.1.3). A client that receives a different value aborts the handshake with illegal_parameter.',
    explainZh:
      'TLS 1.3 服务器要把 ClientHello 中的 legacy_session_id 原样复制到 legacy_session_id_echo（RFC 8446 §4.1.3）。客户端收到不同的值时以 illegal_parameter 告警中止握手。',
  },
  'TLS-VERSION-NOT-OFFERED': {
    severity: 'error',
    title: 'Version or group not offered',
    rfc: 'RFC 8446 §4.1.3',
    // {detail}/{detailZh}: e.g. `version TLS 1.1 was not offered`, `downgrade sentinel in ServerHello.random`.
    en: 'ServerHello is not acceptable ({detail}); a correct client aborts with a fatal illegal_parameter alert',
    zh: 'ServerHello 不可接受（{detailZh}）；正确的客户端会以致命告警 illegal_parameter 中止握手',
    explain:
      'The server must select a version and a key-exchange group that the client offered, and a HelloRetryRequest must follow its own rules (RFC 8446 §4.1.3, §4.1.4). When a TLS 1.3 server negotiates an older version it writes a downgrade sentinel into the last bytes of ServerHello.random, and a client that supports TLS 1.3 rejects it. Each of these makes the client abort with illegal_parameter.',
    explainZh:
      '服务器必须选择客户端提供过的版本和密钥交换组，HelloRetryRequest 也必须遵守相应规则（RFC 8446 §4.1.3、§4.1.4）。TLS 1.3 服务器协商更低版本时，会在 ServerHello.random 的最后几个字节写入降级标记，支持 TLS 1.3 的客户端会拒绝它。以上任何一种情况都会使客户端以 illegal_parameter 告警中止握手。',
  },
  'TLS-MISSING-EXTENSION': {
    severity: 'error',
    title: 'Required extension missing or duplicated',
    rfc: 'RFC 8446 §4.2',
    // {extension}: e.g. `supported_versions`, `key_share`.
    en: 'the {extension} extension is missing or duplicated; a correct peer aborts with a fatal missing_extension alert (illegal_parameter for a duplicate)',
    zh: '{extension} 扩展缺失或重复；正确的对端会以致命告警 missing_extension 中止握手（重复时为 illegal_parameter）',
    explain:
      'TLS 1.3 is negotiated through extensions: supported_versions says that TLS 1.3 is in use, and key_share carries the key exchange, so they must be present where the protocol requires them (RFC 8446 §4.2). A missing one is answered with missing_extension. An extension may appear at most once in a message; a duplicate is answered with illegal_parameter.',
    explainZh:
      'TLS 1.3 依靠扩展来协商：supported_versions 表明使用 TLS 1.3，key_share 携带密钥交换数据，所以在协议要求的地方它们必须出现（RFC 8446 §4.2）。缺少时对端回复 missing_extension 告警。同一个扩展在一条消息中最多出现一次；重复出现时对端回复 illegal_parameter 告警。',
  },
  'TLS-RECORD-OVERFLOW': {
    severity: 'error',
    title: 'Bad record length',
    rfc: 'RFC 5246 §6.2',
    // {detail}/{detailZh}: e.g. `record of 16385 bytes`, `zero-length handshake record`.
    en: 'record framing is not allowed ({detail}); a correct peer aborts with a fatal record_overflow alert (unexpected_message for an empty or key-change-spanning record)',
    zh: '记录的分帧不合法（{detailZh}）；正确的对端会以致命告警 record_overflow 中止连接（空记录或跨越密钥切换的记录为 unexpected_message）',
    explain:
      'A TLS record carries at most 2^14 bytes of plaintext, plus a bounded expansion when protected (RFC 5246 §6.2; RFC 8446 §5.1); a longer record is answered with record_overflow. Handshake and alert records must not be empty, and a handshake message must not span a change of keys; those are answered with unexpected_message.',
    explainZh:
      '一条 TLS 记录最多携带 2^14 字节明文，加密后只允许有限的扩展（RFC 5246 §6.2；RFC 8446 §5.1）；更长的记录会得到 record_overflow 告警。握手记录和告警记录不能为空，握手消息也不能跨越密钥切换；这些情况会得到 unexpected_message 告警。',
  },
  'TLS-KEX-MISMATCH': {
    severity: 'error',
    title: 'Key exchange messages do not match the suite',
    rfc: 'RFC 5246 §7.4.3',
    // {detail}/{detailZh}: e.g. `ServerKeyExchange with RSA key exchange`, `ClientKeyExchange length ≠ modulus`.
    en: 'the key exchange does not match the cipher suite ({detail}); a correct peer aborts with a fatal unexpected_message alert (decode_error for a bad ClientKeyExchange length)',
    zh: '密钥交换与密码套件不符（{detailZh}）；正确的对端会以致命告警 unexpected_message 中止握手（ClientKeyExchange 长度错误时为 decode_error）',
    explain:
      'In TLS 1.2 the cipher suite decides the key exchange. With RSA key exchange there is no ServerKeyExchange; with ECDHE it is required (RFC 5246 §7.4.3), so a wrong presence is unexpected_message. An RSA ClientKeyExchange carries the encrypted premaster secret, whose length must match the server key\'s modulus (§7.4.7); otherwise the peer sends decode_error.',
    explainZh:
      '在 TLS 1.2 中，密码套件决定了密钥交换方式。RSA 密钥交换没有 ServerKeyExchange；ECDHE 则必须有（RFC 5246 §7.4.3），多了或少了都是 unexpected_message。RSA 的 ClientKeyExchange 携带加密后的预主密钥，其长度必须与服务器密钥的模长一致（§7.4.7）；否则对端发送 decode_error。',
  },
  'TLS-FINISHED-MISMATCH': {
    severity: 'error',
    title: 'Finished verify_data is wrong',
    rfc: 'RFC 5246 §7.4.9',
    en: 'Finished verify_data does not match the handshake transcript; a correct peer aborts with a fatal decrypt_error alert',
    zh: 'Finished 的 verify_data 与握手记录不符；正确的对端会以致命告警 decrypt_error 中止握手',
    explain:
      'Finished proves that both sides saw the same handshake and derived the same keys: verify_data is computed with the PRF (TLS 1.2) or an HMAC (TLS 1.3) over the hash of every handshake message so far (RFC 5246 §7.4.9; RFC 8446 §4.4.4). If any message was altered, or the keys differ, the values do not match and the peer aborts with decrypt_error.',
    explainZh:
      'Finished 证明双方看到的是同一个握手过程并推导出了相同的密钥：verify_data 是用 PRF（TLS 1.2）或 HMAC（TLS 1.3）对到目前为止所有握手消息的哈希计算得到的（RFC 5246 §7.4.9；RFC 8446 §4.4.4）。如果任何消息被篡改或密钥不同，值就对不上，对端以 decrypt_error 告警中止握手。',
  },
  'TLS-BAD-RECORD-MAC': {
    severity: 'error',
    title: 'Record fails authentication',
    rfc: 'RFC 5246 §6.2.3.3',
    en: 'the record does not authenticate (tampered, wrong sequence number or wrong keys); a correct peer aborts with a fatal bad_record_mac alert',
    zh: '记录无法通过认证（被篡改、序列号错误或密钥错误）；正确的对端会以致命告警 bad_record_mac 中止连接',
    explain:
      'Protected records are sealed with an AEAD cipher whose tag covers the content and an implicit record sequence number (RFC 5246 §6.2.3.3; RFC 8446 §5.2). A flipped bit, a record replayed or taken out of order, or one sealed with the wrong keys — for example because a ChangeCipherSpec is missing — fails the check, and the peer aborts with bad_record_mac.',
    explainZh:
      '受保护的记录用 AEAD 算法加密，其认证标签覆盖内容和隐含的记录序列号（RFC 5246 §6.2.3.3；RFC 8446 §5.2）。被翻转了一位、被重放或顺序错乱的记录，或者用错误密钥加密的记录（例如因为缺少 ChangeCipherSpec），都无法通过校验，对端以 bad_record_mac 告警中止连接。',
  },
  'TLS-BAD-SIGNATURE': {
    severity: 'error',
    title: 'Invalid signature',
    rfc: 'RFC 5246 §7.4.3',
    // {message}: `CertificateVerify` or `ServerKeyExchange`.
    en: 'the {message} signature does not verify with the certificate\'s public key; a correct peer aborts with a fatal decrypt_error alert',
    zh: '{message} 的签名无法用证书的公钥验证；正确的对端会以致命告警 decrypt_error 中止握手',
    explain:
      'The server proves it holds the certificate\'s private key by signing: the ECDHE parameters in a TLS 1.2 ServerKeyExchange (RFC 5246 §7.4.3), or the transcript in a TLS 1.3 CertificateVerify (RFC 8446 §4.4.3). A signature that does not verify means the peer cannot be authenticated, and the handshake is aborted with decrypt_error.',
    explainZh:
      '服务器通过签名证明自己持有证书对应的私钥：在 TLS 1.2 的 ServerKeyExchange 中对 ECDHE 参数签名（RFC 5246 §7.4.3），在 TLS 1.3 的 CertificateVerify 中对握手记录签名（RFC 8446 §4.4.3）。签名验证失败说明无法认证对端，握手以 decrypt_error 告警中止。',
  },
  'TLS-PMS-VERSION': {
    severity: 'error',
    title: 'Premaster secret version mismatch',
    rfc: 'RFC 5246 §7.4.7.1',
    en: 'the premaster secret\'s version differs from the ClientHello version; a correct server sends no distinct alert but continues with a random premaster secret, so its keys differ and the client\'s encrypted Finished fails with a fatal bad_record_mac alert',
    zh: '预主密钥中的版本号与 ClientHello 的版本不同；正确的服务器不会发送专门的告警，而是改用随机的预主密钥继续，于是双方密钥不同，客户端加密的 Finished 无法通过认证，服务器以致命告警 bad_record_mac 中止',
    explain:
      'With RSA key exchange the premaster secret starts with the client\'s offered version. If it does not match, or decryption fails, the server must not reveal this with a distinct alert — that would help a Bleichenbacher attack. It continues with a random premaster secret (RFC 5246 §7.4.7.1), so the two sides derive different keys: the client\'s Finished, the first record under the new keys, fails authentication and the server sends bad_record_mac (§6.2.3.3). A cipher that decrypted without authenticating would fail at the Finished check instead (decrypt_error); the engine\'s suites are all AEAD.',
    explainZh:
      '使用 RSA 密钥交换时，预主密钥以客户端提供的版本号开头。如果版本不符或解密失败，服务器不能用专门的告警暴露这一点（否则会帮助 Bleichenbacher 攻击），而是用一个随机的预主密钥继续（RFC 5246 §7.4.7.1），于是双方推导出不同的密钥：客户端的 Finished 是第一条用新密钥保护的记录，它无法通过认证，服务器发送 bad_record_mac（§6.2.3.3）。如果是只解密不认证的算法，错误会在 Finished 校验时才出现（decrypt_error）；引擎的密码套件都是 AEAD。',
  },
  'TLS-CERT-INVALID': {
    severity: 'error',
    title: 'Certificate not valid',
    rfc: 'RFC 5280 §4.1.2.5',
    // {detail}/{detailZh}: e.g. `expired at virtual time 2035-01-01`, `name does not match SNI example.test`.
    en: 'the certificate is not valid ({detail}); a correct client aborts with a fatal certificate_expired alert (bad_certificate for a name mismatch)',
    zh: '证书无效（{detailZh}）；正确的客户端会以致命告警 certificate_expired 中止握手（名称不匹配时为 bad_certificate）',
    explain:
      'A certificate is valid only between its notBefore and notAfter times (RFC 5280 §4.1.2.5) — here checked against the virtual clock — and only for the names in its subjectAltName (§4.2.1.6), which must match the server name the client asked for (SNI). Outside its validity period the client answers certificate_expired; for a name mismatch, bad_certificate.',
    explainZh:
      '证书只在 notBefore 和 notAfter 之间有效（RFC 5280 §4.1.2.5）——这里按虚拟时钟检查——并且只对 subjectAltName 中列出的名称有效（§4.2.1.6），该名称必须与客户端请求的服务器名（SNI）一致。超出有效期时客户端回复 certificate_expired；名称不匹配时回复 bad_certificate。',
  },
} as const satisfies Record<string, DiagnosticEntry>;
