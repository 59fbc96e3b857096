import * as assert from 'node:assert';
import { SETTING_SPECS } from '../../../src/engine/tcp/profile';
import { hoverEntry } from '../../../src/language/hover/lookup';
import { hover } from '../../../src/server/features/hover';
import { HANDSHAKE, HEADER, cursor, runDoc } from './fixture';

function hoverText(fixture: string, language: 'en' | 'zh' = 'en'): string {
  const { source, position } = cursor(fixture);
  const h = hover(runDoc(source, language), position);
  if (h === null) return '';
  const c = h.contents;
  return typeof c === 'object' && 'value' in c ? c.value : JSON.stringify(c);
}

describe('server features: hover', () => {
  it('explains a flag: why a SYN consumes a sequence number, citing RFC 9293 §3.4', () => {
    const text = hoverText(HANDSHAKE.replace('client -> server SYN seq=x', 'client -> server S<|>YN seq=x'));
    assert.match(text, /consumes one sequence number/);
    assert.match(text, /\[RFC 9293 §3\.4\]\(https:\/\/www\.rfc-editor\.org\/rfc\/rfc9293#section-3\.4\)/);
  });

  it('explains ICMP kinds with the RFC 9293 vs Linux difference and their sources (en, zh)', () => {
    const host = hoverText(`${HANDSHAKE}server -> client ICMP unreachable ho<|>st\n`);
    assert.match(host, /MUST NOT abort \(MUST-56\)/);
    assert.match(host, /Linux: aborts a connection in SYN_SENT\/SYN_RECV at once with EHOSTUNREACH/);
    assert.match(host, /tcp_v4_err/);
    assert.match(host, /rfc9293#section-3\.9\.2\.2/);
    assert.match(hoverText(`${HANDSHAKE}server -> client ICMP unreachable po<|>rt\n`, 'zh'), /硬错误/);
    assert.match(hoverText(`${HANDSHAKE}server -> client IC<|>MP unreachable port\n`), /quotes its IP header/);
    assert.match(hoverText(`${HANDSHAKE}unreach<|>able client -> server host\n`), /until `heal A -> B`/);
    assert.match(hoverText(`${HANDSHAKE}unreachable client -> server frag-ne<|>eded\n`), /path-MTU discovery/);
  });

  it('explains a flag in Chinese for a Chinese client', () => {
    const text = hoverText(HANDSHAKE.replace('client -> server SYN seq=x', 'client -> server SYN<|> seq=x'), 'zh');
    assert.match(text, /占用一个序列号/);
  });

  it('explains a state: who enters TIME_WAIT and why it lasts 2·MSL', () => {
    const text = hoverText(`${HANDSHAKE}expect client TIME_<|>WAIT\n`);
    assert.match(text, /only the active closer/);
    assert.match(text, /2·MSL/);
    assert.match(text, /rfc9293#section-3\.6\.1/);
  });

  it('tells the passive closer is in LAST_ACK after its FIN (a common mistake)', () => {
    const text = hoverText(`${HANDSHAKE}expect server LAST_A<|>CK\n`);
    assert.match(text, /not CLOSE_WAIT/);
  });

  it('gives a setting its defaults in both profiles, its valid range and the misconception (en)', () => {
    const text = hoverText(`${HEADER}set client tcp_fin_<|>timeout 30s\n`);
    assert.match(text, /orphaned FIN_WAIT_2/);
    assert.match(text, /Default: `60s` \(linux\) · `0s` \(rfc9293\)/);
    assert.match(text, /Valid: 0s–3600s/);
    assert.match(text, /does not.*TIME_WAIT is fixed at 60 s/);
  });

  it('gives a setting in Chinese (zh)', () => {
    const text = hoverText(`${HEADER}set client tcp_tw_re<|>use 1\n`, 'zh');
    assert.match(text, /只影响发起连接的一方/);
    assert.match(text, /默认值：`2`（linux）· `0`（rfc9293）/);
    assert.match(text, /取值范围：0–2/);
  });

  it('covers the keep-alive and accept-queue settings with both profiles\' defaults (en, zh)', () => {
    const time = hoverText(`${HEADER}set client tcp_keepalive_<|>time 60s\n`);
    assert.match(time, /Default: `7200s` \(linux\) · `7200s` \(rfc9293\)/);
    assert.match(time, /Valid: 1s–32767s/);
    assert.match(hoverText(`${HEADER}set client keepal<|>ive 1\n`), /off by default/i);
    assert.match(hoverText(`${HEADER}set client tcp_keepalive_pro<|>bes 3\n`, 'zh'), /默认值：`9`（linux）· `9`（rfc9293）/);
    assert.match(hoverText(`${HEADER}set server somax<|>conn 1\n`), /Default: `4096` \(linux\) · `4096` \(rfc9293\)/);
    assert.match(hoverText(`${HEADER}set server tcp_abort_on_<|>overflow 1\n`, 'zh'), /RST 应答/);
  });

  it('has a hover for every key `set` accepts', () => {
    for (const key of Object.keys(SETTING_SPECS)) assert.ok(hoverEntry('setting', key), `no hover for ${key}`);
  });

  it("shows a symbol's bound value in the latest run and whose ISN it is", () => {
    const doc = runDoc(HANDSHAKE);
    const x = doc.run?.symbols['x'];
    assert.ok(typeof x === 'number');
    const text = hoverText(HANDSHAKE.replace('ack=x+1\n', 'ack=<|>x+1\n'));
    assert.ok(text.includes(`x = ${x}\` (client's ISN)`), text);
    assert.ok(text.includes(`x+1 = ${(x + 1) >>> 0}`), text);
  });

  it("shows an endpoint's address, kind and final state", () => {
    const text = hoverText(HANDSHAKE.replace('expect server ESTABLISHED', 'expect ser<|>ver ESTABLISHED'));
    assert.match(text, /10\.0\.0\.2:80/);
    assert.match(text, /stack/);
    assert.match(text, /ESTABLISHED/);
  });

  it("shows a diagnostic's explanation on its range", () => {
    const text = hoverText(HANDSHAKE.replace('server -> client SYN,ACK seq=y ack=x+1', 'server -> client SYN,ACK seq=y ack=x+<|>2'));
    assert.match(text, /TCP-SYN-CONSUMES-SEQ/);
    assert.match(text, /rfc-editor\.org\/rfc\/rfc9293#section-3\.4/);
  });

  it('explains socket calls with what goes on the wire and the errno', () => {
    const text = hoverText(HANDSHAKE.replace('client connect server', 'client con<|>nect server'));
    assert.match(text, /sends a SYN/);
    assert.match(text, /ECONNREFUSED/);
  });

  it('explains fields, options, keywords and profiles', () => {
    assert.match(hoverText(HANDSHAKE.replace('ack=x+1\n', 'a<|>ck=x+1\n')), /next sequence number the sender expects/);
    assert.match(hoverText(`${HEADER}server listen\nclient connect server\nclient -> server SYN seq=x <mss 1460, wsc<|>ale 10>\n`), /shifted left/);
    assert.match(hoverText(HANDSHAKE.replace('seed 1', 'se<|>ed 1')), /randomness/);
    assert.match(hoverText(`profile rfc<|>9293\n${HEADER}`), /textbook stack/);
  });

  it('says nothing on blank space', () => {
    assert.strictEqual(hoverText(`${HEADER}\n<|>\n`), '');
  });
});
