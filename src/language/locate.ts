// What is at a position in a script: the token under the cursor, its neighbours on the line, and
// the statement that line holds. Pure helpers for the editor features (hover, completion, rename).
import type { Position, Range, Script, Statement } from './ast';
import { lexLine, type Token } from './lexer';

/** LSP line breaks: `\r\n`, `\n` or a lone `\r` (as the parser splits). */
export function sourceLines(source: string): string[] {
  return source.split(/\r\n|\r|\n/);
}

/** The token under (or just before) the cursor on its line, with the line's other tokens. */
export interface TokenAt {
  readonly token: Token;
  /** Index of `token` in `tokens`. */
  readonly index: number;
  readonly tokens: readonly Token[];
  readonly range: Range;
}

/** The token that contains `position`, or that ends exactly at it (the cursor after a word). */
export function tokenAt(source: string, position: Position): TokenAt | undefined {
  const text = sourceLines(source)[position.line];
  if (text === undefined) return undefined;
  const { tokens } = lexLine(text);
  const c = position.character;
  let index = tokens.findIndex((t) => t.start <= c && c < t.end);
  if (index < 0) index = tokens.findIndex((t) => t.end === c && t.kind === 'word');
  const token = tokens[index];
  if (token === undefined) return undefined;
  const range = { start: { line: position.line, character: token.start }, end: { line: position.line, character: token.end } };
  return { token, index, tokens, range };
}

/** The tokens of a line that end at or before the cursor (what has been typed so far). */
export function tokensBefore(source: string, position: Position): readonly Token[] {
  const text = sourceLines(source)[position.line] ?? '';
  const { tokens } = lexLine(text.slice(0, position.character));
  return tokens;
}

/** The statement written on a line (a `repeat` gives its own node; its body is inside it). */
export function statementOnLine(script: Script, line: number): Statement | undefined {
  return script.statements.find((s) => s.range.start.line === line);
}

/** The statement itself, or a `repeat`'s body. */
export function innermost(stmt: Statement): Statement {
  return stmt.type === 'repeat' ? stmt.body : stmt;
}

export function contains(range: Range, p: Position): boolean {
  const afterStart = p.line > range.start.line || (p.line === range.start.line && p.character >= range.start.character);
  const beforeEnd = p.line < range.end.line || (p.line === range.end.line && p.character <= range.end.character);
  return afterStart && beforeEnd;
}
