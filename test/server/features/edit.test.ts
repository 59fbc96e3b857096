// Formatting, go to definition, rename.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as assert from 'node:assert';
import { formatting } from '../../../src/server/features/formatting';
import { definition, rename } from '../../../src/server/features/navigation';
import { parse } from '../../../src/language/parser';
import { runScript } from '../../../src/runner/index';
import type { Script } from '../../../src/language/ast';
import { HANDSHAKE, HEADER, URI, applyEdits, cursor, runDoc } from './fixture';

const RAGGED = `${HEADER}
server listen
client connect server
@0 client ->   server SYN seq=x   # the client's ISN
server -> client  SYN,ACK seq=y ack=x+1
+10ms client->server ACK seq=x+1 ack=y+1
expect server ESTABLISHED
`;

/** A packet as it went on the wire, and the line that expected it (labels are the source text, spaces included). */
const wire = (p: { time: number; seq: number; ack: number; flags: readonly string[]; line: number; label: string }): unknown => [p.time, p.seq, p.ack, p.flags, p.line, p.label.replace(/\s+/g, ' ')];

const format = (source: string): string => applyEdits(source, formatting(runDoc(source)));

/** A script's meaning: its statements without positions. */
function meaning(script: Script): string {
  return JSON.stringify(script.statements, (key, value: unknown) => (key === 'range' || key.endsWith('Range') || key === 'fieldRanges' ? undefined : value));
}

describe('server features: formatting', () => {
  it('aligns packet lines in columns: time, src, ->, dst, flags, fields', () => {
    const formatted = format(RAGGED);
    assert.ok(formatted.includes([
      '@0    client -> server SYN     seq=x  # the client\'s ISN',
      '      server -> client SYN,ACK seq=y ack=x+1',
      '+10ms client -> server ACK     seq=x+1 ack=y+1',
    ].join('\n')), formatted);
  });

  it('is idempotent and keeps the meaning: same parse, same run', () => {
    const once = format(RAGGED);
    assert.strictEqual(format(once), once);
    assert.strictEqual(meaning(parse(once)), meaning(parse(RAGGED)));
    const [a, b] = [runScript(RAGGED), runScript(once)];
    assert.deepStrictEqual(b.packets.map(wire), a.packets.map(wire));
    assert.deepStrictEqual(b.diagnostics.map((d) => d.id), a.diagnostics.map((d) => d.id));
  });

  it('changes nothing in an already aligned script without times', () => {
    const aligned = `${HEADER}server listen\nclient connect server\nclient -> server SYN     seq=x\nserver -> client SYN,ACK seq=y ack=x+1\n`;
    assert.deepStrictEqual(formatting(runDoc(aligned)), []);
  });
});

describe('server features: definition and rename', () => {
  it('goes from an endpoint to its endpoint line, and from a symbol to its first occurrence', () => {
    const { source, position } = cursor(HANDSHAKE.replace('expect server ESTABLISHED', 'expect ser<|>ver ESTABLISHED'));
    assert.deepStrictEqual(definition(runDoc(source), position)?.range, { start: { line: 3, character: 9 }, end: { line: 3, character: 15 } });
    const sym = cursor(HANDSHAKE.replace('ack=y+1', 'ack=<|>y+1'));
    const lines = HANDSHAKE.split('\n');
    const binding = lines.indexOf('server -> client SYN,ACK seq=y ack=x+1');
    assert.deepStrictEqual(definition(runDoc(sym.source), sym.position)?.range, { start: { line: binding, character: 29 }, end: { line: binding, character: 30 } });
  });

  it('renames an endpoint everywhere and nothing else', () => {
    const { source, position } = cursor(HANDSHAKE.replace('client connect server', 'client connect ser<|>ver'));
    const edit = rename(runDoc(source), position, 'web');
    const renamed = applyEdits(source, edit?.changes?.[URI] ?? []);
    assert.strictEqual(renamed, source.replace(/server/g, 'web'));
    assert.deepStrictEqual(runScript(renamed).diagnostics, []);
  });

  it('renames a symbol everywhere and nothing else (not an endpoint of the same name)', () => {
    const source = `${HEADER.replace('endpoint server', 'endpoint x')}\nx listen\nclient connect x\nclient -> x SYN seq=x\nx -> client SYN,ACK seq=y ack=x+1\n`;
    const at = cursor(source.replace('seq=x\n', 'seq=<|>x\n'));
    const renamed = applyEdits(at.source, rename(runDoc(at.source), at.position, 'isn_c')?.changes?.[URI] ?? []);
    assert.ok(renamed.includes('client -> x SYN seq=isn_c\nx -> client SYN,ACK seq=y ack=isn_c+1'), renamed);
    assert.ok(renamed.includes('endpoint x 10.0.0.2:80'), renamed);
  });

  it('refuses a name the language would not read back (a symbol must start lower-case)', () => {
    const at = cursor(HANDSHAKE.replace('seq=x\n', 'seq=<|>x\n'));
    assert.strictEqual(rename(runDoc(at.source), at.position, 'X'), null);
  });
});

describe('server features: formatting the bundled examples', () => {
  const dir = path.join(__dirname, '..', '..', '..', '..', 'examples');
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.tcpflow') && !f.includes('tls'))) {
    it(`keeps ${name} meaning the same and formats it only once`, () => {
      const source = fs.readFileSync(path.join(dir, name), 'utf8');
      const once = format(source);
      assert.strictEqual(format(once), once);
      assert.strictEqual(meaning(parse(once)), meaning(parse(source)));
      assert.deepStrictEqual(runScript(once).packets.map(wire), runScript(source).packets.map(wire));
    });
  }
});
