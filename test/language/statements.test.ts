// Every statement form of the language, read into the syntax tree with the ranges the runner
// reports on.
import * as assert from 'node:assert/strict';
import { parse } from '../../src/language/parser';
import { as, parseOne, rangeOf } from './helpers';

describe('header statements', () => {
  it('flow, profile, seed', () => {
    assert.equal(as(parseOne('flow "Three-way handshake"'), 'flow').title.text, 'Three-way handshake');
    const p = as(parseOne('PROFILE rfc9293'), 'profile');
    assert.deepEqual(p.profile, { text: 'rfc9293', range: rangeOf('PROFILE rfc9293', 'rfc9293') });
    assert.equal(as(parseOne('seed 0x2a'), 'seed').seed.value, 42);
  });

  it('endpoint with IPv4, IPv6 and each kind', () => {
    const src = 'endpoint client 10.0.0.1:49152';
    const e = as(parseOne(src), 'endpoint');
    assert.deepEqual(e.name, { text: 'client', range: rangeOf(src, 'client') });
    assert.deepEqual(e.address, { ip: '10.0.0.1', port: 49152, family: 4, range: rangeOf(src, '10.0.0.1:49152') });
    assert.equal(e.kind, 'stack');
    assert.equal(e.kindRange, undefined);
    const v6src = 'endpoint server [2001:db8::2]:443 scripted';
    const v6 = as(parseOne(v6src), 'endpoint');
    assert.deepEqual(v6.address, { ip: '2001:db8::2', port: 443, family: 6, range: rangeOf(v6src, '[2001:db8::2]:443') });
    assert.equal(v6.kind, 'scripted');
    assert.deepEqual(v6.kindRange, rangeOf(v6src, 'scripted'));
    assert.equal(as(parseOne('endpoint attacker 198.51.100.7:6000 RAW'), 'endpoint').kind, 'raw');
    assert.equal(as(parseOne('endpoint s 10.0.0.2:80 stack'), 'endpoint').kind, 'stack');
  });

  it('link in both directions and in one, with delay and loss', () => {
    const both = as(parseOne('link client server delay 20ms'), 'link');
    assert.equal(both.directed, false);
    assert.equal(both.delay?.seconds, 0.02);
    assert.equal(both.loss, undefined);
    const src = 'link client -> server loss 10% delay 1.5s';
    const one = as(parseOne(src), 'link');
    assert.equal(one.directed, true);
    assert.deepEqual([one.a.text, one.b.text], ['client', 'server']);
    assert.deepEqual(one.loss, { percent: 10, range: rangeOf(src, '10%') });
    assert.deepEqual(one.delay, { seconds: 1.5, range: rangeOf(src, '1.5s') });
  });
});

describe('set', () => {
  const value = (line: string) => as(parseOne(line), 'set').value;

  it('reads the endpoint, the key and each kind of value', () => {
    const src = 'set client tcp_syn_retries 6';
    const s = as(parseOne(src), 'set');
    assert.deepEqual(s.endpoint, { kind: 'name', name: 'client', range: rangeOf(src, 'client') });
    assert.deepEqual(s.key, { text: 'tcp_syn_retries', range: rangeOf(src, 'tcp_syn_retries') });
    assert.deepEqual(s.value, { kind: 'number', value: 6, range: rangeOf(src, '6') });
    assert.equal(as(parseOne('set * tolerance 5ms'), 'set').endpoint.kind, 'any');
    assert.deepEqual(value('set a x 0x10'), { kind: 'number', value: 16, range: rangeOf('set a x 0x10', '0x10') });
    assert.equal(value('set a msl 30s').kind, 'duration');
    assert.equal(value('set a x 250us').kind === 'duration' && value('set a x 250us').kind, 'duration');
    const d = value('set a x 2m');
    assert.equal(d.kind === 'duration' && d.seconds, 120);
    const kb = value('set a x 10KB');
    assert.equal(kb.kind === 'size' && kb.bytes, 10240);
    const mb = value('set a x 1MB');
    assert.equal(mb.kind === 'size' && mb.bytes, 1048576);
    const pct = value('set a x 5%');
    assert.equal(pct.kind === 'percent' && pct.percent, 5);
    const name = value('set a linger off');
    assert.equal(name.kind === 'name' && name.text, 'off');
    const str = value('set a x "hi"');
    assert.equal(str.kind === 'string' && str.text, 'hi');
  });

  it('reads number lists such as tcp_rmem', () => {
    const src = 'set server tcp_rmem 4096 131072 6291456';
    assert.deepEqual(value(src), { kind: 'list', items: [4096, 131072, 6291456], range: rangeOf(src, '4096 131072 6291456') });
    const sized = value('set server tcp_rmem 4KB, 128KB, 6MB');
    assert.deepEqual(sized.kind === 'list' && sized.items, [4096, 131072, 6291456]);
  });
});

describe('socket calls', () => {
  it('listen with and without a backlog', () => {
    const plain = as(parseOne('server listen'), 'call');
    assert.equal(plain.call, 'listen');
    const src = 'server LISTEN backlog 5';
    const b = as(parseOne(src), 'call');
    assert.deepEqual(b.endpoint, { text: 'server', range: rangeOf(src, 'server') });
    assert.deepEqual(b.callRange, rangeOf(src, 'LISTEN'));
    assert.deepEqual(b.call === 'listen' && b.backlog, { value: 5, range: rangeOf(src, '5') });
  });

  it('connect to a name or an address', () => {
    const n = as(parseOne('client connect server'), 'call');
    assert.deepEqual(n.call === 'connect' && n.target, { text: 'server', range: rangeOf('client connect server', 'server') });
    const a = as(parseOne('client connect 10.0.0.2:80'), 'call');
    assert.deepEqual(a.call === 'connect' && 'ip' in a.target && [a.target.ip, a.target.port], ['10.0.0.2', 80]);
  });

  it('send a count or a string, recv with and without a count', () => {
    const n = as(parseOne('client send 1000'), 'call');
    assert.deepEqual(n.call === 'send' && 'value' in n.payload && n.payload.value, 1000);
    const s = as(parseOne('client send "GET / HTTP/1.1\\r\\n\\r\\n"'), 'call');
    assert.equal(s.call === 'send' && 'text' in s.payload && s.payload.text, 'GET / HTTP/1.1\r\n\r\n');
    const r = as(parseOne('server recv'), 'call');
    assert.equal(r.call === 'recv' && r.count, undefined);
    const r5 = as(parseOne('server recv 5'), 'call');
    assert.equal(r5.call === 'recv' && r5.count?.value, 5);
  });

  it('shutdown read|write|both, accept, close, abort', () => {
    for (const how of ['read', 'write', 'both'] as const) {
      const src = `client shutdown ${how}`;
      const c = as(parseOne(src), 'call');
      assert.deepEqual(c.call === 'shutdown' && [c.how, c.howRange], [how, rangeOf(src, how)]);
    }
    assert.deepEqual(['server accept', 'client close', 'client abort'].map((l) => as(parseOne(l), 'call').call), ['accept', 'close', 'abort']);
  });
});

describe('TLS calls', () => {
  it('connect with version, suites and sni', () => {
    const src = 'client tls connect version 1.2 suites TLS_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 sni "example.test"';
    const t = as(parseOne(src), 'tlsCall');
    assert.deepEqual(t.endpoint.text, 'client');
    assert.deepEqual(t.verb, { text: 'connect', range: rangeOf(src, 'connect') });
    assert.deepEqual(
      t.args.map((a) => [a.key, a.values.map((v) => v.text)]),
      [['version', ['1.2']], ['suites', ['TLS_RSA_WITH_AES_128_GCM_SHA256', 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256']], ['sni', ['example.test']]],
    );
    assert.deepEqual(t.args[2]?.values[0]?.range, rangeOf(src, '"example.test"'));
    assert.deepEqual(t.args[0]?.keyRange, rangeOf(src, 'version'));
  });

  it('accept with a self-signed cert and an OpenSSL peer', () => {
    const t = as(parseOne('server tls accept cert self-signed "bank.example" peer openssl'), 'tlsCall');
    assert.deepEqual(t.args.map((a) => [a.key, a.values.map((v) => v.text)]), [['cert', ['self-signed', 'bank.example']], ['peer', ['openssl']]]);
  });

  it('send a string and close', () => {
    const s = as(parseOne('client tls send "hello"'), 'tlsCall');
    assert.equal(s.payload?.text, 'hello');
    const c = as(parseOne('client TLS close'), 'tlsCall');
    assert.equal(c.verb.text, 'close');
    assert.deepEqual(c.args, []);
  });
});

describe('network events', () => {
  it('drop next, drop with a pattern, heal', () => {
    const next = as(parseOne('drop next client -> server'), 'drop');
    assert.equal(next.next, true);
    assert.equal(next.pattern.flags, undefined);
    const src = 'drop client -> server ACK len=0';
    const pat = as(parseOne(src), 'drop');
    assert.equal(pat.next, false);
    assert.deepEqual(pat.pattern.flags?.flags, ['ACK']);
    assert.equal(pat.pattern.fields.len?.value, 0);
    assert.deepEqual(pat.pattern.range, rangeOf(src, 'client -> server ACK len=0'));
    const heal = as(parseOne('heal client -> server'), 'heal');
    assert.deepEqual([heal.src.kind, heal.dst.kind], ['name', 'name']);
  });

  it('an endpoint called next is not the keyword next', () => {
    const d = as(parseOne('drop next -> server SYN'), 'drop');
    assert.equal(d.next, false);
    assert.equal(d.pattern.src.kind === 'name' && d.pattern.src.name, 'next');
  });

  it('duplicate next, reorder next N', () => {
    const d = as(parseOne('duplicate next server -> client'), 'duplicate');
    assert.equal(d.pattern.src.kind === 'name' && d.pattern.src.name, 'server');
    const r = as(parseOne('reorder next 2 client -> server'), 'reorder');
    assert.equal(r.count.value, 2);
  });

  it('ignore with * endpoints and flag patterns', () => {
    const all = as(parseOne('ignore * -> * ACK len=0'), 'ignore');
    assert.deepEqual([all.pattern.src.kind, all.pattern.dst.kind], ['any', 'any']);
    const synack = as(parseOne('ignore server -> * SYN,ACK'), 'ignore');
    assert.deepEqual(synack.pattern.flags?.flags, ['SYN', 'ACK']);
  });
});

describe('time and assertions', () => {
  it('wait takes every duration unit', () => {
    const secs = (l: string) => as(parseOne(l), 'wait').duration.seconds;
    assert.equal(secs('wait 250us'), 250e-6);
    assert.equal(secs('wait 40ms'), 0.04);
    assert.equal(secs('wait 1s'), 1);
    assert.equal(secs('wait 1.5s'), 1.5);
    assert.equal(secs('wait 2m'), 120);
  });

  it('expect state, queue, error, nothing, recv, tls state and tls recv', () => {
    const state = as(parseOne('expect client SYN-RECEIVED'), 'expect');
    assert.deepEqual(state.expect === 'state' && [state.endpoint.text, state.state.text], ['client', 'SYN-RECEIVED']);
    const src = 'expect server queue syn 3';
    const q = as(parseOne(src), 'expect');
    assert.deepEqual(q.expect === 'queue' && [q.queue, q.queueRange, q.count.value], ['syn', rangeOf(src, 'syn'), 3]);
    const e = as(parseOne('expect client error ECONNREFUSED'), 'expect');
    assert.equal(e.expect === 'error' && e.errno.text, 'ECONNREFUSED');
    const n = as(parseOne('expect nothing for 10s'), 'expect');
    assert.equal(n.expect === 'nothing' && n.duration.seconds, 10);
    const r = as(parseOne('expect client recv "HTTP/1.1 200"'), 'expect');
    assert.equal(r.expect === 'recv' && r.data.text, 'HTTP/1.1 200');
    const ts = as(parseOne('expect client tls ESTABLISHED'), 'expect');
    assert.equal(ts.expect === 'tlsState' && ts.state.text, 'ESTABLISHED');
    const tr = as(parseOne('expect server tls recv "hello"'), 'expect');
    assert.equal(tr.expect === 'tlsRecv' && tr.data.text, 'hello');
  });

  it('an endpoint called nothing can still be checked', () => {
    const s = as(parseOne('expect nothing ESTABLISHED'), 'expect');
    assert.equal(s.expect === 'state' && s.endpoint.text, 'nothing');
  });

  it('repeat wraps any statement, with its own range', () => {
    const src = 'repeat 200 attacker -> server SYN from 198.51.100.*:*';
    const r = as(parseOne(src), 'repeat');
    assert.equal(r.count.value, 200);
    assert.equal(r.body.type, 'packet');
    assert.deepEqual(r.body.range, rangeOf(src, 'attacker -> server SYN from 198.51.100.*:*'));
    assert.deepEqual(r.range, rangeOf(src, src));
    assert.equal(as(parseOne('repeat 3 client send 10'), 'repeat').body.type, 'call');
  });
});

describe('lexical details', () => {
  it('keywords are case-insensitive, names are not', () => {
    const e = as(parseOne('ENDPOINT Client 10.0.0.1:1 Scripted'), 'endpoint');
    assert.equal(e.name.text, 'Client');
    assert.equal(e.kind, 'scripted');
    assert.equal(as(parseOne('Expect Client LISTEN'), 'expect').type, 'expect');
  });

  it('collects comments, but not # inside strings', () => {
    const source = '# header\nclient send "a # b"   # trailing\n\n';
    const script = parse(source);
    assert.deepEqual(script.errors, []);
    assert.deepEqual(script.comments.map((c) => c.text), [' header', ' trailing']);
    assert.deepEqual(script.comments[1]?.range, rangeOf(source, '# trailing'));
    const call = as(script.statements[0] ?? parseOne('x close'), 'call');
    assert.equal(call.call === 'send' && 'text' in call.payload && call.payload.text, 'a # b');
    assert.equal(script.lineCount, 4);
  });

  it('counts lines across \\r\\n, \\n and lone \\r', () => {
    const script = parse('seed 1\r\nseed 2\rseed 3\n');
    assert.deepEqual(script.statements.map((s) => s.range.start.line), [0, 1, 2]);
    assert.equal(script.lineCount, 4);
  });

  it('decodes every string escape', () => {
    const s = as(parseOne('flow "a\\r\\n\\t\\\\\\"\\x41\\xff"'), 'flow');
    assert.deepEqual([...s.title.bytes], [0x61, 0x0d, 0x0a, 0x09, 0x5c, 0x22, 0x41, 0xff]);
    assert.equal(s.title.text, 'a\r\n\t\\"A\u00ff');
  });
});
