// The contract's example scripts (../shared/spec/examples) all parse, with no syntax error, one
// statement per written line, and the statement type the line's shape says.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from '../../src/language/parser';
import { contractExamples } from '../support/paths';

const files = fs.existsSync(contractExamples) ? fs.readdirSync(contractExamples).filter((f) => f.endsWith('.tcpflow')).sort() : [];

/** The statement type a line should give, from its first words. */
function typeOfLine(line: string): string {
  const words = line.trim().split(/\s+/);
  const [first = '', second = ''] = words;
  if (/^[@+]/.test(first) || second === '->') return words.includes('TLS') ? 'tlsPacket' : 'packet';
  if (['flow', 'profile', 'seed', 'endpoint', 'link', 'set', 'drop', 'heal', 'duplicate', 'reorder', 'ignore', 'wait', 'expect', 'repeat'].includes(first)) return first;
  return second === 'tls' ? 'tlsCall' : 'call';
}

describe('contract examples parse', () => {
  it('finds the contract examples', () => {
    assert.ok(files.length >= 11, `expected the examples in ${contractExamples}`);
  });

  for (const file of files) {
    it(`${file}: no syntax error, one statement per line, of the right type`, () => {
      const source = fs.readFileSync(path.join(contractExamples, file), 'utf8');
      const script = parse(source);
      assert.deepEqual(script.errors, []);
      const lines = source.split('\n');
      const written = lines.map((text, line) => ({ text: text.replace(/#.*/, '').trimEnd(), line })).filter((l) => l.text.trim() !== '');
      assert.equal(script.statements.length, written.length);
      script.statements.forEach((stmt, i) => {
        const l = written[i] as { text: string; line: number };
        assert.equal(stmt.type, typeOfLine(l.text), `line ${l.line + 1}: ${l.text}`);
        assert.deepEqual(stmt.range, {
          start: { line: l.line, character: l.text.length - l.text.trimStart().length },
          end: { line: l.line, character: l.text.length },
        });
      });
      assert.equal(script.comments.length, lines.filter((l) => l.includes('#')).length);
      assert.equal(script.lineCount, lines.length);
    });
  }

  it('01-three-way-handshake: header, calls, expectations and packets in order', () => {
    const script = parse(fs.readFileSync(path.join(contractExamples, '01-three-way-handshake.tcpflow'), 'utf8'));
    assert.deepEqual(
      script.statements.map((s) => s.type),
      ['flow', 'seed', 'endpoint', 'endpoint', 'link', 'call', 'expect', 'call', 'expect', 'packet', 'expect', 'packet', 'expect', 'expect', 'packet', 'expect'],
    );
  });

  it('10-tls12-rsa: TLS calls and TLS packet lines', () => {
    const script = parse(fs.readFileSync(path.join(contractExamples, '10-tls12-rsa.tcpflow'), 'utf8'));
    const tls = script.statements.filter((s) => s.type === 'tlsPacket');
    assert.deepEqual(
      tls.map((s) => s.messages.map((m) => m.name).join(',')),
      ['ClientHello', 'ServerHello,Certificate,ServerHelloDone', 'ClientKeyExchange,ChangeCipherSpec,Finished', 'ChangeCipherSpec,Finished', 'ApplicationData'],
    );
    assert.deepEqual(
      script.statements.filter((s) => s.type === 'tlsCall').map((s) => s.verb.text),
      ['accept', 'connect', 'send'],
    );
  });
});
