// Packet lines: endpoints, flags in every spelling, fields with exact ranges, options, time
// prefixes, spoofed sources and TLS packet lines.
import * as assert from 'node:assert/strict';
import type { PacketStmt } from '../../src/language/ast';
import { as, parseOne, rangeOf } from './helpers';

function packet(source: string): PacketStmt {
  return as(parseOne(source), 'packet');
}

describe('packet lines', () => {
  it('gives each field the exact range it was written at', () => {
    const src = 'server -> client ACK seq=y+1 ack=x+2 win=65535 len=0';
    const p = packet(src);
    assert.deepEqual(p.src, { kind: 'name', name: 'server', range: rangeOf(src, 'server') });
    assert.deepEqual(p.dst, { kind: 'name', name: 'client', range: rangeOf(src, 'client') });
    assert.deepEqual(p.flags, { flags: ['ACK'], range: rangeOf(src, 'ACK') });
    assert.deepEqual(p.fieldRanges, {
      seq: rangeOf(src, 'seq=y+1'),
      ack: rangeOf(src, 'ack=x+2'),
      win: rangeOf(src, 'win=65535'),
      len: rangeOf(src, 'len=0'),
    });
    assert.deepEqual(p.fields.ack, { kind: 'symbol', name: 'x', offset: 2, nameRange: rangeOf(src, 'x'), range: rangeOf(src, 'x+2') });
    assert.deepEqual(p.fields.win, { value: 65535, range: rangeOf(src, '65535') });
    assert.deepEqual(p.range, rangeOf(src, src));
  });

  it('reads seq/ack as numbers, hex, symbols and symbol±offset', () => {
    const p = packet('a -> b ACK seq=1000 ack=0x10');
    assert.equal(p.fields.seq?.kind === 'number' && p.fields.seq.value, 1000);
    assert.equal(p.fields.ack?.kind === 'number' && p.fields.ack.value, 16);
    const q = packet('a -> b ACK seq=isn_c-3 ack=y+101');
    assert.deepEqual(q.fields.seq?.kind === 'symbol' && [q.fields.seq.name, q.fields.seq.offset], ['isn_c', -3]);
    assert.deepEqual(q.fields.ack?.kind === 'symbol' && [q.fields.ack.name, q.fields.ack.offset], ['y', 101]);
  });

  it('keeps a statement range free of a trailing comment and spaces', () => {
    const src = '  client -> server SYN seq=x   # the first SYN';
    const p = packet(src);
    assert.deepEqual(p.range, rangeOf(src, 'client -> server SYN seq=x'));
  });

  describe('flags', () => {
    const spellings: readonly [string, readonly string[]][] = [
      ['SYN', ['SYN']],
      ['syn', ['SYN']],
      ['SYN,ACK', ['SYN', 'ACK']],
      ['SYN ACK', ['SYN', 'ACK']],
      ['SYN+ACK', ['SYN', 'ACK']],
      ['SYN, ACK', ['SYN', 'ACK']],
      ['syn-ack', ['SYN', 'ACK']],
      ['Fin,Ack', ['FIN', 'ACK']],
      ['PSH+ACK,URG ECE CWR', ['PSH', 'ACK', 'URG', 'ECE', 'CWR']],
      ['RST RST', ['RST']],
      ['[S]', ['SYN']],
      ['[S.]', ['SYN', 'ACK']],
      ['[F.]', ['FIN', 'ACK']],
      ['[R.]', ['RST', 'ACK']],
      ['[P.]', ['PSH', 'ACK']],
      ['[.]', ['ACK']],
      ['[s.]', ['SYN', 'ACK']],
      ['[SEW]', ['SYN', 'ECE', 'CWR']],
    ];
    for (const [written, flags] of spellings) {
      it(`reads '${written}'`, () => {
        const src = `a -> b ${written} seq=1`;
        const p = packet(src);
        assert.deepEqual(p.flags.flags, flags);
        assert.deepEqual(p.flags.range, rangeOf(src, written));
      });
    }

    it('does not take the ack= field for the ACK flag', () => {
      const p = packet('a -> b SYN ack=5');
      assert.deepEqual(p.flags.flags, ['SYN']);
      assert.equal(p.fields.ack?.kind === 'number' && p.fields.ack.value, 5);
    });
  });

  it('reads data strings with escapes as bytes', () => {
    const src = 'server -> client PSH,ACK data "HTTP/1.1 200 OK\\r\\n\\x00\\"é"';
    const p = packet(src);
    assert.deepEqual([...(p.fields.data?.bytes ?? [])], [...Buffer.from('HTTP/1.1 200 OK\r\n\x00"'), 0xc3, 0xa9]);
    assert.equal(p.fields.data?.text, 'HTTP/1.1 200 OK\r\n\x00"é');
    assert.deepEqual(p.fieldRanges.data, rangeOf(src, src.slice(src.indexOf('data'))));
  });

  it('reads TCP options in Linux order, with exact ranges', () => {
    const src = 'client -> server SYN seq=x <mss 1460, sackOK, ts val=12345 ecr=0, nop, wscale 7>';
    const p = packet(src);
    assert.deepEqual(p.fieldRanges.options, rangeOf(src, '<mss 1460, sackOK, ts val=12345 ecr=0, nop, wscale 7>'));
    assert.deepEqual(p.fields.options?.items, [
      { kind: 'mss', value: 1460, range: rangeOf(src, 'mss 1460') },
      { kind: 'sackOK', range: rangeOf(src, 'sackOK') },
      { kind: 'ts', val: 12345, ecr: 0, range: rangeOf(src, 'ts val=12345 ecr=0') },
      { kind: 'nop', range: rangeOf(src, 'nop') },
      { kind: 'wscale', value: 7, range: rangeOf(src, 'wscale 7') },
    ]);
  });

  it("reads tcpdump's option spelling, SACK blocks, eol and empty options", () => {
    const p = packet('a -> b ACK <nop,nop,TS val 100 ecr 200,sack x+1:x+101 y:y+2,eol>');
    const items = p.fields.options?.items ?? [];
    assert.deepEqual(items.map((o) => o.kind), ['nop', 'nop', 'ts', 'sack', 'eol']);
    const ts = items[2];
    assert.deepEqual(ts?.kind === 'ts' && [ts.val, ts.ecr], [100, 200]);
    const sack = items[3];
    assert.deepEqual(
      sack?.kind === 'sack' && sack.blocks.map((b) => [b.left, b.right].map((e) => (e.kind === 'symbol' ? `${e.name}${e.offset}` : e.value))),
      [['x1', 'x101'], ['y0', 'y2']],
    );
    assert.deepEqual(packet('a -> b ACK <>').fields.options?.items, []);
    const bare = packet('a -> b ACK <ts>').fields.options?.items[0];
    assert.deepEqual(bare?.kind === 'ts' && [bare.val, bare.ecr], [null, null]);
  });

  it('reads absolute and relative time prefixes', () => {
    const abs = packet('@1.5 client -> server SYN');
    assert.deepEqual(abs.time, { kind: 'absolute', seconds: 1.5, range: rangeOf('@1.5 client -> server SYN', '@1.5') });
    assert.equal(packet('@0  client -> server SYN').time?.seconds, 0);
    assert.equal(packet('@63 client -> server SYN').time?.seconds, 63);
    const rel = packet('+200ms client -> server SYN');
    assert.equal(rel.time?.kind, 'relative');
    assert.ok(Math.abs((rel.time?.seconds ?? 0) - 0.2) < 1e-12);
    assert.deepEqual(rel.range, rangeOf('+200ms client -> server SYN', '+200ms client -> server SYN'));
  });

  it('reads a spoofed source with * parts', () => {
    const src = 'attacker -> server SYN from 198.51.100.*:*';
    const p = packet(src);
    assert.deepEqual(p.from, { ip: '198.51.100.*', port: '*', range: rangeOf(src, 'from 198.51.100.*:*') });
    assert.deepEqual(packet('attacker -> server RST from 10.0.0.9:4000').from?.port, 4000);
  });

  it('accepts endpoint names with hyphens and no spaces around ->', () => {
    const p = packet('web-1->db-2 SYN');
    assert.equal(p.src.kind === 'name' && p.src.name, 'web-1');
    assert.equal(p.dst.kind === 'name' && p.dst.name, 'db-2');
  });

  it('a keyword used as an endpoint name still makes a packet line', () => {
    const p = packet('drop -> server SYN');
    assert.equal(p.src.kind === 'name' && p.src.name, 'drop');
  });
});

describe('TLS packet lines', () => {
  it('lists the messages in order, with their ranges', () => {
    const src = 'server -> client TLS ServerHello, Certificate, ServerHelloDone';
    const t = as(parseOne(src), 'tlsPacket');
    assert.deepEqual(
      t.messages.map((m) => [m.name, m.range]),
      [
        ['ServerHello', rangeOf(src, 'ServerHello')],
        ['Certificate', rangeOf(src, 'Certificate')],
        ['ServerHelloDone', rangeOf(src, 'ServerHelloDone')],
      ],
    );
  });

  it('reads key=value fields on a message', () => {
    const src = 'server -> client tls ServerHello version=1.3 suite=TLS_AES_128_GCM_SHA256, Finished verify_data=00*12';
    const t = as(parseOne(src), 'tlsPacket');
    const [hello, finished] = t.messages;
    assert.deepEqual(hello?.fields.map((f) => [f.key, f.value]), [['version', '1.3'], ['suite', 'TLS_AES_128_GCM_SHA256']]);
    assert.deepEqual(hello?.fields[1]?.valueRange, rangeOf(src, 'TLS_AES_128_GCM_SHA256'));
    assert.deepEqual(hello?.range, rangeOf(src, 'ServerHello version=1.3 suite=TLS_AES_128_GCM_SHA256'));
    assert.deepEqual(finished?.fields[0], {
      key: 'verify_data', keyRange: rangeOf(src, 'verify_data'), value: '00*12', valueRange: rangeOf(src, '00*12'), range: rangeOf(src, 'verify_data=00*12'),
    });
  });

  it('writes message names in their canonical spelling', () => {
    const t = as(parseOne('client -> server TLS clienthello'), 'tlsPacket');
    assert.equal(t.messages[0]?.name, 'ClientHello');
  });
});
