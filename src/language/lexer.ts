// The lexer: one source line in, its tokens out. A `.tcpflow` script has one statement per line,
// so the parser lexes line by line and a bad character can only spoil its own line.
//
// Tokens are deliberately small: a word, a number-like run (`1460`, `1.5s`, `10KB`, `5%`,
// `10.0.0.1`), a string, or one punctuation mark. Compound things written without spaces
// (`x+1`, `10.0.0.1:80`, `[S.]`, `00*12`) are re-read by the parser from the exact source text
// of adjacent tokens, so every range stays exact.
import { bilingual, type Bilingual } from './syntax-problem';

export type Punct = '->' | '=' | ',' | '+' | '-' | '<' | '>' | '[' | ']' | ':' | '@' | '*' | '.' | '(' | ')' | '/';

export type Token =
  | { readonly kind: 'word'; readonly text: string; readonly start: number; readonly end: number }
  | { readonly kind: 'number'; readonly text: string; readonly start: number; readonly end: number }
  | { readonly kind: 'punct'; readonly text: Punct; readonly start: number; readonly end: number }
  | {
      readonly kind: 'string';
      readonly text: string;
      readonly start: number;
      readonly end: number;
      /** Escapes applied; UTF-8 for non-ASCII characters, `\xHH` as that raw byte. */
      readonly bytes: Uint8Array;
      /** Escapes applied; `\xHH` as the character U+00HH. */
      readonly value: string;
    };

/** A problem found while lexing: the line is dropped with this one error. */
export interface LexProblem extends Bilingual {
  readonly start: number;
  readonly end: number;
}

export interface LexedLine {
  readonly tokens: readonly Token[];
  /** `#` to the end of the line, if any: its start column and its text after the `#`. */
  readonly comment?: { readonly start: number; readonly end: number; readonly text: string };
  readonly problem?: LexProblem;
}

const SINGLE_PUNCT = new Set<string>(['=', ',', '+', '-', '<', '>', '[', ']', ':', '@', '*', '.', '(', ')', '/']);

export function lexLine(line: string): LexedLine {
  const tokens: Token[] = [];
  const n = line.length;
  let i = 0;
  while (i < n) {
    const c = line.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0c || c === 0x0b || c === 0xa0 || c === 0xfeff) {
      i++;
    } else if (c === 0x23 /* # */) {
      return { tokens, comment: { start: i, end: trimmedEnd(line), text: line.slice(i + 1, trimmedEnd(line)) } };
    } else if (isWordStart(c)) {
      const start = i;
      i++;
      while (i < n) {
        const d = line.charCodeAt(i);
        if (isDigit(d) || isWordStart(d)) i++;
        else if (d === 0x2d /* - */ && line.charCodeAt(i + 1) !== 0x3e /* > */) i++;
        else break;
      }
      tokens.push({ kind: 'word', text: line.slice(start, i), start, end: i });
    } else if (isDigit(c)) {
      const start = i;
      i = numberEnd(line, i);
      tokens.push({ kind: 'number', text: line.slice(start, i), start, end: i });
    } else if (c === 0x22 /* " */) {
      const lexed = lexString(line, i);
      if ('problem' in lexed) return { tokens, problem: lexed.problem };
      tokens.push(lexed.token);
      i = lexed.token.end;
    } else if (c === 0x2d && line.charCodeAt(i + 1) === 0x3e) {
      tokens.push({ kind: 'punct', text: '->', start: i, end: i + 2 });
      i += 2;
    } else if (SINGLE_PUNCT.has(line[i] ?? '')) {
      tokens.push({ kind: 'punct', text: line[i] as Punct, start: i, end: i + 1 });
      i++;
    } else {
      const width = c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
      const ch = line.slice(i, i + width);
      return {
        tokens,
        problem: {
          start: i,
          end: i + width,
          ...bilingual(
            `unexpected character '${printable(ch)}': names are letters, digits, '_' and '-'; text goes in "double quotes"`,
            `意外的字符 “${printable(ch)}”：名称只能由字母、数字、“_” 和 “-” 组成；文本请放在 "双引号" 中`,
          ),
        },
      };
    }
  }
  return { tokens };
}

function trimmedEnd(line: string): number {
  let end = line.length;
  while (end > 0 && (line.charCodeAt(end - 1) === 0x20 || line.charCodeAt(end - 1) === 0x09)) end--;
  return end;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isWordStart(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

/** `0x1F`, `1460`, `1.5s`, `10KB`, `5%`, `10.0.0.1`: digits and dots, then letters or `%`. */
function numberEnd(line: string, i: number): number {
  const n = line.length;
  while (i < n && isDigit(line.charCodeAt(i))) i++;
  while (i + 1 < n && line.charCodeAt(i) === 0x2e && isDigit(line.charCodeAt(i + 1))) {
    i += 2;
    while (i < n && isDigit(line.charCodeAt(i))) i++;
  }
  while (i < n) {
    const d = line.charCodeAt(i);
    if (isDigit(d) || isWordStart(d)) i++;
    else break;
  }
  if (line.charCodeAt(i) === 0x25 /* % */) i++;
  return i;
}

const ESCAPES: Readonly<Record<string, number>> = { r: 0x0d, n: 0x0a, t: 0x09, '\\': 0x5c, '"': 0x22 };

type LexedString = { readonly token: Token } | { readonly problem: LexProblem };

function lexString(line: string, start: number): LexedString {
  const bytes: number[] = [];
  let value = '';
  let i = start + 1;
  while (i < line.length) {
    const ch = line[i] as string;
    if (ch === '"') {
      const end = i + 1;
      return { token: { kind: 'string', text: line.slice(start, end), start, end, bytes: Uint8Array.from(bytes), value } };
    }
    if (ch === '\\') {
      const e = line[i + 1] ?? '';
      const simple = ESCAPES[e];
      if (simple !== undefined) {
        bytes.push(simple);
        value += String.fromCharCode(simple);
        i += 2;
        continue;
      }
      const hex = line.slice(i + 2, i + 4);
      if (e === 'x' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
        const b = parseInt(hex, 16);
        bytes.push(b);
        value += String.fromCharCode(b);
        i += 4;
        continue;
      }
      const shown = e === 'x' ? `\\x${hex}` : `\\${e}`;
      return {
        problem: {
          start: i,
          end: Math.min(line.length, i + (e === 'x' ? 2 + hex.length : 1 + e.length)),
          ...bilingual(
            `unknown escape '${printable(shown)}' in a string: use \\r \\n \\t \\\\ \\" or \\xHH (two hex digits)`,
            `字符串中有未知的转义 “${printable(shown)}”：可用 \\r \\n \\t \\\\ \\" 或 \\xHH（两位十六进制数）`,
          ),
        },
      };
    }
    const code = line.codePointAt(i) ?? 0;
    const width = code > 0xffff ? 2 : 1;
    const s = line.slice(i, i + width);
    pushUtf8(bytes, code);
    value += s;
    i += width;
  }
  return {
    problem: {
      start,
      end: trimmedEnd(line),
      ...bilingual('unterminated string: add the closing \'"\'', '字符串没有结束：请补上结尾的 “"”'),
    },
  };
}

function pushUtf8(bytes: number[], code: number): void {
  if (code < 0x80) bytes.push(code);
  else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
  else if (code < 0x10000) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
  else bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 0x3f), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
}

/** A character as it can be shown in a message (control characters as `\u0000`). */
export function printable(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    out += c < 0x20 || c === 0x7f || (c >= 0x80 && c < 0xa0) ? `\\u${c.toString(16).padStart(4, '0')}` : ch;
  }
  return out;
}
