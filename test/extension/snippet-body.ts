// A VS Code snippet body as the text it inserts when the user accepts every default:
// `${1:client}` → `client`, `${2|linux,rfc9293|}` → `linux`, `$1` → tabstop 1's default, `$0` → ''.

export function expandSnippet(body: string | readonly string[]): string {
  const text = typeof body === 'string' ? body : body.join('\n');
  const defaults = new Map<string, string>();
  for (const m of text.matchAll(/\$\{(\d+):([^}]*)\}/g)) if (!defaults.has(m[1] ?? '')) defaults.set(m[1] ?? '', m[2] ?? '');
  for (const m of text.matchAll(/\$\{(\d+)\|([^|},]*)[|,]/g)) if (!defaults.has(m[1] ?? '')) defaults.set(m[1] ?? '', m[2] ?? '');
  return text
    .replace(/\$\{(\d+):([^}]*)\}/g, (_, n: string) => defaults.get(n) ?? '')
    .replace(/\$\{(\d+)\|[^}]*\|\}/g, (_, n: string) => defaults.get(n) ?? '')
    .replace(/\$\{(\d+)\}|\$(\d+)/g, (_, a: string | undefined, b: string | undefined) => defaults.get(a ?? b ?? '') ?? '');
}
