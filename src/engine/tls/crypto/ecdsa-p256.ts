// Deterministic ECDSA over P-256 with SHA-256 (RFC 6979 §3.2 nonces, FIPS 186-4 signing), so
// the same seed gives the same certificate and CertificateVerify bytes. node:crypto on Node 20
// (OpenSSL 3.0) only signs with random nonces; its `verify` checks what this produces.
// Signatures come out DER-encoded (Ecdsa-Sig-Value), as TLS sends them.
import { createHmac } from 'node:crypto';

const P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const GX = 0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n;
const GY = 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n;

type Jacobian = readonly [bigint, bigint, bigint]; // Z = 0 is the point at infinity

const mod = (a: bigint, m: bigint): bigint => ((a % m) + m) % m;

function powMod(base: bigint, exp: bigint, m: bigint): bigint {
  let result = 1n;
  let b = mod(base, m);
  for (let e = exp; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % m;
    b = (b * b) % m;
  }
  return result;
}

const invert = (a: bigint, m: bigint): bigint => powMod(a, m - 2n, m);

function double([x, y, z]: Jacobian): Jacobian {
  if (z === 0n || y === 0n) return [0n, 1n, 0n];
  const delta = (z * z) % P;
  const gamma = (y * y) % P;
  const beta = (x * gamma) % P;
  const alpha = mod(3n * (x - delta) * (x + delta), P);
  const x3 = mod(alpha * alpha - 8n * beta, P);
  const z3 = mod((y + z) * (y + z) - gamma - delta, P);
  const y3 = mod(alpha * (4n * beta - x3) - 8n * gamma * gamma, P);
  return [x3, y3, z3];
}

function add(a: Jacobian, b: Jacobian): Jacobian {
  const [x1, y1, z1] = a;
  const [x2, y2, z2] = b;
  if (z1 === 0n) return b;
  if (z2 === 0n) return a;
  const z1z1 = (z1 * z1) % P;
  const z2z2 = (z2 * z2) % P;
  const u1 = (x1 * z2z2) % P;
  const u2 = (x2 * z1z1) % P;
  const s1 = (y1 * z2 * z2z2) % P;
  const s2 = (y2 * z1 * z1z1) % P;
  const h = mod(u2 - u1, P);
  const r = mod(2n * (s2 - s1), P);
  if (h === 0n) return r === 0n ? double(a) : [0n, 1n, 0n];
  const i = (4n * h * h) % P;
  const j = (h * i) % P;
  const v = (u1 * i) % P;
  const x3 = mod(r * r - j - 2n * v, P);
  const y3 = mod(r * (v - x3) - 2n * s1 * j, P);
  const z3 = mod(((z1 + z2) * (z1 + z2) - z1z1 - z2z2) * h, P);
  return [x3, y3, z3];
}

function multiplyG(k: bigint): { x: bigint; y: bigint } {
  let result: Jacobian = [0n, 1n, 0n];
  let addend: Jacobian = [GX, GY, 1n];
  for (let e = k; e > 0n; e >>= 1n) {
    if (e & 1n) result = add(result, addend);
    addend = double(addend);
  }
  const zInv = invert(result[2], P);
  const zInv2 = (zInv * zInv) % P;
  return { x: (result[0] * zInv2) % P, y: (result[1] * zInv2 * zInv) % P };
}

const toBytes32 = (v: bigint): Buffer => Buffer.from(v.toString(16).padStart(64, '0'), 'hex');
const toBigInt = (b: Uint8Array): bigint => BigInt('0x' + (Buffer.from(b).toString('hex') || '0'));

/** The public point 04‖x‖y of private scalar `d`. */
export function p256PublicKey(privateKey: Uint8Array): Buffer {
  const { x, y } = multiplyG(toBigInt(privateKey));
  return Buffer.concat([Buffer.from([4]), toBytes32(x), toBytes32(y)]);
}

/** RFC 6979 §3.2 with HMAC-SHA256 and qlen = hlen = 256. Returns the nonces in order. */
function* rfc6979Nonces(privateKey: bigint, messageHash: Uint8Array): Generator<bigint> {
  const x = toBytes32(privateKey);
  const h1 = toBytes32(mod(toBigInt(messageHash), N));
  const mac = (key: Buffer, ...parts: Uint8Array[]): Buffer => {
    const h = createHmac('sha256', key);
    for (const p of parts) h.update(p);
    return h.digest();
  };
  let v: Buffer = Buffer.alloc(32, 1);
  let k: Buffer = Buffer.alloc(32, 0);
  k = mac(k, v, Buffer.from([0]), x, h1);
  v = mac(k, v);
  k = mac(k, v, Buffer.from([1]), x, h1);
  v = mac(k, v);
  for (;;) {
    v = mac(k, v);
    const candidate = toBigInt(v);
    if (candidate >= 1n && candidate < N) yield candidate;
    k = mac(k, v, Buffer.from([0]));
    v = mac(k, v);
  }
}

function derInteger(v: bigint): Buffer {
  let bytes = Buffer.from(v.toString(16).padStart(64, '0'), 'hex');
  while (bytes.length > 1 && bytes[0] === 0 && ((bytes[1] ?? 0) & 0x80) === 0) bytes = bytes.subarray(1);
  if (((bytes[0] ?? 0) & 0x80) !== 0) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return Buffer.concat([Buffer.from([0x02, bytes.length]), bytes]);
}

export interface EcdsaSignature {
  readonly r: bigint;
  readonly s: bigint;
  readonly der: Buffer;
}

/** Signs a SHA-256 `messageHash` with private scalar `privateKey` (32 bytes). */
export function ecdsaP256Sign(privateKey: Uint8Array, messageHash: Uint8Array): EcdsaSignature {
  const d = toBigInt(privateKey);
  const z = toBigInt(messageHash);
  for (const k of rfc6979Nonces(d, messageHash)) {
    const r = multiplyG(k).x % N;
    if (r === 0n) continue;
    const s = (invert(k, N) * mod(z + r * d, N)) % N;
    if (s === 0n) continue;
    const body = Buffer.concat([derInteger(r), derInteger(s)]);
    return { r, s, der: Buffer.concat([Buffer.from([0x30, body.length]), body]) };
  }
  throw new Error('unreachable');
}
