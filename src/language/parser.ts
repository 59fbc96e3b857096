// parse(source) → Script. One statement per line: each line is lexed and parsed on its own, so a
// mistake costs exactly that line (one SyntaxError on the offending token) and every other line
// still parses. parse never throws, whatever the input.
import type { Comment, Script, Statement, SyntaxError } from './ast';
import { LineCursor } from './cursor';
import { lexLine } from './lexer';
import { readStatement } from './parse-statement';
import { LineProblem } from './syntax-problem';

/** LSP line breaks: `\r\n`, `\n` or a lone `\r`. */
const LINE_BREAK = /\r\n|\r|\n/;

export function parse(source: string): Script {
  const statements: Statement[] = [];
  const errors: SyntaxError[] = [];
  const comments: Comment[] = [];
  const lines = source.split(LINE_BREAK);
  for (let line = 0; line < lines.length; line++) {
    const text = lines[line] as string;
    const lexed = lexLine(text);
    if (lexed.comment) {
      const { start, end } = lexed.comment;
      comments.push({ text: lexed.comment.text, range: { start: { line, character: start }, end: { line, character: end } } });
    }
    if (lexed.problem) {
      const p = lexed.problem;
      errors.push(syntaxError(line, new LineProblem(p.start, p.end, p)));
      continue;
    }
    if (lexed.tokens.length === 0) continue;
    const cursor = new LineCursor(line, text, lexed.tokens);
    try {
      statements.push(readStatement(cursor));
    } catch (thrown) {
      errors.push(syntaxError(line, thrown instanceof LineProblem ? thrown : internalProblem(text, thrown)));
    }
  }
  return { statements, errors, comments, lineCount: lines.length };
}

function syntaxError(line: number, p: LineProblem): SyntaxError {
  return {
    range: { start: { line, character: p.start }, end: { line, character: p.end } },
    message: p.text.message,
    messageZh: p.text.messageZh,
  };
}

/** A bug in the parser must not take the editor down: it becomes this line's error. */
function internalProblem(text: string, thrown: unknown): LineProblem {
  const detail = thrown instanceof Error ? thrown.message : String(thrown);
  return new LineProblem(0, text.length, {
    message: `tcpflow could not parse this line (a bug in tcpflow, please report it): ${detail}`,
    messageZh: `tcpflow 无法解析这一行（这是 tcpflow 的缺陷，请报告）：${detail}`,
  });
}
