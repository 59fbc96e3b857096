// The line the "▶ Run flow" CodeLens sits on: the first line that is neither blank nor a
// `#` comment (0-based), or 0 for a file with no statement yet.

export function firstStatementLine(text: string): number {
  const lines = text.split(/\r?\n/);
  const index = lines.findIndex((line) => {
    const trimmed = line.trim();
    return trimmed !== '' && !trimmed.startsWith('#');
  });
  return index === -1 ? 0 : index;
}
