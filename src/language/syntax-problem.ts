// How the parser says what is wrong with a line, in English and Simplified Chinese: "expected X,
// found Y", with a "did you mean" when a known word is close. A line parser stops at the first
// problem by throwing a LineProblem; parser.ts turns it into the line's one SyntaxError.

export interface Bilingual {
  readonly message: string;
  readonly messageZh: string;
}

export function bilingual(message: string, messageZh: string): Bilingual {
  return { message, messageZh };
}

/** What the parser wanted at some point, as a phrase in both languages. */
export interface Expectation {
  readonly en: string;
  readonly zh: string;
}

export function phrase(en: string, zh: string): Expectation {
  return { en, zh };
}

/** The one problem of a line: columns on that line and the message. */
export class LineProblem {
  constructor(
    readonly start: number,
    readonly end: number,
    readonly text: Bilingual,
  ) {}
}

/** The thing found where something else was expected: a token's text, or the end of the line. */
export interface Found {
  readonly start: number;
  readonly end: number;
  /** null at the end of the line. */
  readonly text: string | null;
}

export function expected(what: Expectation, found: Found, suggestion?: string): LineProblem {
  const foundEn = found.text === null ? 'the end of the line' : `'${shorten(found.text)}'`;
  const foundZh = found.text === null ? '行尾' : `“${shorten(found.text)}”`;
  const hintEn = suggestion !== undefined ? `; did you mean '${suggestion}'?` : '';
  const hintZh = suggestion !== undefined ? `；是否想写 “${suggestion}”？` : '';
  return new LineProblem(
    found.start,
    found.end,
    bilingual(`expected ${what.en}, found ${foundEn}${hintEn}`, `此处应为${spaced(what.zh)}，但找到的是${foundZh}${hintZh}`),
  );
}

export function problem(at: { readonly start: number; readonly end: number }, message: string, messageZh: string): LineProblem {
  return new LineProblem(at.start, at.end, bilingual(message, messageZh));
}

/** A space between Chinese text and a following Latin word: `应为 TLS 消息名`. */
function spaced(zh: string): string {
  return /^[A-Za-z0-9"'<]/.test(zh) ? ` ${zh}` : zh;
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

/** The candidate closest to `word` (case-insensitive), if it is plausibly a typo of it. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  if (w.length > 40) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(w, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const allowed = w.length <= 3 ? 1 : w.length <= 6 ? 2 : 3;
  return bestDistance > 0 && bestDistance <= allowed ? best : undefined;
}

/** Damerau–Levenshtein (optimal string alignment): a swapped pair of letters counts as one edit. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const up = rows[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      row.push(d);
    }
    rows.push(row);
  }
  return (rows[a.length] as number[])[b.length] as number;
}
