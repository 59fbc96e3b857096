// packetdrill text → events. Comments (`//`, `/* */`) are blanked out keeping line numbers;
// an event starts with a time (`0`, `+0.1`, `*`, `+0~+.04`, `+0...0.2`) and may continue on the
// following lines; `--option` lines and backtick commands before the first event are options.
// Each event keeps its 0-based line range in the .pkt file for diagnostics.

export interface PktEvent {
  /** `+`: relative, `abs`: absolute, `any`: `*`, `none`: no time (option or command line). */
  readonly timeKind: '+' | 'abs' | 'any' | 'none';
  /** Seconds (the start of a range or of a blocking call). */
  readonly time: number;
  /** `~t2` or `...t2` as written, for comments; '' when absent. */
  readonly timeTail: string;
  /** The action: `< S 0:0(0) …`, `listen(3, 1) = 0`, `--tolerance_usecs=10000`, `` `cmd` ``. */
  readonly text: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly endChar: number;
}

const NUM = String.raw`(?:\d+(?:\.\d*)?|\.\d+)`;
const TIME = new RegExp(String.raw`^(\*|\+?${NUM})((?:~\+?${NUM})|(?:\.\.\.\+?${NUM}))?(?=\s|$)`);

/** Comments as spaces, keeping every line break (\r too: an editor counts a lone \r as one). */
export function blankComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\r\n]*/g, (c) => c.replace(/[^\r\n]/g, ' '));
}

export function splitEvents(text: string): PktEvent[] {
  // Lines as an editor counts them (LSP): \r\n, \n or a lone \r.
  const lines = blankComments(text).split(/\r\n|\r|\n/);
  const events: PktEvent[] = [];
  let current: { head: Omit<PktEvent, 'text' | 'endLine' | 'endChar'>; parts: string[]; endLine: number; endChar: number } | null = null;
  const flush = (): void => {
    if (current) events.push({ ...current.head, text: current.parts.join(' ').trim(), endLine: current.endLine, endChar: current.endChar });
    current = null;
  };
  lines.forEach((raw, line) => {
    const trimmed = raw.trim();
    if (!trimmed) return;
    const open = current !== null && unclosed(current.parts.join(' '));
    const m = open ? null : TIME.exec(trimmed);
    if (m) {
      flush();
      const t = m[1]!;
      const head = {
        timeKind: t === '*' ? ('any' as const) : t.startsWith('+') ? ('+' as const) : ('abs' as const),
        time: t === '*' ? 0 : Number(t.replace('+', '')),
        timeTail: m[2] ?? '',
        startLine: line,
      };
      current = { head, parts: [trimmed.slice(m[0].length)], endLine: line, endChar: raw.trimEnd().length };
    } else if (current && !/^--|^`/.test(trimmed)) {
      current.parts.push(trimmed);
      current.endLine = line;
      current.endChar = raw.trimEnd().length;
    } else {
      flush();
      current = { head: { timeKind: 'none', time: 0, timeTail: '', startLine: line }, parts: [trimmed], endLine: line, endChar: raw.trimEnd().length };
    }
  });
  flush();
  return events;
}

/** An event still open: a python block `%{` without `}%`, an odd backtick, unbalanced brackets. */
function unclosed(s: string): boolean {
  if (s.includes('%{') && !s.includes('}%')) return true;
  if ((s.match(/`/g) ?? []).length % 2 === 1) return true;
  const depth = (open: string, close: string): number => s.split(open).length - s.split(close).length;
  return depth('(', ')') > 0 || depth('{', '}') > 0 || depth('[', ']') > 0;
}
