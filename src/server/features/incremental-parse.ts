// Parsing a document again after an edit, re-parsing only the lines that changed. The language
// is line-oriented: `parse` reads every line on its own, and what a line gives (its statement or
// syntax error, and its comment) depends on nothing but its text and its line number — no
// earlier line (an endpoint declaration, a `profile`) changes how a later one parses. So the
// lines before and after the edited ones keep their parse: the ones before as they were, the
// ones after moved by the number of lines the edit added or removed.
//
// Moving rewrites the `line` of their positions in place (copying them cost about as much as
// parsing them again): `parseAgain` takes over the syntax trees of the version it is given, so
// a Script of an older version must not be read once a newer one is parsed (the server reads
// only the current version's: see register.ts). The result is equal to `parse` of the whole text
// (test/server/features/incremental-parse.test.ts checks this over random edits of every example).
import type { Comment, Script, Statement, SyntaxError } from '../../language/ast';
import { parse } from '../../language/parser';

/** LSP line breaks, as parse splits: `\r\n`, `\n` or a lone `\r`. */
const LINE_BREAK = /\r\n|\r|\n/;

/** What one line adds to the Script. */
interface LineParse {
  readonly comment?: Comment;
  readonly statement?: Statement;
  readonly error?: SyntaxError;
}

const NOTHING: LineParse = {};

/** One version's lines and what each gave, in line order. */
export interface ParsedLines {
  readonly lines: readonly string[];
  readonly parsed: readonly LineParse[];
  readonly script: Script;
}

/** The whole text, parsed at once (the first version of a document). */
export function parseAll(source: string): ParsedLines {
  const script = parse(source);
  const lines = source.split(LINE_BREAK);
  const parts = new Array<{ comment?: Comment; statement?: Statement; error?: SyntaxError } | undefined>(lines.length);
  const partAt = (line: number): NonNullable<(typeof parts)[number]> => (parts[line] ??= {});
  for (const comment of script.comments) partAt(comment.range.start.line).comment = comment;
  for (const statement of script.statements) partAt(statement.range.start.line).statement = statement;
  for (const error of script.errors) partAt(error.range.start.line).error = error;
  const parsed: LineParse[] = new Array<LineParse>(lines.length);
  for (let line = 0; line < lines.length; line++) parsed[line] = parts[line] ?? NOTHING;
  return { lines, parsed, script };
}

/**
 * `source`, a later version of `before`'s text: only the lines between the unchanged start and
 * end are parsed. Takes over `before` (the lines after the edit are moved in place).
 */
export function parseAgain(before: ParsedLines, source: string): ParsedLines {
  const lines = source.split(LINE_BREAK);
  const old = before.lines;
  const shortest = Math.min(lines.length, old.length);
  let head = 0;
  while (head < shortest && lines[head] === old[head]) head++;
  let tail = 0;
  while (tail < shortest - head && lines[lines.length - 1 - tail] === old[old.length - 1 - tail]) tail++;
  const moved = lines.length - old.length;
  const parsed: LineParse[] = new Array<LineParse>(lines.length);
  for (let line = 0; line < head; line++) parsed[line] = before.parsed[line] as LineParse;
  for (let line = head; line < lines.length - tail; line++) parsed[line] = parseLine(lines[line] as string, line);
  for (let line = lines.length - tail; line < lines.length; line++) {
    const was = before.parsed[line - moved] as LineParse;
    if (moved !== 0) moveLine(was, line);
    parsed[line] = was;
  }
  return { lines, parsed, script: assemble(parsed) };
}

/** What parse gives for one line of text (without a line break) at `line`. */
function parseLine(text: string, line: number): LineParse {
  const script = parse(text);
  const part: LineParse = {
    ...(script.comments[0] !== undefined ? { comment: script.comments[0] } : {}),
    ...(script.statements[0] !== undefined ? { statement: script.statements[0] } : {}),
    ...(script.errors[0] !== undefined ? { error: script.errors[0] } : {}),
  };
  if (line !== 0) moveLine(part, line);
  return part;
}

/** The Script the lines make, in parse's order. */
function assemble(parsed: readonly LineParse[]): Script {
  const statements: Statement[] = [];
  const errors: SyntaxError[] = [];
  const comments: Comment[] = [];
  for (const part of parsed) {
    if (part === NOTHING) continue;
    if (part.comment !== undefined) comments.push(part.comment);
    if (part.statement !== undefined) statements.push(part.statement);
    if (part.error !== undefined) errors.push(part.error);
  }
  return { statements, errors, comments, lineCount: parsed.length };
}

/**
 * Puts every position of a line's parse on `line` (all of them are on one line, so setting it
 * is right even for a position two nodes share).
 */
function moveLine(part: object, line: number): void {
  const node = part as Record<string, unknown>;
  for (const key in node) {
    const item = node[key];
    if (typeof item === 'object' && item !== null) {
      if (!ArrayBuffer.isView(item)) moveLine(item, line); // bytes (a string's Uint8Array) hold no positions
    } else if (key === 'line' && typeof item === 'number') {
      node[key] = line;
    }
  }
}
