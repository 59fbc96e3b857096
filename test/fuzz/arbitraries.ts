// Generators for fuzzing: a grammar-aware arbitrary for `.tcpflow` scripts (every statement form
// of language.md, with plausible and implausible values) and mutations of the real scripts in
// examples/ (lines deleted, duplicated, swapped; characters flipped; garbage inserted; truncated;
// huge numbers, unicode, control characters, very long lines).
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { repoRoot } from '../support/paths';

const oneOfConst = <T>(...values: T[]): fc.Arbitrary<T> => fc.constantFrom(...values);

// ---------------------------------------------------------------------------------------------
// Values, plausible and not

const endpointName = oneOfConst('client', 'server', 'attacker', 'student', 'c', 'web-1', 'db_2', 'Client', 'nobody', 'drop', 'nothing', 'x');
const symbolName = oneOfConst('x', 'y', 'isn_c', 'z', '_a', 'X', 'seq');

const hugeNumber = oneOfConst('4294967295', '4294967296', '18446744073709551616', '9'.repeat(40), '1e308', 'NaN', 'Infinity', '-1', '0', '0x', '0xffffffffffff', '-0', '1.5', '00000000001');

const smallNumber = fc.oneof(fc.nat(70000).map(String), fc.integer({ min: 0, max: 0xffffffff }).map((n) => `0x${n.toString(16)}`), hugeNumber);

const duration = fc.oneof(
  fc.tuple(fc.nat(3000), oneOfConst('us', 'ms', 's', 'm', 'min', 'h', 'S', 'sec', '', 'kb')).map(([n, u]) => `${n}${u}`),
  fc.tuple(fc.nat(100), fc.nat(999)).map(([a, b]) => `${a}.${b}s`),
  oneOfConst('1e9s', '99999999999h', '-1s', '0s', '.5s', '1..5s', 'ms'),
);

const size = fc.oneof(fc.nat(100000).map(String), fc.tuple(fc.nat(2048), oneOfConst('B', 'KB', 'MB', 'GB', 'KiB', 'MiB', 'GiB', 'TB')).map(([n, u]) => `${n}${u}`), hugeNumber);

const escapeChunk = oneOfConst('\\r', '\\n', '\\t', '\\\\', '\\"', '\\x41', '\\xZZ', '\\q', '\\x4', '', 'GET / HTTP/1.1', 'héllo', '日本', '🙂', '<script>alert(1)</script>', '${process.exit()}');
const stringLit = fc.oneof(
  fc.array(escapeChunk, { maxLength: 6 }).map((parts) => `"${parts.join('')}"`),
  fc.string({ maxLength: 20 }).map((s) => `"${s.replace(/["\\\r\n]/g, '')}"`),
  oneOfConst('"unterminated', '"', '""', '"\\"', `"${'A'.repeat(5000)}"`),
);

const ipv4 = fc.oneof(
  fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((o) => o.join('.')),
  oneOfConst('10.0.0.1', '10.0.0.2', '198.51.100.7', '256.1.1.1', '1.2.3', '1.2.3.4.5', '0.0.0.0', '255.255.255.255'),
);
const port = fc.oneof(fc.nat(65535).map(String), oneOfConst('0', '65536', '99999999', '-1', '*', 'http'));
const address = fc.oneof(
  fc.tuple(ipv4, port).map(([ip, p]) => `${ip}:${p}`),
  fc.tuple(oneOfConst('::1', '2001:db8::1', 'fe80::1%eth0', '::', 'zz::1', '2001:db8:0:0:0:0:0:0:1'), port).map(([ip, p]) => `[${ip}]:${p}`),
  oneOfConst('10.0.0.1', '10.0.0.1:', ':80', '[::1]', '[::1:80'),
);
const spoofAddress = fc.oneof(address, oneOfConst('198.51.100.*:*', '*.*.*.*:*', '10.0.0.*:80', '[*]:*'));

const flagWord = oneOfConst('SYN', 'ACK', 'FIN', 'RST', 'PSH', 'URG', 'ECE', 'CWR', 'syn', 'Ack', 'fin', 'syn-ack', 'SYN+ACK', 'SYN,ACK', 'NS', 'BOGUS');
const flags = fc.oneof(
  fc.array(flagWord, { minLength: 1, maxLength: 4 }).chain((ws) => oneOfConst(' ', ',', '+', ', ').map((sep) => ws.join(sep))),
  oneOfConst('[S]', '[S.]', '[F.]', '[R.]', '[P.]', '[.]', '[SFRPUEW.]', '[]', '[X]', '[S', 'S.]'),
);

const seqExpr = fc.oneof(
  smallNumber,
  fc.tuple(symbolName, oneOfConst('', '+', '-'), fc.nat(0xffffffff)).map(([n, op, k]) => (op ? `${n}${op}${k}` : n)),
  oneOfConst('x+', 'x++1', 'x+0x10', 'y-3', 'X+1', '+1', 'x+1+1'),
);

const tcpOption = fc.oneof(
  fc.tuple(oneOfConst('mss', 'wscale', 'mss='), smallNumber).map(([k, v]) => (k.endsWith('=') ? `${k}${v}` : `${k} ${v}`)),
  oneOfConst('sackOK', 'nop', 'eol', 'ts', 'TS val 1 ecr 0', 'ts val=1', 'ts ecr=5', 'sack 1:2 x:x+10', 'sack', 'unknownopt 3', 'mss'),
  fc.tuple(smallNumber, smallNumber).map(([a, b]) => `ts val=${a} ecr=${b}`),
);
const options = fc.array(tcpOption, { maxLength: 5 }).chain((os) => oneOfConst(`<${os.join(', ')}>`, `<${os.join(' ')}>`, `<${os.join(', ')}`));

const packetField = fc.oneof(
  seqExpr.map((v) => `seq=${v}`),
  seqExpr.map((v) => `ack=${v}`),
  smallNumber.map((v) => `win=${v}`),
  smallNumber.map((v) => `len=${v}`),
  stringLit.map((s) => `data ${s}`),
  stringLit.map((s) => `data=${s}`),
  options,
  oneOfConst('seq=', 'ack=X', 'len=1 data "a"', 'seq=1 seq=2', 'foo=1'),
);

const timePrefix = fc.oneof(
  fc.constant(''),
  fc.tuple(fc.nat(100), fc.nat(999)).map(([a, b]) => `@${a}.${b} `),
  duration.map((d) => `+${d} `),
  oneOfConst('@0 ', '@-1 ', '@1e9 ', '+2 ', '@ ', '@99999999999 '),
);

const arrow = oneOfConst('->', '->', '->', '<-', '=>', '-->');

const packetLine = fc
  .tuple(timePrefix, endpointName, arrow, endpointName, flags, fc.array(packetField, { maxLength: 5 }), fc.option(spoofAddress.map((a) => `from ${a}`), { nil: '' }))
  .map(([t, s, a, d, f, fields, from]) => `${t}${s} ${a} ${d} ${f} ${fields.join(' ')} ${from}`.trimEnd());

const tlsMessage = oneOfConst(
  'ClientHello', 'ServerHello', 'Certificate', 'ServerHelloDone', 'ClientKeyExchange', 'ChangeCipherSpec', 'Finished',
  'EncryptedExtensions', 'CertificateVerify', 'HelloRetryRequest', 'NewSessionTicket', 'Alert', 'ApplicationData',
  'clienthello', 'ClientHelo', 'Nonsense', 'ServerHello version=1.3', 'ServerHello suite=TLS_AES_128_GCM_SHA256', 'Finished verify_data=00*12',
);
const tlsPacketLine = fc
  .tuple(endpointName, endpointName, fc.array(tlsMessage, { minLength: 1, maxLength: 5 }))
  .map(([s, d, ms]) => `${s} -> ${d} TLS ${ms.join(', ')}`);

const tlsCall = fc.oneof(
  fc.tuple(endpointName, oneOfConst('1.2', '1.3', '1.1', '9'), oneOfConst('', 'suites TLS_RSA_WITH_AES_128_GCM_SHA256', 'suites TLS_AES_128_GCM_SHA256, TLS_BOGUS'), oneOfConst('', 'sni "example.test"', 'sni', 'alpn h2 http/1.1', 'groups x25519', 'ticket', 'verify none'))
    .map(([n, v, s, x]) => `${n} tls connect version ${v} ${s} ${x}`.trimEnd()),
  fc.tuple(endpointName, oneOfConst('cert self-signed "example.test"', 'cert self-signed', 'cert', '', 'cert none', 'version 1.3')).map(([n, a]) => `${n} tls accept ${a}`.trimEnd()),
  fc.tuple(endpointName, stringLit).map(([n, s]) => `${n} tls send ${s}`),
  fc.tuple(endpointName, oneOfConst('recv', 'close', 'keyupdate', 'dance', 'send', 'send 100')).map(([n, v]) => `${n} tls ${v}`),
);

const settingKey = oneOfConst(
  'tcp_syn_retries', 'tcp_syn_linear_timeouts', 'tcp_synack_retries', 'tcp_orphan_retries', 'tcp_fin_timeout', 'tcp_max_tw_buckets',
  'tcp_tw_reuse', 'tcp_syncookies', 'tcp_max_syn_backlog', 'tcp_timestamps', 'tcp_sack', 'tcp_window_scaling', 'tcp_rmem', 'mss',
  'backlog', 'linger', 'nodelay', 'msl', 'tolerance', 'net.ipv4.tcp_sack', 'bogus_key', 'TCP_SACK',
);
const settingValue = fc.oneof(smallNumber, duration, size, oneOfConst('on', 'off', '5%', '200%', '"str"', '4096 131072 6291456', '4KB, 128KB, 6MB', '-5', ''));

const call = fc.oneof(
  fc.tuple(endpointName, oneOfConst('', 'backlog 5', 'backlog 0', 'backlog 99999999999', 'backlog')).map(([n, b]) => `${n} listen ${b}`.trimEnd()),
  fc.tuple(endpointName, fc.oneof(endpointName, address)).map(([n, t]) => `${n} connect ${t}`),
  fc.tuple(endpointName, fc.oneof(size, stringLit)).map(([n, x]) => `${n} send ${x}`),
  fc.tuple(endpointName, oneOfConst('', '10', '0', '1MB', 'x')).map(([n, x]) => `${n} recv ${x}`.trimEnd()),
  fc.tuple(endpointName, oneOfConst('read', 'write', 'both', '', 'sideways')).map(([n, h]) => `${n} shutdown ${h}`.trimEnd()),
  fc.tuple(endpointName, oneOfConst('accept', 'close', 'abort', 'fly')).map(([n, v]) => `${n} ${v}`),
);

const icmpKind = oneOfConst('net', 'host', 'protocol', 'port', 'frag-needed', 'frag-needed mtu 1400', 'frag-needed mtu 9', 'source-route-failed', 'admin-prohibited', 'code 9', 'code 16', 'code 300', 'hots', 'port mtu 1400', '');
const icmpLine = fc
  .tuple(timePrefix, endpointName, endpointName, oneOfConst('ICMP unreachable', 'icmp UNREACHABLE', 'ICMP', 'ICMP echo'), icmpKind, fc.option(seqExpr.map((e) => `seq=${e}`), { nil: '' }), oneOfConst('', 'from 10.0.0.254', 'from 10.0.0.254:7', 'from [2001:db8::1]', 'from 300.1.1.1', 'from'))
  .map(([t, s, d, w, k, q, f]) => `${t}${s} -> ${d} ${w} ${k} ${q} ${f}`.trimEnd());

const patternEnd = fc.oneof(endpointName, fc.constant('*'));
const pattern = fc
  .tuple(patternEnd, patternEnd, fc.option(flags, { nil: '' }), fc.array(packetField, { maxLength: 2 }))
  .map(([s, d, f, fields]) => `${s} -> ${d} ${f} ${fields.join(' ')}`.trimEnd());

const stateName = oneOfConst('ESTABLISHED', 'LISTEN', 'SYN_SENT', 'SYN-RECEIVED', 'SYN_RCVD', 'TIME_WAIT', 'TIME-WAIT', 'CLOSED', 'FIN_WAIT_2', 'closed', 'MELTED');
const expectStmt = fc.oneof(
  fc.tuple(endpointName, stateName).map(([n, s]) => `expect ${n} ${s}`),
  fc.tuple(endpointName, oneOfConst('syn', 'accept', 'other'), smallNumber).map(([n, q, k]) => `expect ${n} queue ${q} ${k}`),
  fc.tuple(endpointName, oneOfConst('ECONNREFUSED', 'ETIMEDOUT', 'ECONNRESET', 'EPIPE', 'ENOTCONN', 'none', 'EWHAT')).map(([n, e]) => `expect ${n} error ${e}`),
  duration.map((d) => `expect nothing for ${d}`),
  fc.tuple(endpointName, stringLit).map(([n, s]) => `expect ${n} recv ${s}`),
  fc.tuple(endpointName, stringLit).map(([n, s]) => `expect ${n} tls recv ${s}`),
  fc.tuple(endpointName, oneOfConst('ESTABLISHED', 'CLOSED', 'HANDSHAKE')).map(([n, s]) => `expect ${n} tls ${s}`),
  oneOfConst('expect', 'expect nothing', 'expect nothing LISTEN', 'expect client'),
);

const event = fc.oneof(
  pattern.map((p) => `drop next ${p}`),
  pattern.map((p) => `drop ${p}`),
  pattern.map((p) => `heal ${p}`),
  fc.tuple(patternEnd, patternEnd, icmpKind).map(([a, b, k]) => `unreachable ${a} -> ${b} ${k}`.trimEnd()),
  pattern.map((p) => `ignore ${p}`),
  pattern.map((p) => `duplicate next ${p}`),
  pattern.map((p) => `duplicate ${p}`),
  fc.tuple(fc.nat(5), pattern).map(([k, p]) => `reorder next ${k} ${p}`),
  fc.tuple(endpointName, endpointName, oneOfConst('delay 20ms', 'loss 10%', 'loss 100%', 'loss 150%', 'delay -1s', 'delay 1e9s', 'delay')).map(([a, b, x]) => `link ${a} ${b} ${x}`),
  fc.tuple(endpointName, endpointName, oneOfConst('loss 10%', 'loss 0%', 'delay 5ms')).map(([a, b, x]) => `link ${a} -> ${b} ${x}`),
  duration.map((d) => `wait ${d}`),
);

const header = fc.oneof(
  stringLit.map((s) => `flow ${s}`),
  oneOfConst('profile linux', 'profile rfc9293', 'profile windows', 'profile', 'PROFILE LINUX'),
  smallNumber.map((n) => `seed ${n}`),
  fc.tuple(endpointName, address, oneOfConst('', 'stack', 'scripted', 'raw', 'RAW', 'weird')).map(([n, a, k]) => `endpoint ${n} ${a} ${k}`.trimEnd()),
);

const setStmt = fc.tuple(fc.oneof(endpointName, fc.constant('*')), settingKey, settingValue).map(([n, k, v]) => `set ${n} ${k} ${v}`.trimEnd());

const simpleStatement: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: packetLine },
  { weight: 1, arbitrary: tlsPacketLine },
  { weight: 1, arbitrary: icmpLine },
  { weight: 2, arbitrary: call },
  { weight: 1, arbitrary: tlsCall },
  { weight: 2, arbitrary: event },
  { weight: 2, arbitrary: expectStmt },
  { weight: 1, arbitrary: header },
  { weight: 1, arbitrary: setStmt },
);

const repeatCount = fc.oneof(fc.nat(20).map(String), oneOfConst('0', '100000', '1000000000', '99999999999999999999', '-3', 'x'));
const repeatStmt = fc.tuple(repeatCount, fc.oneof(simpleStatement, oneOfConst('repeat 2 wait 1s', ''))).map(([k, s]) => `repeat ${k} ${s}`.trimEnd());

const comment = oneOfConst('', '', '', ' # a comment', '#', ' # ünïcödé #', '\t# tab');

/** One line of a script: any statement form, with an optional comment; sometimes just a comment or blank. */
export const scriptLine: fc.Arbitrary<string> = fc.oneof(
  { weight: 20, arbitrary: fc.tuple(fc.oneof({ weight: 10, arbitrary: simpleStatement }, { weight: 1, arbitrary: repeatStmt }), comment).map(([s, c]) => s + c) },
  { weight: 1, arbitrary: oneOfConst('', '# just a comment', '   ', '\t') },
);

const plausibleHeader = fc
  .tuple(fc.nat(1000), oneOfConst('linux', 'rfc9293'), oneOfConst('stack', 'scripted', 'raw', ''), oneOfConst('stack', 'scripted', ''), fc.boolean())
  .map(([seed, profile, k1, k2, attacker]) =>
    [
      `flow "fuzz"`,
      `profile ${profile}`,
      `seed ${seed}`,
      `endpoint client 10.0.0.1:49152 ${k1}`.trimEnd(),
      `endpoint server 10.0.0.2:80 ${k2}`.trimEnd(),
      ...(attacker ? ['endpoint attacker 198.51.100.7:6000 raw'] : []),
    ].join('\n'),
  );

/** A whole script: usually a plausible header (so the body runs against real endpoints) and 0–25 random lines. */
export const grammarScript: fc.Arbitrary<string> = fc
  .tuple(fc.oneof({ weight: 4, arbitrary: plausibleHeader }, { weight: 1, arbitrary: fc.constant('') }), fc.array(scriptLine, { maxLength: 25 }), oneOfConst('\n', '\r\n', '\r'))
  .map(([h, lines, eol]) => [h, ...lines].join(eol));

// ---------------------------------------------------------------------------------------------
// Mutations of the real examples

let examplesCache: readonly string[] | undefined;

/** The text of every script in examples/. */
export function exampleScripts(): readonly string[] {
  if (!examplesCache) {
    const dir = path.join(repoRoot, 'examples');
    examplesCache = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.tcpflow'))
      .sort()
      .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
  }
  return examplesCache;
}

const garbageToken = fc.oneof(
  oneOfConst('->', '<', '>', '"', '\\', '#', '@', '+', '=', ',', '[', ']', '*', ':', '\u0000', '\u0007', '\u001b[31m', '\u202e', '\ufeff', '\ud800', '\udfff', '🙂', '日本語', '\t', '\u00a0', '\u2028', '\u0085'),
  hugeNumber,
  flagWord,
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
);

type Mutation = (lines: string[]) => string[];

const lineIndex = (lines: readonly string[], r: number): number => (lines.length === 0 ? 0 : r % lines.length);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((r): Mutation => (ls) => ls.filter((_, i) => i !== lineIndex(ls, r))),
  fc.nat().map((r): Mutation => (ls) => {
    const i = lineIndex(ls, r);
    return [...ls.slice(0, i + 1), ...ls.slice(i)];
  }),
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]): Mutation => (ls) => {
    const out = [...ls];
    const i = lineIndex(ls, a);
    const j = lineIndex(ls, b);
    [out[i], out[j]] = [out[j] ?? '', out[i] ?? ''];
    return out;
  }),
  fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 0, max: 0xffff })).map(([a, b, code]): Mutation => (ls) => {
    const i = lineIndex(ls, a);
    const line = ls[i] ?? '';
    const at = line.length === 0 ? 0 : b % line.length;
    return ls.map((l, k) => (k === i ? line.slice(0, at) + String.fromCharCode(code) + line.slice(at + 1) : l));
  }),
  fc.tuple(fc.nat(), fc.nat(), garbageToken).map(([a, b, g]): Mutation => (ls) => {
    const i = lineIndex(ls, a);
    const line = ls[i] ?? '';
    const at = b % (line.length + 1);
    return ls.map((l, k) => (k === i ? `${line.slice(0, at)}${g}${line.slice(at)}` : l));
  }),
  fc.nat().map((r): Mutation => (ls) => {
    const i = lineIndex(ls, r);
    const line = ls[i] ?? '';
    return [...ls.slice(0, i), line.slice(0, r % (line.length + 1))];
  }),
  fc.tuple(fc.nat(), hugeNumber).map(([r, n]): Mutation => (ls) => {
    const i = lineIndex(ls, r);
    return ls.map((l, k) => (k === i ? l.replace(/\d+/g, n) : l));
  }),
  fc.tuple(fc.nat(), fc.integer({ min: 1000, max: 60000 })).map(([r, n]): Mutation => (ls) => {
    const i = lineIndex(ls, r);
    return ls.map((l, k) => (k === i ? `${l} ${'x'.repeat(n)}` : l));
  }),
  fc.tuple(fc.nat(), scriptLine).map(([r, s]): Mutation => (ls) => {
    const i = lineIndex(ls, r);
    return [...ls.slice(0, i), s, ...ls.slice(i)];
  }),
  fc.nat().map((r): Mutation => (ls) => {
    const i = lineIndex(ls, r);
    const line = ls[i] ?? '';
    return ls.map((l, k) => (k === i ? line.toUpperCase() : l));
  }),
);

/** A real example with 1–6 mutations applied, line breaks possibly changed. */
export const mutatedExample: fc.Arbitrary<string> = fc
  .tuple(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 6 }), oneOfConst('\n', '\r\n', '\r', '\n'))
  .map(([r, ms, eol]) => {
    const examples = exampleScripts();
    const source = examples[r % examples.length] ?? '';
    const lines = ms.reduce((ls, m) => m(ls), source.split(/\r\n|\r|\n/));
    return lines.join(eol);
  });

/** Any text at all: unicode, control characters, lone surrogates. */
export const arbitraryText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.array(fc.oneof(garbageToken, scriptLine), { maxLength: 20 }).map((ts) => ts.join(' ')),
);

/** Every kind of script input, for the parser and the runner. */
export const anyScript: fc.Arbitrary<string> = fc.oneof({ weight: 4, arbitrary: grammarScript }, { weight: 4, arbitrary: mutatedExample }, { weight: 1, arbitrary: arbitraryText });
