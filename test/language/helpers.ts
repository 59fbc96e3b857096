// Small helpers for the parser tests: parse one line, find where a piece of text sits.
import * as assert from 'node:assert/strict';
import type { Range, Statement, SyntaxError } from '../../src/language/ast';
import { parse } from '../../src/language/parser';

/** Parses a one-statement source and insists it had no syntax error. */
export function parseOne(source: string): Statement {
  const script = parse(source);
  assert.deepEqual(script.errors, [], `unexpected syntax error in: ${source}`);
  assert.equal(script.statements.length, 1, `expected one statement in: ${source}`);
  return script.statements[0] as Statement;
}

/** Narrows a statement to the given type, failing the test otherwise. */
export function as<T extends Statement['type']>(stmt: Statement, type: T): Extract<Statement, { type: T }> {
  assert.equal(stmt.type, type);
  return stmt as Extract<Statement, { type: T }>;
}

/** Parses a source that has exactly one syntax error and returns it. */
export function oneError(source: string): SyntaxError {
  const script = parse(source);
  assert.equal(script.errors.length, 1, `expected one syntax error in: ${source}\ngot: ${JSON.stringify(script.errors)}`);
  return script.errors[0] as SyntaxError;
}

/** The range of the `occurrence`-th appearance of `text` in `source` (0-based, end exclusive). */
export function rangeOf(source: string, text: string, occurrence = 0): Range {
  let index = -1;
  for (let i = 0; i <= occurrence; i++) {
    index = source.indexOf(text, index + 1);
    assert.ok(index >= 0, `'${text}' not found in the fixture`);
  }
  const before = source.slice(0, index).split('\n');
  const line = before.length - 1;
  const character = (before[line] as string).length;
  return { start: { line, character }, end: { line, character: character + text.length } };
}
