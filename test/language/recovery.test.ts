// Syntax errors: one per bad line, on the offending token, naming what was expected and what was
// found (English and Simplified Chinese); the other lines still parse; nothing ever throws.
import * as assert from 'node:assert/strict';
import { parse } from '../../src/language/parser';
import { oneError, rangeOf } from './helpers';

describe('syntax errors', () => {
  it('a misspelt flag: one error on it, naming the flags and the closest one', () => {
    const src = 'client -> server SNY seq=x';
    const e = oneError(src);
    assert.deepEqual(e.range, rangeOf(src, 'SNY'));
    assert.equal(e.message, "expected a flag (SYN, ACK, FIN, RST, PSH, URG, ECE, CWR) after the destination, found 'SNY'; did you mean 'SYN'?");
    assert.match(e.messageZh, /标志/);
    assert.match(e.messageZh, /SNY/);
    assert.match(e.messageZh, /SYN/);
  });

  it('a bad line in the middle costs only that line', () => {
    const src = ['endpoint client 10.0.0.1:49152', 'endpoint server 10.0.0.2:80', 'client -> server SNY seq=x', 'server listen', 'client connect server'].join('\n');
    const script = parse(src);
    assert.equal(script.errors.length, 1);
    assert.equal(script.errors[0]?.range.start.line, 2);
    assert.deepEqual(script.statements.map((s) => s.type), ['endpoint', 'endpoint', 'call', 'call']);
    assert.deepEqual(script.statements.map((s) => s.range.start.line), [0, 1, 3, 4]);
  });

  it('several bad lines give one error each', () => {
    const script = parse('sed 7\nclient -> server\nwait 5\nclient close\nexpect client\n');
    assert.deepEqual(script.errors.map((e) => e.range.start.line), [0, 1, 2, 4]);
    assert.deepEqual(script.statements.map((s) => s.type), ['call']);
  });

  it('an unknown first word lists the statements and suggests the closest keyword', () => {
    const e = oneError('sed 7');
    assert.deepEqual(e.range, rangeOf('sed 7', 'sed'));
    assert.match(e.message, /^expected a statement: flow, profile, seed, endpoint, .*found 'sed'; did you mean 'seed'\?$/);
    assert.match(e.messageZh, /是否想写 “seed”/);
    const c = oneError('conect client server');
    assert.match(c.message, /did you mean 'connect'\?/);
    assert.doesNotMatch(oneError('zzzzzz').message, /did you mean/);
    assert.match(oneError('zzzzzz').message, /^expected a statement: .* found 'zzzzzz'$/);
    assert.deepEqual(oneError('frobnicate 3').range, rangeOf('frobnicate 3', 'frobnicate'));
    const other = oneError('client foo');
    assert.deepEqual(other.range, rangeOf('client foo', 'foo'));
    assert.match(other.message, /^expected '->', a socket call .* after the endpoint 'client', found 'foo'$/);
    const call = oneError('connect client server');
    assert.deepEqual(call.range, rangeOf('connect client server', 'connect'));
    assert.equal(call.message, "'connect' is a socket call: write the endpoint first, as in 'client connect'");
  });

  it('a misspelt socket call after an endpoint name points at the call', () => {
    const src = 'client conect server';
    const e = oneError(src);
    assert.deepEqual(e.range, rangeOf(src, 'conect'));
    assert.match(e.message, /socket call .* found 'conect'; did you mean 'connect'\?/);
  });

  it('names the end of the line when a statement stops short', () => {
    const src = 'client -> server';
    const e = oneError(src);
    assert.match(e.message, /found the end of the line$/);
    assert.match(e.messageZh, /行尾/);
    assert.deepEqual(e.range, rangeOf(src, 'server'));
  });

  const cases: readonly [string, string, RegExp][] = [
    ['wait 5', '5', /expected a duration/],
    ['client -> server SYN seq=X', 'X', /lower-case symbol/],
    ['client -> server SYN seq=x+', 'x+', /found 'x\+'/],
    ['client -> server SYN foo=1', 'foo', /expected a field/],
    ['client -> server SYN seq=1 ACK', 'ACK', /flags come right after the destination/],
    ['client -> server SYN seq=1 seq=2', 'seq', /written twice/],
    ['client -> server SYN len=1 data "a"', 'data', /either len=N or data/],
    ['client -> server [X.]', '[X.]', /tcpdump flags/],
    ['client -> server SYN <mss 1460, sackok, wsacle 7>', 'wsacle', /did you mean 'wscale'/],
    ['client -> server SYN <mss 1460', '1460', /',' or '>'/],
    ['client -> server SYN <sack 1>', '>', /':' between the left and right edge/],
    ['* -> server SYN', '*', /only for patterns/],
    ['endpoint client 10.0.0.1', '10.0.0.1', /IP:PORT/],
    ['endpoint client 10.0.0.300:80', '10.0.0.300:80', /0 to 255/],
    ['endpoint client 10.0.0.1:70000', '10.0.0.1:70000', /port 70000 is out of range/],
    ['endpoint client 10.0.0.1:80 scriptd', 'scriptd', /did you mean 'scripted'/],
    ['link client server', 'server', /delay D/],
    ['link client server delay 5ms jitter 1ms', 'jitter', /link property/],
    ['server listen 5', '5', /backlog N/],
    ['client shutdown sideways', 'sideways', /read, write or both/],
    ['client send', 'send', /what to send/],
    ['client tls conect', 'conect', /did you mean 'connect'/],
    ['client tls connect versoin 1.2', 'versoin', /did you mean 'version'/],
    ['client tls connect sni', 'sni', /a value after 'sni'/],
    ['server -> client TLS ServerHelo', 'ServerHelo', /did you mean 'ServerHello'/],
    ['server -> client TLS ServerHello Certificate', 'Certificate', /','/],
    ['expect server queue sin 3', 'sin', /did you mean 'syn'/],
    ['expect client', 'client', /TCP state/],
    ['flow Title', 'Title', /"string"/],
    ['repeat 5', '5', /statement to repeat/],
    ['repeat 5 repeat 2 client close', 'repeat', /cannot repeat another repeat/],
    ['set client', 'client', /setting name/],
    ['set client mss', 'mss', /a value/],
    ['set client mss 1460 "x"', '"x"', /number or size/],
    ['drop client server', 'server', /'->'/],
    ['client -> server SYN from 1.2.3.4', '1.2.3.4', /198\.51\.100\.\*:\*/],
    ['seed 7 8', '8', /the end of the line/],
    ['client send "a\\qb"', '\\q', /unknown escape '\\q'/],
    ['client send "abc', '"abc', /unterminated string/],
    ['client $ server', '$', /unexpected character '\$'/],
    ['flow "x" \u0000', '\u0000', /unexpected character '\\u0000'/],
  ];
  for (const [src, at, message] of cases) {
    it(`${JSON.stringify(src)}: one error on ${JSON.stringify(at)}`, () => {
      const e = oneError(src);
      assert.deepEqual(e.range, rangeOf(src, at, src.indexOf(at) === src.lastIndexOf(at) ? 0 : 1));
      assert.match(e.message, message);
      assert.ok(e.messageZh.length > 0 && /[\u4e00-\u9fff]/.test(e.messageZh), `no Chinese message for ${src}`);
    });
  }

  it('the runner is not second-guessed: unknown names and settings are syntax-valid', () => {
    const script = parse('nobody connect ghost\nset client no_such_key 5\nexpect client NOT_A_STATE\nprofile bsd');
    assert.deepEqual(script.errors, []);
    assert.equal(script.statements.length, 4);
  });
});

describe('the parser never throws', () => {
  /** A small deterministic generator, so a failure reproduces. */
  function lcg(seed: number): () => number {
    let s = seed >>> 0;
    return () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 2 ** 32;
    };
  }

  const pieces = [
    'client', 'server', '->', 'SYN', 'ACK', ',', '+', '[S.]', '[', ']', '.', 'seq=', 'x+1', 'ack=', 'y-', '=', '<', '>', 'mss', '1460',
    'sack', ':', 'ts', 'val', 'from', '198.51.100.*:*', '*', '@', '1.5', '+200ms', '"', '"a\\x', '\\', 'tls', 'TLS', 'ClientHello',
    'expect', 'queue', 'repeat', '5', 'repeat 2', 'set', 'endpoint', '[2001:db8::1]:80', '10.0.0.1:80', 'link', 'delay', 'loss', '5%',
    'drop', 'next', 'heal', 'reorder', 'ignore', 'wait', '1s', 'nothing', 'for', '#', 'data', 'len=', '0x', '0xZZ', '99999999999999999999',
    '\u0000', '\ud800', '😀', '中文', '\t', ' ', '  ', '\r', '\n',
  ];

  it('on random token soup', () => {
    const random = lcg(12345);
    for (let i = 0; i < 3000; i++) {
      const n = Math.floor(random() * 14);
      let line = '';
      for (let j = 0; j < n; j++) line += pieces[Math.floor(random() * pieces.length)] + (random() < 0.6 ? ' ' : '');
      const script = parse(line);
      for (const e of script.errors) assert.doesNotMatch(e.message, /a bug in tcpflow/, `internal error on ${JSON.stringify(line)}: ${e.message}`);
    }
  });

  it('on random binary strings', () => {
    const random = lcg(777);
    for (let i = 0; i < 500; i++) {
      let text = '';
      const n = Math.floor(random() * 200);
      for (let j = 0; j < n; j++) text += String.fromCharCode(Math.floor(random() * 0x10000));
      const script = parse(text);
      for (const e of script.errors) assert.doesNotMatch(e.message, /a bug in tcpflow/);
    }
  });

  it('on degenerate inputs: empty, lone arrow, lone quote, a 1 MB line', () => {
    assert.deepEqual(parse(''), { statements: [], errors: [], comments: [], lineCount: 1 });
    assert.equal(parse('->').errors.length, 1);
    assert.equal(parse('"').errors.length, 1);
    assert.equal(parse('client -> server SYN ' + 'x'.repeat(1 << 20)).errors.length, 1);
    assert.equal(parse('client -> server SYN ' + '"'.repeat(1 << 20)).errors.length, 1);
    assert.equal(parse('a -> b '.repeat(150000)).errors.length, 1);
    assert.equal(parse('repeat 1 '.repeat(20000) + 'client close').errors.length, 1);
  });

  it('keeps going on every line of a long file of garbage', () => {
    const lines = Array.from({ length: 2000 }, (_, i) => (i % 2 === 0 ? 'client -> server SYN seq=x' : `@@ ${'<'.repeat(i % 7)} "`));
    const script = parse(lines.join('\n'));
    assert.equal(script.statements.length, 1000);
    assert.equal(script.errors.length, 1000);
  });
});
