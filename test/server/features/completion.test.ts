import * as assert from 'node:assert';
import { completion } from '../../../src/server/features/completion';
import { HANDSHAKE, HEADER, cursor, runDoc } from './fixture';

function labels(fixture: string, language: 'en' | 'zh' = 'en'): string[] {
  const { source, position } = cursor(fixture);
  return completion(runDoc(source, language), position).map((i) => i.label);
}

describe('server features: completion', () => {
  it('offers statement keywords, endpoint names and snippets at the start of a line', () => {
    const got = labels(`${HEADER}<|>\n`);
    for (const w of ['endpoint', 'set', 'expect', 'wait', 'ignore', 'client', 'server', 'three-way handshake', 'four-way close', 'packet line']) assert.ok(got.includes(w), w);
    assert.ok(!got.includes('SYN'));
  });

  it('names the snippets in Chinese for a Chinese client', () => {
    assert.ok(labels(`${HEADER}<|>\n`, 'zh').includes('三次握手'));
  });

  it('offers endpoint names after ->, after connect and after expect', () => {
    assert.deepStrictEqual(labels(`${HEADER}client -> <|>\n`), ['client', 'server']);
    assert.deepStrictEqual(labels(`${HEADER}client connect <|>\n`), ['client', 'server']);
    assert.ok(labels(`${HEADER}expect se<|>\n`).includes('server'));
  });

  it('offers flags after SRC -> DST, and after a comma', () => {
    const got = labels(`${HEADER}client -> server <|>\n`);
    assert.deepStrictEqual(got.filter((l) => l !== 'TLS'), ['SYN', 'ACK', 'FIN', 'RST', 'PSH', 'URG', 'ECE', 'CWR']);
    assert.ok(labels(`${HEADER}client -> server SYN,<|>\n`).includes('ACK'));
  });

  it('offers field names after the flags', () => {
    const got = labels(`${HEADER}client -> server SYN,ACK <|>\n`);
    for (const f of ['seq=', 'ack=', 'win=', 'len=']) assert.ok(got.includes(f), f);
  });

  it('offers the symbols bound above after seq= and ack=, with their values', () => {
    const src = HANDSHAKE.replace('client -> server ACK seq=x+1 ack=y+1', 'client -> server ACK seq=x+1 ack=<|>');
    const { source, position } = cursor(src);
    const doc = runDoc(source);
    const items = completion(doc, position);
    assert.deepStrictEqual(items.map((i) => i.label), ['x', 'y']);
    assert.strictEqual(items[0]?.detail, `x = ${doc.run?.symbols['x']}`);
  });

  it('offers state names after expect NAME', () => {
    const got = labels(`${HEADER}expect client <|>\n`);
    for (const s of ['LISTEN', 'SYN_RCVD', 'TIME_WAIT', 'LAST_ACK']) assert.ok(got.includes(s), s);
  });

  it('offers setting keys with their valid range after set NAME', () => {
    const { source, position } = cursor(`${HEADER}set client <|>\n`);
    const items = completion(runDoc(source), position);
    const synRetries = items.find((i) => i.label === 'tcp_syn_retries');
    assert.strictEqual(synRetries?.detail, '1–127');
    assert.ok(items.some((i) => i.label === 'tcp_tw_reuse'));
  });

  it('offers read|write|both after shutdown, socket calls after an endpoint, profiles after profile', () => {
    assert.deepStrictEqual(labels(`${HEADER}client shutdown <|>\n`), ['read', 'write', 'both']);
    assert.ok(labels(`${HEADER}client <|>\n`).includes('connect'));
    assert.deepStrictEqual(labels('profile <|>\n'), ['linux', 'rfc9293']);
  });

  it('offers TLS message names after TLS', () => {
    const got = labels(`${HEADER}client -> server TLS <|>\n`);
    assert.ok(got.includes('ClientHello') && got.includes('Finished'));
  });
});
