// Known-answer tests for the TLS engine's primitives, each vector from the document named.
import { strict as assert } from 'node:assert';
import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { fromHex, hex } from '../../src/engine/tls/bytes';
import { gcmOpen, gcmSeal, tls13Nonce, AuthenticationError } from '../../src/engine/tls/crypto/aead';
import { ecdsaP256Sign, p256PublicKey } from '../../src/engine/tls/crypto/ecdsa-p256';
import { hkdfExpand, hkdfExtract } from '../../src/engine/tls/crypto/hkdf';
import { keyShareFromPrivate, sharedSecret, generateKeyShare } from '../../src/engine/tls/crypto/key-exchange';
import { prf12 } from '../../src/engine/tls/crypto/prf';
import { rsaDecryptPremaster, rsaPkcs1Encrypt } from '../../src/engine/tls/crypto/rsa';
import { signWith, verifyWith } from '../../src/engine/tls/crypto/signature';
import { SeededRandomSource } from '../../src/engine/tls/random-source';
import { rsaTestKey } from '../../src/engine/tls/certificate';

describe('tls crypto primitives', () => {
  it('HKDF: RFC 5869 test case 1', () => {
    const ikm = Buffer.alloc(22, 0x0b);
    const salt = fromHex('000102030405060708090a0b0c');
    const info = fromHex('f0f1f2f3f4f5f6f7f8f9');
    const prk = hkdfExtract('sha256', salt, ikm);
    assert.equal(hex(prk), '077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5');
    assert.equal(hex(hkdfExpand('sha256', prk, info, 42)), '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865');
  });

  it('HKDF: RFC 5869 test case 3 (empty salt and info)', () => {
    const prk = hkdfExtract('sha256', Buffer.alloc(0), Buffer.alloc(22, 0x0b));
    assert.equal(hex(prk), '19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04');
    assert.equal(hex(hkdfExpand('sha256', prk, Buffer.alloc(0), 42)), '8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8');
  });

  it('TLS 1.2 PRF P_SHA256: the IETF TLS WG test vector', () => {
    const out = prf12('sha256', fromHex('9bbe436ba940f017b17652849a71db35'), 'test label', fromHex('a0ba9f936cda311827a6f796ffd5198c'), 100);
    assert.equal(
      hex(out),
      'e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a6b301791e90d35c9c9a46b4e14baf9af0fa022f7077def17abfd3797c0564bab4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff70187347b66',
    );
  });

  it('TLS 1.2 PRF P_SHA384: the IETF TLS WG test vector', () => {
    const out = prf12('sha384', fromHex('b80b733d6ceefcdc71566ea48e5567df'), 'test label', fromHex('cd665cf6a8447dd6ff8b27555edb7465'), 148);
    assert.equal(
      hex(out),
      '7b0c18e9ced410ed1804f2cfa34a336a1c14dffb4900bb5fd7942107e81c83cde9ca0faa60be9fe34f82b1233c9146a0e534cb400fed2700884f9dc236f80edd8bfa961144c9e8d792eca722a7b32fc3d416d473ebc2c5fd4abfdad05d9184259b5bf8cd4d90fa0d31e2dec479e4f1a26066f2eea9a69236a3e52655c9e9aee691c8f3a26854308d5eaa3be85e0990703d73e56f',
    );
  });

  it('AES-128-GCM and AES-256-GCM: GCM spec test cases 3 and 15', () => {
    const iv = fromHex('cafebabefacedbaddecaf888');
    const p = fromHex('d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255');
    const k128 = fromHex('feffe9928665731c6d6a8f9467308308');
    const sealed = gcmSeal(k128, iv, Buffer.alloc(0), p);
    assert.equal(
      hex(sealed),
      '42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985' + '4d5c2af327cd64a62cf35abd2ba6fab4',
    );
    assert.deepEqual(gcmOpen(k128, iv, Buffer.alloc(0), sealed), p);
    const k256 = fromHex('feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308');
    assert.equal(
      hex(gcmSeal(k256, iv, Buffer.alloc(0), p)),
      '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad' + 'b094dac5d93471bdec1a502270e3cc6c',
    );
    sealed[3] = (sealed[3] ?? 0) ^ 1;
    assert.throws(() => gcmOpen(k128, iv, Buffer.alloc(0), sealed), AuthenticationError);
  });

  it('TLS 1.3 nonce is iv XOR the sequence number', () => {
    assert.equal(hex(tls13Nonce(fromHex('cf782b88dd83549aadf1e984'), 1n)), 'cf782b88dd83549aadf1e985');
    assert.equal(hex(tls13Nonce(fromHex('000000000000000000000000'), 0x0102n)), '000000000000000000000102');
  });

  it('X25519: RFC 7748 §6.1', () => {
    const alice = keyShareFromPrivate('x25519', fromHex('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a'));
    const bob = keyShareFromPrivate('x25519', fromHex('5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb'));
    assert.equal(hex(alice.publicKey), '8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a');
    assert.equal(hex(bob.publicKey), 'de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f');
    const shared = '4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742';
    assert.equal(hex(sharedSecret(alice, bob.publicKey)), shared);
    assert.equal(hex(sharedSecret(bob, alice.publicKey)), shared);
  });

  it('P-256 ECDHE: both sides agree; same seed, same key share', () => {
    const a = generateKeyShare('secp256r1', new SeededRandomSource(1));
    const b = generateKeyShare('secp256r1', new SeededRandomSource(2));
    assert.equal(a.publicKey.length, 65);
    assert.deepEqual(sharedSecret(a, b.publicKey), sharedSecret(b, a.publicKey));
    assert.deepEqual(generateKeyShare('secp256r1', new SeededRandomSource(1)).publicKey, a.publicKey);
  });

  it('ECDSA P-256 SHA-256 with RFC 6979 nonces: RFC 6979 §A.2.5 "sample"', () => {
    const d = fromHex('c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721');
    assert.equal(
      hex(p256PublicKey(d)),
      '04' + '60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6' + '7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299',
    );
    const sig = ecdsaP256Sign(d, fromHex('af2bdbe1aa9b6ec1e2ade1d694f41fc71a831d0268e9891562113d8a62add1bf')); // SHA-256("sample")
    assert.equal(sig.r.toString(16), 'efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716');
    assert.equal(sig.s.toString(16), 'f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8');
  });

  it('ECDSA signatures verify with node:crypto and repeat exactly', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const random = new SeededRandomSource(3);
    const data = Buffer.from('TLS 1.3, server CertificateVerify');
    const sig = signWith('ecdsa_secp256r1_sha256', privateKey, data, random);
    assert.ok(verify('sha256', data, publicKey, sig));
    assert.deepEqual(signWith('ecdsa_secp256r1_sha256', privateKey, data, random), sig);
    assert.ok(verifyWith('ecdsa_secp256r1_sha256', publicKey, data, sig));
    assert.ok(!verifyWith('ecdsa_secp256r1_sha256', publicKey, Buffer.from('other'), sig));
  });

  it('RSA-PSS (seeded salt) and RSA PKCS#1 v1.5 signatures verify; PSS repeats per seed', () => {
    const privateKey = rsaTestKey();
    const publicKey = createPublicKey(privateKey);
    const data = Buffer.from('signed content');
    const pss = signWith('rsa_pss_rsae_sha256', privateKey, data, new SeededRandomSource(5));
    assert.ok(verifyWith('rsa_pss_rsae_sha256', publicKey, data, pss));
    assert.deepEqual(signWith('rsa_pss_rsae_sha256', privateKey, data, new SeededRandomSource(5)), pss);
    assert.notDeepEqual(signWith('rsa_pss_rsae_sha256', privateKey, data, new SeededRandomSource(6)), pss);
    const pkcs1 = signWith('rsa_pkcs1_sha256', privateKey, data, new SeededRandomSource(5));
    assert.ok(verifyWith('rsa_pkcs1_sha256', publicKey, data, pkcs1));
    assert.ok(!verifyWith('rsa_pkcs1_sha256', publicKey, data, pss));
  });

  it('RSA PKCS#1 v1.5 premaster: seeded encryption, NO_PADDING decryption, Bleichenbacher fallback', () => {
    const privateKey = rsaTestKey();
    const publicKey = createPublicKey(privateKey);
    const premaster = Buffer.concat([Buffer.from([3, 3]), Buffer.alloc(46, 0x5a)]);
    const encrypted = rsaPkcs1Encrypt(publicKey, premaster, new SeededRandomSource(7));
    assert.equal(encrypted.length, 256);
    assert.deepEqual(rsaPkcs1Encrypt(publicKey, premaster, new SeededRandomSource(7)), encrypted);
    const ok = rsaDecryptPremaster(privateKey, encrypted, 0x0303, new SeededRandomSource(8));
    assert.deepEqual(ok, { premaster, paddingOk: true, versionOk: true });
    const wrongVersion = rsaDecryptPremaster(privateKey, encrypted, 0x0302, new SeededRandomSource(8));
    assert.equal(wrongVersion.paddingOk, true);
    assert.equal(wrongVersion.versionOk, false);
    assert.notDeepEqual(wrongVersion.premaster, premaster);
    const garbage = rsaDecryptPremaster(privateKey, Buffer.alloc(256, 0x11), 0x0303, new SeededRandomSource(8));
    assert.equal(garbage.paddingOk, false);
    assert.equal(garbage.premaster.length, 48);
  });
});
