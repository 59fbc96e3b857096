// A cursor over one line's tokens: what the statement parsers read from. It knows the line
// number, so it also makes the exact ranges of what it reads.
import type { Range } from './ast';
import type { Punct, Token } from './lexer';
import { expected, type Expectation, type Found, type LineProblem } from './syntax-problem';

/** The exact source text of a run of tokens written without spaces between them. */
export interface Span {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export class LineCursor {
  private index = 0;

  constructor(
    readonly line: number,
    readonly source: string,
    readonly tokens: readonly Token[],
  ) {}

  peek(ahead = 0): Token | undefined {
    return this.tokens[this.index + ahead];
  }

  atEnd(): boolean {
    return this.index >= this.tokens.length;
  }

  next(): Token | undefined {
    const t = this.tokens[this.index];
    if (t) this.index++;
    return t;
  }

  /** The end column of the last token read (the start of the line if none). */
  lastEnd(): number {
    return this.index > 0 ? (this.tokens[this.index - 1] as Token).end : 0;
  }

  /** Is the next token the keyword `word` (case-insensitive)? */
  isKeyword(word: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t !== undefined && t.kind === 'word' && t.text.toLowerCase() === word;
  }

  isPunct(p: Punct, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t !== undefined && t.kind === 'punct' && t.text === p;
  }

  /** Reads the keyword if it is next. */
  acceptKeyword(word: string): Token | undefined {
    return this.isKeyword(word) ? this.next() : undefined;
  }

  acceptPunct(p: Punct): Token | undefined {
    return this.isPunct(p) ? this.next() : undefined;
  }

  /** What is next, for an "expected …, found …" message; the end of the line is shown on the last token. */
  found(): Found {
    const t = this.peek();
    if (t) return { start: t.start, end: t.end, text: t.text };
    const last = this.tokens[this.tokens.length - 1];
    return last ? { start: last.start, end: last.end, text: null } : { start: 0, end: 0, text: null };
  }

  fail(what: Expectation, suggestion?: string): LineProblem {
    return expected(what, this.found(), suggestion);
  }

  expectPunct(p: Punct, what: Expectation): Token {
    const t = this.acceptPunct(p);
    if (!t) throw this.fail(what);
    return t;
  }

  /**
   * Reads the next token and every token written right after it without a space, unless
   * `stop` says a token ends the run (before it is read).
   */
  span(stop: (t: Token) => boolean = () => false): Span | undefined {
    const first = this.peek();
    if (!first || stop(first)) return undefined;
    let end = first.end;
    this.index++;
    for (let t = this.peek(); t && t.start === end && !stop(t); t = this.peek()) {
      end = t.end;
      this.index++;
    }
    return { text: this.source.slice(first.start, end), start: first.start, end };
  }

  range(start: number, end: number): Range {
    return { start: { line: this.line, character: start }, end: { line: this.line, character: end } };
  }

  tokenRange(t: { readonly start: number; readonly end: number }): Range {
    return this.range(t.start, t.end);
  }
}
