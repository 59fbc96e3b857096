// Incremental parsing equals parsing the whole text: random edit sequences (typing, deleting,
// line breaks of every kind, pasted lines from other examples, a `\r` that later meets a `\n`)
// over every bundled example, compared with `parse` after each edit. Seeded, so a failure
// reproduces.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from '../../../src/language/parser';
import { parseAgain, parseAll, type ParsedLines } from '../../../src/server/features/incremental-parse';
import { ScriptCache } from '../../../src/server/features/document';
import { repoRoot } from '../../support/paths';

const EXAMPLES = path.join(repoRoot, 'examples');
const texts = fs
  .readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.tcpflow'))
  .sort()
  .map((f) => ({ name: f, text: fs.readFileSync(path.join(EXAMPLES, f), 'utf8') }));
const allLines = texts.flatMap((t) => t.text.split('\n'));

/** A small seeded generator (mulberry32). */
function random(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

const PIECES = ['', 'x', ' ', '\n', '\r\n', '\r', '->', 'SYN', ',ACK', 'seq=x+1', '"', '#', '@0.1', '=', '[S.]', 'client', 'repeat 3 '];

/** One random edit: replace a random span (often empty, often short) with a random piece or pasted lines. */
function edit(text: string, next: (n: number) => number): string {
  const start = next(text.length + 1);
  const length = next(4) === 0 ? next(200) : next(6);
  const end = Math.min(text.length, start + length);
  const paste = next(5) === 0 ? Array.from({ length: 1 + next(4) }, () => allLines[next(allLines.length)]).join('\n') + '\n' : (PIECES[next(PIECES.length)] as string);
  return text.slice(0, start) + paste + text.slice(end);
}

describe('server features: incremental parsing', () => {
  for (const [i, { name, text }] of texts.entries()) {
    it(`equals a full parse after each of 40 random edits: ${name}`, () => {
      const next = random(1000 + i);
      let state: ParsedLines = parseAll(text);
      assert.deepStrictEqual(state.script, parse(text));
      let current = text;
      for (let step = 0; step < 40; step++) {
        current = edit(current, next);
        state = parseAgain(state, current);
        assert.deepStrictEqual(state.script, parse(current), `${name}, edit ${step + 1}`);
      }
    });
  }

  it('keeps the parse of the lines an edit did not touch (the lines after it moved, the ones before as they were)', () => {
    const text = texts[0]?.text ?? '';
    const cache = new ScriptCache();
    const before = cache.get('u', 1, text);
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.includes('->'));
    lines.splice(at, 0, 'client send 1');
    const after = cache.get('u', 2, lines.join('\n'));
    assert.deepStrictEqual(after, parse(lines.join('\n')));
    const kept = before.statements.filter((s) => s.range.start.line < at);
    assert.ok(kept.length > 0);
    for (const s of kept) assert.ok(after.statements.includes(s), 'the same object: not parsed again');
  });

  it('a document that grows over the size limit is an empty script, and parses again below it', () => {
    const cache = new ScriptCache(() => 100);
    const small = 'flow "x"\nseed 1\n';
    assert.deepStrictEqual(cache.get('u', 1, small), parse(small));
    assert.deepStrictEqual(cache.get('u', 2, small + '#'.repeat(200)), parse(''));
    assert.deepStrictEqual(cache.get('u', 3, small), parse(small));
  });
});
